// In-memory window counters, sharded (see window_counters.h).
#include "storage/window_counters.h"

#include <algorithm>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/history_store.h"
#include "storage/counter_table.h"
#include "storage/keys.h"

namespace placi::storage {
namespace {

constexpr int64_t kHourSeconds = 3600;
static_assert(WindowCounters::kShards == 64, "shard masks are one uint64_t");

// Slots a shard's sweep examines per Apply that touches the shard while a
// pass is under way: 4 KiB, ~1 us (scanning is memory-bound, ~10 ns a slot
// on this VM). The hourly pass over a shard of 10M / 64 counters (262,144
// slots) is then spread over ~2,000 Applies of the shard instead of one
// parcel walking the whole shard (milliseconds) on its request path.
constexpr size_t kSweepSlotsPerApply = 128;

// Top bits pick the shard; the table uses the low bits, so the two choices
// do not correlate.
int ShardOf(uint64_t id) { return static_cast<int>(id >> 58); }

using Slot = CounterTable::Slot;

}  // namespace

uint64_t WindowCounters::IdOf(std::string_view key, int64_t bucket_width_seconds) const {
  return IdOfHash(keys::CounterKeyHash(key, key_seed_), bucket_width_seconds);
}

uint64_t WindowCounters::IdOfHash(uint64_t counter_hash, int64_t bucket_width_seconds) {
  const uint64_t id = absl::HashOf(counter_hash, bucket_width_seconds);
  return id != 0 ? id : 1;  // 0 marks an empty slot of CounterTable
}

struct alignas(64) WindowCounters::Shard {
  absl::Mutex mu;
  CounterTable counters ABSL_GUARDED_BY(mu);
  int64_t swept_hour ABSL_GUARDED_BY(mu) = 0;
  bool sweeping ABSL_GUARDED_BY(mu) = false;  // a pass of swept_hour is under way

  // Drops whole counters whose newest bucket is out of the window ending at
  // `now_seconds`: one pass over the shard per hour, kSweepSlotsPerApply
  // slots at a time. (Reads and adds prune what they touch anyway; the
  // sweep only keeps memory bounded by the windows.)
  void SweepLocked(int64_t now_seconds) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    const int64_t hour = now_seconds / kHourSeconds;
    if (hour > swept_hour) {
      swept_hour = hour;
      sweeping = true;
      counters.RestartSweep();
    }
    if (sweeping && counters.SweepStep(now_seconds, kSweepSlotsPerApply)) sweeping = false;
  }

  // Returns the bucket's count after adding `delta`.
  int64_t AddLocked(uint64_t id, int64_t width, int64_t bucket, int64_t delta)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    Slot* slot = counters.Find(id);
    if (slot == nullptr) {
      if (delta == 0) return 0;
      counters.Insert(id, width, bucket, delta);
      return delta;
    }
    if (CounterTable::Prune(slot, bucket)) {  // every bucket fell out of the window
      if (delta == 0) return 0;  // the sweep drops it
      CounterTable::Reset(slot, bucket, delta);
      return delta;
    }
    return CounterTable::Add(slot, bucket, delta);
  }

  // Takes back an AddLocked whose write failed; drops what it left empty.
  void UndoLocked(uint64_t id, int64_t bucket, int64_t delta) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (delta == 0) return;
    Slot* slot = counters.Find(id);
    if (slot != nullptr && CounterTable::Undo(slot, bucket, delta)) counters.Erase(slot);
  }

  int64_t SumLocked(uint64_t id, int64_t bucket) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    Slot* slot = counters.Find(id);
    if (slot == nullptr) return 0;
    if (CounterTable::Prune(slot, bucket)) return 0;  // the sweep drops it
    return CounterTable::Sum(*slot);  // all newer than bucket - kBuckets
  }

  void LoadLocked(uint64_t id, int64_t width, int64_t bucket, int64_t count)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (Slot* slot = counters.Find(id); slot != nullptr) {
      CounterTable::Add(slot, bucket, count);
    } else {
      counters.Insert(id, width, bucket, count);
    }
  }
};

WindowCounters::WindowCounters() : shards_(new Shard[kShards]) {}
WindowCounters::~WindowCounters() = default;

// The analysis cannot follow a set of locks chosen at run time; ShardLocks
// holds every shard that the ids below fall in.
absl::Status WindowCounters::Apply(absl::Span<const WindowIncrement> increments,
                                   absl::Span<const Read> reads, int64_t sweep_seconds,
                                   PersistFn persist,
                                   std::vector<int64_t>* sums) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  absl::InlinedVector<uint64_t, 16> added;
  absl::InlinedVector<uint64_t, 16> read;
  added.reserve(increments.size());
  read.reserve(reads.size());
  uint64_t mask = 0;
  for (const WindowIncrement& inc : increments) {
    added.push_back(IdOf(inc.key, inc.bucket_width_seconds));
    mask |= uint64_t{1} << ShardOf(added.back());
  }
  // A read of an increment's own key string (Store::Sums passes them so,
  // in order) takes its id instead of hashing the key again.
  size_t same = 0;
  for (const Read& r : reads) {
    if (same < increments.size() && increments[same].key.data() == r.key.data() &&
        increments[same].key.size() == r.key.size() &&
        increments[same].bucket_width_seconds == r.bucket_width_seconds) {
      read.push_back(added[same++]);
      continue;
    }
    read.push_back(IdOf(r.key, r.bucket_width_seconds));
    mask |= uint64_t{1} << ShardOf(read.back());
  }

  // Locks the shards of `mask` in ascending order; unlocks on every return.
  struct ShardLocks {
    ShardLocks(Shard* shards, uint64_t mask) ABSL_NO_THREAD_SAFETY_ANALYSIS : shards(shards),
                                                                              mask(mask) {
      for (uint64_t m = mask; m != 0; m &= m - 1) shards[__builtin_ctzll(m)].mu.Lock();
    }
    ~ShardLocks() ABSL_NO_THREAD_SAFETY_ANALYSIS {
      for (uint64_t m = mask; m != 0; m &= m - 1) shards[__builtin_ctzll(m)].mu.Unlock();
    }
    Shard* const shards;
    const uint64_t mask;
  } locks(shards_.get(), mask);
  if (sweep_seconds > 0) {
    for (uint64_t m = mask; m != 0; m &= m - 1)
      shards_[__builtin_ctzll(m)].SweepLocked(sweep_seconds);
  }
  // Ten million counters are far out of cache: each counter's slot is a
  // miss. Asking for all of them first lets the CPU have the misses in
  // flight at once; the adds below then hit cache. A busy counter's buckets
  // are in a heap block of their own, a second miss: asked for next.
  // (Reads that reuse an increment's id are asked for with it.)
  for (uint64_t id : added) shards_[ShardOf(id)].counters.Prefetch(id);
  for (size_t i = same; i < read.size(); ++i) shards_[ShardOf(read[i])].counters.Prefetch(read[i]);
  for (uint64_t id : added) shards_[ShardOf(id)].counters.PrefetchBuckets(id);
  for (size_t i = same; i < read.size(); ++i) {
    shards_[ShardOf(read[i])].counters.PrefetchBuckets(read[i]);
  }
  absl::InlinedVector<int64_t, 16> values(increments.size());
  for (size_t i = 0; i < increments.size(); ++i) {
    const WindowIncrement& inc = increments[i];
    values[i] = shards_[ShardOf(added[i])].AddLocked(added[i], inc.bucket_width_seconds,
                                                     inc.bucket, inc.delta);
  }
  if (absl::Status s = persist(values); !s.ok()) {
    for (size_t i = increments.size(); i-- > 0;) {
      shards_[ShardOf(added[i])].UndoLocked(added[i], increments[i].bucket, increments[i].delta);
    }
    return s;
  }
  if (sums != nullptr) {
    sums->clear();
    sums->reserve(reads.size());
    for (size_t i = 0; i < reads.size(); ++i) {
      sums->push_back(shards_[ShardOf(read[i])].SumLocked(read[i], reads[i].bucket));
    }
  }
  return absl::OkStatus();
}

void WindowCounters::Undo(absl::Span<const WindowIncrement> increments) {
  for (size_t i = increments.size(); i-- > 0;) {
    const WindowIncrement& inc = increments[i];
    const uint64_t id = IdOf(inc.key, inc.bucket_width_seconds);
    Shard& shard = shards_[ShardOf(id)];
    absl::MutexLock lock(&shard.mu);
    shard.UndoLocked(id, inc.bucket, inc.delta);
  }
}

void WindowCounters::Reserve(size_t counters) {
  for (int i = 0; i < kShards; ++i) {
    absl::MutexLock lock(&shards_[i].mu);
    shards_[i].counters.Reserve(counters / kShards + counters / kShards / 16);
  }
}

void WindowCounters::Load(std::string_view key, int64_t bucket_width_seconds, int64_t bucket,
                          int64_t count) {
  Load(LoadedBucket{IdOf(key, bucket_width_seconds), bucket_width_seconds, bucket, count});
}

void WindowCounters::Load(const LoadedBucket& b) {
  Shard& shard = shards_[ShardOf(b.id)];
  absl::MutexLock lock(&shard.mu);
  shard.LoadLocked(b.id, b.bucket_width_seconds, b.bucket, b.count);
}

void WindowCounters::LoadShard(int shard_index, absl::Span<const LoadedBucket> buckets) {
  Shard& shard = shards_[shard_index];
  absl::MutexLock lock(&shard.mu);
  for (const LoadedBucket& b : buckets) {
    shard.LoadLocked(b.id, b.bucket_width_seconds, b.bucket, b.count);
  }
}

bool WindowCounters::InWindow(const LoadedBucket& bucket, int64_t now_seconds) {
  // Prune's rule, for the bucket of now.
  return bucket.bucket > now_seconds / bucket.bucket_width_seconds - core::kWindowBuckets;
}

void WindowCounters::MarkSwept(int64_t now_seconds) {
  for (int i = 0; i < kShards; ++i) {
    absl::MutexLock lock(&shards_[i].mu);
    shards_[i].swept_hour = std::max(shards_[i].swept_hour, now_seconds / kHourSeconds);
  }
}

int WindowCounters::ShardOfId(uint64_t id) { return ShardOf(id); }

size_t WindowCounters::size() const {
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    absl::MutexLock lock(&shards_[i].mu);
    n += shards_[i].counters.size();
  }
  return n;
}

}  // namespace placi::storage
