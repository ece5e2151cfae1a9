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

#include "core/consignment.h"

namespace placi::core {

// Script- and accent-insensitive folding: other scripts transliterated to
// Latin and then to ASCII (ICU "Any-Latin; Latin-ASCII": "Müller" → "muller",
// "Иван" → "ivan"), case folded, every run of characters that is not a letter
// or digit turned into one space, trimmed. Invalid UTF-8 counts as separators.
std::string FoldText(std::string_view text);

// FoldText split on spaces.
std::vector<std::string> FoldTokens(std::string_view text);

// Appends the words of `text` (runs between spaces, empty ones skipped) to
// `words`, a container of std::string_view or std::string: folded text and
// keys are split this one way.
template <typename Words>
void AppendWords(std::string_view text, Words* words) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words->emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Party names: folded tokens without legal-form noise (ltd, co, gmbh, inc,
// llc, limited, …; kept when nothing else is left), sorted and de-duplicated,
// joined by one space. Order-insensitive: "Doe John" == "John Doe".
std::string NameKey(std::string_view name);

// A party name with its words glued in their order, legal forms left out:
// "深圳华强金丰电子" (transliterated "shen zhen hua qiang …") and "Shenzhen
// Huaqiang Jinfeng Dianzi" meet as "shenzhenhuaqiangjinfengdianzi", where
// syllables and words split differently.
std::string GluedNameKey(std::string_view name);

// FoldText, NameKey and GluedNameKey of one name, from one fold.
struct NameForms {
  std::string folded;
  std::string key;
  std::string glued;
};
NameForms NameFormsOf(std::string_view name);

// The parts of a name written two ways at once, each as NameForms, so that
// each can be matched on its own: the text in brackets and the text around
// them ("Acme Co., Ltd. (深圳阿克米有限公司)"), and runs of Latin letters and
// of another script ("Acme 深圳阿克米"). Parts made only of legal forms are
// left out. `parts` is emptied, and stays empty when the name is one part
// (an ASCII name without brackets is told so in one pass over its bytes).
void NamePartFormsOf(std::string_view name, std::vector<NameForms>* parts);

// Addresses: folded tokens of all parts with common abbreviations expanded
// (rd → road, st → street, …), sorted and de-duplicated. A structured
// address and the same address written as one line give the same key.
std::string AddressKey(const Address& address);
std::string AddressKey(std::string_view one_line_address);

// Goods text as the brand and term matcher reads it: "@", "$", "!" read as
// "a", "s", "i", ":" as the word "colon" (so "1:1" is not "1.1"), folded tokens, and inside tokens that mix letters and digits
// the digits read as the letters they imitate ("N1ke" → "nike", "R0lex" →
// "rolex"). `one_as_l` reads "1" as "l" instead of "i" ("Ro1ex").
std::vector<std::string> TermTokens(std::string_view text, bool one_as_l = false);

// TermTokens in two steps on one string, its tokens apart by spaces, so that
// the watchlist match reads both readings of "1" from one fold and reuses
// its buffers (TermTokens(text, x) is the words of FoldTermText then
// ReadDigitsAsLetters(x)). FoldTermText writes over *folded.
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
std::string PhoneKey(std::string_view phone, std::string_view country_code = "");

// E-mails: trimmed, lower-cased, "+tag" dropped from the local part, and
// dots dropped where the provider ignores them (gmail.com, googlemail.com).
// "Name <addr>" and "mailto:addr" are addr.
std::string EmailKey(std::string_view email);

// A URL's text with its %XX escapes decoded (twice, for a URL escaped
// again: "%2520" → "%20" → " "), so that "mirror%20quality%201%3A1" reads
// "mirror quality 1:1" ("+" already parts words when folded). Returns `url`
// itself when it has no "%" (the common case, without a copy), else the
// decoding written over *buffer. A "%" not followed by two hex digits
// stays.
std::string_view PercentDecoded(std::string_view url, std::string* buffer);

// Tax ids and seller ids: letters and digits only, upper-cased.
std::string IdKey(std::string_view id);

// The same normalisations written over *out, whose room is reused: every
// parcel is normalised on the screening path, and buffers kept per thread
// (NormalizeParcel's) then stop allocating. Each gives what its namesake
// returns.
void FoldTextInto(std::string_view text, std::string* out);
void NameFormsInto(std::string_view name, std::string* folded, std::string* key,
                   std::string* glued);
void AddressKeyInto(const Address& address, std::string* out);
void PhoneKeyInto(std::string_view phone, std::string_view country_code, std::string* out);
void EmailKeyInto(std::string_view email, std::string* out);
void IdKeyInto(std::string_view id, std::string* out);

}  // namespace placi::core

#endif  // PLACI_CORE_NORMALIZE_H_
