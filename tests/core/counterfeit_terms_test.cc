// The counterfeit vocabulary the rules ship (ScreeningConfig::
// counterfeit_terms): read without any watchlist (black-box review,
// session 14, M4), as watchlist description terms are read.
#include <string>
#include <vector>

#include "core/screener.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::Not;

class CounterfeitTermsTest : public ::testing::Test {
 protected:
  CounterfeitTermsTest() : screener_(ScreeningConfig::Default(), &index_, &store_, &clock_) {}

  Verdict Screen(std::string description, std::string hs_code = "691200") {
    Consignment parcel = placi::testing::CleanParcel(absl::StrCat("H", ++waybill_));
    parcel.items[0].description = std::move(description);
    parcel.items[0].hs_code = std::move(hs_code);
    absl::StatusOr<Verdict> verdict = screener_.Screen(parcel);
    EXPECT_TRUE(verdict.ok()) << verdict.status();
    return verdict.ok() ? *verdict : Verdict{};
  }

  WatchlistIndex index_;  // empty: no watchlist at all
  placi::testing::InMemoryDecisionStore store_;
  placi::testing::FakeClock clock_;
  Screener screener_;
  int waybill_ = 0;
};

// Words no honest goods are described by: an IPR examination by themselves.
class ExaminedTermTest : public CounterfeitTermsTest,
                         public ::testing::WithParamInterface<const char*> {};

TEST_P(ExaminedTermTest, AsksForAnIprExamination) {
  const Verdict v = Screen(GetParam());
  EXPECT_EQ(v.referral, Referral::kIprExamination) << GetParam();
  EXPECT_THAT(v.reasons, Contains(Field(&Reason::code, "COUNTERFEIT_TERM"))) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Defaults, ExaminedTermTest,
    ::testing::Values("sac \u00e0 main Chanel r\u00e9plique qualit\u00e9 miroir",
                      "\u9ad8\u4eff \u52b3\u529b\u58eb \u624b\u8868",  // 高仿 劳力士 手表
                      "LV \u5305 1\u6bd41 \u539f\u5355",                // LV 包 1比1 原单
                      "\u30eb\u30a4\u30f4\u30a3\u30c8\u30f3 \u30d0\u30c3\u30b0 "
                      "\u30b9\u30fc\u30d1\u30fc\u30b3\u30d4\u30fc",  // … スーパーコピー
                      "Super Kopie Uhr", "Yeezy 350 UA version", "Rolex Uhr, F\u00e4lschung",
                      "montre contrefa\u00e7on", "\u043f\u043e\u0434\u0434\u0435\u043b\u043a\u0430 "
                      "\u0447\u0430\u0441\u044b",  // подделка часы
                      "knockoffs", "mirror-quality watch", "super fakes sneakers",
                      "AAA quality handbag", "1:1 copy watch" /* "copy watch" */));

// Words honest goods use too: points towards the threshold, no referral of
// their own.
class HintTermTest : public CounterfeitTermsTest,
                     public ::testing::WithParamInterface<const char*> {};

TEST_P(HintTermTest, AddsPointsOnly) {
  const Verdict v = Screen(GetParam());
  EXPECT_THAT(v.reasons, Contains(AllOf(Field(&Reason::code, "COUNTERFEIT_TERM"),
                                        Field(&Reason::referral, Referral::kNone))))
      << GetParam();
  // A hold these parcels reach is a score hold, whose referral follows the
  // customs indicators that carry it (review bb3 H3): not checked here.
}

INSTANTIATE_TEST_SUITE_P(Defaults, HintTermTest,
                         ::testing::Values("counterfeit designer sunglasses",
                                           "Handtasche Louis Vuitton Imitat",
                                           "\u00e7akma Gucci \u00e7anta", "Rolex replicas",
                                           "fake Rolex watch", "Rolex dupe watch"));

// Honest goods under their own HS codes: no counterfeit vocabulary read,
// or none that holds them.
class HonestGoodsTest
    : public CounterfeitTermsTest,
      public ::testing::WithParamInterface<std::pair<const char*, const char*>> {};

TEST_P(HonestGoodsTest, IsReleased) {
  const auto& [description, hs_code] = GetParam();
  const Verdict v = Screen(description, hs_code);
  std::string why;
  for (const Reason& r : v.reasons) why += r.code + ":" + std::to_string(r.points) + " ";
  EXPECT_EQ(v.decision, Decision::kRelease) << description << " " << why;
}

INSTANTIATE_TEST_SUITE_P(
    Defaults, HonestGoodsTest,
    ::testing::Values(std::pair{"faux leather jacket", "420310"},
                      std::pair{"fake fur throw blanket", "630140"},
                      std::pair{"AAA alkaline batteries, 8 pack", "850610"},
                      std::pair{"A4 copy paper, 500 sheets", "480256"},
                      std::pair{"official home replica jersey, football club", "611030"},
                      std::pair{"1:18 scale diecast model car, replica of a 1967 roadster",
                                "950300"},
                      std::pair{"bathroom mirror, quality glass 60x80 cm", "700992"},
                      std::pair{"imitation jewellery, necklace", "711719"},
                      std::pair{"costume jewellery, necklace", "711719"}));

TEST_F(CounterfeitTermsTest, ReadInNamesAndReportedWithTheField) {
  Consignment parcel = placi::testing::CleanParcel("H-NAME");
  parcel.ecommerce.seller_name = "Top AAA Replica Watches Store";
  parcel.consignor.name = "Super Fake Sneakers Factory";
  absl::StatusOr<Verdict> v = screener_.Screen(parcel);
  ASSERT_TRUE(v.ok());
  EXPECT_THAT(v->reasons, Contains(AllOf(Field(&Reason::code, "COUNTERFEIT_TERM"),
                                         Field(&Reason::field, "consignor.name"))));
  EXPECT_THAT(v->reasons, Contains(AllOf(Field(&Reason::code, "COUNTERFEIT_TERM"),
                                         Field(&Reason::field, "ecommerce.seller_name"))));
}

// A term the watchlist lists too counts once, as the watchlist's entry.
TEST_F(CounterfeitTermsTest, AWatchlistedTermCountsOnce) {
  index_.Upsert({WatchlistEntry{"wl-replica", EntryKind::kDescriptionTerm, "replica",
                                Referral::kIprExamination, 60, "test", ""}},
                1);
  const Verdict v = Screen("replica watch, steel");
  EXPECT_THAT(v.reasons, Contains(Field(&Reason::code, "WATCHLIST_DESCRIPTION_TERM")));
  for (const Reason& r : v.reasons) {
    EXPECT_THAT(r.evidence, Not(::testing::HasSubstr("counterfeit_terms/replica ")));
  }
  EXPECT_EQ(index_.size(), 1u);  // the rules' terms are no entries
}

// The rules in force decide: a reload replaces the list.
TEST_F(CounterfeitTermsTest, SetConfigReplacesTheTerms) {
  ScreeningConfig config = ScreeningConfig::Default();
  config.counterfeit_terms = {{"bootleg", 60, Referral::kIprExamination}};
  screener_.SetConfig(config);
  EXPECT_EQ(Screen("bootleg concert shirt").referral, Referral::kIprExamination);
  EXPECT_THAT(Screen("super copy watch").reasons,
              Not(Contains(Field(&Reason::code, "COUNTERFEIT_TERM"))));
}

}  // namespace
}  // namespace placi::core
