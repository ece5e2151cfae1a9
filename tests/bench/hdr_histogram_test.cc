// The latency histogram: buckets tile the whole uint64 range without gaps,
// every value is kept to within 0.2%, and percentiles are read correctly.
#include "tools/bench/hdr_histogram.h"

#include <cstdint>
#include <random>

#include "gtest/gtest.h"

namespace placi::bench {
namespace {

TEST(HdrHistogramTest, BucketsTileTheRangeInOrder) {
  EXPECT_EQ(HdrHistogram::LowestInBucket(0), 0u);
  for (int b = 1; b < HdrHistogram::kBucketCount; ++b) {
    ASSERT_EQ(HdrHistogram::LowestInBucket(b), HdrHistogram::HighestInBucket(b - 1) + 1) << b;
  }
  EXPECT_EQ(HdrHistogram::HighestInBucket(HdrHistogram::kBucketCount - 1), UINT64_MAX);
}

TEST(HdrHistogramTest, EveryValueLandsInABucketThatHoldsIt) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    const uint64_t v = rng() >> (rng() % 64);
    const int b = HdrHistogram::BucketOf(v);
    ASSERT_GE(b, 0);
    ASSERT_LT(b, HdrHistogram::kBucketCount);
    ASSERT_LE(HdrHistogram::LowestInBucket(b), v);
    ASSERT_GE(HdrHistogram::HighestInBucket(b), v);
    // 0.2%: a bucket is at most 1/512 of its lowest value wide.
    ASSERT_LE(HdrHistogram::HighestInBucket(b) - HdrHistogram::LowestInBucket(b),
              HdrHistogram::LowestInBucket(b) / 512) << v;
  }
  EXPECT_EQ(HdrHistogram::BucketOf(UINT64_MAX), HdrHistogram::kBucketCount - 1);
}

TEST(HdrHistogramTest, SmallValuesAreExact) {
  HdrHistogram h;
  for (uint64_t v = 1; v <= 1000; ++v) h.Record(v);
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.min(), 1u);
  EXPECT_EQ(h.max(), 1000u);
  EXPECT_EQ(h.ValueAtPercentile(50), 500u);
  EXPECT_EQ(h.ValueAtPercentile(99), 990u);
  EXPECT_EQ(h.ValueAtPercentile(99.9), 999u);
  EXPECT_EQ(h.ValueAtPercentile(100), 1000u);
  EXPECT_EQ(h.ValueAtPercentile(0), 1u);
  EXPECT_DOUBLE_EQ(h.mean(), 500.5);
}

TEST(HdrHistogramTest, PercentilesOfLatenciesAreWithinTheBucketPrecision) {
  HdrHistogram h;
  // 1 µs .. 100 ms in nanoseconds, uniform.
  for (uint64_t i = 1; i <= 100000; ++i) h.Record(i * 1000);
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    const double exact = p / 100 * 100000 * 1000;
    EXPECT_NEAR(static_cast<double>(h.ValueAtPercentile(p)), exact, exact * 0.002) << p;
  }
  EXPECT_EQ(h.max(), 100000u * 1000);
}

TEST(HdrHistogramTest, OneOutlierShowsAtTheTopOnly) {
  HdrHistogram h;
  h.RecordN(100'000, 999);   // 100 µs
  h.Record(50'000'000);      // one 50 ms stall
  EXPECT_LE(h.ValueAtPercentile(99.9), 100'200u);
  EXPECT_EQ(h.ValueAtPercentile(99.95), 50'000'000u);
  EXPECT_EQ(h.max(), 50'000'000u);
}

TEST(HdrHistogramTest, MergeAddsCountsAndExtremes) {
  HdrHistogram a, b;
  a.RecordN(10, 3);
  b.RecordN(5000, 1);
  b.Record(2);
  a.Merge(b);
  EXPECT_EQ(a.count(), 5u);
  EXPECT_EQ(a.min(), 2u);
  EXPECT_EQ(a.max(), 5000u);
  EXPECT_EQ(a.ValueAtPercentile(50), 10u);
  a.Reset();
  EXPECT_EQ(a.count(), 0u);
  EXPECT_EQ(a.ValueAtPercentile(99), 0u);
}

}  // namespace
}  // namespace placi::bench
