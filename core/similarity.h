// String similarity for names: Jaro-Winkler on tokens, and a symmetric
// token-set score built on it that tolerates typos and word order but not a
// name that shares only one short token with another.
//
//   JaroWinkler("martha", "marhta") ≈ 0.961
//   NameSimilarity({"shenzen", "fast"}, {"fast", "shenzhen"}) ≈ 0.98
//   NameSimilarity({"li"}, {"li", "wei"}) ≈ 0.67
#ifndef PLACI_CORE_SIMILARITY_H_
#define PLACI_CORE_SIMILARITY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placi::core {

// 0 (nothing in common) .. 1 (equal). Byte-wise, for folded ASCII tokens.
double JaroWinkler(std::string_view a, std::string_view b);

// Every token of each name is paired with its most similar token of the
// other; the score is the mean over the tokens of both names, so extra or
// missing tokens lower it.
double NameSimilarity(const std::vector<std::string_view>& a,
                      const std::vector<std::string_view>& b);

// NameSimilarity(a, b) when it is at least `threshold`; nullopt as soon as
// the tokens scored so far leave no way to reach it (each token scores at
// most 1). The same verdict as comparing NameSimilarity with the threshold,
// for a fraction of the pairs when the names are unrelated: the name
// matcher scores many candidates and keeps few.
std::optional<double> NameSimilarityAtLeast(const std::vector<std::string_view>& a,
                                            const std::vector<std::string_view>& b,
                                            double threshold);

}  // namespace placi::core

#endif  // PLACI_CORE_SIMILARITY_H_
