// Time source, injected so that tests control time.
#ifndef PLACI_CORE_CLOCK_H_
#define PLACI_CORE_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace placi::core {

// Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace placi::core

#endif  // PLACI_CORE_CLOCK_H_
