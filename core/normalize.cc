// Normalisation shared by watchlist entries and parcels. The ASCII fast path
// avoids ICU for the common case; other text goes through NFKD and full case
// folding so that "Müller", "MULLER" and "muller" meet.
#include "core/normalize.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "unicode/translit.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

namespace placi::core {
namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Appends `c` or, for a separator, one space unless one is already there.
void AppendFolded(char c, std::string* out) {
  if (std::isalnum(static_cast<unsigned char>(c))) {
    out->push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  } else if (!out->empty() && out->back() != ' ') {
    out->push_back(' ');
  }
}

std::string FoldAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) AppendFolded(c, &out);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Any script to Latin, then to ASCII ("Straße" → "Strasse", "Иван" →
// "Ivan", "深圳" → "shen zhen"). ICU transliterators are not safe for
// concurrent use, so each thread builds its own once.
const icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  return transliterator.get();
}

std::string FoldUnicode(std::string_view text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (const icu::Transliterator* t = ThreadTransliterator()) t->transliterate(unicode);
  unicode.foldCase();

  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < unicode.length();) {
    UChar32 c = unicode.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;  // marks left by scripts without ASCII forms
    if (!u_isalnum(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    icu::UnicodeString(c).toUTF8String(out);
  }
  return out;
}

// Legal-form noise in company names: dropped so that "Acme Co., Ltd." and
// "ACME" meet.
const absl::flat_hash_set<std::string>& LegalForms() {
  static const auto* forms = new absl::flat_hash_set<std::string>{
      "ltd",  "limited", "co",  "company", "corp", "corporation", "inc", "incorporated",
      "llc",  "llp",     "lp",  "plc",     "gmbh", "ag",          "kg",  "sa",
      "sarl", "sas",     "srl", "spa",     "bv",   "nv",          "pte", "pty",
      "oy",   "ab",      "as",  "sl",      "kft",  "sro",         "sp",  "zoo",
      "ltda", "ooo",     "jsc", "pvt",     "tic",  "sti",         "as"};
  return *forms;
}

const absl::flat_hash_map<std::string, std::string>& AddressAbbreviations() {
  static const auto* abbreviations = new absl::flat_hash_map<std::string, std::string>{
      {"rd", "road"},      {"st", "street"},    {"str", "strasse"},  {"ave", "avenue"},
      {"av", "avenue"},    {"blvd", "boulevard"}, {"bldg", "building"}, {"fl", "floor"},
      {"flr", "floor"},    {"rm", "room"},      {"dr", "drive"},     {"ln", "lane"},
      {"hwy", "highway"},  {"sq", "square"},    {"ct", "court"},     {"pl", "place"},
      {"apt", "apartment"}, {"ste", "suite"},   {"ind", "industrial"}, {"dist", "district"}};
  return *abbreviations;
}

// Country names that a one-line address may end with. A trailing ISO code is
// dropped too: structured addresses are keyed without their country, which
// callers write inconsistently as a code or a name.
const absl::flat_hash_set<std::string>& CountryNames() {
  static const auto* names = new absl::flat_hash_set<std::string>{
      "china", "prc", "hong kong", "hong kong sar", "turkey", "turkiye", "india", "singapore",
      "united states", "usa", "united states of america", "united kingdom", "uk",
      "germany", "deutschland", "france", "netherlands", "belgium", "italy", "spain",
      "poland", "canada", "japan", "korea", "south korea", "vietnam", "thailand",
      "united arab emirates", "uae", "malaysia", "indonesia", "mexico", "brazil"};
  return *names;
}

std::string SortedUniqueKey(std::vector<std::string> tokens) {
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return absl::StrJoin(tokens, " ");
}

std::string AddressKeyFromFolded(const std::string& folded) {
  std::vector<std::string> tokens = absl::StrSplit(folded, ' ', absl::SkipEmpty());
  const auto& abbreviations = AddressAbbreviations();
  for (std::string& token : tokens) {
    auto it = abbreviations.find(token);
    if (it != abbreviations.end()) token = it->second;
  }
  return SortedUniqueKey(std::move(tokens));
}

}  // namespace

std::string FoldText(std::string_view text) {
  return IsAscii(text) ? FoldAscii(text) : FoldUnicode(text);
}

std::vector<std::string> FoldTokens(std::string_view text) {
  return absl::StrSplit(FoldText(text), ' ', absl::SkipEmpty());
}

std::vector<std::string> TermTokens(std::string_view text, bool one_as_l) {
  std::string unmasked;
  unmasked.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '@': unmasked.push_back('a'); break;
      case '$': unmasked.push_back('s'); break;
      case '!': unmasked.push_back('i'); break;
      // The ratio in "1:1 copy" is the slang; "1.1 kg" is a weight.
      case ':': unmasked.append(" colon "); break;
      default: unmasked.push_back(c);
    }
  }
  std::vector<std::string> tokens = FoldTokens(unmasked);
  for (std::string& token : tokens) {
    const bool has_digit = std::any_of(token.begin(), token.end(), absl::ascii_isdigit);
    const bool has_letter = std::any_of(token.begin(), token.end(), absl::ascii_isalpha);
    if (!has_digit || !has_letter) continue;
    for (char& c : token) {
      switch (c) {
        case '0': c = 'o'; break;
        case '1': c = one_as_l ? 'l' : 'i'; break;
        case '3': c = 'e'; break;
        case '4': c = 'a'; break;
        case '5': c = 's'; break;
        case '7': c = 't'; break;
        case '8': c = 'b'; break;
        default: break;
      }
    }
  }
  return tokens;
}

std::string NameKey(std::string_view name) {
  std::vector<std::string> tokens = FoldTokens(name);
  std::vector<std::string> kept;
  kept.reserve(tokens.size());
  for (std::string& token : tokens) {
    if (!LegalForms().contains(token)) kept.push_back(std::move(token));
  }
  // A name made only of legal forms ("Co. Ltd.") keeps them: better a
  // strange key than an empty one that would match every such name.
  return SortedUniqueKey(kept.empty() ? FoldTokens(name) : std::move(kept));
}

std::string AddressKey(const Address& address) {
  std::string joined = FoldText(address.street);
  for (const std::string* part : {&address.postal_code, &address.city}) {
    std::string folded = FoldText(*part);
    if (folded.empty()) continue;
    if (!joined.empty()) joined.push_back(' ');
    joined += folded;
  }
  return AddressKeyFromFolded(joined);
}

std::string AddressKey(std::string_view one_line_address) {
  std::vector<absl::string_view> segments = absl::StrSplit(
      absl::string_view(one_line_address.data(), one_line_address.size()), ',',
      absl::SkipWhitespace());
  if (segments.size() >= 2) {
    std::string last = FoldText(std::string_view(segments.back().data(), segments.back().size()));
    if (last.size() == 2 || CountryNames().contains(last)) segments.pop_back();
  }
  std::string joined;
  for (absl::string_view segment : segments) {
    std::string folded = FoldText(std::string_view(segment.data(), segment.size()));
    if (folded.empty()) continue;
    if (!joined.empty()) joined.push_back(' ');
    joined += folded;
  }
  return AddressKeyFromFolded(joined);
}

std::string PhoneKey(std::string_view phone) {
  std::string digits;
  digits.reserve(phone.size());
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  // "0086…" and "+86…" are the same international number.
  if (digits.size() > 2 && digits[0] == '0' && digits[1] == '0') digits.erase(0, 2);
  return digits;
}

std::string EmailKey(std::string_view email) {
  std::string key(absl::StripAsciiWhitespace(absl::string_view(email.data(), email.size())));
  absl::AsciiStrToLower(&key);
  return key;
}

std::string IdKey(std::string_view id) {
  std::string key;
  key.reserve(id.size());
  for (char c : id) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) key.push_back(absl::ascii_toupper(u));
  }
  return key;
}

}  // namespace placi::core
