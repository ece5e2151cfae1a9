// See lock_free_histogram.h.
#include "server/lock_free_histogram.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <thread>

namespace placi::server {
namespace {

// Threads take the shards in turn, the first time they observe anything, and
// keep theirs: two busy threads are on different shards unless more than
// kShards threads observe.
int ThisThreadsShard() {
  static std::atomic<unsigned> next_shard{0};
  thread_local const int shard = static_cast<int>(
      next_shard.fetch_add(1, std::memory_order_relaxed) % LockFreeHistogram::kShards);
  return shard;
}

// `sum` holds a double's bits. Relaxed: the count added after it publishes it.
void AddToSum(std::atomic<uint64_t>& sum, double value) {
  uint64_t old_bits = sum.load(std::memory_order_relaxed);
  while (!sum.compare_exchange_weak(
      old_bits, std::bit_cast<uint64_t>(std::bit_cast<double>(old_bits) + value),
      std::memory_order_relaxed)) {
  }
}

constexpr uint64_t kZeroBits = 0;  // std::bit_cast<uint64_t>(0.0)

}  // namespace

LockFreeHistogram::LockFreeHistogram(BucketBoundaries bounds)
    : bounds_(std::move(bounds)),
      // The start count, two sums, two halves of bucket counts.
      lines_per_shard_((3 + 2 * (bounds_.size() + 1) + 7) / 8),
      // Value-initialised: every count 0, every sum 0.0.
      lines_(std::make_unique<Line[]>(kShards * lines_per_shard_)) {}

void LockFreeHistogram::Observe(double value) {
  // The first bound >= value, as prometheus::Histogram finds it (a linear
  // scan: latencies sit in the first buckets; NaN finds none: +Inf).
  const size_t bucket =
      static_cast<size_t>(std::find_if(bounds_.begin(), bounds_.end(),
                                       [value](double bound) { return bound >= value; }) -
                          bounds_.begin());
  const int shard = ThisThreadsShard();
  // Acquire: a half that turns hot again was emptied by the scrape before it
  // turned it.
  const uint64_t started = Started(shard).fetch_add(1, std::memory_order_acquire);
  const int half = (started & kHotHalfBit) != 0 ? 1 : 0;
  AddToSum(SumBits(shard, half), value);
  // Release, and last: a scrape that sees this count sees the sum too, and
  // knows the observation is done.
  Count(shard, half, bucket).fetch_add(1, std::memory_order_release);
}

void LockFreeHistogram::CollectShard(int shard, std::vector<uint64_t>* counts, double* sum) const {
  // From here on, observations on this shard go to the other half.
  const uint64_t before = Started(shard).fetch_add(kHotHalfBit, std::memory_order_acq_rel);
  const uint64_t started = before & ~kHotHalfBit;
  const int cold = (before & kHotHalfBit) != 0 ? 1 : 0;
  const int hot = 1 - cold;
  // The cold half holds what earlier scrapes moved into it and what was
  // observed in it since: every observation started on this shard before
  // now, once those under way are done (their last step is their count).
  std::vector<uint64_t> cold_counts(buckets());
  for (;;) {
    uint64_t total = 0;
    for (size_t b = 0; b < buckets(); ++b) {
      cold_counts[b] = Count(shard, cold, b).load(std::memory_order_acquire);
      total += cold_counts[b];
    }
    if (total == started) break;
    std::this_thread::yield();  // an observer between its start and its count
  }
  const double cold_sum =
      std::bit_cast<double>(SumBits(shard, cold).load(std::memory_order_relaxed));
  // Move the cold half into the hot one, so that it counts everything when
  // the next scrape turns it cold; leave the cold half empty for its next
  // turn (the next scrape's acq_rel turn publishes the zeros).
  for (size_t b = 0; b < buckets(); ++b) {
    (*counts)[b] += cold_counts[b];
    if (cold_counts[b] != 0) {
      Count(shard, hot, b).fetch_add(cold_counts[b], std::memory_order_relaxed);
      Count(shard, cold, b).store(0, std::memory_order_relaxed);
    }
  }
  *sum += cold_sum;
  AddToSum(SumBits(shard, hot), cold_sum);
  SumBits(shard, cold).store(kZeroBits, std::memory_order_relaxed);
}

prometheus::ClientMetric LockFreeHistogram::Collect() const {
  std::vector<uint64_t> counts(buckets(), 0);
  double sum = 0;
  {
    absl::MutexLock lock(&collect_mu_);
    for (int shard = 0; shard < kShards; ++shard) CollectShard(shard, &counts, &sum);
  }
  prometheus::ClientMetric metric;
  metric.histogram.bucket.reserve(buckets());
  uint64_t cumulative = 0;
  for (size_t b = 0; b < buckets(); ++b) {
    cumulative += counts[b];
    metric.histogram.bucket.push_back(prometheus::ClientMetric::Bucket{
        .cumulative_count = cumulative,
        .upper_bound = b < bounds_.size() ? bounds_[b] : std::numeric_limits<double>::infinity()});
  }
  metric.histogram.sample_count = cumulative;
  metric.histogram.sample_sum = sum;
  return metric;
}

LockFreeHistogram& LockFreeHistogramFamily::Add(const prometheus::Labels& labels,
                                                const LockFreeHistogram::BucketBoundaries& bounds) {
  absl::MutexLock lock(&mu_);
  for (auto& [child_labels, child] : children_) {
    if (child_labels == labels) return *child;
  }
  children_.emplace_back(labels, std::make_unique<LockFreeHistogram>(bounds));
  return *children_.back().second;
}

std::vector<prometheus::MetricFamily> LockFreeHistogramFamily::Collect() const {
  absl::MutexLock lock(&mu_);
  if (children_.empty()) return {};
  prometheus::MetricFamily family;
  family.name = name_;
  family.help = help_;
  family.type = prometheus::MetricType::Histogram;
  family.metric.reserve(children_.size());
  for (const auto& [labels, child] : children_) {
    prometheus::ClientMetric metric = child->Collect();
    for (const auto& [name, value] : labels) {
      metric.label.push_back(prometheus::ClientMetric::Label{.name = name, .value = value});
    }
    family.metric.push_back(std::move(metric));
  }
  std::vector<prometheus::MetricFamily> families;
  families.push_back(std::move(family));
  return families;
}

}  // namespace placi::server
