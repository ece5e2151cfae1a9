#include "core/consignment_facts.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "core/consignment.h"
#include "core/screening_config.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

ConsignmentFacts Sneakers() {
  ConsignmentFacts facts;
  facts.pieces = 1;
  facts.gross_weight_kg = 0.5;
  facts.item_quantity = 1;
  facts.declared_value_eur = 5;
  facts.hs_headings = {"640411"};
  return facts;
}

TEST(FactsOfConsignmentTest, SumsTheItemsAndCutsHsCodesToTheirHeading) {
  const ScreeningConfig config = ScreeningConfig::Default();
  Consignment parcel = placi::testing::CleanParcel();  // 1 piece, 1.2 kg, 4 mugs at 24 EUR
  GoodsItem cups = parcel.items[0];
  cups.hs_code = "6912.00.10";  // dotted and longer: the same heading
  cups.quantity = 2;
  cups.declared_value = {"EUR", 6, 500000000};
  parcel.items.push_back(cups);
  parcel.items.push_back(GoodsItem{"spoons", "", 3, {"EUR", 0, 0}});  // no code: no heading
  const ConsignmentFacts facts = FactsOfConsignment(parcel, config);
  EXPECT_EQ(facts.pieces, 1u);
  EXPECT_DOUBLE_EQ(facts.gross_weight_kg, 1.2);
  EXPECT_EQ(facts.item_quantity, 9u);
  ASSERT_TRUE(facts.declared_value_eur.has_value());
  EXPECT_DOUBLE_EQ(*facts.declared_value_eur, 30.5);
  EXPECT_EQ(facts.hs_headings, std::vector<std::string>{"691200"});
  // A currency without a rate: the value is unknown, not zero.
  parcel.items[1].declared_value.currency_code = "XXX";
  EXPECT_FALSE(FactsOfConsignment(parcel, config).declared_value_eur.has_value());
}

// Black-box review bb3, H7: one pair examined, 200 pairs re-filed.
TEST(ChangesBeyondExaminedTest, TheReviewsTwoHundredPairsAreBeyondTheOneExamined) {
  ConsignmentFacts refiled = Sneakers();
  refiled.pieces = 20;
  refiled.gross_weight_kg = 150;
  refiled.item_quantity = 200;
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), refiled),
            "pieces 1 -> 20, gross_weight_kg 0.5 -> 150, item_quantity 1 -> 200, "
            "declared_value_eur_per_item 5.00 -> 0.03");
}

TEST(ChangesBeyondExaminedTest, TheSameOrASmallerConsignmentIsWithin) {
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), Sneakers()), "");
  ConsignmentFacts examined = Sneakers();
  examined.pieces = 2;
  examined.gross_weight_kg = 4;
  examined.item_quantity = 4;
  examined.declared_value_eur = 200;  // 50 EUR an item
  ConsignmentFacts smaller = examined;
  smaller.pieces = 1;
  smaller.gross_weight_kg = 2;
  smaller.item_quantity = 2;
  smaller.declared_value_eur = 100;  // the same price an item
  smaller.hs_headings = {};
  EXPECT_EQ(ChangesBeyondExamined(examined, smaller), "");
  // Within the tolerances: a re-weighed box, a rounded value.
  ConsignmentFacts reweighed = examined;
  reweighed.gross_weight_kg = 4.4;     // +10%
  reweighed.declared_value_eur = 220;  // +10%
  EXPECT_EQ(ChangesBeyondExamined(examined, reweighed), "");
  ConsignmentFacts rounded = Sneakers();
  rounded.gross_weight_kg = 1.0;   // +0.5 kg: carriers round up to half kilos
  rounded.declared_value_eur = 6;  // +1 EUR
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), rounded), "");
  rounded.hs_headings = {"6404"};  // less precise: the same goods
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), rounded), "");
}

TEST(ChangesBeyondExaminedTest, EachFactBeyondItsToleranceIsNamed) {
  ConsignmentFacts heavier = Sneakers();
  heavier.gross_weight_kg = 1.01;
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), heavier), "gross_weight_kg 0.5 -> 1.01");
  ConsignmentFacts dearer = Sneakers();
  dearer.declared_value_eur = 6.5;
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), dearer), "declared_value_eur 5.00 -> 6.50");
  ConsignmentFacts cheaper = Sneakers();
  cheaper.declared_value_eur = 3.5;  // the same pair, 1.5 EUR less
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), cheaper), "declared_value_eur_per_item 5.00 -> 3.50");
  cheaper.declared_value_eur = std::nullopt;  // no longer readable
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), cheaper), "declared_value_eur 5.00 -> unreadable");
  ConsignmentFacts watches = Sneakers();
  watches.hs_headings = {"640411", "910211"};
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), watches), "hs_headings 640411 -> 640411+910211");
  ConsignmentFacts more_pieces = Sneakers();
  more_pieces.pieces = 2;
  EXPECT_EQ(ChangesBeyondExamined(Sneakers(), more_pieces), "pieces 1 -> 2");
}

TEST(ChangesBeyondExaminedTest, WhatTheExaminedFilingLackedIsNotCompared) {
  ConsignmentFacts examined = Sneakers();
  examined.declared_value_eur = std::nullopt;
  examined.hs_headings = {};
  ConsignmentFacts refiled = Sneakers();
  refiled.declared_value_eur = 500;
  refiled.hs_headings = {"910211"};
  EXPECT_EQ(ChangesBeyondExamined(examined, refiled), "");
  // Pieces, weight and quantity missing from the examined filing (an
  // officer may lift a hold for information on the goods themselves).
  ConsignmentFacts undeclared;
  undeclared.declared_value_eur = 5;
  refiled = Sneakers();
  refiled.pieces = 3;
  refiled.gross_weight_kg = 2;
  refiled.item_quantity = 3;
  EXPECT_EQ(ChangesBeyondExamined(undeclared, refiled), "");  // 5 EUR for 3: not per item
  refiled.declared_value_eur = 7;
  EXPECT_EQ(ChangesBeyondExamined(undeclared, refiled), "declared_value_eur 5.00 -> 7.00");
}

// A parcel of `headings` items, each under an HS code of its own heading
// (610000, 610001, …), in descending order, each sent twice.
Consignment ParcelOfHeadings(int headings) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items.clear();
  for (int i = headings - 1; i >= 0; --i) {
    for (int copy = 0; copy < 2; ++copy) {
      parcel.items.push_back(
          GoodsItem{"cotton t-shirt", absl::StrFormat("61%04d.10", i), 1, {"EUR", 1, 0}});
    }
  }
  return parcel;
}

std::vector<std::string> HeadingsFrom(int first, int count) {
  std::vector<std::string> headings;
  for (int i = first; i < first + count; ++i) headings.push_back(absl::StrFormat("61%04d", i));
  return headings;
}

// Review, session 16: a held 999-item parcel kept all its distinct headings
// (~8 KB) with its hold. A hold keeps at most kMaxHeldHsHeadings, the lowest.
TEST(HeldFactsOfConsignmentTest, KeepsAtMostTheCapOfDistinctHeadings) {
  static_assert(kMaxHeldHsHeadings == 64);
  const ScreeningConfig config = ScreeningConfig::Default();
  const Consignment big = ParcelOfHeadings(100);
  EXPECT_EQ(FactsOfConsignment(big, config).hs_headings, HeadingsFrom(0, 100));
  const ConsignmentFacts held = HeldFactsOfConsignment(big, config);
  EXPECT_EQ(held.hs_headings, HeadingsFrom(0, 64));
  EXPECT_EQ(held.item_quantity, 200u);  // the other facts are whole
  // At the cap or below, a hold keeps every heading.
  const Consignment at_cap = ParcelOfHeadings(64);
  EXPECT_EQ(HeldFactsOfConsignment(at_cap, config), FactsOfConsignment(at_cap, config));
}

// Review, session 17: a resolved hold of more than kMaxHeldHsHeadings
// headings, re-filed unchanged, was a new hold (the 36 headings beyond the
// kept 64 counted as other goods). The hold keeps a digest of them all: the
// same headings again are the goods examined.
TEST(ChangesBeyondExaminedTest, TheSameHeadingsBeyondTheKeptOnesAreNoChange) {
  const ScreeningConfig config = ScreeningConfig::Default();
  const ConsignmentFacts held = HeldFactsOfConsignment(ParcelOfHeadings(100), config);
  EXPECT_EQ(held.hs_headings_digest, HsHeadingsDigest(HeadingsFrom(0, 100)));
  EXPECT_EQ(held.hs_headings_digest.size(), 32u);  // SHA-256
  EXPECT_EQ(ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(100), config)), "");
  // Only kept headings re-filed: within, as before.
  EXPECT_EQ(ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(64), config)), "");
  EXPECT_EQ(ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(10), config)), "");
  // Nothing cut, nothing digested.
  EXPECT_EQ(HeldFactsOfConsignment(ParcelOfHeadings(64), config).hs_headings_digest, "");
}

// The decision beside kMaxHeldHsHeadings: past the kept headings, only the
// whole examined set is known; any other set is a change, even one of only
// examined headings (the hold cannot show which of the dropped ones the
// officer saw).
TEST(ChangesBeyondExaminedTest, OtherHeadingsBeyondTheKeptOnesAreAChange) {
  const ScreeningConfig config = ScreeningConfig::Default();
  const ConsignmentFacts held = HeldFactsOfConsignment(ParcelOfHeadings(100), config);
  // One heading more than examined (and two items more).
  const std::string changed =
      ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(101), config));
  EXPECT_TRUE(absl::StrContains(changed, ", hs_headings 610000+")) << changed;
  // The evidence lists at most kMaxHeldHsHeadings re-filed headings.
  EXPECT_TRUE(absl::StrContains(changed, "+610063 -> 610000+610001+")) << changed;
  EXPECT_TRUE(absl::EndsWith(changed, "+610063+37 more")) << changed;
  // Some of the dropped headings only.
  EXPECT_NE(ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(80), config)), "");
  // One dropped heading swapped for another beyond the kept ones.
  Consignment swapped = ParcelOfHeadings(100);
  swapped.items[0].hs_code = "610100.10";  // 610099 -> 610100
  swapped.items[1].hs_code = "610100.10";
  EXPECT_NE(ChangesBeyondExamined(held, FactsOfConsignment(swapped, config)), "");
}

// A hold stored before the digest was kept has none: its re-filing is
// compared with the kept headings alone, as then.
TEST(ChangesBeyondExaminedTest, AHoldWithoutTheDigestComparesTheKeptHeadingsAlone) {
  const ScreeningConfig config = ScreeningConfig::Default();
  ConsignmentFacts held = HeldFactsOfConsignment(ParcelOfHeadings(100), config);
  held.hs_headings_digest.clear();
  const std::string changed =
      ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(100), config));
  EXPECT_TRUE(absl::EndsWith(changed, "+610063+36 more")) << changed;
  EXPECT_EQ(ChangesBeyondExamined(held, FactsOfConsignment(ParcelOfHeadings(64), config)), "");
}

}  // namespace
}  // namespace placi::core
