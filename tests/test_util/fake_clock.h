// A clock that tests move by hand.
#ifndef PLACI_TESTS_TEST_UTIL_FAKE_CLOCK_H_
#define PLACI_TESTS_TEST_UTIL_FAKE_CLOCK_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/clock.h"

namespace placi::testing {

class FakeClock final : public core::Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1'795'000'000)) : now_(start) {}
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_;
};

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_FAKE_CLOCK_H_
