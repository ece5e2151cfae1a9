// Reading UTF-8 one code point at a time, for the scans of names, phones and
// goods text that look at scripts or characters (normalize.cc,
// foreign_brand_names.cc).
#ifndef PLACI_CORE_UTF8_H_
#define PLACI_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace placi::core {

// The code point at text[at] (at < text.size()) and its length in bytes in
// *length; a byte that starts no well-formed sequence (a stray continuation
// byte, an overlong lead, a sequence cut short) is -1 of one byte.
inline int32_t CodePointAt(std::string_view text, size_t at, size_t* length) {
  const auto lead = static_cast<unsigned char>(text[at]);
  *length = 1;
  if (lead < 0x80) return lead;
  const size_t size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (size == 0 || at + size > text.size()) return -1;
  int32_t code_point = lead & (0x7F >> size);
  for (size_t i = 1; i < size; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return -1;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  *length = size;
  return code_point;
}

}  // namespace placi::core

#endif  // PLACI_CORE_UTF8_H_
