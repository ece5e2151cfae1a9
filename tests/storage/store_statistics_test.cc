// Store::Statistics(): RocksDB's numbers for the server's metrics, read
// without changing anything.
#include <memory>
#include <string>
#include <vector>

#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::EntryKind;
using testing::Entry;
using testing::SampleVerdict;
using testing::TempDir;

std::unique_ptr<Store> OpenStore(const TempDir& dir, core::WatchlistIndex* index) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open({.path = dir.db(), .index = index});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

TEST(StoreStatisticsTest, FreshStoreHasMemtablesACacheAndNoStalls) {
  TempDir dir;
  core::WatchlistIndex index;
  std::unique_ptr<Store> store = OpenStore(dir, &index);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Record(SampleVerdict("01DEC", "HAWB-S-1")).ok());

  StorageStatistics stats = store->Statistics();
  EXPECT_GT(stats.memtable_bytes, 0u);
  EXPECT_GT(stats.block_cache_capacity_bytes, 0u);
  EXPECT_LE(stats.block_cache_usage_bytes, stats.block_cache_capacity_bytes);
  EXPECT_FALSE(stats.write_stopped);
  EXPECT_EQ(stats.write_stall_micros, 0u);
  EXPECT_EQ(stats.pending_compaction_bytes, 0u);
}

TEST(StoreStatisticsTest, ReadsFromSstFilesCountBlockCacheMissesAndHits) {
  TempDir dir;
  {
    core::WatchlistIndex index;
    std::unique_ptr<Store> store = OpenStore(dir, &index);
    ASSERT_NE(store, nullptr);
    std::vector<core::WatchlistEntry> entries;
    for (int i = 0; i < 100; ++i) {
      entries.push_back(Entry("wl-" + std::to_string(i), EntryKind::kEmail,
                              "user" + std::to_string(i) + "@example.com"));
    }
    ASSERT_TRUE(store->Apply(WatchlistUpsert{entries}).ok());
  }
  // Reopened, the recovered writes are flushed to an SST file: reads now go
  // through the block cache.
  core::WatchlistIndex index;
  std::unique_ptr<Store> store = OpenStore(dir, &index);
  ASSERT_NE(store, nullptr);
  const StorageStatistics before = store->Statistics();
  EXPECT_GT(before.live_sst_files_bytes, 0u);
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 100; i += 10) {
      ASSERT_TRUE(store->GetEntry("wl-" + std::to_string(i)).ok());
    }
  }
  const StorageStatistics after = store->Statistics();
  // Open read the SST file to load the watchlist (misses, blocks now
  // cached); the lookups find the same blocks in the cache (hits).
  EXPECT_GT(before.block_cache_misses, 0u);
  EXPECT_GE(after.block_cache_misses, before.block_cache_misses);
  EXPECT_GT(after.block_cache_hits, before.block_cache_hits);
  EXPECT_GT(after.block_cache_usage_bytes, 0u);
}

// CompactAll (for tools that bulk-load a data dir) writes what the
// memtables held to SST files and loses nothing.
TEST(StoreStatisticsTest, CompactAllMovesEverythingToSstFilesAndKeepsIt) {
  TempDir dir;
  core::WatchlistIndex index;
  std::unique_ptr<Store> store = OpenStore(dir, &index);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(
      store->Apply(WatchlistUpsert{{Entry("wl-1", EntryKind::kEmail, "a@example.com")}}).ok());
  ASSERT_TRUE(store->Record(SampleVerdict("01COMPACT", "HAWB-C-1")).ok());
  EXPECT_EQ(store->Statistics().live_sst_files_bytes, 0u);  // all in memtables

  ASSERT_TRUE(store->CompactAll().ok());

  EXPECT_GT(store->Statistics().live_sst_files_bytes, 0u);
  EXPECT_EQ(store->Statistics().pending_compaction_bytes, 0u);
  EXPECT_TRUE(store->GetEntry("wl-1").ok());
  absl::StatusOr<core::Verdict> decision = store->GetDecision("01COMPACT");
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_EQ(decision->house_waybill, "HAWB-C-1");
}

}  // namespace
}  // namespace placi::storage
