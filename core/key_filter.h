// A blocked Bloom filter over 64-bit key hashes: "certainly absent" or
// "maybe present" for the price of one cache line. It stands in front of a
// big hash map that is probed with many keys that are almost never there
// (every n-gram of goods text against the watchlist terms), so that a miss
// costs no trip to main memory. Sized at about 16 bits a key, small enough
// to stay in the L2 cache for a few hundred thousand keys; false positives
// are about 1 in 1,000, false negatives never happen.
//
// It cannot forget a key: the owner rebuilds it (Reset, then Add every key)
// when it has grown past the size it was made for or when removed keys
// have made it stale. A stale filter is still correct, only less selective.
//
//   KeyFilter filter;
//   filter.Reset(/*expected_keys=*/1000);
//   filter.Add(hash);
//   if (filter.MayContain(hash)) ...  // true for every added hash
#ifndef PLACI_CORE_KEY_FILTER_H_
#define PLACI_CORE_KEY_FILTER_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/hash_multimap.h"  // PrefetchCacheLine

namespace placi::core {

// Not thread-safe for writes; concurrent MayContain calls are fine.
class KeyFilter {
 public:
  // Empties the filter and sizes it for `expected_keys` keys.
  void Reset(size_t expected_keys) {
    const size_t bits = std::max<size_t>(expected_keys, 1) * kBitsPerKey;
    blocks_.assign((bits + kBitsPerBlock - 1) / kBitsPerBlock, Block{});
    blocks_.shrink_to_fit();
    keys_ = 0;
  }

  void Add(uint64_t hash) {
    if (blocks_.empty()) Reset(1);
    Block& block = blocks_[BlockOf(hash)];
    for (size_t w = 0; w < kWords; ++w) block[w] |= BitOf(hash, w);
    ++keys_;
  }

  bool MayContain(uint64_t hash) const {
    if (blocks_.empty()) return false;
    const Block& block = blocks_[BlockOf(hash)];
    // Two words first: at the designed load a word has about 4 bits in 10
    // set, so these two tell most absent keys (about 85%) apart, and the
    // branch is mostly taken one way; the other six only for the rest.
    uint64_t missing = (BitOf(hash, 0) & ~block[0]) | (BitOf(hash, 1) & ~block[1]);
    if (missing != 0) return false;
    for (size_t w = 2; w < kWords; ++w) missing |= BitOf(hash, w) & ~block[w];
    return missing == 0;
  }

  // Asks the CPU for the cache line MayContain(hash) reads, so that the
  // misses of many probes overlap instead of coming one after the other.
  void Prefetch(uint64_t hash) const {
    if (!blocks_.empty()) PrefetchCacheLine(&blocks_[BlockOf(hash)]);
  }

  // Keys added since the last Reset, and how many it was sized for.
  size_t keys() const { return keys_; }
  size_t capacity() const { return blocks_.size() * kBitsPerBlock / kBitsPerKey; }
  size_t MemoryBytes() const { return blocks_.capacity() * sizeof(Block); }

 private:
  // One cache line of eight 64-bit words; a key sets one bit in each (the
  // "split block" layout: no two of its bits collide with each other).
  static constexpr size_t kWords = 8;
  struct alignas(64) Block {
    uint64_t& operator[](size_t w) { return words[w]; }
    uint64_t operator[](size_t w) const { return words[w]; }
    uint64_t words[kWords] = {};
  };
  static constexpr size_t kBitsPerBlock = kWords * 64;
  static constexpr size_t kBitsPerKey = 16;

  // The block from the high half of a multiplicative mix scaled to the
  // block count (callers' hashes may be weak in some bits), the bits from
  // the low half times odd salts.
  size_t BlockOf(uint64_t hash) const {
    const uint64_t mixed = (hash * 0x9E3779B97F4A7C15ull) >> 32;
    return static_cast<size_t>((mixed * blocks_.size()) >> 32);
  }
  static uint64_t BitOf(uint64_t hash, size_t word) {
    static constexpr uint32_t kSalt[kWords] = {0x47b6137bu, 0x44974d91u, 0x8824ad5bu,
                                               0xa2b7289du, 0x705495c7u, 0x2df1424bu,
                                               0x9efc4947u, 0x5c6bfb31u};
    const uint32_t mixed = static_cast<uint32_t>(hash ^ (hash >> 32)) * kSalt[word];
    return uint64_t{1} << (mixed >> 26);
  }

  std::vector<Block> blocks_;
  size_t keys_ = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_KEY_FILTER_H_
