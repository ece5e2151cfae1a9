// See timed_decision_store.h.
#include "server/timed_decision_store.h"

#include <chrono>

#include "absl/time/time.h"

namespace placi::server {

absl::Status TimedDecisionStore::Record(const core::Verdict& verdict,
                                        absl::Span<const core::WindowIncrement> counted) {
  // A monotonic clock: a wall-clock step must not make a write look long.
  const auto start = std::chrono::steady_clock::now();
  absl::Status status = store_->Record(verdict, counted);
  metrics_->DecisionLogWritten(absl::FromChrono(std::chrono::steady_clock::now() - start));
  return status;
}

}  // namespace placi::server
