// placi-screen-server: parses flags, starts ServerApp, and stops it
// gracefully on SIGTERM or SIGINT. Everything else lives in ServerApp.
//
//   placi-screen-server --data_dir=data/rocksdb --listen=127.0.0.1:50051
//
// Exit codes: 0 after a graceful stop, 2 when the server cannot start (one
// line on stderr names the problem: a "start_failed" event), 1 for bad
// flags. Logs: json_log.h (--log_format, --log_verdicts).
#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/screening_config.h"
#include "server/env_flags.h"
#include "server/json_log.h"
#include "server/server_app.h"
#include "server/server_options.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "gRPC address, host:port (port 0: any free)");
ABSL_FLAG(std::string, metrics_listen, "127.0.0.1:9464",
          "Prometheus /metrics address, host:port (port 0: any free)");
ABSL_FLAG(std::string, data_dir, "data/rocksdb", "RocksDB directory (created if missing)");
ABSL_FLAG(std::string, seed_watchlist, "",
          "Watchlist a fresh database is seeded with: empty for the demo watchlist built in, "
          "'none' for no seed, or a JSONL file of WatchlistEntry (proto3 JSON). A database is "
          "seeded once; later starts keep what admins changed.");
ABSL_FLAG(bool, sync_decisions, false,
          "fsync every verdict (else verdicts are in the WAL: safe from a crash of the process, "
          "not from a power loss)");
ABSL_FLAG(uint64_t, window_snapshot_records, 500'000,
          "Verdicts between snapshots of the window counters to the data dir (what a restart "
          "after a crash replays from the log; ~1 s at 500,000). Small values are for tests.");
ABSL_FLAG(double, drain_seconds, 1,
          "On SIGTERM, seconds between health NOT_SERVING and closing the listener");
ABSL_FLAG(double, shutdown_grace_seconds, 10,
          "On SIGTERM, seconds that calls in progress may run on before they are cancelled");
ABSL_FLAG(double, min_client_ping_seconds, 5,
          "Shortest HTTP/2 keepalive ping interval a client may use, with or without a call "
          "open; pings more often end the connection (GOAWAY too_many_pings)");
// ScreeningConfig's member default (Default() leaves it): reading the flag
// builds no rules and makes ICU compile nothing (ServerApp does, beside the
// storage open).
ABSL_FLAG(int, hold_score_threshold, placi::core::ScreeningConfig().hold_score_threshold,
          "Risk score at which a parcel is held even if no reason asks for a referral");
ABSL_FLAG(int, max_receive_message_bytes, 4 * 1024 * 1024, "Largest request message accepted");
ABSL_FLAG(std::string, rules, "",
          "Rules file (text-format RuleSet, e.g. deploy/rules/default.textproto); empty: the "
          "built-in rules. Reloaded on SIGHUP and by RulesService.ReloadRules.");
ABSL_FLAG(int, max_in_flight, 256,
          "Parcels in flight at once, queued for or being screened (unary calls and stream "
          "parcels together); past it a parcel is refused at once with RESOURCE_EXHAUSTED. A "
          "served parcel waits at most about max_in_flight / throughput. 0: no bound");
ABSL_FLAG(int, screening_threads, 0, "Threads that screen parcels; 0: one per usable CPU");
ABSL_FLAG(int, screening_inline_slots, -1,
          "Unary parcels screened at once on gRPC's own threads while the screening pool is "
          "idle; -1: one fewer than gRPC's callback threads, 0: never (always hand over to the "
          "pool); 0 with --sync_decisions");
ABSL_FLAG(int, screening_stream_inline_slots, -1,
          "Stream parcels screened at once on gRPC's own threads while the screening pool is "
          "idle; -1: as many as gRPC's callback threads, 0: never; 0 with --sync_decisions");
ABSL_FLAG(int, text_cache_tokens, 8192,
          "Name tokens whose lookups each screening thread keeps for when they come back "
          "(placi_text_cache_lookups_total shows the hit ratio); 0: none, at most 1048576");
ABSL_FLAG(int, text_cache_descriptions, 4096,
          "Goods descriptions whose terms and categories each screening thread keeps for when "
          "they come back; 0: none, at most 1048576");
ABSL_FLAG(bool, fail_open, false,
          "When screening fails (storage), RELEASE the parcel instead of HOLD + "
          "REQUEST_FOR_INFORMATION; either way the verdict says SCREENING_UNAVAILABLE and the mode");
ABSL_FLAG(std::string, log_format, "text",
          "Log lines on stderr: 'json' (one JSON object per event, for log collectors; the "
          "container image sets it) or 'text' (readable, for a terminal)");
ABSL_FLAG(bool, log_verdicts, true,
          "Log one event per parcel (its verdict, or its rejection); other events are always "
          "logged");
ABSL_FLAG(std::string, api_keys_file, "",
          "Principals file: one 'CREDENTIAL PRINCIPAL ROLE' per line, CREDENTIAL the SHA-256 hex "
          "of an API key (see `placi-screen keygen`) or cert:IDENTITY (a client certificate's CN "
          "or SAN), ROLE carrier, officer or admin. Empty: authentication off");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain of the gRPC listener; empty: no TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle: turns on mutual TLS (a client certificate signed by it is required; "
          "needs --api_keys_file to map it to a principal)");
ABSL_FLAG(int, tls_reload_seconds, 60,
          "How often the --tls_cert, --tls_key and --tls_client_ca files are read again, so that "
          "a renewed certificate is served without a restart (1..86400)");
ABSL_FLAG(std::string, port_file, "",
          "If set, '<grpc_port> <metrics_port>' is written here once serving");
// Clustered mode (README "Scaling out"): empty --nats_url is a single node.
ABSL_FLAG(std::string, nats_url, "",
          "Clustered mode: NATS servers, comma-separated (nats://host:4222,...). JetStream is "
          "then the source of truth shared by every replica; empty: single node");
ABSL_FLAG(std::string, nats_creds, "", "NATS user credentials file (JWT and seed); empty: none");
ABSL_FLAG(std::string, nats_tls_ca, "", "CA file to verify the NATS servers (turns TLS on)");
ABSL_FLAG(std::string, nats_tls_cert, "", "Client certificate for NATS mTLS (with --nats_tls_key)");
ABSL_FLAG(std::string, nats_tls_key, "", "Client key for NATS mTLS");
ABSL_FLAG(int, nats_stream_replicas, 3,
          "Raft replicas of the JetStream streams created by the service (1..5; at most the "
          "number of NATS servers)");
ABSL_FLAG(double, nats_events_max_age_hours, 216,
          "How long the events stream keeps verdicts and window increments (a new replica "
          "rebuilds its windows from them); longer than the longest window, 8 days 16 hours");
ABSL_FLAG(double, nats_catch_up_timeout_seconds, 120,
          "At start, how long to wait to catch up with the streams before giving up");
ABSL_FLAG(std::string, node_id, "",
          "Clustered mode: this replica's name, unique in the cluster; empty: the host name");

int main(int argc, char** argv) {
  // Debian builds Abseil without NDEBUG, so every absl::Mutex lock would run
  // the deadlock detector, which takes one process-wide lock and records a
  // lock-order graph (~2% of server CPU under load, measured with perf).
  // Tests keep it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      "Screens air-cargo parcels before loading (gRPC service). Every flag can also be set as "
      "PLACI_<FLAG>; README.md \"Configuration\" explains them.\n\n"
      "  placi-screen-server --data_dir=data/rocksdb --listen=127.0.0.1:50051");
  // --help lists the flags of "the binary's main", which Abseil takes to be
  // <program name>.cc: ours is server/main.cc, so without this --help found
  // "No flags matched".
  absl::FlagsUsageConfig usage;
  usage.contains_helpshort_flags = [](absl::string_view file) {
    return absl::EndsWith(file, "server/main.cc");
  };
  usage.contains_help_flags = usage.contains_helpshort_flags;
  absl::SetFlagsUsageConfig(usage);
  absl::ParseCommandLine(argc, argv);
  if (absl::Status env = placi::server::ApplyFlagsFromEnvironment("server/main.cc", argc, argv);
      !env.ok()) {
    std::fprintf(stderr, "placi-screen-server: %s\n", std::string(env.message()).c_str());
    return 1;
  }
  absl::StatusOr<placi::server::LogFormat> log_format =
      placi::server::ParseLogFormat(absl::GetFlag(FLAGS_log_format));
  if (!log_format.ok()) {
    std::fprintf(stderr, "placi-screen-server: --log_format: %s\n",
                 std::string(log_format.status().message()).c_str());
    return 1;
  }
  placi::server::LogOptions log_options;
  log_options.format = *log_format;
  log_options.verdicts = absl::GetFlag(FLAGS_log_verdicts);
  placi::server::SetLogOptions(log_options);
  placi::server::RouteProtobufLogs();
  for (const placi::server::UnknownVariable& variable :
       placi::server::UnknownFlagVariables("server/main.cc")) {
    placi::server::LogEvent(
        placi::server::LogLevel::kWarning, "unknown_environment_variable",
        absl::StrCat(variable.name, " sets no flag and is ignored",
                     variable.nearest.empty() ? "" : absl::StrCat(" (did you mean ",
                                                                  variable.nearest, "?)")))
        .Str("variable", variable.name)
        .Str("nearest", variable.nearest)
        .Write();
  }

  // Blocked before any thread starts, so that every thread inherits the mask
  // and the signals are only ever taken by sigwait below: no work happens in
  // a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);  // reload the rules and API keys files
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  placi::server::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.seed_watchlist = absl::GetFlag(FLAGS_seed_watchlist);
  options.sync_decisions = absl::GetFlag(FLAGS_sync_decisions);
  options.window_snapshot_records = absl::GetFlag(FLAGS_window_snapshot_records);
  options.drain = absl::Seconds(absl::GetFlag(FLAGS_drain_seconds));
  options.shutdown_grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  options.min_client_ping_interval = absl::Seconds(absl::GetFlag(FLAGS_min_client_ping_seconds));
  options.hold_score_threshold = absl::GetFlag(FLAGS_hold_score_threshold);
  options.max_receive_message_bytes = absl::GetFlag(FLAGS_max_receive_message_bytes);
  options.port_file = absl::GetFlag(FLAGS_port_file);
  options.rules_file = absl::GetFlag(FLAGS_rules);
  options.max_in_flight = absl::GetFlag(FLAGS_max_in_flight);
  options.screening_threads = absl::GetFlag(FLAGS_screening_threads);
  options.screening_inline_slots = absl::GetFlag(FLAGS_screening_inline_slots);
  options.screening_stream_inline_slots = absl::GetFlag(FLAGS_screening_stream_inline_slots);
  options.text_cache_tokens = absl::GetFlag(FLAGS_text_cache_tokens);
  options.text_cache_descriptions = absl::GetFlag(FLAGS_text_cache_descriptions);
  options.fail_open = absl::GetFlag(FLAGS_fail_open);
  options.api_keys_file = absl::GetFlag(FLAGS_api_keys_file);
  options.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  options.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  options.tls_reload_seconds = absl::GetFlag(FLAGS_tls_reload_seconds);
  if (const std::string urls = absl::GetFlag(FLAGS_nats_url); !urls.empty()) {
    placi::storage::replication::ReplicationOptions& r = options.replication;
    for (absl::string_view url : absl::StrSplit(urls, ',', absl::SkipWhitespace())) {
      r.nats.urls.emplace_back(absl::StripAsciiWhitespace(url));
    }
    r.nats.creds_file = absl::GetFlag(FLAGS_nats_creds);
    r.nats.tls_ca_file = absl::GetFlag(FLAGS_nats_tls_ca);
    r.nats.tls_cert_file = absl::GetFlag(FLAGS_nats_tls_cert);
    r.nats.tls_key_file = absl::GetFlag(FLAGS_nats_tls_key);
    r.stream_replicas = absl::GetFlag(FLAGS_nats_stream_replicas);
    r.events_max_age = absl::Hours(absl::GetFlag(FLAGS_nats_events_max_age_hours));
    r.catch_up_timeout = absl::Seconds(absl::GetFlag(FLAGS_nats_catch_up_timeout_seconds));
    r.node_id = absl::GetFlag(FLAGS_node_id);
    if (r.node_id.empty()) {
      char host[256] = {};
      gethostname(host, sizeof(host) - 1);
      r.node_id = host;
    }
  }

  absl::StatusOr<std::unique_ptr<placi::server::ServerApp>> app =
      placi::server::ServerApp::Start(options);
  if (!app.ok()) {
    const std::string error(app.status().message());
    placi::server::LogEvent(placi::server::LogLevel::kError, "start_failed",
                            "placi-screen-server: " + error)
        .Str("error", error)
        .Write();
    return 2;
  }

  std::thread signal_waiter([&stop_signals, server = app->get()] {
    int signal = 0;
    while (sigwait(&stop_signals, &signal) == 0 && signal == SIGHUP) {
      // Each logs its outcome; a bad file keeps what is in force. Without a
      // rules file or API keys file there is nothing to reload.
      (void)server->ReloadRules();
      (void)server->ReloadApiKeys();
    }
    placi::server::LogEvent(placi::server::LogLevel::kInfo, "signal",
                            std::string("placi-screen received ") + strsignal(signal))
        .Int("signal", signal)
        .Write();
    server->Shutdown();
  });
  signal_waiter.join();
  app->reset();
  return 0;
}
