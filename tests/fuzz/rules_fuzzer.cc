// Rules file parsing: text → convert::ParseRules. A file that is accepted
// must print back to text that parses to the same rules (RulesToText is
// stable), and must screen a parcel without failing: validation is what
// stands between an operator's typo and the loading path.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "placi/convert/rules.h"
#include "tests/fuzz/fuzz_common.h"
#include "tests/test_util/parcels.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<placi::core::ScreeningConfig> rules = placi::convert::ParseRules(text, "fuzz");
  if (!rules.ok()) {
    PLACI_FUZZ_CHECK(rules.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  const std::string printed = placi::convert::RulesToText(*rules);
  absl::StatusOr<placi::core::ScreeningConfig> again = placi::convert::ParseRules(printed, "printed");
  if (!again.ok()) {
    std::fprintf(stderr, "accepted rules do not parse once printed: %s\n",
                 std::string(again.status().message()).c_str());
    std::abort();
  }
  PLACI_FUZZ_CHECK(placi::convert::RulesToText(*again) == printed);
  placi::fuzz::ScreenLikeTheServer(placi::testing::CleanParcel(), *rules,
                                   placi::fuzz::DemoIndex());
  return 0;
}
