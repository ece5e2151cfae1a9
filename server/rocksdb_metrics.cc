// RocksDB statistics as Prometheus metrics; see rocksdb_metrics.h.
#include "server/rocksdb_metrics.h"

#include "prometheus/metric_type.h"
#include "server/metric_family.h"

namespace placi::server {

std::vector<prometheus::MetricFamily> RocksDbFamilies(const storage::StorageStatistics& s) {
  using prometheus::MetricType;
  auto d = [](uint64_t v) { return static_cast<double>(v); };
  std::vector<prometheus::MetricFamily> out;
  out.reserve(9);
  AppendMetricFamily(&out, "placi_rocksdb_block_cache_hits_total",
      "Block cache hits of RocksDB reads since the database was opened.", MetricType::Counter,
      d(s.block_cache_hits));
  AppendMetricFamily(&out, "placi_rocksdb_block_cache_misses_total",
      "Block cache misses of RocksDB reads (block read from the file) since the database was "
      "opened.",
      MetricType::Counter, d(s.block_cache_misses));
  AppendMetricFamily(&out, "placi_rocksdb_write_stall_seconds_total",
      "Time RocksDB delayed or stopped writes because flushes or compactions fell behind.",
      MetricType::Counter, d(s.write_stall_micros) / 1e6);
  AppendMetricFamily(&out, "placi_rocksdb_write_stopped", "1 while RocksDB stops all writes, else 0.",
      MetricType::Gauge, s.write_stopped ? 1 : 0);
  AppendMetricFamily(&out, "placi_rocksdb_pending_compaction_bytes",
      "Estimated bytes compaction has to rewrite to bring every level under its target size.",
      MetricType::Gauge, d(s.pending_compaction_bytes));
  AppendMetricFamily(&out, "placi_rocksdb_live_sst_files_bytes",
      "Size of the SST files of the current version of the database.", MetricType::Gauge,
      d(s.live_sst_files_bytes));
  AppendMetricFamily(&out, "placi_rocksdb_memtable_bytes",
      "Size of the memtables (active, and immutable ones not yet flushed).", MetricType::Gauge,
      d(s.memtable_bytes));
  AppendMetricFamily(&out, "placi_rocksdb_block_cache_usage_bytes", "Memory held by entries of the block cache.",
      MetricType::Gauge, d(s.block_cache_usage_bytes));
  AppendMetricFamily(&out, "placi_rocksdb_block_cache_capacity_bytes", "Capacity of the block cache.",
      MetricType::Gauge, d(s.block_cache_capacity_bytes));
  return out;
}

std::vector<prometheus::MetricFamily> RocksDbCollector::Collect() const {
  absl::MutexLock lock(&mu_);
  if (store_ == nullptr) return {};
  return RocksDbFamilies(store_->Statistics());
}

void RocksDbCollector::Detach() {
  absl::MutexLock lock(&mu_);
  store_ = nullptr;
}

}  // namespace placi::server
