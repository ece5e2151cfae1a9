// Jaro-Winkler and the token-set name score. See similarity.h.
#include "core/similarity.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace placi::core {

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  // Names are short; tokens past 64 bytes are compared on their first 64.
  constexpr size_t kMax = 64;
  a = a.substr(0, kMax);
  b = b.substr(0, kMax);
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  std::array<bool, kMax> a_matched{};
  std::array<bool, kMax> b_matched{};
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

namespace {

double BestMatchSum(const std::vector<std::string_view>& from,
                    const std::vector<std::string_view>& to) {
  double sum = 0;
  for (std::string_view token : from) {
    double best = 0;
    for (std::string_view other : to) best = std::max(best, JaroWinkler(token, other));
    sum += best;
  }
  return sum;
}

}  // namespace

double NameSimilarity(const std::vector<std::string_view>& a,
                      const std::vector<std::string_view>& b) {
  if (a.empty() || b.empty()) return 0.0;
  return (BestMatchSum(a, b) + BestMatchSum(b, a)) / static_cast<double>(a.size() + b.size());
}

std::optional<double> NameSimilarityAtLeast(const std::vector<std::string_view>& a,
                                            const std::vector<std::string_view>& b,
                                            double threshold) {
  if (a.empty() || b.empty()) return threshold <= 0.0 ? std::optional<double>(0.0) : std::nullopt;
  const double tokens = static_cast<double>(a.size() + b.size());
  // The sum the score needs, less a hair so that rounding never gives up on
  // a name the full computation would keep.
  const double needed = threshold * tokens - 1e-9;
  // Two sums, each added up in NameSimilarity's order, so that a kept
  // name's score is bit for bit NameSimilarity's.
  double sums[2] = {0, 0};
  double unscored = tokens;  // each token still to come adds at most 1
  const std::vector<std::string_view>* sides[2][2] = {{&a, &b}, {&b, &a}};
  for (int side = 0; side < 2; ++side) {
    for (std::string_view token : *sides[side][0]) {
      double best = 0;
      for (std::string_view other : *sides[side][1]) {
        best = std::max(best, JaroWinkler(token, other));
      }
      sums[side] += best;
      unscored -= 1;
      if (sums[0] + sums[1] + unscored < needed) return std::nullopt;
    }
  }
  const double similarity = (sums[0] + sums[1]) / tokens;
  if (similarity < threshold) return std::nullopt;
  return similarity;
}

}  // namespace placi::core
