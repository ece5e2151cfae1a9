// A watchlist BRAND_TERM entry of a brand the rules list, written glued to
// its goods word or with its words glued ("GucciBag", "LouisVuittonBag",
// "RolexWatch"), is the entry's hit, as "Gucci bag" is (detect26): the goods
// rules read such a description as the brand (brands25), the watchlist's
// term reading did not, and the parcel missed the entry's points.
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/screener.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"
#include "tests/test_util/screen_ok.h"
#include "tests/test_util/screener_fixture.h"

namespace placi::core {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::Not;

class WatchlistGluedBrandsTest : public placi::testing::ScreenerFixture {
 protected:
  WatchlistGluedBrandsTest() {
    index_.Upsert({WatchlistEntry{"wl-gucci", EntryKind::kBrandTerm, "Gucci", Referral::kNone, 30,
                                  "test", ""},
                   WatchlistEntry{"wl-lv", EntryKind::kBrandTerm, "Louis Vuitton", Referral::kNone,
                                  30, "test", ""},
                   WatchlistEntry{"wl-rolex", EntryKind::kBrandTerm, "Rolex", Referral::kNone, 30,
                                  "test", ""}},
                  /*version=*/1);
  }

  int waybill_ = 0;
};

TEST_F(WatchlistGluedBrandsTest, ABrandGluedToItsGoodsWordIsTheEntrysHit) {
  const std::pair<const char*, const char*> cases[] = {
      {"GucciBag", "wl-gucci"},     {"GucciBag leather", "wl-gucci"},
      {"LouisVuittonBag", "wl-lv"}, {"LouisVuitton handbag", "wl-lv"},
      {"RolexWatch", "wl-rolex"},
  };
  for (const auto& [description, id] : cases) {
    const Verdict v = ScreenDescription(description);
    EXPECT_THAT(v.reasons, Contains(AllOf(Field(&Reason::code, "WATCHLIST_BRAND_TERM"),
                                          Field(&Reason::field, "items[0].description"))))
        << description;
    // Glued is written plainly: no disguise.
    EXPECT_THAT(v.reasons, Not(Contains(Field(&Reason::code, "DISGUISED_BRAND")))) << description;
  }
}

// detect26 (a smuggler's cheap spelling): the goods word glued before the
// brand, and the brand glued to its product's name (a listing's hashtag),
// were released at 30 and 20 EUR: no reading split them.
TEST_F(WatchlistGluedBrandsTest, AGoodsWordBeforeTheBrandAndABrandGluedToItsModelAreRead) {
  for (const char* description : {"handbagGucci", "bagGucci", "NikeAirMax90"}) {
    Consignment parcel = placi::testing::CleanParcel(absl::StrCat("S", ++waybill_));
    parcel.items[0].description = description;
    parcel.items[0].hs_code = "";
    parcel.items[0].quantity = 1;
    parcel.items[0].declared_value = {"EUR", 20, 0};
    const Verdict v = placi::testing::ScreenOk(screener_, parcel);
    EXPECT_EQ(v.decision, Decision::kHold) << description;
    EXPECT_THAT(v.reasons, Contains(Field(&Reason::code, "UNDERVALUED_GOODS"))) << description;
  }
  for (const char* honest : {"handbag", "baggage tag", "Coachella festival t-shirt", "diorama kit",
                             "Bagcoach travel organiser"}) {
    const Verdict v = ScreenDescription(honest);
    EXPECT_EQ(v.decision, Decision::kRelease) << honest;
  }
}

TEST_F(WatchlistGluedBrandsTest, TheSameBrandCountsOnceAndLookAlikesStayClean) {
  // Written plainly and glued: one hit of the entry.
  const Verdict both = ScreenDescription("Gucci handbag, GucciBag");
  int count = 0;
  for (const Reason& r : both.reasons) count += r.code == "WATCHLIST_BRAND_TERM" ? 1 : 0;
  EXPECT_EQ(count, 1);
  for (const char* honest : {"Guccione leather wallet", "rolexample watch strap"}) {
    EXPECT_THAT(ScreenDescription(honest).reasons,
                Not(Contains(Field(&Reason::code, "WATCHLIST_BRAND_TERM"))))
        << honest;
  }
}

}  // namespace
}  // namespace placi::core
