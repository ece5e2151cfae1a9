#include "core/text_cache_stats.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "core/goods_rules.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

uint64_t Count(const TextCacheCounts& counts, TextCache cache, CacheResult result) {
  return counts[Index(cache)][Index(result)];
}

// Counts since `before`, of one cache.
struct Delta {
  uint64_t hit, miss, not_cached;
};
Delta Since(const TextCacheCounts& before, TextCache cache) {
  const TextCacheCounts now = TextCacheTotals();
  return {Count(now, cache, CacheResult::kHit) - Count(before, cache, CacheResult::kHit),
          Count(now, cache, CacheResult::kMiss) - Count(before, cache, CacheResult::kMiss),
          Count(now, cache, CacheResult::kNotCached) - Count(before, cache, CacheResult::kNotCached)};
}

TEST(TextCacheStatsTest, TotalsAddThisThreadALiveThreadAndAThreadThatEnded) {
  const TextCacheCounts before = TextCacheTotals();
  CountTextCacheLookup(TextCache::kNameTokens, CacheResult::kHit);
  CountTextCacheLookup(TextCache::kNameTokens, CacheResult::kHit);
  std::thread ended([] {
    for (int i = 0; i < 3; ++i) CountTextCacheLookup(TextCache::kNameTokens, CacheResult::kMiss);
  });
  ended.join();
  absl::Notification counted, read;
  std::thread live([&] {
    CountTextCacheLookup(TextCache::kNameTokens, CacheResult::kNotCached);
    counted.Notify();
    read.WaitForNotification();  // still running while the totals are read
  });
  counted.WaitForNotification();
  const Delta names = Since(before, TextCache::kNameTokens);
  read.Notify();
  live.join();
  EXPECT_EQ(names.hit, 2u);
  EXPECT_EQ(names.miss, 3u);
  EXPECT_EQ(names.not_cached, 1u);
  // The live thread's count stays once it ended.
  EXPECT_EQ(Since(before, TextCache::kNameTokens).not_cached, 1u);
  // Other caches untouched.
  const Delta grams = Since(before, TextCache::kDescriptionGrams);
  EXPECT_EQ(grams.hit + grams.miss + grams.not_cached, 0u);
}

// The goods rules' memo of descriptions, through its public door: a new
// description misses, the same one again hits, and one too long to keep is
// read without being kept.
TEST(TextCacheStatsTest, GoodsRulesCountTheirDescriptions) {
  const ScreeningConfig& config = ScreeningConfig::Default();
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items.resize(1);
  parcel.items[0].description = "ceramic mugs with a unicorn print for text cache stats test";
  std::vector<Reason> reasons;

  TextCacheCounts before = TextCacheTotals();
  AddGoodsIndicators(parcel, config, &reasons);
  Delta first = Since(before, TextCache::kGoodsCategories);
  EXPECT_EQ(first.miss, 1u);
  EXPECT_EQ(first.hit, 0u);

  before = TextCacheTotals();
  AddGoodsIndicators(parcel, config, &reasons);
  Delta again = Since(before, TextCache::kGoodsCategories);
  EXPECT_EQ(again.hit, 1u);
  EXPECT_EQ(again.miss, 0u);

  parcel.items[0].description = std::string(300, 'a') + " mugs";
  before = TextCacheTotals();
  AddGoodsIndicators(parcel, config, &reasons);
  AddGoodsIndicators(parcel, config, &reasons);
  Delta long_text = Since(before, TextCache::kGoodsCategories);
  EXPECT_EQ(long_text.not_cached, 2u);
  EXPECT_EQ(long_text.hit + long_text.miss, 0u);
}

// With its size set to 0 the goods memo keeps nothing: every description is
// read afresh and counted not_cached.
TEST(TextCacheStatsTest, GoodsMemoOfSizeZeroKeepsNothing) {
  SetGoodsDescriptionMemoSize(0);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items.resize(1);
  parcel.items[0].description = "enamel pins of a lighthouse for the memo size zero test";
  std::vector<Reason> reasons;
  const TextCacheCounts before = TextCacheTotals();
  AddGoodsIndicators(parcel, ScreeningConfig::Default(), &reasons);
  AddGoodsIndicators(parcel, ScreeningConfig::Default(), &reasons);
  const Delta off = Since(before, TextCache::kGoodsCategories);
  SetGoodsDescriptionMemoSize(kDefaultGoodsDescriptionMemo);
  EXPECT_EQ(off.not_cached, 2u);
  EXPECT_EQ(off.hit + off.miss, 0u);
}

// A name token counts as a hit only when its kept lookup is used. The
// parcel's three names are prepared before any is matched, and matching one
// may fill the memo and empty it, so that a token found at preparation is
// looked up afresh after all. Here the memo keeps 2 tokens and the parcel
// brings 4 (two names of two), so each name's tokens empty the memo that
// held the other's: it never serves a lookup, and no parcel counts a hit.
TEST(TextCacheStatsTest, NameTokensEmptiedBeforeUseAreNotHits) {
  WatchlistIndex::Options options;
  options.names.cached_tokens = 2;
  options.cached_parties = 0;  // a shipper's kept hits would skip its tokens
  WatchlistIndex index(options);
  index.Upsert({WatchlistEntry{"wl", EntryKind::kPartyName, "Zulu Yankee",
                               Referral::kRequestForScreening, 50, "test", ""}},
               1);
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignor.name = "Alpha Bravo";
  parcel.consignee.name = "Charlie Delta";
  parcel.ecommerce.seller_name.clear();
  std::vector<WatchlistHit> hits;
  index.Match(parcel, &hits);  // the first parcel: every token misses
  const TextCacheCounts before = TextCacheTotals();
  for (int i = 0; i < 3; ++i) index.Match(parcel, &hits);
  const Delta names = Since(before, TextCache::kNameTokens);
  EXPECT_EQ(names.hit, 0u);
  EXPECT_EQ(names.miss, 12u);
}

// The listing URLs' memo counts a lookup per reading of a URL: the first
// two URLs of a shape miss (a shape is kept the second time it is seen),
// the same shape with other numbers then hits, and a reading too long to
// keep is read without being kept.
TEST(TextCacheStatsTest, ListingShapesCountEachReading) {
  WatchlistIndex index;
  index.Upsert({WatchlistEntry{"wl", EntryKind::kBrandTerm, "Zorblax",
                               Referral::kRequestForScreening, 50, "test", ""}},
               1);
  Consignment parcel = placi::testing::CleanParcel();
  std::vector<WatchlistHit> hits;
  const auto listing = [&](const std::string& url) {
    parcel.ecommerce.listing_url = url;
    const TextCacheCounts before = TextCacheTotals();
    index.Match(parcel, &hits);
    return Since(before, TextCache::kListingGrams);
  };
  const Delta first = listing("https://shop.example.com/item/4410872/stats-test-mugs");
  EXPECT_EQ(first.miss, 1u);
  EXPECT_EQ(first.hit + first.not_cached, 0u);
  const Delta second = listing("https://shop.example.com/item/5512983/stats-test-mugs");
  EXPECT_EQ(second.miss, 1u);
  EXPECT_EQ(second.hit + second.not_cached, 0u);
  const Delta other_number = listing("https://shop.example.com/item/9038826/stats-test-mugs");
  EXPECT_EQ(other_number.hit, 1u);
  EXPECT_EQ(other_number.miss + other_number.not_cached, 0u);
  // "b1ue" is read with "1" as "i" and as "l": two readings, two shapes.
  const Delta two_readings = listing("https://shop.example.com/item/4410872/b1ue-stats-mugs");
  EXPECT_EQ(two_readings.miss, 2u);
  const Delta long_url = listing("https://shop.example.com/" + std::string(300, 'a'));
  EXPECT_EQ(long_url.not_cached, 1u);
  EXPECT_EQ(long_url.hit + long_url.miss, 0u);
}

TEST(TextCacheStatsTest, NothingIsCountedWhilePaused) {
  const TextCacheCounts before = TextCacheTotals();
  {
    const TextCacheCountingPaused paused;
    CountTextCacheLookup(TextCache::kDescriptionGrams, CacheResult::kHit);
    {
      const TextCacheCountingPaused nested;
      CountTextCacheLookup(TextCache::kDescriptionGrams, CacheResult::kHit);
    }
    CountTextCacheLookup(TextCache::kDescriptionGrams, CacheResult::kHit);  // still paused
  }
  CountTextCacheLookup(TextCache::kDescriptionGrams, CacheResult::kMiss);
  const Delta grams = Since(before, TextCache::kDescriptionGrams);
  EXPECT_EQ(grams.hit, 0u);
  EXPECT_EQ(grams.miss, 1u);
}

TEST(TextCacheStatsTest, LabelNames) {
  EXPECT_EQ(TextCacheName(TextCache::kNameTokens), "name_tokens");
  EXPECT_EQ(TextCacheName(TextCache::kDescriptionGrams), "description_grams");
  EXPECT_EQ(TextCacheName(TextCache::kGoodsCategories), "goods_categories");
  EXPECT_EQ(TextCacheName(TextCache::kListingGrams), "listing_grams");
  EXPECT_EQ(TextCacheName(TextCache::kPartyForms), "party_forms");
  EXPECT_EQ(TextCacheName(TextCache::kPartyHits), "party_hits");
  EXPECT_EQ(TextCacheName(TextCache::kSellerForms), "seller_forms");
  EXPECT_EQ(TextCacheName(TextCache::kAddressParts), "address_parts");
  EXPECT_EQ(TextCacheName(TextCache::kVagueness), "vagueness");
  EXPECT_EQ(CacheResultName(CacheResult::kHit), "hit");
  EXPECT_EQ(CacheResultName(CacheResult::kMiss), "miss");
  EXPECT_EQ(CacheResultName(CacheResult::kNotCached), "not_cached");
}

}  // namespace
}  // namespace placi::core
