// The core on one parcel, without storage: normalisation, watchlist matching
// against a generated watchlist of --watchlist_entries (default 100,000; the
// issue's size is 1,000,000), description reading (term tokens, goods indicators),
// the 7+1 data checks, and the whole core pipeline (core::Screener with a
// decision store that keeps nothing, with and without the in-memory window
// double of tests/test_util). Parcels come from tools/bench's generator (5%
// aimed at the watchlist, 5% incomplete), converted as the server converts
// the wire. Besides the mean, each reports p50_us / p99_us / p999_us of
// single calls.
//
// A ctest runs it with --benchmark_min_time=0.01 on a small watchlist so that
// it keeps building and running; numbers (the target: median <= 5 us,
// p99 <= 25 us for BM_ScreenCore):
//   build/tests/bench/core_benchmark --watchlist_entries=1000000 --benchmark_min_time=2
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "core/data_checks.h"
#include "core/decision_store.h"
#include "core/goods_rules.h"
#include "core/intake_limits.h"
#include "core/normalized_parcel.h"
#include "core/normalize.h"
#include "core/screener.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"
#include "tests/bench/bench_world.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_history_store.h"

namespace placi::bench {
namespace {

struct CoreWorld {
  core::WatchlistIndex index;
  std::vector<core::Consignment> parcels;
  std::vector<core::NormalizedParcel> normalized;  // NormalizeParcel of each parcel
  core::ScreeningConfig config = core::ScreeningConfig::Default();

  // Also reports what building the index cost: the time spent in Upsert
  // (entries/s, generation excluded) and the resident memory it added per
  // entry (the generated batches are freed as it goes).
  CoreWorld() {
    const uint64_t entries = Flags().watchlist_entries;
    uint64_t version = 0;
    const int64_t rss_before = ResidentBytes();
    double upsert_seconds = 0;
    ForEachEntryBatch(entries, 10'000, [&](const std::vector<core::WatchlistEntry>& batch) {
      const auto start = std::chrono::steady_clock::now();
      index.Upsert(batch, ++version);
      upsert_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
    const int64_t rss_after = ResidentBytes();
    parcels = Parcels(entries, 65'536);  // consignees rarely repeat (see verdict_benchmark.cc)
    normalized.reserve(parcels.size());
    for (const core::Consignment& parcel : parcels) {
      normalized.push_back(core::NormalizeParcel(parcel));
    }
    std::fprintf(stderr,
                 "core world: %zu watchlist entries (Upsert %.2f s, %.0f entries/s; index RSS "
                 "%.0f B/entry), %zu parcels\n",
                 index.size(), upsert_seconds, entries / std::max(upsert_seconds, 1e-9),
                 static_cast<double>(rss_after - rss_before) / std::max<uint64_t>(entries, 1),
                 parcels.size());
  }

  static int64_t ResidentBytes() {
    std::FILE* status = std::fopen("/proc/self/status", "r");
    if (status == nullptr) return 0;
    char line[256];
    int64_t kib = 0;
    while (std::fgets(line, sizeof line, status) != nullptr) {
      if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
    }
    std::fclose(status);
    return kib * 1024;
  }
};

const CoreWorld& World() {
  static const CoreWorld* const world = new CoreWorld();
  return *world;
}

// The parcel normalised beforehand, as in Judge (BM_NormalizeParcel is that
// part; until the NormalizedParcel came, Match normalised for itself).
void BM_WatchlistMatch(benchmark::State& state) {
  const CoreWorld& world = World();
  CallTimes times;
  std::vector<core::WatchlistHit> hits;
  size_t i = 0;
  int64_t hit_count = 0;
  for (auto _ : state) {
    const size_t at = i++ % world.parcels.size();
    hits.clear();
    times.Time([&] {
      world.index.Match(world.parcels[at], world.normalized[at], &hits,
                        {.name_similarity_threshold = world.config.name_similarity_threshold});
    });
    hit_count += static_cast<int64_t>(hits.size());
  }
  times.Report(state);
  state.counters["hits_per_parcel"] =
      benchmark::Counter(static_cast<double>(hit_count) / std::max<int64_t>(state.iterations(), 1));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WatchlistMatch);

// Description reading: goods text as the term matcher reads it.
void BM_TermTokens(benchmark::State& state) {
  const CoreWorld& world = World();
  size_t i = 0;
  for (auto _ : state) {
    const core::Consignment& parcel = world.parcels[i++ % world.parcels.size()];
    for (const core::GoodsItem& item : parcel.items) {
      benchmark::DoNotOptimize(core::TermTokens(item.description));
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TermTokens);

// Non-ASCII goods text takes ICU's transliteration path.
void BM_TermTokensUnicode(benchmark::State& state) {
  const std::string text = "Damen Sportschuhe aus Leder, Größe 38, 运动鞋 (Laufschuhe)";
  for (auto _ : state) benchmark::DoNotOptimize(core::TermTokens(text));
}
BENCHMARK(BM_TermTokensUnicode);

// Party names and addresses with accents (most EU consignees): NameKey and
// AddressKey fold them through the same ICU path.
void BM_NameAndAddressKeyLatin1(benchmark::State& state) {
  const core::Address address{"Königstraße 12", "Düsseldorf", "40212", "DE"};
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::NameKey("Jürgen Müller-Lüdenscheidt"));
    benchmark::DoNotOptimize(core::AddressKey(address));
  }
}
BENCHMARK(BM_NameAndAddressKeyLatin1);

void BM_NameAndAddressKeyAscii(benchmark::State& state) {
  const core::Address address{"Koenigstrasse 12", "Duesseldorf", "40212", "DE"};
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::NameKey("Juergen Mueller-Luedenscheidt"));
    benchmark::DoNotOptimize(core::AddressKey(address));
  }
}
BENCHMARK(BM_NameAndAddressKeyAscii);

// What Screener::Judge does first: every name, address, contact and
// description of the parcel normalised once (normalized_parcel.h).
void BM_NormalizeParcel(benchmark::State& state) {
  const CoreWorld& world = World();
  CallTimes times;
  size_t i = 0;
  for (auto _ : state) {
    const core::Consignment& parcel = world.parcels[i++ % world.parcels.size()];
    times.Time([&] { benchmark::DoNotOptimize(core::NormalizeParcel(parcel)); });
  }
  times.Report(state);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizeParcel);

// Description reading: goods categories, brands, HS codes, values (the
// parcel normalised beforehand, as in Judge).
void BM_GoodsIndicators(benchmark::State& state) {
  const CoreWorld& world = World();
  CallTimes times;
  std::vector<core::Reason> reasons;
  size_t i = 0;
  for (auto _ : state) {
    const size_t at = i++ % world.parcels.size();
    reasons.clear();
    times.Time([&] {
      core::AddGoodsIndicators(world.parcels[at], world.normalized[at], world.config, &reasons);
    });
  }
  times.Report(state);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GoodsIndicators);

void BM_CheckData(benchmark::State& state) {
  const CoreWorld& world = World();
  std::vector<core::Reason> reasons;
  size_t i = 0;
  for (auto _ : state) {
    reasons.clear();
    const size_t at = i++ % world.parcels.size();
    core::CheckData(world.parcels[at], world.normalized[at], world.config, &reasons);
    benchmark::DoNotOptimize(reasons);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckData);

// The server's structural check of each parcel before screening (field
// sizes, money, counts); not part of Screen, but on every parcel's path.
void BM_FindLimitViolation(benchmark::State& state) {
  const CoreWorld& world = World();
  const core::IntakeLimits limits;
  size_t i = 0;
  for (auto _ : state) {
    auto violation = core::FindLimitViolation(world.parcels[i++ % world.parcels.size()], limits);
    benchmark::DoNotOptimize(violation);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindLimitViolation);

// "No storage": the decision log as a store that keeps nothing. Every parcel
// of the benchmark has a new house waybill, so a store that kept verdicts
// would never find a hold either; the in-memory double of tests/test_util
// (a copy of each verdict into a vector, a std::map of holds) was ~8% of
// Screen, a cost of the double, not of the core. The real store is measured
// by verdict_benchmark's BM_WholeVerdict.
class DiscardingDecisionStore final : public core::DecisionStore {
 public:
  absl::Status Record(const core::Verdict& /*verdict*/,
                      absl::Span<const core::WindowIncrement> /*counted*/) override {
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<core::Verdict>> LatestHold(
      std::string_view /*carrier_id*/, std::string_view /*house_waybill*/) const override {
    return std::optional<core::Verdict>();
  }
  absl::StatusOr<std::vector<core::Verdict>> HoldsOnWaybill(
      std::string_view /*house_waybill*/) const override {
    return std::vector<core::Verdict>();
  }
  absl::StatusOr<core::Verdict> GetDecision(std::string_view /*decision_id*/) const override {
    return absl::NotFoundError("the benchmark's decision store keeps no decision");
  }
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(
      std::string_view /*house_waybill*/, std::string_view /*carrier_id*/,
      size_t /*limit*/) const override {
    return std::vector<core::Verdict>();
  }
};

// The whole core pipeline on one parcel: data checks, goods indicators,
// watchlist match, score, verdict, hold state and the decision-log record,
// into a DiscardingDecisionStore (state.range(0) == 1: and the windows, into
// the in-memory HistoryStore double). Every parcel gets a new house waybill,
// as in production.
void BM_ScreenCore(benchmark::State& state) {
  const CoreWorld& world = World();
  const bool windows = state.range(0) == 1;
  testing::FakeClock clock;
  auto decisions = std::make_unique<DiscardingDecisionStore>();
  auto history = std::make_unique<testing::InMemoryHistoryStore>();
  auto screener = std::make_unique<core::Screener>(world.config, &world.index, decisions.get(),
                                                   &clock, windows ? history.get() : nullptr);
  std::vector<core::Consignment> parcels = world.parcels;
  CallTimes times;
  int64_t n = 0;
  int64_t holds = 0;
  for (auto _ : state) {
    core::Consignment& parcel = parcels[n % parcels.size()];
    parcel.house_waybill = absl::StrCat("BC", n++);
    absl::StatusOr<core::Verdict> verdict;
    times.Time([&] { verdict = screener->Screen(parcel); });
    if (!verdict.ok()) {
      state.SkipWithError(verdict.status().ToString().c_str());
      break;
    }
    holds += verdict->decision == core::Decision::kHold;
    // The window double keeps every counter; start afresh now and then,
    // untimed, so that memory stays bounded on long runs.
    if (windows && n % 100'000 == 0) {
      state.PauseTiming();
      screener.reset();
      history = std::make_unique<testing::InMemoryHistoryStore>();
      screener = std::make_unique<core::Screener>(world.config, &world.index, decisions.get(),
                                                  &clock, windows ? history.get() : nullptr);
      state.ResumeTiming();
    }
  }
  times.Report(state);
  state.counters["hold_fraction"] =
      benchmark::Counter(static_cast<double>(holds) / std::max<int64_t>(n, 1));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenCore)->Arg(0)->ArgName("windows");
BENCHMARK(BM_ScreenCore)->Arg(1)->ArgName("windows");

}  // namespace
}  // namespace placi::bench

int main(int argc, char** argv) { return placi::bench::RunBenchmarks(argc, argv); }
