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
  // The person's identities alone: "M. Schneider" below is also of the
  // Schneiders' household (HouseholdOfOneSellerAddsUp).
  config_.patterns.split_by_household = false;
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
// Review bb5 L2: a seller known by its shop's name only (no seller id) is
// one seller too: its fourth parcel this week to one consignee is
// SELLER_CONSIGNEE_REPEAT, on ecommerce.seller_name, and another shop's
// parcels are not counted with it.
TEST_F(PatternRulesTest, ASellerKnownByNameOnlyRepeatsToOneConsignee) {
  const auto from = [this](int n, const std::string& shop) {
    Consignment parcel = Parcel(n, 12);
    parcel.ecommerce.platform = "Shein";
    parcel.ecommerce.seller_name = shop;
    parcel.consignor.name = "Fulfilment Hub " + std::to_string(n);
    return parcel;
  };
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(Screen(from(600 + i, "Lily Fashion Store")),
                Not(Contains("SELLER_CONSIGNEE_REPEAT")));
  }
  EXPECT_THAT(Screen(from(610, "Rose Garden Boutique")), Not(Contains("SELLER_CONSIGNEE_REPEAT")));
  const std::vector<Reason> fourth = ScreenReasons(from(603, "LILY FASHION STORE"));
  bool found = false;
  for (const Reason& r : fourth) {
    if (r.code != "SELLER_CONSIGNEE_REPEAT") continue;
    found = true;
    EXPECT_EQ(r.field, "ecommerce.seller_name");
    EXPECT_EQ(r.evidence, "week_parcels=4");
  }
  EXPECT_TRUE(found) << ::testing::PrintToString(Codes(fourth));
}

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

// Review bb3 L10: a parcel declared at or above the threshold was declared
// as dutiable; nothing was split off it. Two of them and one small parcel
// to one person are no split; small parcels that add up past the
// threshold still are, whatever dutiable ones came between.
TEST_F(PatternRulesTest, DutiableParcelsAreNotAddedToTheSplitsDayValue) {
  config_.patterns.split_by_household = false;
  EXPECT_THAT(Screen(Parcel(1, 400)), Not(Contains("SPLIT_SHIPMENT")));
  EXPECT_THAT(Screen(Parcel(2, 350)), Not(Contains("SPLIT_SHIPMENT")));
  EXPECT_THAT(Screen(Parcel(3, 20)), Not(Contains("SPLIT_SHIPMENT")));  // 20 EUR under
  EXPECT_THAT(Screen(Parcel(4, 150)), Not(Contains("SPLIT_SHIPMENT")));  // at it: dutiable
  std::vector<Reason> reasons = ScreenReasons(Parcel(5, 130));  // 150 EUR under it
  ASSERT_THAT(Codes(reasons), Contains("SPLIT_SHIPMENT"));
  EXPECT_EQ(reasons[0].evidence, "day_parcels=5 day_value_eur=150.00 threshold_eur=150.00");
  EXPECT_EQ(reasons[0].message,
            "5 parcels to this consignee today; those declared under the 150.00 EUR threshold "
            "add up to 150.00 EUR, past it");
}

// A parcel filed as dutiable and amended under the threshold counts its
// small value (it was not counted while dutiable); one amended from small
// to dutiable keeps the small value counted.
TEST_F(PatternRulesTest, AnAmendmentAcrossTheThresholdCountsTheSmallValue) {
  config_.patterns.split_by_household = false;
  Screen(Parcel(1, 200));
  EXPECT_THAT(Screen(Parcel(1, 100)), Not(Contains("SPLIT_SHIPMENT")));  // 100 EUR under
  Screen(Parcel(2, 30));
  Screen(Parcel(2, 300));  // amended to dutiable: its 30 EUR stay counted
  std::vector<Reason> reasons = ScreenReasons(Parcel(3, 20));  // 150 EUR under it
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

// Black-box review bb3 H4: one seller, one door, one day, a purchase spread
// over four first names of one family. Each name is a consignee of its own
// (no phone or e-mail links them): only the household adds them up, and
// only the door counts the seller's parcels.
class HouseholdTest : public PatternRulesTest {
 protected:
  Consignment ToHousehold(int n, std::string name, int64_t eur = 140) {
    Consignment parcel = Parcel(n, eur);
    parcel.consignee.name = std::move(name);
    parcel.consignee.address = {"34 Rue du Bourbonnais", "Lyon", "69009", "FR"};
    parcel.consignee.email.clear();
    parcel.ecommerce.platform = "AliExpress";
    parcel.ecommerce.seller_id = "store-4410";
    return parcel;
  }
  // The evidence of the parcel's `code` reason, or "" without one.
  static std::string Evidence(const std::vector<Reason>& reasons, std::string_view code) {
    for (const Reason& r : reasons) {
      if (r.code == code) return r.evidence;
    }
    return "";
  }
};

TEST_F(HouseholdTest, OneSellersPurchaseSpreadOverAFamilysNamesAddsUp) {
  EXPECT_THAT(Screen(ToHousehold(1, "Marie Bavoux")), Not(Contains("SPLIT_SHIPMENT")));
  std::vector<Reason> jean = ScreenReasons(ToHousehold(2, "Jean Bavoux"));
  EXPECT_EQ(Evidence(jean, "SPLIT_SHIPMENT"),
            "day_parcels=2 day_value_eur=280.00 threshold_eur=150.00 scope=household");
  EXPECT_THAT(Codes(jean), Not(Contains("SELLER_ADDRESS_REPEAT")));
  std::vector<Reason> lucas = ScreenReasons(ToHousehold(3, "LUCAS BAVOUX"));
  EXPECT_EQ(Evidence(lucas, "SPLIT_SHIPMENT"),
            "day_parcels=3 day_value_eur=420.00 threshold_eur=150.00 scope=household");
  std::vector<Reason> emma = ScreenReasons(ToHousehold(4, "Emma Bavoux"));
  EXPECT_EQ(Evidence(emma, "SPLIT_SHIPMENT"),
            "day_parcels=4 day_value_eur=560.00 threshold_eur=150.00 scope=household");
  // The seller's fourth parcel to the door this week, under four names.
  EXPECT_EQ(Evidence(emma, "SELLER_ADDRESS_REPEAT"), "week_parcels=4 week_names=4");
  EXPECT_THAT(Codes(emma), Not(Contains("SELLER_CONSIGNEE_REPEAT")));
  EXPECT_THAT(Codes(emma), Not(Contains("RESHIPPER_ADDRESS")));
}

// Without a marketplace seller the shipper is the sender.
TEST_F(HouseholdTest, TheShipperIsTheSenderWithoutASeller) {
  Consignment first = ToHousehold(1, "Marie Bavoux");
  first.ecommerce = {};
  Screen(first);
  Consignment second = ToHousehold(2, "Jean Bavoux");
  second.ecommerce = {};
  EXPECT_THAT(Screen(second), Contains("SPLIT_SHIPMENT"));
}

// A family's ordinary shopping: the same day, other sellers. Not one
// purchase, not added up.
TEST_F(HouseholdTest, ParcelsOfOtherSellersStayApart) {
  const char* sellers[] = {"store-1", "store-2", "store-3", "store-4"};
  const char* names[] = {"Marie Bavoux", "Jean Bavoux", "Lucas Bavoux", "Emma Bavoux"};
  for (int i = 0; i < 4; ++i) {
    Consignment parcel = ToHousehold(i, names[i]);
    parcel.ecommerce.seller_id = sellers[i];
    EXPECT_THAT(Screen(parcel), Not(Contains("SPLIT_SHIPMENT"))) << i;
  }
}

// Flatmates of other families at one door are not one household.
TEST_F(HouseholdTest, OtherFamilyNamesAtOneDoorStayApart) {
  const char* names[] = {"Marie Bavoux", "Jean Martin", "Lucas Perrin", "Emma Girard"};
  std::vector<std::string> codes;
  for (int i = 0; i < 4; ++i) {
    codes = Screen(ToHousehold(i, names[i]));
    EXPECT_THAT(codes, Not(Contains("SPLIT_SHIPMENT"))) << i;
  }
  // The seller's parcels to the door still count.
  EXPECT_THAT(codes, Contains("SELLER_ADDRESS_REPEAT"));
}

// One family name in two flats of one building: two households (the
// address key leaves flats out; the household key does not).
TEST_F(HouseholdTest, TwoFlatsOfOneBuildingAreTwoHouseholds) {
  Consignment first = ToHousehold(1, "Marie Bavoux");
  first.consignee.address.street = "Apt 3, 34 Rue du Bourbonnais";
  Screen(first);
  Consignment second = ToHousehold(2, "Jean Bavoux");
  second.consignee.address.street = "Apt 7, 34 Rue du Bourbonnais";
  EXPECT_THAT(Screen(second), Not(Contains("SPLIT_SHIPMENT")));
  Consignment third = ToHousehold(3, "Lucas Bavoux");
  third.consignee.address.street = "Apt 7, 34 Rue du Bourbonnais";
  EXPECT_THAT(Screen(third), Contains("SPLIT_SHIPMENT"));  // Jean's flat: 280 EUR
}

// A door with many names this week is a block of flats or a forwarder
// (RESHIPPER_ADDRESS speaks for it): its families and its seller's parcels
// are not read as one household's purchase.
TEST_F(HouseholdTest, ADoorOfManyNamesIsNoHousehold) {
  const char* others[] = {"Paul Martin", "Anne Perrin", "Luc Girard", "Eve Morel"};
  for (int i = 0; i < 4; ++i) {
    Consignment parcel = ToHousehold(100 + i, others[i], 10);
    parcel.ecommerce.seller_id = "store-other";
    Screen(parcel);
  }
  std::vector<std::string> codes;
  const char* names[] = {"Marie Bavoux", "Jean Bavoux", "Lucas Bavoux", "Emma Bavoux"};
  for (int i = 0; i < 4; ++i) {
    codes = Screen(ToHousehold(i, names[i]));
    EXPECT_THAT(codes, Not(Contains("SPLIT_SHIPMENT"))) << i;
    EXPECT_THAT(codes, Not(Contains("SELLER_ADDRESS_REPEAT"))) << i;
  }
  EXPECT_THAT(codes, Contains("RESHIPPER_ADDRESS"));
}

// One person's parcels from one seller: SELLER_CONSIGNEE_REPEAT, and not
// the same count again by the door.
TEST_F(HouseholdTest, OnePersonsSellerRepeatIsCountedOnce) {
  std::vector<std::string> codes;
  for (int i = 0; i < 4; ++i) codes = Screen(ToHousehold(i, "Paul Bavoux", 5));
  EXPECT_THAT(codes, Contains("SELLER_CONSIGNEE_REPEAT"));
  EXPECT_THAT(codes, Not(Contains("SELLER_ADDRESS_REPEAT")));
}

TEST_F(HouseholdTest, RulesCanTurnTheHouseholdOff) {
  config_.patterns.split_by_household = false;
  config_.patterns.seller_address_weekly_parcels = 5;
  const char* names[] = {"Marie Bavoux", "Jean Bavoux", "Lucas Bavoux", "Emma Bavoux"};
  for (int i = 0; i < 4; ++i) {
    const std::vector<std::string> codes = Screen(ToHousehold(i, names[i]));
    EXPECT_THAT(codes, Not(Contains("SPLIT_SHIPMENT"))) << i;
    EXPECT_THAT(codes, Not(Contains("SELLER_ADDRESS_REPEAT"))) << i;
  }
}

// A re-filed waybill counts once in its household too, at its highest value.
// The household's day value counts parcels under the threshold only, as
// the consignee's does (review bb3 L10).
TEST_F(HouseholdTest, ADutiableParcelIsNotAddedToTheHouseholdsDayValue) {
  Screen(ToHousehold(1, "Marie Bavoux", 400));
  EXPECT_THAT(Screen(ToHousehold(2, "Jean Bavoux", 20)), Not(Contains("SPLIT_SHIPMENT")));
  std::vector<Reason> reasons = ScreenReasons(ToHousehold(3, "Lucas Bavoux", 130));
  EXPECT_EQ(Evidence(reasons, "SPLIT_SHIPMENT"),
            "day_parcels=3 day_value_eur=150.00 threshold_eur=150.00 scope=household");
}

TEST_F(HouseholdTest, RefilingCountsOnceInTheHousehold) {
  Screen(ToHousehold(1, "Marie Bavoux", 50));
  Screen(ToHousehold(1, "Marie Bavoux", 50));
  EXPECT_THAT(Screen(ToHousehold(2, "Jean Bavoux", 90)), Not(Contains("SPLIT_SHIPMENT")));
  std::vector<Reason> reasons = ScreenReasons(ToHousehold(1, "Marie Bavoux", 70));
  EXPECT_EQ(Evidence(reasons, "SPLIT_SHIPMENT"),
            "day_parcels=2 day_value_eur=160.00 threshold_eur=150.00 scope=household");
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

// Review26: twelve residents of one block of flats, each at a flat of
// their own, are no reshipper: the fifth was held for an IP examination
// (RESHIPPER_ADDRESS, 50 points, with a CN origin and apparel's HS code).
// Nor is one marketplace seller's parcels to four of its flats one
// household's purchase spread over its names.
TEST_F(PatternRulesTest, ResidentsOfABlockOfFlatsAreNoReshipper) {
  for (int i = 0; i < 12; ++i) {
    Consignment parcel = Parcel(i, 18);
    parcel.consignee.name = "Resident " + std::string(1, static_cast<char>('a' + i)) + " Smith";
    parcel.consignee.phone.clear();
    parcel.consignee.email.clear();
    parcel.consignee.address = {"400 W 42nd St Apt " + std::to_string(2 + 3 * i) + "B", "New York",
                                "10036", "US"};
    parcel.ecommerce.seller_id = "SHEIN-US";
    const std::vector<std::string> codes = Screen(parcel);
    EXPECT_THAT(codes, Not(Contains("RESHIPPER_ADDRESS"))) << i;
    EXPECT_THAT(codes, Not(Contains("SELLER_ADDRESS_REPEAT"))) << i;
  }
}

// A forwarder's door stays one door when it hands each customer a code
// ("Suite 100 #AB1234") or writes no suite at all for some.
TEST_F(PatternRulesTest, AForwardersCustomerCodesShareItsDoor) {
  const char* codes_of[] = {"#AB1234", "#KX0042", "#38271", "# HJ7731", "#ZZ9001"};
  std::vector<std::string> codes;
  for (int i = 0; i < 5; ++i) {
    Consignment parcel = Parcel(i, 10);
    parcel.consignee.name = "Customer Number " + std::string(1, static_cast<char>('a' + i));
    parcel.consignee.phone.clear();
    parcel.consignee.email.clear();
    parcel.consignee.address = {std::string("4700 NW 15th Ave, Suite 100 ") + codes_of[i],
                                "Fort Lauderdale", "33309", "US"};
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

// Review bb6 M1: house bills filed on the days they reached a consolidator
// and sent again on the day they fly count in that day's totals, once.
TEST_F(PatternRulesTest, HouseBillsReFiledOnTheDayTheyFlyCountThatDay) {
  const auto split_evidence = [](const std::vector<Reason>& reasons) {
    for (const Reason& r : reasons) {
      if (r.code == "SPLIT_SHIPMENT") return r.evidence;
    }
    return std::string();
  };
  config_.patterns.split_by_household = false;
  EXPECT_EQ(split_evidence(ScreenReasons(Parcel(1, 60))), "");
  now_ += absl::Hours(25);
  EXPECT_EQ(split_evidence(ScreenReasons(Parcel(2, 60))), "");
  now_ += absl::Hours(25);
  // Departure day: #1 and #2 sent again, #3 filed; #1 re-filed lower keeps
  // its 60 EUR.
  EXPECT_EQ(split_evidence(ScreenReasons(Parcel(1, 50))), "");
  EXPECT_EQ(split_evidence(ScreenReasons(Parcel(2, 60))), "");  // 120 EUR
  EXPECT_EQ(split_evidence(ScreenReasons(Parcel(3, 30))),
            "day_parcels=3 day_value_eur=150.00 threshold_eur=150.00");
  // Sent once more the same day: counted once.
  EXPECT_EQ(split_evidence(ScreenReasons(Parcel(1, 60))),
            "day_parcels=3 day_value_eur=150.00 threshold_eur=150.00");
}

// Review bb6 H1: house bills first filed without their master air waybill
// and sent again with it before departure (PACT guide 2.2.5.1) count for the
// master when they first come with it, once each however often re-sent.
TEST_F(PatternRulesTest, HouseBillsReFiledWithTheirMasterCountForIt) {
  const auto master_evidence = [](const std::vector<Reason>& reasons) {
    for (const Reason& r : reasons) {
      if (r.code == "MASTER_WAYBILL_SPLIT") return r.evidence;
    }
    return std::string();
  };
  const auto house_bill = [this](int n, const std::string& master) {
    Consignment parcel = Parcel(n, 5);
    parcel.consignee.name = "Person " + std::to_string(n);  // no consignee repeat
    parcel.ecommerce.seller_id = "shop-9";
    parcel.master_waybill = master;
    return parcel;
  };
  for (int n = 0; n < 3; ++n) {
    EXPECT_EQ(master_evidence(ScreenReasons(house_bill(n, ""))), "");
  }
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(0, "784-12345678"))), "");
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(1, "784 12345678"))), "");
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(2, "78412345678"))), "master_parcels=3");
  // Sent again with the same master (another spelling): counted once.
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(0, "784-12345678"))), "master_parcels=3");
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(2, "784-12345678"))), "master_parcels=3");
  // A house bill filed with the master from the start counts once too.
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(3, "784-12345678"))), "master_parcels=4");
  EXPECT_EQ(master_evidence(ScreenReasons(house_bill(3, "784-12345678"))), "master_parcels=4");
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
