// How often the per-thread memos of repeated text (name tokens, goods
// descriptions' grams, goods descriptions' categories, listing URLs' grams,
// shippers' normalised forms and watchlist hits, sellers' name keys,
// whether address parts are given, how vague descriptions are)
// had what screening asked of them. The core's speed rests on them, and
// what they are worth depends on how much a carrier's stream repeats its
// names and listings, which only the live stream can tell: the server
// exports these counts (placi_text_cache_lookups_total) so that operators
// see it.
//
// Counting costs the looking-up thread a load and a store on a line of its
// own: no lock and no shared cache line on the per-parcel path. The totals
// are summed when asked (a scrape), over the live threads and those that
// ended.
//
//   CountTextCacheLookup(TextCache::kNameTokens, CacheResult::kHit);
//   TextCacheCounts totals = TextCacheTotals();
//   uint64_t hits = totals[Index(TextCache::kNameTokens)][Index(CacheResult::kHit)];
#ifndef PLACI_CORE_TEXT_CACHE_STATS_H_
#define PLACI_CORE_TEXT_CACHE_STATS_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace placi::core {

enum class TextCache {
  kNameTokens,        // a token of a party's name (NameMatcher)
  kDescriptionGrams,  // a goods description's terms (WatchlistIndex)
  kGoodsCategories,   // the goods categories a description names (goods rules)
  kListingGrams,      // a listing URL's terms, by its shape (WatchlistIndex)
  kPartyForms,        // a shipper's normalised forms (RecentParties)
  kPartyHits,         // what a shipper's lookups found (RecentPartyHits)
  kSellerForms,       // an e-commerce seller's name keys (RecentNameForms)
  kAddressParts,      // whether a city or other short address part is given (data_checks.cc)
  kVagueness,         // whether a goods description is vague, and why (data_checks.cc)
};
inline constexpr int kTextCacheCount = 9;

enum class CacheResult {
  kHit,        // the memo had it
  kMiss,       // read afresh, and filed (listing_grams: also a shape seen for
               // the first time, which is only noted, and one with more
               // grams than its memo may keep, which is refused;
               // party_forms, seller_forms: also a name seen for the
               // first time)
  kNotCached,  // read afresh, not filed: too long (the memos' size bounds),
               // or the memo is off (its size set to 0); party_forms: also
               // a party whose name the memo has for too many others
};
inline constexpr int kCacheResultCount = 3;

constexpr int Index(TextCache cache) { return static_cast<int>(cache); }
constexpr int Index(CacheResult result) { return static_cast<int>(result); }

// Label values for metrics: "name_tokens", "hit", ...
std::string_view TextCacheName(TextCache cache);
std::string_view CacheResultName(CacheResult result);

// Counts one lookup on the calling thread.
void CountTextCacheLookup(TextCache cache, CacheResult result);

// While one lives, the lookups of its thread are not counted. A shadow
// ruleset judges every parcel a second time on the same thread
// (Screener::JudgeInShadow), finding again what the live judgement just
// looked up: counting those would show a hit ratio the live stream does
// not have. Nestable.
class TextCacheCountingPaused {
 public:
  TextCacheCountingPaused();
  ~TextCacheCountingPaused();
  TextCacheCountingPaused(const TextCacheCountingPaused&) = delete;
  TextCacheCountingPaused& operator=(const TextCacheCountingPaused&) = delete;

 private:
  const bool was_paused_;
};

// [cache][result] lookups since the process started, over every thread.
using TextCacheCounts = std::array<std::array<uint64_t, kCacheResultCount>, kTextCacheCount>;
TextCacheCounts TextCacheTotals();

}  // namespace placi::core

#endif  // PLACI_CORE_TEXT_CACHE_STATS_H_
