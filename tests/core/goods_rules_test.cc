#include "core/goods_rules.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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
  // A currency without a rate cannot be judged here; CheckData reports it
  // (DataChecksTest.DeclaredValueNeedsACurrencyTheRulesCanRead).
  Consignment unknown_currency = Watch("men's wristwatch", "910211", 8, 0.3);
  unknown_currency.items[0].declared_value.currency_code = "XXX";
  EXPECT_THAT(Codes(unknown_currency), Not(Contains("UNDERVALUED_GOODS")));
}

// Zero in a currency is a declared value, the lowest there is, not "no
// value": declaring 0 must not slip past the value rules that 15 meets.
TEST(GoodsRulesTest, DeclaredZeroValueIsUndervalued) {
  Consignment parcel = Watch("Rolex Submariner wristwatch, stainless steel", "910221", 15, 1.2);
  parcel.items[0].declared_value = {"EUR", 15, 0};
  ASSERT_THAT(Codes(parcel), Contains("UNDERVALUED_GOODS"));
  parcel.items[0].declared_value = {"EUR", 0, 0};
  EXPECT_THAT(Codes(parcel), Contains("UNDERVALUED_GOODS"));
  parcel.items[0].declared_value = {};  // nothing declared: nothing to judge
  EXPECT_THAT(Codes(parcel), Not(Contains("UNDERVALUED_GOODS")));
}

std::vector<Reason> Reasons(const Consignment& parcel) {
  std::vector<Reason> reasons;
  AddGoodsIndicators(parcel, ScreeningConfig::Default(), &reasons);
  return reasons;
}

std::vector<Reason> ReasonsOf(const std::vector<Reason>& reasons, std::string_view code) {
  std::vector<Reason> found;
  for (const Reason& r : reasons) {
    if (r.code == code) found.push_back(r);
  }
  return found;
}

// An indicator counts once a parcel, however many lines raise it: eleven
// T-shirt lines are no eleven times the risk of one.
TEST(GoodsRulesTest, PerItemIndicatorsCountOncePerParcel) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items.clear();
  for (int i = 0; i < 11; ++i) {
    parcel.items.push_back(GoodsItem{absl::StrCat("cotton t-shirt model ", i),
                                     absl::StrCat("61091", i % 10), 1, {"EUR", 5 + i, 0}});
  }
  parcel.gross_weight_kg = 2.5;
  const std::vector<Reason> high_risk = ReasonsOf(Reasons(parcel), "HIGH_RISK_HS_CODE");
  ASSERT_EQ(high_risk.size(), 1u);
  EXPECT_EQ(high_risk[0].points, 5);
  EXPECT_THAT(high_risk[0].evidence, ::testing::HasSubstr("items=0,1,2,3,4,5,6,7,8,9,… count=11"));

  // 999 watches under a footwear code: one mismatch, one chapter, 35 + 10.
  parcel.items.assign(999, GoodsItem{"Rolex Submariner", "640411", 1, {"EUR", 10, 0}});
  parcel.items[3].hs_code = "910221";  // the one that fits
  const std::vector<Reason> reasons = Reasons(parcel);
  const std::vector<Reason> mismatches = ReasonsOf(reasons, "HS_DESCRIPTION_MISMATCH");
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_EQ(mismatches[0].points, 35);
  EXPECT_EQ(mismatches[0].field, "items[0].hs_code");
  EXPECT_THAT(mismatches[0].evidence, ::testing::HasSubstr("items=0,1,2,4,5,6,7,8,9,10,… count=998"));
  ASSERT_EQ(ReasonsOf(reasons, "HIGH_RISK_HS_CODE").size(), 1u);
  EXPECT_EQ(ReasonsOf(reasons, "HIGH_RISK_HS_CODE")[0].points, 10);
}

// A case for a phone is no phone: the description's head noun says what
// the article is, and the words that name the device it serves do not.
TEST(GoodsRulesTest, AnAccessoryIsNotTheDeviceItServes) {
  for (const char* accessory :
       {"silicone phone case for 6.1 inch smartphone", "smartphone case, silicone",
        "tempered glass screen protector for iPhone 15", "Samsung Galaxy S24 cover",
        "charging cable for iPhone", "car mount for smartphone and tablet"}) {
    EXPECT_THAT(Codes(Watch(accessory, "392690", 8, 0.3)),
                Not(Contains("HS_DESCRIPTION_MISMATCH")))
        << accessory;
  }
  // The device itself, or the device sold with an accessory, still is one.
  for (const char* device : {"smartphone", "smartphone 6.1 inch with silicone case",
                             "iPhone 15 Pro Max", "case and smartphone",
                             "phone case for iPhone with earbuds",
                             // "… included" adds the article as "with" does (review bb3 L14).
                             "case for iPhone 15, smartphone included",
                             "Hülle für Smartphone, Smartphone inklusive"}) {
    EXPECT_THAT(Codes(Watch(device, "392690", 8, 0.3)), Contains("HS_DESCRIPTION_MISMATCH"))
        << device;
  }
  // "batteries not included" adds nothing.
  EXPECT_THAT(Codes(Watch("charging cable for iPhone, adapter not included", "392690", 8, 0.3)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
}

// An accessory's description that declares the branded article itself in
// the parcel ("… bag included", "with watch") is that article, at its
// brand's floor: the accessory reading must not hide the goods (review bb3
// L14). The accessory alone, or with another accessory, stays an accessory.
TEST(GoodsRulesTest, AnAccessoryWithItsBrandedArticleIncludedIsHeldToTheBrandsFloor) {
  // Whether the item is reported under its brand's floor, as a branded
  // article (the message says "branded").
  const auto below_branded_floor = [](const char* description, const char* hs) {
    Consignment parcel = Watch(description, hs, 10, 0.3);
    parcel.items[0].declared_value = {"EUR", 10, 0};
    std::vector<Reason> reasons;
    AddGoodsIndicators(parcel, ScreeningConfig::Default(), &reasons);
    return std::any_of(reasons.begin(), reasons.end(), [](const Reason& r) {
      return r.code == "UNDERVALUED_GOODS" && r.message.find("branded") != std::string::npos;
    });
  };
  for (const char* hidden :
       {"cover for Gucci Dionysus handbag, bag included", "Gucci handbag cover, bag included",
        "cover for Gucci Dionysus handbag, with bag", "cover for Gucci handbag, incl. bag",
        "Hülle für Gucci Handtasche, mit Handtasche", "funda para bolso Gucci, bolso incluido",
        "cover for G.u.c.c.i handbag, bag included", "dust cover for Gucci bag, with the bag",
        "cover for Gucci Dionysus handbag + bag"}) {
    EXPECT_TRUE(below_branded_floor(hidden, "420292")) << hidden;
  }
  EXPECT_TRUE(below_branded_floor("strap for Rolex Submariner, watch included", "911390"));
  EXPECT_TRUE(below_branded_floor("display box for Rolex Submariner, with watch", "420292"));
  for (const char* accessory :
       {"cover for Gucci Dionysus handbag", "Gucci handbag cover", "cover for Gucci handbag, with dust cover",
        "cover for Gucci handbag, bag not included", "travel case for Rolex, with watch strap",
        "travel case for Rolex, with no watch", "cover for Gucci handbag, with zip"}) {
    EXPECT_FALSE(below_branded_floor(accessory, "420292")) << accessory;
  }
}

// A case "compatible with" a phone names the phone as what it serves, not
// as a second article; a brand before "compatible" is what it serves too.
TEST(GoodsRulesTest, CompatibleWithNamesWhatAnAccessoryServes) {
  for (const char* accessory :
       {"phone case compatible with iPhone 15", "Hülle kompatibel mit iPhone 15",
        "silicone case compatible with Samsung Galaxy S24", "strap compatible with Apple Watch",
        "Gucci compatible phone case", "case for iPhone 15", "iPhone 15 Plus silicone case",
        "Samsung Galaxy S24+ cover", "Galaxy S24 Plus case"}) {
    Consignment parcel = Watch(accessory, "392690", 5, 0.1);
    parcel.items[0].declared_value = {"EUR", 5, 0};
    EXPECT_THAT(Codes(parcel), Not(Contains("HS_DESCRIPTION_MISMATCH"))) << accessory;
    EXPECT_THAT(Codes(parcel), Not(Contains("UNDERVALUED_GOODS"))) << accessory;
  }
  // Still the device when the device is what the parcel holds.
  for (const char* device : {"iPhone 15 compatible with MagSafe", "iPhone 15 + case",
                             "smartphone + case", "iPhone 15 Plus with case"}) {
    EXPECT_THAT(Codes(Watch(device, "392690", 5, 0.1)), Contains("HS_DESCRIPTION_MISMATCH"))
        << device;
  }
}

// Spelling a brand apart or with digits must not hide what it names.
TEST(GoodsRulesTest, ObfuscatedBrandsStillNameTheirCategory) {
  // Under plastics (3926): no line of a fashion house (shoes would be one).
  for (const char* bag : {"Gucci bag", "G.u.c.c.i bag", "GUCC1 bag", "bag G.u.c.c.i",
                          "gu cci bag", "R0LEX Submariner", "P.r.a.d.a"}) {
    Consignment parcel = Watch(bag, "392690", 10, 1.2);
    EXPECT_THAT(Codes(parcel), Contains("HS_DESCRIPTION_MISMATCH")) << bag;
    EXPECT_THAT(Codes(parcel), Contains("UNDERVALUED_GOODS")) << bag;
  }
  // Short honest words are not glued into a brand.
  EXPECT_THAT(Codes(Watch("usb c to c cable, 2 m", "854442", 5, 0.1)),
              Not(Contains("HS_DESCRIPTION_MISMATCH")));
}

// A route origin that names no country must not hide the provenance; the
// reason names the field it read.
TEST(GoodsRulesTest, OriginFallsBackToTheConsignorsCountryAndNamesIt) {
  Consignment parcel = placi::testing::CleanParcel();
  for (const char* origin : {"", "China", "C", "XX"}) {
    parcel.route.origin_country_code = origin;
    const std::vector<Reason> origins = ReasonsOf(Reasons(parcel), "HIGH_RISK_ORIGIN");
    ASSERT_EQ(origins.size(), 1u) << origin;
    EXPECT_EQ(origins[0].field, "consignor.address.country_code") << origin;
  }
  parcel.route.origin_country_code = "hk";
  const std::vector<Reason> origins = ReasonsOf(Reasons(parcel), "HIGH_RISK_ORIGIN");
  ASSERT_EQ(origins.size(), 1u);
  EXPECT_EQ(origins[0].field, "route.origin_country_code");
  EXPECT_EQ(origins[0].evidence, "origin=HK");
}

// A mismatch echoes the description, but not 4,096 bytes of it.
TEST(GoodsRulesTest, MismatchEvidenceEchoesAnExcerpt) {
  Consignment parcel = Watch("Rolex Submariner " + std::string(4000, 'x'), "640411", 10, 1.2);
  const std::vector<Reason> mismatches = ReasonsOf(Reasons(parcel), "HS_DESCRIPTION_MISMATCH");
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_LT(mismatches[0].evidence.size(), 250u);
  EXPECT_THAT(mismatches[0].evidence, ::testing::EndsWith("xxx…"));
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
