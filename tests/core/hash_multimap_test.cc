#include "core/hash_multimap.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

std::vector<uint32_t> ValuesOf(const HashMultimap& map, uint64_t key) {
  std::vector<uint32_t> values;
  map.ForEach(key, [&](uint32_t v) { values.push_back(v); });
  std::sort(values.begin(), values.end());
  return values;
}

TEST(HashMultimapTest, KeepsEveryValueOfAKeyAndErasesOneCopy) {
  HashMultimap map;
  EXPECT_THAT(ValuesOf(map, 5), ::testing::IsEmpty());
  map.Insert(5, 1);
  map.Insert(5, 2);
  map.Insert(5, 2);
  map.Insert(0, 9);  // key 0 is legal
  EXPECT_THAT(ValuesOf(map, 5), ::testing::ElementsAre(1, 2, 2));
  EXPECT_THAT(ValuesOf(map, 0), ::testing::ElementsAre(9));
  EXPECT_TRUE(map.Erase(5, 2));
  EXPECT_THAT(ValuesOf(map, 5), ::testing::ElementsAre(1, 2));
  EXPECT_FALSE(map.Erase(5, 7));
  EXPECT_FALSE(map.Erase(6, 1));
  EXPECT_EQ(map.size(), 3u);
}

TEST(HashMultimapTest, InsertAllFilesTheValueUnderEveryKey) {
  HashMultimap map;
  map.Insert(3, 1);
  const std::vector<uint64_t> keys = {3, 4, 4, 0};
  map.InsertAll(keys, 7);
  EXPECT_THAT(ValuesOf(map, 3), ::testing::ElementsAre(1, 7));
  EXPECT_THAT(ValuesOf(map, 4), ::testing::ElementsAre(7, 7));
  EXPECT_THAT(ValuesOf(map, 0), ::testing::ElementsAre(7));
  EXPECT_EQ(map.size(), 5u);
}

TEST(HashMultimapTest, ThirtyTwoBitKeysKeepTheirValues) {
  HashMultimap32 map;
  for (uint32_t i = 0; i < 5000; ++i) map.Insert(i * 2654435761u, i);
  map.Insert(0, 7);  // filed as 1, like the 64-bit map
  EXPECT_EQ(map.size(), 5001u);
  EXPECT_TRUE(map.Erase(2654435761u, 1));
  EXPECT_FALSE(map.Erase(2654435761u, 1));
  std::vector<uint32_t> values;
  map.ForEach(2 * 2654435761u, [&](uint32_t v) { values.push_back(v); });
  EXPECT_THAT(values, ::testing::ElementsAre(2));
  EXPECT_EQ(map.MemoryBytes() % 8, 0u);
}

// Reserve grows once to room for that many pairs, and never shrinks.
TEST(HashMultimapTest, ReserveMakesRoomOnce) {
  HashMultimap map;
  map.Reserve(1000);
  const size_t reserved = map.MemoryBytes();
  EXPECT_GE(reserved, 1000 * 4 / 3 * 12);
  for (uint32_t i = 0; i < 1000; ++i) map.Insert(i * 7919, i);
  EXPECT_EQ(map.MemoryBytes(), reserved);
  map.Reserve(10);
  EXPECT_EQ(map.MemoryBytes(), reserved);
  for (uint32_t i = 0; i < 1000; ++i)
    EXPECT_THAT(ValuesOf(map, i * 7919), ::testing::ElementsAre(i));
}

// Against std::multimap under random inserts and erases with many colliding
// probe runs (few distinct keys, growth, backward-shift deletion).
TEST(HashMultimapTest, AgreesWithStdMultimapUnderChurn) {
  HashMultimap map;
  std::multimap<uint64_t, uint32_t> expected;
  std::mt19937_64 rng(7);
  for (int step = 0; step < 50'000; ++step) {
    const uint64_t key = 2 + rng() % 700;  // 0 and 1 share a stored key (see the header)
    const uint32_t value = static_cast<uint32_t>(rng() % 5);
    if (rng() % 3 == 0) {
      auto [lo, hi] = expected.equal_range(key);
      auto it = std::find_if(lo, hi, [&](const auto& kv) { return kv.second == value; });
      const bool present = it != hi;
      if (present) expected.erase(it);
      ASSERT_EQ(map.Erase(key, value), present) << step;
    } else {
      map.Insert(key, value);
      expected.emplace(key, value);
    }
  }
  ASSERT_EQ(map.size(), expected.size());
  for (uint64_t key = 2; key < 702; ++key) {
    std::vector<uint32_t> want;
    auto [lo, hi] = expected.equal_range(key);
    for (auto it = lo; it != hi; ++it) want.push_back(it->second);
    std::sort(want.begin(), want.end());
    EXPECT_EQ(ValuesOf(map, key), want) << key;
  }
}

// ForEachPair lists every pair once, also in a map big enough for its
// arrays to come from the huge-page allocator (2 MiB and more).
TEST(HashMultimapTest, ForEachPairListsEveryPairOfABigMap) {
  HashMultimap map;
  std::vector<std::pair<uint64_t, uint32_t>> expected;
  std::mt19937_64 rng(3);
  for (uint32_t i = 0; i < 300'000; ++i) {
    const uint64_t key = (rng() | 2) & ~uint64_t{1};  // never 0 or 1 (stored as 1)
    map.Insert(key, i);
    expected.emplace_back(key, i);
    if (i % 7 == 0) map.Prefetch(key);  // a hint only: changes nothing
  }
  ASSERT_GE(map.MemoryBytes(), size_t{2} << 20);
  std::vector<std::pair<uint64_t, uint32_t>> listed;
  map.ForEachPair([&](uint64_t key, uint32_t value) { listed.emplace_back(key, value); });
  std::sort(listed.begin(), listed.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(listed, expected);
  EXPECT_THAT(ValuesOf(map, expected[5].first), ::testing::Contains(expected[5].second));
}

}  // namespace
}  // namespace placi::core
