// The usual Latin spellings of common name words in scripts whose Latin
// spelling ICU's transliteration does not give (name_readings.h): Korean
// surnames, Cantonese and Japanese readings of Han characters, and whole
// name words of Arabic, Persian, Hebrew and Thai. Hand-made from the
// conventions of each place (Hong Kong government romanisation, Hepburn
// without macrons, the spellings passports and company registers use);
// a word not listed has no reading.
//
//   NameWordSpellings(NameTable::kKoreanSurname, "박")  // "park|bak|pak"
//   NameWordSpellings(NameTable::kCantonese, "陳")      // "chan"
#ifndef PLACI_CORE_NAME_READING_TABLES_H_
#define PLACI_CORE_NAME_READING_TABLES_H_

#include <string_view>

namespace placi::core {

enum class NameTable {
  kKoreanSurname,      // Hangul surname (one or two syllables) → spellings
  kCantonese,          // one Han character (traditional or simplified) → its HK spelling
  kJapaneseSurname,    // kanji surname → Hepburn spellings
  kJapaneseGivenName,  // kanji given name (whole) → Hepburn spellings
  kAbjad,              // Arabic or Persian word (AbjadWordKey), or Hebrew word → spellings
  kThai,               // Thai name word → RTGS and popular spellings
};

// The spellings of `word` in `table`, folded (lower-case ASCII letters,
// words apart by one space), apart by "|", most usual first; empty when
// the table does not list it.
std::string_view NameWordSpellings(NameTable table, std::string_view word);

}  // namespace placi::core

#endif  // PLACI_CORE_NAME_READING_TABLES_H_
