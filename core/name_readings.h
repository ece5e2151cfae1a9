// Latin readings of names written in scripts whose usual Latin spelling
// ICU's transliteration (text_fold.h) does not give, so that a name listed
// in one script is found filed in the other (review bb4 M3):
//  - Hangul: ICU writes a word as one run of Revised Romanization
//    ("김민준" → "gimminjun"); people write the surname apart, in its
//    usual form, and the given name glued or in syllables ("Kim Minjun",
//    "Gim Min-jun", "Park Jisoo").
//  - Han characters of a Hong Kong or Macau name: ICU reads Mandarin
//    ("陳大文" → "chen da wen"); Hong Kong spells Cantonese ("Chan Tai
//    Man"). Of a Japanese name: the kanji's Japanese reading ("田中太郎" →
//    "Tanaka Taro"), for the common surnames and given names listed.
//  - Arabic, Persian, Hebrew (short vowels unwritten: "محمد" → ICU "mhmd")
//    and Thai: the listed common name words' usual spellings.
// Readings come from tables (name_reading_tables.h): a Hangul syllable is
// always read, a Han, Arabic, Hebrew or Thai name only when every word of
// it is listed.
//
//   std::vector<std::string> readings;
//   AppendNameReadings("박지수", "KR", &readings);
//   // "park jisu", "park jisoo", "park ji su", … "bak jisu", …
#ifndef PLACI_CORE_NAME_READINGS_H_
#define PLACI_CORE_NAME_READINGS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace placi::core {

// At most this many readings a name (the spellings of each word multiply).
inline constexpr size_t kMaxNameReadings = 16;

// Appends the readings of `name` to *readings, folded as FoldText folds
// (lower-case ASCII letters, words apart by one space), most usual first,
// without duplicates. Nothing for a name whose letters are not all of one
// of the scripts above (a Latin name, a Cyrillic one, a name mixing
// scripts), or that the tables cannot read. `country_code` is the party's
// country (ISO 3166-1 alpha-2): Han characters are read in Cantonese for
// "HK" and "MO", in Japanese for "JP", not at all for "CN" and "TW"
// (ICU's Mandarin reading is theirs), and both ways for any other country
// and for "" (a watchlist entry, which has no country).
void AppendNameReadings(std::string_view name, std::string_view country_code,
                        std::vector<std::string>* readings);

}  // namespace placi::core

#endif  // PLACI_CORE_NAME_READINGS_H_
