// See text_cache_metrics.h.
#include "server/text_cache_metrics.h"

#include <string>
#include <utility>

#include "core/text_cache_stats.h"
#include "prometheus/client_metric.h"
#include "prometheus/metric_type.h"

namespace placi::server {

std::vector<prometheus::MetricFamily> TextCacheCollector::Collect() const {
  const core::TextCacheCounts totals = core::TextCacheTotals();
  prometheus::MetricFamily family;
  family.name = "placi_text_cache_lookups_total";
  family.help =
      "Lookups in the per-thread memos of repeated text (name tokens, goods descriptions, listing "
      "URLs by shape), by "
      "whether the memo had the text (hit), read and kept it (miss), or read it without keeping "
      "it (not_cached: too long, or the memo's size is 0).";
  family.type = prometheus::MetricType::Counter;
  // Every cache the core counts, by index, so that a new one is exported
  // without a change here.
  for (int c = 0; c < core::kTextCacheCount; ++c) {
    const auto cache = static_cast<core::TextCache>(c);
    for (core::CacheResult result :
         {core::CacheResult::kHit, core::CacheResult::kMiss, core::CacheResult::kNotCached}) {
      prometheus::ClientMetric metric;
      metric.label = {{"cache", std::string(core::TextCacheName(cache))},
                      {"result", std::string(core::CacheResultName(result))}};
      metric.counter.value =
          static_cast<double>(totals[core::Index(cache)][core::Index(result)]);
      family.metric.push_back(std::move(metric));
    }
  }
  return {std::move(family)};
}

}  // namespace placi::server
