// See counter_table.h.
#include "storage/counter_table.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/history_store.h"
#include "core/huge_pages.h"

namespace placi::storage {
namespace {

constexpr int64_t kBuckets = core::kWindowBuckets;

using Bucket = CounterTable::Bucket;

std::vector<Bucket>::iterator LowerBound(std::vector<Bucket>* buckets, int64_t bucket) {
  return std::lower_bound(buckets->begin(), buckets->end(), bucket,
                          [](const Bucket& b, int64_t want) { return b.first < want; });
}

// Turns a one-bucket counter into a spilled one (its bucket in the vector).
void Spill(CounterTable::Slot* slot) {
  auto* many = new std::vector<Bucket>();
  many->reserve(4);
  many->emplace_back(slot->one.bucket, slot->one.count);
  slot->width = -slot->width;
  slot->many = many;
}

}  // namespace

CounterTable::Memory CounterTable::AllocateZeroed(size_t bytes) {
  if (bytes < core::kHugePageBytes) {
    // calloc: fresh pages are zero (empty) without being touched, so a
    // table reserved larger than it gets costs no RSS for the rest. One
    // more line to align the slots to cache lines.
    void* raw = std::calloc(bytes + 64, 1);
    if (raw == nullptr) std::abort();  // out of memory, as operator new would end it
    return {raw, 0, reinterpret_cast<Slot*>((reinterpret_cast<uintptr_t>(raw) + 63) & ~uintptr_t{63})};
  }
  // A big table (10M counters are ~500 MB over 64 shards) on huge pages:
  // each probe then misses the cache once instead of also walking the page
  // tables. Its pages are zero until touched, like calloc's.
  void* table = core::MapHugePageArray(bytes);
  return {table, bytes, static_cast<Slot*>(table)};
}

void CounterTable::Release(const Memory& memory) {
  if (memory.mapped_length > 0) {
    core::UnmapHugePageArray(memory.raw, memory.mapped_length);
  } else {
    std::free(memory.raw);
  }
}

CounterTable::Spare::Spare(Spare&& other) noexcept
    : memory_(std::exchange(other.memory_, Memory{})),
      capacity_(std::exchange(other.capacity_, 0)) {}

CounterTable::Spare& CounterTable::Spare::operator=(Spare&& other) noexcept {
  if (this != &other) {
    if (capacity_ != 0) Release(memory_);
    memory_ = std::exchange(other.memory_, Memory{});
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

CounterTable::Spare::~Spare() {
  if (capacity_ != 0) Release(memory_);
}

size_t CounterTable::SpareWanted() const {
  // Below this, a growth's page faults cost well under a millisecond.
  constexpr size_t kSpareFromBytes = size_t{256} << 10;
  const size_t next = 2 * capacity_;
  if (next * sizeof(Slot) < kSpareFromBytes) return 0;
  if (size_ < capacity_ * 11 / 16 || spare_.capacity_ == next) return 0;
  return next;
}

CounterTable::Spare CounterTable::PrepareSpare(size_t capacity) {
  Spare spare;
  spare.memory_ = AllocateZeroed(capacity * sizeof(Slot));
  spare.capacity_ = capacity;
  // Zero already: a write of zero per page makes the kernel back it now.
  volatile char* bytes = reinterpret_cast<volatile char*>(spare.memory_.slots);
  constexpr size_t kPage = 4096;
  for (size_t offset = 0; offset < capacity * sizeof(Slot); offset += kPage) bytes[offset] = 0;
  return spare;
}

CounterTable::Spare CounterTable::AdoptSpare(Spare spare) {
  if (spare.capacity_ != 2 * capacity_) return spare;  // the table grew meanwhile
  std::swap(spare_, spare);
  return spare;
}

CounterTable::~CounterTable() {
  for (size_t i = 0; i < capacity_; ++i) {
    if (slots_[i].id != 0 && slots_[i].spilled()) delete slots_[i].many;
  }
  Release(memory_);
}

void CounterTable::Reserve(size_t counters) {
  size_t capacity = 16;
  while (capacity * 3 / 4 < counters) capacity *= 2;
  if (capacity > capacity_) Rehash(capacity);
}

void CounterTable::Rehash(size_t capacity) {
  Memory memory;
  if (spare_.capacity_ == capacity) {
    memory = std::exchange(spare_.memory_, Memory{});
    spare_.capacity_ = 0;
  } else {
    memory = AllocateZeroed(capacity * sizeof(Slot));
    spare_ = Spare{};  // of another size (a Reserve): no growth will want it
  }
  Slot* slots = memory.slots;
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < capacity_; ++i) {
    if (slots_[i].id == 0) continue;
    size_t j = static_cast<size_t>(slots_[i].id) & mask;
    while (slots[j].id != 0) j = (j + 1) & mask;
    slots[j] = slots_[i];
  }
  Release(memory_);
  memory_ = memory;
  slots_ = slots;
  capacity_ = capacity;
  mask_ = mask;
  sweep_cursor_ = 0;  // the order changed: a sweep pass under way starts over
}

void CounterTable::Prefetch(uint64_t id) const {
  if (capacity_ == 0) return;
  const Slot* home = &slots_[Home(id)];
  __builtin_prefetch(home);
  // A probe that starts on a line's second slot goes on to the next line.
  __builtin_prefetch(reinterpret_cast<const char*>(home) + 64);
}

void CounterTable::PrefetchBuckets(uint64_t id) const {
  if (capacity_ == 0) return;
  for (size_t i = Home(id);; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return;
    if (slot.id == id) {
      if (slot.spilled() && !slot.many->empty()) __builtin_prefetch(slot.many->data());
      return;
    }
  }
}

CounterTable::Slot* CounterTable::Find(uint64_t id) {
  if (capacity_ == 0) return nullptr;
  for (size_t i = Home(id);; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.id == id) return &slot;
    if (slot.id == 0) return nullptr;
  }
}

CounterTable::Slot* CounterTable::Insert(uint64_t id, int64_t width, int64_t bucket,
                                         int64_t count) {
  if ((size_ + 1) > capacity_ * 3 / 4) Rehash(capacity_ == 0 ? 16 : 2 * capacity_);
  size_t i = Home(id);
  while (slots_[i].id != 0) i = (i + 1) & mask_;
  Slot& slot = slots_[i];
  slot.id = id;
  slot.width = width;
  slot.one = One{bucket, count};
  ++size_;
  return &slot;
}

void CounterTable::Erase(Slot* slot) { EraseAt(static_cast<size_t>(slot - slots_)); }

void CounterTable::EraseAt(size_t hole) {
  if (slots_[hole].spilled()) delete slots_[hole].many;
  // Backward shift: each later slot of the run that may live in the hole
  // (its home is not between the hole and itself) moves into it, so that
  // probes never need tombstones.
  for (size_t j = (hole + 1) & mask_; slots_[j].id != 0; j = (j + 1) & mask_) {
    const size_t home = Home(slots_[j].id);
    const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
    if (stays) continue;
    slots_[hole] = slots_[j];
    hole = j;
  }
  slots_[hole].id = 0;
  --size_;
}

bool CounterTable::SweepStep(int64_t now_seconds, size_t max_slots) {
  // The budget counts slots passed, not erases, so that a step always
  // covers max_slots slots (a small table in one step).
  const size_t end = std::min(capacity_, sweep_cursor_ + max_slots);
  while (sweep_cursor_ < end) {
    Slot* slot = &slots_[sweep_cursor_];
    if (slot->id != 0 && Expired(*slot, now_seconds)) {
      EraseAt(sweep_cursor_);  // a later slot may have moved here: look again
      continue;
    }
    ++sweep_cursor_;
  }
  if (sweep_cursor_ < capacity_) return false;
  sweep_cursor_ = 0;
  return true;
}

bool CounterTable::Expired(const Slot& slot, int64_t now_seconds) {
  // Prune's rule for the bucket of now, newest <= now / width - kBuckets,
  // without the division (~40 ns; most of a sweep step when done per slot):
  // for integers, n <= floor(t / w) exactly when n * w <= t.
  const int64_t newest = slot.spilled() ? (slot.many->empty() ? INT64_MIN / 2 : slot.many->back().first)
                                        : slot.one.bucket;
  return static_cast<__int128>(newest + kBuckets) * Width(slot) <= now_seconds;
}

bool CounterTable::Prune(Slot* slot, int64_t bucket) {
  if (!slot->spilled()) return slot->one.bucket <= bucket - kBuckets;
  std::vector<Bucket>& buckets = *slot->many;
  auto keep = std::find_if(buckets.begin(), buckets.end(),
                           [&](const Bucket& b) { return b.first > bucket - kBuckets; });
  if (keep != buckets.begin()) buckets.erase(buckets.begin(), keep);  // mostly nothing to drop
  return buckets.empty();
}

void CounterTable::Reset(Slot* slot, int64_t bucket, int64_t count) {
  if (slot->spilled()) {
    delete slot->many;
    slot->width = -slot->width;
  }
  slot->one = One{bucket, count};
}

int64_t CounterTable::Add(Slot* slot, int64_t bucket, int64_t delta) {
  if (!slot->spilled()) {
    if (slot->one.bucket == bucket) return slot->one.count += delta;
    if (delta == 0) return 0;
    Spill(slot);
  }
  std::vector<Bucket>& buckets = *slot->many;
  auto pos = LowerBound(&buckets, bucket);
  if (pos != buckets.end() && pos->first == bucket) return pos->second += delta;
  if (delta == 0) return 0;
  return buckets.insert(pos, {bucket, delta})->second;
}

bool CounterTable::Undo(Slot* slot, int64_t bucket, int64_t delta) {
  if (!slot->spilled()) {
    if (slot->one.bucket != bucket) return false;
    slot->one.count -= delta;
    return slot->one.count == 0;
  }
  std::vector<Bucket>& buckets = *slot->many;
  for (auto b = buckets.begin(); b != buckets.end(); ++b) {
    if (b->first != bucket) continue;
    b->second -= delta;
    if (b->second == 0) buckets.erase(b);
    break;
  }
  return buckets.empty();
}

int64_t CounterTable::Sum(const Slot& slot) {
  if (!slot.spilled()) return slot.one.count;
  int64_t sum = 0;
  for (const auto& [b, count] : *slot.many) sum += count;
  return sum;
}

}  // namespace placi::storage
