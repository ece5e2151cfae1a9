// Screener::Screen where a test expects it to succeed: the verdict, or an
// empty one after a failure naming the status (the test goes on to report
// what the empty verdict lacks). Shared by the tests that screen parcel after
// parcel through one Screener.
//
//   const core::Verdict verdict = placi::testing::ScreenOk(screener, parcel);
//   EXPECT_EQ(verdict.decision, core::Decision::kRelease);
#ifndef PLACI_TESTS_TEST_UTIL_SCREEN_OK_H_
#define PLACI_TESTS_TEST_UTIL_SCREEN_OK_H_

#include <utility>

#include "absl/status/statusor.h"
#include "core/consignment.h"
#include "core/screener.h"
#include "core/verdict.h"
#include "gtest/gtest.h"

namespace placi::testing {

inline core::Verdict ScreenOk(const core::Screener& screener, const core::Consignment& parcel) {
  absl::StatusOr<core::Verdict> verdict = screener.Screen(parcel);
  EXPECT_TRUE(verdict.ok()) << verdict.status();
  return verdict.ok() ? *std::move(verdict) : core::Verdict{};
}

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_SCREEN_OK_H_
