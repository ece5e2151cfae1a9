// Everything ServerApp needs to start, with the defaults of the flags in
// main.cc. Tests build one directly (port 0, a temp data dir, a fake clock).
#ifndef PLACI_SERVER_SERVER_OPTIONS_H_
#define PLACI_SERVER_SERVER_OPTIONS_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "core/clock.h"
#include "core/screening_config.h"
#include "storage/replication/replicator.h"

namespace placi::server {

// The largest text_cache_tokens / text_cache_descriptions accepted.
inline constexpr int kMaxTextCacheEntries = 1 << 20;

struct ServerOptions {
  // gRPC address, host:port; port 0 picks a free port (see
  // ServerApp::grpc_port()).
  std::string listen = "127.0.0.1:50051";
  // Prometheus /metrics address, host:port; port 0 picks a free port.
  std::string metrics_listen = "127.0.0.1:9464";
  // RocksDB directory; created if missing.
  std::string data_dir = "data/rocksdb";
  // Seed for a fresh database: "" is the demo watchlist compiled in,
  // "none" seeds nothing, anything else is a JSONL file. A database seeds
  // only once, so later starts keep what admins changed.
  std::string seed_watchlist;
  // fsync every verdict (else verdicts are in the WAL, safe from a process
  // crash but not from a power loss).
  bool sync_decisions = false;
  // Window log records between window snapshots (storage::Store::Options
  // window_snapshot_records).
  uint64_t window_snapshot_records = 500'000;
  // Time between health NOT_SERVING and closing the listener, so that load
  // balancers stop sending new calls before the server refuses them.
  absl::Duration drain = absl::Seconds(1);
  // How long calls in progress (open streams) may run on after shutdown
  // starts before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // HTTP/2 keepalive (ServerApp::Listen, review bb5 M1): a client may ping
  // this often, with or without a call open, before gRPC counts its pings
  // as abuse and ends the connection with GOAWAY "too_many_pings". Clients
  // set their keepalive time above it (10 s or more for 5 s: timers run a
  // little early). Shorter for clients behind a middlebox that drops flows
  // idle for less.
  absl::Duration min_client_ping_interval = absl::Seconds(5);
  // Rules file (text-format RuleSet, see deploy/rules/default.textproto);
  // empty: the built-in rules, `screening` below. Read at start and again on
  // SIGHUP or RulesService.ReloadRules; a bad file keeps the rules in force.
  std::string rules_file;
  // The hold threshold of the built-in rules (ScreeningConfig::Default()),
  // used without a rules file; main.cc sets it from its flag. The rules
  // themselves are built by ServerApp beside the storage open: their first
  // fold of non-Latin text makes ICU compile its transliteration rules
  // (~0.2 s of CPU), which the open does not need.
  int hold_score_threshold = core::ScreeningConfig().hold_score_threshold;
  // Largest request message accepted (a consignment at the intake limits
  // is well under 4 MiB).
  int max_receive_message_bytes = 4 * 1024 * 1024;
  // Parcels in flight at once, queued for or being screened (unary calls
  // and stream parcels together); past it a parcel is refused at once with
  // RESOURCE_EXHAUSTED. A served parcel waits at most about
  // max_in_flight / throughput. <= 0: no bound. See screening_pool.h.
  int max_in_flight = 256;
  // Threads that screen parcels; <= 0: one per CPU the process may use.
  int screening_threads = 0;
  // Unary parcels screened on gRPC's own thread, skipping the hand-over,
  // while the pool is idle (ScreeningPool::Options::inline_slots); < 0: the
  // pool's default (one fewer than gRPC's callback threads), 0: never. With
  // sync_decisions it is always 0: an fsync per verdict must not hold one of
  // gRPC's few threads.
  int screening_inline_slots = -1;
  // The same for stream parcels (ScreeningPool::Options::
  // stream_inline_slots); < 0: the pool's default (all of gRPC's callback
  // threads), 0: never; always 0 with sync_decisions.
  int screening_stream_inline_slots = -1;
  // Per screening thread, the name tokens and the goods descriptions whose
  // lookups are kept for when they come back (core/text_cache_stats.h; their
  // hit ratio is placi_text_cache_lookups_total). 0 keeps none; at most
  // kMaxTextCacheEntries. Memory, per thread that screens, at the most:
  // ~0.2 KB a token and ~1 KB a description (its grams and its categories).
  int text_cache_tokens = 8192;
  int text_cache_descriptions = 4096;
  // When screening fails (storage), release the parcel (fail-open) instead
  // of holding it for information (fail-closed, the default). Either way the
  // verdict has reason SCREENING_UNAVAILABLE naming the mode.
  bool fail_open = false;
  // Principals file (server/api_keys.h): API key hashes and client
  // certificate identities with their roles. Empty: authentication is off
  // and every caller may call every method (auth.h).
  std::string api_keys_file;
  // TLS of the gRPC listener (tls_credentials.h); empty: plaintext. A client
  // CA turns on mutual TLS and needs api_keys_file to map certificates to
  // principals. The metrics port stays plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;
  // How often those files are read again, so that a renewed certificate is
  // served without a restart; 1..86400.
  int tls_reload_seconds = 60;
  // If set, "<grpc_port> <metrics_port>\n" is written here (atomically) once
  // the server serves, for scripts and tests that listen on port 0.
  std::string port_file;
  // Time source of verdicts; nullptr is the real clock. Outlives the app.
  const core::Clock* clock = nullptr;
  // The version label of placi_build_info; empty is the build's version.
  std::string version;
  // Clustered mode when replication.nats.urls is not empty: NATS JetStream
  // is the source of truth and the data dir this replica's view of it
  // (storage/replication/replicator.h). The seed then goes to the
  // watchlist stream, once, if the stream is empty. Its log and
  // on_watchlist_applied are set by ServerApp.
  storage::replication::ReplicationOptions replication;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SERVER_OPTIONS_H_
