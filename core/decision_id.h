// Unique, time-ordered decision ids (ULID layout: 48-bit milliseconds and
// 80 random bits in 26 Crockford base32 characters), so that ids sort by
// time in the decision log. Within one millisecond (or if the clock steps
// back) each id is the previous one plus one: ids from one generator are
// strictly increasing, so a waybill's decisions list in the order made.
#ifndef PLACI_CORE_DECISION_ID_H_
#define PLACI_CORE_DECISION_ID_H_

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace placi::core {

// The 26 Crockford base-32 digits of a 128-bit value, most significant
// first (130 bits: the first digit is at most 7).
std::string UlidDigits(unsigned __int128 value);

// Thread-safe.
class DecisionIdGenerator {
 public:
  std::string Next(absl::Time now);

 private:
  absl::Mutex mu_;
  unsigned __int128 last_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_DECISION_ID_H_
