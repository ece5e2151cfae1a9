// The commands of placi-bench; see bench_commands.h.
#include "tools/bench/bench_commands.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "tools/bench/json_writer.h"
#include "tools/bench/server_process.h"
#include "tools/bench/watchlist_generator.h"
#include "tools/jsonl.h"

namespace placi::bench {
namespace {

// "16x8" → 16, 8.
bool ParsePair(absl::string_view text, int64_t* a, int64_t* b) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, 'x');
  return parts.size() == 2 && absl::SimpleAtoi(parts[0], a) && absl::SimpleAtoi(parts[1], b) &&
         *a > 0 && *b > 0;
}

std::string Micros(uint64_t ns) { return absl::StrFormat("%.0f", ns / 1000.0); }

// A server the load runs against.
struct Server {
  std::string name;  // baseline | real | target
  std::unique_ptr<ServerProcess> process;
  std::string target;
};

std::vector<std::string> RealServerArgs(const ServerSetup& setup, const std::string& data_dir) {
  std::vector<std::string> args = {"--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
                                   "--data_dir=" + data_dir,
                                   "--seed_watchlist=" + setup.seed_watchlist,
                                   "--drain_seconds=0", "--shutdown_grace_seconds=2"};
  args.insert(args.end(), setup.server_flags.begin(), setup.server_flags.end());
  return args;
}

absl::StatusOr<std::unique_ptr<ServerProcess>> StartReal(const ServerSetup& setup,
                                                         const std::string& data_dir,
                                                         const std::string& name) {
  return ServerProcess::Start({.binary = setup.server_binary,
                               .args = RealServerArgs(setup, data_dir),
                               .work_dir = setup.work_dir,
                               .name = name});
}

absl::StatusOr<std::unique_ptr<ServerProcess>> StartBaseline(const ServerSetup& setup) {
  return ServerProcess::Start({.binary = setup.baseline_binary,
                               .args = {"--listen=127.0.0.1:0"},
                               .work_dir = setup.work_dir,
                               .name = "baseline"});
}

// One server's figures for one scenario.
struct Figures {
  LoadResult result;
  double server_cpu_seconds = -1;  // during the whole run, warmup included
  int64_t parcels_total = 0;       // sent during the whole run, warmup included
  double CpuMicrosPerParcel() const {
    return server_cpu_seconds < 0 || parcels_total == 0 ? -1
                                                         : server_cpu_seconds * 1e6 / parcels_total;
  }
  double ClientCpuMicrosPerParcel() const {
    return parcels_total == 0 ? -1 : result.client_cpu_seconds * 1e6 / parcels_total;
  }
};

void PrintHeader() {
  std::printf("%-34s %-9s %10s %8s %8s %8s %9s %9s %9s %9s %8s %8s %6s %7s\n", "scenario",
              "server", "parcels/s", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us",
              "srv cpu/p", "cli cpu/p", "sent", "received", "lost", "holds");
}

void PrintRow(const std::string& scenario, const std::string& server, const Figures& f) {
  const LoadResult& r = f.result;
  std::printf("%-34s %-9s %10.0f %8s %8s %8s %9s %9s %9.1f %9.1f %8lld %8lld %6lld %7lld\n",
              scenario.c_str(), server.c_str(), r.throughput,
              Micros(r.latency_ns.ValueAtPercentile(50)).c_str(),
              Micros(r.latency_ns.ValueAtPercentile(90)).c_str(),
              Micros(r.latency_ns.ValueAtPercentile(99)).c_str(),
              Micros(r.latency_ns.ValueAtPercentile(99.9)).c_str(),
              Micros(r.latency_ns.max()).c_str(), f.CpuMicrosPerParcel(), f.ClientCpuMicrosPerParcel(),
              static_cast<long long>(r.sent), static_cast<long long>(r.received),
              static_cast<long long>(r.failed), static_cast<long long>(r.holds));
  if (r.unmatched > 0 || r.refused > 0 || r.parcel_errors > 0) {
    std::printf("%-34s %-9s %lld refused (RESOURCE_EXHAUSTED), %lld parcel errors, %lld replies "
                "matched no parcel\n",
                "", server.c_str(), static_cast<long long>(r.refused),
                static_cast<long long>(r.parcel_errors), static_cast<long long>(r.unmatched));
  }
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

void WriteFigures(JsonWriter* json, const Figures& f) {
  const LoadResult& r = f.result;
  json->BeginObject();
  json->Key("throughput").Number(r.throughput);
  json->Key("p50_us").Number(r.latency_ns.ValueAtPercentile(50) / 1000.0);
  json->Key("p90_us").Number(r.latency_ns.ValueAtPercentile(90) / 1000.0);
  json->Key("p99_us").Number(r.latency_ns.ValueAtPercentile(99) / 1000.0);
  json->Key("p999_us").Number(r.latency_ns.ValueAtPercentile(99.9) / 1000.0);
  json->Key("max_us").Number(r.latency_ns.max() / 1000.0);
  json->Key("mean_us").Number(r.latency_ns.mean() / 1000.0);
  json->Key("sent").Int(r.sent);
  json->Key("received").Int(r.received);
  json->Key("verdicts").Int(r.verdicts);
  json->Key("holds").Int(r.holds);
  json->Key("parcel_errors").Int(r.parcel_errors);
  json->Key("refused").Int(r.refused);
  json->Key("failed").Int(r.failed);
  json->Key("unmatched").Int(r.unmatched);
  json->Key("scheduled").Int(r.scheduled);
  json->Key("elapsed_seconds").Number(r.elapsed_seconds);
  json->Key("max_send_lag_us").Number(r.max_send_lag_ns / 1000.0);
  json->Key("server_cpu_us_per_parcel").Number(f.CpuMicrosPerParcel());
  json->Key("client_cpu_us_per_parcel").Number(f.ClientCpuMicrosPerParcel());
  if (!r.reasons.empty()) {
    json->Key("reasons").BeginObject();
    for (const auto& [code, count] : r.reasons) json->Key(code).Int(count);
    json->EndObject();
  }
  json->EndObject();
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text << "\n";
  out.close();
  if (!out) {
    std::fprintf(stderr, "error: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<Scenario> ParseScenario(const std::string& spec) {
  Scenario s;
  s.spec = spec;
  const size_t colon = spec.find(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("scenario \"", spec, "\": want kind:args"));
  }
  const std::string kind = spec.substr(0, colon);
  const absl::string_view args = absl::string_view(spec).substr(colon + 1);
  int64_t a = 0, b = 0;
  if (kind == "unary" && absl::SimpleAtoi(args, &a) && a > 0) {
    s.load.api = LoadOptions::Api::kUnary;
    s.load.in_flight = static_cast<int>(a);
    s.title = a == 1 ? "unary, one call at a time" : absl::StrCat("unary, ", a, " in flight");
  } else if (kind == "stream" && ParsePair(args, &a, &b)) {
    s.load.api = LoadOptions::Api::kStream;
    s.load.streams = static_cast<int>(a);
    s.load.window = static_cast<int>(b);
    s.title = absl::StrCat("stream, ", a, " streams x ", b, " in flight");
  } else if (kind == "open-unary" && absl::SimpleAtoi(args, &a) && a > 0) {
    s.load.api = LoadOptions::Api::kUnary;
    s.load.rate = static_cast<double>(a);
    s.title = absl::StrCat("open loop unary, ", a, "/s");
  } else if (kind == "open-stream" && ParsePair(args, &a, &b)) {
    s.load.api = LoadOptions::Api::kStream;
    s.load.rate = static_cast<double>(a);
    s.load.streams = static_cast<int>(b);
    s.title = absl::StrCat("open loop ", b, " streams, ", a, "/s");
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "scenario \"", spec,
        "\": want unary:N, stream:SxW, open-unary:RATE or open-stream:RATExS"));
  }
  return s;
}

int RunLoadCommand(const LoadCommand& command) {
  // Parcels first: a bad manifest should not cost a server start.
  std::optional<ParcelSource> parcels;
  if (!command.parcels_file.empty()) {
    absl::StatusOr<std::vector<pb::Consignment>> read = ReadManifest(command.parcels_file);
    if (!read.ok()) {
      std::fprintf(stderr, "error: %s\n", read.status().ToString().c_str());
      return 2;
    }
    parcels = ParcelSource::FromParcels(*std::move(read));
  } else {
    parcels = ParcelSource::Generated(command.generator, command.pool);
  }

  std::vector<Server> servers;
  const std::string& which = command.servers;
  if (which == "target") {
    servers.push_back({"target", nullptr, command.target});
  }
  if (which == "both" || which == "baseline") {
    auto baseline = StartBaseline(command.setup);
    if (!baseline.ok()) {
      std::fprintf(stderr, "error: baseline: %s\n", baseline.status().ToString().c_str());
      return 2;
    }
    servers.push_back({"baseline", *std::move(baseline), ""});
  }
  if (which == "both" || which == "real") {
    const std::string data_dir = command.setup.data_dir.empty()
                                     ? command.setup.work_dir + "/real-db"
                                     : command.setup.data_dir;
    auto real = StartReal(command.setup, data_dir, "real");
    if (!real.ok()) {
      std::fprintf(stderr, "error: real server: %s\n", real.status().ToString().c_str());
      return 2;
    }
    servers.push_back({"real", *std::move(real), ""});
  }
  if (servers.empty()) {
    std::fprintf(stderr, "error: --servers must be both, baseline, real or target\n");
    return 2;
  }
  for (Server& s : servers) {
    if (s.process != nullptr) {
      s.target = s.process->target();
      std::printf("%s: serving on %s after %.2f s, RSS %.1f MiB (%s)\n", s.name.c_str(),
                  s.target.c_str(), absl::ToDoubleSeconds(s.process->start_time()),
                  s.process->RssBytes() / 1048576.0, s.process->log_path().c_str());
    }
  }
  std::fflush(stdout);

  const std::string run_tag =
      absl::StrFormat("%06x", static_cast<uint32_t>(absl::ToUnixMicros(absl::Now()) & 0xffffff));
  bool all_counted = true;
  JsonWriter json;
  json.BeginObject();
  json.Key("servers").BeginObject();
  for (const Server& s : servers) {
    json.Key(s.name).BeginObject();
    json.Key("target").String(s.target);
    if (s.process != nullptr) {
      json.Key("start_seconds").Number(absl::ToDoubleSeconds(s.process->start_time()));
      json.Key("rss_bytes").Int(s.process->RssBytes());
    }
    json.EndObject();
  }
  json.EndObject();
  json.Key("scenarios").BeginArray();

  PrintHeader();
  std::vector<uint64_t> next_parcel(servers.size(), 0);  // per server: where its pool resumes
  for (size_t n = 0; n < command.scenarios.size(); ++n) {
    const Scenario& scenario = command.scenarios[n];
    std::vector<Figures> figures;
    for (size_t k = 0; k < servers.size(); ++k) {
      LoadOptions options = scenario.load;
      options.reason_stats = command.reason_stats;
      options.first_parcel = next_parcel[k];
      options.id_prefix = absl::StrCat(run_tag, "s", n, servers[k].name.substr(0, 1), "-");
      const double cpu_before =
          servers[k].process != nullptr ? servers[k].process->CpuSeconds() : -1;
      absl::StatusOr<LoadResult> result = RunLoad(servers[k].target, *parcels, options);
      if (!result.ok()) {
        std::fprintf(stderr, "error: %s on %s: %s\n", scenario.spec.c_str(),
                     servers[k].name.c_str(), result.status().ToString().c_str());
        return 1;
      }
      Figures f;
      f.result = *std::move(result);
      if (servers[k].process != nullptr && cpu_before >= 0) {
        f.server_cpu_seconds = servers[k].process->CpuSeconds() - cpu_before;
      }
      // The CPU covers the warmup too, and so does the count.
      f.parcels_total = f.result.total_sent;
      next_parcel[k] += static_cast<uint64_t>(f.result.total_sent);
      const LoadResult& r = f.result;
      if (r.received != r.sent || r.failed != 0 || r.unmatched != 0) all_counted = false;
      PrintRow(k == 0 ? scenario.title : "", servers[k].name, f);
      if (!r.reasons.empty()) {
        std::vector<std::pair<int64_t, std::string>> top;
        for (const auto& [code, count] : r.reasons) top.push_back({-count, code});
        std::sort(top.begin(), top.end());
        std::string line;
        for (size_t t = 0; t < top.size() && t < 12; ++t) {
          absl::StrAppend(&line, top[t].second, " ",
                          absl::StrFormat("%.1f%%", -100.0 * top[t].first / std::max<int64_t>(r.verdicts, 1)),
                          "  ");
        }
        std::printf("%-34s %-9s reasons: %s\n", "", servers[k].name.c_str(), line.c_str());
      }
      std::fflush(stdout);
      figures.push_back(std::move(f));
    }
    // real / baseline, when both ran.
    const Figures* base = nullptr;
    const Figures* real = nullptr;
    for (size_t k = 0; k < servers.size(); ++k) {
      if (servers[k].name == "baseline") base = &figures[k];
      if (servers[k].name == "real") real = &figures[k];
    }
    if (base != nullptr && real != nullptr) {
      const HdrHistogram& a = real->result.latency_ns;
      const HdrHistogram& b = base->result.latency_ns;
      auto r = [&](double p) {
        return absl::StrFormat("%.2fx", Ratio(a.ValueAtPercentile(p), b.ValueAtPercentile(p)));
      };
      std::printf("%-34s %-9s %9.2fx %8s %8s %8s %9s %9s %8.2fx\n", "", "ratio",
                  Ratio(real->result.throughput, base->result.throughput), r(50).c_str(),
                  r(90).c_str(), r(99).c_str(), r(99.9).c_str(),
                  absl::StrFormat("%.2fx", Ratio(a.max(), b.max())).c_str(),
                  Ratio(real->CpuMicrosPerParcel(), base->CpuMicrosPerParcel()));
      std::fflush(stdout);
    }
    json.BeginObject();
    json.Key("spec").String(scenario.spec);
    json.Key("title").String(scenario.title);
    for (size_t k = 0; k < servers.size(); ++k) {
      json.Key(servers[k].name);
      WriteFigures(&json, figures[k]);
    }
    json.EndObject();
  }
  json.EndArray();
  for (const Server& s : servers) {
    if (s.process != nullptr) {
      json.Key(s.name + "_rss_after_bytes").Int(s.process->RssBytes());
    }
  }
  json.Key("all_counted").Bool(all_counted);
  json.EndObject();

  int exit_code = 0;
  for (Server& s : servers) {
    if (s.process == nullptr) continue;
    if (absl::Status stopped = s.process->Stop(); !stopped.ok()) {
      std::fprintf(stderr, "error: %s server: %s\n", s.name.c_str(), stopped.ToString().c_str());
      exit_code = 1;
    }
  }
  if (!command.json_path.empty() && !WriteFile(command.json_path, json.str())) exit_code = 1;
  if (command.check && !all_counted) {
    std::fprintf(stderr, "error: some parcels were lost, miscounted or not matched\n");
    exit_code = 1;
  }
  return exit_code;
}

int RunStartupCommand(const StartupCommand& command) {
  const bool own_dir = command.setup.data_dir.empty();
  const std::string data_dir =
      own_dir ? command.setup.work_dir + "/startup-db" : command.setup.data_dir;
  std::error_code ignored;
  if (own_dir) std::filesystem::remove_all(data_dir, ignored);
  ServerSetup setup = command.setup;
  setup.seed_watchlist = "none";

  // The requests first, so that generating them is not timed.
  std::fprintf(stderr, "generating %llu watchlist entries...\n",
               static_cast<unsigned long long>(command.entries));
  WatchlistGenerator generator(command.entries);
  std::vector<pb::UpsertEntriesRequest> batches;
  for (uint64_t i = 0; i < command.entries; i += command.batch) {
    pb::UpsertEntriesRequest& request = batches.emplace_back();
    const uint64_t end = std::min<uint64_t>(command.entries, i + command.batch);
    request.mutable_entries()->Reserve(static_cast<int>(end - i));
    for (uint64_t j = i; j < end; ++j) *request.add_entries() = generator.Entry(j);
  }

  auto empty = StartReal(setup, data_dir, "startup-empty");
  if (!empty.ok()) {
    std::fprintf(stderr, "error: %s\n", empty.status().ToString().c_str());
    return 2;
  }
  absl::SleepFor(absl::Seconds(1));  // both RSS readings after the same settling time
  const int64_t rss_empty = (*empty)->RssBytes();
  const double empty_start = absl::ToDoubleSeconds((*empty)->start_time());

  auto channel = grpc::CreateChannel((*empty)->target(), grpc::InsecureChannelCredentials());
  auto stub = pb::WatchlistService::NewStub(channel);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  const absl::Time import_start = absl::Now();
  std::vector<std::thread> workers;
  for (int t = 0; t < std::max(command.in_flight, 1); ++t) {
    workers.emplace_back([&] {
      for (size_t b = next++; b < batches.size() && !failed; b = next++) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
        pb::UpsertEntriesResponse response;
        grpc::Status status = stub->UpsertEntries(&context, batches[b], &response);
        if (!status.ok()) {
          std::fprintf(stderr, "error: UpsertEntries batch %zu: %s\n", b,
                       status.error_message().c_str());
          failed = true;
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();
  const double import_seconds = absl::ToDoubleSeconds(absl::Now() - import_start);
  if (failed) return 1;
  const int64_t rss_imported = (*empty)->RssBytes();
  uint64_t count_after_import = 0;
  {
    grpc::ClientContext context;
    pb::GetWatchlistInfoResponse info;
    if (stub->GetWatchlistInfo(&context, {}, &info).ok()) count_after_import = info.entry_count();
  }
  batches.clear();
  batches.shrink_to_fit();
  if (absl::Status s = (*empty)->Stop(absl::Minutes(2)); !s.ok()) {
    std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
    return 1;
  }

  auto restarted = StartReal(setup, data_dir, "startup-restart");
  if (!restarted.ok()) {
    std::fprintf(stderr, "error: %s\n", restarted.status().ToString().c_str());
    return 2;
  }
  const double restart_seconds = absl::ToDoubleSeconds((*restarted)->start_time());
  absl::SleepFor(absl::Seconds(1));
  const int64_t rss_restarted = (*restarted)->RssBytes();
  uint64_t count_after_restart = 0;
  {
    auto restart_stub = pb::WatchlistService::NewStub(
        grpc::CreateChannel((*restarted)->target(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    pb::GetWatchlistInfoResponse info;
    if (restart_stub->GetWatchlistInfo(&context, {}, &info).ok()) {
      count_after_restart = info.entry_count();
    }
  }
  if (absl::Status s = (*restarted)->Stop(absl::Minutes(2)); !s.ok()) {
    std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
    return 1;
  }
  if (own_dir) std::filesystem::remove_all(data_dir, ignored);

  const double n = static_cast<double>(command.entries);
  const double rate = import_seconds > 0 ? n / import_seconds : 0;
  const double per_entry_restart = n > 0 ? (rss_restarted - rss_empty) / n : 0;
  const double per_entry_import = n > 0 ? (rss_imported - rss_empty) / n : 0;
  std::printf("watchlist entries            %llu (server counts %llu after import, %llu after "
              "restart)\n",
              static_cast<unsigned long long>(command.entries),
              static_cast<unsigned long long>(count_after_import),
              static_cast<unsigned long long>(count_after_restart));
  std::printf("cold start, empty            %.2f s, RSS %.1f MiB\n", empty_start,
              rss_empty / 1048576.0);
  std::printf("import (UpsertEntries x %d)  %.2f s, %.0f entries/s, RSS after %.1f MiB "
              "(%.0f B/entry)\n",
              command.batch, import_seconds, rate, rss_imported / 1048576.0, per_entry_import);
  std::printf("cold start with watchlist    %.2f s, RSS %.1f MiB (%.0f B/entry over empty)\n",
              restart_seconds, rss_restarted / 1048576.0, per_entry_restart);

  JsonWriter json;
  json.BeginObject();
  json.Key("entries").Int(static_cast<int64_t>(command.entries));
  json.Key("count_after_import").Int(static_cast<int64_t>(count_after_import));
  json.Key("count_after_restart").Int(static_cast<int64_t>(count_after_restart));
  json.Key("empty_start_seconds").Number(empty_start);
  json.Key("empty_rss_bytes").Int(rss_empty);
  json.Key("import_seconds").Number(import_seconds);
  json.Key("import_entries_per_second").Number(rate);
  json.Key("rss_after_import_bytes").Int(rss_imported);
  json.Key("restart_seconds").Number(restart_seconds);
  json.Key("rss_after_restart_bytes").Int(rss_restarted);
  json.Key("bytes_per_entry").Number(per_entry_restart);
  json.Key("bytes_per_entry_after_import").Number(per_entry_import);
  json.EndObject();
  if (!command.json_path.empty() && !WriteFile(command.json_path, json.str())) return 1;
  const bool counted = count_after_import == command.entries &&
                       count_after_restart == command.entries;
  if (!counted) std::fprintf(stderr, "error: the server does not hold every entry\n");
  return counted ? 0 : 1;
}

int RunGenWatchlist(uint64_t entries, uint64_t seed, const std::string& out) {
  std::ofstream file(out, std::ios::trunc);
  if (!file) {
    std::fprintf(stderr, "error: cannot write %s\n", out.c_str());
    return 1;
  }
  WatchlistGenerator generator(entries, seed);
  for (uint64_t i = 0; i < entries; ++i) file << tools::ToJson(generator.Entry(i)) << '\n';
  file.close();
  return file ? 0 : 1;
}

int RunGenParcels(uint64_t count, const ParcelGenerator::Options& options, const std::string& out) {
  std::ofstream file(out, std::ios::trunc);
  if (!file) {
    std::fprintf(stderr, "error: cannot write %s\n", out.c_str());
    return 1;
  }
  ParcelGenerator generator(options);
  for (uint64_t i = 0; i < count; ++i) file << tools::ToJson(generator.Parcel(i)) << '\n';
  file.close();
  return file ? 0 : 1;
}

}  // namespace placi::bench
