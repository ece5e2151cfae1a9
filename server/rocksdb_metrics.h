// RocksDB's statistics as Prometheus metrics, read from the store at scrape
// time (storage::Store::Statistics(): in-memory counters and properties,
// no I/O):
//   placi_rocksdb_block_cache_hits_total      counter  block cache hits
//   placi_rocksdb_block_cache_misses_total    counter  block cache misses
//   placi_rocksdb_write_stall_seconds_total   counter  time writes were delayed or
//                                                      stopped (ticker stall.micros)
//   placi_rocksdb_write_stopped               gauge    1 while writes are stopped
//   placi_rocksdb_pending_compaction_bytes    gauge    estimated bytes compaction must rewrite
//   placi_rocksdb_live_sst_files_bytes        gauge    SST files of the current version
//   placi_rocksdb_memtable_bytes              gauge    memtables, active and immutable
//   placi_rocksdb_block_cache_usage_bytes     gauge    block cache in use
//   placi_rocksdb_block_cache_capacity_bytes  gauge    block cache size
// Counters count since the database was opened, i.e. since the process
// started: Prometheus' rate() handles the reset at a restart.
//
//   auto rocksdb = std::make_shared<RocksDbCollector>(store.get());
//   exposer->RegisterCollectable(rocksdb);
//   ...
//   rocksdb->Detach();  // before the store closes
//   store.reset();
#ifndef PLACI_SERVER_ROCKSDB_METRICS_H_
#define PLACI_SERVER_ROCKSDB_METRICS_H_

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "storage/store.h"

namespace placi::server {

// The families of one reading; exposed for tests.
std::vector<prometheus::MetricFamily> RocksDbFamilies(const storage::StorageStatistics& stats);

// Thread-safe. A scrape may run while the server shuts down: Detach() waits
// for a Collect in progress and makes later ones return nothing, so the
// store can then close.
class RocksDbCollector : public prometheus::Collectable {
 public:
  explicit RocksDbCollector(const storage::Store* store) : store_(store) {}

  std::vector<prometheus::MetricFamily> Collect() const override;
  void Detach();

 private:
  mutable absl::Mutex mu_;
  const storage::Store* store_ ABSL_GUARDED_BY(mu_);
};

}  // namespace placi::server

#endif  // PLACI_SERVER_ROCKSDB_METRICS_H_
