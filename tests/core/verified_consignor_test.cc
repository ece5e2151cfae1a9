#include "core/verified_consignor.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/screener.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"
#include "tests/test_util/in_memory_history_store.h"
#include "tests/test_util/parcels.h"
#include "tests/test_util/screen_ok.h"

namespace placi::core {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;

// A brand's own distribution, new to the service (review bb3 M11).
Party NikeRetail() {
  Party party;
  party.name = "Nike Retail B.V.";
  party.address = {"Colosseum 1", "Hilversum", "1213 NL", "NL"};
  return party;
}

VerifiedConsignor VerifiedNikeRetail() {
  VerifiedConsignor consignor;
  consignor.reference = "AEO NL-AEOF-0001234";
  consignor.name = "NIKE RETAIL B.V.";
  consignor.address = {"Colosseum 1", "Hilversum", "1213NL", "nl"};
  SetVerifiedConsignorKeys(&consignor);
  return consignor;
}

Consignment Shoes(int n, const Party& consignor, std::string origin) {
  Consignment parcel = placi::testing::CleanParcel(absl::StrCat("HAWB-NIKE-", n));
  parcel.consignor = consignor;
  parcel.consignee.name = absl::StrCat("Person ", n);
  parcel.consignee.address.street = absl::StrCat(n, " Ringstrasse");
  parcel.consignee.email.clear();
  parcel.items[0].description = "Nike Pegasus 41 running shoes";
  parcel.items[0].hs_code = "640411";
  parcel.items[0].quantity = 1;
  parcel.items[0].declared_value = {"EUR", 130, 0};
  parcel.gross_weight_kg = 1.0;
  parcel.route.origin_country_code = std::move(origin);
  return parcel;
}

// One shipper's first 22 parcels of an hour, on a fresh service whose
// watchlist lists the brand "nike" (30 points, as the demo watchlist does)
// and `more` entries; the last verdict.
Verdict LastOfBurst(const ScreeningConfig& config, const Party& consignor,
                    const std::string& origin, std::vector<WatchlistEntry> more = {}) {
  WatchlistIndex index;
  more.push_back(WatchlistEntry{"brand-nike", EntryKind::kBrandTerm, "nike", Referral::kNone, 30,
                                "test", ""});
  index.Upsert(more, 1);
  placi::testing::InMemoryDecisionStore decisions;
  placi::testing::InMemoryHistoryStore history;
  placi::testing::FakeClock clock;
  Screener screener(config, &index, &decisions, &clock, &history);
  Verdict last;
  for (int i = 0; i < 22; ++i) {
    last = placi::testing::ScreenOk(screener, Shoes(i, consignor, origin));
    clock.Advance(absl::Minutes(1));
  }
  return last;
}

ScreeningConfig WithNikeRetailVerified() {
  ScreeningConfig config = ScreeningConfig::Default();
  config.verified_consignors.push_back(VerifiedNikeRetail());
  return config;
}

// Without the verification the burst is held (the finding); with it the
// brand's own parcels are released, the two indicators kept in the verdict
// at 0 points and naming the verification.
TEST(VerifiedConsignorTest, AVerifiedBrandShippersBurstIsReleased) {
  const Verdict unverified = LastOfBurst(ScreeningConfig::Default(), NikeRetail(), "NL");
  ASSERT_EQ(unverified.decision, Decision::kHold);
  ASSERT_THAT(unverified.reasons, Contains(Field(&Reason::code, "NEW_SHIPPER_BURST")));

  const Verdict verified = LastOfBurst(WithNikeRetailVerified(), NikeRetail(), "NL");
  EXPECT_EQ(verified.decision, Decision::kRelease);
  for (const char* code : {"NEW_SHIPPER_BURST", "WATCHLIST_BRAND_TERM"}) {
    EXPECT_THAT(verified.reasons,
                Contains(AllOf(Field(&Reason::code, code), Field(&Reason::points, 0),
                               Field(&Reason::evidence,
                                     HasSubstr("verified_consignor=AEO NL-AEOF-0001234")))))
        << code;
  }
  // Written another way (case, spacing, a structured address as one line
  // reads): the same identity.
  Party spelt = NikeRetail();
  spelt.name = "NIKE RETAIL B.V.";
  spelt.address.postal_code = "1213NL";
  EXPECT_EQ(LastOfBurst(WithNikeRetailVerified(), spelt, "NL").decision, Decision::kRelease);
}

// The identity is matched exactly: a look-alike name, another country, a
// parcel leaving from elsewhere, or another tax id is another party.
TEST(VerifiedConsignorTest, ALookAlikeIsStillHeld) {
  Party one_letter = NikeRetail();
  one_letter.name = "Nike Retall B.V.";
  EXPECT_EQ(LastOfBurst(WithNikeRetailVerified(), one_letter, "NL").decision, Decision::kHold);

  Party other_country = NikeRetail();
  other_country.address.country_code = "BE";
  EXPECT_EQ(LastOfBurst(WithNikeRetailVerified(), other_country, "BE").decision,
            Decision::kHold);

  Party other_street = NikeRetail();
  other_street.address.street = "Colosseum 11";
  EXPECT_EQ(LastOfBurst(WithNikeRetailVerified(), other_street, "NL").decision, Decision::kHold);

  // The verified name and address on a parcel leaving China.
  EXPECT_EQ(LastOfBurst(WithNikeRetailVerified(), NikeRetail(), "CN").decision, Decision::kHold);

  // A verification with a tax id asks for it.
  ScreeningConfig with_tax_id = ScreeningConfig::Default();
  VerifiedConsignor consignor = VerifiedNikeRetail();
  consignor.tax_id = "NL001234567B01";
  SetVerifiedConsignorKeys(&consignor);
  with_tax_id.verified_consignors.push_back(consignor);
  EXPECT_EQ(LastOfBurst(with_tax_id, NikeRetail(), "NL").decision, Decision::kHold);
  Party with_its_tax_id = NikeRetail();
  with_its_tax_id.tax_id = "EORI: NL001234567B01";
  EXPECT_EQ(LastOfBurst(with_tax_id, with_its_tax_id, "NL").decision, Decision::kRelease);
  // Other origins when the verification lists them.
  consignor.origin_country_codes = {"nl", "be"};
  SetVerifiedConsignorKeys(&consignor);
  with_tax_id.verified_consignors = {consignor};
  EXPECT_EQ(LastOfBurst(with_tax_id, with_its_tax_id, "BE").decision, Decision::kRelease);
  EXPECT_EQ(LastOfBurst(with_tax_id, with_its_tax_id, "CN").decision, Decision::kHold);
}

// Only the brand term and the burst: a watchlist hit of another kind, a
// brand term listed with a referral of its own, and the data checks hold a
// verified consignor's parcel as anyone's.
TEST(VerifiedConsignorTest, OtherHitsAndDataChecksStillHold) {
  const Verdict listed = LastOfBurst(
      WithNikeRetailVerified(), NikeRetail(), "NL",
      {WatchlistEntry{"dnl-1", EntryKind::kPartyName, "Nike Retail B.V.", Referral::kDoNotLoad,
                      100, "test", ""}});
  EXPECT_EQ(listed.referral, Referral::kDoNotLoad);

  const Verdict brand_with_referral = LastOfBurst(
      WithNikeRetailVerified(), NikeRetail(), "NL",
      {WatchlistEntry{"brand-pegasus", EntryKind::kBrandTerm, "pegasus",
                      Referral::kIprExamination, 40, "test", ""}});
  EXPECT_EQ(brand_with_referral.referral, Referral::kIprExamination);

  Party no_city = NikeRetail();
  ScreeningConfig config = WithNikeRetailVerified();
  config.verified_consignors[0].address.city.clear();
  SetVerifiedConsignorKeys(&config.verified_consignors[0]);
  no_city.address.city.clear();
  const Verdict incomplete = LastOfBurst(config, no_city, "NL");
  EXPECT_EQ(incomplete.referral, Referral::kRequestForInformation);
}

}  // namespace
}  // namespace placi::core
