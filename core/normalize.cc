// Normalisation shared by watchlist entries and parcels. ASCII and accented
// Latin are folded without ICU (text_fold.h); other scripts are
// transliterated and case folded so that "Müller", "MULLER", "muller" and
// "Мюллер" meet.
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
#include "core/text_fold.h"

namespace placi::core {
namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Appends `c` or, for a separator, one space unless one is already there.
// An apostrophe joins ("O'Brien" → "obrien"), as in the Unicode path.
void AppendFolded(char c, std::string* out) {
  if (c == '\'') return;
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
      {"apt", "apartment"}, {"ste", "suite"},   {"ind", "industrial"}, {"dist", "district"},
      {"pkwy", "parkway"}, {"hwy", "highway"},  {"cres", "crescent"}, {"tce", "terrace"},
      {"lvl", "level"},    {"bldg", "building"}, {"ctr", "centre"},   {"center", "centre"}};
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

// Words that name a unit inside a building. A unit and its number are
// dropped from the key: forwarders hand each customer a suite code, and the
// same door is written with or without its floor ("12/F", "12th Floor").
bool IsUnitWord(const std::string& token) {
  static const auto* words = new absl::flat_hash_set<std::string>{
      "flat", "floor", "unit", "room", "suite", "apartment", "level", "f"};
  return words->contains(token);
}

// "12", "12a", "b", "1203": what follows (or, for "12/F", precedes) a unit word.
bool IsUnitNumber(const std::string& token) {
  if (token.size() == 1) return true;
  return token.size() <= 6 && std::any_of(token.begin(), token.end(), absl::ascii_isdigit);
}

bool AllDigits(const std::string& token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), absl::ascii_isdigit);
}

// "12th" → "12", "3rd" → "3".
void StripOrdinal(std::string* token) {
  if (token->size() < 3) return;
  const std::string suffix = token->substr(token->size() - 2);
  if ((suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") &&
      AllDigits(token->substr(0, token->size() - 2))) {
    token->resize(token->size() - 2);
  }
}

std::string AddressKeyFromFolded(const std::string& folded) {
  std::vector<std::string> tokens = absl::StrSplit(folded, ' ', absl::SkipEmpty());
  const auto& abbreviations = AddressAbbreviations();
  for (std::string& token : tokens) {
    auto it = abbreviations.find(token);
    if (it != abbreviations.end()) token = it->second;
    StripOrdinal(&token);
  }
  std::vector<bool> keep(tokens.size(), true);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!IsUnitWord(tokens[i])) continue;
    keep[i] = false;
    const bool number_before = i > 0 && keep[i - 1] && IsUnitNumber(tokens[i - 1]);
    const bool number_after = i + 1 < tokens.size() && IsUnitNumber(tokens[i + 1]);
    // "12/F" puts the number first; "Suite 100", "Flat B" after.
    if (tokens[i] == "f" ? number_before : !number_after && number_before) {
      keep[i - 1] = false;
    } else if (number_after) {
      keep[i + 1] = false;
    }
  }
  std::vector<std::string> kept;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!keep[i]) continue;
    // ZIP+4: "94105-1234" is the door of "94105".
    if (tokens[i].size() == 4 && AllDigits(tokens[i]) && !kept.empty() &&
        kept.back().size() == 5 && AllDigits(kept.back())) {
      continue;
    }
    kept.push_back(tokens[i]);
  }
  return SortedUniqueKey(std::move(kept));
}

// "#100" is a unit number: read "#" as the word "unit" before folding.
std::string FoldAddressText(std::string_view text) {
  std::string unmasked;
  unmasked.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '#') {
      unmasked.append(" unit ");
    } else {
      unmasked.push_back(c);
    }
  }
  return FoldText(unmasked);
}

}  // namespace

std::string FoldText(std::string_view text) {
  if (IsAscii(text)) return FoldAscii(text);
  // Accented Latin (most EU names and addresses) by table; ICU only for
  // other scripts.
  std::string folded;
  if (FoldLatin(text, &folded)) return folded;
  return FoldWithIcu(text);
}

std::vector<std::string> FoldTokens(std::string_view text) {
  return absl::StrSplit(FoldText(text), ' ', absl::SkipEmpty());
}

namespace {

// Cyrillic and Greek letters that look Latin, as sellers of fakes mix them
// into brand names ("Guссi" with Cyrillic с).
const absl::flat_hash_map<std::string, char>& Homoglyphs() {
  static const auto* map = new absl::flat_hash_map<std::string, char>{
      {"а", 'a'}, {"е", 'e'}, {"о", 'o'}, {"р", 'p'}, {"с", 'c'}, {"у", 'y'}, {"х", 'x'},
      {"і", 'i'}, {"к", 'k'}, {"м", 'm'}, {"т", 't'}, {"н", 'h'}, {"в", 'b'}, {"А", 'A'},
      {"В", 'B'}, {"Е", 'E'}, {"К", 'K'}, {"М", 'M'}, {"Н", 'H'}, {"О", 'O'}, {"Р", 'P'},
      {"С", 'C'}, {"Т", 'T'}, {"Х", 'X'}, {"І", 'I'}, {"ο", 'o'}, {"α", 'a'}, {"Ο", 'O'},
      {"Α", 'A'}, {"ѕ", 's'}, {"ј", 'j'}};
  return *map;
}

// Words that mix Latin letters with look-alikes get the Latin letters; a
// word wholly in another script is left to transliteration.
std::string UnmaskHomoglyphs(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (absl::string_view word : absl::StrSplit(absl::string_view(text.data(), text.size()), ' ')) {
    if (!out.empty()) out.push_back(' ');
    const bool has_latin = std::any_of(word.begin(), word.end(), absl::ascii_isalpha);
    const bool has_other = std::any_of(word.begin(), word.end(),
                                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (!has_latin || !has_other) {
      out.append(word.data(), word.size());
      continue;
    }
    for (size_t i = 0; i < word.size();) {
      if (static_cast<unsigned char>(word[i]) >= 0x80 && i + 1 < word.size()) {
        auto it = Homoglyphs().find(std::string(word.substr(i, 2)));
        if (it != Homoglyphs().end()) {
          out.push_back(it->second);
          i += 2;
          continue;
        }
      }
      out.push_back(word[i++]);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> TermTokens(std::string_view text, bool one_as_l) {
  const std::string latin = UnmaskHomoglyphs(text);
  text = latin;
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

namespace {

// Runs of single letters are one word: "A.Ş." → "as", "B.V." → "bv", so
// that dotted legal forms are recognised.
std::vector<std::string> MergeSingleLetters(std::vector<std::string> tokens) {
  std::vector<std::string> merged;
  merged.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].size() == 1 && i + 1 < tokens.size() && tokens[i + 1].size() == 1) {
      std::string run;
      while (i < tokens.size() && tokens[i].size() == 1) run += tokens[i++];
      --i;
      merged.push_back(std::move(run));
    } else {
      merged.push_back(std::move(tokens[i]));
    }
  }
  return merged;
}

std::vector<std::string> NameTokens(std::string_view name) {
  return MergeSingleLetters(FoldTokens(name));
}

std::string GluedNameKeyOf(const std::vector<std::string>& tokens) {
  std::string glued;
  for (const std::string& token : tokens) {
    if (!LegalForms().contains(token)) glued += token;
  }
  return glued;
}

// A name made only of legal forms ("Co. Ltd.") keeps them: better a
// strange key than an empty one that would match every such name.
std::string NameKeyOf(const std::vector<std::string>& tokens) {
  std::vector<std::string> kept;
  kept.reserve(tokens.size());
  for (const std::string& token : tokens) {
    if (!LegalForms().contains(token)) kept.push_back(token);
  }
  return SortedUniqueKey(kept.empty() ? tokens : std::move(kept));
}

}  // namespace

std::string GluedNameKey(std::string_view name) { return GluedNameKeyOf(NameTokens(name)); }

std::string NameKey(std::string_view name) { return NameKeyOf(NameTokens(name)); }

NameForms NameFormsOf(std::string_view name) {
  NameForms forms;
  forms.folded = FoldText(name);
  const std::vector<std::string> tokens =
      MergeSingleLetters(absl::StrSplit(forms.folded, ' ', absl::SkipEmpty()));
  forms.key = NameKeyOf(tokens);
  forms.glued = GluedNameKeyOf(tokens);
  return forms;
}

std::string AddressKey(const Address& address) {
  std::string joined = FoldAddressText(address.street);
  for (const std::string* part : {&address.postal_code, &address.city}) {
    std::string folded = FoldAddressText(*part);
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
    std::string folded = FoldAddressText(std::string_view(segment.data(), segment.size()));
    if (folded.empty()) continue;
    if (!joined.empty()) joined.push_back(' ');
    joined += folded;
  }
  return AddressKeyFromFolded(joined);
}

namespace {

// ITU calling codes of the countries parcels and watchlists usually name.
const absl::flat_hash_map<std::string, std::string>& CallingCodes() {
  static const auto* codes = new absl::flat_hash_map<std::string, std::string>{
      {"US", "1"},   {"CA", "1"},   {"GB", "44"},  {"DE", "49"},  {"FR", "33"},  {"IT", "39"},
      {"ES", "34"},  {"NL", "31"},  {"BE", "32"},  {"AT", "43"},  {"CH", "41"},  {"PL", "48"},
      {"CZ", "420"}, {"SK", "421"}, {"HU", "36"},  {"RO", "40"},  {"BG", "359"}, {"GR", "30"},
      {"PT", "351"}, {"IE", "353"}, {"DK", "45"},  {"SE", "46"},  {"NO", "47"},  {"FI", "358"},
      {"EE", "372"}, {"LV", "371"}, {"LT", "370"}, {"SI", "386"}, {"HR", "385"}, {"LU", "352"},
      {"CY", "357"}, {"MT", "356"}, {"RU", "7"},   {"KZ", "7"},   {"UA", "380"}, {"BY", "375"},
      {"TR", "90"},  {"CN", "86"},  {"HK", "852"}, {"MO", "853"}, {"TW", "886"}, {"JP", "81"},
      {"KR", "82"},  {"SG", "65"},  {"MY", "60"},  {"TH", "66"},  {"VN", "84"},  {"ID", "62"},
      {"PH", "63"},  {"IN", "91"},  {"PK", "92"},  {"BD", "880"}, {"LK", "94"},  {"AE", "971"},
      {"SA", "966"}, {"IL", "972"}, {"EG", "20"},  {"MA", "212"}, {"NG", "234"}, {"ZA", "27"},
      {"KE", "254"}, {"AU", "61"},  {"NZ", "64"},  {"MX", "52"},  {"BR", "55"},  {"AR", "54"},
      {"CL", "56"},  {"CO", "57"},  {"PE", "51"},  {"PA", "507"}};
  return *codes;
}

// Countries whose national numbers keep their leading 0 after the calling
// code (no trunk prefix to drop).
bool KeepsLeadingZero(const std::string& country) {
  return country == "IT" || country == "SM" || country == "VA";
}

}  // namespace

std::string PhoneKey(std::string_view phone, std::string_view country_code) {
  std::string text(phone);
  // "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad.
  for (size_t at = text.find("(0)"); at != std::string::npos; at = text.find("(0)")) {
    text.erase(at, 3);
  }
  const size_t first = text.find_first_not_of(" \t");
  const bool plus = first != std::string::npos && text[first] == '+';
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (plus || digits.empty()) return digits;
  // "0086…": the international prefix.
  if (digits.size() > 2 && digits[0] == '0' && digits[1] == '0') return digits.substr(2);
  const std::string country = absl::AsciiStrToUpper(std::string(country_code));
  auto code = CallingCodes().find(country);
  if (code == CallingCodes().end()) return digits;
  const std::string& cc = code->second;
  if (cc == "1") {  // NANP: ten digits, or eleven with the leading 1
    return digits.size() == 10 ? "1" + digits : digits;
  }
  if (digits[0] == '0') {
    return cc + (KeepsLeadingZero(country) ? digits : digits.substr(1));
  }
  if (country == "RU" || country == "KZ") {  // trunk prefix 8
    if (digits.size() == 11 && digits[0] == '8') return cc + digits.substr(1);
  }
  // Written with its calling code but no "+" ("86 755 …"), or a national
  // number without trunk prefix (mobiles in CN, HK, SG …).
  if (digits.size() >= 10 && digits.compare(0, cc.size(), cc) == 0) return digits;
  return cc + digits;
}

std::string EmailKey(std::string_view email) {
  std::string key(absl::StripAsciiWhitespace(absl::string_view(email.data(), email.size())));
  key.erase(std::remove_if(key.begin(), key.end(), absl::ascii_isspace), key.end());
  absl::AsciiStrToLower(&key);
  const size_t at = key.rfind('@');
  if (at == std::string::npos) return key;
  std::string local = key.substr(0, at);
  const std::string domain = key.substr(at + 1);
  // Sub-addressing: "sales+eu@x" reaches "sales@x" at nearly every provider.
  if (const size_t plus = local.find('+'); plus != std::string::npos && plus > 0) {
    local.resize(plus);
  }
  if (domain == "gmail.com" || domain == "googlemail.com") {
    local.erase(std::remove(local.begin(), local.end(), '.'), local.end());
  }
  return local + "@" + domain;
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
