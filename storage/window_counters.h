// The window counters of storage::Store (core::HistoryStore) in memory: per
// counter (key, bucket width), the count of each bucket still in its window.
// The `history` column family is their durable copy (layout in keys.h);
// AddAndSum reads only these, so the per-parcel path never reads RocksDB.
//
// A counter is known in memory by a 64-bit hash of (key, width) alone (IdOf):
// the hash of the key that RocksDB stores in its place (keys.h,
// CounterKeyHash, seeded per data dir), mixed with the width. That takes the
// per-counter std::string and its heap block away (~196 -> ~60 bytes a
// counter; a counter is one 32-byte slot of a CounterTable,
// counter_table.h). Two of n counters share a hash with probability about
// n^2 / 2^65 (3e-6 for 10 million); such a pair would add up as one counter,
// a pattern signal counted a little high, never a lost verdict. The seed is
// drawn at random for each data dir (keys.h, kHistoryKeySeed), so that
// colliding keys cannot be chosen from outside.
//
// Sharded 64 ways by the top bits of that hash, each shard with its own mutex.
// Apply() locks every shard it touches, in shard order (so two applies cannot
// deadlock), and holds them across the adds, the caller's persist callback
// (the RocksDB write of the new absolute bucket values) and the reads. So two
// concurrent applies on one counter write their absolute values in the order
// they computed them: the last value on disk is the value in memory.
//
//   WindowCounters counters;
//   std::vector<int64_t> sums;
//   absl::Status s = counters.Apply(
//       increments, reads, now_seconds,
//       [&](absl::Span<const int64_t> values) { return WriteBatchOf(increments, values); },
//       &sums);
#ifndef PLACI_STORAGE_WINDOW_COUNTERS_H_
#define PLACI_STORAGE_WINDOW_COUNTERS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "core/history_store.h"

namespace placi::storage {

// One delta to one bucket of one counter; the unit of the WindowIncrements
// and VerdictRecorded events (store.h). bucket = unix_seconds /
// bucket_width_seconds, and bucket_width_seconds = window /
// core::kWindowBuckets.
using WindowIncrement = core::WindowIncrement;

// Thread-safe.
class WindowCounters {
 public:
  static constexpr int kShards = 64;  // one bit each in a uint64_t mask

  // A counter to read, as of `bucket`.
  struct Read {
    std::string_view key;
    int64_t bucket_width_seconds = 0;
    int64_t bucket = 0;
  };

  // Receives values[i]: the count of increments[i]'s bucket after its delta
  // (a counter named twice gets its running total each time, so the last
  // value is the final one). Runs with the shard locks held.
  using PersistFn = absl::FunctionRef<absl::Status(absl::Span<const int64_t> values)>;

  WindowCounters();
  // The seed of keys::CounterKeyHash for this data dir: set once, before
  // any Apply or Load.
  void SetKeySeed(uint64_t seed) { key_seed_ = seed; }
  uint64_t key_seed() const { return key_seed_; }
  ~WindowCounters();
  WindowCounters(const WindowCounters&) = delete;
  WindowCounters& operator=(const WindowCounters&) = delete;

  // Atomically with respect to other Apply calls on the same counters:
  //  1. if sweep_seconds > 0 (unix seconds), each shard touched sweeps on:
  //     once per hour a pass over the shard drops its counters whose whole
  //     window lies before sweep_seconds (memory stays bounded by the
  //     windows), a few hundred slots per Apply, so that no single parcel
  //     walks a whole shard;
  //  2. adds each increment's delta to its bucket, in order, dropping the
  //     counter's buckets that fell out of the window of that bucket; a zero
  //     delta changes nothing (and creates no counter);
  //  3. calls persist(values); if it fails, undoes the adds and returns its
  //     status;
  //  4. sets *sums (may be null when `reads` is empty) to each read's window
  //     sum: the counts of its buckets newer than bucket - kWindowBuckets.
  //     Buckets newer than `bucket` count too, so that a node whose clock
  //     lags (NTP step, another node's events) does not miss fresh parcels.
  // Callers validate: width >= 1, bucket >= 0.
  absl::Status Apply(absl::Span<const WindowIncrement> increments, absl::Span<const Read> reads,
                     int64_t sweep_seconds, PersistFn persist, std::vector<int64_t>* sums);

  // Takes back the adds of a Count (or an Apply with a persist that wrote
  // nothing) whose increments were then not made durable; drops what that
  // leaves empty. Counters swept meanwhile are left alone.
  void Undo(absl::Span<const WindowIncrement> increments);

  // --- The screening path and window snapshots ------------------------------
  //
  // A window snapshot (window_snapshot.h) copies each shard under its lock
  // together with S, the window log's next sequence read under that lock. A
  // log record touching the shard must then be in the copy iff its sequence
  // is below S. Apply gets that for free: the persist callback takes the
  // record's sequence and writes it with the shard locks held. The screening
  // path counts first (Count) and logs later (Log), with the locks released
  // between: so Count remembers its adds as "not logged" in their shards,
  // and the copy leaves those out (they will be logged with a sequence >= S,
  // or never). Log takes the sequence under the shard locks and marks the
  // adds "logging" with it; once written they are forgotten. A copy keeps
  // the adds being logged (their sequence < S) and names their sequences
  // (ShardCut::logging): the snapshot must not become durable before they
  // are (Logging), nor at all if a Log failed meanwhile (failed_logs).

  // Apply with a persist that writes nothing, the adds remembered as not
  // logged until Log (or Undo) names them.
  absl::Status Count(absl::Span<const WindowIncrement> increments, absl::Span<const Read> reads,
                     int64_t sweep_seconds, std::vector<int64_t>* sums);
  // Makes Count's increments durable: under their shard locks takes
  // take_sequence() and marks them logging; then, locks released, calls
  // write(sequence). On failure they are not logged again (Undo takes them
  // back).
  absl::Status Log(absl::Span<const WindowIncrement> counted,
                   absl::FunctionRef<uint64_t()> take_sequence,
                   absl::FunctionRef<absl::Status(uint64_t sequence)> write);
  // Logs that failed since construction.
  uint64_t failed_logs() const { return failed_logs_.load(std::memory_order_acquire); }

  // One shard as a snapshot holds it.
  struct ShardCut {
    uint64_t next_sequence = 0;  // S: next_sequence() read under the lock
    uint64_t counters = 0;       // in the bytes
    std::vector<uint64_t> logging;  // sequences of the adds being logged
    int64_t locked_nanos = 0;  // how long the shard's lock was held
  };
  // What SerializeShard copies a shard into under its lock (the slot array,
  // the spilled counters' buckets). Owned by the caller and reused across
  // shards and snapshots, so that only the first copy pays the page faults
  // of its ~8 MB (at 10M counters): a window log keeps one. Not a
  // thread_local: a snapshot taken while a static is destroyed at exit
  // would write through one already destroyed. One copy at a time.
  class ShardCopy {
   public:
    ShardCopy();
    ~ShardCopy();
    ShardCopy(const ShardCopy&) = delete;
    ShardCopy& operator=(const ShardCopy&) = delete;

   private:
    friend class WindowCounters;
    struct Buffers;
    std::unique_ptr<Buffers> buffers_;
  };
  // Appends shard `shard`'s counters to *out (cleared first), without the
  // adds not logged yet and without buckets out of their window at
  // now_seconds. Per counter: id (8 bytes little-endian), varint width,
  // varint bucket count, then per bucket varint bucket and zigzag varint
  // count. The lock is held only for a copy of the slot array and of the
  // spilled counters' buckets into *copy (~2.5 ms a shard at 10M counters);
  // without one, a copy of its own.
  ShardCut SerializeShard(int shard, int64_t now_seconds,
                          absl::FunctionRef<uint64_t()> next_sequence, std::string* out,
                          ShardCopy* copy = nullptr);
  // Whether an add with one of `sequences` is still being logged in `shard`.
  bool Logging(int shard, absl::Span<const uint64_t> sequences) const;
  // Loads SerializeShard's bytes (`counters` of them) into shard `shard`,
  // skipping buckets out of their window at now_seconds; false for bytes
  // that are not exactly that (an id of another shard, a width out of
  // 1..max_width, a truncated varint, trailing bytes).
  bool LoadSerializedShard(int shard, std::string_view bytes, uint64_t counters,
                           int64_t now_seconds, int64_t max_width);

  // Loading at open: one bucket's count as read back from RocksDB.
  struct LoadedBucket {
    uint64_t id = 0;  // IdOf(key, bucket_width_seconds)
    int64_t bucket_width_seconds = 0;
    int64_t bucket = 0;
    int64_t count = 0;
  };
  // The in-memory identity of counter (key, width), from the key or from
  // its keys::CounterKeyHash (as stored in RocksDB), and its shard. Stable
  // across processes: window snapshots store ids.
  uint64_t IdOf(std::string_view key, int64_t bucket_width_seconds) const;
  // The key's hash (keys::CounterKeyHash with this data dir's seed): the
  // one `inc` remembers when it was made with this seed (RememberKeyHash),
  // else hashed now.
  uint64_t CounterHashOf(const WindowIncrement& inc) const;
  // Hashes inc->key once and keeps the hash in it, for the Count, Log and
  // log record that follow.
  void RememberKeyHash(WindowIncrement* inc) const;
  // IdOf(inc.key, inc.bucket_width_seconds), from the remembered hash when
  // it is this store's (CounterHashOf).
  uint64_t IdOf(const WindowIncrement& inc) const;
  static uint64_t IdOfHash(uint64_t counter_hash, int64_t bucket_width_seconds);
  static int ShardOfId(uint64_t id);
  // Makes room for about `counters` counters, so that loading does not
  // rehash as the shards grow.
  void Reserve(size_t counters);
  // Adds a count read back from RocksDB to its bucket: a bucket stored
  // under two keys (a format 1 and a format 2 key, keys.h) loads as their
  // sum.
  void Load(std::string_view key, int64_t bucket_width_seconds, int64_t bucket, int64_t count);
  void Load(const LoadedBucket& bucket);
  // Loads buckets that all fall in shard `shard` (ShardOfId), under one
  // lock; threads loading different shards do not wait for each other.
  void LoadShard(int shard, absl::Span<const LoadedBucket> buckets);
  // Whether a loaded bucket is still in its counter's window at
  // `now_seconds`; the loader skips the others, which a sweep would drop.
  static bool InWindow(const LoadedBucket& bucket, int64_t now_seconds);
  // After a load that skipped what a sweep at `now_seconds` drops: every
  // shard counts as swept in that hour, so that the first parcels after a
  // start do not each walk a shard of millions of counters (a sweep of 10M
  // counters is seconds of CPU; parcels paid it in their latency).
  void MarkSwept(int64_t now_seconds);

  // Counters held, over all shards (each locked in turn). For tests and
  // gauges.
  size_t size() const;
  // Slot arrays prepared ahead of a shard's growth, and those a growth took
  // (counter_table.h, "Growing without the wait"). For tests.
  uint64_t spares_prepared() const { return spares_prepared_.load(std::memory_order_acquire); }

 private:
  struct Shard;
  // Locks the shards of `mask` in ascending order; unlocks them.
  void LockShards(uint64_t mask) const;
  void UnlockShards(uint64_t mask) const;
  absl::Status ApplyImpl(absl::Span<const WindowIncrement> increments, absl::Span<const Read> reads,
                         int64_t sweep_seconds, PersistFn persist, std::vector<int64_t>* sums,
                         bool not_logged);
  // Asks the grower thread (started on first use) to prepare the next slot
  // array of the shards in `mask`, off their locks.
  void RequestSpares(uint64_t mask);
  // The grower thread: prepares spares until the destructor stops it.
  void PrepareSpares();
  bool GrowerHasWork() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(grower_mu_) {
    return spares_requested_ != 0 || stopping_;
  }

  std::unique_ptr<Shard[]> shards_;
  uint64_t key_seed_ = 0;
  std::atomic<uint64_t> failed_logs_{0};
  // Taken after shard locks, never before one.
  absl::Mutex grower_mu_;
  uint64_t spares_requested_ ABSL_GUARDED_BY(grower_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(grower_mu_) = false;
  std::thread grower_ ABSL_GUARDED_BY(grower_mu_);
  std::atomic<uint64_t> spares_prepared_{0};
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_WINDOW_COUNTERS_H_
