#include "core/recent_keys.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/key_hash.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(RecentKeysTest, FindsWhatWasFiledAndNothingElse) {
  RecentKeys keys;
  EXPECT_EQ(keys.Find("muller"), RecentKeys::kNone);  // before the first Add
  EXPECT_TRUE(keys.Add("muller", 7));
  EXPECT_TRUE(keys.Add("", 8));  // a folded description may be empty
  EXPECT_EQ(keys.Find("muller"), 7u);
  EXPECT_EQ(keys.Find(""), 8u);
  EXPECT_EQ(keys.Find("mulle"), RecentKeys::kNone);
  EXPECT_EQ(keys.Find("mullers"), RecentKeys::kNone);
  EXPECT_FALSE(keys.Add("muller", 9));  // filed already: the first value stays
  EXPECT_EQ(keys.Find("muller"), 7u);
  EXPECT_EQ(keys.size(), 2u);
}

// Keys that differ in one byte only, past the first 16, and enough of them
// to grow the table several times: each still finds its own value.
TEST(RecentKeysTest, KeepsManyLongKeysApartAcrossGrowth) {
  RecentKeys keys;
  const std::string stem = "wireless bluetooth earbuds with charging case ";
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_TRUE(keys.Add(absl::StrCat(stem, i), i));
  EXPECT_EQ(keys.size(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(keys.Find(absl::StrCat(stem, i)), i);
  EXPECT_EQ(keys.Find(absl::StrCat(stem, 5000)), RecentKeys::kNone);
}

// Two keys whose hashes under one seed agree in the tag (high half) and in
// the first slot of the first table (64 slots): only the comparison of
// their bytes, past byte 46, tells them apart. Random keys never reach that comparison with
// another key's slot, so without such a pair a lookup that compared less
// (a prefix, or the size only) would pass every other test.
TEST(RecentKeysTest, KeysWhoseTagsAndSlotsCollideStayApart) {
  const std::string stem = "wireless bluetooth earbuds with charging case ";
  const std::string first = stem + "0120080";
  const std::string second = stem + "3954515";
  // Found by hashing stem + 0000000..4194303 under kSeed as RecentKeys does;
  // if the first table's size changes, find a new pair the same way.
  constexpr uint64_t kSeed = 0x4b455953;
  const uint64_t a = KeyBytesHash(first, kSeed);
  const uint64_t b = KeyBytesHash(second, kSeed);
  ASSERT_EQ(a >> 32, b >> 32);
  ASSERT_EQ(a & 63, b & 63);

  RecentKeys keys(kSeed);
  ASSERT_TRUE(keys.Add(first, 1));
  EXPECT_EQ(keys.Find(second), RecentKeys::kNone);
  EXPECT_TRUE(keys.Add(second, 2));
  EXPECT_EQ(keys.Find(first), 1u);
  EXPECT_EQ(keys.Find(second), 2u);
  EXPECT_FALSE(keys.Add(second, 3));
  EXPECT_EQ(keys.size(), 2u);
}

TEST(RecentKeysTest, ClearForgetsEverythingAndFilesAgain) {
  RecentKeys keys;
  for (uint32_t i = 0; i < 100; ++i) keys.Add(absl::StrCat("token", i), i);
  keys.Clear();
  EXPECT_EQ(keys.size(), 0u);
  for (uint32_t i = 0; i < 100; ++i) {
    EXPECT_EQ(keys.Find(absl::StrCat("token", i)), RecentKeys::kNone);
  }
  EXPECT_TRUE(keys.Add("token5", 1));
  EXPECT_EQ(keys.Find("token5"), 1u);
}

}  // namespace
}  // namespace placi::core
