// The index of a per-thread memo of recent texts (name tokens, goods
// descriptions): short byte strings to a number the memo chooses (where it
// filed what it keeps). The keys are copied back to back into one buffer and
// the table is open-addressed over offsets into it, so that filing a key
// allocates nothing once the memo has grown, and emptying it frees nothing.
// An absl::flat_hash_map<std::string, ...> in its place allocated a string
// per key longer than 15 bytes (every description), and its clear() freed
// them all and its table, which then grew again from 16 slots; on a stream
// whose texts rarely repeat, filing was ~15% of screening a parcel.
//
//   RecentKeys keys;
//   if (uint32_t at = keys.Find(text); at != RecentKeys::kNone) ...
//   keys.Add(text, filed_at);
#ifndef PLACI_CORE_RECENT_KEYS_H_
#define PLACI_CORE_RECENT_KEYS_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "absl/random/random.h"
#include "core/key_hash.h"

namespace placi::core {

class RecentKeys {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};

  // `seed` of the hash: by default drawn once per process. The keys are
  // texts of parcels and the hash function is public: with a seed fixed in
  // the source, texts made to share a slot (a few thousand tries each) would
  // make every lookup on that thread walk thousands of slots (~2.7 us a
  // missing key instead of ~20 ns), and the same texts would do it to every
  // server. absl::flat_hash_map, used before, is seeded per process too.
  explicit RecentKeys(uint64_t seed = ProcessSeed()) : seed_(seed) {}

  size_t size() const { return size_; }

  // The number filed with `key`, or kNone.
  uint32_t Find(std::string_view key) const {
    if (slots_.empty()) return kNone;
    const uint64_t hash = HashOf(key);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.value == kNone) return kNone;
      if (slot.tag == TagOf(hash) && Holds(slot, key)) return slot.value;
    }
  }

  // Requests from memory the cache line of the slot where a Find of `key`
  // starts: a Find a little later then does not wait for it.
  void PrefetchSlot(std::string_view key) const {
    if (slots_.empty()) return;
    __builtin_prefetch(&slots_[HashOf(key) & mask_]);
  }

  // The number filed with the first key whose hash tag is `key`'s, its
  // bytes requested from memory, without comparing them (so it may be
  // another key's number, rarely): what a Find a little later will compare.
  // kNone when no slot on the way has the tag. Call it once the slot's line
  // has arrived (PrefetchSlot): it reads the slots.
  uint32_t PrefetchLikely(std::string_view key) const {
    if (slots_.empty()) return kNone;
    const uint64_t hash = HashOf(key);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.value == kNone) return kNone;
      if (slot.tag == TagOf(hash) && slot.size == key.size()) {
        __builtin_prefetch(bytes_.data() + slot.offset);
        return slot.value;
      }
    }
  }

  // Files `key` with `value` (not kNone). Returns false, filing nothing,
  // when `key` is there already. The caller bounds the size (Clear).
  bool Add(std::string_view key, uint32_t value) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const uint64_t hash = HashOf(key);
    size_t i = hash & mask_;
    for (; slots_[i].value != kNone; i = (i + 1) & mask_) {
      if (slots_[i].tag == TagOf(hash) && Holds(slots_[i], key)) return false;
    }
    slots_[i] = Slot{TagOf(hash), static_cast<uint32_t>(bytes_.size()),
                     static_cast<uint32_t>(key.size()), value};
    bytes_.append(key);
    ++size_;
    return true;
  }

  // Empties the index; its room stays.
  void Clear() {
    if (size_ == 0) return;
    std::fill(slots_.begin(), slots_.end(), Slot{});
    bytes_.clear();
    size_ = 0;
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // the hash's high half: most other keys differ here
    uint32_t offset = 0;
    uint32_t size = 0;
    uint32_t value = kNone;  // kNone: empty
  };

  static uint64_t ProcessSeed() {
    // absl's generator is seeded from the OS's entropy, and never throws.
    static const uint64_t seed = absl::Uniform<uint64_t>(absl::BitGen());
    return seed;
  }

  uint64_t HashOf(std::string_view key) const { return KeyBytesHash(key, seed_); }
  static uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

  bool Holds(const Slot& slot, std::string_view key) const {
    return slot.size == key.size() &&
           std::memcmp(bytes_.data() + slot.offset, key.data(), key.size()) == 0;
  }

  // Doubles the table (at least 64 slots) and files the keys again: at
  // most half the slots are used, so probes stay short.
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.value == kNone) continue;
      const uint64_t hash = HashOf(std::string_view(bytes_.data() + slot.offset, slot.size));
      size_t i = hash & mask_;
      while (slots_[i].value != kNone) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  uint64_t seed_;
  std::vector<Slot> slots_;  // a power of two, or none before the first Add
  size_t mask_ = 0;
  size_t size_ = 0;
  std::string bytes_;  // the keys, back to back
};

}  // namespace placi::core

#endif  // PLACI_CORE_RECENT_KEYS_H_
