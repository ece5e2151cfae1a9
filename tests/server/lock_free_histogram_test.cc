// LockFreeHistogram against prometheus-cpp's Histogram: the same buckets,
// counts, sums and exposition text; exact totals and consistent scrapes
// under concurrent observers; and Metrics' histograms as /metrics showed
// them when they were prometheus-cpp's.
#include "server/lock_free_histogram.h"

#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "server/metrics.h"

namespace placi::server {
namespace {

// The cumulative bucket counts of `metric`, +Inf last.
std::vector<uint64_t> Cumulative(const prometheus::ClientMetric& metric) {
  std::vector<uint64_t> counts;
  for (const auto& bucket : metric.histogram.bucket) counts.push_back(bucket.cumulative_count);
  return counts;
}

TEST(LockFreeHistogramTest, AValueEqualToABoundIsInThatBucket) {
  LockFreeHistogram histogram({1, 2, 5});
  for (double v : {-1.0, 0.5, 1.0}) histogram.Observe(v);                 // le 1
  for (double v : {std::nextafter(1.0, 2.0), 2.0}) histogram.Observe(v);  // le 2
  histogram.Observe(5);                                                   // le 5
  for (double v : {std::nextafter(5.0, 6.0), 1e9}) histogram.Observe(v);  // +Inf
  const prometheus::ClientMetric metric = histogram.Collect();
  ASSERT_EQ(metric.histogram.bucket.size(), 4u);
  EXPECT_EQ(metric.histogram.bucket[0].upper_bound, 1);
  EXPECT_EQ(metric.histogram.bucket[2].upper_bound, 5);
  EXPECT_EQ(metric.histogram.bucket[3].upper_bound, std::numeric_limits<double>::infinity());
  EXPECT_EQ(Cumulative(metric), (std::vector<uint64_t>{3, 5, 6, 8}));
  EXPECT_EQ(metric.histogram.sample_count, 8u);
  EXPECT_DOUBLE_EQ(metric.histogram.sample_sum, -1 + 0.5 + 1 + std::nextafter(1.0, 2.0) + 2 + 5 +
                                                    std::nextafter(5.0, 6.0) + 1e9);
  EXPECT_TRUE(metric.label.empty());
}

TEST(LockFreeHistogramTest, NothingObservedIsZeroEverywhere) {
  LockFreeHistogram histogram({0.1});
  const prometheus::ClientMetric metric = histogram.Collect();
  EXPECT_EQ(Cumulative(metric), (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(metric.histogram.sample_count, 0u);
  EXPECT_EQ(metric.histogram.sample_sum, 0);
}

// The same observations, with scrapes between them (each scrape moves the
// counts between a shard's halves), give the same MetricFamily and the same
// text as prometheus-cpp's histogram, bounds, odd values and all.
TEST(LockFreeHistogramTest, CollectsWhatPrometheusHistogramCollects) {
  const LockFreeHistogram::BucketBoundaries bounds = {25e-6, 50e-6, 100e-6, 1e-3, 0.5, 10};
  prometheus::Registry registry;
  auto& theirs_family = prometheus::BuildHistogram()
                            .Name("placi_test_seconds")
                            .Help("A test histogram.")
                            .Register(registry);
  prometheus::Histogram& theirs = theirs_family.Add({{"grpc_method", "Screen"}}, bounds);
  LockFreeHistogramFamily ours_family("placi_test_seconds", "A test histogram.");
  LockFreeHistogram& ours = ours_family.Add({{"grpc_method", "Screen"}}, bounds);

  std::mt19937_64 random(21);
  std::lognormal_distribution<double> latency(std::log(80e-6), 2.0);
  std::vector<double> values = {0, 25e-6, 50e-6, 100e-6, 1e-3, 0.5, 10, 10.5, 1e-7};
  for (int i = 0; i < 5000; ++i) values.push_back(latency(random));
  values.push_back(std::numeric_limits<double>::infinity());  // last: the sum is inf from here
  const prometheus::TextSerializer text;
  for (size_t i = 0; i < values.size(); ++i) {
    theirs.Observe(values[i]);
    ours.Observe(values[i]);
    if (i % 997 != 0 && i + 1 != values.size()) continue;
    const std::vector<prometheus::MetricFamily> expected = registry.Collect();
    const std::vector<prometheus::MetricFamily> got = ours_family.Collect();
    ASSERT_EQ(expected.size(), 1u);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].name, expected[0].name);
    EXPECT_EQ(got[0].help, expected[0].help);
    EXPECT_EQ(got[0].type, expected[0].type);
    ASSERT_EQ(got[0].metric.size(), 1u);
    const prometheus::ClientMetric& g = got[0].metric[0];
    const prometheus::ClientMetric& e = expected[0].metric[0];
    EXPECT_EQ(g.label, e.label);
    EXPECT_EQ(Cumulative(g), Cumulative(e)) << "after " << i + 1;
    ASSERT_EQ(g.histogram.bucket.size(), e.histogram.bucket.size());
    for (size_t b = 0; b < g.histogram.bucket.size(); ++b) {
      EXPECT_EQ(g.histogram.bucket[b].upper_bound, e.histogram.bucket[b].upper_bound);
    }
    EXPECT_EQ(g.histogram.sample_count, e.histogram.sample_count);
    EXPECT_EQ(g.histogram.sample_sum, e.histogram.sample_sum) << "after " << i + 1;
    EXPECT_EQ(g.timestamp_ms, e.timestamp_ms);
    EXPECT_EQ(text.Serialize(got), text.Serialize(expected));
  }
}

TEST(LockFreeHistogramFamilyTest, AddFindsTheChildOfTheSameLabelsAndKeepsTheirOrder) {
  LockFreeHistogramFamily family("placi_test_seconds", "A test histogram.");
  EXPECT_TRUE(family.Collect().empty());  // as prometheus::Family: no child, no family
  LockFreeHistogram& screen = family.Add({{"grpc_method", "Screen"}}, {1});
  LockFreeHistogram& stream = family.Add({{"grpc_method", "ScreenStream"}}, {1});
  EXPECT_EQ(&family.Add({{"grpc_method", "Screen"}}, {1, 2}), &screen);
  EXPECT_EQ(screen.bounds().size(), 1u);
  stream.Observe(3);
  const std::vector<prometheus::MetricFamily> families = family.Collect();
  ASSERT_EQ(families.size(), 1u);
  ASSERT_EQ(families[0].metric.size(), 2u);
  EXPECT_EQ(families[0].metric[0].label.at(0).value, "Screen");
  EXPECT_EQ(families[0].metric[1].label.at(0).value, "ScreenStream");
  EXPECT_EQ(families[0].metric[1].histogram.sample_count, 1u);
}

// Observers on more threads than shards (so that some share one) while a
// scraper collects without pause: every scrape is consistent (each bucket's
// values are one exact binary fraction, so the sum follows from the counts),
// counts never go back, and the totals are exact.
TEST(LockFreeHistogramTest, ConcurrentObserversSumExactlyAndEveryScrapeIsConsistent) {
  LockFreeHistogram histogram({1, 2, 4});
  const std::vector<double> kValues = {0.5, 1.5, 3.25, 8.0};  // one a bucket, +Inf last
  constexpr int kThreads = LockFreeHistogram::kShards + 3;
  constexpr int kPerThread = 200000;
  std::atomic<bool> observing{true};
  std::atomic<int> scrapes{0};
  std::thread scraper([&] {
    std::vector<uint64_t> last(kValues.size(), 0);
    // At least a few scrapes even if the observers are done first.
    while (observing.load() || scrapes.load() < 3) {
      const prometheus::ClientMetric metric = histogram.Collect();
      const std::vector<uint64_t> cumulative = Cumulative(metric);
      double expected_sum = 0;
      for (size_t b = 0; b < kValues.size(); ++b) {
        const uint64_t in_bucket = cumulative[b] - (b == 0 ? 0 : cumulative[b - 1]);
        ASSERT_LE(b == 0 ? 0 : cumulative[b - 1], cumulative[b]);
        ASSERT_GE(cumulative[b], last[b]);
        expected_sum += kValues[b] * static_cast<double>(in_bucket);
      }
      ASSERT_EQ(metric.histogram.sample_count, cumulative.back());
      ASSERT_EQ(metric.histogram.sample_sum, expected_sum);
      last = cumulative;
      scrapes.fetch_add(1);
    }
  });
  std::vector<std::thread> observers;
  for (int t = 0; t < kThreads; ++t) {
    observers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) histogram.Observe(kValues[(i + t) % kValues.size()]);
    });
  }
  for (std::thread& observer : observers) observer.join();
  observing.store(false);
  scraper.join();
  EXPECT_GE(scrapes.load(), 3);

  const prometheus::ClientMetric metric = histogram.Collect();
  const uint64_t total = uint64_t{kThreads} * kPerThread;
  EXPECT_EQ(metric.histogram.sample_count, total);
  EXPECT_EQ(Cumulative(metric).back(), total);
  double expected_sum = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) expected_sum += kValues[(i + t) % kValues.size()];
  }
  EXPECT_EQ(metric.histogram.sample_sum, expected_sum);  // binary fractions: exact in any order
  EXPECT_EQ(Cumulative(metric),
            (std::vector<uint64_t>{total / 4, total / 2, 3 * total / 4, total}));
}

// Metrics' three histograms keep their names, help, labels, buckets and
// place (after the registry's counters and gauges) from when they were
// prometheus-cpp histograms in the registry: dashboards and alerts read them.
TEST(MetricsHistogramsTest, SameFamiliesAsThePrometheusHistogramsTheyReplace) {
  const std::vector<double> latency = {25e-6,  50e-6,  100e-6, 200e-6, 300e-6, 500e-6, 750e-6,
                                       1e-3,   2e-3,   5e-3,   10e-3,  25e-3,  50e-3,  100e-3,
                                       250e-3, 500e-3, 1,      2.5,    5,      10};
  const std::vector<double> write = {5e-6,   10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3,
                                     2.5e-3, 5e-3,  10e-3, 25e-3, 50e-3,  100e-3, 250e-3, 1};
  Metrics metrics("test");
  metrics.CallStarted(Method::kScreen);
  metrics.CallHandled(Method::kScreen, grpc::StatusCode::OK, absl::Microseconds(60));
  metrics.ParcelScreened(core::Verdict{}, absl::Microseconds(30));
  metrics.DecisionLogWritten(absl::Microseconds(7));

  const std::vector<prometheus::MetricFamily> families = metrics.collectable()->Collect();
  const std::vector<prometheus::MetricFamily> registry = metrics.registry()->Collect();
  ASSERT_EQ(families.size(), registry.size() + 3);
  for (size_t i = 0; i < registry.size(); ++i) EXPECT_EQ(families[i].name, registry[i].name);
  const prometheus::MetricFamily& handling = families[registry.size()];
  const prometheus::MetricFamily& screen = families[registry.size() + 1];
  const prometheus::MetricFamily& log_write = families[registry.size() + 2];
  EXPECT_EQ(handling.name, "placi_grpc_server_handling_seconds");
  EXPECT_EQ(handling.help, "Time from the start of an RPC to its Finish, by method.");
  EXPECT_EQ(screen.name, "placi_screen_duration_seconds");
  EXPECT_EQ(screen.help,
            "Core screening time of one parcel (checks, watchlist match, score, decision log "
            "write).");
  EXPECT_EQ(log_write.name, "placi_decision_log_write_seconds");
  EXPECT_EQ(log_write.help,
            "Time to write one verdict to the decision log (RocksDB, in the WAL; fsynced with "
            "--sync_decisions).");
  const auto bounds = [](const prometheus::ClientMetric& metric) {
    std::vector<double> out;
    for (const auto& bucket : metric.histogram.bucket) {
      if (!std::isinf(bucket.upper_bound)) out.push_back(bucket.upper_bound);
    }
    return out;
  };
  for (const prometheus::MetricFamily* family : {&handling, &screen, &log_write}) {
    EXPECT_EQ(family->type, prometheus::MetricType::Histogram) << family->name;
  }
  ASSERT_EQ(handling.metric.size(), static_cast<size_t>(kMethodCount));
  for (int m = 0; m < kMethodCount; ++m) {
    const prometheus::ClientMetric& child = handling.metric[m];
    ASSERT_EQ(child.label.size(), 1u);
    EXPECT_EQ(child.label[0].name, "grpc_method");
    EXPECT_EQ(child.label[0].value, MethodName(static_cast<Method>(m)));
    EXPECT_EQ(bounds(child), latency);
    EXPECT_EQ(child.histogram.sample_count, m == 0 ? 1u : 0u);
  }
  ASSERT_EQ(screen.metric.size(), 1u);
  EXPECT_TRUE(screen.metric[0].label.empty());
  EXPECT_EQ(bounds(screen.metric[0]), latency);
  EXPECT_EQ(Cumulative(screen.metric[0]).at(0), 0u);  // 30 µs: le 50e-6
  EXPECT_EQ(Cumulative(screen.metric[0]).at(1), 1u);
  ASSERT_EQ(log_write.metric.size(), 1u);
  EXPECT_EQ(bounds(log_write.metric[0]), write);
  EXPECT_EQ(Cumulative(log_write.metric[0]).at(1), 1u);  // 7 µs: le 10e-6
  EXPECT_DOUBLE_EQ(log_write.metric[0].histogram.sample_sum, 7e-6);
}

}  // namespace
}  // namespace placi::server
