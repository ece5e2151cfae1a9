#include "core/recent_keys.h"

#include <string>

#include "absl/strings/str_cat.h"
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
