// The core's text memos as a Prometheus counter, read at scrape time:
//   placi_text_cache_lookups_total{cache, result}
//     cache:  name_tokens | description_grams | goods_categories
//     result: hit | miss | not_cached (too long to keep, or the memo has size 0)
// The hit ratio tells whether a carrier's stream repeats its names and
// listings enough for the memos to pay (README, Performance; core/
// text_cache_stats.h).
//
//   exposer->RegisterCollectable(std::make_shared<TextCacheCollector>());
#ifndef PLACI_SERVER_TEXT_CACHE_METRICS_H_
#define PLACI_SERVER_TEXT_CACHE_METRICS_H_

#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace placi::server {

class TextCacheCollector : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_TEXT_CACHE_METRICS_H_
