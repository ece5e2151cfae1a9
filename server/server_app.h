// The whole server, built, started and stopped in one place: used by
// main.cc (which only parses flags and waits for a signal) and by tests,
// which run the real thing in process on port 0.
//
// Start: open storage (loads the watchlist index) → seed the watchlist once
// → build the screener → serve metrics → register services and listen →
// health SERVING → write the port file → log one "start" event.
// Shutdown: health NOT_SERVING → drain → Shutdown(now + grace) → Wait() →
// close storage.
//
//   ServerOptions options;
//   options.listen = "127.0.0.1:0";
//   absl::StatusOr<std::unique_ptr<ServerApp>> app = ServerApp::Start(options);
//   if (!app.ok()) { ... }
//   ... (*app)->grpc_port() ...
//   (*app)->Shutdown();
#ifndef PLACI_SERVER_SERVER_APP_H_
#define PLACI_SERVER_SERVER_APP_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/clock.h"
#include "core/screener.h"
#include "core/watchlist_index.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "prometheus/exposer.h"
#include "server/api_keys.h"
#include "server/auth.h"
#include "server/decision_service.h"
#include "server/metrics.h"
#include "server/parcel_intake.h"
#include "server/process_metrics.h"
#include "server/replication_metrics.h"
#include "server/rocksdb_metrics.h"
#include "server/rules_service.h"
#include "server/screening_service.h"
#include "server/server_options.h"
#include "server/shadow_recorder.h"
#include "server/text_cache_metrics.h"
#include "server/timed_decision_store.h"
#include "server/watchlist_service.h"
#include "storage/store.h"

namespace placi::server {

// The health service names that follow the server's readiness.
inline constexpr char kScreeningServiceName[] = "placi.screening.v1.ScreeningService";
// Clustered mode: SERVING while connected to NATS. A replica that lost NATS
// keeps screening from its local view (so "" stays SERVING); this name is
// the detail that tells it.
inline constexpr char kReplicationServiceName[] = "placi.screening.v1.Replication";
// What the Kubernetes liveness probe asks: SERVING from the moment the
// server listens until gRPC shuts down (after the drain), whatever the
// readiness says: a pod that drains (NOT_SERVING for "" and the screening
// service) or is not ready yet is alive and must not be restarted for it
// (review9a; deploy/README.md, Probes). A process that no longer answers
// gRPC at all fails it.
inline constexpr char kLivenessServiceName[] = "liveness";

class ServerApp {
 public:
  // HTTP/2 keepalive (server_app.cc, Listen; how often a client may ping
  // is ServerOptions::min_client_ping_interval): the server pings every
  // connection this often and closes one whose peer has not answered
  // within the timeout.
  static constexpr absl::Duration kServerPingInterval = absl::Seconds(60);
  static constexpr absl::Duration kServerPingTimeout = absl::Seconds(20);

  // Starts everything. Errors name what failed in one line, e.g.
  // "cannot open data dir data/rocksdb: ... locked ...",
  // "cannot listen on 127.0.0.1:50051: address already in use".
  static absl::StatusOr<std::unique_ptr<ServerApp>> Start(ServerOptions options);

  // Shuts down if Shutdown() was not called.
  ~ServerApp();
  ServerApp(const ServerApp&) = delete;
  ServerApp& operator=(const ServerApp&) = delete;

  // Graceful stop (see the file comment); blocks until done. Idempotent and
  // thread-safe: a second caller waits for the first to finish. Must not be
  // called from a gRPC reaction or a signal handler.
  void Shutdown();

  // Re-reads options.rules_file and swaps the rules for the calls that
  // start after; returns the new ruleset version. A bad file is refused
  // (INVALID_ARGUMENT naming the line) and the rules in force stay;
  // FAILED_PRECONDITION without a rules file. Thread-safe.
  absl::StatusOr<std::string> ReloadRules();
  // Reads --api_keys_file again and puts its principals in force (a key
  // rotated, added or revoked); returns how many credentials it holds. A
  // bad file is refused, logged, and the principals in force stay.
  // FAILED_PRECONDITION when the server runs without authentication.
  absl::StatusOr<size_t> ReloadApiKeys();

  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }
  Metrics& metrics() { return *metrics_; }
  const core::WatchlistIndex& watchlist() const { return index_; }
  // Where parcels are screened, behind the bound on parcels in flight.
  ScreeningPool& screening_pool() { return screening_service_->pool(); }

 private:
  explicit ServerApp(ServerOptions options);
  absl::Status Init();
  absl::Status OpenStorage();
  void LogSeedSkipped() const;
  // The principals of --api_keys_file (nullopt: authentication off), read
  // before the data dir opens: a bad file fails the start untouched.
  absl::StatusOr<std::optional<PrincipalTable>> LoadPrincipals() const;
  void StartAuthorizer(std::optional<PrincipalTable> principals);
  // One "auth_off" or "auth_on" event, after the "start" event.
  void LogAuthMode() const;
  absl::Status Listen(std::shared_ptr<grpc::ServerCredentials> credentials);
  absl::Status WritePortFile() const;
  void SetServing(bool serving);
  absl::Status StartReplication(const std::vector<core::WatchlistEntry>* seed);
  void SetReplicationHealth(bool connected);

  const ServerOptions options_;
  core::RealClock real_clock_;
  core::WatchlistIndex index_;
  // Clustered mode only; outlives nothing it feeds: stopped before store_.
  std::unique_ptr<storage::replication::Replicator> replicator_;
  std::shared_ptr<ReplicationCollector> replication_collector_;
  absl::Mutex health_mu_;
  grpc::HealthCheckServiceInterface* health_ ABSL_GUARDED_BY(health_mu_) = nullptr;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Metrics> metrics_;
  // Checks every call; outlives the services.
  std::unique_ptr<Authorizer> authorizer_;
  size_t credential_count_ = 0;
  // The decision log as the screener sees it: the store, timed.
  std::unique_ptr<TimedDecisionStore> timed_decisions_;
  std::unique_ptr<core::Screener> screener_;
  // Read at scrape time; registered on the exposer beside the registry.
  std::shared_ptr<ProcessCollector> process_collector_;
  std::shared_ptr<RocksDbCollector> rocksdb_collector_;
  std::shared_ptr<TextCacheCollector> text_cache_collector_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::unique_ptr<ParcelIntake> intake_;
  std::unique_ptr<ScreeningService> screening_service_;
  std::unique_ptr<WatchlistService> watchlist_service_;
  // Resolutions for the WatchHolds calls; outlives the server's calls.
  std::unique_ptr<HoldUpdates> hold_updates_;
  std::unique_ptr<DecisionService> decision_service_;
  std::unique_ptr<ShadowRecorder> shadow_recorder_;
  std::unique_ptr<RulesService> rules_service_;
  std::unique_ptr<grpc::Server> server_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;

  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SERVER_APP_H_
