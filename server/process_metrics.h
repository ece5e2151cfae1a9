// The standard Prometheus process metrics, read from /proc at scrape time:
//   process_cpu_seconds_total         counter  user + system CPU time
//   process_resident_memory_bytes     gauge    resident set size
//   process_virtual_memory_bytes      gauge    virtual memory size
//   process_open_fds                  gauge    open file descriptors
//   process_max_fds                   gauge    limit of open file descriptors
//   process_start_time_seconds        gauge    unix time the process started
// The same names and meanings as the Go and Python clients' process
// collectors, so that common dashboards and alerts work unchanged.
//
//   auto process = std::make_shared<ProcessCollector>();
//   exposer->RegisterCollectable(process);
//
// Costs one read of /proc/self/stat and one listing of /proc/self/fd per
// scrape; nothing between scrapes. A family whose source cannot be read
// (not Linux, no /proc) is left out of the scrape rather than reported as 0.
#ifndef PLACI_SERVER_PROCESS_METRICS_H_
#define PLACI_SERVER_PROCESS_METRICS_H_

#include <optional>
#include <string>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace placi::server {

// What the collector reads, exposed for tests.
struct ProcessStats {
  std::optional<double> cpu_seconds;
  std::optional<double> resident_memory_bytes;
  std::optional<double> virtual_memory_bytes;
  std::optional<double> open_fds;
  std::optional<double> max_fds;
  std::optional<double> start_time_seconds;
};

// Reads the stats of the calling process now. `proc` is the procfs mount.
ProcessStats ReadProcessStats(const std::string& proc = "/proc");

// Thread-safe (Collect reads only).
class ProcessCollector : public prometheus::Collectable {
 public:
  ProcessCollector();
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  // Fixed for the life of the process: read once.
  std::optional<double> start_time_seconds_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_PROCESS_METRICS_H_
