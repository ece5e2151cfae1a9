// In-memory window counters, sharded (see window_counters.h).
#include "storage/window_counters.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "core/history_store.h"
#include "storage/counter_table.h"
#include "storage/keys.h"
#include "storage/varint.h"

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

// A copy of a CounterTable's slot array, taken under the shard's lock, in a
// buffer kept across copies (WindowCounters::ShardCopy) and not zeroed
// first: it is overwritten whole.
// Each spilled counter's buckets are copied too (they live in the table's
// heap vectors, which change once the lock is released): appended to
// many(), the copy pointing there by index and count.
class SlotCopy {
 public:
  // Room for a table of `slots`, its pages touched: called without the
  // shard's lock, so that the first copy after a shard grew does not take
  // the page faults of a bigger buffer under it (~45 ms for 16 MB on this
  // VM).
  void Reserve(size_t slots) {
    if (slots <= capacity_) return;
    buffer_.reset(new Slot[slots]);  // default-initialised: not zeroed
    capacity_ = slots;
    volatile char* bytes = reinterpret_cast<volatile char*>(buffer_.get());
    for (size_t offset = 0; offset < slots * sizeof(Slot); offset += 4096) bytes[offset] = 0;
  }
  void CopyOf(const CounterTable& table) {
    size_ = table.capacity();
    Reserve(size_);  // the shard grew since the caller's Reserve: rare
    many_.clear();
    spilled_.clear();
    // One pass at memcpy's pace; a spilled slot is rare (a busy shipper, an
    // address), so its branch is rarely mispredicted.
    const Slot* from = table.slots();
    Slot* to = buffer_.get();
    for (size_t i = 0; i < size_; ++i) {
      to[i] = from[i];
      if (from[i].id != 0 && from[i].spilled()) spilled_.push_back(i);
    }
    // The bucket vectors, and the buckets they hold, are scattered over the
    // heap: both are asked for a few counters ahead, so that their cache
    // misses overlap.
    constexpr size_t kAhead = 8;
    for (size_t k = 0; k < spilled_.size(); ++k) {
      if (k + 2 * kAhead < spilled_.size()) __builtin_prefetch(to[spilled_[k + 2 * kAhead]].many);
      if (k + kAhead < spilled_.size()) __builtin_prefetch(to[spilled_[k + kAhead]].many->data());
      Slot& copy = to[spilled_[k]];
      const std::vector<CounterTable::Bucket>& live = *copy.many;
      copy.one.bucket = static_cast<int64_t>(many_.size());
      copy.one.count = static_cast<int64_t>(live.size());
      many_.insert(many_.end(), live.begin(), live.end());
    }
  }
  absl::Span<const Slot> slots() const { return absl::MakeConstSpan(buffer_.get(), size_); }
  const std::vector<CounterTable::Bucket>& many() const { return many_; }

 private:
  std::unique_ptr<Slot[]> buffer_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  std::vector<CounterTable::Bucket> many_;
  std::vector<size_t> spilled_;  // indices of spilled slots
};

}  // namespace

uint64_t WindowCounters::IdOf(std::string_view key, int64_t bucket_width_seconds) const {
  return IdOfHash(keys::CounterKeyHash(key, key_seed_), bucket_width_seconds);
}

uint64_t WindowCounters::CounterHashOf(const WindowIncrement& inc) const {
  if (inc.key_hash.known && inc.key_hash.seed == key_seed_) return inc.key_hash.hash;
  return keys::CounterKeyHash(inc.key, key_seed_);
}

void WindowCounters::RememberKeyHash(WindowIncrement* inc) const {
  inc->key_hash = {
      .known = true, .seed = key_seed_, .hash = keys::CounterKeyHash(inc->key, key_seed_)};
}

uint64_t WindowCounters::IdOf(const WindowIncrement& inc) const {
  return IdOfHash(CounterHashOf(inc), inc.bucket_width_seconds);
}

uint64_t WindowCounters::IdOfHash(uint64_t counter_hash, int64_t bucket_width_seconds) {
  // Not absl::HashOf: its seed differs from process to process, and window
  // snapshots store ids. The hash is already keyed and uniform; the width is
  // mixed in and spread over all 64 bits (the shard is the top bits, the
  // table's home the low ones) by splitmix64's finalizer, a bijection.
  uint64_t z = counter_hash ^ (static_cast<uint64_t>(bucket_width_seconds) * 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return z != 0 ? z : 1;  // 0 marks an empty slot of CounterTable
}

struct alignas(64) WindowCounters::Shard {
  absl::Mutex mu;
  CounterTable counters ABSL_GUARDED_BY(mu);
  int64_t swept_hour ABSL_GUARDED_BY(mu) = 0;
  bool sweeping ABSL_GUARDED_BY(mu) = false;  // a pass of swept_hour is under way
  bool spare_requested ABSL_GUARDED_BY(mu) = false;  // the grower has it to do
  // Count's adds not logged yet (sequence 0) or being logged (window
  // counters.h): a few per parcel in flight.
  struct Unlogged {
    uint64_t id;
    int64_t bucket;
    int64_t delta;
    uint64_t sequence;
  };
  std::vector<Unlogged> unlogged ABSL_GUARDED_BY(mu);

  // The first entry of `unlogged` for this add with `sequence`, or null.
  Unlogged* FindUnlogged(uint64_t id, int64_t bucket, int64_t delta, uint64_t sequence)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    for (Unlogged& u : unlogged) {
      if (u.id == id && u.bucket == bucket && u.delta == delta && u.sequence == sequence) return &u;
    }
    return nullptr;
  }

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

WindowCounters::~WindowCounters() {
  std::thread grower;
  {
    absl::MutexLock lock(&grower_mu_);
    stopping_ = true;
    grower = std::move(grower_);
  }
  if (grower.joinable()) grower.join();
}

void WindowCounters::RequestSpares(uint64_t mask) {
  absl::MutexLock lock(&grower_mu_);
  if (stopping_) return;
  spares_requested_ |= mask;
  // Once per WindowCounters, when its first shard nears a growth worth
  // preparing (~250 KB of slots): tests with small tables never start it.
  if (!grower_.joinable()) grower_ = std::thread([this] { PrepareSpares(); });
}

void WindowCounters::PrepareSpares() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  while (true) {
    uint64_t mask = 0;
    {
      absl::MutexLock lock(&grower_mu_);
      grower_mu_.Await(absl::Condition(this, &WindowCounters::GrowerHasWork));
      if (stopping_) return;
      mask = std::exchange(spares_requested_, 0);
    }
    for (uint64_t m = mask; m != 0; m &= m - 1) {
      Shard& shard = shards_[__builtin_ctzll(m)];
      size_t capacity = 0;
      {
        absl::MutexLock lock(&shard.mu);
        capacity = shard.counters.SpareWanted();
        if (capacity == 0) shard.spare_requested = false;
      }
      if (capacity == 0) continue;
      // The page faults, tens of milliseconds for a big shard, with no lock.
      CounterTable::Spare spare = CounterTable::PrepareSpare(capacity);
      CounterTable::Spare unused;
      bool kept = false;
      {
        absl::MutexLock lock(&shard.mu);
        unused = shard.counters.AdoptSpare(std::move(spare));
        kept = shard.counters.spare_capacity() == capacity;
        // A spare the table outgrew meanwhile is dropped; the next Apply
        // of the shard asks again.
        shard.spare_requested = false;
      }
      if (kept) spares_prepared_.fetch_add(1, std::memory_order_acq_rel);
      absl::MutexLock lock(&grower_mu_);
      if (stopping_) return;
    }
  }
}

// The analysis cannot follow a set of locks chosen at run time; ShardLocks
// holds every shard that the ids below fall in.
void WindowCounters::LockShards(uint64_t mask) const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  for (uint64_t m = mask; m != 0; m &= m - 1) shards_[__builtin_ctzll(m)].mu.Lock();
}

void WindowCounters::UnlockShards(uint64_t mask) const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  for (uint64_t m = mask; m != 0; m &= m - 1) shards_[__builtin_ctzll(m)].mu.Unlock();
}

absl::Status WindowCounters::Apply(absl::Span<const WindowIncrement> increments,
                                   absl::Span<const Read> reads, int64_t sweep_seconds,
                                   PersistFn persist, std::vector<int64_t>* sums) {
  return ApplyImpl(increments, reads, sweep_seconds, persist, sums, /*not_logged=*/false);
}

absl::Status WindowCounters::Count(absl::Span<const WindowIncrement> increments,
                                   absl::Span<const Read> reads, int64_t sweep_seconds,
                                   std::vector<int64_t>* sums) {
  const auto nothing = [](absl::Span<const int64_t>) { return absl::OkStatus(); };
  return ApplyImpl(increments, reads, sweep_seconds, nothing, sums, /*not_logged=*/true);
}

absl::Status WindowCounters::ApplyImpl(absl::Span<const WindowIncrement> increments,
                                       absl::Span<const Read> reads, int64_t sweep_seconds,
                                       PersistFn persist, std::vector<int64_t>* sums,
                                       bool not_logged) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  absl::InlinedVector<uint64_t, 16> added;
  absl::InlinedVector<uint64_t, 16> read;
  added.reserve(increments.size());
  read.reserve(reads.size());
  uint64_t mask = 0;
  for (const WindowIncrement& inc : increments) {
    added.push_back(IdOf(inc));
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

  // Unlocks on every return.
  struct ShardLocks {
    ShardLocks(const WindowCounters* counters, uint64_t mask) : counters(counters), mask(mask) {
      counters->LockShards(mask);
    }
    ~ShardLocks() { counters->UnlockShards(mask); }
    const WindowCounters* const counters;
    const uint64_t mask;
  } locks(this, mask);
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
  uint64_t spares = 0;
  for (uint64_t m = mask; m != 0; m &= m - 1) {
    Shard& shard = shards_[__builtin_ctzll(m)];
    if (shard.spare_requested || shard.counters.SpareWanted() == 0) continue;
    shard.spare_requested = true;
    spares |= m & -m;
  }
  if (spares != 0) RequestSpares(spares);
  if (absl::Status s = persist(values); !s.ok()) {
    for (size_t i = increments.size(); i-- > 0;) {
      shards_[ShardOf(added[i])].UndoLocked(added[i], increments[i].bucket, increments[i].delta);
    }
    return s;
  }
  if (not_logged) {
    for (size_t i = 0; i < increments.size(); ++i) {
      if (increments[i].delta == 0) continue;
      shards_[ShardOf(added[i])].unlogged.push_back(
          {added[i], increments[i].bucket, increments[i].delta, 0});
    }
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
    const uint64_t id = IdOf(inc);
    Shard& shard = shards_[ShardOf(id)];
    absl::MutexLock lock(&shard.mu);
    shard.UndoLocked(id, inc.bucket, inc.delta);
    if (inc.delta == 0) continue;
    if (Shard::Unlogged* u = shard.FindUnlogged(id, inc.bucket, inc.delta, 0); u != nullptr) {
      *u = shard.unlogged.back();
      shard.unlogged.pop_back();
    }
  }
}

absl::Status WindowCounters::Log(absl::Span<const WindowIncrement> counted,
                                 absl::FunctionRef<uint64_t()> take_sequence,
                                 absl::FunctionRef<absl::Status(uint64_t sequence)> write)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  absl::InlinedVector<uint64_t, 16> ids;
  ids.reserve(counted.size());
  uint64_t mask = 0;
  for (const WindowIncrement& inc : counted) {
    ids.push_back(IdOf(inc));
    if (inc.delta != 0) mask |= uint64_t{1} << ShardOf(ids.back());
  }
  // Marks the adds counted with sequence `from` as `to`; drops them when
  // `to` is 0 and `drop`.
  const auto mark = [&](uint64_t from, uint64_t to, bool drop) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    for (size_t i = 0; i < counted.size(); ++i) {
      const WindowIncrement& inc = counted[i];
      if (inc.delta == 0) continue;
      Shard& shard = shards_[ShardOf(ids[i])];
      Shard::Unlogged* u = shard.FindUnlogged(ids[i], inc.bucket, inc.delta, from);
      if (u == nullptr) continue;  // not from Count (or swept): nothing to track
      if (drop) {
        *u = shard.unlogged.back();
        shard.unlogged.pop_back();
      } else {
        u->sequence = to;
      }
    }
  };
  LockShards(mask);
  const uint64_t sequence = take_sequence();
  mark(0, sequence, false);
  UnlockShards(mask);
  absl::Status status = write(sequence);
  LockShards(mask);
  // Counted with the shard locks held, as the adds stop being "logging": a
  // copy that still saw them logging was taken before this count, so a
  // snapshot that read failed_logs() before its copies sees it move.
  if (!status.ok()) failed_logs_.fetch_add(1, std::memory_order_acq_rel);
  mark(sequence, 0, /*drop=*/status.ok());
  UnlockShards(mask);
  return status;
}

struct WindowCounters::ShardCopy::Buffers {
  SlotCopy slots;
};
WindowCounters::ShardCopy::ShardCopy() : buffers_(std::make_unique<Buffers>()) {}
WindowCounters::ShardCopy::~ShardCopy() = default;

WindowCounters::ShardCut WindowCounters::SerializeShard(
    int shard_index, int64_t now_seconds, absl::FunctionRef<uint64_t()> next_sequence,
    std::string* out, ShardCopy* shard_copy) {
  out->clear();
  std::optional<ShardCopy> own_copy;
  if (shard_copy == nullptr) shard_copy = &own_copy.emplace();
  SlotCopy& copy = shard_copy->buffers_->slots;
  ShardCut cut;
  Shard& shard = shards_[shard_index];
  // Under the lock, only a raw copy: the slot array as it is (one memcpy,
  // empty slots included), then each spilled counter's buckets appended to
  // `many` (its copy pointing there by index and count), and the adds not
  // logged. Parcels touching the shard wait for it, and the parcels queued
  // behind it hold other shards meanwhile: encoding under the lock took
  // 15.6 ms a shard at 10M counters (BM_SnapshotShard), a walk copying
  // counter by counter 4.2 ms.
  absl::InlinedVector<Shard::Unlogged, 16> unlogged;
  size_t shard_counters = 0;
  size_t shard_slots = 0;
  {
    absl::MutexLock lock(&shard.mu);
    shard_slots = shard.counters.capacity();
  }
  copy.Reserve(shard_slots);
  {
    absl::MutexLock lock(&shard.mu);
    const absl::Time locked = absl::Now();
    cut.next_sequence = next_sequence();
    for (const Shard::Unlogged& u : shard.unlogged) {
      if (u.sequence != 0) {
        cut.logging.push_back(u.sequence);
      } else {
        unlogged.push_back(u);
      }
    }
    copy.CopyOf(shard.counters);
    shard_counters = shard.counters.size();
    cut.locked_nanos = absl::ToInt64Nanoseconds(absl::Now() - locked);
  }
  // Adds not logged yet leave the copy; a 64-bit filter on the id keeps the
  // walk from looking them up for every counter.
  uint64_t filter = 0;
  for (const Shard::Unlogged& u : unlogged) filter |= uint64_t{1} << (u.id & 63);
  out->reserve(shard_counters * 14);
  absl::InlinedVector<CounterTable::Bucket, 8> buckets;
  const std::vector<CounterTable::Bucket>& many = copy.many();
  for (const Slot& slot : copy.slots()) {
    if (slot.id == 0) continue;  // an empty slot
    const int64_t width = CounterTable::Width(slot);
    const int64_t oldest = now_seconds / width - core::kWindowBuckets;  // Prune's rule
    buckets.clear();
    // Buckets at 0 too, until the adds not logged are taken out: a bucket
    // at 0 may hold a logged -1 and a +1 not logged yet.
    if (slot.spilled()) {
      for (int64_t b = slot.one.bucket; b < slot.one.bucket + slot.one.count; ++b) {
        if (many[b].first > oldest) buckets.push_back(many[b]);
      }
    } else if (slot.one.bucket > oldest) {
      buckets.emplace_back(slot.one.bucket, slot.one.count);
    }
    if ((filter >> (slot.id & 63)) & 1) {
      for (const Shard::Unlogged& u : unlogged) {
        if (u.id != slot.id) continue;
        for (auto& [bucket, count] : buckets) {
          if (bucket != u.bucket) continue;
          count -= u.delta;
          break;
        }
      }
    }
    buckets.erase(std::remove_if(buckets.begin(), buckets.end(),
                                 [](const CounterTable::Bucket& b) { return b.second == 0; }),
                  buckets.end());
    if (buckets.empty()) continue;
    ++cut.counters;
    varint::AppendFixed64(slot.id, out);
    varint::Append(static_cast<uint64_t>(width), out);
    varint::Append(buckets.size(), out);
    for (const auto& [bucket, count] : buckets) {
      varint::Append(static_cast<uint64_t>(bucket), out);
      varint::Append(varint::ZigZag(count), out);
    }
  }
  return cut;
}

bool WindowCounters::Logging(int shard_index, absl::Span<const uint64_t> sequences) const {
  Shard& shard = shards_[shard_index];
  absl::MutexLock lock(&shard.mu);
  for (const Shard::Unlogged& u : shard.unlogged) {
    if (u.sequence != 0 &&
        std::find(sequences.begin(), sequences.end(), u.sequence) != sequences.end()) {
      return true;
    }
  }
  return false;
}

bool WindowCounters::LoadSerializedShard(int shard_index, std::string_view bytes,
                                         uint64_t counters, int64_t now_seconds,
                                         int64_t max_width) {
  // Each counter takes at least 12 bytes: a count beyond that is corrupt
  // (and must not size a reservation).
  if (counters > bytes.size() / 12 + 1) return false;
  Shard& shard = shards_[shard_index];
  absl::MutexLock lock(&shard.mu);
  shard.counters.Reserve(shard.counters.size() + counters + counters / 16);
  for (uint64_t c = 0; c < counters; ++c) {
    uint64_t id = 0, width = 0, count = 0;
    if (!varint::ReadFixed64(&bytes, &id) || !varint::Read(&bytes, &width) ||
        !varint::Read(&bytes, &count) || id == 0 || ShardOf(id) != shard_index || width < 1 ||
        width > static_cast<uint64_t>(max_width) || count == 0 || count > bytes.size() / 2) {
      return false;
    }
    const int64_t oldest = now_seconds / static_cast<int64_t>(width) - core::kWindowBuckets;
    for (uint64_t b = 0; b < count; ++b) {
      uint64_t bucket = 0, value = 0;
      if (!varint::Read(&bytes, &bucket) || !varint::Read(&bytes, &value)) return false;
      if (static_cast<int64_t>(bucket) < 0) return false;
      if (static_cast<int64_t>(bucket) <= oldest) continue;
      shard.LoadLocked(id, static_cast<int64_t>(width), static_cast<int64_t>(bucket),
                       varint::UnZigZag(value));
    }
  }
  return bytes.empty();
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
