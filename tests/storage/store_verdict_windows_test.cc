// A verdict and its window increments as one event (VerdictRecorded): the
// screening path (CountAndSum, then Record(verdict, counted)) and the replica
// path (Apply) leave the same state; increments counted but never recorded
// leave nothing; and a process killed with SIGKILL while recording never
// leaves a verdict without its increments or increments without their
// verdict (verdict_crash_writer does the recording).
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/history_store.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"
#include "tests/test_util/fake_clock.h"

extern char** environ;

namespace placi::storage {
namespace {

using core::CounterUpdate;
using testing::kDay;
using testing::kHour;
using testing::kT0;
using testing::SampleVerdict;
using testing::TempDir;

class StoreVerdictWindowsTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto store = Store::Open({.path = dir_.db(), .index = &index_, .clock = &clock_});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  int64_t Sum(Store* store, const std::string& key, absl::Duration window) {
    auto sums = store->AddAndSum({{key, window, 0}}, kT0);
    EXPECT_TRUE(sums.ok()) << sums.status();
    return sums.ok() ? (*sums)[0] : -1;
  }
  int64_t Sum(const std::string& key, absl::Duration window) {
    return Sum(store_.get(), key, window);
  }

  TempDir dir_;
  placi::testing::FakeClock clock_{kT0};
  core::WatchlistIndex index_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreVerdictWindowsTest, CountedIncrementsAreReadAtOnceAndDurableWithTheVerdict) {
  std::vector<core::WindowIncrement> counted;
  auto sums = store_->CountAndSum({{"cc|a", kDay, 1}, {"cv|a", kDay, 1500}, {"cc|a", kDay, 1}},
                                  kT0, &counted);
  ASSERT_TRUE(sums.ok()) << sums.status();
  EXPECT_EQ(*sums, (std::vector<int64_t>{1, 1500, 2}));
  ASSERT_EQ(counted.size(), 3u);
  EXPECT_EQ(counted[1].key, "cv|a");
  EXPECT_EQ(counted[1].bucket_width_seconds, 7200);
  EXPECT_EQ(counted[1].bucket, absl::ToUnixSeconds(kT0) / 7200);
  EXPECT_EQ(counted[1].delta, 1500);
  // Another parcel judged before the first is recorded already sees it.
  EXPECT_EQ(Sum("cc|a", kDay), 2);

  ASSERT_TRUE(store_->Record(SampleVerdict("01V1", "HAWB1"), counted).ok());
  Reopen();
  EXPECT_EQ(Sum("cc|a", kDay), 2);
  EXPECT_EQ(Sum("cv|a", kDay), 1500);
  EXPECT_TRUE(store_->GetDecision("01V1").ok());
}

TEST_F(StoreVerdictWindowsTest, CountedButNeverRecordedLeavesNothing) {
  std::vector<core::WindowIncrement> uncounted;
  ASSERT_TRUE(store_->CountAndSum({{"cc|b", kDay, 1}}, kT0, &uncounted).ok());
  store_->Uncount(uncounted);
  EXPECT_EQ(Sum("cc|b", kDay), 0);

  // Counted, then the process ends before the verdict is written: memory
  // only, so a restart does not see it.
  std::vector<core::WindowIncrement> lost;
  ASSERT_TRUE(store_->CountAndSum({{"cc|c", kDay, 1}}, kT0, &lost).ok());
  EXPECT_EQ(Sum("cc|c", kDay), 1);
  Reopen();
  EXPECT_EQ(Sum("cc|c", kDay), 0);
}

TEST_F(StoreVerdictWindowsTest, ARefusedVerdictWritesNoneOfItsIncrements) {
  std::vector<core::WindowIncrement> counted;
  ASSERT_TRUE(store_->CountAndSum({{"cc|d", kDay, 1}}, kT0, &counted).ok());
  core::Verdict no_id = SampleVerdict("", "HAWB-D");
  EXPECT_EQ(store_->Record(no_id, counted).code(), absl::StatusCode::kInvalidArgument);
  store_->Uncount(counted);  // what the screener does with a failed record
  Reopen();
  EXPECT_EQ(Sum("cc|d", kDay), 0);

  // Through Apply, a bad increment refuses the whole event, verdict too.
  auto applied = store_->Apply(VerdictRecorded{SampleVerdict("01V2", "HAWB-D"),
                                               {{"cc|d", 7200, 1, 1}, {"cc|d", 0, 1, 1}}});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetDecision("01V2").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Sum("cc|d", kDay), 0);
}

TEST_F(StoreVerdictWindowsTest, ApplyOnAReplicaEqualsTheScreeningPath) {
  TempDir other_dir;
  core::WatchlistIndex other_index;
  auto other = Store::Open({.path = other_dir.db(), .index = &other_index, .clock = &clock_});
  ASSERT_TRUE(other.ok()) << other.status();

  for (int n = 0; n < 3; ++n) {
    std::vector<core::WindowIncrement> counted;
    ASSERT_TRUE(store_
                    ->CountAndSum({{"cc|a", kDay, 1}, {"sh|s", kHour, 1}, {"x", kHour, 0}},
                                  kT0 + absl::Minutes(7 * n), &counted)
                    .ok());
    const core::Verdict verdict =
        SampleVerdict(absl::StrCat("01R", n), absl::StrCat("HAWB-R", n),
                      n == 1 ? core::HoldStatus::kNew : core::HoldStatus::kNone);
    ASSERT_TRUE(store_->Record(verdict, counted).ok());
    // The event the screening path amounts to, as a replica receives it.
    auto applied = (*other)->Apply(VerdictRecorded{verdict, counted});
    ASSERT_TRUE(applied.ok()) << applied.status();
    EXPECT_EQ(applied->affected, 2u);  // the zero delta is not counted
  }
  for (Store* s : {store_.get(), other->get()}) {
    EXPECT_EQ(Sum(s, "cc|a", kDay), 3);
    EXPECT_EQ(Sum(s, "sh|s", kHour), 3);
    auto hold = s->LatestHold("CARRIER-1", "HAWB-R1");
    ASSERT_TRUE(hold.ok() && hold->has_value());
    EXPECT_EQ((*hold)->decision_id, "01R1");
  }
  other->reset();
  auto reopened = Store::Open({.path = other_dir.db(), .index = &other_index, .clock = &clock_});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(Sum(reopened->get(), "cc|a", kDay), 3);
}

TEST_F(StoreVerdictWindowsTest, DeltasAddOntoTotalsWrittenByEarlierVersions) {
  // Earlier versions put each bucket's absolute total, under a key that
  // holds the counter key itself (format 1); the deltas written since, under
  // its hash (format 2), add to it.
  const int64_t width = 7200;
  const int64_t bucket = absl::ToUnixSeconds(kT0) / width;
  store_.reset();
  {
    auto db = Database::Open(dir_.db());
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->db()
                    ->Put(rocksdb::WriteOptions(), (*db)->history(),
                          keys::Format1HistoryKey(bucket * width, width, "cc|old"),
                          keys::EncodeCount(5))
                    .ok());
  }
  Reopen();
  EXPECT_EQ(Sum("cc|old", kDay), 5);
  std::vector<core::WindowIncrement> counted;
  ASSERT_TRUE(store_->CountAndSum({{"cc|old", kDay, 2}}, kT0, &counted).ok());
  ASSERT_TRUE(store_->Record(SampleVerdict("01OLD", "HAWB-OLD"), counted).ok());
  Reopen();
  EXPECT_EQ(Sum("cc|old", kDay), 7);
}

// --- SIGKILL while recording -------------------------------------------------

// Starts verdict_crash_writer on `db` with run tag `tag`, taking window
// snapshots every `snapshot_every` verdicts of a thread and every
// millisecond (0: never before the default interval); its stdout is
// returned in *out_fd.
pid_t StartWriter(const std::string& db, const std::string& tag, int snapshot_every,
                  int* out_fd) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  const std::string exe = VERDICT_CRASH_WRITER;
  const std::string fold = absl::StrCat(snapshot_every);
  char* argv[] = {const_cast<char*>(exe.c_str()), const_cast<char*>(db.c_str()),
                  const_cast<char*>(tag.c_str()), const_cast<char*>(fold.c_str()), nullptr};
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return -1;
  }
  *out_fd = fds[0];
  return pid;
}

// The window log (storage/window_log.h) puts a verdict's increments in a
// log record in its batch, and window snapshots hold them later: every other
// cycle the writer snapshots often (every 16 verdicts of a thread and every
// millisecond), so that kills land before, after and during snapshots (with
// parcels counted but not yet recorded), and the next open finds some
// increments in the snapshot and others in the log; in the other cycles it
// never snapshots, and the open replays the log after the snapshot that the
// previous cycle's clean close took.
TEST(VerdictCrashTest, SigkillNeverSplitsAVerdictFromItsIncrements) {
  TempDir dir;
  std::mt19937 rng(4242);
  // The highest index acknowledged, by writer "<tag>.<thread>".
  std::map<std::string, int64_t> acked;
  int cycles_with_log_records = 0;  // left in the log by the kill
  for (int cycle = 0; cycle < 20; ++cycle) {
    const std::string tag = absl::StrCat(cycle);
    // Both writer threads, acknowledged or not (-1: nothing yet).
    for (int t = 0; t < 2; ++t) acked.emplace(absl::StrCat(tag, ".", t), -1);
    int fd = -1;
    const int snapshot_every = cycle % 2 == 0 ? 16 : 0;
    const std::string snapshot_path = dir.db() + "/window_snapshot";
    struct stat before {};
    const bool had_snapshot = stat(snapshot_path.c_str(), &before) == 0;
    const pid_t pid = StartWriter(dir.db(), tag, snapshot_every, &fd);
    ASSERT_GT(pid, 0) << "cannot start " << VERDICT_CRASH_WRITER;
    // Let it acknowledge a random number of verdicts, then kill it while it
    // keeps writing.
    FILE* out = fdopen(fd, "r");
    ASSERT_NE(out, nullptr);
    const int want = std::uniform_int_distribution<int>(50, 400)(rng);
    char line[128];
    int seen = 0;
    while (seen < want && fgets(line, sizeof(line), out) != nullptr) {
      // "ack <writer> <index>"
      std::vector<std::string> parts =
          absl::StrSplit(absl::StripAsciiWhitespace(line), ' ', absl::SkipEmpty());
      int64_t index = 0;
      if (parts.size() == 3 && parts[0] == "ack" && absl::SimpleAtoi(parts[2], &index)) {
        acked[parts[1]] = std::max(acked[parts[1]], index);
        ++seen;
      }
    }
    ASSERT_EQ(seen, want) << "the writer stopped early";
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    fclose(out);
    ASSERT_TRUE(WIFSIGNALED(status));

    // What the kill left: records in the log, and a snapshot (the previous
    // cycles' close took one; a writer that snapshots took others).
    {
      struct stat after {};
      const bool has_snapshot = stat(snapshot_path.c_str(), &after) == 0;
      // (Inodes are reused: the modification time tells a new file too.)
      const bool snapshotted =
          has_snapshot && (!had_snapshot || after.st_ino != before.st_ino ||
                           after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
                           after.st_mtim.tv_nsec != before.st_mtim.tv_nsec);
      // A writer that snapshots every 16 verdicts of a thread has taken one
      // before one of them acknowledged its 16th (at least 50 were seen);
      // the other never does.
      EXPECT_EQ(snapshotted, snapshot_every > 0) << "cycle " << cycle;
      auto db = Database::Open(dir.db());
      ASSERT_TRUE(db.ok()) << db.status();
      size_t buckets = 0, log_records = 0;
      std::unique_ptr<rocksdb::Iterator> it(
          (*db)->db()->NewIterator(rocksdb::ReadOptions(), (*db)->history()));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        ++(keys::IsWindowLogKey(it->key().ToStringView()) ? log_records : buckets);
      }
      EXPECT_EQ(buckets, 0u) << "cycle " << cycle;
      cycles_with_log_records += log_records > 0;
    }

    core::WatchlistIndex index;
    auto store = Store::Open({.path = dir.db(), .index = &index});
    ASSERT_TRUE(store.ok()) << store.status();
    const absl::Time now = absl::Now();
    int64_t decisions = 0;
    // Each writer thread records in order, so what landed is a prefix:
    // everything acknowledged, perhaps a few more whose ack was cut off.
    for (const auto& [writer, last] : acked) {
      int64_t beyond = 0;  // unrecorded indices checked past the prefix
      for (int64_t i = 0; beyond < 8; ++i) {
        const std::string id = absl::StrCat("D", writer, "-", i);
        const bool recorded = (*store)->GetDecision(id).ok();
        auto own = (*store)->AddAndSum({{absl::StrCat("own|", id), kHour, 0}}, now);
        ASSERT_TRUE(own.ok()) << own.status();
        EXPECT_EQ((*own)[0], recorded ? 1 : 0) << id << " recorded=" << recorded;
        if (i <= last) {
          EXPECT_TRUE(recorded) << "acknowledged verdict " << id << " lost";
        }
        if (!recorded && i > last) ++beyond;
        decisions += recorded;
      }
    }
    auto all = (*store)->AddAndSum({{"all", kDay, 0}}, now);
    ASSERT_TRUE(all.ok()) << all.status();
    EXPECT_EQ((*all)[0], decisions) << "cycle " << cycle;
    if (::testing::Test::HasFailure()) break;
  }
  // The writers never pause, so a kill finds records written since the last
  // snapshot in nearly every cycle: the replay at open was exercised.
  EXPECT_GT(cycles_with_log_records, 0);
}

}  // namespace
}  // namespace placi::storage
