// Latin by table, other scripts by ICU. See text_fold.h.
#include "core/text_fold.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/base/call_once.h"
#include "absl/strings/ascii.h"
#include "unicode/normalizer2.h"
#include "unicode/translit.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/unistr.h"

namespace placi::core {
namespace {

// What NFKC, ICU "Any-Latin; Latin-ASCII" and case folding make of each
// code point U+0080..U+017F alone, read as FoldWithIcu reads it: ASCII
// letters and digits, " " where it separates words. nullptr where ICU keeps
// a non-ASCII letter (ª, µ, º): text with one goes to ICU. Printed from ICU
// 72 (Debian 12); TextFoldTest.TableAgreesWithIcu checks every entry.
constexpr const char* kLatinFold[0x180 - 0x80] = {
    /* 0080 */ " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ",
    /* 0090 */ " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ",
    /* 00A0 */ " ", " ", " ", " ", " ", " ", " ", " ", " ", " c ", nullptr, " ", " ", "", " r ", " ",
    /* 00B0 */ " ", " ", "2", "3", " ", nullptr, " ", " ", " ", "1", nullptr, " ", "1 4", "1 2", "3 4", " ",
    /* 00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* 00D0 */ "d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "ss",
    /* 00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* 00F0 */ "d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "y",
    /* 0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    /* 0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    /* 0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    /* 0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "q", "l", "l", "l", "l", "l", "l", "l",
    /* 0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    /* 0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    /* 0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    /* 0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

// Appends `c` or, for a separator, one space unless one is already there.
// An apostrophe joins ("O'Brien" → "obrien"), as in the ICU path.
void AppendFolded(char c, std::string* out) {
  if (c == '\'') return;
  if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
    out->push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  } else if (!out->empty() && out->back() != ' ') {
    out->push_back(' ');
  }
}

// The code point of a two-byte UTF-8 sequence at text[i] (the only length
// the table's range U+0080..U+017F has), or -1.
int32_t TwoByteCodePoint(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0xC2 || lead > 0xDF || i + 1 >= text.size()) return -1;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  if ((next & 0xC0) != 0x80) return -1;
  return ((lead & 0x1F) << 6) | (next & 0x3F);
}

std::unique_ptr<icu::Transliterator> CreateTransliterator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  return U_SUCCESS(status) ? std::move(t) : nullptr;
}

std::unique_ptr<icu::Transliterator> NewTransliterator() {
  // ICU compiles the rules on the first creation in the process (~0.2 s)
  // and caches them: later creations are cheap. It compiles outside its
  // lock, so threads that fold non-Latin text at once early in a start (the
  // built-in rules beside the watchlist load) would each compile them: the
  // first creation is made once, and the others wait for it.
  static absl::once_flag compiled;
  absl::call_once(compiled, [] { (void)CreateTransliterator(); });
  return CreateTransliterator();
}

// Set when this thread's transliterator has been destroyed. Trivially
// destructible, so it can still be read after the thread's other
// thread_locals are gone: at exit, the main thread's are destroyed before
// the statics, whose destructors may still fold text (a Screener in a
// static removing its rules' terms from the index).
thread_local bool thread_transliterator_gone = false;

struct ThreadTransliteratorSlot {
  std::unique_ptr<icu::Transliterator> transliterator = NewTransliterator();
  ~ThreadTransliteratorSlot() { thread_transliterator_gone = true; }
};

// ICU transliterators are not safe for concurrent use: one per thread.
const icu::Transliterator* ThreadTransliterator() {
  thread_local const ThreadTransliteratorSlot slot;
  return slot.transliterator.get();
}

void Transliterate(icu::UnicodeString* text) {
  if (thread_transliterator_gone) {
    // Late in a thread's exit: one made for this text alone.
    if (const std::unique_ptr<icu::Transliterator> t = NewTransliterator()) t->transliterate(*text);
    return;
  }
  if (const icu::Transliterator* t = ThreadTransliterator()) t->transliterate(*text);
}

// Scripts written without spaces between words, where a zero-width space
// marks a word's end (Thai, Lao, Khmer, Myanmar; Chinese and Japanese text
// pasted from word-segmenting editors).
bool WrittenWithoutSpaces(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return true;
    default:
      return false;
  }
}

// The capital letter of a negative circled or squared letter or a
// regional indicator symbol, else 0.
UChar32 EnclosedLetter(UChar32 c) {
  static constexpr UChar32 kFirstOfRuns[] = {0x1F150, 0x1F170, 0x1F1E6};
  for (const UChar32 first : kFirstOfRuns) {
    if (c >= first && c < first + 26) return 'A' + (c - first);
  }
  return 0;
}

// Text as it reads, before transliteration (review7: "𝐑𝐨𝐥𝐞𝐱", "Ⓡⓞⓛⓔⓧ", "🅡🅞🅛🅔🅧",
// "mir\u200Bror quality" and "mir\u00ADror quality" were no brand and no
// counterfeit term): compatibility forms as their plain letters and digits
// (NFKC: mathematical and circled letters, superscripts, ligatures,
// half-width katakana), and invisible characters (Unicode's default
// ignorables: zero-width space and joiners, soft hyphen, word joiner, byte
// order mark, bidi controls, variation selectors, tags) dropped inside a
// word, so that they split no word; after a letter of a script written
// without spaces a zero-width character marks a word's end and stays a
// separator.
void ReadAsPlainLetters(icu::UnicodeString* text) {
  // Catalan's "ŀ" is "l" (NFKC would write "l·", splitting "ŀlavor").
  text->findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x013F)), icu::UnicodeString("L"));
  text->findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0140)), icu::UnicodeString("l"));
  // The trade mark and service mark signs are marks, not letters: NFKC
  // writes "TM" and "SM", which glued "Gucci™" into "guccitm" (review24: a
  // 20 EUR "Gucci™ handbag" and a "replica™ bag" were released). "®" and
  // "©" part words already (FoldLatin's table).
  text->findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2122)), icu::UnicodeString(" "));
  text->findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2120)), icu::UnicodeString(" "));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfkc->normalize(*text, status);
    if (U_SUCCESS(status)) *text = std::move(normalized);
  }
  icu::UnicodeString kept;
  UChar32 previous = 0;
  bool rewritten = false;
  for (int32_t i = 0; i < text->length();) {
    UChar32 c = text->char32At(i);
    i += U16_LENGTH(c);
    // Letters in negative circles and squares and regional indicators
    // ("🅡🅞🅛🅔🅧", "🆁🅾🅻🅴🆇", "🇷🇴🇱🇪🇽") have no NFKC form: their letter.
    if (const UChar32 letter = EnclosedLetter(c); letter != 0) {
      c = letter;
      rewritten = true;
    }
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      // After a letter of a script written without spaces it ends a word.
      if (WrittenWithoutSpaces(previous)) kept.append(static_cast<UChar32>(' '));
      rewritten = true;
      continue;
    }
    kept.append(c);
    previous = c;
  }
  if (rewritten) *text = std::move(kept);
}

}  // namespace

bool FoldLatin(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      AppendFolded(text[i], out);
      ++i;
      continue;
    }
    const int32_t code_point = TwoByteCodePoint(text, i);
    if (code_point < 0x80 || code_point >= 0x180) return false;
    const char* folded = kLatinFold[code_point - 0x80];
    if (folded == nullptr) return false;
    for (; *folded != '\0'; ++folded) AppendFolded(*folded, out);
    i += 2;
  }
  if (!out->empty() && out->back() == ' ') out->pop_back();
  return true;
}

std::string FoldWithIcu(std::string_view text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  ReadAsPlainLetters(&unicode);
  Transliterate(&unicode);
  unicode.foldCase();

  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < unicode.length();) {
    UChar32 c = unicode.char32At(i);
    i += U16_LENGTH(c);
    // Marks left by scripts without ASCII forms, and the apostrophes that
    // transliteration writes for soft signs ("Татьяна" → "tat'jana") do not
    // split a word.
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_MODIFIER_LETTER || c == '\'' || c == 0x2019) {
      continue;
    }
    if (!u_isalnum(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    icu::UnicodeString(c).toUTF8String(out);
  }
  return out;
}

void FoldIdentifierInto(std::string_view text, std::string* out) {
  out->clear();
  UErrorCode status = U_ZERO_ERROR;
  // A process-wide singleton of ICU's, safe for concurrent use.
  const icu::Normalizer2* nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) {
    out->assign(text);
    return;
  }
  const icu::UnicodeString folded = nfkc_casefold->normalize(unicode, status);
  if (U_FAILURE(status)) {
    out->assign(text);
    return;
  }
  folded.toUTF8String(*out);
}

void WarmUpTextFolding() { ThreadTransliterator(); }

}  // namespace placi::core
