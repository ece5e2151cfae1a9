// The server side of a watchlist import without gRPC and RocksDB: the
// generated watchlist of --watchlist_entries (default 100,000; the issue's
// size is 1,000,000) in UpsertEntries batches of 10,000, as
// WatchlistService::DoUpsert handles them.
//   BM_CheckEntries  one batch converted (convert::EntryFromProto) and
//                    checked (core::FindEntryViolation, which computes each
//                    entry's index key)
//   BM_IndexImport   a fresh WatchlistIndex filled with every batch, the
//                    keys given (/keys_given:1, as an import passes them on)
//                    or computed by the index (/keys_given:0, as at start)
// Both report entries per second (items_per_second). A ctest runs it on a
// small watchlist so that it keeps building and running; numbers:
//   build/tests/bench/import_benchmark --watchlist_entries=1000000
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "core/intake_limits.h"
#include "core/watchlist_entry.h"
#include "core/watchlist_index.h"
#include "placi/convert/convert.h"
#include "tests/bench/bench_world.h"
#include "tools/bench/watchlist_generator.h"

namespace placi::bench {
namespace {

namespace pb = ::placi::screening::v1;

constexpr size_t kBatch = 10'000;  // what placi-bench startup sends per call

struct ImportWorld {
  std::vector<pb::UpsertEntriesRequest> requests;
  std::vector<std::vector<core::WatchlistEntry>> batches;  // the requests converted
  std::vector<std::vector<std::string>> keys;              // KeyOf of each entry

  ImportWorld() {
    const uint64_t entries = Flags().watchlist_entries;
    WatchlistGenerator generator(entries);
    for (uint64_t i = 0; i < entries; ++i) {
      if (i % kBatch == 0) {
        requests.emplace_back();
        batches.emplace_back();
        keys.emplace_back();
      }
      pb::WatchlistEntry& proto = *requests.back().add_entries();
      proto = generator.Entry(i);
      core::WatchlistEntry& entry = batches.back().emplace_back();
      std::string& key = keys.back().emplace_back();
      auto bad = convert::EntryFromProto(proto, "entry", &entry);
      if (!bad) bad = core::FindEntryViolation(entry, "entry", {}, &key);
      if (bad) {
        std::fprintf(stderr, "generated entry %llu is invalid: %s: %s\n",
                     static_cast<unsigned long long>(i), bad->field.c_str(),
                     bad->description.c_str());
        std::abort();
      }
    }
  }
};

const ImportWorld& World() {
  static const ImportWorld* const world = new ImportWorld();
  return *world;
}

void BM_CheckEntries(benchmark::State& state) {
  const pb::UpsertEntriesRequest& request = World().requests.front();
  const core::IntakeLimits limits;
  std::vector<core::WatchlistEntry> entries(request.entries_size());
  std::vector<std::string> keys(request.entries_size());
  for (auto _ : state) {
    for (int i = 0; i < request.entries_size(); ++i) {
      auto bad = convert::EntryFromProto(request.entries(i), "", &entries[i]);
      if (!bad) bad = core::FindEntryViolation(entries[i], "", limits, &keys[i]);
      benchmark::DoNotOptimize(bad);
    }
  }
  state.SetItemsProcessed(state.iterations() * request.entries_size());
}
BENCHMARK(BM_CheckEntries);

void BM_IndexImport(benchmark::State& state) {
  const ImportWorld& world = World();
  const bool keys_given = state.range(0) != 0;
  size_t entries = 0;
  for (auto _ : state) {
    auto index = std::make_unique<core::WatchlistIndex>();
    for (size_t b = 0; b < world.batches.size(); ++b) {
      if (keys_given) {
        index->Upsert(world.batches[b], world.keys[b], b + 1);
      } else {
        index->Upsert(world.batches[b], b + 1);
      }
    }
    entries += index->size();
    state.PauseTiming();  // freeing the index is not importing
    index.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(entries));
}
BENCHMARK(BM_IndexImport)->Arg(1)->Arg(0)->ArgName("keys_given")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace placi::bench

int main(int argc, char** argv) { return placi::bench::RunBenchmarks(argc, argv); }
