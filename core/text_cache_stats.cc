// Per-thread lookup counts of the text memos; see text_cache_stats.h.
#include "core/text_cache_stats.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace placi::core {
namespace {

struct ThreadCounts;

// Every thread's counts, and what threads that ended had counted.
struct Registry {
  absl::Mutex mu;
  std::vector<const ThreadCounts*> live ABSL_GUARDED_BY(mu);
  TextCacheCounts ended ABSL_GUARDED_BY(mu) = {};
};

Registry& TheRegistry() {
  static Registry* const registry = new Registry;  // outlives every thread
  return *registry;
}

// One thread's counts. Only that thread writes them, so an increment is a
// relaxed load and store (no locked instruction); atomics so that
// TextCacheTotals may read them from another thread meanwhile.
struct ThreadCounts {
  std::atomic<uint64_t> counts[kTextCacheCount][kCacheResultCount] = {};
  bool paused = false;  // TextCacheCountingPaused; its thread's only

  ThreadCounts() {
    Registry& registry = TheRegistry();
    absl::MutexLock lock(&registry.mu);
    registry.live.push_back(this);
  }
  ~ThreadCounts() {
    Registry& registry = TheRegistry();
    absl::MutexLock lock(&registry.mu);
    AddTo(&registry.ended);
    registry.live.erase(std::find(registry.live.begin(), registry.live.end(), this));
  }
  void AddTo(TextCacheCounts* totals) const {
    for (int c = 0; c < kTextCacheCount; ++c) {
      for (int r = 0; r < kCacheResultCount; ++r) {
        (*totals)[c][r] += counts[c][r].load(std::memory_order_relaxed);
      }
    }
  }
};

thread_local ThreadCounts thread_counts;

}  // namespace

std::string_view TextCacheName(TextCache cache) {
  switch (cache) {
    case TextCache::kNameTokens:
      return "name_tokens";
    case TextCache::kDescriptionGrams:
      return "description_grams";
    case TextCache::kGoodsCategories:
      return "goods_categories";
    case TextCache::kListingGrams:
      return "listing_grams";
    case TextCache::kPartyForms:
      return "party_forms";
    case TextCache::kPartyHits:
      return "party_hits";
    case TextCache::kSellerForms:
      return "seller_forms";
    case TextCache::kAddressParts:
      return "address_parts";
    case TextCache::kVagueness:
      return "vagueness";
  }
  return "unknown";
}

std::string_view CacheResultName(CacheResult result) {
  switch (result) {
    case CacheResult::kHit:
      return "hit";
    case CacheResult::kMiss:
      return "miss";
    case CacheResult::kNotCached:
      return "not_cached";
  }
  return "unknown";
}

TextCacheCountingPaused::TextCacheCountingPaused() : was_paused_(thread_counts.paused) {
  thread_counts.paused = true;
}

TextCacheCountingPaused::~TextCacheCountingPaused() { thread_counts.paused = was_paused_; }

void CountTextCacheLookup(TextCache cache, CacheResult result) {
  if (thread_counts.paused) return;
  std::atomic<uint64_t>& count = thread_counts.counts[Index(cache)][Index(result)];
  count.store(count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

TextCacheCounts TextCacheTotals() {
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mu);
  TextCacheCounts totals = registry.ended;
  for (const ThreadCounts* counts : registry.live) counts->AddTo(&totals);
  return totals;
}

}  // namespace placi::core
