// core::AddGoodsIndicators under the default rules, as reasons and as their
// codes: shared by the tests of the goods rules.
//
//   EXPECT_THAT(placi::testing::GoodsIndicatorCodes(parcel), Contains("UNDERVALUED_GOODS"));
#ifndef PLACI_TESTS_TEST_UTIL_GOODS_INDICATORS_H_
#define PLACI_TESTS_TEST_UTIL_GOODS_INDICATORS_H_

#include <string>
#include <vector>

#include "core/consignment.h"
#include "core/goods_rules.h"
#include "core/screening_config.h"
#include "core/verdict.h"

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

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_GOODS_INDICATORS_H_
