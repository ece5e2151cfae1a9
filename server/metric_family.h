// One unlabelled counter or gauge as a Prometheus metric family, for the
// collectors that read their values at scrape time (process, RocksDB,
// replication).
//
//   std::vector<prometheus::MetricFamily> out;
//   AppendMetricFamily(&out, "placi_nats_connected", "1 while connected.",
//                      prometheus::MetricType::Gauge, 1);
#ifndef PLACI_SERVER_METRIC_FAMILY_H_
#define PLACI_SERVER_METRIC_FAMILY_H_

#include <vector>

#include "prometheus/metric_family.h"
#include "prometheus/metric_type.h"

namespace placi::server {

// `type` is Counter or Gauge.
void AppendMetricFamily(std::vector<prometheus::MetricFamily>* out, const char* name,
                        const char* help, prometheus::MetricType type, double value);

}  // namespace placi::server

#endif  // PLACI_SERVER_METRIC_FAMILY_H_
