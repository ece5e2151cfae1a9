#include "core/hold_coverage.h"

#include "gtest/gtest.h"

namespace placi::core {
namespace {

Reason Hit(std::string code, std::string entry, Referral referral) {
  return Reason{std::move(code), "", 50, "consignor.phone",
                "entry=" + entry + " value=x source=test", referral};
}
Reason Indicator(std::string code, int points) {
  return Reason{std::move(code), "", points, "", "", Referral::kNone};
}

TEST(HoldEvidenceTest, ListsHitsByEntryAndIndicatorsByCode) {
  Verdict held;
  held.reasons = {Hit("WATCHLIST_PHONE", "wl-7", Referral::kDoNotLoad),
                  Indicator("HIGH_RISK_HS_CODE", 10),
                  Indicator("CURRENCY_WITHOUT_RATE", 0),  // a note: no evidence
                  Hit("WATCHLIST_PHONE", "wl-7", Referral::kDoNotLoad),
                  Reason{"RISK_SCORE_THRESHOLD", "", 0, "", "score=60", Referral::kNone},
                  Reason{"HOLD_STILL_IN_PLACE", "", 0, "", "previous_decision=1",
                         Referral::kDoNotLoad}};
  EXPECT_EQ(HoldEvidence({held}), "HIGH_RISK_HS_CODE,WATCHLIST_PHONE/wl-7");
  // A hold's later verdicts add theirs (a clean re-filing while it was open
  // adds none).
  Verdict kept;
  kept.reasons = {Hit("WATCHLIST_ADDRESS", "a-1", Referral::kDoNotLoad)};
  EXPECT_EQ(HoldEvidence({Verdict{}, kept, held}),
            "HIGH_RISK_HS_CODE,WATCHLIST_ADDRESS/a-1,WATCHLIST_PHONE/wl-7");
}

TEST(HasEvidenceBeyondTest, AnotherEntryOrCodeIsNewEvidence) {
  const std::string covered = "WATCHLIST_PARTY_NAME/p-1";
  Verdict same;
  same.reasons = {Hit("WATCHLIST_PARTY_NAME", "p-1", Referral::kDoNotLoad)};
  EXPECT_FALSE(HasEvidenceBeyond(same, covered));
  Verdict other_entry;
  other_entry.reasons = {Hit("WATCHLIST_PARTY_NAME", "p-1", Referral::kDoNotLoad),
                         Hit("WATCHLIST_PARTY_NAME", "p-2", Referral::kIprExamination)};
  EXPECT_TRUE(HasEvidenceBeyond(other_entry, covered));
  Verdict other_kind;
  other_kind.reasons = {Hit("WATCHLIST_ADDRESS", "p-1", Referral::kDoNotLoad)};
  EXPECT_TRUE(HasEvidenceBeyond(other_kind, covered));
  EXPECT_TRUE(HasEvidenceBeyond(same, ""));  // a resolution that covers nothing
}

TEST(HasEvidenceBeyondTest, IndicatorsCountWhenTheScoreMakesTheHold) {
  Verdict on_hit;
  on_hit.reasons = {Hit("WATCHLIST_PHONE", "wl-7", Referral::kRequestForScreening),
                    Indicator("HIGH_RISK_ORIGIN", 10)};
  EXPECT_FALSE(HasEvidenceBeyond(on_hit, "WATCHLIST_PHONE/wl-7"));
  Verdict on_score;
  on_score.reasons = {Indicator("HIGH_RISK_HS_CODE", 30), Indicator("UNDERVALUED_GOODS", 40),
                      Reason{"RISK_SCORE_THRESHOLD", "", 0, "", "score=70",
                             Referral::kRequestForScreening}};
  EXPECT_FALSE(HasEvidenceBeyond(on_score, "HIGH_RISK_HS_CODE,UNDERVALUED_GOODS"));
  EXPECT_TRUE(HasEvidenceBeyond(on_score, "HIGH_RISK_HS_CODE"));
}

}  // namespace
}  // namespace placi::core
