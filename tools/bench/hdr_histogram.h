// A high-dynamic-range latency histogram in the manner of HdrHistogram:
// log-linear buckets, exact below 1024, and above that 512 linear buckets
// per power of two, so that every recorded value is known to within 0.2%
// from 1 ns to centuries, in a fixed 224 KiB of counters. Record is O(1)
// and allocation-free; percentiles walk the counters once.
//
//   HdrHistogram h;
//   h.Record(latency_ns);
//   h.ValueAtPercentile(99.9);  // the highest value equivalent to p99.9's bucket
//
// Not thread-safe: give each thread its own and Merge() them.
#ifndef PLACI_TOOLS_BENCH_HDR_HISTOGRAM_H_
#define PLACI_TOOLS_BENCH_HDR_HISTOGRAM_H_

#include <cstdint>
#include <vector>

namespace placi::bench {

class HdrHistogram {
 public:
  // Buckets below 2^kSubBucketBits are one value wide; above, each power of
  // two is split into 2^(kSubBucketBits - 1) buckets.
  static constexpr int kSubBucketBits = 10;
  // Octave shifts run from 1 to 64 - kSubBucketBits, above the exact range.
  static constexpr int kBucketCount = (64 - kSubBucketBits + 2) << (kSubBucketBits - 1);

  HdrHistogram();

  void Record(uint64_t value) { RecordN(value, 1); }
  void RecordN(uint64_t value, uint64_t count);
  void Merge(const HdrHistogram& other);
  void Reset();

  uint64_t count() const { return count_; }
  uint64_t min() const { return count_ == 0 ? 0 : min_; }
  uint64_t max() const { return max_; }  // exact
  double mean() const { return count_ == 0 ? 0 : static_cast<double>(sum_) / count_; }

  // The smallest recorded value v (reported as the highest value of v's
  // bucket, capped at max()) such that `percentile` % of the values are
  // <= v. 0 when empty; percentile is clamped to [0, 100]; 100 is max().
  uint64_t ValueAtPercentile(double percentile) const;

  // The bucket of a value, and the range of values a bucket holds; exposed
  // for tests.
  static int BucketOf(uint64_t value);
  static uint64_t LowestInBucket(int bucket);
  static uint64_t HighestInBucket(int bucket);

 private:
  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  // Sums of nanosecond latencies overflow only after ~584 years in total.
  uint64_t sum_ = 0;
};

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_HDR_HISTOGRAM_H_
