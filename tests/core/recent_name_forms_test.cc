#include "core/recent_name_forms.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/normalize.h"
#include "core/text_cache_stats.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

struct Keys {
  std::string key;
  std::string glued;
};

Keys Fresh(std::string_view name) {
  Keys keys;
  std::string folded;
  NameFormsInto(name, &folded, &keys.key, &keys.glued);
  return keys;
}

// The keys `recent` gives for `name` over buffers holding another name's
// keys (as NormalizeParcel's per-thread buffers do), checked against
// normalising afresh.
Keys KeysThrough(RecentNameForms* recent, std::string_view name) {
  Keys keys{"stale key of an earlier parcel", "stale glued"};
  recent->KeysOf(name, &keys.key, &keys.glued);
  const Keys fresh = Fresh(name);
  EXPECT_EQ(keys.key, fresh.key) << name;
  EXPECT_EQ(keys.glued, fresh.glued) << name;
  return keys;
}

uint64_t SellerFormsCount(CacheResult result) {
  return TextCacheTotals()[Index(TextCache::kSellerForms)][Index(result)];
}

TEST(RecentNameFormsTest, ANameIsFiledTheSecondTimeAndGivenBackFromTheThird) {
  RecentNameForms recent(16);
  const std::string name = "Shenzhen Lucky Star Trading Co., Ltd.";
  const uint64_t hits = SellerFormsCount(CacheResult::kHit);
  const uint64_t misses = SellerFormsCount(CacheResult::kMiss);
  KeysThrough(&recent, name);
  EXPECT_EQ(recent.size(), 0u) << "seen once: not filed";
  KeysThrough(&recent, name);
  EXPECT_EQ(recent.size(), 1u);
  KeysThrough(&recent, name);
  KeysThrough(&recent, name);
  EXPECT_EQ(SellerFormsCount(CacheResult::kMiss) - misses, 2u);
  EXPECT_EQ(SellerFormsCount(CacheResult::kHit) - hits, 2u);
}

TEST(RecentNameFormsTest, NamesThatDifferInAnyByteHaveTheirOwnKeys) {
  RecentNameForms recent(64);
  const std::vector<std::string> names = {
      "Golden Harbour Electronics", "Golden Harbour Electronics ", "golden harbour electronics",
      "Golden Harbor Electronics",  "GOLDEN-HARBOUR ELECTRONICS",  "Golden Harbour Electronics GmbH",
      "Müller Versand",             "Mueller Versand",              "",
      "   ",                        "李明贸易有限公司",             "Ltd."};
  for (int round = 0; round < 3; ++round) {
    for (const std::string& name : names) KeysThrough(&recent, name);
  }
  EXPECT_GT(recent.size(), 0u);
}

TEST(RecentNameFormsTest, AFullMemoStartsAfreshAndStillGivesTheRightKeys) {
  RecentNameForms recent(4);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 10; ++i) KeysThrough(&recent, absl::StrCat("Seller Number ", i, " Ltd"));
    EXPECT_LE(recent.size(), 4u);
  }
}

TEST(RecentNameFormsTest, AMemoOfNoRoomKeepsNothing) {
  RecentNameForms recent(0);
  const uint64_t not_cached = SellerFormsCount(CacheResult::kNotCached);
  for (int i = 0; i < 3; ++i) KeysThrough(&recent, "Kestrel Aviation Parts Trading");
  EXPECT_EQ(recent.size(), 0u);
  EXPECT_EQ(SellerFormsCount(CacheResult::kNotCached) - not_cached, 3u);
}

TEST(RecentNameFormsTest, NoNameIsNoLookup) {
  RecentNameForms recent(16);
  const TextCacheCounts before = TextCacheTotals();
  for (int i = 0; i < 3; ++i) KeysThrough(&recent, "");
  const TextCacheCounts after = TextCacheTotals();
  EXPECT_EQ(after[Index(TextCache::kSellerForms)], before[Index(TextCache::kSellerForms)]);
  EXPECT_EQ(recent.size(), 0u);
}

TEST(RecentNameFormsTest, ALongNameIsNotKept) {
  RecentNameForms recent(16);
  const std::string name = std::string(300, 'a') + " Trading Ltd";
  for (int i = 0; i < 3; ++i) KeysThrough(&recent, name);
  EXPECT_EQ(recent.size(), 0u);
}

}  // namespace
}  // namespace placi::core
