// The base of the tests that screen parcels through a whole core::Screener:
// an in-memory watchlist index (empty until the test writes to it), decision
// log and fake clock, and the Screener over them, with no history store (the
// patterns across parcels are not judged).
//
//   class WatchlistTermsTest : public placi::testing::ScreenerFixture {
//    protected:
//     WatchlistTermsTest() : ScreenerFixture(StricterRules()) {
//       index_.Upsert({...}, /*version=*/1);
//     }
//   };
//   TEST_F(WatchlistTermsTest, ...) { ScreenOk(screener_, parcel); clock_.Advance(...); }
#ifndef PLACI_TESTS_TEST_UTIL_SCREENER_FIXTURE_H_
#define PLACI_TESTS_TEST_UTIL_SCREENER_FIXTURE_H_

#include <utility>

#include "core/screener.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"

namespace placi::testing {

class ScreenerFixture : public ::testing::Test {
 protected:
  explicit ScreenerFixture(core::ScreeningConfig config = core::ScreeningConfig::Default())
      : screener_(std::move(config), &index_, &store_, &clock_) {}

  // Declared before the Screener, which keeps pointers to them.
  core::WatchlistIndex index_;
  InMemoryDecisionStore store_;
  FakeClock clock_;
  core::Screener screener_;
};

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_SCREENER_FIXTURE_H_
