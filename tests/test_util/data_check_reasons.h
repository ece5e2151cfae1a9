// core::CheckData under the default rules, and a matcher for the reasons it
// gives: shared by the tests of the data checks.
//
//   EXPECT_THAT(DataReasons(parcel),
//               ElementsAre(IsDataReason("MISSING_PIECES", "pieces")));
#ifndef PLACI_TESTS_TEST_UTIL_DATA_CHECK_REASONS_H_
#define PLACI_TESTS_TEST_UTIL_DATA_CHECK_REASONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/consignment.h"
#include "core/data_checks.h"
#include "core/screening_config.h"
#include "core/verdict.h"
#include "gmock/gmock.h"

namespace placi::testing {

inline std::vector<core::Reason> DataReasons(const core::Consignment& parcel) {
  std::vector<core::Reason> reasons;
  core::CheckData(parcel, core::ScreeningConfig::Default(), &reasons);
  return reasons;
}

// A reason with this code on this field that asks for information, as
// every data problem does.
inline auto IsDataReason(std::string_view code, std::string_view field) {
  return ::testing::AllOf(::testing::Field(&core::Reason::code, std::string(code)),
                          ::testing::Field(&core::Reason::field, std::string(field)),
                          ::testing::Field(&core::Reason::referral,
                                           core::Referral::kRequestForInformation));
}

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_DATA_CHECK_REASONS_H_
