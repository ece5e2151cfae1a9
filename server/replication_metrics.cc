// The clustered mode's state as Prometheus metrics; see replication_metrics.h.
#include "server/replication_metrics.h"

#include "prometheus/metric_type.h"
#include "server/metric_family.h"

namespace placi::server {

std::vector<prometheus::MetricFamily> ReplicationFamilies(
    const storage::replication::ReplicationStatus& s) {
  using prometheus::MetricType;
  auto d = [](uint64_t v) { return static_cast<double>(v); };
  std::vector<prometheus::MetricFamily> out;
  out.reserve(8);
  AppendMetricFamily(&out, "placi_nats_connected", "1 while this replica is connected to NATS, else 0.",
      MetricType::Gauge, s.connected ? 1 : 0);
  AppendMetricFamily(&out, "placi_replication_outbox_events",
      "Events this replica applied and has not yet published to NATS (grows while NATS is "
      "out of reach).",
      MetricType::Gauge, d(s.outbox_size));
  AppendMetricFamily(&out, "placi_replication_lag_seconds",
      "Time from JetStream storing the last event of another replica to its application here.",
      MetricType::Gauge, s.last_lag_seconds);
  AppendMetricFamily(&out, "placi_replication_pending_events",
      "Events in the events stream after the last one this replica has seen.", MetricType::Gauge,
      d(s.events_pending));
  AppendMetricFamily(&out, "placi_replication_watchlist_sequence",
      "Last watchlist stream sequence applied here (the watchlist version).", MetricType::Gauge,
      d(s.watchlist_applied));
  AppendMetricFamily(&out, "placi_replication_events_published_total",
      "Events of this replica published to NATS since start.", MetricType::Counter,
      d(s.events_published));
  AppendMetricFamily(&out, "placi_replication_events_applied_total",
      "Events of other replicas applied here since start.", MetricType::Counter,
      d(s.events_received));
  AppendMetricFamily(&out, "placi_replication_apply_errors_total",
      "Stream messages this replica could not apply since start (see the logs).",
      MetricType::Counter, d(s.apply_errors));
  return out;
}

std::vector<prometheus::MetricFamily> ReplicationCollector::Collect() const {
  absl::MutexLock lock(&mu_);
  if (replicator_ == nullptr) return {};
  return ReplicationFamilies(replicator_->status());
}

void ReplicationCollector::Detach() {
  absl::MutexLock lock(&mu_);
  replicator_ = nullptr;
}

}  // namespace placi::server
