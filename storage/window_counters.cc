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

size_t HashCounter(std::string_view key, int64_t width) {
  return absl::HashOf(absl::string_view(key.data(), key.size()), width);
}

// Top bits pick the shard; flat_hash_map uses the low 7 bits and the middle
// ones, so the two choices do not correlate.
int ShardOf(size_t hash) { return static_cast<int>(hash >> (8 * sizeof(size_t) - 6)); }

// A stored counter, and a lookup of one that carries its hash so that the
// map does not compute it a second time.
struct CounterId {
  std::string key;
  int64_t width;
};
struct CounterView {
  std::string_view key;
  int64_t width;
  size_t hash;
};
struct CounterHash {
  using is_transparent = void;
  size_t operator()(const CounterId& id) const { return HashCounter(id.key, id.width); }
  size_t operator()(const CounterView& view) const { return view.hash; }
};
struct CounterEq {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a.width == b.width && std::string_view(a.key) == std::string_view(b.key);
  }
};

// (bucket, count), ascending by bucket. Most counters (one waybill, one new
// shipper) have a single bucket; a busy one at most kBuckets plus the few
// newer ones a lagging clock may add.
using Buckets = absl::InlinedVector<std::pair<int64_t, int64_t>, 2>;

// Drops the buckets that are out of the window ending at `bucket`.
void Prune(Buckets* buckets, int64_t bucket) {
  auto keep = std::find_if(buckets->begin(), buckets->end(),
                           [&](const auto& b) { return b.first > bucket - kBuckets; });
  buckets->erase(buckets->begin(), keep);
}

}  // namespace

struct alignas(64) WindowCounters::Shard {
  absl::Mutex mu;
  absl::flat_hash_map<CounterId, Buckets, CounterHash, CounterEq> counters ABSL_GUARDED_BY(mu);
  int64_t swept_hour ABSL_GUARDED_BY(mu) = 0;

  // Drops whole counters whose newest bucket is out of the window ending at
  // `now_seconds`, at most once per hour.
  void SweepLocked(int64_t now_seconds) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    const int64_t hour = now_seconds / kHourSeconds;
    if (hour <= swept_hour) return;
    swept_hour = hour;
    absl::erase_if(counters, [&](auto& counter) {
      Prune(&counter.second, now_seconds / counter.first.width);
      return counter.second.empty();
    });
  }

  // Returns the bucket's count after adding `delta`.
  int64_t AddLocked(const CounterView& id, int64_t bucket, int64_t delta)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto it = counters.find(id);
    if (it == counters.end()) {
      if (delta == 0) return 0;
      it = counters.emplace(CounterId{std::string(id.key), id.width}, Buckets()).first;
    }
    Buckets& buckets = it->second;
    Prune(&buckets, bucket);
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
  void UndoLocked(const CounterView& id, int64_t bucket, int64_t delta)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (delta == 0) return;
    auto it = counters.find(id);
    if (it == counters.end()) return;
    Buckets& buckets = it->second;
    for (auto b = buckets.begin(); b != buckets.end(); ++b) {
      if (b->first != bucket) continue;
      b->second -= delta;
      if (b->second == 0) buckets.erase(b);
      break;
    }
    if (buckets.empty()) counters.erase(it);
  }

  int64_t SumLocked(const CounterView& id, int64_t bucket) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto it = counters.find(id);
    if (it == counters.end()) return 0;
    Prune(&it->second, bucket);
    int64_t sum = 0;
    for (const auto& [b, count] : it->second) sum += count;  // all newer than bucket - kBuckets
    return sum;
  }
};

WindowCounters::WindowCounters() : shards_(new Shard[kShards]) {}
WindowCounters::~WindowCounters() = default;

// The analysis cannot follow a set of locks chosen at run time; ShardLocks
// holds every shard that the views below point into.
absl::Status WindowCounters::Apply(absl::Span<const WindowIncrement> increments,
                                   absl::Span<const Read> reads, int64_t sweep_seconds,
                                   PersistFn persist,
                                   std::vector<int64_t>* sums) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  absl::InlinedVector<CounterView, 16> added;
  absl::InlinedVector<CounterView, 16> read;
  added.reserve(increments.size());
  read.reserve(reads.size());
  uint64_t mask = 0;
  for (const WindowIncrement& inc : increments) {
    added.push_back(
        {inc.key, inc.bucket_width_seconds, HashCounter(inc.key, inc.bucket_width_seconds)});
    mask |= uint64_t{1} << ShardOf(added.back().hash);
  }
  for (const Read& r : reads) {
    read.push_back({r.key, r.bucket_width_seconds, HashCounter(r.key, r.bucket_width_seconds)});
    mask |= uint64_t{1} << ShardOf(read.back().hash);
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
  absl::InlinedVector<int64_t, 16> values(increments.size());
  for (size_t i = 0; i < increments.size(); ++i) {
    values[i] = shards_[ShardOf(added[i].hash)].AddLocked(added[i], increments[i].bucket,
                                                          increments[i].delta);
  }
  if (absl::Status s = persist(values); !s.ok()) {
    for (size_t i = increments.size(); i-- > 0;) {
      shards_[ShardOf(added[i].hash)].UndoLocked(added[i], increments[i].bucket,
                                                 increments[i].delta);
    }
    return s;
  }
  if (sums != nullptr) {
    sums->clear();
    sums->reserve(reads.size());
    for (size_t i = 0; i < reads.size(); ++i) {
      sums->push_back(shards_[ShardOf(read[i].hash)].SumLocked(read[i], reads[i].bucket));
    }
  }
  return absl::OkStatus();
}

void WindowCounters::Undo(absl::Span<const WindowIncrement> increments) {
  for (size_t i = increments.size(); i-- > 0;) {
    const WindowIncrement& inc = increments[i];
    const CounterView id{inc.key, inc.bucket_width_seconds,
                         HashCounter(inc.key, inc.bucket_width_seconds)};
    Shard& shard = shards_[ShardOf(id.hash)];
    absl::MutexLock lock(&shard.mu);
    shard.UndoLocked(id, inc.bucket, inc.delta);
  }
}

void WindowCounters::Load(std::string_view key, int64_t bucket_width_seconds, int64_t bucket,
                          int64_t count) {
  const CounterView id{key, bucket_width_seconds, HashCounter(key, bucket_width_seconds)};
  Shard& shard = shards_[ShardOf(id.hash)];
  absl::MutexLock lock(&shard.mu);
  auto it = shard.counters.find(id);
  if (it == shard.counters.end()) {
    it = shard.counters.emplace(CounterId{std::string(key), bucket_width_seconds}, Buckets()).first;
  }
  Buckets& buckets = it->second;
  auto pos = std::lower_bound(buckets.begin(), buckets.end(), bucket,
                              [](const auto& b, int64_t want) { return b.first < want; });
  if (pos != buckets.end() && pos->first == bucket) {
    pos->second = count;
  } else {
    buckets.insert(pos, {bucket, count});
  }
}

size_t WindowCounters::size() const {
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    absl::MutexLock lock(&shards_[i].mu);
    n += shards_[i].counters.size();
  }
  return n;
}

}  // namespace placi::storage
