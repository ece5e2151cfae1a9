// LEB128 varints and zigzag, for the window log's records (window_log.h)
// and the window snapshot (window_snapshot.h).
#ifndef PLACI_STORAGE_VARINT_H_
#define PLACI_STORAGE_VARINT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace placi::storage::varint {

// The most bytes one varint takes.
inline constexpr size_t kMaxBytes = 10;

// Writes `value` at `out`, which has room for kMaxBytes; returns the byte
// after it. For records of many varints: one resize of the string and plain
// stores, where a push_back per byte checked the capacity every time (perf:
// ~2% of a whole verdict went to encoding its window log record).
inline char* EncodeTo(uint64_t value, char* out) {
  while (value >= 0x80) {
    *out++ = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  *out++ = static_cast<char>(value);
  return out;
}

inline void Append(uint64_t value, std::string* out) {
  char bytes[kMaxBytes];
  out->append(bytes, EncodeTo(value, bytes));
}

// false when `in` ends inside the varint or it runs past 64 bits.
inline bool Read(std::string_view* in, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    if (shift == 63 && byte > 1) return false;
    result |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

inline uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

// Little-endian, 8 bytes at `out`; returns the byte after them.
inline char* EncodeFixed64To(uint64_t value, char* out) {
  for (int i = 0; i < 8; ++i) *out++ = static_cast<char>(value >> (8 * i));
  return out;
}

inline void AppendFixed64(uint64_t value, std::string* out) {
  char bytes[8];
  out->append(bytes, EncodeFixed64To(value, bytes));
}

// Little-endian; false when fewer than 8 bytes are left.
inline bool ReadFixed64(std::string_view* in, uint64_t* value) {
  if (in->size() < 8) return false;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>((*in)[i])} << (8 * i);
  in->remove_prefix(8);
  *value = v;
  return true;
}

}  // namespace placi::storage::varint

#endif  // PLACI_STORAGE_VARINT_H_
