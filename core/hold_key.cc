// See hold_key.h.
#include "core/hold_key.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace placi::core {
namespace {

// What an ASCII character becomes in a key: itself, another character, or
// nothing (kDrop: no ASCII character, so that even NUL is kept as sent).
constexpr char kDrop = '\x80';
using AsciiFold = std::array<char, 128>;

constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

constexpr AsciiFold MakeAsciiFold(bool drop_separators) {
  AsciiFold fold{};
  for (int i = 0; i < 128; ++i) {
    char c = static_cast<char>(i);
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (IsAsciiSpace(c)) c = kDrop;
    if (drop_separators && (c == '-' || c == '_' || c == '.' || c == '/')) c = kDrop;
    fold[i] = c;
  }
  return fold;
}

// A waybill drops spaces and separators; a carrier id only spaces.
constexpr AsciiFold kWaybillFold = MakeAsciiFold(/*drop_separators=*/true);
constexpr AsciiFold kCarrierFold = MakeAsciiFold(/*drop_separators=*/false);

// Non-ASCII code points that stand for an ASCII character in a number: the
// character they are read as (then folded as that ASCII character is). ' '
// stands for every space and invisible character. Code points outside these
// ranges are kept as sent. Full-width ASCII (U+FF01..U+FF5E) is computed, not
// listed. Sorted by `first`; only non-ASCII waybills ever look here.
struct FoldRange {
  char32_t first;
  char32_t last;
  char as;
};
constexpr FoldRange kNonAsciiFolds[] = {
    {0x0085, 0x0085, ' '},    // next line
    {0x00A0, 0x00A0, ' '},    // no-break space
    {0x00AD, 0x00AD, ' '},    // soft hyphen (invisible)
    {0x00B7, 0x00B7, '.'},    // middle dot
    {0x034F, 0x034F, ' '},    // combining grapheme joiner
    {0x058A, 0x058A, '-'},    // Armenian hyphen
    {0x05BE, 0x05BE, '-'},    // Hebrew maqaf
    {0x061C, 0x061C, ' '},    // Arabic letter mark
    {0x115F, 0x1160, ' '},    // Hangul fillers
    {0x1400, 0x1400, '-'},    // Canadian syllabics hyphen
    {0x1680, 0x1680, ' '},    // Ogham space
    {0x17B4, 0x17B5, ' '},    // Khmer inherent vowels (invisible)
    {0x1806, 0x1806, '-'},    // Mongolian todo soft hyphen
    {0x180B, 0x180F, ' '},    // Mongolian variation selectors, vowel separator
    {0x2000, 0x200F, ' '},    // en quad … hair space, zero-width space/joiners, LRM/RLM
    {0x2010, 0x2015, '-'},    // hyphen, non-breaking hyphen, figure dash, en/em dash, bar
    {0x2024, 0x2024, '.'},    // one dot leader
    {0x2027, 0x2027, '.'},    // hyphenation point
    {0x2028, 0x202F, ' '},    // line/paragraph separators, bidi embeddings, narrow nbsp
    {0x2043, 0x2043, '-'},    // hyphen bullet
    {0x2044, 0x2044, '/'},    // fraction slash
    {0x205F, 0x206F, ' '},    // medium math space, word joiner, invisible operators, bidi
    {0x207B, 0x207B, '-'},    // superscript minus
    {0x208B, 0x208B, '-'},    // subscript minus
    {0x2212, 0x2212, '-'},    // minus sign
    {0x2215, 0x2215, '/'},    // division slash
    {0x2E17, 0x2E17, '-'},    // double oblique hyphen
    {0x2E1A, 0x2E1A, '-'},    // hyphen with diaeresis
    {0x2E3A, 0x2E3B, '-'},    // two- and three-em dash
    {0x2E40, 0x2E40, '-'},    // double hyphen
    {0x3000, 0x3000, ' '},    // ideographic space
    {0x3002, 0x3002, '.'},    // ideographic full stop
    {0x301C, 0x301C, '-'},    // wave dash
    {0x3030, 0x3030, '-'},    // wavy dash
    {0x30A0, 0x30A0, '-'},    // katakana-hiragana double hyphen
    {0x30FB, 0x30FB, '.'},    // katakana middle dot
    {0x3164, 0x3164, ' '},    // Hangul filler
    {0xFE00, 0xFE0F, ' '},    // variation selectors
    {0xFE31, 0xFE32, '-'},    // vertical em/en dash
    {0xFE4D, 0xFE4F, '_'},    // dashed, centreline, wavy low line
    {0xFE58, 0xFE58, '-'},    // small em dash
    {0xFE63, 0xFE63, '-'},    // small hyphen-minus
    {0xFEFF, 0xFEFF, ' '},    // zero-width no-break space (byte order mark)
    {0xFF61, 0xFF61, '.'},    // half-width ideographic full stop
    {0xFF65, 0xFF65, '.'},    // half-width katakana middle dot
    {0xFFA0, 0xFFA0, ' '},    // half-width Hangul filler
    {0xE0001, 0xE007F, ' '},  // tag characters (invisible)
};

// The ASCII character `cp` stands for, or 0 when it is kept as sent.
char NonAsciiAs(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return static_cast<char>(cp - 0xFF01 + 0x21);
  for (const FoldRange& r : kNonAsciiFolds) {
    if (cp < r.first) return 0;
    if (cp <= r.last) return r.as;
  }
  return 0;
}

// The length of the well-formed UTF-8 sequence at s[i] (a non-ASCII lead
// byte) and its code point, or 0 when it is not one.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t lead = byte(i);
  size_t len;
  char32_t value;
  char32_t min;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2, value = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3, value = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4, value = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *cp = value;
  return len;
}

// Walks `text` as a key sees it, calling keep(piece) for every piece the key
// keeps (one folded ASCII character, or a character as sent) until keep
// returns false.
template <typename Keep>
void Fold(std::string_view text, const AsciiFold& fold, Keep keep) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<uint8_t>(text[i]);
    if (byte < 0x80) {
      const char c = fold[byte];
      ++i;
      if (c != kDrop && !keep(std::string_view(&c, 1))) return;
      continue;
    }
    char32_t cp = 0;
    const size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {  // not UTF-8: the byte as it is
      if (!keep(text.substr(i, 1))) return;
      ++i;
      continue;
    }
    const char as = NonAsciiAs(cp);
    if (as == 0) {
      if (!keep(text.substr(i, len))) return;
    } else {
      const char c = fold[static_cast<uint8_t>(as)];
      if (c != kDrop && !keep(std::string_view(&c, 1))) return;
    }
    i += len;
  }
}

// A key is never longer than its text (each piece kept is at most the bytes
// it was read from), so the pieces are written into a buffer of the text's
// size: no capacity check per character, which std::string::append makes
// (and GCC does not always inline: out of line it doubled the cost of a
// key, session 14).
std::string FoldToKey(std::string_view text, const AsciiFold& fold) {
  std::string key(text.size(), '\0');
  char* out = key.data();
  Fold(text, fold, [&](std::string_view piece) {
    if (piece.size() == 1) {
      *out++ = piece.front();
    } else {
      std::memcpy(out, piece.data(), piece.size());
      out += piece.size();
    }
    return true;
  });
  key.resize(static_cast<size_t>(out - key.data()));
  return key;
}

}  // namespace

std::string HoldWaybillKey(std::string_view house_waybill) {
  return FoldToKey(house_waybill, kWaybillFold);
}

bool IsBlankWaybill(std::string_view house_waybill) {
  bool blank = true;
  Fold(house_waybill, kWaybillFold, [&](std::string_view) { return blank = false; });
  return blank;
}

std::string HoldCarrierKey(std::string_view carrier_id) {
  return FoldToKey(carrier_id, kCarrierFold);
}

bool IsBlankCarrier(std::string_view carrier_id) {
  bool blank = true;
  Fold(carrier_id, kCarrierFold, [&](std::string_view) { return blank = false; });
  return blank;
}

}  // namespace placi::core
