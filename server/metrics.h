// Prometheus metrics of the server: per-method call counts, latencies and
// in-flight gauges, per-parcel screening counts and latency, verdicts by
// decision and referral, and the watchlist size and version.
//
// Every label child is resolved once, in the constructor: prometheus-cpp's
// Family::Add takes a mutex and a map lookup, which has no place on the
// per-parcel path. Recording is then an atomic add: counters and gauges of
// prometheus-cpp, and the histograms, which are LockFreeHistograms
// (lock_free_histogram.h) beside the registry, since prometheus-cpp's lock a
// mutex on every observation.
//
//   Metrics metrics("0.1.0");
//   CallTimer timer(&metrics, Method::kScreen);
//   ...
//   timer.Done(grpc::StatusCode::OK);
//   auto exposer = StartMetricsExposer("127.0.0.1:0", metrics.collectable());
//
// The metric names are a contract with the ops dashboards and alert rules:
//   placi_grpc_server_handled_total{grpc_method,grpc_code}   counter
//   placi_grpc_server_handling_seconds{grpc_method}          histogram
//   placi_grpc_server_in_flight{grpc_method}                 gauge
//   placi_screen_parcels_total{grpc_method}                  counter (Screen, ScreenStream only)
//   placi_screen_duration_seconds                            histogram
//   placi_screen_verdicts_total{decision,referral}           counter
//   placi_screen_verdicts_by_hold_status_total{decision,referral,hold_status} counter
//   placi_screen_reasons_total{code,decision}                counter
//   placi_screen_parcel_errors_total{reason}                 counter
//   placi_watchlist_entries, placi_watchlist_version         gauges
//   placi_watchlist_last_update_timestamp_seconds            gauge
//   placi_ruleset_info{version,role}                         gauge (= 1)
//   placi_shadow_verdicts_total{decision,referral,agrees}    counter
//   placi_decision_log_write_seconds                         histogram
//   placi_health_serving{service}                            gauge (1/0)
//   placi_build_info{version}                                gauge (= 1)
// and, computed at scrape time by collectables registered beside the
// registry: process_* (process_metrics.h) and placi_rocksdb_*
// (rocksdb_metrics.h).
#ifndef PLACI_SERVER_METRICS_H_
#define PLACI_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/verdict.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "absl/synchronization/mutex.h"
#include "server/grpc_status.h"
#include "server/lock_free_histogram.h"

namespace placi::server {

// The RPC methods served; the grpc_method label is the short method name.
enum class Method {
  kScreen,
  kScreenStream,
  kUpsertEntries,
  kDeleteEntries,
  kGetEntry,
  kListEntries,
  kGetWatchlistInfo,
  kGetDecision,
  kListDecisions,
  kResolveHold,
  kReloadRules,
  kGetRules,
  kSetShadowRules,
  kWatchHolds,
};
inline constexpr int kMethodCount = 14;

// "Screen", "ScreenStream", "UpsertEntries", …
std::string_view MethodName(Method method);

// Whether `method` takes parcels to screen (Screen, ScreenStream): only these
// have a placi_screen_parcels_total series.
bool ScreensParcels(Method method);

// The label values of verdicts, shared by metrics and logs: the public proto
// names without their prefix, lower case ("hold", "request_for_information",
// "still_in_place").
std::string_view DecisionLabel(core::Decision decision);
std::string_view ReferralLabel(core::Referral referral);
std::string_view HoldStatusLabel(core::HoldStatus hold_status);

// Thread-safe.
class Metrics {
 public:
  explicit Metrics(const std::string& version);
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The counters and gauges; others add theirs to it (FailVerdicts, the
  // Authorizer). The histograms are not in it: collect collectable().
  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }
  // Everything above for /metrics: the registry's families, then the
  // histograms (where a registry puts its histograms: after its counters
  // and gauges).
  const std::shared_ptr<prometheus::Collectable>& collectable() const { return collectable_; }

  // One call, unary or a whole stream: started, then handled with its final
  // code and the time from start to Finish.
  void CallStarted(Method method);
  void CallHandled(Method method, grpc::StatusCode code, absl::Duration elapsed);

  // One parcel taken in by `method`, answered with a verdict or an error.
  // Ignored for a method that does not screen parcels (ScreensParcels).
  void ParcelReceived(Method method);
  // One parcel that got `verdict`, screened in `elapsed` (core screening
  // time): counted by decision and referral, by decision, referral and
  // hold status (a re-filing of a held waybill, HOLD_STATUS_STILL_IN_PLACE,
  // is no new hold: the hold rate and the holds by referral leave it out),
  // and once for each reason code it
  // carries (by code and decision: which rules drive the holds).
  void ParcelScreened(const core::Verdict& verdict, absl::Duration elapsed);
  // A parcel answered with an error instead of a verdict.
  void ParcelFailed(grpc::StatusCode code);

  // Also stamps placi_watchlist_last_update_timestamp_seconds with now.
  void SetWatchlist(uint64_t entries, uint64_t version);

  // placi_ruleset_info{version, role="live"|"shadow"} = 1 for the rulesets
  // in force; an empty shadow_version means no shadow runs.
  void SetRulesets(const std::string& live_version, const std::string& shadow_version);
  // One shadow verdict, and whether it agrees with the live one (same
  // decision and referral).
  void ShadowVerdict(core::Decision decision, core::Referral referral, bool agrees);

  // One write of a verdict to the decision log (TimedDecisionStore).
  void DecisionLogWritten(absl::Duration elapsed);

  // placi_health_serving{service} follows the health status the server
  // reports for `service` (grpc.health.v1). Rare: start and shutdown.
  void SetHealthServing(const std::string& service, bool serving);

 private:
  struct PerMethod {
    std::array<prometheus::Counter*, kGrpcCodeCount> handled{};
    LockFreeHistogram* handling_seconds = nullptr;
    prometheus::Gauge* in_flight = nullptr;
    prometheus::Counter* parcels = nullptr;  // nullptr unless ScreensParcels(method)
  };
  static constexpr int kDecisionCount = 2;  // core::Decision
  static constexpr int kReferralCount = 5;  // core::Referral
  static constexpr int kHoldStatusCount = 4;  // core::HoldStatus

  std::shared_ptr<prometheus::Registry> registry_;
  // In the order they are exposed, after the registry's families.
  std::vector<std::shared_ptr<LockFreeHistogramFamily>> histograms_;
  std::shared_ptr<prometheus::Collectable> collectable_;  // registry_, then histograms_
  std::array<PerMethod, kMethodCount> methods_;
  LockFreeHistogram* screen_duration_ = nullptr;
  std::array<std::array<prometheus::Counter*, kReferralCount>, kDecisionCount> verdicts_{};
  // [decision][referral][hold status], every triple (a release is never
  // NEW nor STILL_IN_PLACE: those stay 0), so that the family sums to
  // verdicts_ by decision and referral.
  std::array<std::array<std::array<prometheus::Counter*, kHoldStatusCount>, kReferralCount>,
             kDecisionCount>
      verdicts_by_hold_status_{};
  static constexpr size_t kReasonCount = core::reason::kAll.size();
  // [decision][index of the code in core::reason::kAll]
  std::array<std::array<prometheus::Counter*, kReasonCount>, kDecisionCount> reasons_{};
  std::array<prometheus::Counter*, kGrpcCodeCount> parcel_errors_{};
  prometheus::Gauge* watchlist_entries_ = nullptr;
  prometheus::Gauge* watchlist_version_ = nullptr;
  prometheus::Gauge* watchlist_updated_ = nullptr;
  // 2 × decision, referral: [agrees][decision][referral].
  std::array<std::array<std::array<prometheus::Counter*, kReferralCount>, kDecisionCount>, 2>
      shadow_verdicts_{};
  LockFreeHistogram* decision_log_write_ = nullptr;
  absl::Mutex health_mu_;  // SetHealthServing is rare
  prometheus::Family<prometheus::Gauge>* health_serving_ ABSL_GUARDED_BY(health_mu_) = nullptr;
  absl::Mutex rulesets_mu_;  // SetRulesets is rare: reloads only
  prometheus::Family<prometheus::Gauge>* ruleset_info_ ABSL_GUARDED_BY(rulesets_mu_) = nullptr;
  std::vector<prometheus::Gauge*> ruleset_children_ ABSL_GUARDED_BY(rulesets_mu_);
};

// Times one call and records it exactly once, in Done().
class CallTimer {
 public:
  CallTimer(Metrics* metrics, Method method)
      : metrics_(metrics), method_(method), start_(absl::Now()) {
    metrics_->CallStarted(method_);
  }
  CallTimer(const CallTimer&) = delete;
  CallTimer& operator=(const CallTimer&) = delete;

  void Done(grpc::StatusCode code) {
    metrics_->CallHandled(method_, code, absl::Now() - start_);
  }

 private:
  Metrics* const metrics_;
  const Method method_;
  const absl::Time start_;
};

// Serves `metrics` (Metrics::collectable(), or a registry) over HTTP at
// /metrics on `address` ("host:port", port 0 picks a free one; read it back
// with Exposer::GetListeningPorts()). The exposer keeps a weak_ptr: the
// caller keeps `metrics`. prometheus-cpp reports a failed bind by throwing;
// this turns it into UNAVAILABLE naming the address.
absl::StatusOr<std::unique_ptr<prometheus::Exposer>> StartMetricsExposer(
    const std::string& address, const std::shared_ptr<prometheus::Collectable>& metrics);

}  // namespace placi::server

#endif  // PLACI_SERVER_METRICS_H_
