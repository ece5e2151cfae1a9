// One histogram observation, as the server records three a parcel:
// prometheus-cpp's Histogram (a mutex each Observe) against the server's
// LockFreeHistogram (server/lock_free_histogram.h), on one thread and on two
// threads observing the same series (two screening threads on two cores).
// The values are screening latencies (log-normal around 80 µs) over the
// server's latency buckets. Times are wall time per Observe on each thread:
// the ratio of the two names at the same thread count is the gain.
//
// A ctest runs it with --benchmark_min_time=0.01; figures:
//   build/tests/bench/histogram_benchmark --benchmark_min_time=0.5
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <cmath>
#include <random>
#include <vector>

#include "benchmark/benchmark.h"
#include "prometheus/histogram.h"
#include "server/lock_free_histogram.h"

namespace placi::bench {
namespace {

// As server/metrics.cc's LatencyBuckets.
const std::vector<double>& LatencyBuckets() {
  static const auto* const kBuckets = new std::vector<double>{
      25e-6, 50e-6, 100e-6, 200e-6, 300e-6, 500e-6, 750e-6, 1e-3, 2e-3, 5e-3,
      10e-3, 25e-3, 50e-3,  100e-3, 250e-3, 500e-3, 1,      2.5,  5,    10};
  return *kBuckets;
}

// 1,024 latencies, the same every run.
const std::vector<double>& Latencies() {
  static const auto* const kValues = [] {
    auto* values = new std::vector<double>();
    std::mt19937_64 random(21);
    std::lognormal_distribution<double> latency(std::log(80e-6), 0.8);
    for (int i = 0; i < 1024; ++i) values->push_back(latency(random));
    return values;
  }();
  return *kValues;
}

// One histogram of each kind for the whole run, shared by the threads of a
// benchmark, as the server's are by its threads.
template <typename Histogram>
Histogram& Shared() {
  static auto* const histogram = new Histogram(LatencyBuckets());
  return *histogram;
}

template <typename Histogram>
void BM_Observe(benchmark::State& state) {
  Histogram& histogram = Shared<Histogram>();
  const std::vector<double>& values = Latencies();
  size_t i = static_cast<size_t>(state.thread_index()) * 512;
  for (auto _ : state) {
    histogram.Observe(values[i++ & 1023]);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PrometheusHistogramObserve(benchmark::State& state) {
  BM_Observe<prometheus::Histogram>(state);
}
void BM_LockFreeHistogramObserve(benchmark::State& state) {
  BM_Observe<server::LockFreeHistogram>(state);
}
BENCHMARK(BM_PrometheusHistogramObserve)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_LockFreeHistogramObserve)->Threads(1)->Threads(2)->UseRealTime();

// A scrape of one series (once per scrape each; LockFreeHistogram's visits
// its every shard and moves each one's counts between its halves).
template <typename Histogram>
void BM_Collect(benchmark::State& state) {
  Histogram& histogram = Shared<Histogram>();
  for (auto _ : state) benchmark::DoNotOptimize(histogram.Collect());
}
void BM_PrometheusHistogramCollect(benchmark::State& state) {
  BM_Collect<prometheus::Histogram>(state);
}
void BM_LockFreeHistogramCollect(benchmark::State& state) {
  BM_Collect<server::LockFreeHistogram>(state);
}
BENCHMARK(BM_PrometheusHistogramCollect);
BENCHMARK(BM_LockFreeHistogramCollect);

}  // namespace
}  // namespace placi::bench

BENCHMARK_MAIN();
