#include "core/goods_rules.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::Not;

std::vector<std::string> Codes(const Consignment& parcel) {
  std::vector<Reason> reasons;
  AddGoodsIndicators(parcel, ScreeningConfig::Default(), &reasons);
  std::vector<std::string> codes;
  for (const Reason& r : reasons) {
    EXPECT_EQ(r.referral, Referral::kNone) << r.code;  // indicators only add points
    codes.push_back(r.code);
  }
  return codes;
}

Consignment Watch(std::string description, std::string hs, int64_t value_units,
                  double weight_kg) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = std::move(description);
  parcel.items[0].hs_code = std::move(hs);
  parcel.items[0].declared_value = {"USD", value_units, 0};
  parcel.gross_weight_kg = weight_kg;
  return parcel;
}

TEST(GoodsRulesTest, CleanMugsFromChinaOnlyCarryTheOrigin) {
  EXPECT_THAT(Codes(placi::testing::CleanParcel()), ::testing::ElementsAre("HIGH_RISK_ORIGIN"));
}

TEST(GoodsRulesTest, HighRiskChapterLongestPrefixWins) {
  std::vector<Reason> reasons;
  AddGoodsIndicators(Watch("stainless steel wristwatch", "900410", 500, 0.2),
                     ScreeningConfig::Default(), &reasons);
  EXPECT_THAT(reasons, Contains(Field(&Reason::evidence, "hs_code=900410")));
}

TEST(GoodsRulesTest, WatchBrandUnderTShirtHeadingIsAMismatch) {
  EXPECT_THAT(Codes(Watch("Rolex Submariner", "610910", 500, 0.2)),
              Contains("HS_DESCRIPTION_MISMATCH"));
  EXPECT_THAT(Codes(Watch("Rolex Submariner", "910221", 5000, 0.2)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
  // A description naming no known category cannot contradict its HS code.
  EXPECT_THAT(Codes(Watch("ceramic mug", "610910", 10, 0.5)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
}

TEST(GoodsRulesTest, ValuePerKgFarBelowGenuine) {
  EXPECT_THAT(Codes(Watch("men's wristwatch", "910211", 8, 0.3)), Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(Codes(Watch("men's wristwatch", "910211", 300, 0.3)),
              Not(Contains("UNDERVALUED_GOODS")));
  Consignment unknown_currency = Watch("men's wristwatch", "910211", 8, 0.3);
  unknown_currency.items[0].declared_value.currency_code = "XXX";
  EXPECT_THAT(Codes(unknown_currency), Not(Contains("UNDERVALUED_GOODS")));
}

TEST(GoodsRulesTest, JustUnderTheDestinationsDeMinimis) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.address.country_code = "GB";
  parcel.items[0].declared_value = {"GBP", 129, 990'000'000};
  EXPECT_THAT(Codes(parcel), Contains("JUST_UNDER_DE_MINIMIS"));
  parcel.items[0].declared_value = {"GBP", 60, 0};
  EXPECT_THAT(Codes(parcel), Not(Contains("JUST_UNDER_DE_MINIMIS")));
  parcel.consignee.address.country_code = "DE";  // EU relief ended on 1 July 2026
  parcel.items[0].declared_value = {"EUR", 149, 0};
  EXPECT_THAT(Codes(parcel), Not(Contains("JUST_UNDER_DE_MINIMIS")));
}

TEST(GoodsRulesTest, GiftFromAnECommerceSeller) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.postal_category = PostalCategory::kGift;
  EXPECT_THAT(Codes(parcel), Not(Contains("GIFT_FROM_SELLER")));
  parcel.ecommerce.seller_id = "shop-1";
  EXPECT_THAT(Codes(parcel), Contains("GIFT_FROM_SELLER"));
}

TEST(GoodsRulesTest, FreeZoneTransit) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.route.transit_country_codes = {"DE", "ae"};
  EXPECT_THAT(Codes(parcel), Contains("FREE_ZONE_TRANSIT"));
}

}  // namespace
}  // namespace placi::core
