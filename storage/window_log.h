// The window log: how window increments reach the history column family
// without a RocksDB key per increment on the verdict path.
//
// A verdict (or a WindowIncrements event) writes its increments as ONE log
// record in its own batch: history key keys::WindowLogKey(sequence) (0xFF +
// 8 bytes), value EncodeWindowLogValue(increments). Its ~10 bucket Merges
// each cost a key in the WAL record, a memtable insert and a merge operand
// to sort at flush; one Put of the same bytes costs one (BM_StorePerParcel
// 11.9 -> 10.0 us, measured with a stand-in, session 9). Once the batch is
// written, the writer hands the record to Acknowledge(); a background thread
// (Start) wakes every Options::interval, or when much is pending, and folds
// what was acknowledged into the buckets (Consolidate): per batch of a few
// thousand increments, one Merge of the summed deltas per distinct bucket
// plus a SingleDelete of exactly the log keys it consumed. That batch is
// atomic, so after a crash each record is either still in the log or in its
// buckets, never both and never neither; Store::Open replays what is left in
// the log (Replayed) and the first round folds it. A log key is Put once
// and SingleDeleted once, so the pair cancels when it meets in a flush or
// compaction and leaves no tombstone behind.
//
// Only acknowledged records are ever pending: a record whose write is still
// in flight (or failed) cannot be folded, so nothing is folded twice or
// before it is durable. A fold that fails to write leaves its records
// pending for the next round.
//
// The fold also runs the hourly expiry of old buckets (it used to ride in
// the first verdict batch of each hour): one DeleteRange up to a bucket
// start, which ends below every log key.
//
//   WindowLog log({.db = db, .clock = clock, .interval = absl::Milliseconds(50), ...});
//   log.Start(expired_hour);
//   const uint64_t sequence = log.NextSequence();
//   batch.Put(db->history(), keys::WindowLogKey(sequence), value);
//   if (db->db()->Write(options, &batch).ok()) log.Acknowledge(sequence, logged);
#ifndef PLACI_STORAGE_WINDOW_LOG_H_
#define PLACI_STORAGE_WINDOW_LOG_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "core/clock.h"
#include "rocksdb/write_batch.h"
#include "storage/database.h"

namespace placi::storage {

// One increment as logged: the counter is known by its keys::CounterKeyHash,
// as in its bucket key.
struct LoggedIncrement {
  uint64_t counter_hash = 0;
  int64_t bucket_width_seconds = 0;
  int64_t bucket = 0;  // bucket start / bucket_width_seconds
  int64_t delta = 0;
  bool operator==(const LoggedIncrement&) const = default;
};

// A log record's value (format 1):
//   0x01, varint count, then per increment: counter hash (8 bytes
//   little-endian), varint width, varint bucket, zigzag varint delta.
// About 15 bytes an increment instead of a 21-byte key and an 8-byte value.
// Appends to *out.
void EncodeWindowLogValue(absl::Span<const LoggedIncrement> increments, std::string* out);
// Appends the record's increments to *out; false (and *out unchanged) for
// bytes that are not exactly one format 1 value: an unknown version, a
// count that does not match, a truncated or overlong varint, trailing bytes.
// Negative widths or buckets decode; callers check ranges.
bool DecodeWindowLogValue(std::string_view bytes, std::vector<LoggedIncrement>* out);

// Thread-safe.
class WindowLog {
 public:
  struct Options {
    Database* db = nullptr;  // outlives the log
    const core::Clock* clock = nullptr;
    // How often the background thread folds the log (and retries a fold
    // whose write failed); absl::InfiniteDuration()
    // starts no thread and never folds except on Consolidate() (tests of
    // the replay at open).
    absl::Duration interval = absl::Milliseconds(50);  // Store::Options says why
    // Expiry: buckets that started more than this before the fold's time
    // are deleted, once an hour.
    int64_t retention_seconds = 0;
  };

  explicit WindowLog(const Options& options);
  ~WindowLog();  // Stop()
  WindowLog(const WindowLog&) = delete;
  WindowLog& operator=(const WindowLog&) = delete;

  // The sequence of a new record. Never 0.
  uint64_t NextSequence() { return next_sequence_.fetch_add(1, std::memory_order_relaxed); }
  // The record `sequence` holding `increments` was written: it may be
  // folded from now on.
  void Acknowledge(uint64_t sequence, absl::Span<const LoggedIncrement> increments);
  // Open: a record found in the log. Pending like an acknowledged one, and
  // new sequences continue after the largest found.
  void Replayed(uint64_t sequence, absl::Span<const LoggedIncrement> increments);

  // Starts the background thread (unless the interval is infinite).
  // `expired_hour`: the hour (unix seconds / 3600) up to which expiry has
  // run already (Store::Open's).
  void Start(int64_t expired_hour);
  // Stops and joins the thread, then folds what is pending, unless the
  // interval is infinite (so that a clean close leaves no log key).
  // Idempotent.
  void Stop();
  // Folds every record acknowledged so far, now. On a failed write the
  // records not folded stay pending and the error is returned.
  absl::Status Consolidate();

  // Records acknowledged (or replayed) and not folded yet. For tests.
  size_t pending_records() const;

 private:
  // Records in acknowledgement order; record i's increments are
  // increments[ends[i-1] .. ends[i]).
  struct Records {
    std::vector<uint64_t> sequences;
    std::vector<size_t> ends;
    std::vector<LoggedIncrement> increments;
    void Append(uint64_t sequence, absl::Span<const LoggedIncrement> logged);
    void Clear();
    size_t Begin(size_t record) const { return record == 0 ? 0 : ends[record - 1]; }
  };
  void Run();
  // Writes records [first, last) of `taken` as one batch.
  absl::Status Fold(const Records& taken, size_t first, size_t last)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(fold_mu_);

  const Options options_;
  std::atomic<uint64_t> next_sequence_{1};

  mutable absl::Mutex mu_;
  absl::CondVar wake_;
  Records pending_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;

  // One fold at a time (the thread, Consolidate, Stop).
  absl::Mutex fold_mu_;  // taken before mu_
  Records taken_ ABSL_GUARDED_BY(fold_mu_);  // kept to reuse its buffers
  struct BucketOf {
    uint64_t counter_hash;
    int64_t width;
    int64_t bucket;
    bool operator==(const BucketOf&) const = default;
    template <typename H>
    friend H AbslHashValue(H h, const BucketOf& b) {
      return H::combine(std::move(h), b.counter_hash, b.width, b.bucket);
    }
  };
  // Fold's buffers, kept to reuse their memory.
  absl::flat_hash_map<BucketOf, uint64_t> sums_ ABSL_GUARDED_BY(fold_mu_);
  rocksdb::WriteBatch batch_ ABSL_GUARDED_BY(fold_mu_);
  int64_t expired_hour_ ABSL_GUARDED_BY(fold_mu_) = 0;

  std::thread thread_;
  bool stopped_ = false;  // Stop() ran
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_WINDOW_LOG_H_
