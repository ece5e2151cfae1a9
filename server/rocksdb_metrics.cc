// RocksDB statistics as Prometheus metrics; see rocksdb_metrics.h.
#include "server/rocksdb_metrics.h"

#include <sys/statvfs.h>

#include <utility>

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

std::vector<prometheus::MetricFamily> DataDirFamilies(const std::string& data_dir) {
  struct statvfs fs;
  if (statvfs(data_dir.c_str(), &fs) != 0) return {};
  const double block = static_cast<double>(fs.f_frsize);
  std::vector<prometheus::MetricFamily> out;
  out.reserve(2);
  // f_bavail, not f_bfree: what a non-root process may still write.
  AppendMetricFamily(
      &out, "placi_data_dir_free_bytes",
      "Bytes still free for the server on the file system of its data dir (statvfs f_bavail).",
      prometheus::MetricType::Gauge, block * static_cast<double>(fs.f_bavail));
  AppendMetricFamily(&out, "placi_data_dir_size_bytes",
                     "Size of the file system of the server's data dir.",
                     prometheus::MetricType::Gauge, block * static_cast<double>(fs.f_blocks));
  return out;
}

std::vector<prometheus::MetricFamily> RocksDbCollector::Collect() const {
  absl::MutexLock lock(&mu_);
  if (store_ == nullptr) return {};
  std::vector<prometheus::MetricFamily> families = RocksDbFamilies(store_->Statistics());
  for (prometheus::MetricFamily& family : DataDirFamilies(data_dir_)) {
    families.push_back(std::move(family));
  }
  return families;
}

void RocksDbCollector::Detach() {
  absl::MutexLock lock(&mu_);
  store_ = nullptr;
}

}  // namespace placi::server
