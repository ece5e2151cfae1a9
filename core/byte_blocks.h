// Text read 16 bytes at a time: a bit mask of the block's spaces or digits
// (bit i for its i-th byte) from SSE2, in every x86-64 CPU, with a byte loop
// elsewhere. Splitting folded text into words and finding its digits went
// through memchr, a call per word, or a loop per byte; both run for every
// name, address and goods text of every parcel.
#ifndef PLACI_CORE_BYTE_BLOCKS_H_
#define PLACI_CORE_BYTE_BLOCKS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace placi::core {

// The 16 bytes of `text` from `at` (< text.size()): the text itself, or,
// for its last 15 bytes or fewer, `copy` holding them padded with NULs: no
// byte past the text's end is read.
inline const char* BlockAt(std::string_view text, size_t at, char (&copy)[16]) {
  const size_t left = text.size() - at;
  if (left >= 16) return text.data() + at;
  std::memset(copy, 0, sizeof copy);
  std::memcpy(copy, text.data() + at, left);
  return copy;
}

// Bit i set when block[i] is `byte`.
inline uint32_t MaskOfByte(const char* block, char byte) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(byte))));
#else
  uint32_t mask = 0;
  for (int i = 0; i < 16; ++i) mask |= static_cast<uint32_t>(block[i] == byte) << i;
  return mask;
#endif
}

// Bit i set when block[i] is an ASCII digit.
inline uint32_t MaskOfDigits(const char* block) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
  // Signed compares: a byte of 0x80 or more is negative, below '0'.
  const __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                       _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
  return static_cast<uint32_t>(_mm_movemask_epi8(digits));
#else
  uint32_t mask = 0;
  for (int i = 0; i < 16; ++i) {
    mask |= static_cast<uint32_t>(block[i] >= '0' && block[i] <= '9') << i;
  }
  return mask;
#endif
}

// Whether `text` has a byte of 0x80 or more (UTF-8 beyond ASCII).
inline bool HasHighByte(std::string_view text) {
  for (size_t block = 0; block < text.size(); block += 16) {
    char copy[16];
    const char* bytes = BlockAt(text, block, copy);
#if defined(__SSE2__)
    if (_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes))) != 0) {
      return true;
    }
#else
    for (int i = 0; i < 16; ++i) {
      if ((static_cast<unsigned char>(bytes[i]) & 0x80) != 0) return true;
    }
#endif
  }
  return false;
}

// Whether `text` has a byte of 0x80 or more (UTF-8 beyond ASCII) or one of
// `a`, `b`, `c`, `d`.
inline bool HasHighByteOr(std::string_view text, char a, char b, char c, char d) {
  for (size_t block = 0; block < text.size(); block += 16) {
    char copy[16];
    const char* bytes = BlockAt(text, block, copy);
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    const __m128i found = _mm_or_si128(
        _mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_set1_epi8(a))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(b)),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8(c))),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8(d))));
    if (_mm_movemask_epi8(found) != 0) return true;  // the padding's NULs are none of them
#else
    for (int i = 0; i < 16; ++i) {
      const char byte = bytes[i];
      if ((static_cast<unsigned char>(byte) & 0x80) != 0 || byte == a || byte == b || byte == c ||
          byte == d) {
        return true;
      }
    }
#endif
  }
  return false;
}

// The place of the first ASCII digit of `text` at or after `from`, or
// text.size() when there is none.
inline size_t FindDigit(std::string_view text, size_t from) {
  for (size_t block = from; block < text.size(); block += 16) {
    char copy[16];
    if (const uint32_t digits = MaskOfDigits(BlockAt(text, block, copy)); digits != 0) {
      return block + static_cast<size_t>(__builtin_ctz(digits));  // the padding has none
    }
  }
  return text.size();
}

// Calls `word` with each run of bytes between spaces of `text`, empty ones
// skipped, in order.
template <typename Fn>
void ForEachWord(std::string_view text, Fn&& word) {
  size_t start = 0;  // of the word being read
  for (size_t block = 0; block < text.size(); block += 16) {
    char copy[16];
    for (uint32_t spaces = MaskOfByte(BlockAt(text, block, copy), ' '); spaces != 0;
         spaces &= spaces - 1) {
      const size_t end = block + static_cast<size_t>(__builtin_ctz(spaces));
      if (end > start) word(text.substr(start, end - start));
      start = end + 1;
    }
  }
  if (start < text.size()) word(text.substr(start));
}

}  // namespace placi::core

#endif  // PLACI_CORE_BYTE_BLOCKS_H_
