// A compact multimap from 64-bit hashes to 32-bit values, for indexes that
// hold millions of small keys (a watchlist key, a token's one-letter
// deletions): 12 bytes a slot, open addressing with linear probing, no heap
// block per key. HashMultimap32 files 32-bit hashes in 8 bytes a slot, for
// an index whose hits are checked anyway and that cares more for memory
// than for collisions (entry ids). The same key may carry many values and the same pair may be
// inserted twice (Erase removes one copy). Callers hash their own keys and
// check what they find against the real value where a collision matters.
//
//   HashMultimap map;
//   map.Insert(HashOf("acme"), 7);
//   map.ForEach(HashOf("acme"), [](uint32_t v) { ... });  // 7
//   map.Erase(HashOf("acme"), 7);
#ifndef PLACI_CORE_HASH_MULTIMAP_H_
#define PLACI_CORE_HASH_MULTIMAP_H_

#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

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

// Allocates big arrays (2 MiB and more) on 2 MiB boundaries and asks Linux
// to back them with huge pages: a lookup into a map of many megabytes then
// misses the cache once instead of also missing the TLB (a page walk).
// Small arrays come from the usual heap.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>().allocate(n);
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = ::operator new(rounded, std::align_val_t(kHugePage));
#if defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: a refusal costs speed, not correctness
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage) {
      std::allocator<T>().deallocate(p, n);
    } else {
      ::operator delete(p, std::align_val_t(kHugePage));
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
    if ((size_ + 1) * 4 > keys_.size() * 3) Grow(size_ + 1);
    key = Stored(key);
    size_t i = Home(key);
    while (keys_[i] != kEmpty) i = (i + 1) & mask_;
    keys_[i] = key;
    values_[i] = value;
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
    if (pairs * 4 > keys_.size() * 3) Grow(pairs);
  }

  // Removes one (key, value) pair; false when there is none.
  bool Erase(Key key, uint32_t value) {
    if (size_ == 0) return false;
    key = Stored(key);
    for (size_t i = Home(key); keys_[i] != kEmpty; i = (i + 1) & mask_) {
      if (keys_[i] == key && values_[i] == value) {
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
    for (size_t i = Home(key); keys_[i] != kEmpty; i = (i + 1) & mask_) {
      if (keys_[i] == key) fn(values_[i]);
    }
  }

  // Calls fn(key, value) for every pair (a key 0 shows as 1, see Stored).
  template <typename Fn>
  void ForEachPair(Fn&& fn) const {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != kEmpty) fn(keys_[i], values_[i]);
    }
  }

  // Asks the CPU to fetch the cache line where a lookup of `key` starts, so
  // that several lookups into a map far bigger than the cache wait for
  // memory at once instead of one after the other.
  void Prefetch(Key key) const {
    if (!keys_.empty()) PrefetchCacheLine(&keys_[Home(Stored(key))]);
  }
  // The same for an insert, which writes the value too.
  void PrefetchForInsert(Key key) const {
    if (keys_.empty()) return;
    const size_t home = Home(Stored(key));
    PrefetchCacheLine(&keys_[home]);
    PrefetchCacheLine(&values_[home]);
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const {
    return keys_.capacity() * sizeof(Key) + values_.capacity() * sizeof(uint32_t);
  }

 private:
  static constexpr Key kEmpty = 0;
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
    Array<Key> old_keys = std::move(keys_);
    Array<uint32_t> old_values = std::move(values_);
    size_t capacity = old_keys.empty() ? 16 : old_keys.size() * 2;
    while (pairs * 4 > capacity * 3) capacity *= 2;
    keys_.assign(capacity, kEmpty);
    values_.assign(capacity, 0);
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != kEmpty) Insert(old_keys[i], old_values[i]);
    }
  }

  // Backward-shift deletion: pulls later members of the probe run into the
  // hole, so that lookups never need tombstones.
  void EraseSlot(size_t hole) {
    for (size_t j = (hole + 1) & mask_; keys_[j] != kEmpty; j = (j + 1) & mask_) {
      const size_t home = Home(keys_[j]);
      // The member at j stays when its home lies cyclically in (hole, j].
      const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (stays) continue;
      keys_[hole] = keys_[j];
      values_[hole] = values_[j];
      hole = j;
    }
    keys_[hole] = kEmpty;
    --size_;
  }

  template <typename T>
  using Array = std::vector<T, HugePageAllocator<T>>;
  Array<Key> keys_;
  Array<uint32_t> values_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

using HashMultimap = BasicHashMultimap<uint64_t>;
using HashMultimap32 = BasicHashMultimap<uint32_t>;

}  // namespace placi::core

#endif  // PLACI_CORE_HASH_MULTIMAP_H_
