// core::AddGoodsIndicators under the default rules, as reasons, as their
// codes and as the UNDERVALUED_GOODS reason's points: shared by the tests of
// the goods rules.
//
//   EXPECT_THAT(placi::testing::GoodsIndicatorCodes(parcel), Contains("UNDERVALUED_GOODS"));
//   placi::testing::ExpectUndervaluedPoints(fakes, ::testing::Eq(60));
#ifndef PLACI_TESTS_TEST_UTIL_GOODS_INDICATORS_H_
#define PLACI_TESTS_TEST_UTIL_GOODS_INDICATORS_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "core/consignment.h"
#include "core/goods_rules.h"
#include "core/screening_config.h"
#include "core/verdict.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace placi::testing {

inline std::vector<core::Reason> GoodsIndicators(const core::Consignment& parcel) {
  std::vector<core::Reason> reasons;
  core::AddGoodsIndicators(parcel, core::ScreeningConfig::Default(), &reasons);
  return reasons;
}

inline std::vector<std::string> GoodsIndicatorCodes(const core::Consignment& parcel) {
  std::vector<std::string> codes;
  for (const core::Reason& r : GoodsIndicators(parcel)) codes.push_back(r.code);
  return codes;
}

// The UNDERVALUED_GOODS reason's points under `config` (0: none).
inline int UndervaluedPoints(
    const core::Consignment& parcel,
    const core::ScreeningConfig& config = core::ScreeningConfig::Default()) {
  std::vector<core::Reason> reasons;
  core::AddGoodsIndicators(parcel, config, &reasons);
  for (const core::Reason& r : reasons) {
    if (r.code == "UNDERVALUED_GOODS") return r.points;
  }
  return 0;
}

// Expects each parcel's UNDERVALUED_GOODS points under the default rules to
// match `points` (::testing::Eq(60) for a fake held alone, Lt(60) or Eq(0)
// for honest goods). A failure names the parcel by its item's description
// and HS code: a table's parcels share one assertion line.
inline void ExpectUndervaluedPoints(absl::Span<const core::Consignment> parcels,
                                    const ::testing::Matcher<int>& points) {
  for (const core::Consignment& parcel : parcels) {
    EXPECT_THAT(UndervaluedPoints(parcel), points)
        << "\"" << parcel.items[0].description << "\" under HS \"" << parcel.items[0].hs_code
        << "\"";
  }
}

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_GOODS_INDICATORS_H_
