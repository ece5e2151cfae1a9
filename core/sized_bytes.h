// Byte strings filed back to back in one buffer, each behind its size in
// two bytes (little-endian): the per-thread memos (RecentNameForms,
// RecentParties) keep their strings so, one allocation for all. Callers
// keep each string under 64 KiB.
#ifndef PLACI_CORE_SIZED_BYTES_H_
#define PLACI_CORE_SIZED_BYTES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace placi::core {

inline constexpr size_t kSizedBytesHeader = 2;

// Appends `bytes` behind its size.
inline void AppendSized(std::string_view bytes, std::string* out) {
  out->push_back(static_cast<char>(bytes.size() & 0xff));
  out->push_back(static_cast<char>((bytes.size() >> 8) & 0xff));
  out->append(bytes);
}

// The size AppendSized wrote at `at` (kSizedBytesHeader bytes).
inline size_t SizeAt(const char* at) {
  return static_cast<unsigned char>(at[0]) | static_cast<size_t>(static_cast<unsigned char>(at[1]))
                                                 << 8;
}

}  // namespace placi::core

#endif  // PLACI_CORE_SIZED_BYTES_H_
