// Screening threads behind a bounded queue; see screening_pool.h.
#include "server/screening_pool.h"

#include <sched.h>

#include <algorithm>
#include <utility>

#include "core/text_fold.h"

namespace placi::server {
namespace {

// CPUs this process may run on (a container's cpuset), at least 1.
int UsableCpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

// gRPC 1.51's callback threads when it has no background poller (the
// "nexting" threads of its alternative completion queue).
int GrpcCallbackThreads() { return std::clamp(UsableCpus() / 2, 2, 16); }

// The task running on this thread, if any: whether one runs, whether it
// runs inline (inside TryRun: a caller's thread, one of gRPC's, not the
// pool's), and whether it gave its slot back already
// (ReleaseSlotOfRunningTask). Saved and restored around an inline task, so
// that a task running another inline keeps its own.
struct RunningTask {
  bool running = false;
  bool inline_here = false;
  bool slot_released_early = false;
};
thread_local RunningTask running_task;

}  // namespace

ScreeningPool::ScreeningPool(Options options)
    : max_in_flight_(options.max_in_flight),
      // Unary: one fewer than gRPC's threads, so that one always polls.
      inline_slots_(options.inline_slots < 0 ? GrpcCallbackThreads() - 1 : options.inline_slots),
      stream_inline_slots_(options.stream_inline_slots < 0 ? GrpcCallbackThreads()
                                                           : options.stream_inline_slots) {
  const int count = options.threads > 0 ? options.threads : UsableCpus();
  threads_.reserve(count);
  for (int i = 0; i < count; ++i) {
    threads_.emplace_back([this] {
      // The ICU transliterator for non-Latin text, now rather than on the
      // thread's first such parcel (a latency spike).
      core::WarmUpTextFolding();
      Work();
    });
  }
}

ScreeningPool::~ScreeningPool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

bool ScreeningPool::Admit() {
  int now = in_flight_.load(std::memory_order_relaxed);
  do {
    if (max_in_flight_ > 0 && now >= max_in_flight_) return false;
  } while (!in_flight_.compare_exchange_weak(now, now + 1, std::memory_order_relaxed));
  return true;
}

bool ScreeningPool::TakeInlineSlot(int allowed) {
  // Queued tasks go first.
  if (queued_.load(std::memory_order_relaxed) > 0) return false;
  int now = running_inline_.load(std::memory_order_relaxed);
  do {
    if (now >= allowed) return false;
  } while (!running_inline_.compare_exchange_weak(now, now + 1, std::memory_order_relaxed));
  return true;
}

bool ScreeningPool::Enqueue(absl::AnyInvocable<void() &&> task) {
  if (EnqueueHoldingSlot(std::move(task))) return true;
  Release();
  return false;
}

bool ScreeningPool::EnqueueHoldingSlot(absl::AnyInvocable<void() &&> task) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return false;
  queue_.push_back(std::move(task));
  queued_.fetch_add(1, std::memory_order_relaxed);
  return true;
}

bool ScreeningPool::TrySubmit(absl::AnyInvocable<void() &&> task) {
  if (!Admit()) return false;
  return Enqueue(std::move(task));
}

bool ScreeningPool::TryRun(absl::AnyInvocable<void() &&> task, CallKind kind) {
  if (!Admit()) return false;
  if (!TakeInlineSlot(kind == kStream ? stream_inline_slots_ : inline_slots_)) {
    return Enqueue(std::move(task));
  }
  // Microseconds on a gRPC thread: the pool's threads built the process's
  // first transliterator at start.
  core::WarmUpTextFolding();
  const RunningTask outer = running_task;
  running_task = RunningTask{.running = true, .inline_here = true};
  std::move(task)();
  const bool released_early = running_task.slot_released_early;
  running_task = outer;
  running_inline_.fetch_sub(1, std::memory_order_relaxed);
  if (!released_early) Release();
  return true;
}

bool ScreeningPool::MayRunFollowUpHere() const {
  if (queued_.load(std::memory_order_relaxed) > 0) return false;
  return !running_task.inline_here ||
         running_inline_.load(std::memory_order_relaxed) <= inline_slots_;
}

bool ScreeningPool::QueueInSlotOfRunningTask(absl::AnyInvocable<void() &&> task) {
  if (!running_task.running || running_task.slot_released_early) return false;
  if (!EnqueueHoldingSlot(std::move(task))) return false;
  // The slot went with the task: the running one must not give it back.
  running_task.slot_released_early = true;
  return true;
}

void ScreeningPool::ReleaseSlotOfRunningTask() {
  // Outside a task there is no slot to give back: releasing one would let
  // the bound be exceeded.
  if (!running_task.running || running_task.slot_released_early) return;
  running_task.slot_released_early = true;
  Release();
}

void ScreeningPool::Work() {
  auto has_work = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !queue_.empty() || stopping_;
  };
  while (true) {
    absl::AnyInvocable<void() &&> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(&has_work));
      if (queue_.empty()) return;  // stopping, and everything accepted has run
      task = std::move(queue_.front());
      queue_.pop_front();
      queued_.fetch_sub(1, std::memory_order_relaxed);
    }
    running_task = RunningTask{.running = true};
    std::move(task)();
    const bool released_early = running_task.slot_released_early;
    running_task = RunningTask{};
    if (!released_early) Release();
  }
}

}  // namespace placi::server
