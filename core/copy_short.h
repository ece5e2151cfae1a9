// A copy of a few bytes without a call to memcpy, for the short words of
// names, addresses and goods text: a memcpy call per word was a fifth of
// making name and address keys.
#ifndef PLACI_CORE_COPY_SHORT_H_
#define PLACI_CORE_COPY_SHORT_H_

#include <cstddef>
#include <cstring>
#include <string_view>

namespace placi::core {

// Copies `from` to `to` (room for from.size() bytes): two fixed-size copies
// that overlap in the middle, reading and writing only the word's own
// bytes; memcpy for words longer than 16 bytes.
inline void CopyShort(std::string_view from, char* to) {
  const char* p = from.data();
  const size_t n = from.size();
  if (n >= 8 && n <= 16) {
    std::memcpy(to, p, 8);
    std::memcpy(to + n - 8, p + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::memcpy(to, p, 4);
    std::memcpy(to + n - 4, p + n - 4, 4);
  } else if (n > 0 && n < 4) {
    to[0] = p[0];
    to[n / 2] = p[n / 2];
    to[n - 1] = p[n - 1];
  } else if (n > 16) {
    std::memcpy(to, p, n);
  }
}

}  // namespace placi::core

#endif  // PLACI_CORE_COPY_SHORT_H_
