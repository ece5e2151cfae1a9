// The commands of placi-bench (bench_main.cc parses the flags into these).
//
//   load            start the baseline and the real server (or use --target),
//                   run each load scenario on both, print figures and ratios
//   startup         cold start, watchlist import rate (UpsertEntries in batches)
//                   and resident memory per watchlist entry, on the real server
//   gen-watchlist   write a generated watchlist as JSONL
//   gen-parcels     write generated parcels as a JSONL manifest
#ifndef PLACI_TOOLS_BENCH_BENCH_COMMANDS_H_
#define PLACI_TOOLS_BENCH_BENCH_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/bench/load_driver.h"
#include "tools/bench/parcel_generator.h"

namespace placi::bench {

// One load shape, parsed from "unary:32", "stream:16x8", "open-unary:5000"
// or "open-stream:5000x16".
struct Scenario {
  std::string spec;  // as given
  std::string title;  // "unary, 32 in flight"
  LoadOptions load;
};
absl::StatusOr<Scenario> ParseScenario(const std::string& spec);

// Where servers come from and where their files go.
struct ServerSetup {
  std::string server_binary;    // placi-screen-server
  std::string baseline_binary;  // placi-bench-baseline
  std::string work_dir;         // logs, port files, temp data dirs
  std::string data_dir;         // real server's; empty: a fresh one in work_dir
  std::string seed_watchlist = "none";
  std::vector<std::string> server_flags;  // extra flags for the real server
};

struct LoadCommand {
  std::string servers = "both";  // both | baseline | real | target
  std::string target;            // with servers=target
  ServerSetup setup;
  std::vector<Scenario> scenarios;
  std::string parcels_file;  // empty: the generator
  ParcelGenerator::Options generator;
  size_t pool = 200'000;
  bool check = false;     // exit 1 on any lost, unmatched or miscounted reply
  bool reason_stats = false;  // print what the verdicts were held for
  std::string json_path;  // empty: no JSON
};
int RunLoadCommand(const LoadCommand& command);

struct StartupCommand {
  ServerSetup setup;  // data_dir is kept when given (for later load runs)
  uint64_t entries = 1'000'000;
  int batch = 10'000;     // entries per UpsertEntries call (at most 10,000)
  int in_flight = 1;      // UpsertEntries calls in flight
  std::string json_path;
};
int RunStartupCommand(const StartupCommand& command);

int RunGenWatchlist(uint64_t entries, uint64_t seed, const std::string& out);
int RunGenParcels(uint64_t count, const ParcelGenerator::Options& options, const std::string& out);

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_BENCH_COMMANDS_H_
