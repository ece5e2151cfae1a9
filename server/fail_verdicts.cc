// Counting fallback verdicts; see fail_verdicts.h.
#include "server/fail_verdicts.h"

#include <string>

namespace placi::server {

FailVerdicts::FailVerdicts(prometheus::Registry& registry) {
  auto& family = prometheus::BuildCounter()
                     .Name("placi_screen_fail_verdicts_total")
                     .Help("Parcels answered with a SCREENING_UNAVAILABLE verdict because "
                           "screening failed (storage), by fail mode; not in the decision log")
                     .Register(registry);
  counters_[0] = &family.Add({{"mode", std::string(core::FailModeName(core::FailMode::kClosed))}});
  counters_[1] = &family.Add({{"mode", std::string(core::FailModeName(core::FailMode::kOpen))}});
}

void FailVerdicts::Record(core::FailMode mode) {
  counters_[mode == core::FailMode::kOpen ? 1 : 0]->Increment();
}

}  // namespace placi::server
