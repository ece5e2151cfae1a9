// String similarity for names: Jaro-Winkler on tokens, and a symmetric
// token-set score built on it that tolerates typos and word order but not a
// name that shares only one short token with another, nor one whose word
// differs from the other's by more than a slip of the keyboard
// ("northgate" / "southgate").
//
//   JaroWinkler("martha", "marhta") ≈ 0.961
//   NameSimilarity({"shenzen", "fast"}, {"fast", "shenzhen"}) ≈ 0.98
//   NameSimilarity({"li"}, {"li", "wei"}) ≈ 0.67
#ifndef PLACI_CORE_SIMILARITY_H_
#define PLACI_CORE_SIMILARITY_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace placi::core {

// 0 (nothing in common) .. 1 (equal). Byte-wise, for folded ASCII tokens.
double JaroWinkler(std::string_view a, std::string_view b);

// A bound that JaroWinkler(a, b) never exceeds, from which letters each
// has that the other lacks and the common prefix: a few instructions a
// byte, so that pairs of unrelated words are told apart without the
// matching (TokenCredit asks it first).
double JaroWinklerAtMost(std::string_view a, std::string_view b);

// How much a token of one name earns from a token of the other: 1 when
// equal, their JaroWinkler when they are the same word misspelt, else 0.
// The same word misspelt is one edit apart (a letter changed, added,
// dropped, or two neighbours swapped), both of at least 4 bytes; or two
// edits apart, both of at least 8 bytes and starting with the same two
// letters, or respelt (both of at least 8 bytes, the first four letters
// agreeing, Jaro-Winkler at least 0.93), or one edit apart once the
// letters that romanisations of Cyrillic write differently are written one
// way ("serbakov" / "shcherbakov", "evgenij" / "yevgeniy"). Jaro-Winkler
// alone gives unrelated words 0.5 to 0.9 ("eastgate" / "westgate" 0.92,
// "northgate" / "southgate" 0.85), and those shares added up let a name
// with one word different, or missing, pass for the listed one; a word that
// is not the other's earns nothing. Words that differ at their start are
// different words (North/South, East/West).
double TokenCredit(std::string_view a, std::string_view b);

// Every token of each name is paired with the token of the other that
// earns it most (TokenCredit); the score is the weighted mean over the
// tokens of both names, so extra or missing tokens lower it. `a_weights`
// and `b_weights` are empty (every token weighs 1) or one per token: the
// name matcher weighs generic business words and words common among the
// listed names lower (see name_matcher.h), so that a name sharing only
// those with a listed one, or differing only in them, is told by its
// distinctive words.
double NameSimilarity(const std::vector<std::string_view>& a,
                      const std::vector<std::string_view>& b,
                      std::span<const float> a_weights = {},
                      std::span<const float> b_weights = {});

// NameSimilarity(a, b) when it is at least `threshold`; nullopt as soon as
// the tokens scored so far leave no way to reach it (each token scores at
// most 1). The same verdict as comparing NameSimilarity with the threshold,
// for a fraction of the pairs when the names are unrelated: the name
// matcher scores many candidates and keeps few.
std::optional<double> NameSimilarityAtLeast(const std::vector<std::string_view>& a,
                                            const std::vector<std::string_view>& b,
                                            double threshold,
                                            std::span<const float> a_weights = {},
                                            std::span<const float> b_weights = {});

}  // namespace placi::core

#endif  // PLACI_CORE_SIMILARITY_H_
