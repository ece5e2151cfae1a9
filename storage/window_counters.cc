// In-memory window counters, sharded (see window_counters.h).
#include "storage/window_counters.h"

#include <algorithm>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/history_store.h"

namespace placi::storage {
namespace {

constexpr int64_t kBuckets = core::kWindowBuckets;
constexpr int64_t kHourSeconds = 3600;
static_assert(WindowCounters::kShards == 64, "shard masks are one uint64_t");

// Top bits pick the shard; flat_hash_map hashes the id again and uses its
// low bits, so the two choices do not correlate.
int ShardOf(uint64_t id) { return static_cast<int>(id >> 58); }

// One counter: its bucket width and (bucket, count) pairs, ascending by
// bucket. Most counters (one waybill, one new consignee) have a single
// bucket, kept inline; a busy one at most kBuckets plus the few newer ones a
// lagging clock may add.
struct Counter {
  int64_t width = 0;
  absl::InlinedVector<std::pair<int64_t, int64_t>, 1> buckets;
};

// Drops the buckets that are out of the window ending at `bucket`.
void Prune(Counter* counter, int64_t bucket) {
  auto& buckets = counter->buckets;
  auto keep = std::find_if(buckets.begin(), buckets.end(),
                           [&](const auto& b) { return b.first > bucket - kBuckets; });
  if (keep != buckets.begin()) buckets.erase(buckets.begin(), keep);  // mostly nothing to drop
}

}  // namespace

uint64_t WindowCounters::IdOf(std::string_view key, int64_t bucket_width_seconds) {
  return absl::HashOf(absl::string_view(key.data(), key.size()), bucket_width_seconds);
}

struct alignas(64) WindowCounters::Shard {
  absl::Mutex mu;
  absl::flat_hash_map<uint64_t, Counter> counters ABSL_GUARDED_BY(mu);
  int64_t swept_hour ABSL_GUARDED_BY(mu) = 0;

  // Drops whole counters whose newest bucket is out of the window ending at
  // `now_seconds`, at most once per hour.
  void SweepLocked(int64_t now_seconds) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    const int64_t hour = now_seconds / kHourSeconds;
    if (hour <= swept_hour) return;
    swept_hour = hour;
    absl::erase_if(counters, [&](auto& counter) {
      Prune(&counter.second, now_seconds / counter.second.width);
      return counter.second.buckets.empty();
    });
  }

  // Returns the bucket's count after adding `delta`.
  int64_t AddLocked(uint64_t id, int64_t width, int64_t bucket, int64_t delta)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto it = counters.find(id);
    if (it == counters.end()) {
      if (delta == 0) return 0;
      it = counters.try_emplace(id).first;
      it->second.width = width;
    }
    auto& buckets = it->second.buckets;
    Prune(&it->second, bucket);
    auto pos = std::lower_bound(buckets.begin(), buckets.end(), bucket,
                                [](const auto& b, int64_t want) { return b.first < want; });
    if (pos != buckets.end() && pos->first == bucket) {
      pos->second += delta;
      return pos->second;
    }
    if (delta == 0) return 0;
    return buckets.insert(pos, {bucket, delta})->second;
  }

  // Takes back an AddLocked whose write failed; drops what it left empty.
  void UndoLocked(uint64_t id, int64_t bucket, int64_t delta) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (delta == 0) return;
    auto it = counters.find(id);
    if (it == counters.end()) return;
    auto& buckets = it->second.buckets;
    for (auto b = buckets.begin(); b != buckets.end(); ++b) {
      if (b->first != bucket) continue;
      b->second -= delta;
      if (b->second == 0) buckets.erase(b);
      break;
    }
    if (buckets.empty()) counters.erase(it);
  }

  int64_t SumLocked(uint64_t id, int64_t bucket) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto it = counters.find(id);
    if (it == counters.end()) return 0;
    Prune(&it->second, bucket);
    int64_t sum = 0;
    for (const auto& [b, count] : it->second.buckets) sum += count;  // all newer than bucket - kBuckets
    return sum;
  }

  void LoadLocked(uint64_t id, int64_t width, int64_t bucket, int64_t count)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto [it, inserted] = counters.try_emplace(id);
    if (inserted) it->second.width = width;
    auto& buckets = it->second.buckets;
    // Buckets come in time order from RocksDB: almost always an append.
    if (buckets.empty() || buckets.back().first < bucket) {
      buckets.emplace_back(bucket, count);
      return;
    }
    auto pos = std::lower_bound(buckets.begin(), buckets.end(), bucket,
                                [](const auto& b, int64_t want) { return b.first < want; });
    if (pos != buckets.end() && pos->first == bucket) {
      pos->second = count;
    } else {
      buckets.insert(pos, {bucket, count});
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
  for (const Read& r : reads) {
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
  // Ten million counters are far out of cache: each lookup waits for
  // memory twice (control bytes, then the slot), and the adds below, one
  // after another, would wait for each in turn. Lookups with nothing else to
  // do let the CPU have them all in flight at once; the adds then hit cache
  // (perf: the slot and control-byte loads were most of Apply; a parcel's
  // store calls went from ~25 to ~20 us median at 10M counters).
  // A busy counter's buckets are in a heap block of their own, a third miss:
  // touched here too.
  int64_t touched = 0;
  const auto touch = [&](uint64_t id) {
    const auto& counters = shards_[ShardOf(id)].counters;
    if (auto it = counters.find(id); it != counters.end() && !it->second.buckets.empty()) {
      touched += it->second.buckets.front().first;
    }
  };
  for (uint64_t id : added) touch(id);
  for (uint64_t id : read) touch(id);
  asm volatile("" : : "r"(touched));  // keep the lookups
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
    shards_[i].counters.reserve(counters / kShards + counters / kShards / 16);
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
  return bucket.bucket > now_seconds / bucket.bucket_width_seconds - kBuckets;
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
