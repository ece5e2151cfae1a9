// Country and HS codes as carriers' systems write them, read as the codes
// they mean, once, where a parcel comes in (proto/placi/convert): every rule
// after that (origins, transits, data checks, phone calling codes, the
// de-minimis of the buyer's country) sees one spelling.
//
//   std::string country = " uk";
//   CanonicalizeCountryCode(&country);  // "GB"
//   country = "CHN";
//   CanonicalizeCountryCode(&country);  // "CN"
//   std::string hs = "６４０３９９";       // full-width digits
//   CanonicalizeHsCode(&hs);            // "640399"
//   HsCodeDigits("6403.99.10");          // "64039910"
//   IsoCountryCodeOf("usa");             // "US"; IsoCountryCodeOf("XX"): none
#ifndef PLACI_CORE_CODE_SPELLINGS_H_
#define PLACI_CORE_CODE_SPELLINGS_H_

#include <optional>
#include <string>
#include <string_view>

namespace placi::core {

// Spaces around the code dropped and its letters upper-cased when what is
// left is two ASCII letters; then ISO's exceptionally reserved codes that
// labels and EU systems use for an assigned one: "UK" is GB, "EL" (the EU's
// code for Greece) is GR. An assigned ISO 3166-1 alpha-3 code, in any case
// and with spaces around it, is its alpha-2 code ("CHN", " gbr" are CN, GB):
// carriers' systems often write alpha-3. Anything else, an unknown three
// letters too ("ABC"), is left as written, so that INVALID_COUNTRY_CODE
// quotes it.
void CanonicalizeCountryCode(std::string* code);

// The ISO 3166-1 alpha-2 code that `written` means, read as a parcel's are
// (CanonicalizeCountryCode: "usa", " CHN ", "uk", "EL" are US, CN, GB, GR),
// or none when it names no country ("XX", "ABC", "China"). For the rules
// file: a rule written "CHN" must match the parcels whose "CHN" became "CN"
// where they came in, and a code no parcel can carry must be refused rather
// than never match.
std::optional<std::string> IsoCountryCodeOf(std::string_view written);

// Spaces around the code dropped, and full-width digits, full stop and
// hyphen-minus (U+FF10–U+FF19, U+FF0E, U+FF0D) and the ideographic space
// (U+3000) read as ASCII: Chinese and Japanese input methods write them, and
// "６４０３－９９" is "6403-99". Separators inside ("6403.99", "6403-99")
// stay: the data checks and the goods rules read the digits.
void CanonicalizeHsCode(std::string* code);

// The ASCII digits of an (already canonical) HS code in their order, its
// separators and anything else dropped: "6403.99-10" is "64039910". What the
// readers of HS codes start from: the goods rules (a code of 6 to 10 digits)
// and the held consignment's headings (the first 6). Inline: the goods rules
// call it for every item of every parcel.
inline std::string HsCodeDigits(std::string_view hs_code) {
  std::string digits;
  for (char c : hs_code) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

// Whether an (already canonical) HS code is written with ASCII digits and
// the separators carriers put between them ('.', ' ', '-': "6403.99",
// "6403 99", "6403-99", all "640399" to HsCodeDigits) and nothing else.
// What the data checks ask of a code besides its count of digits: HsCodeDigits
// reads "HS 6403.99" and "6403/99" too, but customs' systems take no
// letters or other signs in a commodity code.
bool IsPlainHsCodeSpelling(std::string_view hs_code);

}  // namespace placi::core

#endif  // PLACI_CORE_CODE_SPELLINGS_H_
