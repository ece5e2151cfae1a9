// placi-bench: the load generator and server benchmarks of placi-screen.
//
//   placi-bench load [--scenarios=unary:32,stream:16x8,unary:1,open-unary:5000]
//                    [--servers=both|baseline|real|target] [--target=HOST:PORT]
//                    [--data_dir=DIR] [--watchlist_entries=N] [--parcels=FILE.jsonl]
//                    [--duration=10] [--warmup=2] [--json=FILE] [--check]
//   placi-bench startup --entries=1000000 [--batch=10000] [--data_dir=DIR] [--json=FILE]
//   placi-bench gen-watchlist --entries=1000000 --out=FILE.jsonl
//   placi-bench gen-parcels --count=10000 --out=FILE.jsonl
//
// `load` starts placi-bench-baseline (a constant-verdict server) and the real
// placi-screen-server on port 0 with a temp data dir (or --data_dir), runs
// every scenario against each, and prints throughput and latency
// percentiles side by side with real/baseline ratios. See docs/performance.md.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "tools/bench/bench_commands.h"
#include "tools/bench/server_process.h"

ABSL_FLAG(std::string, servers, "both", "load: both | baseline | real | target");
ABSL_FLAG(std::string, target, "", "load --servers=target: host:port of a running server");
ABSL_FLAG(std::string, scenarios, "unary:32,stream:16x8,unary:1,open-unary:5000",
          "load: comma-separated unary:N (N calls in flight), stream:SxW (S streams, W in "
          "flight each), open-unary:RATE, open-stream:RATExS (open loop, parcels/s)");
ABSL_FLAG(double, duration, 10, "load: seconds measured per scenario and server");
ABSL_FLAG(double, warmup, 2, "load: seconds of unmeasured load before each measurement");
ABSL_FLAG(int64_t, max_parcels, 0,
          "load: measure this many parcels per scenario instead of --duration seconds");
ABSL_FLAG(int, channels, 1, "load: gRPC channels (TCP connections) to spread calls over");
ABSL_FLAG(std::string, parcels, "", "load: JSONL manifest of Consignments (default: generated)");
ABSL_FLAG(uint64_t, watchlist_entries, 0,
          "load/gen-parcels: size of the generated watchlist the server holds, to aim the "
          "watchlisted fraction at (0: none)");
ABSL_FLAG(double, watchlisted_fraction, 0.05, "generated parcels aimed at the watchlist");
ABSL_FLAG(double, incomplete_fraction, 0.05, "generated parcels missing data (HOLD + RFI)");
ABSL_FLAG(uint64_t, seed, 1, "generators' seed");
ABSL_FLAG(uint64_t, pool, 200000,
          "load: distinct generated parcels, sent in turn (each scenario goes on where the "
          "last stopped, so that consignees do not repeat within a run)");
ABSL_FLAG(bool, check, false,
          "load: exit 1 unless every parcel sent got exactly one matching reply");
ABSL_FLAG(bool, reason_stats, false,
          "load: count the reason codes of the verdicts and print the commonest");
ABSL_FLAG(std::string, json, "", "write the figures as JSON to this file");
ABSL_FLAG(std::string, server_binary, "", "placi-screen-server (default: beside the build)");
ABSL_FLAG(std::string, baseline_binary, "", "placi-bench-baseline (default: beside placi-bench)");
ABSL_FLAG(std::string, work_dir, "", "logs and temp data dirs (default: a new /tmp dir)");
ABSL_FLAG(bool, keep_work_dir, false, "keep --work_dir's default temp dir after the run");
ABSL_FLAG(std::string, data_dir, "",
          "the real server's data dir (kept); default: a fresh one in the work dir");
ABSL_FLAG(std::string, seed_watchlist, "none", "the real server's --seed_watchlist");
ABSL_FLAG(std::vector<std::string>, server_flags, {},
          "extra flags for the real server, comma-separated (e.g. --sync_decisions)");
ABSL_FLAG(uint64_t, entries, 1000000, "startup/gen-watchlist: watchlist entries");
ABSL_FLAG(int, batch, 10000, "startup: entries per UpsertEntries call");
ABSL_FLAG(int, import_in_flight, 1, "startup: UpsertEntries calls in flight");
ABSL_FLAG(uint64_t, count, 10000, "gen-parcels: parcels");
ABSL_FLAG(std::string, out, "", "gen-watchlist/gen-parcels: output file");

namespace {

namespace fs = std::filesystem;

fs::path SelfDir() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::current_path() : self.parent_path();
}

placi::bench::ParcelGenerator::Options GeneratorOptions() {
  placi::bench::ParcelGenerator::Options options;
  options.watchlist_entries = absl::GetFlag(FLAGS_watchlist_entries);
  options.watchlisted_fraction = absl::GetFlag(FLAGS_watchlisted_fraction);
  options.incomplete_fraction = absl::GetFlag(FLAGS_incomplete_fraction);
  options.seed = absl::GetFlag(FLAGS_seed);
  return options;
}

// The work dir: given, or a new temp dir removed at exit.
struct WorkDir {
  std::string path;
  bool remove = false;
  ~WorkDir() {
    std::error_code ignored;
    if (remove) fs::remove_all(path, ignored);
  }
};

bool MakeSetup(placi::bench::ServerSetup* setup, WorkDir* work) {
  const fs::path self = SelfDir();
  setup->server_binary = absl::GetFlag(FLAGS_server_binary);
  if (setup->server_binary.empty()) {
    setup->server_binary = (self / "../../server/placi-screen-server").lexically_normal();
  }
  setup->baseline_binary = absl::GetFlag(FLAGS_baseline_binary);
  if (setup->baseline_binary.empty()) setup->baseline_binary = self / "placi-bench-baseline";
  work->path = absl::GetFlag(FLAGS_work_dir);
  if (work->path.empty()) {
    char pattern[] = "/tmp/placi-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
      std::fprintf(stderr, "error: cannot create a temp dir\n");
      return false;
    }
    work->path = pattern;
    work->remove = !absl::GetFlag(FLAGS_keep_work_dir);
  } else {
    std::error_code error;
    fs::create_directories(work->path, error);
  }
  setup->work_dir = work->path;
  setup->data_dir = absl::GetFlag(FLAGS_data_dir);
  setup->seed_watchlist = absl::GetFlag(FLAGS_seed_watchlist);
  setup->server_flags = absl::GetFlag(FLAGS_server_flags);
  return true;
}

int Usage() {
  std::fprintf(stderr,
               "usage: placi-bench load|startup|gen-watchlist|gen-parcels [flags]\n"
               "       placi-bench --help for the flags\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Load generator and server benchmarks of placi-screen: load | startup | gen-watchlist | "
      "gen-parcels (see tools/bench/bench_main.cc).");
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  // Channels come and go with every scenario; see server_process.h.
  placi::bench::HoldGrpcCallbackQueue();
  const std::string command = positional.size() > 1 ? positional[1] : "load";
  if (positional.size() > 2) return Usage();

  if (command == "gen-watchlist" || command == "gen-parcels") {
    const std::string out = absl::GetFlag(FLAGS_out);
    if (out.empty()) {
      std::fprintf(stderr, "error: --out is required\n");
      return 2;
    }
    return command == "gen-watchlist"
               ? placi::bench::RunGenWatchlist(absl::GetFlag(FLAGS_entries),
                                               absl::GetFlag(FLAGS_seed), out)
               : placi::bench::RunGenParcels(absl::GetFlag(FLAGS_count), GeneratorOptions(),
                                             out);
  }

  WorkDir work;
  if (command == "startup") {
    placi::bench::StartupCommand startup;
    if (!MakeSetup(&startup.setup, &work)) return 2;
    startup.entries = absl::GetFlag(FLAGS_entries);
    startup.batch = absl::GetFlag(FLAGS_batch);
    startup.in_flight = absl::GetFlag(FLAGS_import_in_flight);
    startup.json_path = absl::GetFlag(FLAGS_json);
    if (startup.batch <= 0 || startup.batch > 10000) {
      std::fprintf(stderr, "error: --batch must be 1..10000\n");
      return 2;
    }
    return placi::bench::RunStartupCommand(startup);
  }
  if (command != "load") return Usage();

  placi::bench::LoadCommand load;
  if (!MakeSetup(&load.setup, &work)) return 2;
  load.servers = absl::GetFlag(FLAGS_servers);
  load.target = absl::GetFlag(FLAGS_target);
  if (load.servers == "target" && load.target.empty()) {
    std::fprintf(stderr, "error: --servers=target needs --target\n");
    return 2;
  }
  for (absl::string_view spec :
       absl::StrSplit(absl::GetFlag(FLAGS_scenarios), ',', absl::SkipEmpty())) {
    absl::StatusOr<placi::bench::Scenario> scenario =
        placi::bench::ParseScenario(std::string(spec));
    if (!scenario.ok()) {
      std::fprintf(stderr, "error: %s\n", std::string(scenario.status().message()).c_str());
      return 2;
    }
    scenario->load.warmup = absl::Seconds(absl::GetFlag(FLAGS_warmup));
    scenario->load.duration = absl::Seconds(absl::GetFlag(FLAGS_duration));
    scenario->load.max_parcels = absl::GetFlag(FLAGS_max_parcels);
    scenario->load.channels = absl::GetFlag(FLAGS_channels);
    load.scenarios.push_back(*std::move(scenario));
  }
  load.parcels_file = absl::GetFlag(FLAGS_parcels);
  load.generator = GeneratorOptions();
  load.pool = absl::GetFlag(FLAGS_pool);
  load.check = absl::GetFlag(FLAGS_check);
  load.reason_stats = absl::GetFlag(FLAGS_reason_stats);
  load.json_path = absl::GetFlag(FLAGS_json);
  return placi::bench::RunLoadCommand(load);
}
