// What the core and verdict benchmarks share: the generated watchlist and
// parcels as core structs (tools/bench generators, converted the way the
// server converts the wire), their size flags, and per-call percentiles.
#ifndef PLACI_TESTS_BENCH_BENCH_WORLD_H_
#define PLACI_TESTS_BENCH_BENCH_WORLD_H_

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "core/consignment.h"
#include "core/watchlist_entry.h"
#include "placi/convert/convert.h"
#include "tools/bench/parcel_generator.h"
#include "tools/bench/watchlist_generator.h"

namespace placi::bench {

// Sizes, from flags that main() takes out of argv before Google Benchmark
// sees it (see ParseWorldFlags).
struct WorldFlags {
  uint64_t watchlist_entries = 100'000;
  uint64_t window_keys = 0;  // verdict benchmark: counters prefilled
};
inline WorldFlags& Flags() {
  static WorldFlags flags;
  return flags;
}

// Takes --watchlist_entries=N and --window_keys=N out of argv.
inline void ParseWorldFlags(int* argc, char** argv) {
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    const char* arg = argv[i];
    if (std::strncmp(arg, "--watchlist_entries=", 20) == 0) {
      Flags().watchlist_entries = std::strtoull(arg + 20, nullptr, 10);
    } else if (std::strncmp(arg, "--window_keys=", 14) == 0) {
      Flags().window_keys = std::strtoull(arg + 14, nullptr, 10);
    } else {
      argv[out++] = argv[i];
    }
  }
  *argc = out;
}

// main() of a benchmark binary, after it took its own flags out of argv:
// the world's flags, then Google Benchmark's.
inline int RunBenchmarks(int argc, char** argv) {
  // As server/main.cc runs: without Abseil's deadlock detector, which
  // Debian's build (no NDEBUG) runs on every Mutex lock.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  ParseWorldFlags(&argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// Calls `fn` with each generated watchlist entry, in batches of `batch`.
template <typename Fn>
void ForEachEntryBatch(uint64_t entries, size_t batch, Fn fn) {
  WatchlistGenerator generator(entries);
  std::vector<core::WatchlistEntry> chunk;
  for (uint64_t i = 0; i < entries; ++i) {
    core::WatchlistEntry entry;
    if (auto bad = convert::EntryFromProto(generator.Entry(i), "entry", &entry)) {
      std::fprintf(stderr, "generated entry %llu is invalid: %s: %s\n",
                   static_cast<unsigned long long>(i), bad->field.c_str(),
                   bad->description.c_str());
      std::abort();
    }
    chunk.push_back(std::move(entry));
    if (chunk.size() == batch || i + 1 == entries) {
      fn(chunk);
      chunk.clear();
    }
  }
}

// The generator of the parcels below: aimed at a watchlist of
// `watchlist_entries` (5% watchlisted, 5% incomplete).
inline ParcelGenerator MakeParcelGenerator(uint64_t watchlist_entries) {
  ParcelGenerator::Options options;
  options.watchlist_entries = watchlist_entries;
  return ParcelGenerator(options);
}

// Parcel `i` of `generator` as a core struct, converted as the server
// converts the wire.
inline void ParcelInto(const ParcelGenerator& generator, uint64_t i, core::Consignment* parcel) {
  *parcel = core::Consignment();
  if (auto bad = convert::ConsignmentFromProto(generator.Parcel(i), parcel)) {
    std::fprintf(stderr, "generated parcel %llu is invalid: %s\n",
                 static_cast<unsigned long long>(i), bad->field.c_str());
    std::abort();
  }
}

// The first `count` generated parcels, as core structs.
inline std::vector<core::Consignment> Parcels(uint64_t watchlist_entries, size_t count = 4096) {
  const ParcelGenerator generator = MakeParcelGenerator(watchlist_entries);
  std::vector<core::Consignment> parcels(count);
  for (size_t i = 0; i < count; ++i) ParcelInto(generator, i, &parcels[i]);
  return parcels;
}

// Times single calls, to report their median and 99th percentile beside
// Google Benchmark's mean (p50_us, p99_us).
class CallTimes {
 public:
  CallTimes() { micros_.reserve(1 << 20); }
  template <typename Fn>
  void Time(Fn fn) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    const auto end = std::chrono::steady_clock::now();
    if (micros_.size() < micros_.capacity()) {
      micros_.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  void Report(benchmark::State& state) {
    if (micros_.empty()) return;
    std::sort(micros_.begin(), micros_.end());
    auto at = [&](double q) { return micros_[std::min(micros_.size() - 1, static_cast<size_t>(q * micros_.size()))]; };
    state.counters["p50_us"] = benchmark::Counter(at(0.50), benchmark::Counter::kAvgThreads);
    state.counters["p99_us"] = benchmark::Counter(at(0.99), benchmark::Counter::kAvgThreads);
    state.counters["p999_us"] = benchmark::Counter(at(0.999), benchmark::Counter::kAvgThreads);
  }

 private:
  std::vector<double> micros_;
};

}  // namespace placi::bench

#endif  // PLACI_TESTS_BENCH_BENCH_WORLD_H_
