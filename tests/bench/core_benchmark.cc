// The core on one parcel, without storage: normalisation, watchlist matching
// against a generated watchlist of --watchlist_entries (default 100,000; the
// issue's size is 1,000,000), description reading (term tokens, goods indicators),
// the 7+1 data checks, and the whole core pipeline (core::Screener with a
// decision store that keeps nothing, with and without the in-memory window
// double of tests/test_util). Parcels come from tools/bench's generator (5%
// aimed at the watchlist, 5% incomplete), converted as the server converts
// the wire. Besides the mean, each reports p50_us / p99_us / p999_us of
// single calls. BM_ScreenCoreFreshText is the pipeline on parcels whose
// names and descriptions hardly ever repeat (real streams repeat far less
// than the generated parcels): the per-thread caches' worst case.
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

CoreWorld& MutableWorld() {
  static CoreWorld* const world = new CoreWorld();
  return *world;
}
const CoreWorld& World() { return MutableWorld(); }

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
    core::CheckData(world.parcels[at], world.normalized[at], world.config,
                    absl::FromUnixSeconds(1796113800), &reasons);
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
      size_t /*limit*/, std::string_view /*before_decision_id*/) const override {
    return std::vector<core::Verdict>();
  }
};

// The whole core pipeline on each of `parcels` in turn: data checks, goods
// indicators, watchlist match, score, verdict, hold state and the
// decision-log record, into a DiscardingDecisionStore (`windows`: and the
// windows, into the in-memory HistoryStore double). Every parcel gets a new
// house waybill, as in production.
void ScreenInTurn(benchmark::State& state, std::vector<core::Consignment> parcels, bool windows) {
  // Mutable: a Screener sets its rules' counterfeit terms on the index.
  CoreWorld& world = MutableWorld();
  testing::FakeClock clock;
  auto decisions = std::make_unique<DiscardingDecisionStore>();
  auto history = std::make_unique<testing::InMemoryHistoryStore>();
  // Without windows, one Screener serves every run of the benchmark, as one
  // serves a server's life: a new one files its rules' terms in the index
  // under a ruleset of its own, which empties the threads' memos, and each
  // of Google Benchmark's runs then started with them cold (the p99 at
  // 10,000 entries ~20 → ~31 µs, the first pass over the pool).
  // Never destroyed, as the world is not: a static Screener's destructor
  // ran at exit after the main thread's thread_local scratch strings were
  // freed, and taking its rules' terms out of the index wrote into them
  // (valgrind: invalid write in SpellChineseBrandsInLatin; a SIGSEGV in
  // tcmalloc at exit in session 26's CI).
  static auto* const lasting_decisions = new DiscardingDecisionStore();
  static auto* const lasting_clock = new testing::FakeClock();
  static core::Screener* const lasting = new core::Screener(
      world.config, &world.index, lasting_decisions, lasting_clock, /*history=*/nullptr);
  auto screener = windows ? std::make_unique<core::Screener>(world.config, &world.index,
                                                             decisions.get(), &clock, history.get())
                          : nullptr;
  const auto screen = [&](const core::Consignment& parcel) {
    return screener != nullptr ? screener->Screen(parcel) : lasting->Screen(parcel);
  };
  CallTimes times;
  int64_t n = 0;
  int64_t holds = 0;
  for (auto _ : state) {
    core::Consignment& parcel = parcels[n % parcels.size()];
    parcel.house_waybill = absl::StrCat("BC", n++);
    absl::StatusOr<core::Verdict> verdict;
    times.Time([&] { verdict = screen(parcel); });
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

// The whole core pipeline (ScreenInTurn) on the generated parcels
// (state.range(0) == 1: with the windows).
void BM_ScreenCore(benchmark::State& state) {
  ScreenInTurn(state, World().parcels, /*windows=*/state.range(0) == 1);
}
BENCHMARK(BM_ScreenCore)->Arg(0)->ArgName("windows");
// One parcel screened, in a function of its own: callgrind collects inside
// it only (tools/bench/core_instructions.py, --toggle-collect), not in the
// warm-up pass of BM_ScreenCoreCounted, which calls Screen directly.
[[gnu::noinline]] absl::StatusOr<core::Verdict> ScreenCountedParcel(
    const core::Screener& screener, const core::Consignment& parcel) {
  return screener.Screen(parcel);
}

// BM_ScreenCore/windows:0 on a fixed number of parcels after one untimed
// pass over the pool, for counting instructions under callgrind
// (tools/bench/core_instructions.py). A run bound by time screened more
// parcels with a faster binary, whose memos then hit more often, so two
// binaries' counts were not comparable; and a timed run's million parcels
// pass over the pool many times, so its memos are warm: the pass first
// makes them so here too.
void BM_ScreenCoreCounted(benchmark::State& state) {
  CoreWorld& world = MutableWorld();
  std::vector<core::Consignment> parcels = World().parcels;
  testing::FakeClock clock;
  DiscardingDecisionStore decisions;
  const core::Screener screener(world.config, &world.index, &decisions, &clock,
                                /*history=*/nullptr);
  size_t n = 0;
  for (; n < parcels.size(); ++n) {
    parcels[n].house_waybill = absl::StrCat("BC", n);
    if (!screener.Screen(parcels[n]).ok()) {
      state.SkipWithError("the warm-up pass failed");
      return;
    }
  }
  for (auto _ : state) {
    core::Consignment& parcel = parcels[n % parcels.size()];
    parcel.house_waybill = absl::StrCat("BC", n++);
    absl::StatusOr<core::Verdict> verdict = ScreenCountedParcel(screener, parcel);
    if (!verdict.ok()) {
      state.SkipWithError(verdict.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(verdict);
  }
}
BENCHMARK(BM_ScreenCoreCounted)->Iterations(20'000);
BENCHMARK(BM_ScreenCore)->Arg(1)->ArgName("windows");

// A made-up word of three or four syllables ("kobamu"), one per parcel and
// field: in no vocabulary of the generators, hardly ever the same twice.
std::string MadeUpWord(uint64_t parcel, uint64_t field) {
  Rng rng(/*seed=*/0x5eed, field, parcel);
  static constexpr std::string_view kConsonants = "bdfgklmnprstvz";
  static constexpr std::string_view kVowels = "aeiou";
  std::string word;
  const uint64_t syllables = 3 + rng.Below(2);
  for (uint64_t s = 0; s < syllables; ++s) {
    word.push_back(kConsonants[rng.Below(kConsonants.size())]);
    word.push_back(kVowels[rng.Below(kVowels.size())]);
  }
  return word;
}

// `name` with its first word replaced by `word` (or `word` if it has none).
std::string WithFirstWord(std::string_view name, std::string_view word) {
  const size_t space = name.find(' ');
  if (space == std::string_view::npos) return std::string(word);
  return std::string(word).append(name.substr(space));
}

// The generated parcels with every clean parcel's names and descriptions
// made its own: a made-up word for the first word of the consignee's,
// consignor's and seller's names, and one more after each description.
// The generator draws names from a few hundred words and descriptions from
// ~40 products, so on the plain parcels the per-thread caches of name
// tokens, descriptions' grams and goods categories (session 7) nearly
// always hit; real streams repeat far less. Here nearly every lookup
// misses (65,536 parcels, ~230,000 made-up words, against caches of 8,192
// tokens and 4,096 descriptions): their worst case. Parcels aimed at the
// watchlist or incomplete stay as they were, so that the hits and holds
// are those of BM_ScreenCore.
std::vector<core::Consignment> FreshTextParcels(const CoreWorld& world) {
  ParcelGenerator::Options options;
  options.watchlist_entries = Flags().watchlist_entries;  // as Parcels() makes them
  const ParcelGenerator generator(options);
  std::vector<core::Consignment> parcels = world.parcels;
  for (size_t i = 0; i < parcels.size(); ++i) {
    if (generator.KindOf(i) != ParcelGenerator::Kind::kClean) continue;
    core::Consignment& parcel = parcels[i];
    parcel.consignee.name = WithFirstWord(parcel.consignee.name, MadeUpWord(i, 0));
    parcel.consignor.name = WithFirstWord(parcel.consignor.name, MadeUpWord(i, 1));
    if (!parcel.ecommerce.seller_name.empty()) {
      parcel.ecommerce.seller_name = WithFirstWord(parcel.ecommerce.seller_name, MadeUpWord(i, 2));
    }
    for (size_t n = 0; n < parcel.items.size(); ++n) {
      absl::StrAppend(&parcel.items[n].description, " ", MadeUpWord(i, 3 + n));
    }
  }
  return parcels;
}

// The whole core pipeline, without the windows, on parcels that defeat the
// per-thread caches (FreshTextParcels).
void BM_ScreenCoreFreshText(benchmark::State& state) {
  ScreenInTurn(state, FreshTextParcels(World()), /*windows=*/false);
}
BENCHMARK(BM_ScreenCoreFreshText);

}  // namespace
}  // namespace placi::bench

int main(int argc, char** argv) { return placi::bench::RunBenchmarks(argc, argv); }
