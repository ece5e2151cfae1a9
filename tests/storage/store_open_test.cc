// Opening, closing and reopening storage::Store: nothing acknowledged is
// lost, the demo seed is applied once only, and open failures are one clear
// status naming the data dir.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/hold_key.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::EntryKind;
using core::HoldStatus;
using testing::Entry;
using testing::ExpectEntryEq;
using testing::ExpectVerdictEq;
using testing::SampleVerdict;
using testing::TempDir;

bool Contains(absl::string_view haystack, absl::string_view needle) {
  return haystack.find(needle) != absl::string_view::npos;
}

class StoreOpenTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.path().empty()); }
  TempDir dir_;
};

// Parameter: Options::sync_decisions.
TEST_P(StoreOpenTest, ReopenKeepsEverythingAcknowledged) {
  const std::vector<core::WatchlistEntry> entries = {
      Entry("wl-1", EntryKind::kPartyName, "Shenzhen Fast Trading", core::Referral::kDoNotLoad),
      Entry("wl-2", EntryKind::kAddress, "1 Harbour Road, Hong Kong"),
      Entry("wl-3", EntryKind::kSellerId, "S-42", core::Referral::kIprExamination, 55)};
  const core::Verdict released = SampleVerdict("01A", "HAWB1");
  const core::Verdict held = SampleVerdict("01B", "HAWB1", HoldStatus::kNew);
  {
    core::WatchlistIndex index;
    auto store = Store::Open({.path = dir_.db(), .index = &index, .sync_decisions = GetParam()});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Apply(WatchlistUpsert{entries}).ok());
    ASSERT_TRUE((*store)->Apply(WatchlistDelete{{"wl-2"}}).ok());
    ASSERT_TRUE((*store)->Record(released).ok());
    ASSERT_TRUE((*store)->Record(held).ok());
  }  // closed here

  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir_.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  WatchlistInfo info = (*store)->GetWatchlistInfo();
  EXPECT_EQ(info.version, 2u);
  EXPECT_EQ(info.entry_count, 2u);
  EXPECT_EQ(index.version(), 2u);
  EXPECT_EQ(index.size(), 2u);

  auto e1 = (*store)->GetEntry("wl-1");
  ASSERT_TRUE(e1.ok());
  ExpectEntryEq(entries[0], *e1);
  EXPECT_EQ((*store)->GetEntry("wl-2").status().code(), absl::StatusCode::kNotFound);
  auto e3 = (*store)->GetEntry("wl-3");
  ASSERT_TRUE(e3.ok());
  ExpectEntryEq(entries[2], *e3);

  auto d = (*store)->GetDecision("01A");
  ASSERT_TRUE(d.ok());
  ExpectVerdictEq(released, *d);
  auto list = (*store)->ListDecisions("HAWB1", "", 10, "");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  ExpectVerdictEq(held, (*list)[1]);
  auto hold = (*store)->LatestHold("CARRIER-1", "HAWB1");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  ExpectVerdictEq(held, **hold);

  // Versions carry on from where they were.
  auto next = (*store)->Apply(WatchlistDelete{{"wl-1"}});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->watchlist_version, 3u);
}

INSTANTIATE_TEST_SUITE_P(SyncDecisions, StoreOpenTest, ::testing::Bool());

// Records `held` in a new store at `dir`, then moves its hold from the key
// this version writes to `old_key`, as an older version laid it out: no
// mark of a held waybill, no flag of the re-keying (and, with
// `keyed_by_carrier_flag` false, no flag of the carrier keys either).
void RecordHoldUnderAnOlderKey(const TempDir& dir, core::WatchlistIndex* index,
                               const core::Verdict& held, const std::string& current_key,
                               const std::string& old_key, bool keyed_by_carrier_flag) {
  {
    auto store = Store::Open({.path = dir.db(), .index = index});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Record(held).ok());
  }
  auto db = Database::Open(dir.db());
  ASSERT_TRUE(db.ok()) << db.status();
  std::string bytes;
  ASSERT_TRUE((*db)->db()->Get(rocksdb::ReadOptions(), (*db)->holds(), current_key, &bytes).ok());
  rocksdb::WriteBatch batch;
  batch.Delete((*db)->holds(), current_key);
  batch.Delete((*db)->holds(), keys::HeldWaybillKey(core::HoldWaybillKey(held.house_waybill)));
  batch.Put((*db)->holds(), old_key, bytes);
  batch.Delete((*db)->meta(), keys::kHoldKeysFolded);
  if (!keyed_by_carrier_flag) batch.Delete((*db)->meta(), keys::kHoldsKeyedByCarrier);
  ASSERT_TRUE((*db)->db()->Write(rocksdb::WriteOptions(), &batch).ok());
}

// A data dir written before holds were keyed by carrier keeps its holds:
// the bare-waybill keys are re-keyed under the verdict's carrier on the
// first open, once.
TEST(StoreLegacyHoldsTest, WaybillOnlyHoldKeysAreMigratedOnOpen) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  core::WatchlistIndex index;
  core::Verdict held = SampleVerdict("01A", "HAWB1", HoldStatus::kNew);
  held.carrier_id = "CARRIER-A";
  // The old layout: the hold under the bare waybill, no flag.
  RecordHoldUnderAnOlderKey(dir, &index, held, keys::HoldKey("CARRIER-A", "HAWB1"), "HAWB1",
                            /*keyed_by_carrier_flag=*/false);
  if (::testing::Test::HasFatalFailure()) return;
  for (int open = 0; open < 2; ++open) {  // the second open finds it done
    auto store = Store::Open({.path = dir.db(), .index = &index});
    ASSERT_TRUE(store.ok()) << store.status();
    auto hold = (*store)->LatestHold("CARRIER-A", "HAWB1");
    ASSERT_TRUE(hold.ok() && hold->has_value()) << open;
    ExpectVerdictEq(held, **hold);
    auto other = (*store)->LatestHold("", "HAWB1");
    ASSERT_TRUE(other.ok());
    EXPECT_FALSE(other->has_value());
    // A new hold of the same carrier replaces the migrated one.
    if (open == 1) {
      core::Verdict still = SampleVerdict("01B", "HAWB1", HoldStatus::kStillInPlace);
      still.carrier_id = "CARRIER-A";
      ASSERT_TRUE((*store)->Record(still).ok());
      hold = (*store)->LatestHold("CARRIER-A", "HAWB1");
      ASSERT_TRUE(hold.ok() && hold->has_value());
      EXPECT_EQ((*hold)->decision_id, "01B");
    }
  }
  // The legacy key is gone and the flag is set.
  auto db = Database::Open(dir.db());
  ASSERT_TRUE(db.ok()) << db.status();
  std::string value;
  EXPECT_TRUE(
      (*db)->db()->Get(rocksdb::ReadOptions(), (*db)->holds(), "HAWB1", &value).IsNotFound());
  EXPECT_TRUE((*db)
                  ->db()
                  ->Get(rocksdb::ReadOptions(), (*db)->meta(), keys::kHoldsKeyedByCarrier, &value)
                  .ok());
  std::unique_ptr<rocksdb::Iterator> it(
      (*db)->db()->NewIterator(rocksdb::ReadOptions(), (*db)->holds()));
  size_t keys_left = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++keys_left;
  EXPECT_EQ(keys_left, 2u);  // the hold and the mark of its waybill
}

// Holds are keyed on the normalised waybill (core/hold_key.h). A data dir
// written before kept them under the waybill as it was sent: those are still
// found and lifted under that spelling after the upgrade, and a newer hold
// of the carrier under the normalised key takes their place.
TEST(StoreLegacyHoldsTest, HoldsUnderTheWaybillAsSentAreFoundAfterTheUpgrade) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  core::WatchlistIndex index;
  core::Verdict held = SampleVerdict("01A", " bbx-0000 ", HoldStatus::kNew);
  held.carrier_id = "CARRIER-A";
  // The previous version's layout: the hold under the waybill as sent.
  RecordHoldUnderAnOlderKey(dir, &index, held, keys::HoldKey("CARRIER-A", "BBX0000"),
                            keys::HoldKey("CARRIER-A", " bbx-0000 "),
                            /*keyed_by_carrier_flag=*/true);
  if (::testing::Test::HasFatalFailure()) return;
  auto store = Store::Open({.path = dir.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  auto hold = (*store)->LatestHold("CARRIER-A", " bbx-0000 ");
  ASSERT_TRUE(hold.ok() && hold->has_value());
  ExpectVerdictEq(held, **hold);
  auto on_waybill = (*store)->HoldsOnWaybill(" bbx-0000 ");
  ASSERT_TRUE(on_waybill.ok());
  ASSERT_EQ(on_waybill->size(), 1u);
  EXPECT_EQ((*on_waybill)[0].decision_id, "01A");

  // The next hold verdict of the carrier goes under the normalised key and
  // hides the old one, under every spelling of the number.
  core::Verdict still = SampleVerdict("01B", " bbx-0000 ", HoldStatus::kStillInPlace);
  still.carrier_id = "CARRIER-A";
  ASSERT_TRUE((*store)->Record(still).ok());
  for (const char* spelling : {" bbx-0000 ", "BBX0000", "bbx 0000"}) {
    hold = (*store)->LatestHold("CARRIER-A", spelling);
    ASSERT_TRUE(hold.ok() && hold->has_value()) << spelling;
    EXPECT_EQ((*hold)->decision_id, "01B") << spelling;
    on_waybill = (*store)->HoldsOnWaybill(spelling);
    ASSERT_TRUE(on_waybill.ok());
    ASSERT_EQ(on_waybill->size(), 1u) << spelling;
    EXPECT_EQ((*on_waybill)[0].decision_id, "01B") << spelling;
  }
}

// Data dirs of earlier versions indexed each decision under its waybill as
// sent. Those are still listed under that spelling, beside (and in time
// order with) the decisions this version indexes under the normalised one;
// re-keyed at open (storage/rekey.h), they are listed under the other
// spellings too.
TEST(StoreLegacyDecisionIndexTest, DecisionsIndexedUnderTheWaybillAsSentAreStillListed) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  core::WatchlistIndex index;
  {
    auto store = Store::Open({.path = dir.db(), .index = &index});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Record(SampleVerdict("01A", " bbx-0000 ")).ok());
  }
  {
    // The previous version's layout: the index key under the waybill as sent.
    auto db = Database::Open(dir.db());
    ASSERT_TRUE(db.ok()) << db.status();
    rocksdb::WriteBatch batch;
    batch.Delete((*db)->decisions(), keys::WaybillIndexKey("BBX0000", "01A"));
    batch.Put((*db)->decisions(), keys::WaybillIndexKey(" bbx-0000 ", "01A"), "");
    batch.Delete((*db)->meta(), keys::kDecisionIndexFolded);
    ASSERT_TRUE((*db)->db()->Write(rocksdb::WriteOptions(), &batch).ok());
  }
  auto store = Store::Open({.path = dir.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->Record(SampleVerdict("01B", "BBX0000")).ok());
  ASSERT_TRUE((*store)->Record(SampleVerdict("01C", " bbx-0000 ")).ok());
  const auto listed = [&](std::string_view waybill, size_t limit) {
    std::vector<std::string> ids;
    auto list = (*store)->ListDecisions(waybill, "", limit, "");
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) {
      for (const core::Verdict& v : *list) ids.push_back(v.decision_id);
    }
    return ids;
  };
  EXPECT_EQ(listed(" bbx-0000 ", 10), (std::vector<std::string>{"01A", "01B", "01C"}));
  // The newest two, oldest first (ListDecisions keeps the newest).
  EXPECT_EQ(listed(" bbx-0000 ", 2), (std::vector<std::string>{"01B", "01C"}));
  // Re-keyed at open: every spelling finds them all.
  EXPECT_EQ(listed("BBX0000", 10), (std::vector<std::string>{"01A", "01B", "01C"}));
}

// The previous version keyed holds on an ASCII-only fold of the waybill
// (separators such as '/' kept) and the carrier_id as sent. Its open holds
// are still found, under any spelling that version folded the same way, and
// the next hold verdict goes under the current key and hides them.
TEST(StoreLegacyHoldsTest, HoldsUnderThePreviousVersionsKeyAreFoundAfterTheUpgrade) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  core::WatchlistIndex index;
  core::Verdict held = SampleVerdict("01A", "ab/123456", HoldStatus::kNew);
  held.carrier_id = "demo-express";
  RecordHoldUnderAnOlderKey(dir, &index, held, keys::HoldKey("DEMO-EXPRESS", "AB123456"),
                            keys::HoldKey("demo-express", "AB/123456"),
                            /*keyed_by_carrier_flag=*/true);
  if (::testing::Test::HasFatalFailure()) return;
  auto store = Store::Open({.path = dir.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  for (const char* spelling : {"ab/123456", "AB/123456", " Ab/12-3456 "}) {
    auto hold = (*store)->LatestHold("demo-express", spelling);
    ASSERT_TRUE(hold.ok() && hold->has_value()) << spelling;
    ExpectVerdictEq(held, **hold);
    auto on_waybill = (*store)->HoldsOnWaybill(spelling);
    ASSERT_TRUE(on_waybill.ok());
    ASSERT_EQ(on_waybill->size(), 1u) << spelling;
  }
  core::Verdict still = SampleVerdict("01B", "ab/123456", HoldStatus::kStillInPlace);
  still.carrier_id = "demo-express";
  ASSERT_TRUE((*store)->Record(still).ok());
  for (const char* spelling : {"ab/123456", "AB\u2013" "123456", "\uff21\uff22123456"}) {
    for (const char* carrier : {"demo-express", "DEMO-EXPRESS"}) {
      auto hold = (*store)->LatestHold(carrier, spelling);
      ASSERT_TRUE(hold.ok() && hold->has_value()) << spelling << " " << carrier;
      EXPECT_EQ((*hold)->decision_id, "01B") << spelling << " " << carrier;
    }
    auto on_waybill = (*store)->HoldsOnWaybill(spelling);
    ASSERT_TRUE(on_waybill.ok());
    ASSERT_EQ(on_waybill->size(), 1u) << spelling;  // the older one is hidden
    EXPECT_EQ((*on_waybill)[0].decision_id, "01B") << spelling;
  }
}

// The carrier part of the key is folded too: "demo-express" finds the hold
// of "DEMO-EXPRESS" (unauthenticated mode takes carrier_id as sent).
TEST(StoreHoldKeyTest, CarrierIdCaseAndSpacesAreOneCarrier) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  core::Verdict held = SampleVerdict("01A", "CR-777001", HoldStatus::kNew);
  held.carrier_id = "DEMO-EXPRESS";
  ASSERT_TRUE((*store)->Record(held).ok());
  for (const char* carrier : {"DEMO-EXPRESS", "demo-express", " Demo-Express "}) {
    auto hold = (*store)->LatestHold(carrier, "CR-777001");
    ASSERT_TRUE(hold.ok() && hold->has_value()) << carrier;
    EXPECT_EQ((*hold)->decision_id, "01A");
  }
  auto other = (*store)->LatestHold("DEMOEXPRESS", "CR-777001");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

// A blank waybill is a missing one: no hold state is kept on it.
TEST(StoreHoldKeyTest, ABlankWaybillKeepsNoHold) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->Record(SampleVerdict("01A", "   ", HoldStatus::kNew)).ok());
  ASSERT_TRUE((*store)->Record(SampleVerdict("01B", "-", HoldStatus::kNew)).ok());
  for (const char* blank : {"   ", "", " ", "-", "\u00a0"}) {
    auto hold = (*store)->LatestHold("CARRIER-1", blank);
    ASSERT_TRUE(hold.ok());
    EXPECT_FALSE(hold->has_value()) << '"' << blank << '"';
    auto on_waybill = (*store)->HoldsOnWaybill(blank);
    ASSERT_TRUE(on_waybill.ok());
    EXPECT_TRUE(on_waybill->empty());
  }
  EXPECT_TRUE((*store)->GetDecision("01A").ok());  // the verdict is logged all the same
}

// A clean close leaves every write in SST files, so the next open replays
// no WAL (after a bulk import the replay took ~0.6 s of a restart); the data
// is all there.
TEST(DatabaseCloseTest, CleanCloseFlushesSoTheNextOpenReplaysNothing) {
  testing::TempDir dir;
  {
    auto db = Database::Open(dir.db());
    ASSERT_TRUE(db.ok()) << db.status();
    rocksdb::WriteBatch batch;
    for (int i = 0; i < 100; ++i) {
      batch.Put((*db)->watchlist(), "id-" + std::to_string(i), "entry");
      batch.Put((*db)->decisions(), "id/" + std::to_string(i), "decision");
    }
    batch.Put((*db)->meta(), "k", "v");
    ASSERT_TRUE((*db)->db()->Write(rocksdb::WriteOptions(), &batch).ok());
    ASSERT_TRUE((*db)->Close().ok());
  }
  // The WAL files left hold no record (RocksDB keeps a WAL only while a
  // memtable still needs it).
  uintmax_t wal_bytes = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir.db())) {
    if (file.path().extension() == ".log") wal_bytes += file.file_size();
  }
  EXPECT_EQ(wal_bytes, 0u);
  auto db = Database::Open(dir.db());
  ASSERT_TRUE(db.ok()) << db.status();
  std::string value;
  EXPECT_TRUE((*db)->db()->Get(rocksdb::ReadOptions(), (*db)->watchlist(), "id-99", &value).ok());
  EXPECT_EQ(value, "entry");
  EXPECT_TRUE((*db)->db()->Get(rocksdb::ReadOptions(), (*db)->meta(), "k", &value).ok());
}

class StoreOpenErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.path().empty()); }
  TempDir dir_;
  core::WatchlistIndex index_;
};

TEST_F(StoreOpenErrorsTest, SeedWatchlistOnceSeedsOnlyOnce) {
  const std::vector<core::WatchlistEntry> demo = {Entry("demo-1", EntryKind::kPhone, "111"),
                                                  Entry("demo-2", EntryKind::kPhone, "222")};
  {
    auto store = Store::Open({.path = dir_.db(), .index = &index_});
    ASSERT_TRUE(store.ok()) << store.status();
    auto seeded = (*store)->SeedWatchlistOnce(demo);
    ASSERT_TRUE(seeded.ok()) << seeded.status();
    EXPECT_TRUE(*seeded);
    EXPECT_EQ((*store)->GetWatchlistInfo().entry_count, 2u);
    EXPECT_EQ((*store)->GetWatchlistInfo().version, 1u);
    EXPECT_EQ(index_.size(), 2u);

    seeded = (*store)->SeedWatchlistOnce(demo);
    ASSERT_TRUE(seeded.ok());
    EXPECT_FALSE(*seeded);
    EXPECT_EQ((*store)->GetWatchlistInfo().version, 1u);

    // An admin deletes every seeded entry.
    ASSERT_TRUE((*store)->Apply(WatchlistDelete{{"demo-1", "demo-2"}}).ok());
  }
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir_.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  auto seeded = (*store)->SeedWatchlistOnce(demo);
  ASSERT_TRUE(seeded.ok());
  EXPECT_FALSE(*seeded);  // the deletions stand
  EXPECT_EQ((*store)->GetWatchlistInfo().entry_count, 0u);
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ((*store)->GetEntry("demo-1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(StoreOpenErrorsTest, SecondOpenInThisProcessFailsClearly) {
  auto first = Store::Open({.path = dir_.db(), .index = &index_});
  ASSERT_TRUE(first.ok()) << first.status();
  core::WatchlistIndex other;
  auto second = Store::Open({.path = dir_.db(), .index = &other});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(second.status().message(),
                       "data dir " + dir_.db() + " is locked by another process ("))
      << second.status();
  EXPECT_FALSE(Contains(second.status().message(), "\n"));
}

TEST_F(StoreOpenErrorsTest, OpenLockedByAnotherProcessFailsClearly) {
  {  // Create the database, then release it.
    auto store = Store::Open({.path = dir_.db(), .index = &index_});
    ASSERT_TRUE(store.ok()) << store.status();
  }
  // A child takes the same POSIX lock RocksDB takes on <dir>/LOCK. Between
  // fork and _exit it calls only async-signal-safe functions.
  const std::string lock_path = dir_.db() + "/LOCK";
  int locked[2], release[2];
  ASSERT_EQ(pipe(locked), 0);
  ASSERT_EQ(pipe(release), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(release[1]);  // else our own write end keeps the read below from EOF
    close(locked[0]);
    int fd = open(lock_path.c_str(), O_RDWR | O_CREAT, 0644);
    struct flock f = {};
    f.l_type = F_WRLCK;
    f.l_whence = SEEK_SET;
    char ok = (fd >= 0 && fcntl(fd, F_SETLK, &f) == 0) ? '1' : '0';
    (void)!write(locked[1], &ok, 1);
    char c;
    (void)!read(release[0], &c, 1);  // returns when the parent closes its end
    _exit(0);
  }
  close(locked[1]);
  close(release[0]);
  char ok = 0;
  ASSERT_EQ(read(locked[0], &ok, 1), 1);
  ASSERT_EQ(ok, '1');

  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir_.db(), .index = &index});
  close(release[1]);
  close(locked[0]);
  int wstatus = 0;
  waitpid(child, &wstatus, 0);

  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(store.status().message(),
                       "data dir " + dir_.db() + " is locked by another process ("))
      << store.status();

  // Once the other process is gone, the database opens.
  auto reopened = Store::Open({.path = dir_.db(), .index = &index});
  EXPECT_TRUE(reopened.ok()) << reopened.status();
}

TEST_F(StoreOpenErrorsTest, CreatesMissingParentDirectories) {
  const std::string path = dir_.path() + "/a/b/rocksdb";
  auto store = Store::Open({.path = path, .index = &index_});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_TRUE(std::filesystem::exists(path + "/CURRENT"));
}

TEST_F(StoreOpenErrorsTest, RefusesDirectoryOfOtherFiles) {
  std::ofstream(dir_.path() + "/notes.txt") << "not a database";
  auto store = Store::Open({.path = dir_.path(), .index = &index_});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(store.status().message(), dir_.path())) << store.status();
  EXPECT_TRUE(Contains(store.status().message(), "not a RocksDB database")) << store.status();
  // And it wrote nothing there.
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/CURRENT"));
}

TEST_F(StoreOpenErrorsTest, RefusesRegularFile) {
  const std::string path = dir_.path() + "/file";
  std::ofstream(path) << "x";
  auto store = Store::Open({.path = path, .index = &index_});
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(Contains(store.status().message(), path)) << store.status();
}

TEST_F(StoreOpenErrorsTest, CorruptionIsDataLoss) {
  {
    auto store = Store::Open({.path = dir_.db(), .index = &index_});
    ASSERT_TRUE(store.ok()) << store.status();
  }
  // CURRENT must name a manifest and end with a newline.
  std::ofstream(dir_.db() + "/CURRENT", std::ios::trunc) << "garbage";
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir_.db(), .index = &index});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss) << store.status();
  EXPECT_TRUE(Contains(store.status().message(), dir_.db())) << store.status();
}

TEST_F(StoreOpenErrorsTest, RequiresIndexAndPath) {
  EXPECT_EQ(Store::Open({.path = dir_.db(), .index = nullptr}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Store::Open({.path = "", .index = &index_}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace placi::storage
