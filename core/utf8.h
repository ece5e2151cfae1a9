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
int32_t CodePointAt(std::string_view text, size_t at, size_t* length);

}  // namespace placi::core

#endif  // PLACI_CORE_UTF8_H_
