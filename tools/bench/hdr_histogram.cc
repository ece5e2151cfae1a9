// Log-linear latency histogram; see hdr_histogram.h.
#include "tools/bench/hdr_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace placi::bench {
namespace {

constexpr int kHalf = 1 << (HdrHistogram::kSubBucketBits - 1);  // buckets per octave

}  // namespace

HdrHistogram::HdrHistogram() : counts_(kBucketCount, 0) {}

int HdrHistogram::BucketOf(uint64_t value) {
  if (value < (uint64_t{1} << kSubBucketBits)) return static_cast<int>(value);
  // value = sub << shift with sub in [kHalf, 2 * kHalf): the top
  // kSubBucketBits bits of the value pick the bucket within its octave.
  const int msb = 63 - std::countl_zero(value);
  const int shift = msb - (kSubBucketBits - 1);
  const uint64_t sub = value >> shift;
  return (shift << (kSubBucketBits - 1)) + static_cast<int>(sub);
}

uint64_t HdrHistogram::LowestInBucket(int bucket) {
  if (bucket < (1 << kSubBucketBits)) return static_cast<uint64_t>(bucket);
  const int shift = (bucket >> (kSubBucketBits - 1)) - 1;
  const uint64_t sub = static_cast<uint64_t>(bucket - (shift << (kSubBucketBits - 1)));
  return sub << shift;
}

uint64_t HdrHistogram::HighestInBucket(int bucket) {
  if (bucket < (1 << kSubBucketBits)) return static_cast<uint64_t>(bucket);
  const int shift = (bucket >> (kSubBucketBits - 1)) - 1;
  const uint64_t sub = static_cast<uint64_t>(bucket - (shift << (kSubBucketBits - 1)));
  // The last bucket's upper end is UINT64_MAX; (sub + 1) << shift would wrap.
  if (sub + 1 == 2 * kHalf && shift == 64 - kSubBucketBits) return UINT64_MAX;
  return ((sub + 1) << shift) - 1;
}

void HdrHistogram::RecordN(uint64_t value, uint64_t count) {
  if (count == 0) return;
  counts_[BucketOf(value)] += count;
  count_ += count;
  sum_ += value * count;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
}

void HdrHistogram::Merge(const HdrHistogram& other) {
  if (other.count_ == 0) return;
  for (int i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

void HdrHistogram::Reset() {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = 0;
  sum_ = 0;
  min_ = UINT64_MAX;
  max_ = 0;
}

uint64_t HdrHistogram::ValueAtPercentile(double percentile) const {
  if (count_ == 0) return 0;
  percentile = std::clamp(percentile, 0.0, 100.0);
  // The rank of the value asked for, 1-based: p0 is the smallest value.
  // (Less a hair, so that 99.9% of 1000 is rank 999, not 1000 by rounding.)
  uint64_t rank = static_cast<uint64_t>(std::ceil(percentile / 100.0 * count_ - 1e-6));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(HighestInBucket(i), max_);
  }
  return max_;
}

}  // namespace placi::bench
