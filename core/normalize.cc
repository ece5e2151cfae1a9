// Normalisation shared by watchlist entries and parcels. ASCII and accented
// Latin are folded without ICU (text_fold.h); other scripts are
// transliterated and case folded so that "Müller", "MULLER", "muller" and
// "Мюллер" meet.
#include "core/normalize.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "core/byte_blocks.h"
#include "core/copy_short.h"
#include "core/chinese_brand_names.h"
#include "core/foreign_brand_names.h"
#include "core/iso_codes.h"
#include "core/name_readings.h"
#include "core/text_fold.h"
#include "core/utf8.h"
#include "core/word_list.h"

namespace placi::core {
namespace {

// What each byte folds to: the lower-cased letter or digit (all above
// ' '), kSeparator, kJoiner for the apostrophe ("O'Brien" → "obrien", as in
// the Unicode path), kWordByte for the byte read as a whole word,
// kNotedSeparator for a separator the caller is told of, or kNotAscii. One
// table lookup per byte, letters and digits on the first compare, instead
// of isalnum and tolower.
constexpr char kJoiner = '\0';
constexpr char kNotAscii = '\1';
constexpr char kWordByte = '\2';
constexpr char kNotedSeparator = '\3';
constexpr char kSeparator = ' ';

// A byte that folding reads as a whole word between separators ("#" as
// " unit " in addresses, ":" as " colon " in goods text), or none.
struct WordByte {
  int byte = -1;  // -1: none
  std::string_view word;
};

// What an ASCII byte folds to alone: a letter to its lower case, a digit to
// itself, anything else to a separator. FoldRegularBytes folds 16 such bytes
// at once.
constexpr char RegularFold(int c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return alnum ? static_cast<char>(c) : kSeparator;
}

struct AsciiFoldTable {
  char to[256];
  WordByte word_byte;
  // `letters`: bytes read as letters before folding ("@a$s!i": "@" as "a").
  // `noted`: separators that AppendFoldedAscii tells its caller it met.
  constexpr explicit AsciiFoldTable(std::string_view letters = "", WordByte word = {},
                                    std::string_view noted = "")
      : to(), word_byte(word) {
    for (int c = 0; c < 256; ++c) {
      if (c >= 0x80) {
        to[c] = kNotAscii;
      } else {
        to[c] = c == '\'' ? kJoiner : RegularFold(c);
      }
    }
    for (size_t i = 0; i + 1 < letters.size(); i += 2) {
      to[static_cast<unsigned char>(letters[i])] = letters[i + 1];
    }
    if (word.byte >= 0) to[word.byte] = kWordByte;
    for (char c : noted) to[static_cast<unsigned char>(c)] = kNotedSeparator;
  }
};
constexpr AsciiFoldTable kAsciiFold;
// Addresses: "#100" is a unit number, "#" read as the word "unit".
constexpr AsciiFoldTable kAddressFold("", {'#', "unit"});
// TermTokens reads "@", "$", "!" as "a", "s", "i" and ":" as the word
// "colon" (the ratio in "1:1 copy" is the slang; "1.1 kg" is a weight).
constexpr AsciiFoldTable kTermFold("@a$s!i", {':', "colon"});
// Goods descriptions: folded as kAsciiFold folds them, and the signs that
// the goods rules read as letters ("Ch@nel", "Ca$io", "N!ke", "G*cci",
// "Gucc|": ReadSignsAsLetters) noted on the way, so that no pass of their
// own looks for them in every item. "|" is noted as a separator too ("T-shirt
// | cotton"): the goods rules read it as a letter only against one. Folded
// with AppendFoldedAscii<kStopsAtBar>, which stops at "|".
constexpr std::string_view kSignsForLetters = "@$!*|";
constexpr AsciiFoldTable kDescriptionFold("", {}, kSignsForLetters);
// "€" (E2 82 AC), read as "e" ("Chan€l"): beyond ASCII, so looked for only
// in the descriptions that are not ASCII.
constexpr std::string_view kEuroSign = "\xE2\x82\xAC";

// The punctuation FoldRegularBytes stops at, so that the byte loop reads it:
// "!" to "+" and ":" to "@", and "|" when asked (`bar`: only the fold of
// goods descriptions, which notes it; the other folds pay no compare for
// it). Every table's irregular bytes (those that do not fold as
// RegularFold: the apostrophe, the word byte, the letters) are among them;
// the rest ("&", "(", ";", …) are separators, rare enough in names,
// addresses and goods text that stopping at them costs little. ",", "-",
// ".", "/" and " ", the common separators, are not among them.
constexpr bool StopsTheRun(char c, bool bar = false) {
  return (c >= '!' && c <= '+') || (c >= ':' && c <= '@') || (bar && c == '|');
}
constexpr bool StopsAtEveryIrregularByte(const AsciiFoldTable& table, bool bar = false) {
  for (int c = 0; c < 0x80; ++c) {
    if (table.to[c] != RegularFold(c) && !StopsTheRun(static_cast<char>(c), bar)) return false;
  }
  return true;
}
// kDescriptionFold's too, folded stopping at "|": a noted sign is met in the
// byte loop, never folded in a run of 16 unseen.
static_assert(StopsAtEveryIrregularByte(kAsciiFold) && StopsAtEveryIrregularByte(kAddressFold) &&
              StopsAtEveryIrregularByte(kTermFold) &&
              StopsAtEveryIrregularByte(kDescriptionFold, /*bar=*/true));
constexpr bool kStopsAtBar = true;

// The number of bytes, of the first `limit` (at most 16) at `in`, that fold
// alone: upper case to lower, a separator to a space. Those before the first
// byte that is not ASCII, is punctuation that StopsTheRun (every table's
// irregular bytes among it), or is a separator after a separator
// (`*after_space` for the byte before `in`). Writes 16 folded bytes to `out`,
// the first n of them right, and sets `*after_space` for the n-th. SSE2, in
// every x86-64 CPU; the byte loop took ~7 instructions a byte.
template <bool kBar = false>
size_t FoldRegularBytes(const char* in, size_t limit, bool* after_space, char* out) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  // Signed compares: a byte of 0x80 or more is negative, in no range below,
  // and stops the run anyway.
  const auto between = [&bytes](char low, char high) {
    return _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(static_cast<char>(low - 1))),
                         _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(high + 1))));
  };
  // As StopsTheRun, for every table: a compare per byte value of each
  // table's irregular bytes cost more than the rare stops it saved.
  __m128i punctuation = _mm_or_si128(between('!', '+'), between(':', '@'));
  if constexpr (kBar) {
    punctuation = _mm_or_si128(punctuation, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('|')));
  }
  const __m128i upper = between('A', 'Z');
  const __m128i alnum = _mm_or_si128(_mm_or_si128(upper, between('a', 'z')), between('0', '9'));
  const unsigned separators = ~static_cast<unsigned>(_mm_movemask_epi8(alnum)) & 0xFFFFu;
  const unsigned after_separator = (separators << 1) | (*after_space ? 1u : 0u);
  const unsigned stops = static_cast<unsigned>(_mm_movemask_epi8(bytes)) |
                         static_cast<unsigned>(_mm_movemask_epi8(punctuation)) |
                         (separators & after_separator) | (1u << 16);
  const __m128i lowered = _mm_add_epi8(bytes, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
  const __m128i folded =
      _mm_or_si128(_mm_and_si128(alnum, lowered), _mm_andnot_si128(alnum, _mm_set1_epi8(' ')));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), folded);
  const size_t regular = std::min(limit, static_cast<size_t>(__builtin_ctz(stops)));
  if (regular > 0) *after_space = ((separators >> (regular - 1)) & 1u) != 0;
  return regular;
#else
  return 0;  // every byte through the byte loop
#endif
}

// Appends FoldText of ASCII `text` (bytes mapped by `table`) to `out`,
// separated from what `out` already holds by one space when both are
// non-empty: folding the parts of an address into one buffer gives what
// joining their folds gives. Writes through a pointer into room made
// beforehand, not byte by byte with push_back: runs of regular bytes 16 at a
// time (FoldRegularBytes), the byte that ends a run alone. Returns false,
// `out` as it was, when `text` is not ASCII: the caller folds it another way
// (checked here rather than in a pass of its own). `*noted` (when given) is
// set when a byte the table notes (kNotedSeparator) was met, left as it was
// otherwise; when `text` is not ASCII, only those before its first byte
// beyond ASCII were read.
template <bool kBar = false>
bool AppendFoldedAscii(std::string_view text, std::string* out,
                       const AsciiFoldTable& table = kAsciiFold, bool* noted = nullptr) {
  const WordByte& special = table.word_byte;
  const size_t mark = out->size();
  // FoldRegularBytes writes 16 bytes wherever it starts.
  size_t room = text.size() + 1 + 16;
  // Found with memchr: the word byte is rare (a URL's one ":"), and
  // std::count reads byte by byte.
  if (special.byte >= 0) {
    const char* const end = text.data() + text.size();
    for (const char* at = text.data();
         (at = static_cast<const char*>(std::memchr(at, special.byte, end - at))) != nullptr;
         ++at) {
      room += special.word.size() + 1;
    }
  }
  out->resize(mark + room);
  char* const start = out->data() + mark + (mark > 0 ? 1 : 0);
  if (mark > 0) start[-1] = ' ';
  char* p = start;
  bool after_space = true;  // no separator at the start of the part
  size_t at = 0;
  while (at < text.size()) {
    char copy[16];
    const char* in = BlockAt(text, at, copy);  // no load past the text's end
    const size_t regular =
        FoldRegularBytes<kBar>(in, std::min<size_t>(text.size() - at, 16), &after_space, p);
    p += regular;
    at += regular;
    if (regular == 16 || at == text.size()) continue;
    // The byte that ended the run.
    const char folded = table.to[static_cast<unsigned char>(text[at++])];
    if (folded >= kSeparator) {  // a separator after a separator, or a letter
      const bool separator = folded == kSeparator;
      *p = folded;
      p += !(separator && after_space);
      after_space = separator;
    } else if (folded == kWordByte) {
      if (!after_space) *p++ = ' ';
      std::memcpy(p, special.word.data(), special.word.size());
      p += special.word.size();
      *p++ = ' ';
      after_space = true;
    } else if (folded == kNotAscii) {
      out->resize(mark);
      return false;
    } else if (folded == kNotedSeparator) {  // rare: a separator after all
      *p = kSeparator;
      p += !after_space;
      after_space = true;
      if (noted != nullptr) *noted = true;
    }  // else kJoiner: nothing
  }
  if (p > start && p[-1] == ' ') --p;
  out->resize(p == start ? mark : static_cast<size_t>(p - out->data()));
  return true;
}

// A word of at most 8 bytes as one integer (0 for a longer or empty one):
// the word tables below are looked up by integer compares instead of
// memcmp. Folded words have no NUL, so different words pack differently.
uint64_t PackWord(std::string_view word) {
  if (word.empty() || word.size() > 8) return 0;
  // The word's bytes at the end of 8, read as one big-endian integer: the
  // first byte highest, as shifting them in one by one gives (a loop per
  // byte was most of looking an address word up).
  char bytes[8] = {};
  CopyShort(word, bytes + 8 - word.size());
  uint64_t packed;
  std::memcpy(&packed, bytes, 8);
  if constexpr (std::endian::native == std::endian::little) packed = __builtin_bswap64(packed);
  return packed;
}

// Packed words (each at most 8 bytes), sorted for a binary search.
class PackedWordSet {
 public:
  PackedWordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view word : words) {
      packed_.push_back(PackWord(word));
      sizes_ |= 1u << word.size();
    }
    std::sort(packed_.begin(), packed_.end());
  }
  bool Contains(std::string_view word) const {
    if (word.size() > 8 || (sizes_ >> word.size() & 1) == 0) return false;  // most words
    const uint64_t packed = PackWord(word);
    return packed != 0 && std::binary_search(packed_.begin(), packed_.end(), packed);
  }

 private:
  std::vector<uint64_t> packed_;
  uint32_t sizes_ = 0;  // bit n: some word has n bytes
};

// Orders as std::string_view's operator< does (bytes as unsigned char), but
// decides most pairs on their first byte without calling memcmp.
bool WordLess(std::string_view a, std::string_view b) {
  if (!a.empty() && !b.empty() && a[0] != b[0]) {
    return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
  }
  return a < b;
}

// Business abbreviations that registers, labels and carriers print for the
// words of a company's name (review25: a listed "Northgate Industrial
// Supplies FZE" was released as "Northgate Ind Sup FZE", "Kestrel Import
// Export Co Ltd" as "Kestrel I/E Co Ltd"), read as the words they stand
// for in NameKey and GluedNameKey, so in listed names and parcels alike:
// the abbreviated name has the written-out name's keys, and the name
// matcher, which reads forms of its generic words the same way
// (name_matcher.cc, kWordForms), weighs it the same. Each is read as the
// word the matcher files its forms under ("supplies", not "supply").
// "I/E", "I&E" and "I. E." fold to "i e", which MergeSingleLetters makes
// "ie". "Co"/"Company", "Corp"/"Corporation", "Ltd"/"Limited" need nothing
// here: they are legal forms, dropped (IsNameNoise). Left out: the
// abbreviations that are names or words too ("Indus", a river and many a
// company's name; "Eng", a surname; "Tech", "Dist", "Elect"). At most 8
// bytes each (a packed word).
constexpr std::pair<std::string_view, std::string_view> kNameAbbreviations[] = {
    {"ind", "industrial"},      {"inds", "industrial"},   {"indl", "industrial"},
    {"sup", "supplies"},        {"supp", "supplies"},     {"suppl", "supplies"},
    {"supls", "supplies"},      {"intl", "international"}, {"mfg", "manufacturing"},
    {"mfr", "manufacturing"},   {"mfrs", "manufacturing"}, {"trdg", "trading"},
    {"tdg", "trading"},         {"elec", "electronics"},  {"elecs", "electronics"},
    {"grp", "group"},           {"hldg", "holding"},      {"hldgs", "holding"},
    {"svc", "service"},         {"svcs", "service"},      {"mgmt", "management"},
    {"mktg", "marketing"},      {"distr", "distribution"}, {"eqpt", "equipment"},
    {"imp", "import"},          {"exp", "export"},        {"ie", "import export"},
    {"impexp", "import export"}, {"impex", "import export"}};

// The words a name's keys drop or read otherwise, in one table so that a
// name word costs one lookup (every word of every party of every parcel
// comes here): IsNameNoise's words and kNameAbbreviations.
class NameWords {
 public:
  static constexpr int kWord = -1;  // neither: a word of the name
  static constexpr int kNoise = 0;  // IsNameNoise
  // kNoise, kWord or 1 + the index of its kNameAbbreviations entry, for a
  // word of at most 8 bytes.
  int RoleOf(std::string_view word) const {
    if (word.size() > 8 || (sizes_ >> word.size() & 1) == 0) return kWord;  // most words
    const uint64_t packed = PackWord(word);
    if (packed == 0) return kWord;
    const auto it = std::lower_bound(packed_.begin(), packed_.end(), packed);
    if (it == packed_.end() || *it != packed) return kWord;
    return roles_[static_cast<size_t>(it - packed_.begin())];
  }
  static const NameWords& Get() {
    static const NameWords* const words = new NameWords();
    return *words;
  }

 private:
  NameWords() {
    std::vector<std::pair<uint64_t, int>> entries;
    for (std::string_view word : {"ltd",  "limited", "co",    "company", "corp",  "inc",  "llc",  "llp",  "lp",   "plc",
      "gmbh", "ag",      "kg",    "sa",      "sarl",  "sas",  "srl",  "spa",  "bv",   "nv",
      "pte",  "pty",     "oy",    "ab",      "as",    "sl",   "kft",  "sro",  "sp",   "zoo",
      "ltda", "ooo",     "jsc",   "pvt",     "tic",   "sti",  "fze",  "fzco", "fzc",  "fz",
      "fzllc", "dmcc",   "sdn",   "bhd",     "tbk",   "pt",   "cv",   "kk",   "zao",  "ao",
      "oao",  "pao",     "pjsc",  "ojsc",    "cjsc",  "aps",  "oyj",  "asa",  "doo",  "ohg",
      "kgaa", "gongsi",  "wll",   "sae",     "sal",   "bvba", "sprl", "ek",   "ug",
      // Turkish forms written out: "Limited Şirketi" (Ltd. Şti.), "Anonim
      // Şirketi" (A.Ş.), as Turkish registers print them
      "sirketi", "anonim",
      // titles and suffixes of persons
      "mr",   "mrs",     "ms",    "mx",      "miss",  "dr",   "prof", "herr", "frau", "mme",
      "mlle", "sr",      "sra",   "srta",    "jr",    "jnr",  "snr",  "ii",   "iii",
      // joining words
      "and",  "und",     "the"}) {
      entries.emplace_back(PackWord(word), kNoise);
      sizes_ |= 1u << word.size();
    }
    for (size_t i = 0; i < std::size(kNameAbbreviations); ++i) {
      const std::string_view word = kNameAbbreviations[i].first;
      entries.emplace_back(PackWord(word), static_cast<int>(i) + 1);
      sizes_ |= 1u << word.size();
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [packed, role] : entries) {
      packed_.push_back(packed);
      roles_.push_back(role);
    }
  }
  std::vector<uint64_t> packed_;
  std::vector<int> roles_;  // by packed_'s order
  uint32_t sizes_ = 0;      // bit n: some word has n bytes
};

// Legal-form noise in company names: dropped so that "Acme Co., Ltd.",
// "ACME" and "Acme FZE" meet. Single words here, phrases ("Free Zone
// Establishment", "you xian gong si", ICU's reading of 有限公司) in
// LegalFormPhraseAt. Forms in other scripts are read after transliteration
// (ООО → "ooo", ЗАО → "zao", 주식회사 → "jusighoesa"), entries and parcels
// alike. Name words that merely sound corporate ("trading", "group",
// "industrial") stay: they tell companies apart (the name matcher weighs
// them lower). Dropped the same way, and in the same lookup: a person's
// titles and suffixes ("Mr", "Dr.", "Frau", "Mme", "Jr", "III"), so that
// "Mr Oliver Bennett", "Dr. Oliver Bennett" and "Oliver Bennett Jr" are one
// consignee to the aggregations (RESHIPPER_ADDRESS, SPLIT_SHIPMENT) and to
// the watchlist; and joining words ("and", "und", "the": "Import and
// Export" is "Import & Export"). Initials stay as they are: "O. Bennett"
// is not made "Oliver Bennett" (it may be Olivia), and reducing every
// first name to its initial would make one person of a family at one door.
// The single letter "M." (Monsieur) stays too: it cannot be told from an
// initial.
bool IsNameNoise(std::string_view token) {
  if (token.size() > 8) {
    return token == "corporation" || token == "incorporated" || token == "jusighoesa" ||
           token == "jusikhoesa" || token == "yuhanhoesa" || token == "youxiangongsi" ||
           token == "aktiengesellschaft";
  }
  return NameWords::Get().RoleOf(token) == NameWords::kNoise;
}

// Legal forms of several words, by their first word. Checked before the
// single words, so that "S.A. de C.V." loses its "de" and "Free Zone Co"
// its "free zone".
constexpr std::string_view kLegalFormPhrases[][6] = {
    {"free", "zone", "establishment"},
    {"free", "zone", "enterprise"},
    {"free", "zone", "company"},
    {"free", "zone", "co"},
    {"free", "zone", "llc"},
    {"limited", "liability", "company"},
    {"limited", "liability", "partnership"},
    {"public", "limited", "company"},
    {"public", "joint", "stock", "company"},
    {"closed", "joint", "stock", "company"},
    {"open", "joint", "stock", "company"},
    {"joint", "stock", "company"},
    {"private", "limited"},
    {"sa", "de", "cv"},
    {"kabushiki", "kaisha"},
    {"yugen", "kaisha"},
    {"godo", "kaisha"},
    // Chinese and Japanese forms as ICU transliterates them: 股份有限公司,
    // 有限责任公司, 有限公司, 公司; 株式会社, 有限会社; and pinyin written out.
    {"gu", "fen", "you", "xian", "gong", "si"},
    {"you", "xian", "ze", "ren", "gong", "si"},
    {"you", "xian", "gong", "si"},
    {"gong", "si"},
    {"youxian", "gongsi"},
    {"zhushi", "hui", "she"},
    {"zhu", "shi", "hui", "she"},
    {"you", "xian", "hui", "she"},
};

// How many tokens from tokens[at] on make a legal form of several words
// (the longest listed), or 0.
template <typename TokenList>
size_t LegalFormPhraseAt(const TokenList& tokens, size_t at) {
  static const auto* first_words = new PackedWordSet(
      {"free", "limited", "public", "closed", "open", "joint", "private", "sa", "yugen", "godo",
       "gu", "you", "gong", "youxian", "zhushi", "zhu"});  // and "kabushiki", too long to pack
  if (at + 1 >= tokens.size()) return 0;
  if (!first_words->Contains(tokens[at]) && tokens[at] != "kabushiki") return 0;
  for (const auto& phrase : kLegalFormPhrases) {
    size_t n = 0;
    while (n < std::size(phrase) && !phrase[n].empty() && at + n < tokens.size() &&
           tokens[at + n] == phrase[n]) {
      ++n;
    }
    if (n == std::size(phrase) || phrase[n].empty()) return n;
  }
  return 0;
}

// Common address abbreviations and what they stand for, in a small
// open-addressed table keyed by the packed abbreviation: every address word
// of a length some abbreviation has comes here (a binary search, with its
// calls, was a tenth of an address key).
class Abbreviations {
 public:
  Abbreviations() {
    const std::pair<std::string_view, std::string_view> table[] = {
        {"rd", "road"},      {"st", "street"},    {"str", "strasse"},  {"ave", "avenue"},
        {"av", "avenue"},    {"blvd", "boulevard"}, {"bldg", "building"}, {"fl", "floor"},
        {"flr", "floor"},    {"rm", "room"},      {"dr", "drive"},     {"ln", "lane"},
        {"hwy", "highway"},  {"sq", "square"},    {"ct", "court"},     {"pl", "place"},
        {"apt", "apartment"}, {"ste", "suite"},   {"ind", "industrial"}, {"dist", "district"},
        {"pkwy", "parkway"}, {"cres", "crescent"}, {"tce", "terrace"}, {"lvl", "level"},
        {"ctr", "centre"},   {"center", "centre"}, {"avenida", "avenue"}, {"avda", "avenue"},
        {"bd", "boulevard"}, {"straat", "strasse"}, {"platz", "place"}, {"plaza", "place"}};
    static_assert(std::size(table) * 2 <= kSlots);
    for (const auto& [abbreviation, word] : table) {
      const uint64_t packed = PackWord(abbreviation);
      size_t i = SlotOf(packed);
      while (slots_[i].packed != 0) i = (i + 1) % kSlots;
      slots_[i] = {packed, word};
    }
  }
  // What `packed` (a PackWord, not 0) stands for, or empty.
  std::string_view Find(uint64_t packed) const {
    for (size_t i = SlotOf(packed); slots_[i].packed != 0; i = (i + 1) % kSlots) {
      if (slots_[i].packed == packed) return slots_[i].word;
    }
    return {};
  }

 private:
  static constexpr size_t kSlots = 128;
  static size_t SlotOf(uint64_t packed) {
    return static_cast<size_t>((packed * 0x9E3779B97F4A7C15ull) >> 57);  // 7 bits
  }
  struct Slot {
    uint64_t packed = 0;  // 0: empty
    std::string_view word;
  };
  Slot slots_[kSlots];
};

std::string_view ExpandAbbreviation(std::string_view token) {
  static const auto* abbreviations = new Abbreviations;
  // Most address words are longer than any abbreviation, or of a length
  // none has: told apart without a lookup.
  constexpr uint32_t kAbbreviationSizes = 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7;
  if (token.size() > 7 || (kAbbreviationSizes >> token.size() & 1) == 0) return token;
  const std::string_view word = abbreviations->Find(PackWord(token));
  return word.empty() ? token : word;
}

// Country names that a one-line address may end with. A trailing ISO code is
// dropped too: structured addresses are keyed without their country, which
// callers write inconsistently as a code or a name.
const absl::flat_hash_set<std::string>& CountryNames() {
  static const auto* names = new absl::flat_hash_set<std::string>{
      "china", "prc", "hong kong", "hong kong sar", "turkey", "turkiye", "india", "singapore",
      "united states", "usa", "united states of america", "united kingdom", "uk",
      "germany", "deutschland", "france", "netherlands", "belgium", "italy", "spain",
      "poland", "canada", "japan", "korea", "south korea", "vietnam", "thailand",
      "united arab emirates", "uae", "malaysia", "indonesia", "mexico", "brazil"};
  return *names;
}

// The words of a name or address as views into its folded text (or into
// a buffer that outlives them).
using Tokens = WordList;

// Sorts and de-duplicates *tokens in place (not a copy: every party's name
// and address comes through here) and writes them over *key, its room
// reused.
void SortedUniqueKeyInto(Tokens* tokens, std::string* key) {
  // WordLess in a lambda, not as a function pointer: std::sort then calls
  // it inline (through the pointer it was a call per compare).
  std::sort(tokens->begin(), tokens->end(),
            [](std::string_view a, std::string_view b) { return WordLess(a, b); });
  const auto unique_end = std::unique(tokens->begin(), tokens->end());
  tokens->Truncate(static_cast<size_t>(unique_end - tokens->begin()));
  size_t size = tokens->empty() ? 0 : tokens->size() - 1;
  for (std::string_view token : *tokens) size += token.size();
  key->resize(size);
  char* at = key->data();
  for (std::string_view token : *tokens) {
    if (at != key->data()) *at++ = ' ';
    CopyShort(token, at);
    at += token.size();
  }
  key->resize(static_cast<size_t>(at - key->data()));  // shorter only if a token was empty
}

// German umlauts written out: "Mueller", "Juergen", "Goethestrasse" are
// "Müller", "Jürgen", "Göthestraße", which fold to "muller", "jurgen". The
// "e" of "ae", "oe", "ue" after a consonant other than "q", and not at the
// end of a word ("Joe", "blue", "avenue" stay), is dropped from names and
// addresses alike, entries and parcels alike, so both spellings meet. Other
// words lose it too ("Michael" → "michal"): a key, not a spelling.
//
// Whether the "e" after word[i] is such an "e".
bool DropsE(std::string_view word, size_t i) {
  if (i == 0 || i + 2 >= word.size() || word[i + 1] != 'e') return false;
  const char vowel = word[i];
  if (vowel != 'a' && vowel != 'o' && vowel != 'u') return false;
  const char before = word[i - 1];
  return before != 'q' && before != 'a' && before != 'e' && before != 'i' && before != 'o' &&
         before != 'u' && before != 'y';
}

bool NeedsRespelling(std::string_view word) {
  // From each "e" (memchr: most words have one or none) back to its vowel.
  for (size_t e = word.find('e', 2); e != std::string_view::npos && e + 1 < word.size();
       e = word.find('e', e + 1)) {
    if (DropsE(word, e - 1)) return true;
  }
  return false;
}

// Whether folded text has an "e" right after an "a", "o" or "u": without
// one no word of it needs respelling (NeedsRespelling), and most addresses
// have none. Read 16 bytes at a time, where asking each word cost a call to
// memchr (~9% of an address key).
bool MayHaveUmlautWrittenOut(std::string_view folded) {
  uint32_t vowel_before = 0;  // the previous block's last byte was a vowel
  for (size_t at = 0; at < folded.size(); at += 16) {
    char copy[16];
    const char* block = BlockAt(folded, at, copy);
    const uint32_t vowels =
        MaskOfByte(block, 'a') | MaskOfByte(block, 'o') | MaskOfByte(block, 'u');
    if ((((vowels << 1) | vowel_before) & MaskOfByte(block, 'e')) != 0) return true;
    vowel_before = vowels >> 15;
  }
  return false;
}

// Rewrites the words of `tokens` that need it (NeedsRespelling) into
// `respelled`, which must outlive them; most words need nothing and cost
// one pass over their bytes.
void RespellUmlauts(Tokens* tokens, std::string* respelled) {
  size_t room = 0;
  for (std::string_view token : *tokens) {
    if (NeedsRespelling(token)) room += token.size();
  }
  if (room == 0) return;
  respelled->clear();
  respelled->reserve(room);  // the views below stay valid
  for (std::string_view& token : *tokens) {
    if (!NeedsRespelling(token)) continue;
    const size_t start = respelled->size();
    for (size_t i = 0; i < token.size(); ++i) {
      respelled->push_back(token[i]);
      if (DropsE(token, i)) ++i;
    }
    token = std::string_view(respelled->data() + start, respelled->size() - start);
  }
}

// German floors come after their number ("3. Etage", "2. Stock", "1. OG").
bool UnitNumberComesFirst(std::string_view token) {
  return token == "etage" || token == "stock" || token == "og" || token == "obergeschoss";
}

// Words that name a unit inside a building. A unit and its number are
// dropped from the key: forwarders hand each customer a suite code, and the
// same door is written with or without its floor ("12/F", "12th Floor").
// One packed-word lookup (every address token comes here; a chain of
// string compares was ~2.5% of BM_ScreenCore).
bool IsUnitWord(std::string_view token) {
  if (token.size() > 8) {
    return token == "apartment" || token == "appartement" || token == "obergeschoss";
  }
  static const auto* words = new PackedWordSet(
      {"flat", "floor", "unit", "room", "suite", "level", "f", "etage", "stock", "og", "piso",
       "planta", "app", "appt", "apto", "dpto", "depto", "wohnung", "whg", "bte"});
  return words->Contains(token);
}

// "12", "12a", "b", "1203": what follows (or, for "12/F", precedes) a unit word.
bool IsUnitNumber(std::string_view token) {
  if (token.size() == 1) return true;
  return token.size() <= 6 && std::any_of(token.begin(), token.end(), absl::ascii_isdigit);
}

bool AllDigits(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), absl::ascii_isdigit);
}

// "12th" → "12", "3rd" → "3"; whether it was an ordinal.
bool StripOrdinal(std::string_view* token) {
  // Most address words start with a letter: told at the first byte.
  if (token->size() < 3 || !absl::ascii_isdigit(static_cast<unsigned char>((*token)[0]))) {
    return false;
  }
  const std::string_view suffix = token->substr(token->size() - 2);
  if ((suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") &&
      AllDigits(token->substr(0, token->size() - 2))) {
    token->remove_suffix(2);
    return true;
  }
  return false;
}

bool EndsWith(std::string_view word, std::string_view suffix) {
  return word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

// A street name written as one word with its kind, split in two so that
// "Goethestrasse", "Goethestraße", "Goethestr." and "Goethe Str." meet
// (Dutch "Kerkstraat" and "Kerkstr." too), and "Marktplatz" meets
// "Markt Pl.": false for other words.
bool SplitStreetKind(std::string_view word, std::string_view* name, std::string_view* kind) {
  if (word.size() < 5) return false;
  // A name of at least 3 letters before the kind: "kapl", "appl" stay
  // words. Each suffix a constant where it is compared, so that the
  // compare is a load or two rather than a call.
  const auto split = [&](std::string_view suffix, std::string_view meaning) {
    if (word.size() < suffix.size() + 3 || !EndsWith(word, suffix)) return false;
    *name = word.substr(0, word.size() - suffix.size());
    *kind = meaning;
    return true;
  };
  // Told by the last letter first: every address word comes here.
  switch (word.back()) {
    case 'e': return split("strasse", "strasse");
    case 't': return split("straat", "strasse");
    case 'r': return split("str", "strasse");
    case 'z': return split("platz", "place");
    case 'l': return split("pl", "place");
    default: return false;
  }
}

// Where a token written without its space splits into the words it is
// written as elsewhere, or 0: a UK postcode's outward and inward codes
// ("nw16xe" → "nw1" "6xe", "sw1a1aa" → "sw1a" "1aa"), a Dutch postcode's
// digits and letters ("1012ab" → "1012" "ab"), a house number and its
// letter ("221b" → "221" "b"). Keys are bags of words, so both writings
// of each then give the same key.
size_t SplitPoint(std::string_view token) {
  const size_t n = token.size();
  if (n < 2 || n > 7 || !absl::ascii_isalpha(static_cast<unsigned char>(token[n - 1]))) return 0;
  const auto digit = [&](size_t i) {
    return absl::ascii_isdigit(static_cast<unsigned char>(token[i]));
  };
  const auto letter = [&](size_t i) {
    return absl::ascii_isalpha(static_cast<unsigned char>(token[i]));
  };
  size_t digits = 0;  // leading digits
  while (digits < n && digit(digits)) ++digits;
  if (digits == n - 1 && digits >= 1) return digits;                  // 221b
  if (n == 6 && digits == 4 && letter(4)) return 4;                     // 1012ab
  // UK: a letter or two, a digit, a digit or letter or none; then a digit
  // and two letters.
  if (n >= 5 && letter(0) && digit(n - 3) && letter(n - 2)) {
    const std::string_view outward = token.substr(0, n - 3);
    size_t letters = 0;
    while (letters < outward.size() && letter(letters)) ++letters;
    if (letters >= 1 && letters <= 2 && letters < outward.size() && digit(letters) &&
        outward.size() - letters <= 2) {
      return n - 3;
    }
  }
  return 0;
}

// Floors and levels, apart from flats, units, rooms and suites: a listed
// unit is told from another unit of its building, a floor from another
// floor (AddressUnits).
bool IsFloorWord(std::string_view token) {
  return token == "floor" || token == "level" || token == "f" || token == "piso" ||
         token == "planta" || UnitNumberComesFirst(token);
}

// The units AddressKeyFromFolded drops, gathered when asked for.
class UnitCollector {
 public:
  explicit UnitCollector(AddressUnits* out) : out_(out) {}
  void Add(std::string_view word, std::string_view number) {
    if (out_ == nullptr) return;
    // "07" is "7".
    while (number.size() > 1 && number[0] == '0') number.remove_prefix(1);
    (IsFloorWord(word) ? floors_ : units_).push_back(number);
  }
  ~UnitCollector() {
    if (out_ == nullptr) return;
    Join(&units_, &out_->units);
    Join(&floors_, &out_->floors);
  }

 private:
  static void Join(std::vector<std::string_view>* numbers, std::string* out) {
    std::sort(numbers->begin(), numbers->end());
    numbers->erase(std::unique(numbers->begin(), numbers->end()), numbers->end());
    out->clear();
    for (std::string_view number : *numbers) {
      if (!out->empty()) out->push_back(' ');
      out->append(number.data(), number.size());
    }
  }
  AddressUnits* out_;
  std::vector<std::string_view> units_;
  std::vector<std::string_view> floors_;
};

// `units`, when given, gets the units the key leaves out.
void AddressKeyFromFolded(std::string_view folded, std::string* key,
                          AddressUnits* units = nullptr) {
  Tokens words;
  AppendWords(folded, &words);
  std::string respelled;
  if (MayHaveUmlautWrittenOut(folded)) RespellUmlauts(&words, &respelled);
  Tokens tokens;
  absl::InlinedVector<bool, 16> ordinal;  // per token: written as an ordinal ("2nd")
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view token = words[i];
    // "C/ Mayor 5", "R. de Rivoli": a single letter starts a Spanish or
    // French street only at the start (elsewhere it is a unit: "Flat C"),
    // or, French, after the house number ("22 r. Juiverie", "1 q.
    // Saint-Antoine": rue, quai).
    if (token.size() == 1) {  // a byte compared, not a string: every word comes here
      const bool after_number =
          i == 0 || absl::ascii_isdigit(static_cast<unsigned char>(words[i - 1][0]));
      if (i == 0 && token[0] == 'c') {
        token = "calle";
      } else if (after_number && token[0] == 'r') {
        token = "rue";
      } else if (after_number && token[0] == 'q') {
        token = "quai";
      }
    }
    token = ExpandAbbreviation(token);
    const bool was_ordinal = StripOrdinal(&token);
    std::string_view name, kind;
    if (SplitStreetKind(token, &name, &kind)) {
      tokens.push_back(name);
      ordinal.push_back(false);
      token = kind;
    }
    tokens.push_back(token);
    ordinal.push_back(was_ordinal);
  }
  absl::InlinedVector<bool, 16> keep(tokens.size(), true);
  UnitCollector dropped(units);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!IsUnitWord(tokens[i])) continue;
    keep[i] = false;
    const bool number_before = i > 0 && keep[i - 1] && IsUnitNumber(tokens[i - 1]);
    const bool number_after = i + 1 < tokens.size() && IsUnitNumber(tokens[i + 1]);
    // "12/F", "2nd floor", "3. Etage" put the number first (what follows
    // may be the postcode); "Suite 100", "Flat B" after.
    const bool number_first = tokens[i] == "f" || UnitNumberComesFirst(tokens[i]) ||
                              (number_before && ordinal[i - 1]);
    if (number_first ? number_before : !number_after && number_before) {
      keep[i - 1] = false;
      dropped.Add(tokens[i], tokens[i - 1]);
    } else if (number_after) {
      keep[i + 1] = false;
      dropped.Add(tokens[i], tokens[i + 1]);
    }
  }
  Tokens kept;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!keep[i]) continue;
    // ZIP+4: "94105-1234" is the door of "94105".
    if (tokens[i].size() == 4 && AllDigits(tokens[i]) && !kept.empty() &&
        kept.back().size() == 5 && AllDigits(kept.back())) {
      continue;
    }
    if (const size_t split = SplitPoint(tokens[i]); split > 0) {
      kept.push_back(tokens[i].substr(0, split));
      kept.push_back(tokens[i].substr(split));
      continue;
    }
    kept.push_back(tokens[i]);
  }
  SortedUniqueKeyInto(&kept, key);
}

// "#100" is a unit number: read "#" as the word "unit" before folding.
std::string UnmaskUnitSign(std::string_view text) {
  std::string unmasked;
  unmasked.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '#') {
      unmasked.append(" unit ");
    } else {
      unmasked.push_back(c);
    }
  }
  return unmasked;
}

std::string FoldAddressText(std::string_view text) { return FoldText(UnmaskUnitSign(text)); }

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// FoldText of text that is not ASCII, over *out, for accented Latin (most
// EU names and addresses) straight from FoldLatin's table: FoldText would
// give the same after reading the text as ASCII again and copying it.
// Other scripts go through FoldText.
void FoldNotAsciiInto(std::string_view text, std::string* out) {
  if (FoldLatin(text, out) && IsAscii(*out)) return;  // final, as in FoldText
  *out = FoldText(text);
}

// Appends FoldAddressText(text) to `joined`, after one space when both are
// non-empty. ASCII (most addresses) is folded in place, "#" read as " unit ".
void AppendFoldedAddressPart(std::string_view text, std::string* joined) {
  if (AppendFoldedAscii(text, joined, kAddressFold)) return;
  thread_local std::string folded;  // its room reused: no allocation per part
  if (text.find('#') == std::string_view::npos) {
    FoldNotAsciiInto(text, &folded);  // UnmaskUnitSign would copy it as it is
  } else {
    folded = FoldAddressText(text);
  }
  if (folded.empty()) return;
  if (!joined->empty()) joined->push_back(' ');
  joined->append(folded);
}

}  // namespace

namespace {

// One fold: ASCII by table, accented Latin (most EU names and addresses) by
// table, ICU only for other scripts.
std::string FoldOnce(std::string_view text) {
  std::string folded;
  if (AppendFoldedAscii(text, &folded)) return folded;
  folded.clear();
  if (FoldLatin(text, &folded)) return folded;
  return FoldWithIcu(text);
}

}  // namespace

void FoldTextInto(std::string_view text, std::string* out) {
  out->clear();
  // ASCII (most text) is final after one fold.
  if (AppendFoldedAscii(text, out)) return;
  FoldNotAsciiInto(text, out);
}

std::string FoldText(std::string_view text) {
  std::string folded = FoldOnce(text);
  // ICU's transliteration can produce a letter that folds further (U+0345
  // becomes "ι", which becomes "i"): such text is folded again until it
  // stays put, so that FoldText(FoldText(x)) == FoldText(x). Rules are
  // stored folded and must read back the same once printed. ASCII and
  // table-folded Latin are final after one fold.
  for (int round = 0; round < 3 && !IsAscii(folded); ++round) {
    std::string again = FoldOnce(folded);
    if (again == folded) break;
    folded = std::move(again);
  }
  return folded;
}

namespace {

// The words of folded text as strings.
std::vector<std::string> SplitFolded(std::string_view folded) {
  std::vector<std::string> tokens;
  tokens.reserve(static_cast<size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1);
  AppendWords(folded, &tokens);
  return tokens;
}

}  // namespace

std::vector<std::string> FoldTokens(std::string_view text) { return SplitFolded(FoldText(text)); }

namespace {

// `text` with the brands its Chinese, Russian, Japanese, Korean, Arabic,
// Hebrew, Hindi or Thai words name written as their Latin names (chinese_brand_names.h,
// foreign_brand_names.h) into *out; false, *out unspecified, when it names
// none.
bool SpellBrandsInLatin(std::string_view text, std::string* out) {
  thread_local std::string chinese;  // its room reused
  if (!SpellChineseBrandsInLatin(text, &chinese)) return SpellForeignBrandsInLatin(text, out);
  if (!SpellForeignBrandsInLatin(chinese, out)) out->swap(chinese);
  return true;
}

}  // namespace

void FoldDescriptionInto(std::string_view description, std::string* out,
                         bool* has_sign_for_a_letter) {
  out->clear();
  bool signs = false;
  // ASCII (most descriptions) is final after one fold, and names no
  // Chinese brand.
  const bool ascii =
      AppendFoldedAscii<kStopsAtBar>(description, out, kDescriptionFold, &signs);
  if (has_sign_for_a_letter != nullptr) {
    // The fold stopped at the first byte beyond ASCII: the rest of a text
    // that is not (rare) is looked through here, for "€" too. UTF-8 puts
    // no ASCII byte inside a character, so a sign is the same byte either
    // way.
    *has_sign_for_a_letter =
        signs || (!ascii && (description.find_first_of(kSignsForLetters) != std::string_view::npos ||
                             description.find(kEuroSign) != std::string_view::npos ||
                             MixesLatinWithLookAlikes(description)));
  }
  if (ascii) return;
  thread_local std::string spelled;  // its room reused
  if (SpellBrandsInLatin(description, &spelled)) {
    *out = FoldText(spelled);
    return;
  }
  FoldNotAsciiInto(description, out);
}

std::string FoldDescription(std::string_view description) {
  std::string folded;
  FoldDescriptionInto(description, &folded);
  return folded;
}

namespace {

// Cyrillic and Greek letters that look Latin, as sellers of fakes mix them
// into brand names ("Guссi" with Cyrillic с). Looked up by a string_view of
// the text's two bytes (the map's hash and equality take one): no string
// made a byte.
const absl::flat_hash_map<std::string, char>& Homoglyphs() {
  static const auto* map = new absl::flat_hash_map<std::string, char>{
      {"а", 'a'}, {"е", 'e'}, {"о", 'o'}, {"р", 'p'}, {"с", 'c'}, {"у", 'y'}, {"х", 'x'},
      {"і", 'i'}, {"к", 'k'}, {"м", 'm'}, {"т", 't'}, {"н", 'h'}, {"в", 'b'}, {"А", 'A'},
      {"В", 'B'}, {"Е", 'E'}, {"К", 'K'}, {"М", 'M'}, {"Н", 'H'}, {"О", 'O'}, {"Р", 'P'},
      {"С", 'C'}, {"Т", 'T'}, {"Х", 'X'}, {"І", 'I'}, {"ο", 'o'}, {"α", 'a'}, {"Ο", 'O'},
      {"Α", 'A'}, {"ѕ", 's'}, {"ј", 'j'}};
  return *map;
}

// Words that mix Latin letters with look-alikes get the Latin letters (or,
// with `blank`, a space for each); a word wholly in another script is left
// to transliteration.
std::string UnmaskHomoglyphs(std::string_view text, bool blank = false) {
  std::string out;
  out.reserve(text.size());
  for (absl::string_view word : absl::StrSplit(absl::string_view(text.data(), text.size()), ' ')) {
    if (!out.empty()) out.push_back(' ');
    const bool has_latin = std::any_of(word.begin(), word.end(), absl::ascii_isalpha);
    const bool has_other = std::any_of(word.begin(), word.end(),
                                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (!has_latin || !has_other) {
      out.append(word.data(), word.size());
      continue;
    }
    for (size_t i = 0; i < word.size();) {
      if (static_cast<unsigned char>(word[i]) >= 0x80 && i + 1 < word.size()) {
        auto it = Homoglyphs().find(word.substr(i, 2));
        if (it != Homoglyphs().end()) {
          out.push_back(blank ? ' ' : it->second);
          i += 2;
          continue;
        }
      }
      out.push_back(word[i++]);
    }
  }
  return out;
}

}  // namespace

bool MixesLatinWithLookAlikes(std::string_view text) {
  // Every look-alike is a two-byte letter led by 0xCE (Greek) or 0xD0,
  // 0xD1 (Cyrillic): most text beyond ASCII has none, and is told so by
  // one pass.
  if (std::none_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == 0xCE || byte == 0xD0 || byte == 0xD1;
      })) {
    return false;
  }
  for (absl::string_view word : absl::StrSplit(absl::string_view(text.data(), text.size()), ' ')) {
    if (std::none_of(word.begin(), word.end(), absl::ascii_isalpha)) continue;
    for (size_t i = 0; i + 1 < word.size(); ++i) {
      if (static_cast<unsigned char>(word[i]) >= 0x80 && Homoglyphs().contains(word.substr(i, 2))) {
        return true;
      }
    }
  }
  return false;
}

std::string UnmaskLookAlikes(std::string_view text) { return UnmaskHomoglyphs(text); }

std::string WithoutLookAlikes(std::string_view text) {
  return UnmaskHomoglyphs(text, /*blank=*/true);
}

namespace {

// TermTokens' reading of "@", "$", "!" and ":" before folding.
void AppendTermChar(char c, std::string* out) {
  switch (c) {
    case '@': out->push_back('a'); break;
    case '$': out->push_back('s'); break;
    case '!': out->push_back('i'); break;
    // The ratio in "1:1 copy" is the slang; "1.1 kg" is a weight.
    case ':': out->append(" colon "); break;
    default: out->push_back(c);
  }
}

// The digits of one token read as the letters they imitate ("n1ke" →
// "nike"); the caller has checked that it mixes letters and digits.
void ReadTokenDigitsAsLetters(char* begin, char* end, bool one_as_l) {
  for (char* c = begin; c != end; ++c) {
    switch (*c) {
      case '0': *c = 'o'; break;
      case '1': *c = one_as_l ? 'l' : 'i'; break;
      case '3': *c = 'e'; break;
      case '4': *c = 'a'; break;
      case '5': *c = 's'; break;
      case '7': *c = 't'; break;
      case '8': *c = 'b'; break;
      default: break;
    }
  }
}

}  // namespace

namespace {

// Full-width forms (U+FF01..U+FF5E, typed on Chinese and Japanese keyboards)
// as the ASCII they stand for, and the ideographic space as a space, so
// that "１：１" is read as "1:1" before ":" becomes the word "colon". A space
// goes between East Asian text and ASCII letters or digits written against
// it ("高品质1:1手表"): transliteration would glue them into one word.
std::string NarrowFullWidth(std::string_view text) {
  std::string narrow;
  narrow.reserve(text.size() + 8);
  bool after_east_asian = false;
  bool after_ascii_alnum = false;
  for (size_t at = 0; at < text.size();) {
    size_t length;
    int32_t c = CodePointAt(text, at, &length);
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + '!';
    if (c == 0x3000) c = ' ';
    const bool east_asian = c >= 0x2E80;
    const bool ascii_alnum = c >= 0 && c < 0x80 && absl::ascii_isalnum(static_cast<unsigned char>(c));
    if ((east_asian && after_ascii_alnum) || (ascii_alnum && after_east_asian)) {
      narrow.push_back(' ');
    }
    if (c >= 0 && c < 0x80) {
      narrow.push_back(static_cast<char>(c));
    } else {
      narrow.append(text.substr(at, length));
    }
    after_east_asian = east_asian;
    after_ascii_alnum = ascii_alnum;
    at += length;
  }
  return narrow;
}

// Spellings of counterfeit vocabulary in other languages, as the English
// word of the same length: "replika" (German, Polish, Turkish; Russian
// "реплика" transliterated) is "replica". Rewritten in place, whole words
// only, in entries and goods text alike.
void ReadForeignSpellings(std::string* folded) {
  static constexpr std::pair<std::string_view, std::string_view> kSpellings[] = {
      {"replika", "replica"}, {"replike", "replica"}};
  for (const auto& [foreign, english] : kSpellings) {
    for (size_t at = folded->find(foreign); at != std::string::npos;
         at = folded->find(foreign, at + foreign.size())) {
      const size_t end = at + foreign.size();
      const bool whole_word =
          (at == 0 || (*folded)[at - 1] == ' ') && (end == folded->size() || (*folded)[end] == ' ');
      if (whole_word) folded->replace(at, foreign.size(), english);
    }
  }
}

}  // namespace

namespace {

// "Mirror grade" in Thai, either order (เกรดมิลเลอร์, มิลเลอร์เกรด: the copy
// trade's word for a top fake), written as the English term "mirror grade"
// before the fold, in goods text and term entries alike: ICU folds it to 4
// or 5 words ("ke rd mil lex r"), and the longest term sets how many words
// every text is read in runs of (a fifth cost ~3,000 instructions a parcel).
// The other Thai terms fold to 3 words at most, and ICU's transliteration
// parts them from the Thai around them ("กระเป๋าของก๊อป" has "khx ngkxp").
// False, *out unspecified, for text without them.
bool ReadThaiMirrorGrade(std::string_view text, std::string* out) {
  static constexpr std::string_view kMirrorGrade[] = {"เกรดมิลเลอร์", "มิลเลอร์เกรด"};
  // Both start with a Thai letter: E0 B8 or E0 B9.
  if (text.find("\xE0\xB8") == std::string_view::npos &&
      text.find("\xE0\xB9") == std::string_view::npos) {
    return false;
  }
  bool found = false;
  out->clear();
  for (size_t at = 0; at < text.size();) {
    bool matched = false;
    for (std::string_view thai : kMirrorGrade) {
      if (text.substr(at, thai.size()) == thai) {
        out->append(" mirror grade ");
        at += thai.size();
        matched = found = true;
        break;
      }
    }
    if (!matched) out->push_back(text[at++]);
  }
  return found;
}

}  // namespace

void FoldTermText(std::string_view text, std::string* folded) {
  folded->clear();
  // ASCII text, in one pass: it has no homoglyphs to unmask and folds
  // without ICU.
  if (!AppendFoldedAscii(text, folded, kTermFold)) {
    // A brand's Chinese name is its Latin one here too (chinese_brand_names.h),
    // so that a brand term "Rolex" finds "劳力士手表", as the goods rules do,
    // and an entry listed in Chinese is filed under the same key.
    std::string thai;
    if (ReadThaiMirrorGrade(text, &thai)) text = thai;
    std::string spelled;
    const std::string_view source =
        SpellBrandsInLatin(text, &spelled) ? std::string_view(spelled) : text;
    const std::string latin = UnmaskHomoglyphs(NarrowFullWidth(source));
    std::string unmasked;
    unmasked.reserve(latin.size());
    for (char c : latin) AppendTermChar(c, &unmasked);
    *folded = FoldText(unmasked);
  }
  ReadForeignSpellings(folded);
}

namespace {

// A part this short (in letters and digits) is a fragment of a word spelt
// apart, not a list item (watchlist_index.cc glues fragments of up to 3).
constexpr size_t kMaxFragmentBytes = 3;

// The length of the list separator at text[at], or 0. `space_before`:
// whether text[at - 1] is a space.
size_t ListSeparatorAt(std::string_view text, size_t at, bool space_before) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  switch (c) {
    case ',':
    case ';':
    case '|':
    case '\n':
    case '\r':
      return 1;
    case '-':
      return space_before || (at + 1 < text.size() && text[at + 1] == ' ') ? 1 : 0;
    case 0xE2: {  // en dash U+2013, em dash U+2014 (E2 80 93/94), spaced
      if (text.substr(at, 3) != "\u2013" && text.substr(at, 3) != "\u2014") return 0;
      return space_before || (at + 3 < text.size() && text[at + 3] == ' ') ? 3 : 0;
    }
    case 0xE3:  // ideographic comma U+3001
      return text.substr(at, 3) == "\u3001" ? 3 : 0;
    case 0xEF: {  // full-width comma, semicolon, vertical line
      const std::string_view s = text.substr(at, 3);
      return s == "\uFF0C" || s == "\uFF1B" || s == "\uFF5C" ? 3 : 0;
    }
    default:
      return 0;
  }
}

}  // namespace

size_t ListItemEnd(std::string_view text, size_t begin, size_t* next) {
  size_t part_bytes = 0;  // bytes other than spaces since the last separator
  for (size_t at = begin; at < text.size();) {
    const size_t separator = ListSeparatorAt(text, at, at > 0 && text[at - 1] == ' ');
    if (separator == 0) {
      part_bytes += text[at] != ' ';
      ++at;
      continue;
    }
    if (part_bytes > kMaxFragmentBytes) {
      *next = at + separator;
      return at;
    }
    part_bytes = 0;
    at += separator;
  }
  *next = text.size();
  return text.size();
}

void ReadDigitsAsLetters(bool one_as_l, std::string* term_text) {
  // Only tokens with a digit can change, and most goods text has few: the
  // text is scanned for digits, 16 bytes at a time (FindDigit), and
  // only the token around each one is read whole, for whether it mixes
  // letters and digits ("2024" and "usb" stay). Every parcel's goods text
  // comes through here twice; reading every token whole mispredicted at
  // each token's end (a fifth of listing a parcel's grams).
  char* const text = term_text->data();
  const size_t size = term_text->size();
  for (size_t at = FindDigit(*term_text, 0); at < size; at = FindDigit(*term_text, at)) {
    size_t begin = at;
    while (begin > 0 && text[begin - 1] != ' ') --begin;
    size_t end = at + 1;
    while (end < size && text[end] != ' ') ++end;
    bool has_letter = false;
    for (size_t c = begin; c < end; ++c) {
      const unsigned char byte = static_cast<unsigned char>(text[c]);
      has_letter |= static_cast<unsigned>((byte | 0x20) - 'a') < 26u;  // as absl::ascii_isalpha
    }
    if (has_letter) ReadTokenDigitsAsLetters(text + begin, text + end, one_as_l);
    at = end;  // the token's end, a space or the end of the text
  }
}

std::vector<std::string> TermTokens(std::string_view text, bool one_as_l) {
  std::string term_text;
  FoldTermText(text, &term_text);
  ReadDigitsAsLetters(one_as_l, &term_text);
  return SplitFolded(term_text);
}

namespace {

// Runs of single letters are one word: "A.Ş." → "as", "B.V." → "bv", so
// that dotted legal forms are recognised. Merged runs are written to
// `merged` (empty), the views into it kept valid by reserving at once all
// it can take: one byte per token.
void MergeSingleLetters(Tokens* tokens, std::string* merged) {
  size_t out = 0;
  for (size_t i = 0; i < tokens->size(); ++i) {
    Tokens& t = *tokens;
    if (t[i].size() == 1 && i + 1 < t.size() && t[i + 1].size() == 1) {
      if (merged->empty()) merged->reserve(t.size());
      const size_t start = merged->size();
      while (i < t.size() && t[i].size() == 1) merged->push_back(t[i++][0]);
      --i;
      t[out++] = std::string_view(merged->data() + start, merged->size() - start);
    } else {
      t[out++] = t[i];
    }
  }
  tokens->Truncate(out);
}

// The tokens that are not legal forms, in their order, umlauts written out
// respelled (RespellUmlauts: "Juergen Mueller" meets "Jürgen Müller") into
// `respelled`, which must outlive them.
Tokens WithoutLegalForms(const Tokens& tokens, std::string* respelled) {
  Tokens kept;
  for (size_t i = 0; i < tokens.size();) {
    if (const size_t phrase = LegalFormPhraseAt(tokens, i); phrase > 0) {
      i += phrase;
      continue;
    }
    const std::string_view token = tokens[i++];
    if (token.size() > 8) {
      if (!IsNameNoise(token)) kept.push_back(token);
      continue;
    }
    const int role = NameWords::Get().RoleOf(token);
    if (role == NameWords::kWord) {
      kept.push_back(token);
    } else if (role != NameWords::kNoise) {
      AppendWords(kNameAbbreviations[static_cast<size_t>(role) - 1].second, &kept);
    }
  }
  RespellUmlauts(&kept, respelled);
  return kept;
}

// GluedNameKey from the name's tokens without legal forms, over *glued.
void GluedInto(const Tokens& kept, std::string* glued) {
  size_t size = 0;
  for (std::string_view token : kept) size += token.size();
  glued->clear();
  glued->reserve(size);
  for (std::string_view token : kept) glued->append(token.data(), token.size());
}

// NameKey from the name's tokens and those of them that are not legal
// forms. A name made only of legal forms ("Co. Ltd.") keeps them: better a
// strange key than an empty one that would match every such name.
// `kept` is sorted in place.
void NameKeyInto(const Tokens& tokens, Tokens* kept, std::string* key) {
  if (!kept->empty()) {
    SortedUniqueKeyInto(kept, key);
    return;
  }
  Tokens all = tokens;
  SortedUniqueKeyInto(&all, key);
}

// Calls `fn` with the name tokens of folded name text.
template <typename Fn>
auto WithNameTokens(std::string_view folded, Fn fn) {
  Tokens tokens;
  AppendWords(folded, &tokens);
  std::string merged;
  MergeSingleLetters(&tokens, &merged);
  return fn(tokens);
}

}  // namespace

std::string GluedNameKey(std::string_view name) {
  std::string glued;
  WithNameTokens(FoldText(name), [&](const Tokens& t) {
    std::string respelled;
    GluedInto(WithoutLegalForms(t, &respelled), &glued);
    return 0;
  });
  return glued;
}

std::string NameKey(std::string_view name) {
  std::string key;
  WithNameTokens(FoldText(name), [&](const Tokens& t) {
    std::string respelled;
    Tokens kept = WithoutLegalForms(t, &respelled);
    NameKeyInto(t, &kept, &key);
    return 0;
  });
  return key;
}

namespace {

// The words of IsNameNoise that a person's name has too: titles, suffixes
// and joining words ("Mr and Mrs Dupont"). The others are legal forms.
bool IsPersonNoise(std::string_view token) {
  static constexpr std::string_view kWords[] = {
      "mr",  "mrs",  "ms",  "mx",  "miss", "dr",  "prof", "herr", "frau", "mme", "mlle", "sr",
      "sra", "srta", "jr",  "jnr", "snr",  "ii",  "iii",  "and",  "und",  "the"};
  return std::find(std::begin(kWords), std::end(kWords), token) != std::end(kWords);
}

// Whether `name` (as written) puts the family name first: before a comma
// (not one before a suffix: "John Smith, Jr."), in capitals before words
// that are not, or in CJK or Hangul script (the first character from
// U+3000 to U+DFFF, lead bytes E3 to ED).
bool FamilyNameComesFirst(std::string_view name) {
  if (const size_t comma = name.rfind(','); comma != std::string_view::npos) {
    std::string after;
    for (char c : name.substr(comma + 1)) {
      if (c != ' ' && c != '.') after.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    }
    return !IsPersonNoise(after);
  }
  size_t start = 0;
  while (start < name.size() && name[start] == ' ') ++start;
  if (start == name.size()) return false;
  const auto lead = static_cast<unsigned char>(name[start]);
  if (lead >= 0xE3 && lead <= 0xED) return true;
  size_t end = start;
  int capitals = 0;
  for (; end < name.size() && name[end] != ' '; ++end) {
    if (absl::ascii_islower(static_cast<unsigned char>(name[end]))) return false;
    capitals += absl::ascii_isupper(static_cast<unsigned char>(name[end])) ? 1 : 0;
  }
  return capitals >= 2 && std::any_of(name.begin() + end, name.end(), [](char c) {
           return absl::ascii_islower(static_cast<unsigned char>(c));
         });
}

}  // namespace

std::string FamilyNameKey(std::string_view name, std::string_view folded) {
  return WithNameTokens(folded, [&](const Tokens& tokens) -> std::string {
    Tokens words;
    bool titled = false;  // "Mrs Smith": the one word beside a title is the family name
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (LegalFormPhraseAt(tokens, i) > 0) return "";
      if (!IsNameNoise(tokens[i])) {
        words.push_back(tokens[i]);
      } else if (IsPersonNoise(tokens[i])) {
        titled = true;
      } else {
        return "";  // a legal form: a company has no family
      }
    }
    if (words.size() < (titled ? 1u : 2u)) return "";
    Tokens family;
    family.push_back(FamilyNameComesFirst(name) ? words[0] : words[words.size() - 1]);
    if (family[0].size() < 2) return "";  // an initial
    std::string respelled;
    RespellUmlauts(&family, &respelled);
    return std::string(family[0]);
  });
}

NameForms NameFormsOf(std::string_view name) {
  NameForms forms;
  NameFormsInto(name, &forms.folded, &forms.key, &forms.glued);
  return forms;
}

void NameFormsInto(std::string_view name, std::string* folded, std::string* key,
                   std::string* glued) {
  FoldTextInto(name, folded);
  WithNameTokens(*folded, [&](const Tokens& tokens) {
    std::string respelled;
    Tokens kept = WithoutLegalForms(tokens, &respelled);  // looked up once for both forms
    GluedInto(kept, glued);  // before NameKeyInto sorts `kept`
    NameKeyInto(tokens, &kept, key);
    return 0;
  });
}

namespace {

enum class Script { kNeutral, kLatin, kOther };

bool IsOpenBracket(int32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0xFF08 || c == 0xFF3B || c == 0xFF5B ||
         c == 0x3010 || c == 0x3014 || c == 0x300C || c == 0x300E || c == 0x3016;
}
bool IsCloseBracket(int32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0xFF09 || c == 0xFF3D || c == 0xFF5D ||
         c == 0x3011 || c == 0x3015 || c == 0x300D || c == 0x300F || c == 0x3017;
}

// Latin letters (ASCII, accented, full-width), letters of other scripts,
// and the rest (digits, spaces, punctuation of any script), which belong
// to the run they are in.
Script ScriptOf(int32_t c) {
  if (c < 0x80) return absl::ascii_isalpha(static_cast<unsigned char>(c)) ? Script::kLatin
                                                                         : Script::kNeutral;
  if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF) ||
      (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
    return Script::kLatin;
  }
  if (c < 0x370 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF20) ||
      (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65)) {
    return Script::kNeutral;
  }
  return Script::kOther;
}

// Appends the runs of one script each of `segment` that have a letter.
void AppendScriptRuns(std::string_view segment, std::vector<std::string_view>* runs) {
  size_t run_start = 0;
  Script run_script = Script::kNeutral;
  for (size_t at = 0; at < segment.size();) {
    size_t length;
    const Script script = ScriptOf(CodePointAt(segment, at, &length));
    if (script != Script::kNeutral && script != run_script) {
      if (run_script != Script::kNeutral) {
        runs->push_back(segment.substr(run_start, at - run_start));
        run_start = at;
      }
      run_script = script;
    }
    at += length;
  }
  if (run_script != Script::kNeutral) runs->push_back(segment.substr(run_start));
}

}  // namespace

namespace {

// NameForms of folded text, unless it is only legal forms.
bool FormsOfFolded(std::string folded, NameForms* forms) {
  forms->folded = std::move(folded);
  return !WithNameTokens(forms->folded, [&](const Tokens& tokens) {
    std::string respelled;
    Tokens kept = WithoutLegalForms(tokens, &respelled);
    if (kept.empty()) return true;
    GluedInto(kept, &forms->glued);
    NameKeyInto(tokens, &kept, &forms->key);
    return false;
  });
}

// Where a name says in whose care the goods go ("Ahmed Khan c/o Northgate
// Industrial Supplies FZE", "C/O", "℅"): the marker's place, its length in
// *length; npos when there is none. "c/o" stands apart from other letters
// and digits ("abc/od" is none).
size_t CareOfAt(std::string_view name, size_t* length) {
  for (size_t slash = name.find('/'); slash != std::string_view::npos;
       slash = name.find('/', slash + 1)) {
    if (slash == 0 || slash + 1 >= name.size()) continue;
    if ((name[slash - 1] | 0x20) != 'c' || (name[slash + 1] | 0x20) != 'o') continue;
    if (slash >= 2 && absl::ascii_isalnum(static_cast<unsigned char>(name[slash - 2]))) continue;
    if (slash + 2 < name.size() &&
        absl::ascii_isalnum(static_cast<unsigned char>(name[slash + 2]))) {
      continue;
    }
    *length = 3;
    return slash - 1;
  }
  const size_t sign = name.find("\xE2\x84\x85");  // ℅, U+2105 CARE OF
  if (sign != std::string_view::npos) *length = 3;
  return sign;
}

}  // namespace

void NamePartFormsOf(std::string_view name, std::vector<NameForms>* parts,
                     std::string_view country_code) {
  parts->clear();
  // Most names are ASCII without brackets or "/": one part, told in one pass.
  if (!HasHighByteOr(name, '(', '[', '{', '/')) return;
  // Review8d: a party in the care of another ("Ahmed Khan c/o Northgate
  // Industrial Supplies FZE") is both, each looked up on its own: the
  // listed do-not-load company was released behind a person's name.
  size_t care_of_length = 0;
  const size_t care_of = CareOfAt(name, &care_of_length);
  if (care_of != std::string_view::npos) {
    for (const std::string_view part :
         {name.substr(0, care_of), name.substr(care_of + care_of_length)}) {
      NameForms forms;
      std::string folded;
      FoldTextInto(part, &folded);
      if (FormsOfFolded(std::move(folded), &forms)) parts->push_back(std::move(forms));
    }
    return;
  }
  // Most of the rest (accented names, names wholly in another script) have
  // no bracket and one script: told in one pass, nothing allocated.
  bool bracket = false;
  int scripts = 0;
  Script last = Script::kNeutral;
  for (size_t at = 0; at < name.size() && !bracket && scripts < 2;) {
    size_t length;
    const int32_t c = CodePointAt(name, at, &length);
    bracket = IsOpenBracket(c);
    const Script script = ScriptOf(c);
    if (script != Script::kNeutral && script != last) {
      ++scripts;
      last = script;
    }
    at += length;
  }
  // A name wholly in Hangul, Han, Arabic, Hebrew or Thai script: its Latin
  // readings (name_readings.h), each a part of its own.
  if (!bracket && scripts == 1 && last == Script::kOther) {
    std::vector<std::string> readings;
    AppendNameReadings(name, country_code, &readings);
    for (std::string& reading : readings) {
      NameForms forms;
      forms.reading = true;
      if (FormsOfFolded(std::move(reading), &forms)) parts->push_back(std::move(forms));
    }
    return;
  }
  if (!bracket && scripts < 2) return;
  // What is outside brackets (its pieces joined by a space) is one segment,
  // the text of each outermost bracket another.
  std::string outside;
  std::vector<std::string_view> inside;
  int depth = 0;
  size_t piece_start = 0;
  for (size_t at = 0; at < name.size();) {
    size_t length;
    const int32_t c = CodePointAt(name, at, &length);
    if (IsOpenBracket(c)) {
      if (depth == 0) {
        outside.append(name.substr(piece_start, at - piece_start)).push_back(' ');
        piece_start = at + length;
      }
      ++depth;
    } else if (IsCloseBracket(c) && depth > 0) {
      if (--depth == 0) {
        inside.push_back(name.substr(piece_start, at - piece_start));
        piece_start = at + length;
      }
    }
    at += length;
  }
  if (depth > 0) {
    inside.push_back(name.substr(piece_start));  // an unclosed bracket runs to the end
  } else {
    outside.append(name.substr(piece_start));
  }
  std::vector<std::string_view> runs;
  AppendScriptRuns(outside, &runs);
  for (std::string_view segment : inside) AppendScriptRuns(segment, &runs);
  if (runs.size() < 2) return;
  constexpr size_t kMaxParts = 4;  // a name of many brackets is not looked up part by part
  for (std::string_view run : runs) {
    if (parts->size() == kMaxParts) break;
    NameForms forms;
    std::string folded;
    FoldTextInto(run, &folded);
    if (FormsOfFolded(std::move(folded), &forms)) parts->push_back(std::move(forms));
  }
}

std::string AddressKey(const Address& address) {
  std::string key;
  AddressKeyInto(address, &key);
  return key;
}

void AddressKeyInto(const Address& address, std::string* key) {
  AddressKeyAndUnitsInto(address, key, nullptr);
}

AddressUnits AddressUnitsOf(const Address& address) {
  AddressUnits units;
  std::string key;
  AddressKeyAndUnitsInto(address, &key, &units);
  return units;
}

void AddressKeyAndUnitsInto(const Address& address, std::string* key, AddressUnits* units) {
  // The folded parts are only read by AddressKeyFromFolded: one buffer per
  // thread, reused, rather than an allocation per address.
  thread_local std::string joined;
  joined.clear();
  AppendFoldedAddressPart(address.street, &joined);
  // "D-41460", "NL-1012 AB", "CH-8001": a country prefix is not the code.
  std::string_view postal_code = address.postal_code;
  if (const size_t dash = postal_code.find('-'); dash >= 1 && dash <= 3 &&
      dash + 1 < postal_code.size() &&
      absl::ascii_isdigit(static_cast<unsigned char>(postal_code[dash + 1])) &&
      std::all_of(postal_code.begin(), postal_code.begin() + dash,
                  [](char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)); })) {
    postal_code.remove_prefix(dash + 1);
  }
  AppendFoldedAddressPart(postal_code, &joined);
  AppendFoldedAddressPart(address.city, &joined);
  AddressKeyFromFolded(joined, key, units);
}

std::string AddressKey(std::string_view one_line_address) {
  std::string key;
  AddressKeyAndUnitsInto(one_line_address, &key, nullptr);
  return key;
}

AddressUnits AddressUnitsOf(std::string_view one_line_address) {
  AddressUnits units;
  std::string key;
  AddressKeyAndUnitsInto(one_line_address, &key, &units);
  return units;
}

bool UnitsMayBeOneDoor(const AddressUnits& a, const AddressUnits& b) {
  const auto agree = [](const std::string& x, const std::string& y) {
    return x.empty() || y.empty() || x == y;
  };
  return agree(a.units, b.units) && agree(a.floors, b.floors);
}

void AddressKeyAndUnitsInto(std::string_view one_line_address, std::string* key,
                            AddressUnits* units) {
  std::vector<absl::string_view> segments = absl::StrSplit(
      absl::string_view(one_line_address.data(), one_line_address.size()), ',',
      absl::SkipWhitespace());
  if (segments.size() >= 2) {
    std::string last = FoldText(std::string_view(segments.back().data(), segments.back().size()));
    if (last.size() == 2 || CountryNames().contains(last)) segments.pop_back();
  }
  std::string joined;
  joined.reserve(one_line_address.size() + 8);
  for (absl::string_view segment : segments) {
    AppendFoldedAddressPart(std::string_view(segment.data(), segment.size()), &joined);
  }
  AddressKeyFromFolded(joined, key, units);
}

namespace {

// ITU calling codes of the countries parcels and watchlists usually name.
const absl::flat_hash_map<std::string, std::string>& CallingCodes() {
  static const auto* codes = new absl::flat_hash_map<std::string, std::string>{
      {"US", "1"},   {"CA", "1"},   {"GB", "44"},  {"DE", "49"},  {"FR", "33"},  {"IT", "39"},
      {"ES", "34"},  {"NL", "31"},  {"BE", "32"},  {"AT", "43"},  {"CH", "41"},  {"PL", "48"},
      {"CZ", "420"}, {"SK", "421"}, {"HU", "36"},  {"RO", "40"},  {"BG", "359"}, {"GR", "30"},
      {"PT", "351"}, {"IE", "353"}, {"DK", "45"},  {"SE", "46"},  {"NO", "47"},  {"FI", "358"},
      {"EE", "372"}, {"LV", "371"}, {"LT", "370"}, {"SI", "386"}, {"HR", "385"}, {"LU", "352"},
      {"CY", "357"}, {"MT", "356"}, {"RU", "7"},   {"KZ", "7"},   {"UA", "380"}, {"BY", "375"},
      {"TR", "90"},  {"CN", "86"},  {"HK", "852"}, {"MO", "853"}, {"TW", "886"}, {"JP", "81"},
      {"KR", "82"},  {"SG", "65"},  {"MY", "60"},  {"TH", "66"},  {"VN", "84"},  {"ID", "62"},
      {"PH", "63"},  {"IN", "91"},  {"PK", "92"},  {"BD", "880"}, {"LK", "94"},  {"AE", "971"},
      {"SA", "966"}, {"IL", "972"}, {"EG", "20"},  {"MA", "212"}, {"NG", "234"}, {"ZA", "27"},
      {"KE", "254"}, {"AU", "61"},  {"NZ", "64"},  {"MX", "52"},  {"BR", "55"},  {"AR", "54"},
      {"CL", "56"},  {"CO", "57"},  {"PE", "51"},  {"PA", "507"}};
  return *codes;
}

// Countries whose national numbers keep their leading 0 after the calling
// code (no trunk prefix to drop).
bool KeepsLeadingZero(const std::string& country) {
  return country == "IT" || country == "SM" || country == "VA";
}

// "+44 020 7946 0958": the national number's trunk 0 written after the
// calling code, the commonest slip of web forms that pre-fill "+44" (review
// bb5 L1). Not dialled from abroad, so not the number's: dropped, for the
// calling codes of the table whose countries drop it (not Italy's 39, whose
// numbers keep their 0). Calling codes are prefix-free: at most one
// length of 1 to 3 digits is a code.
void DropTrunkZeroAfterCallingCode(std::string* digits) {
  static const auto* codes = [] {
    auto* out = new absl::flat_hash_set<std::string>();
    for (const auto& [country, code] : CallingCodes()) {
      if (!KeepsLeadingZero(country)) out->insert(code);
    }
    for (const auto& [country, code] : CallingCodes()) {
      if (KeepsLeadingZero(country)) out->erase(code);
    }
    return out;
  }();
  for (size_t length = 1; length <= 3 && length + 1 < digits->size(); ++length) {
    if ((*digits)[length] != '0') continue;
    if (codes->contains(absl::string_view(digits->data(), length))) {
      digits->erase(length, 1);
      return;
    }
  }
}

}  // namespace

namespace {

// `phone` with the decimal digits of other scripts written as ASCII digits
// ("＋９７１" as typed with a Chinese input method, Arabic-Indic "٩٧١", Persian
// "۹۷۱", Devanagari "९७१") and the full-width "+", brackets, hyphen and
// space as their ASCII forms, into *out. Other characters are copied as
// they are (they end the number, as a letter does).
void AsciiPhoneText(std::string_view phone, std::string* out) {
  out->clear();
  out->reserve(phone.size());
  for (size_t at = 0; at < phone.size();) {
    size_t length;
    const int32_t c = CodePointAt(phone, at, &length);
    // The first code point of each block of ten digits.
    static constexpr int32_t kZeros[] = {0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50};
    char ascii = 0;
    for (int32_t zero : kZeros) {
      if (c >= zero && c <= zero + 9) ascii = static_cast<char>('0' + (c - zero));
    }
    if (c == 0xFF0B) ascii = '+';
    if (c == 0xFF08) ascii = '(';
    if (c == 0xFF09) ascii = ')';
    if (c == 0xFF0D || (c >= 0x2010 && c <= 0x2015) || c == 0x2212) ascii = '-';
    if (c == 0x3000 || c == 0x00A0 || c == 0x202F) ascii = ' ';
    if (ascii != 0) {
      out->push_back(ascii);
    } else {
      out->append(phone.substr(at, length));
    }
    at += length;
  }
}

}  // namespace

std::string PhoneKey(std::string_view phone, std::string_view country_code) {
  std::string key;
  PhoneKeyInto(phone, country_code, &key);
  return key;
}

void PhoneKeyInto(std::string_view phone, std::string_view country_code, std::string* key) {
  // Digits of other scripts read as ASCII first (a copy only for a number
  // that is not ASCII).
  std::string ascii;
  if (!IsAscii(phone)) {
    // Invisible characters, Unicode spaces and compatibility digits
    // ("+971\u2009 4…" as typeset, "𝟗𝟕𝟏") as the plain number first.
    std::string identifier;
    FoldIdentifierInto(phone, &identifier);
    AsciiPhoneText(identifier, &ascii);
    phone = ascii;
  }
  // "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad. A copy
  // only for such numbers.
  std::string_view text = phone;
  std::string unbracketed;
  if (phone.find("(0)") != std::string_view::npos) {
    unbracketed.assign(phone);
    for (size_t at = unbracketed.find("(0)"); at != std::string::npos;
         at = unbracketed.find("(0)")) {
      unbracketed.erase(at, 3);
    }
    text = unbracketed;
  }
  // A label or scheme before the number ("tel:+971…", "Tel. 0211 …") is
  // skipped: the number starts at its first digit or "+".
  const size_t first = text.find_first_of("+0123456789");
  const bool plus = first != std::string_view::npos && text[first] == '+';
  std::string& digits = *key;  // the key is the digits, completed below
  digits.clear();
  if (first == std::string_view::npos) return;
  digits.reserve(text.size());
  // The number ends where an extension ("ext. 2", "x2", "#2", "доб. 2") or
  // a second number ("…, +971 50 …", "…; 050 …", "… or …", "… +971 50 …")
  // begins: a letter, ",", ";", "#" or another "+" after the first digit.
  // Only the first number of a field is the key. "/" and "-" stay
  // separators inside a number ("0211 / 123456").
  for (char c : text.substr(first)) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (!digits.empty() && (c == '+' || c == ',' || c == ';' || c == '#' ||
                                   absl::ascii_isalpha(static_cast<unsigned char>(c)) ||
                                   static_cast<unsigned char>(c) >= 0x80)) {
      break;
    }
  }
  if (digits.empty()) return;
  if (plus) {
    DropTrunkZeroAfterCallingCode(&digits);
    return;
  }
  // "0086…": the international prefix.
  if (digits.size() > 2 && digits[0] == '0' && digits[1] == '0') {
    digits.erase(0, 2);
    DropTrunkZeroAfterCallingCode(&digits);
    return;
  }
  const std::string country = absl::AsciiStrToUpper(std::string(country_code));
  auto code = CallingCodes().find(country);
  if (code == CallingCodes().end()) return;
  const std::string& cc = code->second;
  if (cc == "1") {  // NANP: ten digits, or eleven with the leading 1
    if (digits.size() == 10) digits.insert(0, "1");
    return;
  }
  if (digits[0] == '0') {
    if (!KeepsLeadingZero(country)) digits.erase(0, 1);
    digits.insert(0, cc);
    return;
  }
  if (country == "RU" || country == "KZ") {  // trunk prefix 8
    if (digits.size() == 11 && digits[0] == '8') {
      digits.replace(0, 1, cc);
      return;
    }
  }
  // Written with its calling code but no "+" ("86 755 …"), or a national
  // number without trunk prefix (mobiles in CN, HK, SG …).
  if (digits.size() >= 10 && digits.compare(0, cc.size(), cc) == 0) return;
  digits.insert(0, cc);
}

std::string PhoneKeyAsWritten(std::string_view phone) {
  std::string key;
  PhoneKeyInto(phone, "", &key);
  if (key.size() < 8 || key[0] == '0') key.clear();
  return key;
}

std::string EmailKey(std::string_view email) {
  std::string key;
  EmailKeyInto(email, &key);
  return key;
}

void EmailKeyInto(std::string_view email, std::string* key) {
  // A full-width "＠", a trailing no-break space, a zero-width space: the
  // plain address first (FoldIdentifierInto), only for a non-ASCII one.
  std::string identifier;
  if (HasHighByte(email)) {
    FoldIdentifierInto(email, &identifier);
    email = identifier;
  }
  // "Name <addr>" is addr; "mailto:addr?subject=…" is addr.
  if (const size_t open = email.rfind('<'); open != std::string_view::npos) {
    const size_t close = email.find('>', open);
    email = email.substr(open + 1, close == std::string_view::npos ? close : close - open - 1);
  }
  if (const size_t scheme = email.find_first_not_of(" \t");
      scheme != std::string_view::npos && email.size() - scheme > 7 &&
      std::equal(email.begin() + scheme, email.begin() + scheme + 7, "mailto:",
                 [](char c, char m) {
                   return absl::ascii_tolower(static_cast<unsigned char>(c)) == m;
                 })) {
    email = email.substr(scheme + 7);
    email = email.substr(0, email.find('?'));
  }
  // Whitespace anywhere is dropped, the rest lower-cased, in one pass
  // through a pointer (push_back checked the room at every byte).
  key->resize(email.size());
  char* kept = key->data();
  for (char c : email) {
    *kept = absl::ascii_tolower(static_cast<unsigned char>(c));
    kept += !absl::ascii_isspace(static_cast<unsigned char>(c));
  }
  key->resize(static_cast<size_t>(kept - key->data()));
  const size_t at = key->rfind('@');
  if (at == std::string::npos) return;
  // "x@example.com." is the domain written fully qualified: the same mailbox.
  while (key->size() > at + 1 && key->back() == '.') key->pop_back();
  std::string_view domain = std::string_view(*key).substr(at + 1);
  // Sub-addressing: "sales+eu@x" reaches "sales@x" at nearly every provider.
  size_t local_size = at;
  if (const size_t plus = key->find('+'); plus < at && plus > 0) local_size = plus;
  // One Gmail mailbox under both of Google's domains.
  const bool googlemail = domain == "googlemail.com";
  if (googlemail) domain = "gmail.com";
  const bool dots_ignored = domain == "gmail.com";
  if (local_size == at && !dots_ignored) return;
  // Rewritten in place, front to back (the key only shrinks): no second
  // string to allocate.
  std::string& k = *key;
  size_t out = 0;
  for (size_t i = 0; i < local_size; ++i) {
    k[out] = k[i];
    out += !(dots_ignored && k[i] == '.');
  }
  k[out++] = '@';
  if (googlemail) {
    k.replace(out, std::string::npos, "gmail.com");
  } else {
    const size_t domain_size = k.size() - (at + 1);
    std::memmove(k.data() + out, k.data() + at + 1, domain_size);
    k.resize(out + domain_size);
  }
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the %XX escapes of `text` into *out; whether there was one.
bool DecodeEscapes(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  bool decoded = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out->push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
      decoded = true;
    } else {
      out->push_back(text[i]);
    }
  }
  return decoded;
}

}  // namespace

std::string_view PercentDecoded(std::string_view url, std::string* buffer) {
  if (url.find('%') == std::string_view::npos) return url;
  if (!DecodeEscapes(url, buffer)) return url;
  if (buffer->find('%') != std::string::npos) {
    std::string again;
    if (DecodeEscapes(*buffer, &again)) *buffer = std::move(again);
  }
  return *buffer;
}

std::string IdKey(std::string_view id) {
  std::string key;
  IdKeyInto(id, &key);
  return key;
}

namespace {

// IdKey of an ASCII `id`, appended to *key; whether it was ASCII all
// along (a byte of 0x80 or more stops it, the key then unfinished).
bool AppendAsciiIdKey(std::string_view id, std::string* key) {
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return false;
    if (absl::ascii_isalnum(u)) key->push_back(absl::ascii_toupper(u));
  }
  return true;
}

}  // namespace

void IdKeyInto(std::string_view id, std::string* key) {
  key->clear();
  key->reserve(id.size());
  if (AppendAsciiIdKey(id, key)) return;
  // Not ASCII: invisible characters, Unicode spaces and compatibility forms
  // ("Ａ２XQ7", a byte order mark, a zero-width space) read as the plain id
  // first; letters of other scripts stay in the key as they are.
  std::string identifier;
  FoldIdentifierInto(id, &identifier);
  key->clear();
  for (char c : identifier) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || absl::ascii_isalnum(u)) key->push_back(absl::ascii_toupper(u));
  }
}

void SellerPlatformKeyInto(std::string_view platform, std::string* out) {
  while (!platform.empty() && absl::ascii_isspace(static_cast<unsigned char>(platform.front()))) {
    platform.remove_prefix(1);
  }
  // A platform pasted as a web address, or a listing URL read for one
  // (review bb5 M3): its host, "https://de.aliexpress.com/item/1.html" is
  // "aliexpress".
  if (const size_t scheme = platform.find("://");
      scheme != std::string_view::npos && scheme < 8) {
    platform.remove_prefix(scheme + 3);
    platform = platform.substr(0, platform.find_first_of("/?#:"));
  }
  // "www.", a mobile site's "m." and a language's "de." before the name,
  // when a name and a suffix follow.
  const size_t dot = platform.find('.');
  if (dot != std::string_view::npos && platform.find('.', dot + 1) != std::string_view::npos) {
    const std::string_view label = platform.substr(0, dot);
    const size_t next = platform.find('.', dot + 1) - dot - 1;  // "aliexpress", not "co.th"
    if (absl::EqualsIgnoreCase(absl::string_view(label.data(), label.size()), "www") ||
        (label.size() <= 2 && next > 3)) {
      platform.remove_prefix(dot + 1);
    }
  }
  IdKeyInto(platform.substr(0, platform.find('.')), out);
}

std::string SellerIdEntryKey(std::string_view value) {
  const size_t colon = value.find(':');
  if (colon == std::string_view::npos) return IdKey(value);
  std::string key;
  SellerPlatformKeyInto(value.substr(0, colon), &key);
  key.push_back(':');
  std::string id;
  IdKeyInto(value.substr(colon + 1), &id);
  return key + id;
}

std::string TaxIdKey(std::string_view tax_id) {
  std::string key;
  TaxIdKeyInto(tax_id, &key);
  return key;
}

void TaxIdKeyInto(std::string_view tax_id, std::string* key) {
  IdKeyInto(tax_id, key);
  // The label of the number, written before it on forms and invoices
  // ("EORI: DE…", "VAT No. GB…", "USCC 9144…"), longest first where one
  // starts another.
  static constexpr std::string_view kLabels[] = {
      "EORINUMBER", "EORINO", "EORI", "VATNUMBER", "VATNO", "VATID", "VAT", "TAXNUMBER",
      "TAXIDNO", "TAXID", "TAXNO", "TIN", "USCC", "USTIDNR", "USTID", "UIDNR", "UID", "VKN",
      "NIP", "EIN", "GSTIN", "ABN", "CNPJ", "RFC"};
  for (std::string_view label : kLabels) {
    // Only before a number: "VATICAN…" or a label alone is no label.
    if (key->size() > label.size() + 2 && std::string_view(*key).substr(0, label.size()) == label) {
      key->erase(0, label.size());
      break;
    }
  }
  // A leading ISO country code before the digits ("CN9144…", "TR4820…",
  // "DE4417…"): EU forms print foreign ids with it, national forms without.
  if (key->size() >= 8 && absl::ascii_isalpha(static_cast<unsigned char>((*key)[0])) &&
      absl::ascii_isalpha(static_cast<unsigned char>((*key)[1])) &&
      absl::ascii_isdigit(static_cast<unsigned char>((*key)[2])) &&
      IsIsoCountryCode(std::string_view(*key).substr(0, 2))) {
    key->erase(0, 2);
  }
}

namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return absl::ascii_tolower(static_cast<unsigned char>(x)) == y;
         });
}

// Query parameters that carry the seller's id on the marketplaces parcels
// come from (Amazon "seller=" and "me=", AliExpress "sellerId=", Shopee
// "shopid=", …), and path segments followed by it ("/store/1101234567",
// "/shop/…", eBay "/str/…", "/usr/…"). Lower case.
constexpr std::string_view kSellerParameters[] = {
    "seller", "sellerid", "seller_id", "me", "merchant", "merchantid", "merchant_id",
    "shopid", "shop_id", "storeid", "store_id", "vendor", "vendorid", "vendor_id"};
constexpr std::string_view kSellerSegments[] = {"seller", "sellers", "store", "stores", "shop",
                                                "str", "usr", "merchant"};

}  // namespace

void ListingSellerIdKeys(std::string_view url, std::vector<std::string>* keys) {
  keys->clear();
  const auto add = [&](std::string_view value) {
    std::string key = IdKey(value);
    if (key.size() < 4) return;
    if (std::find(keys->begin(), keys->end(), key) == keys->end()) keys->push_back(std::move(key));
  };
  url = url.substr(0, url.find('#'));
  const size_t query_start = url.find('?');
  std::string_view path = url.substr(0, query_start);
  if (const size_t scheme = path.find("://"); scheme != std::string_view::npos) {
    path.remove_prefix(scheme + 3);
  }
  // The host, then the path's segments.
  const size_t slash = path.find('/');
  path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  bool seller_next = false;
  while (!path.empty()) {
    const size_t end = path.find('/');
    const std::string_view segment = path.substr(0, end);
    if (seller_next && !segment.empty()) add(segment);
    seller_next = std::any_of(std::begin(kSellerSegments), std::end(kSellerSegments),
                              [&](std::string_view word) { return EqualsIgnoringCase(segment, word); });
    if (end == std::string_view::npos) break;
    path.remove_prefix(end + 1);
  }
  if (query_start == std::string_view::npos) return;
  std::string_view query = url.substr(query_start + 1);
  while (!query.empty()) {
    const size_t end = query.find_first_of("&;");
    const std::string_view pair = query.substr(0, end);
    if (const size_t equals = pair.find('='); equals != std::string_view::npos) {
      const std::string_view name = pair.substr(0, equals);
      if (std::any_of(std::begin(kSellerParameters), std::end(kSellerParameters),
                      [&](std::string_view word) { return EqualsIgnoringCase(name, word); })) {
        add(pair.substr(equals + 1));
      }
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
}

}  // namespace placi::core
