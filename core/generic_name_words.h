// Words of company names that say what a business does or how it is
// organised, not which one it is ("Trading", "Industrial Supplies",
// "Import & Export", pinyin "maoyi", Turkish "ticaret"): one list for the
// two places that must agree on it (detect26). The name matcher weighs them
// lower (name_matcher.cc: sharing one is no evidence of being the listed
// party), and the watchlist refuses a party-name entry made only of them
// (intake_limits.cc: "Global Trading" would match thousands of companies).
// Before, the entry check had its own shorter list, so "Maoyi Keji" or
// "Tekstil Sanayi Ticaret" were accepted as entries that named nobody in
// particular. Legal forms, titles and joining words ("Ltd", "Mr", "and")
// are another matter: NameKey drops them (NameWords in normalize.cc), so
// neither list needs them.
//
//   IsGenericNameWord("trading");  // true
//   IsGenericNameWord("acme");     // false
#ifndef PLACI_CORE_GENERIC_NAME_WORDS_H_
#define PLACI_CORE_GENERIC_NAME_WORDS_H_

#include <string_view>

#include "absl/types/span.h"

namespace placi::core {

// The words, folded (FoldText): English and the languages company names on
// parcels come in most (pinyin, Turkish, German, Spanish, French), with the
// forms the name matcher reads as them ("intl", "mfg", "trdg").
absl::Span<const std::string_view> GenericNameWords();

// Whether `folded_word` is one of GenericNameWords(). Not for a hot path
// (a scan of the list): the name matcher files them in its dictionary.
bool IsGenericNameWord(std::string_view folded_word);

}  // namespace placi::core

#endif  // PLACI_CORE_GENERIC_NAME_WORDS_H_
