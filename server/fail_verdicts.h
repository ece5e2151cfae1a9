// placi_screen_fail_verdicts_total{mode="closed"|"open"}: parcels that got
// the SCREENING_UNAVAILABLE verdict of core/fail_verdict.h because screening
// failed (storage). Kept apart from metrics.h, on the same registry.
//
//   FailVerdicts fail_verdicts(*metrics.registry());
//   fail_verdicts.Record(core::FailMode::kClosed);
#ifndef PLACI_SERVER_FAIL_VERDICTS_H_
#define PLACI_SERVER_FAIL_VERDICTS_H_

#include <array>

#include "core/fail_verdict.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"

namespace placi::server {

// Thread-safe (an atomic add per Record).
class FailVerdicts {
 public:
  explicit FailVerdicts(prometheus::Registry& registry);

  // One fallback verdict given in `mode`.
  void Record(core::FailMode mode);

 private:
  std::array<prometheus::Counter*, 2> counters_{};  // [closed, open]
};

}  // namespace placi::server

#endif  // PLACI_SERVER_FAIL_VERDICTS_H_
