// convert::AppendVerdictBytes writes what VerdictToProto + serialising
// wrote, byte for byte: the decision log's records keep their format.
#include "placi/convert/verdict_bytes.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "placi/convert/convert.h"
#include "placi/screening/v1/verdict.pb.h"

namespace placi::convert {
namespace {

std::string ViaMessage(const core::Verdict& verdict) {
  pb::Verdict proto;
  VerdictToProto(verdict, &proto);
  std::string bytes;
  proto.SerializeToString(&bytes);
  return bytes;
}

std::string Direct(const core::Verdict& verdict) {
  std::string bytes = "prefix";  // appended to, not overwritten
  AppendVerdictBytes(verdict, &bytes);
  return bytes.substr(6);
}

// A field added to one of these messages must be written by
// AppendVerdictBytes too (and added to the random verdicts below).
TEST(VerdictBytesTest, KnowsEveryFieldOfTheMessages) {
  EXPECT_EQ(pb::Verdict::descriptor()->field_count(), 13);
  EXPECT_EQ(pb::Reason::descriptor()->field_count(), 6);
  EXPECT_EQ(pb::HeldConsignment::descriptor()->field_count(), 6);
}

TEST(VerdictBytesTest, AnEmptyVerdictIsWrittenAsTheMessageIs) {
  core::Verdict verdict;
  verdict.decided_at = absl::InfinitePast();  // unset
  EXPECT_EQ(Direct(verdict), ViaMessage(verdict));
  verdict.decided_at = absl::UnixEpoch();  // set, both of its fields 0
  EXPECT_EQ(Direct(verdict), ViaMessage(verdict));
}

TEST(VerdictBytesTest, RandomVerdictsAreWrittenAsTheMessageWritesThem) {
  std::mt19937_64 random(20261201);
  const auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
  const auto text = [&]() {
    // Empty, short, and longer than 127 bytes (a two-byte length).
    const size_t sizes[] = {0, 1, 5, 40, 127, 128, 300};
    std::string s(sizes[random() % 7], 'x');
    for (char& c : s) c = static_cast<char>(random() % 256);  // NULs and high bytes too
    return s;
  };
  const auto number = [&]() -> int {
    const int values[] = {0, 1, -1, 127, 128, 100, std::numeric_limits<int>::min(),
                          std::numeric_limits<int>::max(), static_cast<int>(random())};
    return values[random() % 9];
  };
  const auto real = [&]() {
    const double values[] = {0.0, -0.0, 1.5, -2.25, 1e300, std::nan(""),
                             std::numeric_limits<double>::infinity()};
    return values[random() % 7];
  };
  const core::Referral referrals[] = {
      core::Referral::kNone, core::Referral::kRequestForInformation,
      core::Referral::kIprExamination, core::Referral::kRequestForScreening,
      core::Referral::kDoNotLoad};
  const core::HoldStatus statuses[] = {core::HoldStatus::kNone, core::HoldStatus::kNew,
                                       core::HoldStatus::kStillInPlace,
                                       core::HoldStatus::kResolved};
  for (int i = 0; i < 20'000; ++i) {
    core::Verdict v;
    v.request_id = text();
    v.decision_id = text();
    v.house_waybill = text();
    v.carrier_id = text();
    v.decision = chance(50) ? core::Decision::kRelease : core::Decision::kHold;
    v.referral = referrals[random() % 5];
    v.hold_status = statuses[random() % 4];
    v.risk_score = number();
    for (int r = static_cast<int>(random() % 4); r > 0; --r) {
      core::Reason& reason = v.reasons.emplace_back();
      reason.code = text();
      reason.message = text();
      reason.points = number();
      reason.field = text();
      reason.evidence = text();
      reason.referral = referrals[random() % 5];
    }
    v.ruleset_version = text();
    v.watchlist_version = chance(30) ? 0 : random() >> (random() % 64);
    if (chance(10)) {
      v.decided_at = absl::InfinitePast();
    } else if (chance(10)) {  // before 1970, and far out of the Timestamp range
      v.decided_at = chance(50) ? absl::FromUnixNanos(-static_cast<int64_t>(random() >> 4))
                                : absl::InfiniteFuture();
    } else {
      v.decided_at = absl::FromUnixNanos(static_cast<int64_t>(random() >> 3));
    }
    if (chance(40)) {
      core::ConsignmentFacts& facts = v.held_consignment.emplace();
      facts.pieces = chance(20) ? 0 : static_cast<uint32_t>(random());
      facts.gross_weight_kg = real();
      facts.item_quantity = chance(20) ? 0 : random() >> (random() % 64);
      if (chance(60)) facts.declared_value_eur = real();
      for (int h = static_cast<int>(random() % 4); h > 0; --h) facts.hs_headings.push_back(text());
      if (chance(30)) facts.hs_headings_digest = text();
    }
    ASSERT_EQ(Direct(v), ViaMessage(v)) << "verdict " << i;
  }
}

}  // namespace
}  // namespace placi::convert
