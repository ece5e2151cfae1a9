// Counters over sliding time windows, per normalised key: what the pattern
// rules (pattern_rules.h) need to see across parcels. Declared here,
// implemented on RocksDB in storage/ (durable across restarts, expired
// buckets dropped) and in memory for tests.
#ifndef PLACI_CORE_HISTORY_STORE_H_
#define PLACI_CORE_HISTORY_STORE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace placi::core {

// One counter to move and read. Counters are kept in buckets of
// window / kWindowBuckets seconds, numbered unix_seconds / bucket_width; the
// sum covers the current bucket and the kWindowBuckets - 1 before it, so a
// window is exact to within one bucket (5 minutes of an hour, 2 hours of a
// day, 14 hours of a week).
struct CounterUpdate {
  std::string key;  // e.g. "cv|<consignee key>" (a window per key and length)
  absl::Duration window;
  int64_t delta = 0;  // 0 only reads
};

inline constexpr int kWindowBuckets = 12;

// One delta to one bucket of one counter, as counted: bucket =
// unix_seconds / bucket_width_seconds, bucket_width_seconds = window /
// kWindowBuckets. A self-contained value, so that it can travel with the
// verdict that caused it (DecisionStore::Record, storage's VerdictRecorded
// event) to disk and to other replicas.
struct WindowIncrement {
  WindowIncrement() = default;
  WindowIncrement(std::string key, int64_t bucket_width_seconds, int64_t bucket, int64_t delta)
      : key(std::move(key)),
        bucket_width_seconds(bucket_width_seconds),
        bucket(bucket),
        delta(delta) {}

  std::string key;
  int64_t bucket_width_seconds = 0;
  int64_t bucket = 0;
  int64_t delta = 0;

  // Not part of the increment's value (never stored, sent or compared): the
  // hash of `key` that the store which counted it knows its counters by,
  // made with that store's seed. Counting, logging and the log record each
  // hashed the key again (three hashes of ~14 keys a parcel); a store reads
  // this only when `seed` is its own, and hashes the key otherwise.
  struct KeyHash {
    bool known = false;
    uint64_t seed = 0;
    uint64_t hash = 0;
  };
  KeyHash key_hash;
};

// Implementations are thread-safe.
class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  // Adds every update's delta to its counter's current bucket (the bucket
  // holding `now`) and returns each counter's sum over its window after the
  // add, in the order of `updates` (a counter named twice reads its first
  // delta, then both). The adds are counted at once, atomically, so that
  // parcels judged at the same time see each other; they are NOT durable
  // yet: each non-zero one is appended to *counted, and becomes durable in
  // the same write as the verdict that carries it
  // (DecisionStore::Record(verdict, counted)). A caller that records no
  // verdict takes them back with Uncount.
  virtual absl::StatusOr<std::vector<int64_t>> CountAndSum(absl::Span<const CounterUpdate> updates,
                                                           absl::Time now,
                                                           std::vector<WindowIncrement>* counted) = 0;

  // Takes back increments of CountAndSum whose verdict was not recorded.
  virtual void Uncount(absl::Span<const WindowIncrement> counted) = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_HISTORY_STORE_H_
