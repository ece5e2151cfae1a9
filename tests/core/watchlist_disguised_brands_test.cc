// Brands that only the watchlist lists (BRAND_TERM entries; no brand of the
// rules), written disguised, a character for another (brands24): "Zan0tti",
// "Z@notti", "Zanott| sneakers", "Vach€ron Constantin". Each is
// DISGUISED_BRAND, 60 points, as a rules' brand so written is
// (goods_disguised_brands_test.cc), beside the entry's own
// WATCHLIST_BRAND_TERM; the same brand written as it is, spaced apart, or
// beside a "|" that parts words is the entry's hit alone.
#include <string>

#include "core/screener.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"
#include "tests/test_util/screen_ok.h"
#include "tests/test_util/screener_fixture.h"

namespace placi::core {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

class WatchlistDisguisedBrandsTest : public placi::testing::ScreenerFixture {
 protected:
  WatchlistDisguisedBrandsTest() {
    // Brands the default rules do not list: only the watchlist knows them.
    // Few points and no referral of their own, so that the hold is
    // DISGUISED_BRAND's.
    index_.Upsert({WatchlistEntry{"wl-zanotti", EntryKind::kBrandTerm, "Zanotti", Referral::kNone,
                                  5, "test", ""},
                   WatchlistEntry{"wl-vacheron", EntryKind::kBrandTerm, "Vacheron Constantin",
                                  Referral::kNone, 5, "test", ""},
                   WatchlistEntry{"wl-longchamp", EntryKind::kBrandTerm, "Longchamp",
                                  Referral::kNone, 5, "test", ""},
                   WatchlistEntry{"wl-vilebrequin", EntryKind::kBrandTerm, "Vilebrequin",
                                  Referral::kNone, 5, "test", ""}},
                  /*version=*/1);
  }
};

TEST_F(WatchlistDisguisedBrandsTest, AWatchlistBrandWrittenDisguisedIsExamined) {
  const char* const cases[] = {
      "Zan0tti sneakers",                // a digit for a letter
      "Z@notti sneakers",                // a sign
      "Zan0tti-style sh@es",             // as "R0lex-style w@tch"
      "Zanott| sneakers",                // "|" for an "i"
      "Vacheron Constant|n watch",       // in a two-word brand
      "Vach\u20acron Constantin watch",  // "€" for an "e"
      "Longch@mp Le Pliage bag",
      "quilted leather shoulder bag Longch@mp",  // the sign past the first 16 bytes
      // Four signs, no misspelling the watchlist reads: found in the signs'
      // reading only (WatchlistIndex::MatchDescriptionTerms).
      "V|l\u20acbr\u20acqu|n swim shorts",
  };
  for (const char* description : cases) {
    const Verdict v = ScreenDescription(description);
    EXPECT_EQ(v.decision, Decision::kHold) << description;
    EXPECT_EQ(v.referral, Referral::kIprExamination) << description;
    EXPECT_THAT(v.reasons,
                Contains(AllOf(Field(&Reason::code, "DISGUISED_BRAND"), Field(&Reason::points, 60),
                               Field(&Reason::field, "items[0].description"))))
        << description;
    EXPECT_THAT(v.reasons, Contains(Field(&Reason::code, "WATCHLIST_BRAND_TERM"))) << description;
  }
}

TEST_F(WatchlistDisguisedBrandsTest, AWatchlistBrandWrittenAsItIsIsNoDisguise) {
  const char* const cases[] = {
      "Zanotti sneakers",
      "Zanotti sneakers size 42",             // a digit elsewhere
      "Zanotti sneakers | leather",           // "|" parting words
      "Z.a.n.o.t.t.i sneakers",               // spaced apart: the brand as written
      "Zanotti sneakers, Z@notti box",        // written right as well
      "Vacheron Constantin watch 120\u20ac",  // "€" after a number
  };
  for (const char* description : cases) {
    const Verdict v = ScreenDescription(description);
    EXPECT_THAT(v.reasons, Contains(Field(&Reason::code, "WATCHLIST_BRAND_TERM"))) << description;
    EXPECT_THAT(v.reasons, Not(Contains(Field(&Reason::code, "DISGUISED_BRAND")))) << description;
    EXPECT_EQ(v.decision, Decision::kRelease) << description;
  }
}

// Found in the signs' reading of a later item: reported at that item.
TEST_F(WatchlistDisguisedBrandsTest, ABrandFoundInTheSignsReadingIsReportedAtItsItem) {
  Consignment parcel = placi::testing::CleanParcel("W-second-item");
  parcel.items.push_back(parcel.items[0]);
  parcel.items[1].description = "V|l\u20acbr\u20acqu|n swim shorts";
  parcel.items[1].hs_code = "";
  parcel.items[1].declared_value = {"EUR", 9000, 0};
  const Verdict v = placi::testing::ScreenOk(screener_, parcel);
  EXPECT_THAT(v.reasons, Contains(AllOf(Field(&Reason::code, "DISGUISED_BRAND"),
                                        Field(&Reason::field, "items[1].description"),
                                        Field(&Reason::evidence, HasSubstr("swim shorts")))));
  EXPECT_THAT(v.reasons, Contains(AllOf(Field(&Reason::code, "WATCHLIST_BRAND_TERM"),
                                        Field(&Reason::field, "items[1].description"))));
}

// A rules' brand written disguised is reported by the goods rules: one
// DISGUISED_BRAND a parcel, also when the watchlist lists a brand disguised
// beside it.
TEST_F(WatchlistDisguisedBrandsTest, OneDisguisedBrandReasonAParcel) {
  const Verdict v = ScreenDescription("Ch@nel handbag, Z@notti sneakers", "420221");
  int count = 0;
  for (const Reason& r : v.reasons) count += r.code == "DISGUISED_BRAND" ? 1 : 0;
  EXPECT_EQ(count, 1);
  EXPECT_EQ(v.referral, Referral::kIprExamination);
}

}  // namespace
}  // namespace placi::core
