// The English inflections a brand or description term is also written in:
// "replicas", "Rolex replicas", "replica's", "knockoffs", "copy watches",
// "high copies", "Rolexes", "Nikes", "Nike's". A seller writes the plural
// or the possessive first of all; the watchlist files each term's key
// under these forms too, so that goods text is looked up as before and a
// plural costs nothing per parcel.
//
// The last word of the key is inflected (the head of an English phrase:
// "copy watch" → "copy watches", not "copies watch"):
//  - +s, always: the plural of most words, and the possessive, since the
//    fold drops the apostrophe ("replica's", "replicas'" → "replicas",
//    "Rolex's" → "rolexs");
//  - +es after s, x, z, ch, sh and o ("rolexes", "adidases", "coaches",
//    "mangoes");
//  - y → ies after a consonant ("copy" → "copies"; "+s" stays: "yeezys").
// Not inflected: a last word of fewer than 3 letters, or with a digit ("1 colon 1",
// "ua"), and a word whose inflection is another English word ("new" →
// "news"; see kNotPlurals in the .cc, checked against an English word list
// for the default and demo terms and a hundred counterfeited brands).
//
//   TermInflections("copy watch") == {"copy watchs", "copy watches"}
#ifndef PLACI_CORE_TERM_INFLECTIONS_H_
#define PLACI_CORE_TERM_INFLECTIONS_H_

#include <string>
#include <string_view>
#include <vector>

namespace placi::core {

// The inflected forms of `key` (folded words one space apart, as
// WatchlistIndex::KeyOf gives a term, or such a key with its spaces
// removed), never `key` itself; empty when its last word is not inflected.
std::vector<std::string> TermInflections(std::string_view key);

// Whether `word` is `base` inflected as TermInflections inflects a last
// word ("guccis" of "gucci"): a plural or possessive, not a misspelling.
bool IsInflectionOf(std::string_view word, std::string_view base);

}  // namespace placi::core

#endif  // PLACI_CORE_TERM_INFLECTIONS_H_
