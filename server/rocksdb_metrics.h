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
//   placi_data_dir_free_bytes                 gauge    bytes of the data dir's file
//                                                      system free to this process
//   placi_data_dir_size_bytes                 gauge    size of that file system
// (the last two from statvfs(2) of the data dir at scrape time: a full
// volume stops verdicts from being logged, and every parcel is then held,
// so the alerts watch it before it fills; deploy/README.md "Sizing").
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

#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "storage/store.h"

namespace placi::server {

// The families of one reading; exposed for tests.
std::vector<prometheus::MetricFamily> RocksDbFamilies(const storage::StorageStatistics& stats);

// placi_data_dir_free_bytes and placi_data_dir_size_bytes of the file
// system holding `data_dir`; none when statvfs fails (the directory is gone).
std::vector<prometheus::MetricFamily> DataDirFamilies(const std::string& data_dir);

// Thread-safe. A scrape may run while the server shuts down: Detach() waits
// for a Collect in progress and makes later ones return nothing, so the
// store can then close.
class RocksDbCollector : public prometheus::Collectable {
 public:
  RocksDbCollector(const storage::Store* store, std::string data_dir)
      : store_(store), data_dir_(std::move(data_dir)) {}

  std::vector<prometheus::MetricFamily> Collect() const override;
  void Detach();

 private:
  mutable absl::Mutex mu_;
  const storage::Store* store_ ABSL_GUARDED_BY(mu_);
  const std::string data_dir_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_ROCKSDB_METRICS_H_
