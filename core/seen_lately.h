// The filter of a per-thread memo that files an entry only the second time
// it is seen (RecentListings in watchlist_index.cc, RecentParties): on a
// stream that never repeats, filing every entry would cost a copy each and
// push out the entries that do come back, while a tag per text seen lately
// costs one hash.
//
// A table of 4,096 32-bit tags (the hash's high half), indexed by the hash's
// low bits, made at the first look. Two texts that share a slot push each
// other out; two that share slot and tag (~1 in 2^31) only make the second
// count as seen early: the memo then files it one sighting sooner, which
// changes no result, only what is kept.
//
//   SeenLately seen(/*seed=*/0x5ea);
//   if (seen.SeenBefore(shape)) File(shape);
#ifndef PLACI_CORE_SEEN_LATELY_H_
#define PLACI_CORE_SEEN_LATELY_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/key_hash.h"

namespace placi::core {

class SeenLately {
 public:
  // `seed`: of the tags' hash; each memo its own, so that one memo's
  // collisions are not another's.
  explicit SeenLately(uint64_t seed) : seed_(seed) {}

  // Whether `text` was seen lately; notes it.
  bool SeenBefore(std::string_view text) {
    if (tags_.empty()) tags_.assign(kSlots, 0);
    const uint64_t hash = KeyBytesHash(text, seed_);
    const uint32_t tag = static_cast<uint32_t>(hash >> 32) | 1;  // 0: an empty slot
    uint32_t& slot = tags_[hash & (kSlots - 1)];
    const bool before = slot == tag;
    slot = tag;
    return before;
  }

 private:
  static constexpr size_t kSlots = 4096;
  uint64_t seed_;
  std::vector<uint32_t> tags_;
};

}  // namespace placi::core

#endif  // PLACI_CORE_SEEN_LATELY_H_
