// Cost of the window counters on the per-parcel path: Store::AddAndSum of a
// typical parcel (14 counters, as pattern_rules.cc makes: waybill, name at
// address, value and count per consignee identity, seller, address, seller
// to address, household, shipper hour and week, master waybill) on a real RocksDB in a temp dir, and the
// in-memory part alone. Besides Google Benchmark's mean, each reports the
// median and 99th percentile of single calls (p50_us, p99_us). And the open
// of a data dir whose window log holds records (BM_OpenWithWindowLog).
//
// Registered as a ctest with --benchmark_min_time=0.01 so that it keeps
// building and running; run it by hand for numbers:
//   build/tests/storage/window_counters_benchmark --benchmark_min_time=2
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "core/history_store.h"
#include "core/watchlist_index.h"
#include "storage/counter_table.h"
#include "storage/store.h"
#include "storage/window_counters.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::CounterUpdate;

constexpr int kConsignees = 20'000;  // repeat buyers make the windows add up
constexpr int kShippers = 500;

// The i-th parcel's updates: a new waybill each time, everything else drawn
// from populations, so counters are both created and found.
std::vector<CounterUpdate> Parcel(int64_t i) {
  const absl::Duration hour = absl::Hours(1), day = absl::Hours(24), week = absl::Hours(168);
  const int64_t c = (i * 7919) % kConsignees;
  const int64_t s = (i * 104729) % kShippers;
  const std::string id = absl::StrCat("n|wang wei|", c, " renmin rd shanghai cn");
  const std::string shipper = absl::StrCat("shenzhen trading ", s, "|1 harbour rd hk");
  return {
      {absl::StrCat("hawb|HAWB", 100000000 + i), week, 1},
      {absl::StrCat("an|", c, " renmin rd shanghai cn|wang wei"), week, 1},
      {absl::StrCat("cv|", id), day, 4250},
      {absl::StrCat("cc|", id), day, 1},
      {absl::StrCat("cv|p|86138", 10000000 + c), day, 4250},
      {absl::StrCat("cc|p|86138", 10000000 + c), day, 1},
      {absl::StrCat("sc|seller", s, "|", id), week, 1},
      {absl::StrCat("ad|", c, " renmin rd shanghai cn"), week, 0},
      {absl::StrCat("sa|seller", s, "|", c, " renmin rd shanghai cn"), week, 1},
      {absl::StrCat("hh|s:seller", s, "|", c, " renmin rd shanghai cn|/|wang"), day,
       1 + (int64_t{4250} << 24)},
      {absl::StrCat("sh|", shipper), hour, 1},
      {absl::StrCat("sw|", shipper), week, 1},
      {absl::StrCat("ms|MAWB", i / 200, "|seller", s, "|", c), day, 1},
      {absl::StrCat("cv|e|buyer", c, "@example.cn"), day, 4250},
  };
}

// Prepared parcels, so that building the strings is not measured.
const std::vector<std::vector<CounterUpdate>>& Parcels() {
  static const auto* parcels = [] {
    auto* p = new std::vector<std::vector<CounterUpdate>>();
    for (int64_t i = 0; i < 100'000; ++i) p->push_back(Parcel(i));
    return p;
  }();
  return *parcels;
}

// One store for every benchmark and thread, in a temp dir removed at exit.
struct SharedStore {
  testing::TempDir dir;
  core::WatchlistIndex index;
  std::unique_ptr<Store> store;
  SharedStore() {
    auto opened = Store::Open({.path = dir.db(), .index = &index});
    if (!opened.ok()) {
      fprintf(stderr, "cannot open store: %s\n", opened.status().ToString().c_str());
      abort();
    }
    store = *std::move(opened);
  }
};
Store* TheStore() {
  static SharedStore shared;  // closed and removed at exit
  return shared.store.get();
}

void ReportPercentiles(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  // Per thread; averaged over the threads of a multi-threaded run.
  state.counters["p50_us"] =
      benchmark::Counter(micros[micros.size() / 2], benchmark::Counter::kAvgThreads);
  state.counters["p99_us"] =
      benchmark::Counter(micros[micros.size() * 99 / 100], benchmark::Counter::kAvgThreads);
}

void BM_AddAndSumTypicalParcel(benchmark::State& state) {
  Store* store = TheStore();
  const auto& parcels = Parcels();
  std::vector<double> micros;
  micros.reserve(1 << 20);
  int64_t i = state.thread_index() * 25'000;
  for (auto _ : state) {
    const auto& updates = parcels[i++ % parcels.size()];
    const auto start = std::chrono::steady_clock::now();
    auto sums = store->AddAndSum(updates, absl::Now());
    const auto end = std::chrono::steady_clock::now();
    if (!sums.ok()) {
      state.SkipWithError(sums.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(sums);
    if (micros.size() < micros.capacity()) {
      micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  ReportPercentiles(state, micros);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddAndSumTypicalParcel)->UseRealTime();
BENCHMARK(BM_AddAndSumTypicalParcel)->Threads(4)->UseRealTime();

// Reads only (a re-submitted waybill): no RocksDB write at all.
void BM_AddAndSumReadOnly(benchmark::State& state) {
  Store* store = TheStore();
  std::vector<CounterUpdate> updates = Parcels()[0];
  for (CounterUpdate& u : updates) u.delta = 0;
  for (auto _ : state) {
    auto sums = store->AddAndSum(updates, absl::Now());
    benchmark::DoNotOptimize(sums);
  }
}
BENCHMARK(BM_AddAndSumReadOnly);

// The in-memory counters alone, with a no-op persist: what the RocksDB write
// adds is the difference to BM_AddAndSumTypicalParcel.
void BM_WindowCountersOnly(benchmark::State& state) {
  WindowCounters counters;
  const auto& parcels = Parcels();
  const int64_t now = absl::ToUnixSeconds(absl::Now());
  std::vector<std::vector<WindowIncrement>> increments;
  std::vector<std::vector<WindowCounters::Read>> reads;
  for (size_t p = 0; p < 20'000; ++p) {
    increments.emplace_back();
    reads.emplace_back();
    for (const CounterUpdate& u : parcels[p]) {
      const int64_t width = absl::ToInt64Seconds(u.window) / core::kWindowBuckets;
      reads.back().push_back({u.key, width, now / width});
      if (u.delta != 0) increments.back().push_back({u.key, width, now / width, u.delta});
    }
  }
  std::vector<int64_t> sums;
  size_t i = 0;
  for (auto _ : state) {
    const size_t p = i++ % increments.size();
    absl::Status s = counters.Apply(
        increments[p], reads[p], now, [](absl::Span<const int64_t>) { return absl::OkStatus(); },
        &sums);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_WindowCountersOnly);

// A parcel's whole storage work, as the screener does it: windows counted in
// memory (two CountAndSum, as pattern_rules.cc) and the verdict recorded with
// them in one batch; against the earlier shape (two AddAndSum, each its own
// WAL write, then the verdict's). Arg 1: one batch; 0: three writes.
void BM_ParcelStorage(benchmark::State& state) {
  Store* store = TheStore();
  const bool one_batch = state.range(0) == 1;
  const auto& parcels = Parcels();
  core::Verdict verdict = testing::SampleVerdict("", "");
  std::vector<double> micros;
  micros.reserve(1 << 20);
  const std::string prefix = absl::StrCat("PS", one_batch, "-", absl::ToUnixMicros(absl::Now()));
  int64_t i = 0;
  for (auto _ : state) {
    const auto& updates = parcels[i % parcels.size()];
    const absl::Span<const CounterUpdate> first(updates.data(), 2), second(updates.data() + 2,
                                                                           updates.size() - 2);
    verdict.decision_id = absl::StrCat(prefix, "-", i);
    verdict.house_waybill = absl::StrCat(prefix, "-H", i++);
    const auto start = std::chrono::steady_clock::now();
    absl::Status status;
    if (one_batch) {
      std::vector<core::WindowIncrement> counted;
      absl::Time now = absl::Now();
      status = store->CountAndSum(first, now, &counted).status();
      if (status.ok()) status = store->CountAndSum(second, now, &counted).status();
      if (status.ok()) status = store->Record(verdict, counted);
    } else {
      absl::Time now = absl::Now();
      status = store->AddAndSum(first, now).status();
      if (status.ok()) status = store->AddAndSum(second, now).status();
      if (status.ok()) status = store->Record(verdict);
    }
    const auto end = std::chrono::steady_clock::now();
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
    if (micros.size() < micros.capacity()) {
      micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  ReportPercentiles(state, micros);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParcelStorage)->Arg(0)->Arg(1)->UseRealTime();
BENCHMARK(BM_ParcelStorage)->Arg(0)->Arg(1)->Threads(2)->UseRealTime();

// Open after a crash: the window log replayed (storage/window_log.h). A data
// dir with the counters of 20,000 typical parcels, either in a window
// snapshot (Arg 0: as a clean close leaves them) or all still in the log
// (Arg 1: as a kill leaves the records since the last snapshot), opened and
// closed again each iteration (never snapshotting, so the log stays). The
// time is Store::Open's; the difference between the two is the replay.
void BM_OpenWithWindowLog(benchmark::State& state) {
  constexpr int64_t kLoggedParcels = 20'000;
  const bool in_log = state.range(0) == 1;
  testing::TempDir dir;
  const auto open = [&](core::WatchlistIndex* index) {
    auto opened = Store::Open({.path = dir.db(),
                               .index = index,
                               .window_snapshot_interval = absl::InfiniteDuration()});
    if (!opened.ok()) {
      fprintf(stderr, "cannot open store: %s\n", opened.status().ToString().c_str());
      abort();
    }
    return *std::move(opened);
  };
  {
    core::WatchlistIndex index;
    std::unique_ptr<Store> store = open(&index);
    for (int64_t i = 0; i < kLoggedParcels; ++i) {
      if (!store->AddAndSum(Parcels()[i], absl::Now()).ok()) abort();
    }
    if (!in_log && !store->SnapshotWindows().ok()) abort();
  }
  for (auto _ : state) {
    core::WatchlistIndex index;
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Store> store = open(&index);
    const auto end = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(end - start).count());
    store.reset();
  }
  state.counters["log_records"] = in_log ? kLoggedParcels : 0;
}
BENCHMARK(BM_OpenWithWindowLog)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// One shard of a window snapshot (storage/window_log.h) serialized, with
// 10,000,000 counters over the 64 shards (Arg 1; Arg 0: 1,000,000), a tenth
// of them with two buckets. The lock is held for a copy of the slots only;
// locked_ms is that part (what parcels touching the shard may wait).
void BM_SnapshotShard(benchmark::State& state) {
  const size_t counters = state.range(0) == 1 ? 10'000'000 : 1'000'000;
  WindowCounters windows;
  windows.Reserve(counters);
  const int64_t now = absl::ToUnixSeconds(absl::Now());
  const int64_t width = 7200;
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < counters; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const uint64_t id = WindowCounters::IdOfHash(x, width);
    windows.Load({id, width, now / width, 1});
    if (i % 10 == 0) windows.Load({id, width, now / width - 1, 2});
  }
  std::string bytes;
  WindowCounters::ShardCopy copy;  // reused, as a window log reuses its own
  int shard = 0;
  double locked_ms = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    WindowCounters::ShardCut cut =
        windows.SerializeShard(shard, now, [] { return uint64_t{1}; }, &bytes, &copy);
    const auto end = std::chrono::steady_clock::now();
    locked_ms += static_cast<double>(cut.locked_nanos) / 1e6;
    state.SetIterationTime(std::chrono::duration<double>(end - start).count());
    shard = (shard + 1) % WindowCounters::kShards;
  }
  state.counters["bytes_per_shard"] = static_cast<double>(bytes.size());
  state.counters["locked_ms"] = locked_ms / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SnapshotShard)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// The growth of one shard's counter table at 10M counters over the 64
// shards: the Insert that finds it 3/4 full (196,608 of 262,144 slots) and
// moves every counter into an array twice the size, all under the shard's
// lock. Arg 0: the array is mapped then (before the grower thread); Arg 1:
// prepared beforehand off the lock (PrepareSpare, untimed) as the grower
// does. The tables are kept, so that each growth takes memory the process
// never had, as a server whose windows fill does.
void BM_ShardGrowth(benchmark::State& state) {
  const bool prepared = state.range(0) == 1;
  std::vector<std::unique_ptr<CounterTable>> kept;
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  const auto next_id = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x | 1;
  };
  for (auto _ : state) {
    auto table = std::make_unique<CounterTable>();
    table->Reserve(196'608);
    while (table->size() < table->capacity() * 3 / 4) table->Insert(next_id(), 7200, 1, 1);
    if (prepared) table->AdoptSpare(CounterTable::PrepareSpare(2 * table->capacity()));
    const uint64_t id = next_id();
    const auto start = std::chrono::steady_clock::now();
    table->Insert(id, 7200, 1, 1);
    const auto end = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(end - start).count());
    kept.push_back(std::move(table));
  }
}
// 12 growths: ~300 MB kept.
BENCHMARK(BM_ShardGrowth)->Arg(0)->Arg(1)->Iterations(12)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace placi::storage

BENCHMARK_MAIN();
