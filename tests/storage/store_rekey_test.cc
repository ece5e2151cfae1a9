// Data dirs written by earlier versions, laid out here key by key with
// RocksDB as those versions wrote them, open with this one: holds, hold
// lookups and decision lists read as before, the keys are moved under the
// current layout at the first open only (storage/rekey.h), and an open that
// stops midway (as a crash would) is carried on by the next.
#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "core/hold_key.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "placi/convert/convert.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::HoldStatus;
using testing::ExpectVerdictEq;
using testing::SampleVerdict;
using testing::TempDir;

// The waybill key of the version before the Unicode fold (holds of that
// version sit under it, with the carrier_id as sent): ASCII letters
// upper-cased, ASCII whitespace and '-' dropped, everything else kept.
std::string AsciiOnlyHoldWaybillKey(std::string_view waybill) {
  std::string key;
  for (char c : waybill) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == '-') {
      continue;
    }
    key.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return key;
}

core::Verdict Held(std::string id, std::string carrier, std::string waybill,
                   HoldStatus status = HoldStatus::kNew) {
  core::Verdict v = SampleVerdict(std::move(id), std::move(waybill), status);
  v.carrier_id = std::move(carrier);
  return v;
}

// One verdict as an earlier version wrote it: the record, its index key
// under `index_waybill`, and its hold under `hold_key` when given (with no
// HeldWaybillKey: no earlier version wrote one).
struct LegacyVerdict {
  core::Verdict verdict;
  std::string index_waybill;
  std::optional<std::string> hold_key;
};

// Writes `legacy` into a data dir of the layouts before this version:
// holds keyed by carrier (the flag that says so), none of the re-keying
// flags.
void WriteLegacyDataDir(const std::string& path, const std::vector<LegacyVerdict>& legacy) {
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status();
  rocksdb::WriteBatch batch;
  batch.Put((*db)->meta(), keys::kHoldsKeyedByCarrier, "1");
  for (const LegacyVerdict& l : legacy) {
    screening::v1::Verdict proto;
    convert::VerdictToProto(l.verdict, &proto);
    const std::string bytes = proto.SerializeAsString();
    batch.Put((*db)->decisions(), keys::DecisionKey(l.verdict.decision_id), bytes);
    batch.Put((*db)->decisions(), keys::WaybillIndexKey(l.index_waybill, l.verdict.decision_id),
              "");
    if (l.hold_key) batch.Put((*db)->holds(), *l.hold_key, bytes);
  }
  ASSERT_TRUE((*db)->db()->Write(rocksdb::WriteOptions(), &batch).ok());
}

std::set<std::string> KeysOf(const Database& db, rocksdb::ColumnFamilyHandle* cf,
                             std::string_view prefix = "") {
  std::set<std::string> keys;
  std::unique_ptr<rocksdb::Iterator> it(db.db()->NewIterator(rocksdb::ReadOptions(), cf));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
       it->Valid() && it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size()));
       it->Next()) {
    keys.insert(it->key().ToString());
  }
  EXPECT_TRUE(it->status().ok());
  return keys;
}

bool HasMeta(const Database& db, const char* key) {
  std::string value;
  return db.db()->Get(rocksdb::ReadOptions(), db.meta(), key, &value).ok();
}

std::vector<std::string> Listed(Store& store, std::string_view waybill, size_t limit = 10,
                                std::string_view carrier = "") {
  std::vector<std::string> ids;
  auto list = store.ListDecisions(waybill, carrier, limit, "");
  EXPECT_TRUE(list.ok()) << list.status();
  if (list.ok()) {
    for (const core::Verdict& v : *list) ids.push_back(v.decision_id);
  }
  return ids;
}

std::optional<std::string> LatestHoldId(Store& store, std::string_view carrier,
                                        std::string_view waybill) {
  auto hold = store.LatestHold(carrier, waybill);
  EXPECT_TRUE(hold.ok()) << hold.status();
  if (!hold.ok() || !hold->has_value()) return std::nullopt;
  return (*hold)->decision_id;
}

std::vector<std::string> HoldIdsOn(Store& store, std::string_view waybill) {
  std::vector<std::string> ids;
  auto holds = store.HoldsOnWaybill(waybill);
  EXPECT_TRUE(holds.ok()) << holds.status();
  if (holds.ok()) {
    for (const core::Verdict& v : *holds) ids.push_back(v.decision_id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

using Ids = std::vector<std::string>;

// Each layout an earlier version wrote, in one data dir: a hold under the
// ASCII-only waybill key with the carrier as sent (before the Unicode
// fold), one under both ids as sent (before that), one under the current
// key but without the mark of a held waybill (session 13), and decisions
// indexed under the waybill as sent (before the normalised index).
std::vector<LegacyVerdict> EveryEarlierLayout() {
  return {
      {Held("01A", "demo-express", "ab/123456"), "ab/123456",
       keys::HoldKey("demo-express", AsciiOnlyHoldWaybillKey("ab/123456"))},
      {Held("01B", "CARRIER-1", " bbx-0000 "), " bbx-0000 ",
       keys::HoldKey("CARRIER-1", " bbx-0000 ")},
      {Held("01C", "carrier-2", "784-12345678"), "78412345678",
       keys::HoldKey("CARRIER-2", "78412345678")},
      {Held("01D", "carrier-2", "784-12345678", HoldStatus::kNone), "784-12345678", std::nullopt},
      // A blank waybill's verdict, indexed as sent then and now.
      {Held("01E", "carrier-2", "  ", HoldStatus::kNone), "  ", std::nullopt},
  };
}

// What the data dir of EveryEarlierLayout answers, before and after the
// re-keying: each hold under the spelling it was sent with, the decisions
// of each waybill in time order within the limit.
void ExpectEveryEarlierLayoutReadsAsBefore(Store& store, const std::vector<LegacyVerdict>& legacy) {
  for (const LegacyVerdict& l : legacy) {
    if (!l.hold_key) continue;
    auto hold = store.LatestHold(l.verdict.carrier_id, l.verdict.house_waybill);
    ASSERT_TRUE(hold.ok() && hold->has_value()) << l.verdict.decision_id;
    ExpectVerdictEq(l.verdict, **hold);
    EXPECT_EQ(HoldIdsOn(store, l.verdict.house_waybill), Ids{l.verdict.decision_id});
  }
  EXPECT_EQ(LatestHoldId(store, "", "784-12345678"), std::nullopt);  // a carrier of its own
  EXPECT_EQ(LatestHoldId(store, "carrier-3", "ab/123456"), std::nullopt);
  EXPECT_EQ(HoldIdsOn(store, "784-99999999"), Ids{});
  EXPECT_EQ(Listed(store, "ab/123456"), Ids{"01A"});
  EXPECT_EQ(Listed(store, " bbx-0000 "), Ids{"01B"});
  EXPECT_EQ(Listed(store, "784-12345678"), (Ids{"01C", "01D"}));
  EXPECT_EQ(Listed(store, "784-12345678", 1), Ids{"01D"});  // the newest within the limit
  EXPECT_EQ(Listed(store, "784-12345678", 10, "carrier-2"), (Ids{"01C", "01D"}));
  EXPECT_EQ(Listed(store, "784-12345678", 10, "CARRIER-9"), Ids{});
  EXPECT_EQ(Listed(store, "  "), Ids{"01E"});
  EXPECT_EQ(Listed(store, " "), Ids{});  // a blank waybill only as sent
}

// The data dir holds the current layout only, both flags set.
void ExpectCurrentLayout(const std::string& path) {
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(KeysOf(**db, (*db)->holds()),
            (std::set<std::string>{
                keys::HoldKey("DEMO-EXPRESS", "AB123456"), keys::HoldKey("CARRIER-1", "BBX0000"),
                keys::HoldKey("CARRIER-2", "78412345678"), keys::HeldWaybillKey("AB123456"),
                keys::HeldWaybillKey("BBX0000"), keys::HeldWaybillKey("78412345678")}));
  EXPECT_EQ(KeysOf(**db, (*db)->decisions(), keys::kWaybillIndexPrefix),
            (std::set<std::string>{
                keys::WaybillIndexKey("AB123456", "01A"), keys::WaybillIndexKey("BBX0000", "01B"),
                keys::WaybillIndexKey("78412345678", "01C"),
                keys::WaybillIndexKey("78412345678", "01D"), keys::WaybillIndexKey("  ", "01E")}));
  EXPECT_TRUE(HasMeta(**db, keys::kHoldKeysFolded));
  EXPECT_TRUE(HasMeta(**db, keys::kDecisionIndexFolded));
  EXPECT_TRUE(HasMeta(**db, keys::kHoldsKeyedByCarrier));
}

TEST(StoreRekeyTest, EveryEarlierLayoutReadsAsBeforeAndIsRekeyedAtTheFirstOpenOnly) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::vector<LegacyVerdict> legacy = EveryEarlierLayout();
  WriteLegacyDataDir(dir.db(), legacy);
  if (::testing::Test::HasFatalFailure()) return;
  for (int open = 0; open < 2; ++open) {
    int batches = 0;
    core::WatchlistIndex index;
    auto store = Store::Open(
        {.path = dir.db(), .index = &index, .rekey_batch_keys = 1, .after_rekey_batch = [&] {
           ++batches;
           return absl::OkStatus();
         }});
    ASSERT_TRUE(store.ok()) << store.status();
    // Three holds (each given its mark) and three index keys to move, one
    // per batch; the flags ride in a last batch of their own.
    EXPECT_EQ(batches, open == 0 ? 3 + 3 : 0) << "open " << open;
    ExpectEveryEarlierLayoutReadsAsBefore(**store, legacy);
  }
  ExpectCurrentLayout(dir.db());
}

// What is new after the re-keying: the old holds and decisions are found
// under every spelling of the number and the carrier, as this version's
// own always were.
TEST(StoreRekeyTest, RekeyedHoldsAndDecisionsAreFoundUnderEverySpelling) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  WriteLegacyDataDir(dir.db(), EveryEarlierLayout());
  if (::testing::Test::HasFatalFailure()) return;
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir.db(), .index = &index});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(LatestHoldId(**store, "DEMO-EXPRESS",
                         "AB\u2013"
                         "123456"),
            "01A");
  EXPECT_EQ(LatestHoldId(**store, " carrier-1", "BBX0000"), "01B");
  EXPECT_EQ(Listed(**store, "BBX0000"), Ids{"01B"});
  EXPECT_EQ(Listed(**store, "78412345678"), (Ids{"01C", "01D"}));
  // The next verdict of a held waybill replaces its hold.
  ASSERT_TRUE(
      (*store)->Record(Held("01F", "CARRIER-1", "bbx0000", HoldStatus::kStillInPlace)).ok());
  EXPECT_EQ(LatestHoldId(**store, "CARRIER-1", " bbx-0000 "), "01F");
  EXPECT_EQ(HoldIdsOn(**store, " bbx-0000 "), Ids{"01F"});
  EXPECT_EQ(Listed(**store, " bbx-0000 "), (Ids{"01B", "01F"}));
}

// An open that stops after any batch of the re-keying (here: an error from
// the test hook, leaving the data dir as a crash there would) loses
// nothing, and the next open finishes the job.
TEST(StoreRekeyTest, AnOpenStoppedMidwayIsCarriedOnByTheNext) {
  // Batches of two keys, in key order: holds 01A and 01B, then 01C with the
  // holds' flag; index keys of 01B and 01D, then 01A with the index's flag.
  // A stop after either full batch.
  for (int stop_after = 1; stop_after <= 2; ++stop_after) {
    SCOPED_TRACE(stop_after);
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const std::vector<LegacyVerdict> legacy = EveryEarlierLayout();
    WriteLegacyDataDir(dir.db(), legacy);
    if (::testing::Test::HasFatalFailure()) return;
    {
      int batches = 0;
      core::WatchlistIndex index;
      auto stopped = Store::Open(
          {.path = dir.db(), .index = &index, .rekey_batch_keys = 2, .after_rekey_batch = [&] {
             return ++batches == stop_after ? absl::AbortedError("stopped midway")
                                            : absl::OkStatus();
           }});
      ASSERT_FALSE(stopped.ok());
      EXPECT_EQ(stopped.status().message(), "stopped midway");
    }
    {
      auto db = Database::Open(dir.db());
      ASSERT_TRUE(db.ok()) << db.status();
      // The flag of what was midway is not set; some keys moved, some not.
      EXPECT_EQ(HasMeta(**db, keys::kHoldKeysFolded), stop_after == 2);
      EXPECT_FALSE(HasMeta(**db, keys::kDecisionIndexFolded));
      EXPECT_TRUE(KeysOf(**db, (*db)->holds()).count(keys::HoldKey("DEMO-EXPRESS", "AB123456")));
      EXPECT_TRUE(KeysOf(**db, (*db)->holds()).count(keys::HeldWaybillKey("AB123456")));
      const std::set<std::string> index = KeysOf(**db, (*db)->decisions(), "hawb/");
      EXPECT_EQ(index.count(keys::WaybillIndexKey("784-12345678", "01D")),
                stop_after == 1 ? 1u : 0u);
      EXPECT_TRUE(index.count(keys::WaybillIndexKey("ab/123456", "01A")));
      if (stop_after == 1) {
        EXPECT_TRUE(KeysOf(**db, (*db)->holds()).count(keys::HoldKey("CARRIER-2", "78412345678")));
        EXPECT_FALSE(KeysOf(**db, (*db)->holds()).count(keys::HeldWaybillKey("78412345678")));
      }
    }
    core::WatchlistIndex index;
    auto store = Store::Open({.path = dir.db(), .index = &index, .rekey_batch_keys = 2});
    ASSERT_TRUE(store.ok()) << store.status();
    ExpectEveryEarlierLayoutReadsAsBefore(**store, legacy);
    store->reset();
    ExpectCurrentLayout(dir.db());
  }
}

// One carrier's hold on one waybill, kept by each earlier version under
// its own spelling of the carrier or the number: one current key, holding
// the latest verdict (ids sort by time: the one the lookups read first
// before), whichever batch each spelling falls in and wherever an open
// stops.
TEST(StoreRekeyTest, SpellingsOfOneHoldBecomeOneHoldingTheLatestVerdict) {
  const std::vector<LegacyVerdict> legacy = {
      // Both ids as sent, then the ASCII-only key, then session 13's.
      {Held("01A", "demo-express", "ab-1"), "ab-1", keys::HoldKey("demo-express", "ab-1")},
      {Held("01B", "Demo-Express", "ab 1", HoldStatus::kStillInPlace), "ab 1",
       keys::HoldKey("Demo-Express", AsciiOnlyHoldWaybillKey("ab 1"))},
      {Held("01C", "demo-express",
            "AB\u2013"
            "1",
            HoldStatus::kStillInPlace),
       "AB1", keys::HoldKey("DEMO-EXPRESS", "AB1")},
      // Only the two older ones.
      {Held("01D", "carrier-x", "cd-2"), "cd-2", keys::HoldKey("carrier-x", "cd-2")},
      {Held("01E", "carrier-x", "cd 2", HoldStatus::kStillInPlace), "cd 2",
       keys::HoldKey("carrier-x", AsciiOnlyHoldWaybillKey("cd 2"))},
  };
  for (size_t batch_keys : {1, 2, 5}) {
    for (int stop_after = 0; stop_after <= 3; ++stop_after) {
      SCOPED_TRACE(::testing::Message() << batch_keys << " " << stop_after);
      TempDir dir;
      ASSERT_FALSE(dir.path().empty());
      WriteLegacyDataDir(dir.db(), legacy);
      if (::testing::Test::HasFatalFailure()) return;
      if (stop_after > 0) {
        int batches = 0;
        core::WatchlistIndex index;
        // With big batches there may be no stop: the open then succeeds.
        auto stopped = Store::Open({.path = dir.db(),
                                    .index = &index,
                                    .rekey_batch_keys = batch_keys,
                                    .after_rekey_batch = [&] {
                                      return ++batches == stop_after
                                                 ? absl::AbortedError("stopped midway")
                                                 : absl::OkStatus();
                                    }});
      }
      core::WatchlistIndex index;
      auto store = Store::Open({.path = dir.db(), .index = &index, .rekey_batch_keys = batch_keys});
      ASSERT_TRUE(store.ok()) << store.status();
      for (const char* spelling : {"ab-1", "ab 1", "AB1",
                                   "AB\u2013"
                                   "1"}) {
        EXPECT_EQ(LatestHoldId(**store, "demo-express", spelling), "01C") << spelling;
        EXPECT_EQ(HoldIdsOn(**store, spelling), Ids{"01C"}) << spelling;
        EXPECT_EQ(Listed(**store, spelling), (Ids{"01A", "01B", "01C"})) << spelling;
      }
      for (const char* spelling : {"cd-2", "cd 2"}) {
        EXPECT_EQ(LatestHoldId(**store, "carrier-x", spelling), "01E") << spelling;
        EXPECT_EQ(HoldIdsOn(**store, spelling), Ids{"01E"}) << spelling;
      }
      store->reset();
      auto db = Database::Open(dir.db());
      ASSERT_TRUE(db.ok()) << db.status();
      EXPECT_EQ(
          KeysOf(**db, (*db)->holds()),
          (std::set<std::string>{keys::HoldKey("DEMO-EXPRESS", "AB1"), keys::HeldWaybillKey("AB1"),
                                 keys::HoldKey("CARRIER-X", "CD2"), keys::HeldWaybillKey("CD2")}));
    }
  }
}

// Every hold verdict marks its waybill (keys.h HeldWaybillKey), in the
// batch of the hold: HoldsOnWaybill of a waybill without the mark has no
// hold to find and reads nothing more.
TEST(StoreRekeyTest, AHoldMarksItsWaybillForParcelsThatNameNoCarrier) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  {
    core::WatchlistIndex index;
    auto store = Store::Open({.path = dir.db(), .index = &index});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Record(Held("01A", "carrier-a", "784-12345678")).ok());
    ASSERT_TRUE((*store)->Record(Held("01B", "carrier-b", "784 12345679", HoldStatus::kNone)).ok());
    EXPECT_EQ(HoldIdsOn(**store, "78412345678"), Ids{"01A"});
    EXPECT_EQ(HoldIdsOn(**store, "78412345679"), Ids{});
  }
  auto db = Database::Open(dir.db());
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(KeysOf(**db, (*db)->holds()),
            (std::set<std::string>{keys::HoldKey("CARRIER-A", "78412345678"),
                                   keys::HeldWaybillKey("78412345678")}));
}

}  // namespace
}  // namespace placi::storage
