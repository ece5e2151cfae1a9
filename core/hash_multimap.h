// A compact multimap from 64-bit hashes to 32-bit values, for indexes that
// hold millions of small keys (a watchlist key, a token's one-letter
// deletions): 12 bytes a slot (key and value side by side, so that a hit
// costs one cache miss, not one for the key and one for the value), open
// addressing with linear probing, no heap block per key. HashMultimap32
// files 32-bit hashes in 8 bytes a slot, for an index whose hits are checked
// anyway and that cares more for memory than for collisions (entry ids).
// The same key may carry many values and the same pair may be inserted
// twice (Erase removes one copy). Callers hash their own keys and check what
// they find against the real value where a collision matters.
//
//   HashMultimap map;
//   map.Insert(HashOf("acme"), 7);
//   map.ForEach(HashOf("acme"), [](uint32_t v) { ... });  // 7
//   map.Erase(HashOf("acme"), 7);
#ifndef PLACI_CORE_HASH_MULTIMAP_H_
#define PLACI_CORE_HASH_MULTIMAP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "core/huge_pages.h"

namespace placi::core {

// Asks the CPU to fetch the cache line at `address` ahead of its use.
inline void PrefetchCacheLine(const void* address) {
#if defined(__x86_64__)
  // GCC drops a loop of nothing but __builtin_prefetch as if it did
  // nothing; a volatile asm stays.
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(address)));
#else
  __builtin_prefetch(address);
#endif
}

// Allocates big arrays (2 MiB and more) on huge pages (huge_pages.h);
// small arrays come from the usual heap.
template <typename T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    if (n * sizeof(T) < kHugePageBytes) return std::allocator<T>().allocate(n);
    return static_cast<T*>(MapHugePageArray(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePageBytes) {
      std::allocator<T>().deallocate(p, n);
    } else {
      UnmapHugePageArray(p, n * sizeof(T));
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

// Not thread-safe for writes; concurrent const calls are fine. `Key` is
// uint64_t or uint32_t (see the aliases below).
template <typename Key>
class BasicHashMultimap {
 public:
  void Insert(Key key, uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow(size_ + 1);
    key = Stored(key);
    size_t i = Home(key);
    while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
    slots_[i].key = key;
    slots_[i].value = value;
    ++size_;
  }

  // Files `value` under each of `keys`. The slots where the inserts start
  // are requested from memory all at once first: in a map far bigger than
  // the cache, their misses then overlap instead of coming one by one.
  void InsertAll(std::span<const Key> keys, uint32_t value) {
    Reserve(size_ + keys.size());
    for (Key key : keys) PrefetchForInsert(key);
    for (Key key : keys) Insert(key, value);
  }

  // Grows now, at most once, so that `pairs` pairs in all fit without
  // another growth (inserting them one by one may double it several times).
  void Reserve(size_t pairs) {
    if (pairs * 4 > slots_.size() * 3) Grow(pairs);
  }

  // Removes one (key, value) pair; false when there is none.
  bool Erase(Key key, uint32_t value) {
    if (size_ == 0) return false;
    key = Stored(key);
    for (size_t i = Home(key); slots_[i].key != kEmpty; i = (i + 1) & mask_) {
      if (slots_[i].key == key && slots_[i].value == value) {
        EraseSlot(i);
        return true;
      }
    }
    return false;
  }

  // Calls fn(value) for every value filed under `key`, in no set order.
  template <typename Fn>
  void ForEach(Key key, Fn&& fn) const {
    if (size_ == 0) return;
    key = Stored(key);
    for (size_t i = Home(key); slots_[i].key != kEmpty; i = (i + 1) & mask_) {
      if (slots_[i].key == key) fn(slots_[i].value);
    }
  }

  // Calls fn(key, value) for every pair (a key 0 shows as 1, see Stored).
  template <typename Fn>
  void ForEachPair(Fn&& fn) const {
    for (const Slot& slot : slots_) {
      if (slot.key != kEmpty) fn(slot.key, slot.value);
    }
  }

  // Asks the CPU to fetch the cache lines a lookup of `key` reads, so that
  // several lookups into a map far bigger than the cache wait for memory at
  // once instead of one after the other. A lookup that finds nothing reads
  // ~2.5 slots at the load these maps run at (0.375-0.75), 30-36 bytes
  // that often reach into the next line: that line is requested too (one
  // miss fewer per such lookup; when both are one line, the second request
  // costs an L1 hit).
  void Prefetch(Key key) const {
    if (slots_.empty()) return;
    const size_t home = Home(Stored(key));
    PrefetchCacheLine(&slots_[home]);
    PrefetchCacheLine(&slots_[(home + 3) & mask_]);
  }
  // The same for an insert (the value is in the same slot).
  void PrefetchForInsert(Key key) const { Prefetch(key); }

  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  static constexpr Key kEmpty = 0;
  // A key and its value side by side, without padding (12 bytes for 64-bit
  // keys: a slot may straddle two cache lines now and then, which costs
  // less than a second array's miss on every hit).
  struct __attribute__((packed)) Slot {
    Key key;
    uint32_t value;
  };
  static_assert(sizeof(Slot) == sizeof(Key) + sizeof(uint32_t));

  // Key 0 marks an empty slot, so a real 0 is filed as 1 (a hash collision
  // the callers tolerate anyway).
  static Key Stored(Key key) { return key == kEmpty ? 1 : key; }
  // The high bits of a multiplicative mix: callers' hashes (FNV) are weak
  // in their low bits.
  size_t Home(Key key) const {
    return static_cast<size_t>((uint64_t{key} * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }

  // Doubles the capacity (from 16) until `pairs` pairs fit, and refiles
  // every pair.
  void Grow(size_t pairs) {
    Array<Slot> old_slots = std::move(slots_);
    size_t capacity = old_slots.empty() ? 16 : old_slots.size() * 2;
    while (pairs * 4 > capacity * 3) capacity *= 2;
    slots_.assign(capacity, Slot{kEmpty, 0});
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (const Slot& slot : old_slots) {
      if (slot.key != kEmpty) Insert(slot.key, slot.value);
    }
  }

  // Backward-shift deletion: pulls later members of the probe run into the
  // hole, so that lookups never need tombstones.
  void EraseSlot(size_t hole) {
    for (size_t j = (hole + 1) & mask_; slots_[j].key != kEmpty; j = (j + 1) & mask_) {
      const size_t home = Home(slots_[j].key);
      // The member at j stays when its home lies cyclically in (hole, j].
      const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (stays) continue;
      slots_[hole] = slots_[j];
      hole = j;
    }
    slots_[hole].key = kEmpty;
    --size_;
  }

  template <typename T>
  using Array = std::vector<T, HugePageAllocator<T>>;
  Array<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

using HashMultimap = BasicHashMultimap<uint64_t>;
using HashMultimap32 = BasicHashMultimap<uint32_t>;

}  // namespace placi::core

#endif  // PLACI_CORE_HASH_MULTIMAP_H_
