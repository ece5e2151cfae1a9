// The clustered mode's state as Prometheus metrics, read from the
// replicator at scrape time (nothing is exported in single-node mode):
//   placi_nats_connected                     gauge    1 while connected to NATS
//   placi_replication_outbox_events          gauge    this node's events not yet published
//   placi_replication_lag_seconds            gauge    stored in JetStream → applied here, of
//                                                     the last event of another replica
//   placi_replication_pending_events         gauge    events in the stream not yet seen here
//   placi_replication_watchlist_sequence     gauge    last watchlist stream sequence applied
//   placi_replication_events_published_total counter  this node's events published
//   placi_replication_events_applied_total   counter  other replicas' events applied
//   placi_replication_apply_errors_total     counter  stream messages not applied
//
//   auto replication = std::make_shared<ReplicationCollector>(replicator.get());
//   exposer->RegisterCollectable(replication);
//   ...
//   replication->Detach();  // before the replicator goes
#ifndef PLACI_SERVER_REPLICATION_METRICS_H_
#define PLACI_SERVER_REPLICATION_METRICS_H_

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "storage/replication/replicator.h"

namespace placi::server {

// The families of one reading; exposed for tests.
std::vector<prometheus::MetricFamily> ReplicationFamilies(
    const storage::replication::ReplicationStatus& status);

// Thread-safe; Detach() waits for a Collect in progress.
class ReplicationCollector : public prometheus::Collectable {
 public:
  explicit ReplicationCollector(const storage::replication::Replicator* replicator)
      : replicator_(replicator) {}

  std::vector<prometheus::MetricFamily> Collect() const override;
  void Detach();

 private:
  mutable absl::Mutex mu_;
  const storage::replication::Replicator* replicator_ ABSL_GUARDED_BY(mu_);
};

}  // namespace placi::server

#endif  // PLACI_SERVER_REPLICATION_METRICS_H_
