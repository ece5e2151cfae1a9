// storage::CounterTable against a plain map: inserts, finds and erases
// (backward shift) with ids that crowd few home slots, the bucket
// operations, growth, and the sweep in steps.
#include "storage/counter_table.h"

#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "core/history_store.h"
#include "gtest/gtest.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using testing::kB;
using testing::kWidth;

using Buckets = std::map<int64_t, int64_t>;

Buckets BucketsOf(const CounterTable::Slot& slot) {
  if (!slot.spilled()) return {{slot.one.bucket, slot.one.count}};
  return Buckets(slot.many->begin(), slot.many->end());
}

TEST(CounterTableTest, MatchesAMapUnderRandomInsertsAddsAndErases) {
  CounterTable table;
  std::map<uint64_t, Buckets> want;
  std::mt19937_64 rng(42);
  // Ids whose low bits (the home slot) crowd the first and the last 64
  // slots of any capacity up to 2^16, so that long runs form, wrap around
  // the table's end and are cut by erases in the middle.
  const auto random_id = [&] {
    const uint64_t low = rng() % 2 == 0 ? rng() % 64 : 0xffff - rng() % 64;
    return (uint64_t{1} << 63) | ((rng() % 64) << 40) | low;
  };
  for (int step = 0; step < 200'000; ++step) {
    const uint64_t id = random_id();
    const int64_t bucket = kB + static_cast<int64_t>(rng() % 3);
    CounterTable::Slot* slot = table.Find(id);
    ASSERT_EQ(slot != nullptr, want.count(id) == 1) << step;
    switch (rng() % 3) {
      case 0:  // add
        if (slot == nullptr) {
          table.Insert(id, kWidth, bucket, 1);
          want[id][bucket] = 1;
        } else {
          EXPECT_EQ(CounterTable::Add(slot, bucket, 1), ++want[id][bucket]);
        }
        break;
      case 1:  // undo one
        if (slot != nullptr && want[id].count(bucket) == 1) {
          const bool empty = CounterTable::Undo(slot, bucket, 1);
          if (--want[id][bucket] == 0) want[id].erase(bucket);
          EXPECT_EQ(empty, want[id].empty());
          if (empty) {
            table.Erase(slot);
            want.erase(id);
          }
        }
        break;
      case 2:  // erase
        if (slot != nullptr) {
          table.Erase(slot);
          want.erase(id);
        }
        break;
    }
    ASSERT_EQ(table.size(), want.size());
  }
  for (const auto& [id, buckets] : want) {
    const CounterTable::Slot* slot = table.Find(id);
    ASSERT_NE(slot, nullptr) << id;
    EXPECT_EQ(BucketsOf(*slot), buckets) << id;
    EXPECT_EQ(CounterTable::Width(*slot), kWidth);
  }
}

TEST(CounterTableTest, BucketsStayAscendingAndPruneDropsTheOldOnes) {
  CounterTable table;
  CounterTable::Slot* slot = table.Insert(7, kWidth, kB, 1);
  EXPECT_EQ(CounterTable::Add(slot, kB - 5, 2), 2);  // spills, inserts in front
  EXPECT_EQ(CounterTable::Add(slot, kB + 1, 3), 3);
  EXPECT_EQ(CounterTable::Add(slot, kB + 2, 0), 0);  // a zero delta creates nothing
  EXPECT_EQ(BucketsOf(*slot), (Buckets{{kB - 5, 2}, {kB, 1}, {kB + 1, 3}}));
  EXPECT_EQ(CounterTable::Sum(*slot), 6);
  EXPECT_FALSE(CounterTable::Prune(slot, kB - 5 + core::kWindowBuckets));
  EXPECT_EQ(BucketsOf(*slot), (Buckets{{kB, 1}, {kB + 1, 3}}));
  EXPECT_TRUE(CounterTable::Prune(slot, kB + 1 + core::kWindowBuckets));
  CounterTable::Reset(slot, kB + 20, 4);
  EXPECT_EQ(BucketsOf(*slot), (Buckets{{kB + 20, 4}}));
  EXPECT_EQ(CounterTable::Width(*slot), kWidth);
}

TEST(CounterTableTest, GrowsKeepingEveryCounter) {
  CounterTable table;
  for (uint64_t id = 1; id <= 100'000; ++id) table.Insert(id * 0x9e3779b97f4a7c15 | 1, kWidth, kB, id);
  ASSERT_EQ(table.size(), 100'000u);
  for (uint64_t id = 1; id <= 100'000; id += 97) {
    const CounterTable::Slot* slot = table.Find(id * 0x9e3779b97f4a7c15 | 1);
    ASSERT_NE(slot, nullptr);
    EXPECT_EQ(CounterTable::Sum(*slot), static_cast<int64_t>(id));
  }
}

// Growing without the wait: a spare is wanted from 11/16 full, only for
// arrays big enough to matter, and the growth takes it (the table's slots
// are then the spare's) with every counter kept.
TEST(CounterTableTest, GrowthTakesTheSparePreparedForIt) {
  CounterTable table;
  table.Reserve(12'288);  // 16,384 slots: the next array is 1 MB
  const size_t capacity = table.capacity();
  ASSERT_EQ(capacity, 16'384u);
  uint64_t id = 0;
  const auto next_id = [&] { return ++id * 0x9e3779b97f4a7c15 | 1; };
  while (table.size() + 1 < capacity * 11 / 16) table.Insert(next_id(), kWidth, kB, 1);
  EXPECT_EQ(table.SpareWanted(), 0u);
  table.Insert(next_id(), kWidth, kB, 1);
  ASSERT_EQ(table.SpareWanted(), 2 * capacity);

  CounterTable::Spare wrong = CounterTable::PrepareSpare(4 * capacity);
  CounterTable::Spare back = table.AdoptSpare(std::move(wrong));
  EXPECT_EQ(back.capacity(), 4 * capacity);  // not the size wanted: handed back
  EXPECT_EQ(table.spare_capacity(), 0u);

  CounterTable::Spare spare = CounterTable::PrepareSpare(2 * capacity);
  const CounterTable::Slot* prepared = spare.slots();
  back = table.AdoptSpare(std::move(spare));
  EXPECT_EQ(back.capacity(), 0u);
  EXPECT_EQ(table.spare_capacity(), 2 * capacity);
  EXPECT_EQ(table.SpareWanted(), 0u);  // it has one

  while (table.capacity() == capacity) table.Insert(next_id(), kWidth, kB, 1);
  EXPECT_EQ(table.capacity(), 2 * capacity);
  EXPECT_EQ(table.slots(), prepared);
  EXPECT_EQ(table.spare_capacity(), 0u);
  for (uint64_t i = 1; i <= id; ++i) ASSERT_NE(table.Find(i * 0x9e3779b97f4a7c15 | 1), nullptr) << i;
}

TEST(CounterTableTest, SmallTablesWantNoSpare) {
  CounterTable table;
  for (uint64_t id = 1; id <= 3'000; ++id) {
    table.Insert(id * 0x9e3779b97f4a7c15 | 1, kWidth, kB, 1);
    // Up to 2,048 slots the next array is under 256 KB: its faults are cheap.
    if (table.capacity() <= 2'048) {
      ASSERT_EQ(table.SpareWanted(), 0u) << id;
    } else if (table.size() >= table.capacity() * 11 / 16) {
      ASSERT_EQ(table.SpareWanted(), 2 * table.capacity()) << id;
    }
  }
}

TEST(CounterTableTest, ExpiredIsPrunesRuleForTheBucketOfNow) {
  CounterTable table;
  const int64_t now = kB * kWidth + 17;
  CounterTable::Slot* old = table.Insert(3, kWidth, kB - core::kWindowBuckets, 1);
  CounterTable::Slot* fresh = table.Insert(5, kWidth, kB - core::kWindowBuckets + 1, 1);
  EXPECT_TRUE(CounterTable::Expired(*old, now));
  EXPECT_FALSE(CounterTable::Expired(*fresh, now));
  // A spilled counter is expired only when its newest bucket is.
  CounterTable::Add(old, kB - core::kWindowBuckets + 1, 1);
  EXPECT_FALSE(CounterTable::Expired(*old, now));
}

TEST(CounterTableTest, SweepStepsDropExactlyTheExpiredCounters) {
  CounterTable table;
  std::mt19937_64 rng(7);
  std::map<uint64_t, bool> expired;
  for (int i = 0; i < 50'000; ++i) {
    const uint64_t id = rng() | 1;
    const bool old = rng() % 2 == 0;
    table.Insert(id, kWidth, old ? kB - core::kWindowBuckets : kB, 1);
    expired[id] = old;
  }
  int steps = 1;
  while (!table.SweepStep(kB * kWidth, 128)) ++steps;
  EXPECT_GT(steps, 100);  // in steps, not at once
  size_t kept = 0;
  for (const auto& [id, old] : expired) {
    EXPECT_EQ(table.Find(id) == nullptr, old) << id;
    kept += !old;
  }
  EXPECT_EQ(table.size(), kept);
}

}  // namespace
}  // namespace placi::storage
