// The threads that screen parcels, apart from gRPC's, behind a bounded
// queue: the admission point of the bound on parcels in flight.
//
// gRPC's callback server runs every reaction on a few threads of its own
// (two on a 2-vCPU host). Screening inline there lets an overload queue up
// inside gRPC where nothing can count it: every call waits, served calls
// take as long as their deadline, and the time spent on calls that expire
// makes throughput collapse (tests/overload). Here gRPC's threads only hand
// a parcel over or refuse it; the queue they hand over to is bounded, so a
// parcel past the bound is refused at once (RESOURCE_EXHAUSTED) and a
// served parcel waits at most max_in_flight / throughput.
//
//   ScreeningPool pool({.threads = 4, .max_in_flight = 256});
//   if (!pool.TrySubmit([call] { call->Run(); })) { ... refuse ... }
#ifndef PLACI_SERVER_SCREENING_POOL_H_
#define PLACI_SERVER_SCREENING_POOL_H_

#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace placi::server {

// Thread-safe.
class ScreeningPool {
 public:
  struct Options {
    // Screening threads; <= 0: one per CPU the process may use.
    int threads = 0;
    // Tasks queued or running at once; TrySubmit refuses past it. <= 0: no
    // bound.
    int max_in_flight = 256;
  };

  explicit ScreeningPool(Options options);
  // Runs every task already accepted, then joins the threads.
  ~ScreeningPool();
  ScreeningPool(const ScreeningPool&) = delete;
  ScreeningPool& operator=(const ScreeningPool&) = delete;

  // Queues `task` unless max_in_flight tasks are queued or running; false
  // (and `task` dropped unrun) then. Never blocks on a running task.
  bool TrySubmit(absl::AnyInvocable<void() &&> task);

  // Tasks queued or running now.
  int in_flight() const;
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Work();

  const int max_in_flight_;
  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SCREENING_POOL_H_
