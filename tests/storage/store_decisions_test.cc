// Decision side of storage::Store: the decision log, the per-waybill index
// and the hold state (core::DecisionStore contract).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/consignment_facts.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::HoldStatus;
using testing::Entry;
using testing::ExpectVerdictEq;
using testing::SampleVerdict;
using testing::TempDir;

class StoreDecisionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    auto store = Store::Open({.path = dir_.db(), .index = &index_});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  std::vector<std::string> ListedIds(std::string_view waybill, size_t limit = 1000,
                                     std::string_view carrier_id = "",
                                     std::string_view before = "") {
    std::vector<std::string> ids;
    auto list = store_->ListDecisions(waybill, carrier_id, limit, before);
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) {
      for (const auto& v : *list) ids.push_back(v.decision_id);
    }
    return ids;
  }

  TempDir dir_;
  core::WatchlistIndex index_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreDecisionsTest, RecordThenGetReturnsEveryField) {
  core::Verdict held = SampleVerdict("01JA0000000000000000000001", "HAWB1", HoldStatus::kNew);
  ASSERT_TRUE(store_->Record(held).ok());
  auto got = store_->GetDecision(held.decision_id);
  ASSERT_TRUE(got.ok()) << got.status();
  ExpectVerdictEq(held, *got);

  auto missing = store_->GetDecision("01JA9999999999999999999999");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(StoreDecisionsTest, UnknownDecisionTimeRoundTripsAsInfinitePast) {
  core::Verdict v = SampleVerdict("01JA0000000000000000000001", "HAWB1");
  v.decided_at = absl::InfinitePast();
  ASSERT_TRUE(store_->Record(v).ok());
  auto got = store_->GetDecision(v.decision_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->decided_at, absl::InfinitePast());
}

TEST_F(StoreDecisionsTest, ApplyReportsTheCurrentWatchlistVersion) {
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("a", core::EntryKind::kPhone, "1")}}).ok());
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("b", core::EntryKind::kPhone, "2")}}).ok());
  auto result = store_->Apply(VerdictRecorded{SampleVerdict("01JA01", "HAWB1"), {}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->watchlist_version, 2u);
  // A verdict does not move the watchlist version.
  EXPECT_EQ(store_->GetWatchlistInfo().version, 2u);
}

TEST_F(StoreDecisionsTest, RefusesVerdictWithoutDecisionId) {
  core::Verdict v = SampleVerdict("", "HAWB1");
  EXPECT_EQ(store_->Record(v).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ListedIds("HAWB1").empty());
}

TEST_F(StoreDecisionsTest, ListDecisionsOldestFirstPerWaybill) {
  // ULIDs sort by time; recorded out of order, listed oldest first.
  for (const char* id : {"01JA0000000000000000000003", "01JA0000000000000000000001",
                         "01JA0000000000000000000002"}) {
    ASSERT_TRUE(store_->Record(SampleVerdict(id, "HAWB1")).ok());
  }
  ASSERT_TRUE(store_->Record(SampleVerdict("01JA0000000000000000000004", "HAWB2")).ok());

  EXPECT_EQ(ListedIds("HAWB1"),
            (std::vector<std::string>{"01JA0000000000000000000001", "01JA0000000000000000000002",
                                      "01JA0000000000000000000003"}));
  EXPECT_EQ(ListedIds("HAWB2"), (std::vector<std::string>{"01JA0000000000000000000004"}));
  EXPECT_TRUE(ListedIds("HAWB3").empty());

  // The full verdicts come back, not just ids.
  auto list = store_->ListDecisions("HAWB2", "", 10, "");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  ExpectVerdictEq(SampleVerdict("01JA0000000000000000000004", "HAWB2"), (*list)[0]);
}

// The limit leaves out the OLDEST verdicts, never the newest: a waybill
// re-filed 1,005 times, then held and resolved, must list its hold and the
// resolution (review bb3 M13: the oldest 1,000 were listed). Oldest first
// within the answer; `before` pages towards older ones.
TEST_F(StoreDecisionsTest, ListDecisionsKeepsTheNewestWithinTheLimit) {
  for (const char* id : {"01A", "01B", "01C", "01D", "01E"}) {
    ASSERT_TRUE(store_->Record(SampleVerdict(id, "HAWB1")).ok());
  }
  ASSERT_TRUE(store_->Record(SampleVerdict("01F", "HAWB2")).ok());
  EXPECT_EQ(ListedIds("HAWB1", 2), (std::vector<std::string>{"01D", "01E"}));
  EXPECT_EQ(ListedIds("HAWB1", 2, "", "01D"), (std::vector<std::string>{"01B", "01C"}));
  EXPECT_EQ(ListedIds("HAWB1", 2, "", "01B"), (std::vector<std::string>{"01A"}));
  EXPECT_TRUE(ListedIds("HAWB1", 2, "", "01A").empty());
  // A `before` between ids, or past the newest.
  EXPECT_EQ(ListedIds("HAWB1", 10, "", "01C0"), (std::vector<std::string>{"01A", "01B", "01C"}));
  EXPECT_EQ(ListedIds("HAWB1", 10, "", "01Z"),
            (std::vector<std::string>{"01A", "01B", "01C", "01D", "01E"}));
  EXPECT_TRUE(ListedIds("HAWB1", 0).empty());
}

// Waybill numbers are per carrier: a carrier's list is its own verdicts, and
// other carriers' verdicts on the same number never use up its limit.
TEST_F(StoreDecisionsTest, ListDecisionsOfOneCarrierCountsOnlyItsVerdicts) {
  for (const char* id : {"01A", "01B", "01C", "01D"}) {
    core::Verdict verdict = SampleVerdict(id, "HAWB1");
    verdict.carrier_id = "carrier-b";
    ASSERT_TRUE(store_->Record(verdict).ok());
  }
  core::Verdict own = SampleVerdict("01E", "HAWB1");
  own.carrier_id = "carrier-a";
  ASSERT_TRUE(store_->Record(own).ok());
  EXPECT_EQ(ListedIds("HAWB1", 2, "carrier-a"), (std::vector<std::string>{"01E"}));
  EXPECT_EQ(ListedIds("HAWB1", 2, "carrier-b"), (std::vector<std::string>{"01C", "01D"}));
  EXPECT_EQ(ListedIds("HAWB1", 2), (std::vector<std::string>{"01D", "01E"}));
  EXPECT_TRUE(ListedIds("HAWB1", 10, "carrier-c").empty());
}

// One number spelled three ways is one waybill (core/hold_key.h): each
// spelling lists all its verdicts, oldest first.
TEST_F(StoreDecisionsTest, ListDecisionsFindsEverySpellingOfTheWaybill) {
  ASSERT_TRUE(store_->Record(SampleVerdict("01A", "BBX0000")).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01C", " bbx-0000 ")).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01B", "bbx 0000")).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01D", "BBX00000")).ok());
  for (const char* spelling : {"BBX0000", " bbx-0000 ", "bbx 0000", "B-B-X-0-0-0-0"}) {
    EXPECT_EQ(ListedIds(spelling), (std::vector<std::string>{"01A", "01B", "01C"})) << spelling;
    EXPECT_EQ(ListedIds(spelling, 2), (std::vector<std::string>{"01B", "01C"})) << spelling;
  }
  auto list = store_->ListDecisions("bbx0000", "", 10, "");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[2].house_waybill, " bbx-0000 ");  // as it was sent
}

// A blank waybill is a missing one: it lists the verdicts sent with exactly
// that waybill, as before, not those of every parcel sent without one.
TEST_F(StoreDecisionsTest, ABlankWaybillListsOnlyItsOwnSpelling) {
  ASSERT_TRUE(store_->Record(SampleVerdict("01A", "   ")).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01B", "")).ok());
  EXPECT_EQ(ListedIds("   "), (std::vector<std::string>{"01A"}));
  EXPECT_EQ(ListedIds(" "), (std::vector<std::string>{}));
}

TEST_F(StoreDecisionsTest, WaybillThatPrefixesAnotherListsOnlyItsOwn) {
  ASSERT_TRUE(store_->Record(SampleVerdict("01A", "AB")).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01B", "ABC")).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01C", std::string("AB\0X", 4))).ok());
  EXPECT_EQ(ListedIds("AB"), (std::vector<std::string>{"01A"}));
  EXPECT_EQ(ListedIds("ABC"), (std::vector<std::string>{"01B"}));
  EXPECT_EQ(ListedIds(std::string("AB\0X", 4)), (std::vector<std::string>{"01C"}));
}

TEST_F(StoreDecisionsTest, LatestHoldFollowsHoldVerdictsOnly) {
  auto none = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  // A release without hold status does not create hold state.
  ASSERT_TRUE(store_->Record(SampleVerdict("01A", "HAWB1", HoldStatus::kNone)).ok());
  none = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  core::Verdict placed = SampleVerdict("01B", "HAWB1", HoldStatus::kNew);
  ASSERT_TRUE(store_->Record(placed).ok());
  auto hold = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok());
  ASSERT_TRUE(hold->has_value());
  ExpectVerdictEq(placed, **hold);
  EXPECT_TRUE(core::IsOpenHold(**hold));

  core::Verdict still = SampleVerdict("01C", "HAWB1", HoldStatus::kStillInPlace);
  ASSERT_TRUE(store_->Record(still).ok());
  // A later release without hold status leaves the hold as it was.
  ASSERT_TRUE(store_->Record(SampleVerdict("01D", "HAWB1", HoldStatus::kNone)).ok());
  hold = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  EXPECT_EQ((*hold)->decision_id, "01C");

  core::Verdict resolved = SampleVerdict("01E", "HAWB1", HoldStatus::kResolved);
  ASSERT_TRUE(store_->Record(resolved).ok());
  hold = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  EXPECT_EQ((*hold)->decision_id, "01E");
  EXPECT_EQ((*hold)->hold_status, HoldStatus::kResolved);
  EXPECT_FALSE(core::IsOpenHold(**hold));

  // Other waybills are untouched.
  auto other = store_->LatestHold("CARRIER-1", "HAWB2");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  // Every verdict is in the log, whatever its hold status.
  EXPECT_EQ(ListedIds("HAWB1"), (std::vector<std::string>{"01A", "01B", "01C", "01D", "01E"}));
}

// A hold keeps the consignment it is on (bb3 H7: a resolution covers the
// consignment the officer examined). Verdicts of earlier versions have
// none, and read back without one, unset values (no declared value) too.
TEST_F(StoreDecisionsTest, AHoldKeepsItsConsignmentAndOldHoldsHaveNone) {
  core::Verdict placed = SampleVerdict("01B", "HAWB1", HoldStatus::kNew);
  ASSERT_TRUE(placed.held_consignment.has_value());
  ASSERT_TRUE(store_->Record(placed).ok());
  auto hold = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  ASSERT_TRUE((*hold)->held_consignment.has_value());
  EXPECT_EQ(*(*hold)->held_consignment, *placed.held_consignment);

  core::Verdict unvalued = SampleVerdict("01C", "HAWB2", HoldStatus::kNew);
  unvalued.held_consignment->declared_value_eur.reset();
  unvalued.held_consignment->hs_headings.clear();
  ASSERT_TRUE(store_->Record(unvalued).ok());
  auto got = store_->GetDecision("01C");
  ASSERT_TRUE(got.ok() && got->held_consignment.has_value());
  EXPECT_FALSE(got->held_consignment->declared_value_eur.has_value());
  EXPECT_EQ(*got->held_consignment, *unvalued.held_consignment);

  core::Verdict old = SampleVerdict("01D", "HAWB3", HoldStatus::kNew);
  old.held_consignment.reset();  // as an earlier version wrote it
  ASSERT_TRUE(store_->Record(old).ok());
  hold = store_->LatestHold("CARRIER-1", "HAWB3");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  EXPECT_FALSE((*hold)->held_consignment.has_value());
}

// A hold of more than kMaxHeldHsHeadings headings keeps the digest of them
// all (session 17), and reads it back; a hold written before, without one,
// reads back with none (its re-filings compare the kept headings alone).
TEST_F(StoreDecisionsTest, AHoldKeepsTheDigestOfAllItsHeadings) {
  core::Verdict big = SampleVerdict("01B", "HAWB1", HoldStatus::kNew);
  big.held_consignment->hs_headings_digest =
      core::HsHeadingsDigest({"640411", "910211", "950300"});
  ASSERT_EQ(big.held_consignment->hs_headings_digest.size(), 32u);
  ASSERT_TRUE(store_->Record(big).ok());
  auto hold = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  ASSERT_TRUE((*hold)->held_consignment.has_value());
  EXPECT_EQ((*hold)->held_consignment->hs_headings_digest,
            big.held_consignment->hs_headings_digest);
  EXPECT_EQ(*(*hold)->held_consignment, *big.held_consignment);

  core::Verdict before = SampleVerdict("01C", "HAWB2", HoldStatus::kNew);  // as session 16 wrote it
  ASSERT_TRUE(store_->Record(before).ok());
  hold = store_->LatestHold("CARRIER-1", "HAWB2");
  ASSERT_TRUE(hold.ok() && hold->has_value() && (*hold)->held_consignment.has_value());
  EXPECT_EQ((*hold)->held_consignment->hs_headings_digest, "");
}

// House waybill numbers are issued per carrier: the same number held by two
// carriers is two holds, and one carrier's verdict never moves the other's.
TEST_F(StoreDecisionsTest, HoldsAreKeyedByCarrierAndWaybill) {
  auto held_by = [](std::string id, std::string carrier, std::string waybill, HoldStatus hold) {
    core::Verdict v = SampleVerdict(std::move(id), std::move(waybill), hold);
    v.carrier_id = std::move(carrier);
    return v;
  };
  const core::Verdict a = held_by("01A", "CARRIER-A", "HAWB1", HoldStatus::kNew);
  const core::Verdict b = held_by("01B", "CARRIER-B", "HAWB1", HoldStatus::kNew);
  ASSERT_TRUE(store_->Record(a).ok());
  ASSERT_TRUE(store_->Record(b).ok());
  // B's hold did not overwrite A's.
  auto hold_a = store_->LatestHold("CARRIER-A", "HAWB1");
  auto hold_b = store_->LatestHold("CARRIER-B", "HAWB1");
  ASSERT_TRUE(hold_a.ok() && hold_a->has_value());
  ASSERT_TRUE(hold_b.ok() && hold_b->has_value());
  EXPECT_EQ((*hold_a)->decision_id, "01A");
  EXPECT_EQ((*hold_b)->decision_id, "01B");
  auto none = store_->LatestHold("CARRIER-C", "HAWB1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  // Resolving B's leaves A's open.
  ASSERT_TRUE(store_->Record(held_by("01C", "CARRIER-B", "HAWB1", HoldStatus::kResolved)).ok());
  hold_a = store_->LatestHold("CARRIER-A", "HAWB1");
  ASSERT_TRUE(hold_a.ok() && hold_a->has_value());
  EXPECT_EQ((*hold_a)->decision_id, "01A");
  auto holds = store_->HoldsOnWaybill("HAWB1");
  ASSERT_TRUE(holds.ok()) << holds.status();
  std::vector<std::string> ids;
  for (const core::Verdict& v : *holds) ids.push_back(v.decision_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"01A", "01C"}));

  // No pair of ids shares a key, whatever bytes they hold: carrier "C" on
  // waybill "AB" is not carrier "" on waybill "ABC", nor carrier "\0C" on
  // waybill "AB\0" (intake forbids no byte).
  ASSERT_TRUE(store_->Record(held_by("01D", "C", "AB", HoldStatus::kNew)).ok());
  ASSERT_TRUE(store_->Record(held_by("01E", "", "ABC", HoldStatus::kNew)).ok());
  ASSERT_TRUE(
      store_
          ->Record(held_by("01F", std::string("\0C", 2), std::string("AB\0", 3), HoldStatus::kNew))
          .ok());
  auto c_ab = store_->LatestHold("C", "AB");
  auto empty_abc = store_->LatestHold("", "ABC");
  ASSERT_TRUE(c_ab.ok() && c_ab->has_value());
  ASSERT_TRUE(empty_abc.ok() && empty_abc->has_value());
  EXPECT_EQ((*c_ab)->decision_id, "01D");
  EXPECT_EQ((*empty_abc)->decision_id, "01E");
  auto on_ab = store_->HoldsOnWaybill("AB");
  ASSERT_TRUE(on_ab.ok());
  ASSERT_EQ(on_ab->size(), 1u);
  EXPECT_EQ((*on_ab)[0].decision_id, "01D");
}

}  // namespace
}  // namespace placi::storage
