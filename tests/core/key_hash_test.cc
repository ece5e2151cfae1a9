#include "core/key_hash.h"

#include <cstdint>
#include <string>
#include <unordered_set>

#include "gtest/gtest.h"

namespace placi::core {
namespace {

// The hash reads exactly the bytes it is given, at every length the code
// treats apart (0, 1-3, 4-16, longer): a view into a longer buffer hashes
// as a copy of its bytes.
TEST(KeyHashTest, DependsOnlyOnTheBytesViewed) {
  const std::string text = "shenzhen karozenvo electronics trading company limited";
  for (size_t size = 0; size <= 40; ++size) {
    const std::string copy = text.substr(3, size);
    EXPECT_EQ(KeyBytesHash(std::string_view(text).substr(3, size), 5), KeyBytesHash(copy, 5))
        << size;
  }
}

// Keys that differ in one byte, in their length, or only in the seed (the
// kind of key) give different hashes: 100,000 short keys, no collision.
TEST(KeyHashTest, ShortKeysAndSeedsDoNotCollide) {
  std::unordered_set<uint64_t> seen;
  size_t keys = 0;
  for (int i = 0; i < 50'000; ++i) {
    const std::string key = "k" + std::to_string(i);
    for (uint64_t seed : {0u, 1u}) {
      seen.insert(KeyBytesHash(key, seed));
      ++keys;
    }
  }
  EXPECT_EQ(seen.size(), keys);
  EXPECT_NE(KeyBytesHash("", 0), KeyBytesHash("", 1));
  EXPECT_NE(KeyBytesHash("ab", 0), KeyBytesHash("ab ", 0));
}

}  // namespace
}  // namespace placi::core
