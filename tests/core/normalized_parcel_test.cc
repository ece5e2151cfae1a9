#include "core/normalized_parcel.h"

#include <cstdint>
#include <vector>

#include "core/normalize.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

// The one pass gives exactly what each normalisation function gives alone,
// so rules reading it decide as they did when each folded for itself.
TEST(NormalizeParcelTest, EqualsTheSingleFunctions) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.name = "Jürgen Müller-Lüdenscheidt A.Ş.";
  parcel.consignee.address = Address{"Königstraße 12, 3rd Floor", "Düsseldorf", "40212", "DE"};
  parcel.consignee.phone = "0211 1234567";
  parcel.consignee.email = "J.Mueller+shop@GMail.com";
  parcel.consignee.tax_id = "de 123 456";
  parcel.ecommerce.seller_id = "shop-77";
  parcel.ecommerce.seller_name = "Shenzhen Fast Trading Co., Ltd.";
  parcel.items[0].description = "Damen Sportschuhe, Größe 38";
  const NormalizedParcel n = NormalizeParcel(parcel);
  for (const auto& [party, normalized] :
       {std::pair{&parcel.consignor, &n.consignor}, std::pair{&parcel.consignee, &n.consignee}}) {
    EXPECT_EQ(normalized->folded_name, FoldText(party->name));
    EXPECT_EQ(normalized->name_key, NameKey(party->name));
    EXPECT_EQ(normalized->glued_name, GluedNameKey(party->name));
    EXPECT_EQ(normalized->address_key, AddressKey(party->address));
    EXPECT_EQ(normalized->phone_key, PhoneKey(party->phone, party->address.country_code));
    EXPECT_EQ(normalized->email_key, EmailKey(party->email));
    EXPECT_EQ(normalized->tax_id_key, TaxIdKey(party->tax_id));
  }
  EXPECT_EQ(n.consignee.name_key, "jurgen ludenscheidt muller");
  EXPECT_EQ(n.consignee.email_key, "jmueller@gmail.com");
  EXPECT_EQ(n.seller_id_key, "SHOP77");
  EXPECT_EQ(n.seller_name_key, "fast shenzhen trading");
  EXPECT_EQ(n.seller_glued_name, "shenzhenfasttrading");
  ASSERT_EQ(n.folded_descriptions.size(), parcel.items.size());
  EXPECT_EQ(n.folded_descriptions[0], "damen sportschuhe grosse 38");
}

// Screener::Judge normalises every parcel into one object per thread: what
// an earlier parcel left there (longer keys, more items, an e-mail rewritten,
// a phone completed) never shows through.
TEST(NormalizeParcelTest, ReusedObjectGivesWhatAFreshOneGives) {
  Consignment first = placi::testing::CleanParcel();
  first.consignee.name = "Guangzhou Baiyun Lucky Star Trading Co., Ltd.";
  first.consignee.address = Address{"Room 1203, 88 Long Industrial Road", "Guangzhou", "510000", "CN"};
  first.consignee.phone = "+44 (0)20 7946 0958";
  first.consignee.email = "Sales.Team+eu@googlemail.com";
  first.ecommerce.seller_name = "Иван Иванов";
  first.items.push_back(first.items[0]);
  first.items[1].description = "Men's leather belt with metal buckle, size 110";
  Consignment second = placi::testing::CleanParcel();
  second.consignee.name = "Li";
  second.consignee.phone = "0211 1234567";
  second.consignee.email = "";
  second.ecommerce.seller_name = "";
  NormalizedParcel reused;
  NormalizeParcel(first, &reused);
  NormalizeParcel(second, &reused);
  const NormalizedParcel fresh = NormalizeParcel(second);
  for (const auto& [a, b] : {std::pair{&reused.consignor, &fresh.consignor},
                             std::pair{&reused.consignee, &fresh.consignee}}) {
    EXPECT_EQ(a->folded_name, b->folded_name);
    EXPECT_EQ(a->name_key, b->name_key);
    EXPECT_EQ(a->glued_name, b->glued_name);
    EXPECT_EQ(a->address_key, b->address_key);
    EXPECT_EQ(a->phone_key, b->phone_key);
    EXPECT_EQ(a->email_key, b->email_key);
    EXPECT_EQ(a->tax_id_key, b->tax_id_key);
  }
  EXPECT_EQ(reused.seller_id_key, fresh.seller_id_key);
  EXPECT_EQ(reused.seller_name_key, fresh.seller_name_key);
  EXPECT_EQ(reused.seller_glued_name, fresh.seller_glued_name);
  EXPECT_EQ(reused.folded_descriptions, fresh.folded_descriptions);
  EXPECT_EQ(reused.has_sign_for_a_letter, fresh.has_sign_for_a_letter);
}

// Each item's description says whether it has a sign the goods rules read
// as a letter ("Ch@nel"); a repeated description, folded once, says what
// its first one says.
TEST(NormalizeParcelTest, TellsEachItemsSignsForLetters) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items.resize(5, parcel.items[0]);
  parcel.items[0].description = "Ch@nel handbag";
  parcel.items[2].description = "\u9999\u6c34 N!ke";  // "香水 N!ke"
  parcel.items[3].description = "Ch@nel handbag";
  parcel.items[4].description = "\u9999\u6c34 100 ml";
  NormalizedParcel n;
  NormalizeParcel(parcel, &n);
  EXPECT_EQ(n.first_same_description[3], 0u);
  EXPECT_EQ(n.has_sign_for_a_letter, (std::vector<uint8_t>{1, 0, 1, 1, 0}));
  // Over an object holding an earlier parcel's flags.
  NormalizeParcel(placi::testing::CleanParcel(), &n);
  EXPECT_EQ(n.has_sign_for_a_letter, (std::vector<uint8_t>{0}));
}

}  // namespace
}  // namespace placi::core
