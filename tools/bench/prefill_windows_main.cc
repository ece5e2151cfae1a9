// placi-bench-prefill: fills the aggregation windows of a stopped server's
// data dir with millions of counters (window_prefill.h), so that load runs
// and cold starts meet the issue's "10,000,000 keys in the aggregation
// windows" without sending a million parcels first.
//
//   placi-bench-prefill --data_dir=DIR --keys=10000000
#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/clock.h"
#include "core/watchlist_index.h"
#include "storage/store.h"
#include "tools/bench/window_prefill.h"

ABSL_FLAG(std::string, data_dir, "", "the server's data dir (the server must be stopped)");
ABSL_FLAG(uint64_t, keys, 10'000'000, "window counters to create");
ABSL_FLAG(int, batch, 20'000, "increments per applied event");
ABSL_FLAG(uint64_t, seed, 7, "seed of the synthetic parcels");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Fills a stopped server's aggregation windows (see the source).");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) {
    std::fprintf(stderr, "error: --data_dir is required\n");
    return 2;
  }
  const absl::Time open_start = absl::Now();
  placi::core::WatchlistIndex index;
  auto store = placi::storage::Store::Open({.path = data_dir, .index = &index});
  if (!store.ok()) {
    std::fprintf(stderr, "error: %s\n", store.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "opened %s in %.2f s (watchlist %zu entries)\n", data_dir.c_str(),
               absl::ToDoubleSeconds(absl::Now() - open_start), index.size());
  const absl::Time start = absl::Now();
  absl::StatusOr<uint64_t> created = placi::bench::PrefillWindows(
      store->get(), absl::GetFlag(FLAGS_keys), start, absl::GetFlag(FLAGS_seed),
      static_cast<size_t>(std::max(absl::GetFlag(FLAGS_batch), 1)));
  if (!created.ok()) {
    std::fprintf(stderr, "error: %s\n", created.status().ToString().c_str());
    return 1;
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::printf("window counters: about %llu created in %.1f s (%.0f/s)\n",
              static_cast<unsigned long long>(*created), seconds, *created / seconds);
  // Months of traffic leave the counters compacted. Without this the next
  // open (the measured server) spends its first minute compacting the
  // level-0 files written here: about a third of its CPU during a load run.
  const absl::Time compact_start = absl::Now();
  if (absl::Status compacted = (*store)->CompactAll(); !compacted.ok()) {
    std::fprintf(stderr, "error: %s\n", compacted.ToString().c_str());
    return 1;
  }
  std::printf("compacted in %.1f s\n", absl::ToDoubleSeconds(absl::Now() - compact_start));
  store->reset();  // flushes and closes
  return 0;
}
