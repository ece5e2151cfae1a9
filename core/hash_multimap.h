// A compact multimap from 64-bit hashes to 32-bit values, for indexes that
// hold millions of small keys (a watchlist key, a token's one-letter
// deletions): 12 bytes a slot, open addressing with linear probing, no heap
// block per key. The same key may carry many values and the same pair may be
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
#include <utility>
#include <vector>

namespace placi::core {

// Not thread-safe for writes; concurrent const calls are fine.
class HashMultimap {
 public:
  void Insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > keys_.size() * 3) Grow();
    key = Stored(key);
    size_t i = Home(key);
    while (keys_[i] != kEmpty) i = (i + 1) & mask_;
    keys_[i] = key;
    values_[i] = value;
    ++size_;
  }

  // Removes one (key, value) pair; false when there is none.
  bool Erase(uint64_t key, uint32_t value) {
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
  void ForEach(uint64_t key, Fn&& fn) const {
    if (size_ == 0) return;
    key = Stored(key);
    for (size_t i = Home(key); keys_[i] != kEmpty; i = (i + 1) & mask_) {
      if (keys_[i] == key) fn(values_[i]);
    }
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const { return keys_.capacity() * sizeof(uint64_t) + values_.capacity() * sizeof(uint32_t); }

 private:
  static constexpr uint64_t kEmpty = 0;
  // Key 0 marks an empty slot, so a real 0 is filed as 1 (a hash collision
  // the callers tolerate anyway).
  static uint64_t Stored(uint64_t key) { return key == kEmpty ? 1 : key; }
  // The high bits of a multiplicative mix: callers' hashes (FNV) are weak
  // in their low bits.
  size_t Home(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }

  void Grow() {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_values = std::move(values_);
    const size_t capacity = old_keys.empty() ? 16 : old_keys.size() * 2;
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

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_HASH_MULTIMAP_H_
