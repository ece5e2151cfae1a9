// A Prometheus histogram whose Observe takes no lock, for the per-parcel
// path, and the family that exposes such histograms through prometheus-cpp
// (a prometheus::Collectable) with the text a prometheus::Histogram gives.
//
// prometheus-cpp 1.0's Histogram::Observe locks a mutex shared by every
// thread that observes the series, then changes two double counters by
// compare-and-swap under it: two screening threads on two cores take turns
// for the mutex and pass its cache lines back and forth. Here a thread adds
// to one of a few shards (each on cache lines of its own) with atomic adds,
// and a scrape sums the shards.
//
// A scrape is consistent: every observation it counts is in its bucket, in
// _sum and in _count (_count is the +Inf bucket), never in one and not yet in
// another. As in the Go client, each shard keeps two halves: observers add to
// the hot one; a scrape makes the other hot, waits for the few observations
// still landing in the old one (a handful of instructions each), reads it and
// moves it into the new hot half.
//
//   auto family = std::make_shared<LockFreeHistogramFamily>(
//       "placi_screen_duration_seconds", "Core screening time of one parcel.");
//   LockFreeHistogram& histogram = family->Add({}, {25e-6, 50e-6, 1e-3});
//   histogram.Observe(42e-6);               // any thread, no lock
//   exposer->RegisterCollectable(family);   // a weak_ptr: keep `family`
#ifndef PLACI_SERVER_LOCK_FREE_HISTOGRAM_H_
#define PLACI_SERVER_LOCK_FREE_HISTOGRAM_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/client_metric.h"
#include "prometheus/collectable.h"
#include "prometheus/histogram.h"
#include "prometheus/labels.h"
#include "prometheus/metric_family.h"

namespace placi::server {

// Thread-safe. Observe is lock-free; Collect locks a mutex of its own (two
// scrapes at once take turns) and may wait, yielding, for observations that
// are half done.
class LockFreeHistogram {
 public:
  using BucketBoundaries = prometheus::Histogram::BucketBoundaries;

  // Shards a histogram's observations are spread over, by thread.
  static constexpr int kShards = 8;

  // `bounds` ascending, as for prometheus::Histogram (whose contract this
  // keeps: an unsorted list gives undefined bucket counts).
  explicit LockFreeHistogram(BucketBoundaries bounds);
  LockFreeHistogram(const LockFreeHistogram&) = delete;
  LockFreeHistogram& operator=(const LockFreeHistogram&) = delete;

  // Counts `value` in the first bucket whose bound is >= value (Prometheus'
  // `le`: a value equal to a bound is in that bucket; above every bound, or
  // NaN, in +Inf) and adds it to the sum: what prometheus::Histogram does,
  // with three atomic read-modify-writes on the calling thread's shard.
  void Observe(double value);

  // What prometheus::Histogram::Collect gives for the same observations:
  // the cumulative count of each bucket, +Inf last, sample_count (= the +Inf
  // bucket) and sample_sum; no labels. Sums are added in the same order as
  // there when one thread observed, so they compare equal.
  prometheus::ClientMetric Collect() const;

  const BucketBoundaries& bounds() const { return bounds_; }

 private:
  // 64 bytes: a shard never shares a cache line with another.
  struct alignas(64) Line {
    std::atomic<uint64_t> word[8];
  };
  // A shard's words: [0] the observations started on it, with the hot half
  // in bit 63; [1 + h] the bits of half h's sum (a double); then the bucket
  // counts of half 0, then those of half 1. Its first line holds the start
  // count, both sums and half 0's lowest buckets, where latencies fall.
  static constexpr uint64_t kHotHalfBit = uint64_t{1} << 63;

  std::atomic<uint64_t>& Word(int shard, size_t index) const {
    return lines_[shard * lines_per_shard_ + index / 8].word[index % 8];
  }
  std::atomic<uint64_t>& Started(int shard) const { return Word(shard, 0); }
  std::atomic<uint64_t>& SumBits(int shard, int half) const { return Word(shard, 1 + half); }
  std::atomic<uint64_t>& Count(int shard, int half, size_t bucket) const {
    return Word(shard, 3 + half * buckets() + bucket);
  }
  // Buckets including +Inf.
  size_t buckets() const { return bounds_.size() + 1; }

  // Adds one shard's observations to `counts` (per bucket) and `sum`: makes
  // its other half hot, waits until the cold half holds every observation
  // started before, reads it, and moves it into the hot half.
  void CollectShard(int shard, std::vector<uint64_t>* counts, double* sum) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(collect_mu_);

  const BucketBoundaries bounds_;
  const size_t lines_per_shard_;
  const std::unique_ptr<Line[]> lines_;
  mutable absl::Mutex collect_mu_;
};

// A metric family of LockFreeHistograms: the name, help text, labels and
// buckets a prometheus::Family<prometheus::Histogram> would expose, children
// in the order they were added. Thread-safe; Add is for set-up (it locks).
class LockFreeHistogramFamily : public prometheus::Collectable {
 public:
  LockFreeHistogramFamily(std::string name, std::string help)
      : name_(std::move(name)), help_(std::move(help)) {}

  // The child with `labels`, made with `bounds` if there is none yet (as
  // prometheus::Family::Add, which also ignores `bounds` then). The reference
  // lives as long as the family.
  LockFreeHistogram& Add(const prometheus::Labels& labels,
                         const LockFreeHistogram::BucketBoundaries& bounds);

  // One family with every child, or nothing if there is no child (as
  // prometheus::Family).
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const std::string name_;
  const std::string help_;
  mutable absl::Mutex mu_;
  std::vector<std::pair<prometheus::Labels, std::unique_ptr<LockFreeHistogram>>> children_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace placi::server

#endif  // PLACI_SERVER_LOCK_FREE_HISTOGRAM_H_
