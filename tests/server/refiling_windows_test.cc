// Re-filed house bills in the pattern windows, over the real server and its
// window counters, days moved by a fake clock (review bb6 M1): a house bill
// filed days before its flight and sent again on the day it flies counts in
// that day's totals, once.
#include <string>

#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"
#include "tests/test_util/fake_clock.h"

namespace placi::server::testing {
namespace {

class RefilingWindowsTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override { options->clock = &clock_; }

  // House bill `n` to the clean parcel's consignee, `eur` EUR.
  pb::Verdict File(int n, int eur) {
    pb::Consignment parcel = CleanConsignment("HAWB-REFILE-" + std::to_string(n));
    parcel.mutable_items(0)->mutable_declared_value()->set_currency_code("EUR");
    parcel.mutable_items(0)->mutable_declared_value()->set_units(eur);
    parcel.mutable_items(0)->mutable_declared_value()->set_nanos(0);
    return Screen(parcel);
  }
  static std::string SplitEvidence(const pb::Verdict& verdict) {
    for (const pb::Reason& reason : verdict.reasons()) {
      if (reason.code() == "SPLIT_SHIPMENT") return reason.evidence();
    }
    return "";
  }

  placi::testing::FakeClock clock_;
};

TEST_F(RefilingWindowsTest, HouseBillsPreFiledOnOtherDaysCountOnTheDayTheyAreSentAgain) {
  EXPECT_EQ(SplitEvidence(File(1, 60)), "");
  clock_.Advance(absl::Hours(25));
  EXPECT_EQ(SplitEvidence(File(2, 60)), "");
  clock_.Advance(absl::Hours(25));
  EXPECT_EQ(SplitEvidence(File(1, 60)), "");  // the day holds 60 EUR
  EXPECT_EQ(SplitEvidence(File(2, 60)), "");  // 120 EUR
  EXPECT_EQ(SplitEvidence(File(3, 60)), "day_parcels=3 day_value_eur=180.00 threshold_eur=150.00");
  // Sent again the same day: no parcel more.
  EXPECT_EQ(SplitEvidence(File(2, 60)), "day_parcels=3 day_value_eur=180.00 threshold_eur=150.00");
}

}  // namespace
}  // namespace placi::server::testing
