// Brands as Russian, Japanese, Korean, Arabic, Hebrew, Hindi and Thai
// descriptions write them (Hebrew, Hindi, Thai: brands25),
// read as their Latin names before a goods description is folded
// (normalize.cc), as chinese_brand_names.h does for Chinese.
//
// Parcels to and from Russia, Japan, Korea and the Gulf are often described
// in the buyer's language ("Ролекс часы", "ロレックス 腕時計", "롤렉스 시계",
// "ساعة رولكس": a Rolex watch), and the goods rules and brand terms know
// brands by their Latin names. Transliteration does not bridge the two:
// ICU writes "roleks", "rorekkusu", "lolregseu", "rwlks" (review7: a 15 EUR
// "Ролекс часы" under 9102 was no Rolex). Only names that transliteration
// misses are listed ("Гуччи" folds to "gucci" already).
//
//   std::string spelled;
//   if (SpellForeignBrandsInLatin("Ролекс часы", &spelled)) {
//     // spelled == " Rolex  часы": FoldText gives "rolex casy"
//   }
#ifndef PLACI_CORE_FOREIGN_BRAND_NAMES_H_
#define PLACI_CORE_FOREIGN_BRAND_NAMES_H_

#include <string>
#include <string_view>

namespace placi::core {

// Writes `text` into *out with each listed brand name in Cyrillic, Arabic,
// Hebrew, Devanagari, Thai, katakana or Hangul replaced by its Latin name
// between spaces. Cyrillic, Arabic, Hebrew and Devanagari names are whole
// words (a Russian name may take a case ending of
// up to two letters: "Ролекса"; "найкращий", Ukrainian "the best", is no
// "Найк"); Thai, katakana and Hangul names are found inside words too, as
// those languages glue brand and goods ("ロレックス腕時計", "롤렉스시계").
// Returns false, leaving *out unspecified, when `text` names no listed brand
// (at once for text without a character of those scripts). Thread-safe.
bool SpellForeignBrandsInLatin(std::string_view text, std::string* out);

}  // namespace placi::core

#endif  // PLACI_CORE_FOREIGN_BRAND_NAMES_H_
