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
// Handing a parcel over costs two thread wakeups (a pool thread, then gRPC's
// for the reply's completion), which on a small host cost more CPU than the
// gRPC round trip itself. So TryRun screens a parcel on the calling gRPC
// thread when the pool is idle enough: nothing waits in the queue and fewer
// parcels than the caller's inline allowance run inline. An inline parcel
// counts against max_in_flight like a queued one.
//
// The allowance depends on the kind of call (measured on 2 vCPUs,
// docs/performance.md): a unary parcel may run inline only while one of
// gRPC's callback threads stays free to accept calls, hand over and refuse
// (with every thread screening, new calls wait unpolled); a stream parcel
// may run inline on every callback thread, as a stream's next parcels are
// already on their way and each hand-over costs two wakeups per parcel.
// While every callback thread screens, calls wait unread for at most about
// one parcel's screening; none is admitted past the bound meanwhile.
//
// A task may also run its own follow-up (a stream's next parcel, read while
// it screened) on its thread and in its slot when no other task waits
// (MayRunFollowUpHere): one wakeup less, and never ahead of a queued task.
// Otherwise it queues the follow-up in its slot (QueueInSlotOfRunningTask),
// so that a stream never competes with itself for the bound.
//
//   ScreeningPool pool({.threads = 4, .max_in_flight = 256});
//   if (!pool.TryRun([call] { call->Run(); }, ScreeningPool::kUnary)) {
//     ... refuse ...
//   }
#ifndef PLACI_SERVER_SCREENING_POOL_H_
#define PLACI_SERVER_SCREENING_POOL_H_

#include <atomic>
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
    // Unary tasks TryRun may run on its calling thread at once (inline
    // tasks of any kind count); < 0: one fewer than gRPC's callback threads
    // (gRPC 1.51 polls callback calls on clamp(CPUs / 2, 2, 16) threads of
    // its own), 0: never inline.
    int inline_slots = -1;
    // The same for stream parcels; < 0: as many as gRPC's callback threads,
    // 0: never inline.
    int stream_inline_slots = -1;
  };

  // Whose parcel TryRun is given: picks the inline allowance.
  enum CallKind { kUnary, kStream };

  explicit ScreeningPool(Options options);
  // Runs every task already accepted, then joins the threads.
  ~ScreeningPool();
  ScreeningPool(const ScreeningPool&) = delete;
  ScreeningPool& operator=(const ScreeningPool&) = delete;

  // Queues `task` unless max_in_flight tasks are queued or running; false
  // (and `task` dropped unrun) then. Never blocks on a running task.
  bool TrySubmit(absl::AnyInvocable<void() &&> task);

  // As TrySubmit, but runs `task` on the calling thread, before returning
  // true, when no task waits in the queue and fewer inline tasks run than
  // `kind` allows. For gRPC reactions: `task` must not block for long (an
  // fsync per parcel does: set both inline allowances to 0 then).
  bool TryRun(absl::AnyInvocable<void() &&> task, CallKind kind);

  // For a running task (on the pool or inline): true when it may run a
  // follow-up of its own now, on its thread and in its slot of the bound,
  // instead of queueing it. The slot carries over, so the bound holds.
  // False while another task waits in the queue (it must not be
  // overtaken), and, on one of gRPC's threads, while the other inline tasks
  // leave no callback thread free to poll (the unary allowance).
  bool MayRunFollowUpHere() const;

  // For a running task, on its thread: queues `task` (its follow-up, when
  // MayRunFollowUpHere says no) in the running task's slot of the bound, which
  // passes to it: no new admission, so a stream's next parcel is not refused
  // at the bound for the slot its own predecessor holds. False, and nothing
  // queued, outside a task, after the slot was given back, or while the pool
  // stops.
  bool QueueInSlotOfRunningTask(absl::AnyInvocable<void() &&> task);

  // For a running task, on its thread: gives its slot of the bound back now
  // instead of when it returns. A stream's task calls it as it hands the
  // stream back (under the stream's lock), so that the stream's next parcel,
  // admitted from another thread a moment later, does not find the slot of
  // its own predecessor still taken and get refused. A no-op outside a task
  // and after the first call.
  void ReleaseSlotOfRunningTask();

  // Tasks queued or running now, inline ones included.
  int in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  int threads() const { return static_cast<int>(threads_.size()); }
  int inline_slots() const { return inline_slots_; }
  int stream_inline_slots() const { return stream_inline_slots_; }

 private:
  // Takes a slot of max_in_flight; false past the bound.
  bool Admit();
  // Takes an inline slot when no task is queued and fewer than `allowed`
  // tasks run inline; false otherwise.
  bool TakeInlineSlot(int allowed);
  void Release() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  // Queues an admitted task; false (slot given back) when stopping.
  bool Enqueue(absl::AnyInvocable<void() &&> task);
  // Queues a task whose slot is already held; false (the caller keeps the
  // slot) when stopping.
  bool EnqueueHoldingSlot(absl::AnyInvocable<void() &&> task);
  void Work();

  const int max_in_flight_;
  const int inline_slots_;
  const int stream_inline_slots_;
  // Admitted and not yet finished: queued, running on the pool, or inline.
  std::atomic<int> in_flight_{0};
  std::atomic<int> running_inline_{0};
  std::atomic<int> queued_{0};  // queue_.size(), readable without mu_
  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SCREENING_POOL_H_
