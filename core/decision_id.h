// Unique, time-ordered decision ids (ULID layout: 48-bit milliseconds and
// 80 random bits in 26 Crockford base32 characters), so that ids sort by
// time in the decision log.
#ifndef PLACI_CORE_DECISION_ID_H_
#define PLACI_CORE_DECISION_ID_H_

#include <string>

#include "absl/time/time.h"

namespace placi::core {

// Thread-safe.
class DecisionIdGenerator {
 public:
  std::string Next(absl::Time now);
};

}  // namespace placi::core

#endif  // PLACI_CORE_DECISION_ID_H_
