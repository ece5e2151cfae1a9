// Lets the first of a kind of repeated log line through, then at most one per
// interval, saying how many were held back in between. For lines a client can
// cause at will (one per bad request), so that it cannot flood the log.
//
//   RepeatLimiter limiter(absl::Minutes(1));
//   int64_t held_back = 0;
//   if (limiter.Admit(absl::Now(), &held_back)) {
//     LogEvent(...).Int("suppressed_since_last", held_back).Write();
//   }
#ifndef PLACI_SERVER_REPEAT_LIMITER_H_
#define PLACI_SERVER_REPEAT_LIMITER_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace placi::server {

// Thread-safe. Only the lines it limits pay for its mutex.
class RepeatLimiter {
 public:
  explicit RepeatLimiter(absl::Duration interval) : interval_(interval) {}

  // True for the first call and for the first call at least `interval` after
  // the last one admitted; then *held_back is how many calls were refused
  // since that one.
  bool Admit(absl::Time now, int64_t* held_back) {
    absl::MutexLock lock(&mu_);
    if (admitted_once_ && now - last_admitted_ < interval_) {
      ++held_back_;
      return false;
    }
    admitted_once_ = true;
    last_admitted_ = now;
    *held_back = held_back_;
    held_back_ = 0;
    return true;
  }

  // Forgets what it admitted: the next call is admitted as a first.
  void Reset() {
    absl::MutexLock lock(&mu_);
    admitted_once_ = false;
    held_back_ = 0;
  }

 private:
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool admitted_once_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time last_admitted_ ABSL_GUARDED_BY(mu_);
  int64_t held_back_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_REPEAT_LIMITER_H_
