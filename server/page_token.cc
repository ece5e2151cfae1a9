// See page_token.h.
#include "server/page_token.h"

#include <cstdint>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace placi::server {
namespace {

constexpr size_t kCheckDigits = 8;

uint32_t CheckValue(std::string_view last_id, int kind, std::string_view scope) {
  uint32_t hash = 2166136261u;  // FNV-1a, 32 bits
  const auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 16777619u;
  };
  for (int shift = 0; shift < 32; shift += 8) mix(static_cast<unsigned char>(kind >> shift));
  for (char c : last_id) mix(static_cast<unsigned char>(c));
  // Nothing mixed for no scope: ListEntries' tokens stay what they were.
  if (!scope.empty()) {
    mix('|');
    for (char c : scope) mix(static_cast<unsigned char>(c));
  }
  return hash;
}

std::string Hex(uint32_t value) {
  char digits[kCheckDigits + 1];
  std::snprintf(digits, sizeof(digits), "%08x", value);
  return std::string(digits, kCheckDigits);
}

}  // namespace

std::string PageTokenFor(std::string_view last_id, int kind, std::string_view scope) {
  if (last_id.empty()) return "";
  return absl::StrCat(std::string(last_id), "~", Hex(CheckValue(last_id, kind, scope)));
}

absl::StatusOr<std::string> LastIdOfPageToken(std::string_view token, int kind,
                                              size_t max_id_bytes, std::string_view scope,
                                              std::string_view scope_name) {
  if (token.empty()) return std::string();
  if (token.size() > max_id_bytes + 1 + kCheckDigits) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page_token: longer than ", max_id_bytes + 1 + kCheckDigits,
        " bytes; pass the next_page_token of the page before, or none for the first page"));
  }
  const size_t tilde = token.rfind('~');
  if (tilde == std::string_view::npos || tilde == 0 || token.size() - tilde - 1 != kCheckDigits ||
      token.substr(tilde + 1) != Hex(CheckValue(token.substr(0, tilde), kind, scope))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page_token: is not a token of this listing; pass the next_page_token of the page "
        "before (with the same ", std::string(scope_name), "), or none for the first page"));
  }
  return std::string(token.substr(0, tilde));
}

}  // namespace placi::server
