// See metric_family.h.
#include "server/metric_family.h"

#include <utility>

#include "prometheus/client_metric.h"

namespace placi::server {

void AppendMetricFamily(std::vector<prometheus::MetricFamily>* out, const char* name,
                        const char* help, prometheus::MetricType type, double value) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
  out->push_back(std::move(family));
}

}  // namespace placi::server
