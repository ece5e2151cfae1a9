// See code_spellings.h.
#include "core/code_spellings.h"

#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "core/iso_codes.h"

namespace placi::core {
namespace {

// (Debian's Abseil has a string_view of its own: absl::StripAsciiWhitespace
// does not take std::string_view.)
std::string_view WithoutSpaces(std::string_view text) {
  while (!text.empty() && absl::ascii_isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && absl::ascii_isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

void CanonicalizeCountryCode(std::string* code) {
  const std::string_view trimmed = WithoutSpaces(*code);
  if (trimmed.size() == 3) {
    const std::string_view alpha2 = CountryAlpha2OfAlpha3(trimmed);
    if (!alpha2.empty()) code->assign(alpha2.data(), alpha2.size());
    return;
  }
  if (trimmed.size() != 2 || !absl::ascii_isalpha(static_cast<unsigned char>(trimmed[0])) ||
      !absl::ascii_isalpha(static_cast<unsigned char>(trimmed[1]))) {
    return;
  }
  std::string upper(trimmed);
  absl::AsciiStrToUpper(&upper);
  if (upper == "UK") upper = "GB";
  if (upper == "EL") upper = "GR";
  *code = std::move(upper);
}

std::optional<std::string> IsoCountryCodeOf(std::string_view written) {
  std::string code(written);
  CanonicalizeCountryCode(&code);
  if (!IsIsoCountryCode(code)) return std::nullopt;
  return code;
}

void CanonicalizeHsCode(std::string* code) {
  const std::string_view trimmed = WithoutSpaces(*code);
  std::string out;
  out.reserve(trimmed.size());
  for (size_t i = 0; i < trimmed.size(); ++i) {
    // U+FF0D, U+FF0E and U+FF10..U+FF19 are EF BC 8D, 8E and 90..99 in UTF-8.
    if (i + 2 < trimmed.size() && static_cast<unsigned char>(trimmed[i]) == 0xEF &&
        static_cast<unsigned char>(trimmed[i + 1]) == 0xBC) {
      const auto last = static_cast<unsigned char>(trimmed[i + 2]);
      if (last >= 0x90 && last <= 0x99) {
        out.push_back(static_cast<char>('0' + (last - 0x90)));
        i += 2;
        continue;
      }
      if (last == 0x8E || last == 0x8D) {
        out.push_back(last == 0x8E ? '.' : '-');
        i += 2;
        continue;
      }
    }
    // U+3000, the ideographic space, is E3 80 80.
    if (i + 2 < trimmed.size() && static_cast<unsigned char>(trimmed[i]) == 0xE3 &&
        static_cast<unsigned char>(trimmed[i + 1]) == 0x80 &&
        static_cast<unsigned char>(trimmed[i + 2]) == 0x80) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(trimmed[i]);
  }
  *code = std::move(out);
}

bool IsPlainHsCodeSpelling(std::string_view hs_code) {
  for (char c : hs_code) {
    if ((c < '0' || c > '9') && c != '.' && c != ' ' && c != '-') return false;
  }
  return true;
}

}  // namespace placi::core
