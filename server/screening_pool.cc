// Screening threads behind a bounded queue; see screening_pool.h.
#include "server/screening_pool.h"

#include <sched.h>

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

}  // namespace

ScreeningPool::ScreeningPool(Options options) : max_in_flight_(options.max_in_flight) {
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

bool ScreeningPool::TrySubmit(absl::AnyInvocable<void() &&> task) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || (max_in_flight_ > 0 && in_flight_ >= max_in_flight_)) return false;
  ++in_flight_;
  queue_.push_back(std::move(task));
  return true;
}

int ScreeningPool::in_flight() const {
  absl::MutexLock lock(&mu_);
  return in_flight_;
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
    }
    std::move(task)();
    absl::MutexLock lock(&mu_);
    --in_flight_;
  }
}

}  // namespace placi::server
