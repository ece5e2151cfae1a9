#include "core/watchlist_index.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

WatchlistEntry Entry(std::string id, EntryKind kind, std::string value) {
  return WatchlistEntry{std::move(id), kind, std::move(value), Referral::kRequestForScreening, 50,
                        "test", ""};
}

std::vector<std::string> HitFields(const WatchlistIndex& index, const Consignment& parcel) {
  std::vector<WatchlistHit> hits;
  index.Match(parcel, &hits);
  std::vector<std::string> out;
  for (const WatchlistHit& hit : hits) out.push_back(hit.entry.id + "@" + hit.field);
  return out;
}

TEST(WatchlistIndexTest, EachKindMatchesItsFieldsAfterNormalisation) {
  WatchlistIndex index;
  index.Upsert({Entry("name", EntryKind::kPartyName, "SCHNEIDER, MARIA"),
                Entry("addr", EntryKind::kAddress, "88 Wenyi West Rd, 310012 Hangzhou, CN"),
                Entry("phone", EntryKind::kPhone, "0086-571-88880000"),
                Entry("mail", EntryKind::kEmail, "Maria.Schneider@Example.DE"),
                Entry("tax", EntryKind::kTaxId, "de 123 456"),
                Entry("seller", EntryKind::kSellerId, "shop-77"),
                Entry("brand", EntryKind::kBrandTerm, "Rolex"),
                Entry("term", EntryKind::kDescriptionTerm, "mirror quality")},
               7);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.tax_id = "DE123456";
  parcel.ecommerce.seller_id = "SHOP77";
  parcel.items[0].description = "ROLEX style watch, Mirror-Quality";
  EXPECT_THAT(HitFields(index, parcel),
              ElementsAre("addr@consignor.address", "phone@consignor.phone",
                          "name@consignee.name", "mail@consignee.email", "tax@consignee.tax_id",
                          "seller@ecommerce.seller_id", "brand@items[0].description",
                          "term@items[0].description"));
  EXPECT_EQ(index.version(), 7u);
  EXPECT_EQ(index.size(), 8u);
}

TEST(WatchlistIndexTest, TermsMatchWholeWordsOnly) {
  WatchlistIndex index;
  index.Upsert({Entry("brand", EntryKind::kBrandTerm, "Nike")}, 1);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = "nikelodeon plush toy";
  EXPECT_THAT(HitFields(index, parcel), IsEmpty());
  parcel.ecommerce.listing_url = "https://shop.example/nike-air-replica";
  EXPECT_THAT(HitFields(index, parcel), ElementsAre("brand@ecommerce.listing_url"));
}

TEST(WatchlistIndexTest, UpsertReplacesAndDeleteRemoves) {
  WatchlistIndex index;
  index.Upsert({Entry("e1", EntryKind::kPhone, "+86 571 8888 0000")}, 1);
  Consignment parcel = placi::testing::CleanParcel();
  EXPECT_THAT(HitFields(index, parcel), ElementsAre("e1@consignor.phone"));
  index.Upsert({Entry("e1", EntryKind::kPhone, "+1 555 0100")}, 2);
  EXPECT_THAT(HitFields(index, parcel), IsEmpty());
  index.Upsert({Entry("e1", EntryKind::kPhone, "+86 571 8888 0000")}, 3);
  index.Delete({"e1", "unknown-id"}, 4);
  EXPECT_THAT(HitFields(index, parcel), IsEmpty());
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.version(), 4u);
}

TEST(WatchlistIndexTest, AnEntryHitsOnceEvenInTwoFields) {
  WatchlistIndex index;
  index.Upsert({Entry("e", EntryKind::kPhone, "+86 571 8888 0000")}, 1);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.phone = parcel.consignor.phone;
  EXPECT_THAT(HitFields(index, parcel), ElementsAre("e@consignor.phone"));
}

TEST(WatchlistIndexTest, KeyOfEmptyForValuesThatCannotMatch) {
  EXPECT_EQ(WatchlistIndex::KeyOf(Entry("p", EntryKind::kPhone, "n/a")), "");
  EXPECT_EQ(WatchlistIndex::KeyOf(Entry("b", EntryKind::kBrandTerm, "...")), "");
}

}  // namespace
}  // namespace placi::core

namespace placi::core {
namespace {

class ObfuscatedTermTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ObfuscatedTermTest, IsFound) {
  WatchlistIndex index;
  index.Upsert({Entry("gucci", EntryKind::kBrandTerm, "Gucci"),
                Entry("rolex", EntryKind::kBrandTerm, "Rolex"),
                Entry("nike", EntryKind::kBrandTerm, "Nike"),
                Entry("mirror", EntryKind::kDescriptionTerm, "mirror quality"),
                Entry("one", EntryKind::kDescriptionTerm, "1:1")},
               1);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = GetParam();
  EXPECT_FALSE(HitFields(index, parcel).empty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Obfuscations, ObfuscatedTermTest,
                         ::testing::Values("G.u.c.c.i belt", "G U C C I belt", "gu-cci bag",
                                           "N1ke trainers", "R0LEX watch", "Ro1ex watch",
                                           "Gücci scarf", "mirrorquality watch",
                                           "Mirror-Quality watch", "1:1 copy", "ni.ke socks",
                                           "$hoes by N!ke", "Guссi bag" /* Cyrillic с */,
                                           "Gu cci bag", "Gu-cci", "Guc*ci belt"));

class InnocentTextTest : public ::testing::TestWithParam<std::string> {};

TEST_P(InnocentTextTest, IsNotFound) {
  WatchlistIndex index;
  index.Upsert({Entry("gucci", EntryKind::kBrandTerm, "Gucci"),
                Entry("nike", EntryKind::kBrandTerm, "Nike"),
                Entry("one", EntryKind::kDescriptionTerm, "1:1"),
                Entry("mirror", EntryKind::kDescriptionTerm, "mirror quality")},
               1);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = GetParam();
  EXPECT_TRUE(HitFields(index, parcel).empty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Innocent, InnocentTextTest,
                         ::testing::Values("11 pcs ceramic mugs", "nickel plated hooks",
                                           "bathroom mirror with lights", "1.1 kg net weight",
                                           "nikon camera strap"));

}  // namespace
}  // namespace placi::core
