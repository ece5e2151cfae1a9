// See ruleset_label.h.
#include "server/ruleset_label.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "placi/convert/rules.h"
#include "server/api_keys.h"

namespace placi::server {
namespace {

constexpr std::string_view kDigestPrefix = "+sha256:";
constexpr size_t kDigestDigits = 12;

}  // namespace

void LabelWithDigest(core::ScreeningConfig* rules) {
  const std::string digest = Sha256Hex(convert::RulesToText(*rules)).substr(0, kDigestDigits);
  absl::StrAppend(&rules->ruleset_version,
                  absl::string_view(kDigestPrefix.data(), kDigestPrefix.size()), digest);
}

std::string_view WithoutDigest(std::string_view label) {
  const size_t suffix = kDigestPrefix.size() + kDigestDigits;
  if (label.size() <= suffix) return label;
  const std::string_view tail = label.substr(label.size() - suffix);
  if (tail.substr(0, kDigestPrefix.size()) != kDigestPrefix) return label;
  for (char c : tail.substr(kDigestPrefix.size())) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return label;
  }
  return label.substr(0, label.size() - suffix);
}

}  // namespace placi::server
