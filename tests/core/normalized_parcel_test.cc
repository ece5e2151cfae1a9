#include "core/normalized_parcel.h"

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
    EXPECT_EQ(normalized->tax_id_key, IdKey(party->tax_id));
  }
  EXPECT_EQ(n.consignee.name_key, "jurgen ludenscheidt muller");
  EXPECT_EQ(n.consignee.email_key, "jmueller@gmail.com");
  EXPECT_EQ(n.seller_id_key, "SHOP77");
  EXPECT_EQ(n.seller_name_key, "fast shenzhen trading");
  EXPECT_EQ(n.seller_glued_name, "shenzhenfasttrading");
  ASSERT_EQ(n.folded_descriptions.size(), parcel.items.size());
  EXPECT_EQ(n.folded_descriptions[0], "damen sportschuhe grosse 38");
}

}  // namespace
}  // namespace placi::core
