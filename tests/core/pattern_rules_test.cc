#include "core/pattern_rules.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/in_memory_history_store.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::Contains;
using ::testing::Not;

class PatternRulesTest : public ::testing::Test {
 protected:
  std::vector<Reason> ScreenReasons(const Consignment& parcel) {
    std::vector<Reason> reasons;
    std::vector<WindowIncrement> counted;  // kept: the double counts for good
    absl::Status s =
        AddPatternIndicators(parcel, config_, &history_, now_, /*count=*/true, &reasons, &counted);
    EXPECT_TRUE(s.ok()) << s;
    return reasons;
  }
  static std::vector<std::string> Codes(const std::vector<Reason>& reasons) {
    std::vector<std::string> codes;
    for (const Reason& r : reasons) codes.push_back(r.code);
    return codes;
  }
  std::vector<std::string> Screen(const Consignment& parcel) {
    return Codes(ScreenReasons(parcel));
  }
  // A parcel of `eur` to the test consignee, with its own waybill.
  Consignment Parcel(int n, int64_t eur) {
    Consignment parcel = placi::testing::CleanParcel("HAWB-" + std::to_string(n));
    parcel.items[0].declared_value = {"EUR", eur, 0};
    return parcel;
  }

  ScreeningConfig config_ = ScreeningConfig::Default();
  placi::testing::InMemoryHistoryStore history_;
  absl::Time now_ = absl::FromUnixSeconds(1'795'000'000);
};

TEST_F(PatternRulesTest, SplitShipmentAddsUpOnePersonOneDay) {
  EXPECT_THAT(Screen(Parcel(1, 60)), Not(Contains("SPLIT_SHIPMENT")));
  EXPECT_THAT(Screen(Parcel(2, 60)), Not(Contains("SPLIT_SHIPMENT")));
  // The same person under another name spelling, known by a new phone only.
  Consignment third = Parcel(3, 60);
  third.consignee.name = "M. Schneider";
  third.consignee.email.clear();
  third.consignee.phone = "+49 221 555 0101";
  EXPECT_THAT(Screen(third), Not(Contains("SPLIT_SHIPMENT")));  // phone not seen yet: 60 EUR
  Consignment fourth = Parcel(4, 60);  // name + address + e-mail: 180 EUR today
  EXPECT_THAT(Screen(fourth), Contains("SPLIT_SHIPMENT"));
  Consignment by_phone = Parcel(5, 60);  // the phone alone: 120 EUR, under 150
  by_phone.consignee.name = "Maria S.";
  by_phone.consignee.email.clear();
  by_phone.consignee.phone = "0049 221 5550101";
  EXPECT_THAT(Screen(by_phone), Not(Contains("SPLIT_SHIPMENT")));
}

// One person at one door, written three ways (umlauts spelled out, the
// street kind abbreviated, a floor added): one consignee, whose parcels add
// up. Phone and e-mail differ each time, so only name + address joins them.
TEST_F(PatternRulesTest, SplitShipmentSeesThroughSpellingVariants) {
  const std::pair<const char*, const char*> spellings[] = {
      {"Jürgen Müller", "Goethestraße 5"},
      {"Juergen Mueller", "Goethestr. 5"},
      {"JUERGEN MUELLER", "Goethestrasse 5, 2nd floor"}};
  std::vector<std::string> codes;
  for (int i = 0; i < 3; ++i) {
    Consignment parcel = Parcel(10 + i, 60);
    parcel.consignee.name = spellings[i].first;
    parcel.consignee.address.street = spellings[i].second;
    parcel.consignee.phone = "+49 151 000 00" + std::to_string(10 + i);
    parcel.consignee.email = "j" + std::to_string(i) + "@example.de";
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Contains("SPLIT_SHIPMENT"));  // 180 EUR today, each under 150
}

TEST_F(PatternRulesTest, ResubmittedWaybillIsNotCountedTwice) {
  for (int i = 0; i < 5; ++i) EXPECT_THAT(Screen(Parcel(1, 100)), Not(Contains("SPLIT_SHIPMENT")));
}

// A carrier re-sends a house waybill's PLACI when its data changes. Filing
// each parcel at 1 EUR and then amending it to 60 EUR must not keep the
// day's total at the first filings' 3 EUR: the rise is added (the parcel
// still counts once).
TEST_F(PatternRulesTest, RefilingThatRaisesTheValueAddsTheRise) {
  for (int i = 1; i <= 3; ++i) EXPECT_THAT(Screen(Parcel(i, 1)), Not(Contains("SPLIT_SHIPMENT")));
  EXPECT_THAT(Screen(Parcel(1, 60)), Not(Contains("SPLIT_SHIPMENT")));  // 62 EUR
  EXPECT_THAT(Screen(Parcel(2, 60)), Not(Contains("SPLIT_SHIPMENT")));  // 121 EUR
  std::vector<Reason> reasons = ScreenReasons(Parcel(3, 60));           // 180 EUR, 3 parcels
  ASSERT_THAT(Codes(reasons), Contains("SPLIT_SHIPMENT"));
  EXPECT_EQ(reasons[0].evidence, "day_parcels=3 day_value_eur=180.00 threshold_eur=150.00");
}

// An amendment that lowers the value keeps the higher value counted: what
// was declared once stays declared (conservative), so a parcel cannot be
// filed high, amended low and leave the totals lower than they were.
TEST_F(PatternRulesTest, RefilingThatLowersTheValueKeepsTheHigherOne) {
  Screen(Parcel(1, 60));
  Screen(Parcel(2, 60));
  EXPECT_THAT(Screen(Parcel(1, 1)), Not(Contains("SPLIT_SHIPMENT")));  // still 120 EUR
  Screen(Parcel(1, 70));  // 130 EUR: only the 10 EUR above the 60 counted
  std::vector<Reason> reasons = ScreenReasons(Parcel(3, 20));  // 150 EUR
  ASSERT_THAT(Codes(reasons), Contains("SPLIT_SHIPMENT"));
  EXPECT_EQ(reasons[0].evidence, "day_parcels=3 day_value_eur=150.00 threshold_eur=150.00");
}

// A parcel first sent without a value (it asks for information) and sent
// again with one has its value counted once it is known.
TEST_F(PatternRulesTest, ValueFirstKnownOnARefilingIsCounted) {
  Consignment no_value = Parcel(1, 0);
  no_value.items[0].declared_value = {};
  Screen(no_value);
  Screen(Parcel(1, 80));
  std::vector<Reason> reasons = ScreenReasons(Parcel(2, 80));
  ASSERT_THAT(Codes(reasons), Contains("SPLIT_SHIPMENT"));
  EXPECT_EQ(reasons[0].evidence, "day_parcels=2 day_value_eur=160.00 threshold_eur=150.00");
}

// Runs `during` once, inside the first CountAndSum after Arm, after that
// call has counted: a second parcel judged between the first's two phases.
class InterleavingHistory final : public HistoryStore {
 public:
  explicit InterleavingHistory(HistoryStore* inner) : inner_(inner) {}
  void Arm(std::function<void()> during) { during_ = std::move(during); }
  absl::StatusOr<std::vector<int64_t>> CountAndSum(absl::Span<const CounterUpdate> updates,
                                                   absl::Time now,
                                                   std::vector<WindowIncrement>* counted) override {
    absl::StatusOr<std::vector<int64_t>> sums = inner_->CountAndSum(updates, now, counted);
    if (std::function<void()> during = std::exchange(during_, nullptr)) during();
    return sums;
  }
  void Uncount(absl::Span<const WindowIncrement> counted) override { inner_->Uncount(counted); }

 private:
  HistoryStore* const inner_;
  std::function<void()> during_;
};

// A client that retries while its first call is still being judged sends
// the same parcel twice at once: its value must be counted once, whichever
// of the two finishes first.
TEST_F(PatternRulesTest, DuplicateJudgedAtTheSameTimeCountsItsValueOnce) {
  InterleavingHistory history(&history_);
  const auto screen = [&](const Consignment& parcel) {
    std::vector<Reason> reasons;
    std::vector<WindowIncrement> counted;
    absl::Status s =
        AddPatternIndicators(parcel, config_, &history, now_, /*count=*/true, &reasons, &counted);
    EXPECT_TRUE(s.ok()) << s;
  };
  history.Arm([&] { screen(Parcel(1, 100)); });  // the retry, between the first's phases
  screen(Parcel(1, 100));
  std::vector<Reason> reasons = ScreenReasons(Parcel(2, 60));
  ASSERT_THAT(Codes(reasons), Contains("SPLIT_SHIPMENT"));
  EXPECT_EQ(reasons[0].evidence, "day_parcels=2 day_value_eur=160.00 threshold_eur=150.00");
}

// " bbx-0000 " and "BBX0000" are one waybill (core/hold_key.h): sent again
// spelled another way, the parcel is not counted a second time.
TEST_F(PatternRulesTest, RespelledWaybillIsNotCountedTwice) {
  Consignment first = Parcel(1, 100);
  first.house_waybill = "BBX0000";
  EXPECT_THAT(Screen(first), Not(Contains("SPLIT_SHIPMENT")));
  for (const char* spelling : {" bbx-0000 ", "bbx 0000", "BBX-0000"}) {
    Consignment again = Parcel(1, 100);
    again.house_waybill = spelling;
    EXPECT_THAT(Screen(again), Not(Contains("SPLIT_SHIPMENT"))) << spelling;
  }
  // Still one parcel of 100 EUR: a second one of 60 makes two and 160.
  std::vector<Reason> reasons = ScreenReasons(Parcel(2, 60));
  ASSERT_THAT(Codes(reasons), Contains("SPLIT_SHIPMENT"));
  EXPECT_EQ(reasons[0].evidence, "day_parcels=2 day_value_eur=160.00 threshold_eur=150.00");
}

// A waybill of blanks is a missing one, like an empty one: each such parcel
// is counted, rather than every later one passing as a re-filing of the
// first.
TEST_F(PatternRulesTest, OneNumberFromTwoCarriersIsTwoParcels) {
  // One waybill number from carriers A (twice, re-spelled), B, C and D: four
  // parcels to the consignee, one short of its daily velocity...
  std::vector<std::string> codes;
  for (const char* carrier : {"CARRIER-A", " carrier-a", "CARRIER-B", "CARRIER-C", "CARRIER-D"}) {
    Consignment parcel = Parcel(7, 5);
    parcel.carrier_id = carrier;
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Not(Contains("CONSIGNEE_VELOCITY")));
  // ...and from carrier E the fifth.
  Consignment parcel = Parcel(7, 5);
  parcel.carrier_id = "CARRIER-E";
  EXPECT_THAT(Screen(parcel), Contains("CONSIGNEE_VELOCITY"));
}

TEST_F(PatternRulesTest, BlankWaybillsAreEachCounted) {
  Consignment blank = Parcel(1, 80);
  blank.house_waybill = "   ";
  Screen(blank);
  EXPECT_THAT(Screen(blank), Contains("SPLIT_SHIPMENT"));
}

TEST_F(PatternRulesTest, WindowsExpire) {
  Screen(Parcel(1, 100));
  now_ += absl::Hours(26);
  EXPECT_THAT(Screen(Parcel(2, 100)), Not(Contains("SPLIT_SHIPMENT")));
}

TEST_F(PatternRulesTest, ManyNamesAtOneAddressIsAReshipper) {
  std::vector<std::string> codes;
  for (int i = 0; i < 5; ++i) {
    Consignment parcel = Parcel(i, 10);
    parcel.consignee.name = "Customer Number " + std::string(1, static_cast<char>('a' + i));
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Contains("RESHIPPER_ADDRESS"));
}

TEST_F(PatternRulesTest, VelocitySellerRepeatAndMasterSplit) {
  std::vector<std::string> codes;
  for (int i = 0; i < 5; ++i) {
    Consignment parcel = Parcel(i, 5);
    parcel.ecommerce.seller_id = "shop-9";
    parcel.master_waybill = "176-12345675";
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Contains("CONSIGNEE_VELOCITY"));
  EXPECT_THAT(codes, Contains("SELLER_CONSIGNEE_REPEAT"));
  EXPECT_THAT(codes, Contains("MASTER_WAYBILL_SPLIT"));
}

TEST_F(PatternRulesTest, MasterWaybillSpelledThreeWaysIsOneSplit) {
  const std::string spellings[] = {"784-12345678", "78412345678", "784 12345678", " 784-1234 5678"};
  std::vector<std::string> codes;
  for (int i = 0; i < 4; ++i) {
    Consignment parcel = Parcel(i, 5);
    parcel.ecommerce.seller_id = "shop-9";
    parcel.master_waybill = spellings[i];
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Contains("MASTER_WAYBILL_SPLIT"));
}

TEST_F(PatternRulesTest, BurstFromANewShipperButNotFromAKnownOne) {
  std::vector<std::string> codes;
  for (int i = 0; i < 20; ++i) {
    Consignment parcel = Parcel(i, 5);
    parcel.consignee.name = "Person " + std::to_string(i);
    parcel.consignee.address.street = std::to_string(i) + " Ring Road";
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Contains("NEW_SHIPPER_BURST"));

  // The same shipper next week, after a quiet day: known now.
  now_ += absl::Hours(24 * 6);
  Screen(Parcel(100, 5));
  now_ += absl::Hours(24);
  for (int i = 0; i < 20; ++i) {
    Consignment parcel = Parcel(200 + i, 5);
    parcel.consignee.name = "Person " + std::to_string(i);
    parcel.consignee.address.street = std::to_string(i) + " Ring Road";
    codes = Screen(parcel);
  }
  EXPECT_THAT(codes, Not(Contains("NEW_SHIPPER_BURST")));
}

}  // namespace
}  // namespace placi::core
