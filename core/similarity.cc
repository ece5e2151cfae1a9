// Jaro-Winkler and the token-set name score. See similarity.h.
#include "core/similarity.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace placi::core {
namespace {

// Where each byte value occurs in a string of at most 64 bytes, a bit per
// position: JaroWinkler asks this once per byte of the other string. With
// SSE2 (every x86-64) one compare covers 16 positions; elsewhere a loop.
class BytePositions {
 public:
  explicit BytePositions(std::string_view text) {
#if defined(__SSE2__)
    std::copy(text.begin(), text.end(), padded_);  // past the end: masked off by the caller
    chunks_ = (text.size() + 15) / 16;
#else
    text_ = text;
#endif
  }
  // Positions holding `c` (bits at and past the size may be set).
  uint64_t Of(char c) const {
    uint64_t positions = 0;
#if defined(__SSE2__)
    const __m128i wanted = _mm_set1_epi8(c);
    for (size_t k = 0; k < chunks_; ++k) {
      const __m128i chunk = _mm_load_si128(reinterpret_cast<const __m128i*>(padded_ + 16 * k));
      const uint32_t bits = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, wanted)));
      positions |= static_cast<uint64_t>(bits) << (16 * k);
    }
#else
    for (size_t j = 0; j < text_.size(); ++j) positions |= static_cast<uint64_t>(text_[j] == c) << j;
#endif
    return positions;
  }

 private:
#if defined(__SSE2__)
  alignas(16) char padded_[64] = {};
  size_t chunks_ = 0;
#else
  std::string_view text_;
#endif
};

// Bits [0, n) for n <= 64.
uint64_t LowBits(size_t n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  // Names are short; tokens past 64 bytes are compared on their first 64.
  constexpr size_t kMax = 64;
  a = a.substr(0, kMax);
  b = b.substr(0, kMax);
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  // Matched positions as bits. Each byte of `a` takes the first unmatched
  // equal byte of `b` within the window: the equal bytes of all `b` are
  // gathered into a mask at once and the window cut out of it, without a
  // branch (the name matcher scores thousands of token pairs a parcel on a
  // small watchlist, and a loop that stopped at the first equal byte
  // mispredicted there).
  const BytePositions in_b(b);
  uint64_t a_matched = 0;
  uint64_t b_matched = 0;
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, b.size());
    const uint64_t open = in_b.Of(a[i]) & (LowBits(hi) & ~LowBits(lo)) & ~b_matched;
    const uint64_t first = open & (0 - open);  // the first of them, or none
    b_matched |= first;
    a_matched |= static_cast<uint64_t>(first != 0) << i;
    matches += first != 0;
  }
  if (matches == 0) return 0.0;
  // The k-th matched byte of `a` against the k-th of `b`.
  size_t transpositions = 0;
  for (uint64_t left = a_matched, right = b_matched; left != 0;
       left &= left - 1, right &= right - 1) {
    transpositions += a[std::countr_zero(left)] != b[std::countr_zero(right)];
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
        // Nothing beats 1 (an equal token: most candidates share one), so
        // the rest cannot change the maximum, nor the sums, which stay
        // NameSimilarity's to the bit.
        if (best >= 1.0) break;
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
