// The window log: how window increments reach the disk without a RocksDB
// key per increment on the verdict path, and the thread that keeps it short.
//
// A verdict (or a WindowIncrements event) writes its increments as ONE log
// record in its own batch: history key keys::WindowLogKey(sequence) (0xFF +
// 8 bytes), value EncodeWindowLogValue(increments). The sequence is taken
// while the shard locks of the counters it touches are held (WindowCounters:
// Apply's persist callback, or Log), so that a snapshot of a shard knows
// which records it holds.
//
// Until session 9 a background thread folded the records into bucket
// Merges; that fold and the sorting of its Merges at each memtable flush
// were ~25 us of CPU per parcel (docs/performance.md, session 10). Now the
// thread (Start) takes a window snapshot (window_snapshot.h): every shard of
// the in-memory counters with S_i, the next sequence when it was copied,
// written to a file, synced and renamed; then one DeleteRange drops the log
// keys below min S_i (and, the first time in a process, every bucket key
// older versions wrote: the snapshot holds their counts). It does so once
// Options::snapshot_records records were logged since the last snapshot, or
// after Options::interval if any was. Store::Open loads the snapshot (or,
// with none, the bucket keys) and replays, of each record left in the log,
// the increments of shards whose S_i is not above its sequence. Stop() takes
// a last snapshot, so a clean close leaves nothing to replay.
//
//   WindowLog log({.db = db, .counters = &counters, .clock = clock});
//   log.Start();
//   windows.Apply(increments, {}, now, [&](auto) {
//     const uint64_t sequence = log.NextSequence();  // shard locks held
//     batch.Put(db->history(), keys::WindowLogKey(sequence), value);
//     return Write(&batch);
//   }, nullptr);
//   log.Logged();
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
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "core/clock.h"
#include "storage/database.h"
#include "storage/window_counters.h"

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
    Database* db = nullptr;                // outlives the log
    WindowCounters* counters = nullptr;    // outlives the log
    const core::Clock* clock = nullptr;    // expiry of buckets in a snapshot
    // A snapshot this long after the last one if any record was logged
    // since; absl::InfiniteDuration() starts no thread and never snapshots
    // except on Snapshot() (tests of the replay at open), not even at Stop.
    absl::Duration interval = absl::Minutes(2);
    // A snapshot as soon as this many records were logged since the last
    // one: the records an open replays after a crash (~1 s at 500,000).
    uint64_t snapshot_records = 500'000;
    // Whether Stop takes a last snapshot (false: a close leaves the log as
    // a crash would; tests of the replay).
    bool snapshot_at_stop = true;
  };

  explicit WindowLog(const Options& options);
  ~WindowLog();  // Stop()
  WindowLog(const WindowLog&) = delete;
  WindowLog& operator=(const WindowLog&) = delete;

  // The sequence of a new record. Never 0. Taken with the shard locks of
  // the counters it touches held.
  uint64_t NextSequence() { return next_sequence_.fetch_add(1, std::memory_order_relaxed); }
  // A record was written (counts towards snapshot_records).
  void Logged();
  // Open (one thread, before any writer): new sequences are `sequence` or
  // later.
  void ContinueFrom(uint64_t sequence);
  // Open: `records` were replayed from the log, or (0 and `from_buckets`)
  // the counters came from bucket keys: the next snapshot (or the close)
  // should hold them, and the thread takes one early if they are many.
  void Loaded(uint64_t records, bool from_buckets);

  // Starts the background thread (unless the interval is infinite).
  void Start();
  // Stops and joins the thread, then takes a last snapshot if anything was
  // logged, unless the interval is infinite. Idempotent.
  void Stop();
  // Takes a snapshot now and drops the log keys (and bucket keys) it
  // covers. UNAVAILABLE, nothing changed, when a record being written as
  // the shards were copied failed (its count is in the copy but not on
  // disk); the next snapshot is then taken as usual.
  absl::Status Snapshot();

  // Snapshots taken. For tests.
  uint64_t snapshots() const { return snapshots_.load(std::memory_order_relaxed); }

 private:
  void Run();

  const Options options_;
  std::atomic<uint64_t> next_sequence_{1};
  std::atomic<uint64_t> logged_{0};  // records since the last snapshot
  std::atomic<uint64_t> snapshots_{0};

  absl::Mutex mu_;
  absl::CondVar wake_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;

  // One snapshot at a time (the thread, Snapshot, Stop).
  absl::Mutex snapshot_mu_;
  std::string buffer_ ABSL_GUARDED_BY(snapshot_mu_);  // one shard's bytes, reused
  WindowCounters::ShardCopy shard_copy_ ABSL_GUARDED_BY(snapshot_mu_);  // reused too
  bool buckets_deleted_ ABSL_GUARDED_BY(snapshot_mu_) = false;

  std::thread thread_;
  bool stopped_ = false;  // Stop() ran
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_WINDOW_LOG_H_
