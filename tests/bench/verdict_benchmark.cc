// The whole verdict on the real store, as the server makes it minus gRPC:
// core::Screener over a storage::Store in a temp dir that holds a generated
// watchlist of --watchlist_entries (default 100,000) and --window_keys
// window counters (default 0; the load is 10,000,000), so each
// parcel pays the window reads and updates (two AddAndSum, each a RocksDB
// WAL write) and the decision-log write before its verdict is returned.
// Also the decision-log write alone, and a parcel's store calls alone
// (BM_StorePerParcel: window counts and sums, hold lookup, decision log).
// Reports p50_us / p99_us / p999_us. --db_copy=DIR opens a copy of a ready
// data dir instead of generating one (see StoreWorld::OpenCopy).
//
// A ctest runs it with --benchmark_min_time=0.01 on small sizes; numbers
// (target: BM_WholeVerdict median <= 20 us):
//   build/tests/bench/verdict_benchmark --watchlist_entries=1000000
//       --window_keys=10000000 --benchmark_min_time=2   (one line)
#include <stdlib.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "core/clock.h"
#include "core/history_store.h"
#include "core/screener.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"
#include "storage/store.h"
#include "tests/bench/bench_world.h"
#include "tools/bench/window_prefill.h"

namespace placi::bench {
namespace {

std::string& DbCopy() {
  static std::string path;
  return path;
}

struct StoreWorld {
  std::string dir;
  core::RealClock clock;
  core::WatchlistIndex index;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<core::Screener> screener;
  std::vector<core::Consignment> parcels;

  StoreWorld() {
    char pattern[] = "/tmp/placi-verdict-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) Die("cannot create a temp dir");
    dir = pattern;
    if (!DbCopy().empty()) {
      OpenCopy();
      return;
    }
    auto opened = storage::Store::Open({.path = dir + "/rocksdb", .index = &index});
    if (!opened.ok()) Die(opened.status().ToString());
    store = *std::move(opened);
    const absl::Time start = absl::Now();
    ForEachEntryBatch(Flags().watchlist_entries, 10'000,
                      [&](const std::vector<core::WatchlistEntry>& batch) {
                        auto applied = store->Apply(storage::WatchlistUpsert{batch});
                        if (!applied.ok()) Die(applied.status().ToString());
                      });
    const absl::Time imported = absl::Now();
    if (Flags().window_keys > 0) {
      auto made = PrefillWindows(store.get(), Flags().window_keys, absl::Now());
      if (!made.ok()) Die(made.status().ToString());
    }
    std::fprintf(stderr,
                 "verdict world: %zu watchlist entries in %.1f s, ~%llu window counters in "
                 "%.1f s\n",
                 index.size(), absl::ToDoubleSeconds(imported - start),
                 static_cast<unsigned long long>(Flags().window_keys),
                 absl::ToDoubleSeconds(absl::Now() - imported));
    screener = std::make_unique<core::Screener>(core::ScreeningConfig::Default(), &index,
                                                store.get(), &clock, /*history=*/store.get());
    // Many parcels, so that consignees rarely come back within a run (a
    // small pool would trip the velocity rules and hold most parcels).
    parcels = Parcels(Flags().watchlist_entries, 65'536);
  }
  // --db_copy: a copy of a ready data dir (placi-bench-prefill's), opened
  // as the server opens it, instead of generating one (minutes at 10M
  // counters). --watchlist_entries must be the size it was made with.
  void OpenCopy() {
    std::error_code ec;
    std::filesystem::copy(DbCopy(), dir + "/rocksdb", std::filesystem::copy_options::recursive,
                          ec);
    if (ec) Die(absl::StrCat("copying ", DbCopy(), ": ", ec.message()));
    const absl::Time start = absl::Now();
    auto opened = storage::Store::Open({.path = dir + "/rocksdb", .index = &index});
    if (!opened.ok()) Die(opened.status().ToString());
    store = *std::move(opened);
    std::fprintf(stderr, "verdict world: %zu watchlist entries, copy of %s opened in %.1f s\n",
                 index.size(), DbCopy().c_str(), absl::ToDoubleSeconds(absl::Now() - start));
    screener = std::make_unique<core::Screener>(core::ScreeningConfig::Default(), &index,
                                                store.get(), &clock, /*history=*/store.get());
    parcels = Parcels(Flags().watchlist_entries, 65'536);
  }
  ~StoreWorld() {
    screener.reset();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  [[noreturn]] static void Die(const std::string& why) {
    std::fprintf(stderr, "verdict benchmark: %s\n", why.c_str());
    std::abort();
  }
};

StoreWorld& World() {
  static StoreWorld world;  // closed and removed at exit
  return world;
}

// One parcel's verdict, windows and decision log included. Every parcel is
// one the store has not seen, as in a carrier's stream: generated afresh
// (outside the timed call), threads taking disjoint ones, each with a new
// house waybill. A pool screened over and over made the consignees come
// back ever more often, so that the velocity rules held a share of the
// parcels that grew with the run's length (15% at 40,000 iterations, 67%
// at 300,000) and the median with it (16.4 and 21.8 us).
void BM_WholeVerdict(benchmark::State& state) {
  StoreWorld& world = World();
  const ParcelGenerator generator = MakeParcelGenerator(Flags().watchlist_entries);
  // Parcels past those of the world's pool and of earlier runs in this
  // process (each run starts where the last stopped).
  static std::atomic<uint64_t> next_fresh{1'000'000'000};
  core::Consignment parcel;
  CallTimes times;
  const std::string prefix =
      absl::StrCat("BV", state.thread_index(), "-", absl::ToUnixMicros(absl::Now()), "-");
  int64_t n = 0;
  int64_t screened = 0;
  int64_t holds = 0;
  for (auto _ : state) {
    ParcelInto(generator, next_fresh.fetch_add(1, std::memory_order_relaxed), &parcel);
    parcel.house_waybill = absl::StrCat(prefix, n++);
    ++screened;
    absl::StatusOr<core::Verdict> verdict;
    times.Time([&] { verdict = world.screener->Screen(parcel); });
    if (!verdict.ok()) {
      state.SkipWithError(verdict.status().ToString().c_str());
      break;
    }
    holds += verdict->decision == core::Decision::kHold;
  }
  times.Report(state);
  state.counters["hold_fraction"] = benchmark::Counter(
      static_cast<double>(holds) / std::max<int64_t>(screened, 1), benchmark::Counter::kAvgThreads);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WholeVerdict)->UseRealTime();
BENCHMARK(BM_WholeVerdict)->Threads(2)->UseRealTime();

// The decision-log write alone (Store::Record of a typical verdict: record,
// waybill index, hold), to tell its share of BM_WholeVerdict.
void BM_RecordVerdict(benchmark::State& state) {
  StoreWorld& world = World();
  core::Consignment parcel = world.parcels[0];
  auto judged = world.screener->Screen(parcel);
  if (!judged.ok()) {
    state.SkipWithError(judged.status().ToString().c_str());
    return;
  }
  core::Verdict verdict = *judged;
  CallTimes times;
  int64_t n = 0;
  const std::string prefix = absl::StrCat("RV", absl::ToUnixMicros(absl::Now()), "-");
  for (auto _ : state) {
    verdict.decision_id = absl::StrCat(prefix, n++);
    times.Time([&] {
      absl::Status s = world.store->Record(verdict);
      benchmark::DoNotOptimize(s);
    });
  }
  times.Report(state);
}
BENCHMARK(BM_RecordVerdict);

// What a parcel that names no carrier (single-node mode without
// authentication) asks of the holds when its waybill has none, as most do:
// LatestHold of the blank carrier, then HoldsOnWaybill (any carrier's open
// hold holds it, core/screener.cc). The holds column family first gets
// 50,000 holds of other waybills, compacted into SST files as a running
// data dir has them.
void BM_NoCarrierHoldLookup(benchmark::State& state) {
  StoreWorld& world = World();
  static const bool filled = [&] {
    for (int i = 0; i < 50'000; ++i) {
      core::Verdict held;
      held.decision_id = absl::StrCat("NCH", i);
      held.house_waybill = absl::StrCat("784-", 10'000'000 + i);
      held.carrier_id = "CARRIER-" + std::to_string(i % 7);
      held.decision = core::Decision::kHold;
      held.referral = core::Referral::kRequestForScreening;
      held.hold_status = core::HoldStatus::kNew;
      if (!world.store->Record(held).ok()) StoreWorld::Die("recording a hold");
    }
    if (!world.store->CompactAll().ok()) StoreWorld::Die("compacting");
    return true;
  }();
  benchmark::DoNotOptimize(filled);
  CallTimes times;
  const std::string prefix = absl::StrCat("NC-", absl::ToUnixMicros(absl::Now()), "-");
  int64_t n = 0;
  for (auto _ : state) {
    const std::string waybill = absl::StrCat(prefix, n++);
    times.Time([&] {
      auto hold = world.store->LatestHold("", waybill);
      benchmark::DoNotOptimize(hold);
      auto holds = world.store->HoldsOnWaybill(waybill);
      if (!holds.ok() || !holds->empty()) state.SkipWithError("a hold where none is");
    });
  }
  times.Report(state);
}
BENCHMARK(BM_NoCarrierHoldLookup);

// What a parcel's verdict asks of the store, without the rules: the screener
// calls of real parcels (CountAndSum of their counters, LatestHold on their
// waybill, Record of their verdict with its increments), captured once and
// replayed with a new waybill and decision id each time. The storage share
// of BM_WholeVerdict.
class CapturingHistory final : public core::HistoryStore {
 public:
  explicit CapturingHistory(core::HistoryStore* store) : store_(store) {}
  absl::StatusOr<std::vector<int64_t>> CountAndSum(absl::Span<const core::CounterUpdate> updates,
                                                   absl::Time now,
                                                   std::vector<core::WindowIncrement>* counted)
      override {
    captured.insert(captured.end(), updates.begin(), updates.end());
    return store_->CountAndSum(updates, now, counted);
  }
  void Uncount(absl::Span<const core::WindowIncrement> counted) override {
    store_->Uncount(counted);
  }
  std::vector<core::CounterUpdate> captured;

 private:
  core::HistoryStore* const store_;
};

struct CapturedParcel {
  std::vector<core::CounterUpdate> updates;
  core::Verdict verdict;
};

std::vector<CapturedParcel> CaptureParcels(StoreWorld& world, size_t count) {
  CapturingHistory history(world.store.get());
  core::Screener screener(core::ScreeningConfig::Default(), &world.index, world.store.get(),
                          &world.clock, &history);
  std::vector<CapturedParcel> out;
  for (size_t i = 0; i < count; ++i) {
    core::Consignment parcel = world.parcels[(i * 7919) % world.parcels.size()];
    parcel.house_waybill = absl::StrCat("CAP", i);
    history.captured.clear();
    absl::StatusOr<core::Verdict> verdict = screener.Screen(parcel);
    if (!verdict.ok()) StoreWorld::Die(verdict.status().ToString());
    out.push_back({history.captured, *std::move(verdict)});
  }
  return out;
}

void BM_StorePerParcel(benchmark::State& state) {
  StoreWorld& world = World();
  static const std::vector<CapturedParcel>* captured =
      new std::vector<CapturedParcel>(CaptureParcels(world, 16384));
  std::vector<CapturedParcel> parcels = *captured;
  CallTimes times;
  const std::string prefix =
      absl::StrCat("SP", state.thread_index(), "-", absl::ToUnixMicros(absl::Now()), "-");
  int64_t n = 0;
  std::vector<core::WindowIncrement> counted;
  for (auto _ : state) {
    CapturedParcel& parcel = parcels[n % parcels.size()];
    const std::string waybill = absl::StrCat(prefix, n++);
    for (core::CounterUpdate& u : parcel.updates) {
      if (u.key.starts_with("hawb|")) u.key = absl::StrCat("hawb|", waybill);
    }
    parcel.verdict.house_waybill = waybill;
    parcel.verdict.decision_id = absl::StrCat(prefix, "d", n);
    counted.clear();
    times.Time([&] {
      const absl::Time now = absl::Now();
      auto sums = world.store->CountAndSum(parcel.updates, now, &counted);
      benchmark::DoNotOptimize(sums);
      auto hold = world.store->LatestHold(parcel.verdict.carrier_id, waybill);
      benchmark::DoNotOptimize(hold);
      absl::Status s = world.store->Record(parcel.verdict, counted);
      if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    });
  }
  times.Report(state);
}
BENCHMARK(BM_StorePerParcel);

}  // namespace
}  // namespace placi::bench

int main(int argc, char** argv) {
  // --db_copy=DIR is this binary's own flag.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--db_copy=", 10) == 0) {
      placi::bench::DbCopy() = argv[i] + 10;
    } else {
      argv[out++] = argv[i];
    }
  }
  return placi::bench::RunBenchmarks(out, argv);
}
