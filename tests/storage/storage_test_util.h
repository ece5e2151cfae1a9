// Helpers shared by the storage tests: a temporary directory removed at the
// end of the test, sample domain values, and field-by-field comparisons.
#ifndef PLACI_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
#define PLACI_TESTS_STORAGE_STORAGE_TEST_UTIL_H_

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/time/time.h"
#include "core/verdict.h"
#include "core/watchlist_entry.h"
#include "gtest/gtest.h"

namespace placi::storage::testing {

// mkdtemp under /tmp; removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/placi-storage-test-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The database directory inside the temp dir (created by Store::Open).
  std::string db() const { return path_ + "/rocksdb"; }

 private:
  std::string path_;
};

// The window tests' times: kT0 is a week boundary, so a bucket boundary of
// every window they use.
inline constexpr absl::Duration kHour = absl::Hours(1);
inline constexpr absl::Duration kDay = absl::Hours(24);
inline const absl::Time kT0 =
    absl::FromUnixSeconds(1'795'000'000 / (7 * 24 * 3600) * (7 * 24 * 3600));

// The counter tables' keys: a window's width (an hour window) and a bucket
// number.
inline constexpr int64_t kWidth = 300;
inline constexpr int64_t kB = 5'983'000;

inline core::WatchlistEntry Entry(std::string id, core::EntryKind kind, std::string value,
                                  core::Referral referral = core::Referral::kNone,
                                  int points = 10) {
  core::WatchlistEntry e;
  e.id = std::move(id);
  e.kind = kind;
  e.value = std::move(value);
  e.referral = referral;
  e.points = points;
  e.source = "unit test";
  e.note = "note of " + e.id;
  return e;
}

// A verdict with every field set, so that a lossy layout shows.
inline core::Verdict SampleVerdict(std::string decision_id, std::string waybill,
                                   core::HoldStatus hold = core::HoldStatus::kNone) {
  core::Verdict v;
  v.request_id = "req-" + decision_id;
  v.decision_id = std::move(decision_id);
  v.house_waybill = std::move(waybill);
  v.carrier_id = "CARRIER-1";
  v.hold_status = hold;
  const bool held = hold == core::HoldStatus::kNew || hold == core::HoldStatus::kStillInPlace;
  v.decision = held ? core::Decision::kHold : core::Decision::kRelease;
  v.referral = held ? core::Referral::kRequestForScreening : core::Referral::kNone;
  v.risk_score = held ? 70 : 0;
  if (held) {
    core::Reason r;
    r.code = "WATCHLIST_PHONE";
    r.message = "consignee phone is on the watchlist";
    r.points = 70;
    r.field = "consignee.phone";
    r.evidence = "entry=wl-1 value=8613800000000";
    r.referral = core::Referral::kRequestForScreening;
    v.reasons.push_back(r);
  }
  if (hold != core::HoldStatus::kNone) {
    // What a hold is on, and a resolution covers (core/consignment_facts.h).
    core::ConsignmentFacts facts;
    facts.pieces = 2;
    facts.gross_weight_kg = 3.25;
    facts.item_quantity = 12;
    facts.declared_value_eur = 48.5;
    facts.hs_headings = {"640411", "910211"};
    v.held_consignment = facts;
  }
  v.ruleset_version = "default-2026.11";
  v.watchlist_version = 7;
  v.decided_at = absl::FromUnixSeconds(1'790'000'000) + absl::Nanoseconds(123'456'789);
  return v;
}

inline void ExpectEntryEq(const core::WatchlistEntry& want, const core::WatchlistEntry& got) {
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.kind, got.kind);
  EXPECT_EQ(want.value, got.value);
  EXPECT_EQ(want.referral, got.referral);
  EXPECT_EQ(want.points, got.points);
  EXPECT_EQ(want.source, got.source);
  EXPECT_EQ(want.note, got.note);
}

inline void ExpectVerdictEq(const core::Verdict& want, const core::Verdict& got) {
  EXPECT_EQ(want.request_id, got.request_id);
  EXPECT_EQ(want.decision_id, got.decision_id);
  EXPECT_EQ(want.house_waybill, got.house_waybill);
  EXPECT_EQ(want.carrier_id, got.carrier_id);
  EXPECT_EQ(want.decision, got.decision);
  EXPECT_EQ(want.referral, got.referral);
  EXPECT_EQ(want.hold_status, got.hold_status);
  EXPECT_EQ(want.risk_score, got.risk_score);
  EXPECT_EQ(want.ruleset_version, got.ruleset_version);
  EXPECT_EQ(want.watchlist_version, got.watchlist_version);
  EXPECT_EQ(want.decided_at, got.decided_at);
  EXPECT_EQ(want.held_consignment, got.held_consignment);
  ASSERT_EQ(want.reasons.size(), got.reasons.size());
  for (size_t i = 0; i < want.reasons.size(); ++i) {
    EXPECT_EQ(want.reasons[i].code, got.reasons[i].code);
    EXPECT_EQ(want.reasons[i].message, got.reasons[i].message);
    EXPECT_EQ(want.reasons[i].points, got.reasons[i].points);
    EXPECT_EQ(want.reasons[i].field, got.reasons[i].field);
    EXPECT_EQ(want.reasons[i].evidence, got.reasons[i].evidence);
    EXPECT_EQ(want.reasons[i].referral, got.reasons[i].referral);
  }
}

}  // namespace placi::storage::testing

#endif  // PLACI_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
