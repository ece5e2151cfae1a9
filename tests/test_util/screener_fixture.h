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

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/screener.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"
#include "tests/test_util/parcels.h"
#include "tests/test_util/screen_ok.h"

namespace placi::testing {

class ScreenerFixture : public ::testing::Test {
 protected:
  explicit ScreenerFixture(core::ScreeningConfig config = core::ScreeningConfig::Default())
      : screener_(std::move(config), &index_, &store_, &clock_) {}

  // A clean parcel of one item with `description` (and `hs_code`), declared
  // above every value floor so that only what the text says counts, under a
  // house waybill of its own; fails the test if screening fails.
  core::Verdict ScreenDescription(std::string description, std::string hs_code = "") {
    core::Consignment parcel = CleanParcel(absl::StrCat("D", ++described_parcels_));
    parcel.items[0].description = std::move(description);
    parcel.items[0].hs_code = std::move(hs_code);
    parcel.items[0].quantity = 1;
    parcel.items[0].declared_value = {"EUR", 9000, 0};
    return ScreenOk(screener_, parcel);
  }

  // Declared before the Screener, which keeps pointers to them.
  core::WatchlistIndex index_;
  InMemoryDecisionStore store_;
  FakeClock clock_;
  core::Screener screener_;

 private:
  int described_parcels_ = 0;
};

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_SCREENER_FIXTURE_H_
