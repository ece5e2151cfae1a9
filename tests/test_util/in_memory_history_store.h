// core::HistoryStore in memory with the same bucketing as the RocksDB one,
// for core tests. The RocksDB implementation is tested in tests/storage.
#ifndef PLACI_TESTS_TEST_UTIL_IN_MEMORY_HISTORY_STORE_H_
#define PLACI_TESTS_TEST_UTIL_IN_MEMORY_HISTORY_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "core/history_store.h"

namespace placi::testing {

class InMemoryHistoryStore final : public core::HistoryStore {
 public:
  absl::StatusOr<std::vector<int64_t>> CountAndSum(
      absl::Span<const core::CounterUpdate> updates, absl::Time now,
      std::vector<core::WindowIncrement>* counted) override {
    absl::MutexLock lock(&mu_);
    std::vector<int64_t> sums;
    for (const core::CounterUpdate& u : updates) {
      const int64_t width = absl::ToInt64Seconds(u.window) / core::kWindowBuckets;
      const int64_t bucket = absl::ToUnixSeconds(now) / width;
      auto& buckets = counters_[{u.key, width}];
      buckets[bucket] += u.delta;
      if (u.delta != 0) counted->push_back({u.key, width, bucket, u.delta});
      int64_t sum = 0;
      for (const auto& [b, count] : buckets) {
        if (b > bucket - core::kWindowBuckets) sum += count;
      }
      sums.push_back(sum);
    }
    return sums;
  }
  void Uncount(absl::Span<const core::WindowIncrement> counted) override {
    absl::MutexLock lock(&mu_);
    for (const core::WindowIncrement& inc : counted) {
      counters_[{inc.key, inc.bucket_width_seconds}][inc.bucket] -= inc.delta;
    }
  }
  // Counted and kept (there is no disk to make it durable on).
  absl::StatusOr<std::vector<int64_t>> AddAndSum(absl::Span<const core::CounterUpdate> updates,
                                                 absl::Time now) {
    std::vector<core::WindowIncrement> counted;
    return CountAndSum(updates, now, &counted);
  }

 private:
  absl::Mutex mu_;
  std::map<std::pair<std::string, int64_t>, std::map<int64_t, int64_t>> counters_;
};

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_IN_MEMORY_HISTORY_STORE_H_
