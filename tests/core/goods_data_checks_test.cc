// Data checks on goods against the cases of the session-13 black-box review
// (/work/bb2/REPORT.md M1, M2, L8): vague descriptions in other languages,
// near forms and filler; HS codes of no chapter; values no parcel has.
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/data_checks.h"
#include "core/normalize.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/data_check_reasons.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::placi::testing::DataReasons;
using ::placi::testing::IsDataReason;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Consignment DescribedParcel(std::string description) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = std::move(description);
  return parcel;
}

// Review bb3 L3: ICS2 is filed in every EU language, and parcels come from
// the e-commerce provenances in theirs.
TEST(GoodsDataChecksTest, StopWordsInOtherEuAndProvenanceLanguagesAreVague) {
  for (const char* vague :
       {"prezent", "próbka", "części", "cadeautje", "onderdelen", "gåva", "lahja", "dárek",
        "ajándék", "muestra gratis", "赠品", "プレゼント", "ギフト", "部品", "선물", "부품",
        "هدية", "quà tặng", "hadiah", "ของขวัญ", "उपहार", "e-commerce goods", "online order",
        "parcel", "Order #12345"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(vague)),
                ElementsAre(IsDataReason("VAGUE_GOODS_DESCRIPTION", "items[0].description")))
        << vague;
  }
  // Goods named beside them stay precise.
  for (const char* precise : {"prezent: ceramic mug", "parcel tape, 3 rolls",
                              "package of 10 AA batteries", "部品: brake pads for bicycle"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(precise)), IsEmpty()) << precise;
  }
}

TEST(GoodsDataChecksTest, StopWordsInTheMainCarrierLanguagesAreVague) {
  for (const char* vague : {"Geschenk",
                            "礼物",
                            "regalo",
                            "cadeau",
                            "подарок",
                            "hediye",
                            "Muster",
                            "样品",
                            "配件",
                            "Ersatzteile",
                            "Teile",
                            "Zubehör",
                            "服装",
                            "鞋",
                            "商品",
                            "货物",
                            "Ware",
                            "échantillons",
                            "pezzi di ricambio",
                            "запасные части",
                            "yedek parça",
                            "Kleidung",
                            "documentos",
                            "物品",
                            "roupas",
                            "посылка"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(vague)),
                ElementsAre(IsDataReason("VAGUE_GOODS_DESCRIPTION", "items[0].description")))
        << vague;
  }
  // The Chinese syllables are no filler of their own: a precise description
  // that shares one stays precise.
  EXPECT_THAT(DataReasons(DescribedParcel("运动鞋")), IsEmpty());  // sports shoes: "yun dong xie"
  EXPECT_THAT(DataReasons(DescribedParcel("Li-ion battery for drill")), IsEmpty());
}

TEST(GoodsDataChecksTest, NearFormsOfEnglishStopWordsAndFillerAreVague) {
  for (const char* vague : {"gifts for friend",
                            "gift for you",
                            "birthday gift",
                            "free sample",
                            "phone accessories",
                            "mobile parts",
                            "garment",
                            "apparels",
                            "gadgets",
                            "souvenir",
                            "gift - no commercial value",
                            "xx",
                            "xxx",
                            "asdf",
                            "test",
                            "tbc",
                            "see invoice",
                            "see attached",
                            "null",
                            "nil",
                            "description",
                            "lorem ipsum",
                            // review24: a script's placeholders for an empty field
                            "undefined",
                            "NaN",
                            "[object Object]"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(vague)),
                ElementsAre(IsDataReason("VAGUE_GOODS_DESCRIPTION", "items[0].description")))
        << vague;
  }
  // Precise enough: an article one can classify, though it names a device.
  for (const char* precise : {"phone case", "mobile phone", "silicone phone case",
                              "birthday candles", "pregnancy test", "free-range egg cups"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(precise)), IsEmpty()) << precise;
  }
}

// detect22: a gift for whom, and a kind of goods with "items" or "goods",
// say no more than "gift" or "cosmetics": "gift for mom" and "cosmetic
// items" were precise where "gift for friend" and "cosmetic products" were
// vague. An article named for them stays precise.
TEST(GoodsDataChecksTest, AGiftForSomeoneAndAKindOfItemsAreVague) {
  for (const char* vague :
       {"gift for mom", "Gift for my mother", "present for wife", "gifts for dad",
        "birthday gift for my sister", "Geschenk für Mama", "regalo para mamá",
        "cadeau pour maman", "cosmetic items", "Cosmetic Goods", "makeup items",
        "home goods", "personal care products", "electronic items"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(vague)),
                ElementsAre(IsDataReason("VAGUE_GOODS_DESCRIPTION", "items[0].description")))
        << vague;
  }
  for (const char* precise :
       {"lipstick", "lipstick for mom", "cotton t-shirt for men", "face cream 50ml",
        "cosmetic bag, nylon", "cosmetic brush set", "mom jeans, denim", "dad hat, cotton",
        "silk scarf for my wife", "makeup mirror with LED light"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(precise)), IsEmpty()) << precise;
  }
}

TEST(GoodsDataChecksTest, HsChaptersZeroAndNinetyNineAreNoHsCodes) {
  for (const char* invalid : {"000000", "999999", "0000.00", "99 01 00"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.items[0].hs_code = invalid;
    EXPECT_THAT(DataReasons(parcel),
                ElementsAre(IsDataReason("INVALID_HS_CODE", "items[0].hs_code")))
        << invalid;
  }
  for (const char* valid : {"010121", "970600", "691200", "9102.11"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.items[0].hs_code = valid;
    EXPECT_THAT(DataReasons(parcel), IsEmpty()) << valid;
  }
  // By design, no HS code at all is no data problem: PLACI 7+1 does not ask
  // for one.
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].hs_code = "";
  EXPECT_THAT(DataReasons(parcel), IsEmpty());
}

// goods20: the rest of the WCO / EU / CBP unacceptable terms, their
// e-commerce phrasings and gift compounds, were released.
TEST(GoodsDataChecksTest, TheListsRemainingUnacceptableTermsAreVague) {
  for (const char* vague :
       {"footwear", "FOOTWEAR", "jewelry", "Jewellery items", "appliances", "furniture",
        "pharmaceuticals", "medical supplies", "sporting goods", "leather goods",
        "electrical goods", "beauty products", "baby products", "consumer goods",
        "phone accessory", "cell phone parts", "xmas gift", "birthday present",
        "Geburtstagsgeschenk", "cadeau d'anniversaire", "regalo de cumpleaños",
        "подарок на день рождения", "生日礼物", "Haushaltswaren", "amazon order",
        "AliExpress order", "new footwear, 2 pcs"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(vague)),
                ElementsAre(IsDataReason("VAGUE_GOODS_DESCRIPTION", "items[0].description")))
        << vague;
  }
  // The words of the phrases stay precise with goods beside them.
  for (const char* precise :
       {"ladies leather boots", "leather wallet", "baby shoes, knitted", "beauty blender sponge",
        "medical face masks, 50 pcs", "sterling silver jewelry: 2 rings", "hiking footwear, size 42",
        "birthday card", "phone case", "watch strap", "apple juice"}) {
    EXPECT_THAT(DataReasons(DescribedParcel(precise)), IsEmpty()) << precise;
  }
}

// goods20: 99,999 pieces weighing 1.2 kg together were accepted silently. A
// piece lighter than 5 g, heavier than 10 t, or a postal item heavier than
// 50 kg asks for information, naming pieces or gross_weight_kg.
TEST(GoodsDataChecksTest, PiecesAndWeightNoShipmentHasAskForInformation) {
  const auto with = [](uint32_t pieces, double kg, PostalCategory category) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.pieces = pieces;
    parcel.gross_weight_kg = kg;
    parcel.postal_category = category;
    return parcel;
  };
  constexpr PostalCategory kExpress = PostalCategory::kUnspecified;
  // Many pieces weighing next to nothing: the count is wrong.
  for (const auto& [pieces, kg] : {std::pair<uint32_t, double>{99'999, 1.2}, {5'000, 0.5}}) {
    EXPECT_THAT(DataReasons(with(pieces, kg, kExpress)),
                ElementsAre(IsDataReason("IMPLAUSIBLE_PIECES_WEIGHT", "pieces")))
        << pieces << " pieces, " << kg << " kg";
  }
  // One piece of a gram or less, of 80 t; a postal item of 70 kg.
  for (const auto& [pieces, kg, category] :
       {std::tuple<uint32_t, double, PostalCategory>{1, 0.0001, kExpress},
        {1, 0.001, kExpress},
        {1, 80'000, kExpress},
        {2, 30'000, kExpress},
        {1, 70, PostalCategory::kSaleOfGoods}}) {
    EXPECT_THAT(DataReasons(with(pieces, kg, category)),
                ElementsAre(IsDataReason("IMPLAUSIBLE_PIECES_WEIGHT", "gross_weight_kg")))
        << pieces << " pieces, " << kg << " kg";
  }
  // Shipments that exist: a ring of 20 g, two documents of 10 g each, 40
  // cartons of 10 kg, a 3 t machine, a 25 kg postal parcel.
  for (const auto& [pieces, kg, category] :
       {std::tuple<uint32_t, double, PostalCategory>{1, 0.02, kExpress},
        {2, 0.02, PostalCategory::kDocuments},
        {40, 400, kExpress},
        {300, 1500, kExpress},
        {1, 3000, kExpress},
        {1, 25, PostalCategory::kGift}}) {
    EXPECT_THAT(DataReasons(with(pieces, kg, category)), IsEmpty())
        << pieces << " pieces, " << kg << " kg";
  }
  // No weight or no pieces is a missing element, not an implausible one.
  EXPECT_THAT(DataReasons(with(99'999, 0, kExpress)),
              ElementsAre(IsDataReason("MISSING_GROSS_WEIGHT", "gross_weight_kg")));
  EXPECT_THAT(DataReasons(with(0, 0.001, kExpress)),
              ElementsAre(IsDataReason("MISSING_PIECES", "pieces")));
}

TEST(GoodsDataChecksTest, AValueNoParcelHasAsksForInformation) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].declared_value = {"EUR", 9'200'000'000'000'000'000, 0};
  EXPECT_THAT(DataReasons(parcel),
              ElementsAre(IsDataReason("IMPLAUSIBLE_DECLARED_VALUE", "items[0].declared_value")));
  parcel.items[0].declared_value = {"KWD", 400'000'000, 0};  // ~1.1e9 EUR
  EXPECT_THAT(DataReasons(parcel),
              ElementsAre(IsDataReason("IMPLAUSIBLE_DECLARED_VALUE", "items[0].declared_value")));
  // Dear, but a parcel can hold it; and many units of a small currency.
  for (Money fine : {Money{"EUR", 2'000'000, 0}, Money{"IDR", 5'000'000'000, 0}}) {
    parcel.items[0].declared_value = fine;
    EXPECT_THAT(DataReasons(parcel), IsEmpty()) << fine.currency_code;
  }
}

}  // namespace
}  // namespace placi::core
