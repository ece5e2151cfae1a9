// The clustered-mode side of storage::Store: the outbox filled by local
// events in their own batch, ApplyFromLog (no outbox, the log position in
// the same batch, the log's sequence as the watchlist version), and the
// event codec the replicas exchange.
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "storage/keys.h"
#include "storage/replication/event_codec.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::HoldStatus;
using replication::DecodedEvent;
using replication::DecodeEvent;
using replication::EncodeEvent;
using testing::Entry;
using testing::ExpectVerdictEq;
using testing::SampleVerdict;
using testing::TempDir;

class StoreReplicationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    Open();
  }

  void Open() {
    store_.reset();
    index_ = std::make_unique<core::WatchlistIndex>();
    Store::Options options{.path = dir_.db(), .index = index_.get()};
    options.outbox_encoder = [](const Event& e) { return EncodeEvent(e, "origin-a", "node-a"); };
    options.outbox_written = [this] { ++written_; };
    auto store = Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    ASSERT_NE(store_->outbox(), nullptr);
  }

  std::vector<OutboxRecord> ReadAll(uint64_t after = 0) {
    auto records = store_->outbox()->Read(after, 1000);
    EXPECT_TRUE(records.ok()) << records.status();
    return records.ok() ? *records : std::vector<OutboxRecord>();
  }

  TempDir dir_;
  std::unique_ptr<core::WatchlistIndex> index_;
  std::unique_ptr<Store> store_;
  int written_ = 0;
};

TEST_F(StoreReplicationTest, LocalEventsGoToTheOutboxInOrder) {
  core::Verdict v = SampleVerdict("01JA0000000000000000000001", "HAWB1", HoldStatus::kNew);
  ASSERT_TRUE(store_->Record(v).ok());
  ASSERT_TRUE(store_->AddAndSum({{"cv|x", absl::Hours(24), 2}}, absl::FromUnixSeconds(1'790'000'000)).ok());
  ASSERT_TRUE(store_->Apply(ShadowVerdictRecorded{v}).ok());

  std::vector<OutboxRecord> records = ReadAll();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(store_->outbox()->size(), 3u);
  EXPECT_EQ(written_, 3);
  EXPECT_LT(records[0].sequence, records[1].sequence);
  EXPECT_LT(records[1].sequence, records[2].sequence);

  absl::StatusOr<DecodedEvent> first = DecodeEvent(records[0].bytes);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->origin, "origin-a");
  EXPECT_EQ(first->node_id, "node-a");
  ASSERT_TRUE(std::holds_alternative<VerdictRecorded>(first->event));
  ExpectVerdictEq(std::get<VerdictRecorded>(first->event).verdict, v);

  absl::StatusOr<DecodedEvent> second = DecodeEvent(records[1].bytes);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(std::holds_alternative<WindowIncrements>(second->event));
  const auto& incs = std::get<WindowIncrements>(second->event).increments;
  ASSERT_EQ(incs.size(), 1u);
  EXPECT_EQ(incs[0].key, "cv|x");
  EXPECT_EQ(incs[0].delta, 2);
  EXPECT_EQ(incs[0].bucket_width_seconds, 24 * 3600 / core::kWindowBuckets);

  absl::StatusOr<DecodedEvent> third = DecodeEvent(records[2].bytes);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(std::holds_alternative<ShadowVerdictRecorded>(third->event));
}

TEST_F(StoreReplicationTest, AVerdictCarriesTheWindowIncrementsItsParcelCounted) {
  const absl::Time now = absl::FromUnixSeconds(1'790'000'000);
  std::vector<WindowIncrement> counted;
  auto sums = store_->CountAndSum({{"cv|z", absl::Hours(24), 1}}, now, &counted);
  ASSERT_TRUE(sums.ok()) << sums.status();
  EXPECT_TRUE(ReadAll().empty());  // counted in memory only, nothing to publish yet
  core::Verdict v = SampleVerdict("01JA0000000000000000000005", "HAWB5");
  ASSERT_TRUE(store_->Record(v, counted).ok());

  std::vector<OutboxRecord> records = ReadAll();
  ASSERT_EQ(records.size(), 1u);  // one event per parcel, as one batch
  absl::StatusOr<DecodedEvent> event = DecodeEvent(records[0].bytes);
  ASSERT_TRUE(event.ok()) << event.status();
  ASSERT_TRUE(std::holds_alternative<VerdictRecorded>(event->event));
  const VerdictRecorded& recorded = std::get<VerdictRecorded>(event->event);
  ExpectVerdictEq(recorded.verdict, v);
  ASSERT_EQ(recorded.window_increments.size(), 1u);
  EXPECT_EQ(recorded.window_increments[0].key, "cv|z");
  EXPECT_EQ(recorded.window_increments[0].delta, 1);

  // Another replica applying it counts the parcel in its own windows.
  TempDir other_dir;
  core::WatchlistIndex other_index;
  auto other = Store::Open({.path = other_dir.db(), .index = &other_index});
  ASSERT_TRUE(other.ok()) << other.status();
  ASSERT_TRUE((*other)->ApplyFromLog(recorded, LogPosition{"test_events_seq", 1, "", 0}).ok());
  auto remote_sums = (*other)->AddAndSum({{"cv|z", absl::Hours(24), 0}}, now);
  ASSERT_TRUE(remote_sums.ok());
  EXPECT_EQ((*remote_sums)[0], 1);
  EXPECT_TRUE((*other)->GetDecision(v.decision_id).ok());
}

TEST_F(StoreReplicationTest, TrimDropsPublishedRecordsAndSequencesSurviveReopen) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_->Record(SampleVerdict("01JA000000000000000000000" + std::to_string(i),
                                             "HAWB" + std::to_string(i)))
                    .ok());
  }
  std::vector<OutboxRecord> records = ReadAll();
  ASSERT_EQ(records.size(), 3u);
  ASSERT_TRUE(store_->outbox()->Trim(records[1].sequence, 2).ok());
  EXPECT_EQ(store_->outbox()->size(), 1u);
  std::vector<OutboxRecord> left = ReadAll();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].sequence, records[2].sequence);

  // Published all, reopened: the next record takes a new sequence, never
  // one that receivers have already seen.
  ASSERT_TRUE(store_->outbox()->Trim(records[2].sequence, 1).ok());
  Open();
  EXPECT_EQ(store_->outbox()->size(), 0u);
  ASSERT_TRUE(store_->Record(SampleVerdict("01JA0000000000000000000009", "HAWB9")).ok());
  std::vector<OutboxRecord> after = ReadAll();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_GT(after[0].sequence, records[2].sequence);
}

TEST_F(StoreReplicationTest, UnpublishedRecordsWaitAcrossReopen) {
  ASSERT_TRUE(store_->Record(SampleVerdict("01JA0000000000000000000001", "HAWB1")).ok());
  Open();
  EXPECT_EQ(store_->outbox()->size(), 1u);
  EXPECT_EQ(ReadAll().size(), 1u);
}

TEST_F(StoreReplicationTest, EventsFromTheLogSkipTheOutboxAndRecordTheirPosition) {
  core::Verdict v = SampleVerdict("01JA0000000000000000000001", "HAWB1", HoldStatus::kNew);
  ASSERT_TRUE(store_
                  ->ApplyFromLog(VerdictRecorded{v, {}},
                                 LogPosition{"test_events_seq", 41, "test_origin/b", 7})
                  .ok());
  EXPECT_EQ(store_->outbox()->size(), 0u);
  EXPECT_TRUE(ReadAll().empty());
  auto got = store_->GetDecision(v.decision_id);
  ASSERT_TRUE(got.ok());
  ExpectVerdictEq(*got, v);
  auto hold = store_->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok());
  ASSERT_TRUE(hold->has_value());

  auto position = store_->GetMeta("test_events_seq");
  ASSERT_TRUE(position.ok());
  ASSERT_TRUE(position->has_value());
  EXPECT_EQ(keys::DecodeVersion(**position), 41u);
  auto mark = store_->GetMeta("test_origin/b");
  ASSERT_TRUE(mark.ok() && mark->has_value());
  EXPECT_EQ(keys::DecodeVersion(**mark), 7u);
}

TEST_F(StoreReplicationTest, WindowIncrementsFromTheLogAddToTheLocalCounters) {
  const absl::Time now = absl::FromUnixSeconds(1'790'000'000);
  ASSERT_TRUE(store_->AddAndSum({{"cv|y", absl::Hours(24), 1}}, now).ok());
  const int64_t width = 24 * 3600 / core::kWindowBuckets;
  WindowIncrements remote{{{"cv|y", width, 1'790'000'000 / width, 3}}};
  ASSERT_TRUE(store_->ApplyFromLog(remote, LogPosition{"test_events_seq", 5, "", 0}).ok());
  auto sums = store_->AddAndSum({{"cv|y", absl::Hours(24), 0}}, now);
  ASSERT_TRUE(sums.ok());
  EXPECT_EQ((*sums)[0], 4);
  EXPECT_EQ(store_->outbox()->size(), 1u);  // only the local increment
}

TEST_F(StoreReplicationTest, WatchlistFromTheLogTakesTheSequenceAsVersionOnce) {
  WatchlistUpsert upsert{{Entry("e1", core::EntryKind::kEmail, "a@example.com")}};
  auto applied = store_->ApplyFromLog(upsert, LogPosition{"", 1, "", 0});
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(applied->watchlist_version, 1u);
  EXPECT_EQ(store_->GetWatchlistInfo().version, 1u);
  EXPECT_EQ(index_->version(), 1u);
  EXPECT_EQ(store_->outbox()->size(), 0u);  // watchlist changes never go to the outbox

  // Delivered again (a restart before the position moved on): skipped.
  WatchlistDelete del{{"e1"}};
  auto again = store_->ApplyFromLog(del, LogPosition{"", 1, "", 0});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->affected, 0u);
  EXPECT_TRUE(store_->GetEntry("e1").ok());

  auto next = store_->ApplyFromLog(del, LogPosition{"", 2, "", 0});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->affected, 1u);
  EXPECT_EQ(store_->GetWatchlistInfo().version, 2u);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 0u);
}

// A replica that failed to apply change 2 must not store change 3: every
// later change would pass the "applied before" check and 2 would be lost.
TEST_F(StoreReplicationTest, WatchlistFromTheLogRefusesAGapAndTakesTheMissingChangeLater) {
  WatchlistUpsert first{{Entry("e1", core::EntryKind::kEmail, "a@example.com")}};
  ASSERT_TRUE(store_->ApplyFromLog(first, LogPosition{"", 1, "", 0}).ok());
  WatchlistUpsert third{{Entry("e3", core::EntryKind::kEmail, "c@example.com")}};
  auto gap = store_->ApplyFromLog(third, LogPosition{"", 3, "", 0});
  EXPECT_EQ(gap.status().code(), absl::StatusCode::kFailedPrecondition) << gap.status();
  EXPECT_EQ(store_->GetWatchlistInfo().version, 1u);
  EXPECT_FALSE(store_->GetEntry("e3").ok());
  // A gap from the start too (the first change must be 1).
  EXPECT_FALSE(store_->ApplyFromLog(WatchlistDelete{{"e1"}}, LogPosition{"", 5, "", 0}).ok());

  WatchlistUpsert second{{Entry("e2", core::EntryKind::kEmail, "b@example.com")}};
  ASSERT_TRUE(store_->ApplyFromLog(second, LogPosition{"", 2, "", 0}).ok());
  ASSERT_TRUE(store_->ApplyFromLog(third, LogPosition{"", 3, "", 0}).ok());
  EXPECT_EQ(store_->GetWatchlistInfo().version, 3u);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 3u);

  // A local change (version 0: the next one) is not a log change: no check.
  ASSERT_TRUE(store_->Apply(WatchlistDelete{{"e1"}}).ok());
  EXPECT_EQ(store_->GetWatchlistInfo().version, 4u);
}

TEST(EventCodecTest, WatchlistEventsRoundTrip) {
  WatchlistUpsert upsert{{Entry("e1", core::EntryKind::kPhone, "+8613800000000",
                                core::Referral::kDoNotLoad, 90)}};
  absl::StatusOr<DecodedEvent> back = DecodeEvent(EncodeEvent(upsert, "o", "n"));
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_TRUE(std::holds_alternative<WatchlistUpsert>(back->event));
  const auto& entries = std::get<WatchlistUpsert>(back->event).entries;
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, "e1");
  EXPECT_EQ(entries[0].value, "+8613800000000");
  EXPECT_EQ(entries[0].referral, core::Referral::kDoNotLoad);
  EXPECT_EQ(entries[0].points, 90);

  back = DecodeEvent(EncodeEvent(WatchlistDelete{{"a", "b"}}, "o", "n"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::get<WatchlistDelete>(back->event).ids, (std::vector<std::string>{"a", "b"}));
}

TEST(EventCodecTest, GarbageIsDataLoss) {
  EXPECT_EQ(DecodeEvent("\xff\xff\xff").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeEvent("").status().code(), absl::StatusCode::kDataLoss);  // no kind
}

}  // namespace
}  // namespace placi::storage
