// Readings of names in Hangul, Han, Arabic, Persian, Hebrew and Thai
// script. See name_readings.h.
#include "core/name_readings.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/name_reading_tables.h"

namespace placi::core {
namespace {

enum class NameScript { kNone, kHangul, kHan, kAbjad, kThai, kUnsupported };

// The code point at text[at] and its length in *length; invalid UTF-8 is
// -1 of length 1.
int32_t DecodeAt(std::string_view text, size_t at, size_t* length) {
  const auto lead = static_cast<unsigned char>(text[at]);
  *length = 1;
  if (lead < 0x80) return lead;
  size_t size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (size == 0 || at + size > text.size()) return -1;
  int32_t c = lead & (0x7F >> size);
  for (size_t i = 1; i < size; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return -1;
    c = (c << 6) | (next & 0x3F);
  }
  *length = size;
  return c;
}

bool IsHangulSyllable(int32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// The script of a letter; kNone for what parts words (spaces, punctuation,
// the middle dots and the ideographic space names are written with).
NameScript ScriptOfLetter(int32_t c) {
  if (c < 0x80) {
    const bool letter_or_digit =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return letter_or_digit ? NameScript::kUnsupported : NameScript::kNone;
  }
  if (c == 0xB7 || c == 0x30FB || c == 0x3000 || c == 0x200C || c == 0x200D || c == 0x060C) {
    return NameScript::kNone;
  }
  if (IsHangulSyllable(c)) return NameScript::kHangul;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005) {
    return NameScript::kHan;  // 々 repeats a kanji ("佐々木")
  }
  if ((c >= 0x0600 && c <= 0x06FF && c != 0x060C) || (c >= 0x0590 && c <= 0x05FF)) {
    return NameScript::kAbjad;
  }
  if (c >= 0x0E00 && c <= 0x0E7F) return NameScript::kThai;
  return NameScript::kUnsupported;
}

// The words of `name` (its runs of letters) when all its letters are of one
// script this file reads; that script, else kUnsupported. Without
// `read_han`, Han text is kUnsupported at its first letter (a Chinese name
// on the screening path costs one decode).
NameScript WordsOf(std::string_view name, bool read_han, std::vector<std::string_view>* words) {
  NameScript script = NameScript::kNone;
  size_t word_start = std::string_view::npos;
  for (size_t at = 0; at < name.size();) {
    size_t length;
    const int32_t c = DecodeAt(name, at, &length);
    const NameScript letter = c < 0 ? NameScript::kNone : ScriptOfLetter(c);
    if (letter == NameScript::kNone) {
      if (word_start != std::string_view::npos) words->push_back(name.substr(word_start, at - word_start));
      word_start = std::string_view::npos;
    } else {
      if (letter == NameScript::kUnsupported || (script != NameScript::kNone && letter != script) ||
          (letter == NameScript::kHan && !read_han)) {
        return NameScript::kUnsupported;
      }
      script = letter;
      if (word_start == std::string_view::npos) word_start = at;
    }
    at += length;
  }
  if (word_start != std::string_view::npos) words->push_back(name.substr(word_start));
  return words->empty() ? NameScript::kUnsupported : script;
}

// Every choice of one spelling per word (words apart by one space), the
// first word's spellings varying slowest, until *readings holds
// kMaxNameReadings.
void AppendProduct(const std::vector<std::vector<std::string>>& choices,
                   std::vector<std::string>* readings) {
  if (choices.empty()) return;
  std::vector<size_t> pick(choices.size(), 0);
  while (readings->size() < kMaxNameReadings) {
    std::string reading;
    for (size_t w = 0; w < choices.size(); ++w) {
      if (w > 0) reading.push_back(' ');
      reading.append(choices[w][pick[w]]);
    }
    if (std::find(readings->begin(), readings->end(), reading) == readings->end()) {
      readings->push_back(std::move(reading));
    }
    size_t w = choices.size();
    while (w > 0 && ++pick[w - 1] == choices[w - 1].size()) pick[--w] = 0;
    if (w == 0) return;
  }
}

std::vector<std::string> SplitSpellings(std::string_view spellings) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < spellings.size()) {
    size_t end = spellings.find('|', start);
    if (end == std::string_view::npos) end = spellings.size();
    if (end > start) out.emplace_back(spellings.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Whether `country_code` is `code` (upper case), in any case.
bool IsCountry(std::string_view country_code, std::string_view code) {
  return country_code.size() == 2 && (country_code[0] & ~0x20) == code[0] &&
         (country_code[1] & ~0x20) == code[1];
}

void AddUnique(std::string spelling, std::vector<std::string>* spellings) {
  if (std::find(spellings->begin(), spellings->end(), spelling) == spellings->end()) {
    spellings->push_back(std::move(spelling));
  }
}

// --- Hangul ---------------------------------------------------------------

// Revised Romanization of a syllable's initial, medial and final jamo.
constexpr const char* kInitials[19] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                       "ss", "",  "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kMedials[21] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                      "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                      "wo", "we", "wi", "yu",  "eu", "ui", "i"};
constexpr const char* kFinals[28] = {"",  "k", "k", "k", "n", "n",  "n", "t", "l", "k",
                                     "l", "m", "l", "l", "p", "l",  "m", "p", "p", "t",
                                     "t", "ng", "t", "t", "k", "t", "p", "t"};

// One syllable in Revised Romanization, or (`popular`) as names are most
// often spelt in passports: "eo" as "u" ("jeong" → "jung", "seong" →
// "sung"), "yeong" as "young", an open "u" as "oo" ("su" → "soo"), "ui"
// as "ee" ("hui" → "hee"), "g" as "k" ("gyeong" → "kyung"), "s" before
// "i" as "sh" ("sin" → "shin").
std::string Syllable(int32_t c, bool popular) {
  const int32_t s = c - 0xAC00;
  const int initial = s / 588, medial = (s % 588) / 28, final = s % 28;
  std::string out;
  std::string_view init = kInitials[initial];
  std::string_view vowel = kMedials[medial];
  const std::string_view coda = kFinals[final];
  if (popular) {
    if (init == "g") init = "k";
    if (init == "s" && vowel == "i") init = "sh";
    if (vowel == "eo") vowel = "u";
    if (vowel == "yeo") vowel = coda == "ng" ? "you" : "yu";
    if (vowel == "u" && coda.empty()) vowel = "oo";
    if (vowel == "ui" && init != "") vowel = "ee";
  }
  out.append(init).append(vowel).append(coda);
  return out;
}

// The syllables of a Hangul word.
std::vector<int32_t> SyllablesOf(std::string_view word) {
  std::vector<int32_t> syllables;
  for (size_t at = 0; at < word.size();) {
    size_t length;
    syllables.push_back(DecodeAt(word, at, &length));
    at += length;
  }
  return syllables;
}

std::string Utf8Of(const std::vector<int32_t>& syllables, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    const int32_t c = syllables[i];  // Hangul syllables: three bytes each
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return out;
}

// A person's name: a surname of one syllable (or a listed one of two) and
// a given name of one to three, as one word ("김민준") or two ("김 민준").
// Readings: each spelling of the surname with the given name glued and in
// syllables, in Revised Romanization and the popular spelling.
void AppendKoreanReadings(const std::vector<std::string_view>& words,
                          std::vector<std::string>* readings) {
  std::vector<int32_t> syllables;
  size_t surname_end = 0;
  if (words.size() == 1) {
    syllables = SyllablesOf(words[0]);
    if (syllables.size() < 2 || syllables.size() > 5) return;
    surname_end = syllables.size() >= 3 &&
                          !NameWordSpellings(NameTable::kKoreanSurname, Utf8Of(syllables, 0, 2)).empty()
                      ? 2
                      : 1;
  } else if (words.size() == 2) {
    syllables = SyllablesOf(words[0]);
    surname_end = syllables.size();
    if (surname_end > 2) return;
    const std::vector<int32_t> given = SyllablesOf(words[1]);
    syllables.insert(syllables.end(), given.begin(), given.end());
  } else {
    return;
  }
  if (syllables.size() - surname_end > 3) return;
  std::vector<std::string> surnames =
      SplitSpellings(NameWordSpellings(NameTable::kKoreanSurname, Utf8Of(syllables, 0, surname_end)));
  if (surnames.empty()) {
    for (bool popular : {false, true}) {
      std::string surname;
      for (size_t i = 0; i < surname_end; ++i) surname += Syllable(syllables[i], popular);
      AddUnique(std::move(surname), &surnames);
    }
  }
  std::vector<std::string> given;
  for (bool apart : {false, true}) {
    for (bool popular : {false, true}) {
      std::string name;
      for (size_t i = surname_end; i < syllables.size(); ++i) {
        if (apart && i > surname_end) name.push_back(' ');
        name += Syllable(syllables[i], popular);
      }
      AddUnique(std::move(name), &given);
    }
  }
  AppendProduct({surnames, given}, readings);
}

// --- Han ------------------------------------------------------------------

std::vector<std::string_view> CharactersOf(const std::vector<std::string_view>& words) {
  std::vector<std::string_view> characters;
  for (std::string_view word : words) {
    for (size_t at = 0; at < word.size();) {
      size_t length;
      DecodeAt(word, at, &length);
      characters.push_back(word.substr(at, length));
      at += length;
    }
  }
  return characters;
}

// "陳大文" → "chan tai man", "chan taiman": every character listed, a
// listed two-character surname ("歐陽") read as one.
void AppendCantoneseReadings(const std::vector<std::string_view>& words,
                             std::vector<std::string>* readings) {
  const std::vector<std::string_view> characters = CharactersOf(words);
  if (characters.size() < 2 || characters.size() > 4) return;
  size_t given_begin = 1;
  std::string surname;
  const std::string two = std::string(characters[0]) + std::string(characters[1]);
  if (characters.size() >= 3 && !NameWordSpellings(NameTable::kCantonese, two).empty()) {
    surname = std::string(NameWordSpellings(NameTable::kCantonese, two));
    given_begin = 2;
  } else {
    surname = std::string(NameWordSpellings(NameTable::kCantonese, characters[0]));
  }
  if (surname.empty()) return;
  std::string apart = surname, glued = surname + " ";
  for (size_t i = given_begin; i < characters.size(); ++i) {
    const std::string_view reading = NameWordSpellings(NameTable::kCantonese, characters[i]);
    if (reading.empty()) return;
    apart.append(" ").append(reading);
    glued.append(reading);
  }
  AppendProduct({{apart, glued}}, readings);
}

// "田中太郎" or "田中 太郎" → "tanaka taro": a listed surname (the longest
// that starts the name, or the first word) and a listed given name (the
// rest), or a listed surname alone.
void AppendJapaneseReadings(const std::vector<std::string_view>& words,
                            std::vector<std::string>* readings) {
  std::string surname, given;
  if (words.size() == 2) {
    surname = std::string(words[0]);
    given = std::string(words[1]);
  } else if (words.size() == 1) {
    const std::vector<std::string_view> characters = CharactersOf(words);
    for (size_t n = std::min<size_t>(3, characters.size()); n >= 1; --n) {
      std::string prefix;
      for (size_t i = 0; i < n; ++i) prefix.append(characters[i]);
      if (NameWordSpellings(NameTable::kJapaneseSurname, prefix).empty()) continue;
      surname = prefix;
      given = std::string(words[0].substr(prefix.size()));
      break;
    }
  } else {
    return;
  }
  std::vector<std::vector<std::string>> choices = {
      SplitSpellings(NameWordSpellings(NameTable::kJapaneseSurname, surname))};
  if (choices[0].empty()) return;
  if (!given.empty()) {
    choices.push_back(SplitSpellings(NameWordSpellings(NameTable::kJapaneseGivenName, given)));
    if (choices[1].empty()) return;
  }
  AppendProduct(choices, readings);
}

// --- Arabic, Persian, Hebrew, Thai ------------------------------------------

// An Arabic or Persian word with one form of each letter that is written
// several ways (alef with hamza or madda → alef, teh marbuta → heh, alef
// maksura and Persian yeh → yeh, Persian kaf → kaf) and without vowel
// marks and tatweel; Hebrew without points.
std::string AbjadWordKey(std::string_view word) {
  std::u32string letters;
  for (size_t at = 0; at < word.size();) {
    size_t length;
    int32_t c = DecodeAt(word, at, &length);
    at += length;
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0640 || c == 0x0670 || (c >= 0x05B0 && c <= 0x05C7)) {
      continue;
    }
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) c = 0x0627;
    if (c == 0x0629) c = 0x0647;
    if (c == 0x0649 || c == 0x06CC) c = 0x064A;
    if (c == 0x06A9) c = 0x0643;
    letters.push_back(static_cast<char32_t>(c));
  }
  std::string out;
  for (char32_t c : letters) {
    if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return out;
}

// Each word's listed spellings; an Arabic word with the article ("الراشد")
// as "al" and the listed word ("al rashid").
void AppendWordTableReadings(const std::vector<std::string_view>& words, NameTable table,
                             std::vector<std::string>* readings) {
  constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // "ال"
  std::vector<std::vector<std::string>> choices;
  for (std::string_view word : words) {
    const std::string key = table == NameTable::kAbjad ? AbjadWordKey(word) : std::string(word);
    std::vector<std::string> spellings = SplitSpellings(NameWordSpellings(table, key));
    if (spellings.empty() && table == NameTable::kAbjad && key.size() > kArticle.size() + 2 &&
        key.compare(0, kArticle.size(), kArticle) == 0) {
      spellings = SplitSpellings(NameWordSpellings(table, key.substr(kArticle.size())));
      for (std::string& spelling : spellings) spelling.insert(0, "al ");
    }
    if (spellings.empty()) return;
    choices.push_back(std::move(spellings));
  }
  AppendProduct(choices, readings);
}

}  // namespace

void AppendNameReadings(std::string_view name, std::string_view country_code,
                        std::vector<std::string>* readings) {
  // Mainland China and Taiwan read Han in Mandarin (ICU's reading); Hong
  // Kong and Macau in Cantonese, Japan in Japanese; a party elsewhere (or
  // an entry, without a country) either way.
  const bool mandarin = IsCountry(country_code, "CN") || IsCountry(country_code, "TW");
  const bool hk = IsCountry(country_code, "HK") || IsCountry(country_code, "MO");
  const bool jp = IsCountry(country_code, "JP");
  const bool cantonese = !mandarin && !jp;
  const bool japanese = !mandarin && !hk;
  std::vector<std::string_view> words;
  switch (WordsOf(name, cantonese || japanese, &words)) {
    case NameScript::kHangul:
      AppendKoreanReadings(words, readings);
      return;
    case NameScript::kHan:
      if (cantonese) AppendCantoneseReadings(words, readings);
      if (japanese) AppendJapaneseReadings(words, readings);
      return;
    case NameScript::kAbjad:
      AppendWordTableReadings(words, NameTable::kAbjad, readings);
      return;
    case NameScript::kThai:
      AppendWordTableReadings(words, NameTable::kThai, readings);
      return;
    default:
      return;
  }
}

}  // namespace placi::core
