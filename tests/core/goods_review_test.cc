// Goods and value rules against the cases of the session-13 black-box review
// (/work/bb2/REPORT.md H4, H5, M6, L8): honest parcels whose words name a
// brand must release, undervalued branded goods must not.
#include <string>
#include <vector>

#include "core/goods_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<Reason> Indicators(const Consignment& parcel) {
  std::vector<Reason> reasons;
  AddGoodsIndicators(parcel, ScreeningConfig::Default(), &reasons);
  return reasons;
}

std::vector<std::string> Codes(const Consignment& parcel) {
  std::vector<std::string> codes;
  for (const Reason& r : Indicators(parcel)) codes.push_back(r.code);
  return codes;
}

// One item of `quantity` units worth `value` in `currency`, in a parcel of
// `weight_kg`.
Consignment OneItem(std::string description, std::string hs, int64_t value,
                    std::string currency = "EUR", uint32_t quantity = 1, double weight_kg = 0.5) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = std::move(description);
  parcel.items[0].hs_code = std::move(hs);
  parcel.items[0].quantity = quantity;
  parcel.items[0].declared_value = {std::move(currency), value, 0};
  parcel.gross_weight_kg = weight_kg;
  return parcel;
}

// H5: a book is a book, whatever brand its title names.
TEST(GoodsReviewTest, PrintedMatterWithABrandInItsTitleIsNoMismatch) {
  for (const char* title :
       {"Shoe Dog: A Memoir by the Creator of Nike, hardcover book", "House of Gucci paperback",
        "Rolex: a history, hardcover", "Prada Marfa poster", "Apple pie cookbook",
        "Book: the Louis Vuitton story"}) {
    EXPECT_THAT(Codes(OneItem(title, "490199", 25)), Not(Contains("HS_DESCRIPTION_MISMATCH")))
        << title;
    // Nor when the title is printed under a heading that is no book's: the
    // title names no goods.
    EXPECT_THAT(Codes(OneItem(title, "", 25)), Not(Contains("UNDERVALUED_GOODS"))) << title;
  }
  // Under a book's heading a brand alone implies nothing ...
  EXPECT_THAT(Codes(OneItem("Supreme Court law report 2025", "490199", 40)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
  // ... but goods named by their own words are still goods.
  EXPECT_THAT(Codes(OneItem("Gucci GG Marmont leather handbag", "490199", 40)),
              Contains("HS_DESCRIPTION_MISMATCH"));
}

// H5: brands that are ordinary words imply no goods category.
TEST(GoodsReviewTest, BrandWordsInOrdinaryTextImplyNoCategory) {
  EXPECT_THAT(Codes(OneItem("apple juice, 6 x 1 l", "200971", 12)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
  EXPECT_THAT(Codes(OneItem("Jordan almonds, sugar coated, 500 g", "170490", 9)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
  EXPECT_THAT(Codes(OneItem("coach bus scale model 1:87", "950300", 30)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
  // A brand alone names its maker, not the heading: a Samsung remote
  // control is electronics of chapter 85 all the same.
  EXPECT_THAT(Codes(OneItem("Samsung TV remote control", "854370", 15)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
  // The disguise the rule exists for still shows: a watch brand alone under
  // a toy or T-shirt heading.
  EXPECT_THAT(Codes(OneItem("Rolex Submariner", "950300", 20)),
              Contains("HS_DESCRIPTION_MISMATCH"));
  EXPECT_THAT(Codes(OneItem("Rolex Submariner", "610910", 20)),
              Contains("HS_DESCRIPTION_MISMATCH"));
}

// H5: what the description's own words name outranks what its brand implies.
TEST(GoodsReviewTest, DescriptionWordsOutrankTheBrand) {
  const std::vector<Reason> scarf = Indicators(OneItem("Hermes silk scarf 90 cm", "621410", 350));
  EXPECT_THAT(scarf, Not(Contains(Field(&Reason::code, "HS_DESCRIPTION_MISMATCH"))));
  // Under a bag heading the scarf is the mismatch, and it says "apparel".
  EXPECT_THAT(Indicators(OneItem("Hermes silk scarf 90 cm", "420222", 350)),
              Contains(AllOf(Field(&Reason::code, "HS_DESCRIPTION_MISMATCH"),
                             Field(&Reason::message, HasSubstr("reads as apparel but")))));
}

// H4: light goods are judged per unit, item by item.
TEST(GoodsReviewTest, UndervaluedPerUnitWhereWeightSaysNothing) {
  EXPECT_THAT(Codes(OneItem("Rolex Submariner watch", "910211", 10, "EUR", 1, 0.1)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(Codes(OneItem("Louis Vuitton handbag", "420221", 15, "EUR", 1, 0.7)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(Codes(OneItem("Nike sneakers", "640411", 5, "EUR", 1, 0.4)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(Codes(OneItem("wristwatches", "910211", 60, "EUR", 20, 1.0)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(Codes(OneItem("AirPods earphones", "851830", 100, "USD", 50, 2.0)),
              Contains("UNDERVALUED_GOODS"));
  // Honest prices pass: a cheap unbranded watch, a phone charger naming the
  // phone it serves, a watch strap (an accessory is not the watch).
  EXPECT_THAT(
      Codes(OneItem("quartz wristwatch, stainless steel case", "910211", 25, "EUR", 1, 0.2)),
      Not(Contains("UNDERVALUED_GOODS")));
  EXPECT_THAT(Codes(OneItem("USB-C charger for iPhone, 20 W", "850440", 12, "EUR", 1, 0.15)),
              Not(Contains("UNDERVALUED_GOODS")));
  EXPECT_THAT(Codes(OneItem("Rolex watch strap, silicone, 22 mm", "911390", 8, "EUR", 1, 0.05)),
              Not(Contains("UNDERVALUED_GOODS")));
}

TEST(GoodsReviewTest, AnUndervaluedItemDoesNotHideBehindADearOne) {
  Consignment parcel = OneItem("Rolex Submariner watch", "910211", 5, "EUR", 1, 0.6);
  GoodsItem novel;
  novel.description = "paperback novel, English";
  novel.hs_code = "490199";
  novel.quantity = 1;
  novel.declared_value = {"EUR", 500, 0};
  parcel.items.push_back(novel);
  const std::vector<Reason> reasons = Indicators(parcel);
  EXPECT_THAT(reasons, Contains(AllOf(Field(&Reason::code, "UNDERVALUED_GOODS"),
                                      Field(&Reason::field, "items[0].declared_value"))));
  // One UNDERVALUED_GOODS a parcel, whatever finds it.
  int undervalued = 0;
  for (const Reason& r : reasons) undervalued += r.code == "UNDERVALUED_GOODS";
  EXPECT_EQ(undervalued, 1);
}

// H4: the currencies carriers declare have a default rate, so the value
// rules run on them.
TEST(GoodsReviewTest, CommonCurrenciesAreJudged) {
  for (const char* currency : {"CZK", "HUF", "RON", "ZAR", "RUB", "TWD", "IDR", "PHP", "SAR", "ILS",
                               "ISK", "UAH", "EGP", "KZT", "QAR"}) {
    EXPECT_TRUE(ScreeningConfig::Default().eur_per_unit.contains(currency)) << currency;
    EXPECT_THAT(Codes(OneItem("Rolex Submariner watch", "910211", 20, currency, 1, 0.1)),
                Contains("UNDERVALUED_GOODS"))
        << currency;
  }
}

// M6: a seller shown by any of its traces, and a gift said in the
// description, make GIFT_FROM_SELLER.
TEST(GoodsReviewTest, GiftFromASellerShownByNameOrderOrListing) {
  Consignment postal = OneItem("silk scarf", "621410", 20);
  postal.postal_category = PostalCategory::kGift;
  EXPECT_THAT(Codes(postal), Not(Contains("GIFT_FROM_SELLER")));  // no seller shown
  for (std::string Ecommerce::*field :
       {&Ecommerce::seller_name, &Ecommerce::order_id, &Ecommerce::listing_url}) {
    postal.ecommerce = Ecommerce();
    postal.ecommerce.*field = "Fashion Store 8123";
    EXPECT_THAT(Codes(postal), Contains("GIFT_FROM_SELLER"));
  }
  // An express parcel has no postal category: its description says gift.
  Consignment express = OneItem("gift: silk scarf", "621410", 20);
  express.ecommerce.platform = "AliExpress";
  express.ecommerce.seller_name = "Fashion Store";
  EXPECT_THAT(Indicators(express), Contains(AllOf(Field(&Reason::code, "GIFT_FROM_SELLER"),
                                                  Field(&Reason::field, "items[0].description"))));
  // A gift article for sale is no gift declaration.
  express.items[0].description = "gift box with ribbon, kraft paper";
  EXPECT_THAT(Codes(express), Not(Contains("GIFT_FROM_SELLER")));
}

// L8: reading glasses are spectacles (9004.90), not sunglasses (9004.10).
TEST(GoodsReviewTest, ReadingGlassesAreNotSunglasses) {
  EXPECT_THAT(Codes(OneItem("reading glasses +1.5, 3 pack", "900490", 12)),
              Not(Contains("HIGH_RISK_HS_CODE")));
  EXPECT_THAT(Codes(OneItem("polarised sunglasses", "900410", 30)), Contains("HIGH_RISK_HS_CODE"));
}

}  // namespace
}  // namespace placi::core
