// A fast 64-bit hash of short byte strings, for the watchlist's in-memory
// maps and filter: every gram of goods text (about a hundred a parcel) and
// every party key is hashed on the screening path, and most are under 16
// bytes. The construction is wyhash's (Wang Yi, public domain): the bytes are
// read as two 64-bit words and folded by a 64x64→128-bit multiply, which
// mixes every input bit into every output bit in a few cycles (absl::HashOf
// of the kind and the string took ~13% of BM_WatchlistMatch's samples).
// Persisted: the window counters' keys on disk hold it (storage/keys.h,
// CounterKeyHash), so the function must not change; tests/storage/keys_test.cc
// pins its values. (Words are read in the host's byte order: data dirs move
// between little-endian hosts, x86-64 and arm64, only.)
//
//   uint64_t h = KeyBytesHash("karozen", /*seed=*/3);
#ifndef PLACI_CORE_KEY_HASH_H_
#define PLACI_CORE_KEY_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace placi::core {
namespace key_hash_internal {

constexpr uint64_t kSecret0 = 0xa0761d6478bd642full;
constexpr uint64_t kSecret1 = 0xe7037ed1a0b428dbull;

// The two halves of a*b xored: wyhash's mixing step.
inline uint64_t Mum(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}
inline uint64_t Read8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t Read4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace key_hash_internal

// `seed` separates key spaces (kinds of keys) that share one map.
inline uint64_t KeyBytesHash(std::string_view bytes, uint64_t seed) {
  using namespace key_hash_internal;
  const char* p = bytes.data();
  const size_t n = bytes.size();
  seed ^= Mum(seed ^ kSecret0, kSecret1);
  uint64_t a = 0;
  uint64_t b = 0;
  if (n <= 16) {
    if (n >= 4) {  // four overlapping 4-byte reads cover 4..16 bytes
      const size_t step = (n >> 3) << 2;
      a = (Read4(p) << 32) | Read4(p + step);
      b = (Read4(p + n - 4) << 32) | Read4(p + n - 4 - step);
    } else if (n > 0) {
      a = (uint64_t{static_cast<unsigned char>(p[0])} << 16) |
          (uint64_t{static_cast<unsigned char>(p[n >> 1])} << 8) |
          static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    size_t left = n;
    for (; left > 16; left -= 16, p += 16) {
      seed = Mum(Read8(p) ^ kSecret1, Read8(p + 8) ^ seed);
    }
    // The last 16 bytes, overlapping what the loop read when n is not a
    // multiple of 16 (p has moved at least 16 bytes, so p - 16 + left is in).
    a = Read8(p + left - 16);
    b = Read8(p + left - 8);
  }
  return Mum(kSecret1 ^ n, Mum(a ^ kSecret1, b ^ seed));
}

}  // namespace placi::core

#endif  // PLACI_CORE_KEY_HASH_H_
