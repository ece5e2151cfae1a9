// Normalisation of the values that watchlist entries and parcels are
// compared on. Entries and parcels go through the same functions, so a match
// is an equality of keys.
//
//   FoldText("  Müller-Lüdenscheidt GmbH ") == "muller ludenscheidt gmbh"
//   NameKey("SHENZHEN Fast Trading Co., Ltd.") == "fast shenzhen trading"
//   PhoneKey("+86 (755) 1234-5678") == "867551234 5678" without the space
#ifndef PLACI_CORE_NORMALIZE_H_
#define PLACI_CORE_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/byte_blocks.h"
#include "core/consignment.h"

namespace placi::core {

// Script- and accent-insensitive folding: compatibility forms read as their
// plain letters and invisible characters inside a word dropped (NFKC and
// default ignorables, text_fold.h: "𝐑𝐨𝐥𝐞𝐱" → "rolex", "mir\u200Bror" →
// "mirror"), other scripts transliterated to Latin and then to ASCII (ICU
// "Any-Latin; Latin-ASCII": "Müller" → "muller", "Иван" → "ivan"), case
// folded, every run of characters that is not a letter or digit turned into
// one space, trimmed. Invalid UTF-8 counts as separators.
std::string FoldText(std::string_view text);

// FoldText split on spaces.
std::vector<std::string> FoldTokens(std::string_view text);

// FoldText of a goods description, with the brands its Chinese words name
// read as their Latin names first ("古驰包" → "gucci handbag";
// chinese_brand_names.h), so that the goods rules know them. Text without
// a CJK ideograph folds as FoldText folds it.
std::string FoldDescription(std::string_view description);

// Appends the words of `text` (runs between spaces, empty ones skipped) to
// `words`, a container of std::string_view or std::string: folded text and
// keys are split this one way.
template <typename Words>
void AppendWords(std::string_view text, Words* words) {
  ForEachWord(text, [words](std::string_view word) { words->emplace_back(word); });
}

// Party names: folded tokens without legal-form noise (ltd, co, gmbh, inc,
// llc, limited, …; kept when nothing else is left), business abbreviations
// read as their words ("Ind" → "industrial", "Sup" → "supplies", "I/E" →
// "import export"; GluedNameKey too), sorted and de-duplicated, joined by
// one space. Order-insensitive: "Doe John" == "John Doe".
std::string NameKey(std::string_view name);

// A party name with its words glued in their order, legal forms left out:
// "深圳华强金丰电子" (transliterated "shen zhen hua qiang …") and "Shenzhen
// Huaqiang Jinfeng Dianzi" meet as "shenzhenhuaqiangjinfengdianzi", where
// syllables and words split differently.
std::string GluedNameKey(std::string_view name);

// The family name of a person's name, as the household aggregation of the
// pattern rules reads it (pattern_rules.h): the last word ("Marie Dupont",
// "J. Dupont", "MARIE DUPONT" → "dupont"), or the first where the name
// puts it first: written in capitals before a given name that is not
// ("DUPONT Marie"), before a comma ("Dupont, Marie"), or in Chinese,
// Japanese or Korean script ("王伟" → "wang"). Titles and suffixes are left
// out ("Mr", "Jr"), umlauts respelled as in NameKey ("Müller" and
// "Mueller" → "muller"). Empty when the name says no family name: one word
// alone (unless beside a title: "Mrs Smith"), a last word that is an
// initial ("Maria S."), or a company (a legal form anywhere: "Dupont
// SARL"). `folded` is FoldText(name).
std::string FamilyNameKey(std::string_view name, std::string_view folded);

// FoldText, NameKey and GluedNameKey of one name, from one fold.
struct NameForms {
  std::string folded;
  std::string key;
  std::string glued;
  bool reading = false;  // a Latin reading of the name (NamePartFormsOf), not a part of it
};
NameForms NameFormsOf(std::string_view name);

// The parts of a name written two ways at once, each as NameForms, so that
// each can be matched on its own: the text in brackets and the text around
// them ("Acme Co., Ltd. (深圳阿克米有限公司)"), and runs of Latin letters and
// of another script ("Acme 深圳阿克米"). Parts made only of legal forms are
// left out. `parts` is emptied, and stays empty when the name is one part
// (an ASCII name without brackets is told so in one pass over its bytes).
// A name wholly in Hangul, Han, Arabic, Hebrew or Thai script has its
// Latin readings as parts instead (AppendNameReadings of name_readings.h,
// `country_code` the party's country): "김민준" → "kim minjun", "gim min
// jun", …
void NamePartFormsOf(std::string_view name, std::vector<NameForms>* parts,
                     std::string_view country_code = "");

// Addresses: folded tokens of all parts with common abbreviations expanded
// (rd → road, st → street, …), sorted and de-duplicated. A structured
// address and the same address written as one line give the same key.
std::string AddressKey(const Address& address);
std::string AddressKey(std::string_view one_line_address);

// The units inside a building that AddressKey leaves out, by their numbers
// ("Unit 7" → units "7"; "Flat 3B, 25/F" → units "3b", floors "25"), sorted,
// apart by one space. The key leaves them out so that a listed address is
// found however its floor or unit is written, or whether it is written at
// all; these tell a listed unit from another unit of its building.
struct AddressUnits {
  std::string units;   // flats, units, rooms, suites, apartments
  std::string floors;  // floors and levels
};
AddressUnits AddressUnitsOf(const Address& address);
AddressUnits AddressUnitsOf(std::string_view one_line_address);
// Whether two addresses of one AddressKey may be one door: each kind of
// unit that both name has the same numbers ("Unit 7" and "Unit 12" are
// two doors; "Unit 7" and no unit, or "Unit 7" and "2/F", may be one).
bool UnitsMayBeOneDoor(const AddressUnits& a, const AddressUnits& b);
// AddressKey and, when `units` is given, AddressUnitsOf in one pass.
void AddressKeyAndUnitsInto(const Address& address, std::string* key, AddressUnits* units);
void AddressKeyAndUnitsInto(std::string_view one_line_address, std::string* key,
                            AddressUnits* units);

// Goods text as the brand and term matcher reads it: "@", "$", "!" read as
// "a", "s", "i", ":" as the word "colon" (so "1:1" is not "1.1"), folded tokens, and inside tokens that mix letters and digits
// the digits read as the letters they imitate ("N1ke" → "nike", "R0lex" →
// "rolex"). `one_as_l` reads "1" as "l" instead of "i" ("Ro1ex").
std::vector<std::string> TermTokens(std::string_view text, bool one_as_l = false);

// TermTokens in two steps on one string, its tokens apart by spaces, so that
// the watchlist match reads both readings of "1" from one fold and reuses
// its buffers (TermTokens(text, x) is the words of FoldTermText then
// ReadDigitsAsLetters(x)). FoldTermText writes over *folded. Brands'
// Chinese names are read as their Latin names first (FoldDescription).
void FoldTermText(std::string_view text, std::string* folded);
void ReadDigitsAsLetters(bool one_as_l, std::string* term_text);

// Calls item(part) for each item of goods text written as a list, in order:
// the parts between list separators, so that a phrase term is not read
// across two items ("bathroom mirror, quality glass" is no "mirror
// quality"). Separators: "," ";" "|" and line breaks (and their full-width
// and ideographic forms "，" "；" "、" "｜"), and a dash with a space beside
// it ("car mirror - quality part"; "mirror-quality" is one item). A
// separator after a part of at most 3 letters and digits does not end it:
// letters spelt apart by commas ("r, e, p, l, i, c, a") stay one item, for
// the fragments to be glued. Text without a separator is one call with
// all of it.
template <typename Fn>
void ForEachListItem(std::string_view text, Fn&& item);

// The end of the list item of `text` that starts at `begin`, and in *next
// where the item after it starts (text.size() when none).
size_t ListItemEnd(std::string_view text, size_t begin, size_t* next);

template <typename Fn>
void ForEachListItem(std::string_view text, Fn&& item) {
  size_t begin = 0;
  do {
    size_t next;
    const size_t end = ListItemEnd(text, begin, &next);
    if (end > begin || begin == 0) item(text.substr(begin, end - begin));
    begin = next;
  } while (begin < text.size());
}

// Phones in E.164 digits (without "+"): "+86 (0)755 1234 5678",
// "0086 755 12345678" and, with country_code "CN", "0755 1234 5678" all give
// "8675512345678". A number in national form is completed with the calling
// code of `country_code` (the party's country) after dropping its trunk
// prefix; without a known country it stays as its digits. A label before
// the number ("tel:", "Tel.") is skipped, and the number ends at an
// extension ("ext. 2", "x2", "#2") or a second number (after ",", ";", a
// word or another "+"): "tel:+97145550199" and "+971 4 555 0199 ext. 2"
// give "97145550199". Two numbers apart by "/" alone read as one. A table of calling
// codes stands in for libphonenumber, whose API would bring protobuf into
// core/.
// Digits of other scripts count as digits ("＋９７１ ４ ５５５ ０１９９",
// "+٩٧١ ٤ ٥٥٥ ٠١٩٩" give "97145550199"), and a number that is not ASCII is
// read through FoldIdentifierInto first (text_fold.h: thin spaces, zero-width
// characters, mathematical digits).
std::string PhoneKey(std::string_view phone, std::string_view country_code = "");

// The number's digits as written, not completed with the calling code of
// the party's country: a number written without its "+" ("971 4 555
// 0199") by a party of another country is the international number as often
// as a national one. Empty when that cannot be one: fewer than 8 digits, or
// a leading 0 (a trunk prefix; "00" is dropped first as the international
// prefix).
std::string PhoneKeyAsWritten(std::string_view phone);

// E-mails: trimmed, lower-cased, "+tag" dropped from the local part, and
// dots dropped where the provider ignores them (gmail.com, googlemail.com,
// which is the same mailbox: read as gmail.com). "Name <addr>" and
// "mailto:addr" are addr; a trailing dot of the domain ("x@example.com.")
// is dropped. An address that is not ASCII is read through
// FoldIdentifierInto first (a full-width "＠", a trailing no-break space).
std::string EmailKey(std::string_view email);

// A URL's text with its %XX escapes decoded (twice, for a URL escaped
// again: "%2520" → "%20" → " "), so that "mirror%20quality%201%3A1" reads
// "mirror quality 1:1" ("+" already parts words when folded). Returns `url`
// itself when it has no "%" (the common case, without a copy), else the
// decoding written over *buffer. A "%" not followed by two hex digits
// stays.
std::string_view PercentDecoded(std::string_view url, std::string* buffer);

// Tax ids and seller ids: letters and digits only, upper-cased; an id that
// is not ASCII read through FoldIdentifierInto first (text_fold.h: "Ａ２X",
// a byte order mark or a zero-width space are the plain id).
std::string IdKey(std::string_view id);

// A marketplace as a seller id is qualified by (review bb4 M1: seller ids
// are issued per marketplace): ecommerce.platform or the part of a
// SELLER_ID entry before its ":", without a leading "www." and from the
// first "." on ("aliexpress.com", "AliExpress", "Ali Express" are
// "ALIEXPRESS"), then as IdKey.
void SellerPlatformKeyInto(std::string_view platform, std::string* out);

// The key of a SELLER_ID entry: IdKey(value), or, for "platform:id",
// SellerPlatformKey(platform) + ":" + IdKey(id), which only a parcel of that
// platform is looked up by (IdKey never holds a ":").
std::string SellerIdEntryKey(std::string_view value);

// The IdKeys of the seller ids a listing URL names (its %XX escapes
// decoded: PercentDecoded), into *keys: the values of the query parameters
// marketplaces put the seller in ("/sp?seller=A2XQ7LUXSTAR9", "me=",
// "sellerId=", "shopid=", …) and the path segment after "store", "shop",
// "seller", "str", "usr" ("/store/1101234567"). Keys shorter than 4 are left
// out.
void ListingSellerIdKeys(std::string_view url, std::vector<std::string>* keys);

// Tax ids: IdKey without a label before the number ("EORI:", "VAT No.",
// "USCC") and without a leading ISO country code before its digits, so
// that "CN91440101MA59LK7Q3X" is "91440101MA59LK7Q3X", "TR4820193756" is
// "4820193756" and "EORI: DE441773601928" is "DE441773601928".
std::string TaxIdKey(std::string_view tax_id);
void TaxIdKeyInto(std::string_view tax_id, std::string* out);

// The same normalisations written over *out, whose room is reused: every
// parcel is normalised on the screening path, and buffers kept per thread
// (NormalizeParcel's) then stop allocating. Each gives what its namesake
// returns.
void FoldTextInto(std::string_view text, std::string* out);
// *has_sign_for_a_letter (when given): whether the description has "@",
// "$", "!", "*", "|" or "€", which the goods rules read as letters ("Ch@nel",
// "G*cci", "Gucc|", "Chan€l"; "|" between spaces is a separator, and noted too):
// the fold meets each of them anyway, so every item is not read again for
// them; or, in text beyond ASCII, a word that mixes Latin letters with
// Cyrillic or Greek look-alikes (MixesLatinWithLookAlikes).
void FoldDescriptionInto(std::string_view description, std::string* out,
                         bool* has_sign_for_a_letter = nullptr);

// Whether a word of `text` mixes Latin letters with Cyrillic or Greek
// letters that look Latin ("Gucсi" with Cyrillic "с", which transliterates
// to "s": review24, a 20 EUR "Gucсi handbag" was no Gucci to the goods
// rules); UnmaskLookAlikes writes such words in Latin letters ("Gucci"),
// as the watchlist's term fold reads them, and leaves words wholly in one
// script as they are.
// WithoutLookAlikes writes a space for each look-alike in such words
// ("Gucсi bag" → "Guc i bag", "Samsung-телефон" → "Samsung- л ф  "), so
// that a brand written in plain Latin beside them still reads.
bool MixesLatinWithLookAlikes(std::string_view text);
std::string UnmaskLookAlikes(std::string_view text);
std::string WithoutLookAlikes(std::string_view text);
void NameFormsInto(std::string_view name, std::string* folded, std::string* key,
                   std::string* glued);
void AddressKeyInto(const Address& address, std::string* out);
void PhoneKeyInto(std::string_view phone, std::string_view country_code, std::string* out);
void EmailKeyInto(std::string_view email, std::string* out);
void IdKeyInto(std::string_view id, std::string* out);

}  // namespace placi::core

#endif  // PLACI_CORE_NORMALIZE_H_
