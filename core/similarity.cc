// Jaro-Winkler and the token-set name score. See similarity.h.
#include "core/similarity.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
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
uint64_t BitsBelow(size_t n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

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
    const uint64_t open = in_b.Of(a[i]) & (BitsBelow(hi) & ~BitsBelow(lo)) & ~b_matched;
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

double JaroWinklerAtMost(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  constexpr size_t kMax = 64;  // as JaroWinkler
  a = a.substr(0, kMax);
  b = b.substr(0, kMax);
  // A byte of one can only be matched if the other has it; bytes are told
  // by their low 6 bits (letters and digits share some, which only loosens
  // the bound).
  const auto letters = [](std::string_view text) {
    uint64_t mask = 0;
    for (char c : text) mask |= uint64_t{1} << (c & 63);
    return mask;
  };
  const auto found_in = [](std::string_view text, uint64_t mask) {
    size_t count = 0;
    for (char c : text) count += (mask >> (c & 63)) & 1;
    return count;
  };
  const size_t matches = std::min(found_in(a, letters(b)), found_in(b, letters(a)));
  if (matches == 0) return 0.0;
  // JaroWinkler's formula with every transposition forgiven.
  const double m = static_cast<double>(matches);
  const double jaro = (m / a.size() + m / b.size() + 1.0) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

namespace {

// Words shorter than this are the same word only when equal (as the name
// matcher looks them up: min_fuzzy_token_chars).
constexpr size_t kMinMisspeltBytes = 4;
// Words this long may carry two slips, when their first two letters agree.
constexpr size_t kMinTwoSlipBytes = 8;
// Below this Jaro-Winkler no pair of such words is within those edits (one
// edit of 4 bytes scores at least 0.83, two of 8 at least 0.86), so the
// edit count is not asked for: most pairs of unrelated words stop here.
constexpr double kMinMisspeltJaroWinkler = 0.8;
// A long word respelt as it sounds keeps its start and most of its letters
// ("everbright" / "everbrite", three edits: 0.938): at least this Jaro-Winkler with
// the first four letters agreeing.
constexpr double kRespeltJaroWinkler = 0.93;

// Whether a and b (at most 64 bytes each) are at most `limit` edits apart,
// an edit being a byte changed, added, dropped, or two neighbours swapped
// (optimal string alignment), over a band of the table 2 * limit + 1 wide.
bool WithinEdits(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return false;
  constexpr int kFar = 1 << 20;
  // Three rows of the table: i - 2, i - 1, i.
  int rows[3][65];
  for (int j = 0; j <= m; ++j) rows[0][j] = j <= limit ? j : kFar;
  int* before = rows[0];  // row i - 2 (unused for i = 1)
  int* previous = rows[0];
  int* current = rows[1];
  int* spare = rows[2];
  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - limit);
    const int hi = std::min(m, i + limit);
    std::fill(current, current + m + 1, kFar);
    current[0] = i <= limit ? i : kFar;
    int row_best = current[0];
    for (int j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      current[j] = d;
      row_best = std::min(row_best, d);
    }
    if (row_best > limit) return false;
    int* used = before;
    before = previous;
    previous = current;
    current = i == 1 ? spare : used;
  }
  return previous[m] <= limit;
}

// `word` with the letters that romanisations of one Cyrillic name write
// differently written one way (shch, sh → s; zh → z; ch, ts → c; kh → h;
// yu, ya, ye, yo → u, a, e, o; y, j → i; iy, ij → i), into `out` (65
// bytes); returns its size. ICU's reading of "Щербаков", "Евгений", "Юлия"
// (ISO 9: "serbakov", "evgenij", "ula") and the listed "Shcherbakov",
// "Yevgeniy", "Yuliya" (BGN/PCGN) differ by three edits; their skeletons by
// none. Whole digraphs only: no letter of a name of another language is
// made another.
size_t RomanisationSkeleton(std::string_view word, char* out) {
  size_t n = 0;
  for (size_t i = 0; i < word.size() && n < 64;) {
    const std::string_view rest = word.substr(i);
    const auto starts = [&](std::string_view digraph) {
      return rest.substr(0, digraph.size()) == digraph;
    };
    if (starts("shch")) {
      out[n++] = 's';
      i += 4;
    } else if (starts("sh") || starts("zh") || starts("ch") || starts("ts") || starts("kh")) {
      out[n++] = rest[0] == 'c' || rest[0] == 't' ? 'c' : rest[0] == 'k' ? 'h' : rest[0];
      i += 2;
    } else if (rest[0] == 'y' && rest.size() > 1 &&
               (rest[1] == 'u' || rest[1] == 'a' || rest[1] == 'e' || rest[1] == 'o')) {
      out[n++] = rest[1];
      i += 2;
    } else if (rest[0] == 'i' && rest.size() > 1 && (rest[1] == 'y' || rest[1] == 'j')) {
      out[n++] = 'i';
      i += 2;
    } else {
      out[n++] = rest[0] == 'y' || rest[0] == 'j' ? 'i' : rest[0];
      i += 1;
    }
  }
  return n;
}

}  // namespace

double TokenCredit(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.size() < kMinMisspeltBytes || b.size() < kMinMisspeltBytes) return 0.0;
  // Most pairs a name's scoring meets are unrelated words: the bound rules
  // them out at a fraction of the matching's cost (the margin covers the
  // two formulas' rounding).
  if (JaroWinklerAtMost(a, b) < kMinMisspeltJaroWinkler - 1e-9) return 0.0;
  const double similarity = JaroWinkler(a, b);
  if (similarity < kMinMisspeltJaroWinkler) return 0.0;
  a = a.substr(0, 64);
  b = b.substr(0, 64);
  if (WithinEdits(a, b, 1)) return similarity;
  const bool long_words = a.size() >= kMinTwoSlipBytes && b.size() >= kMinTwoSlipBytes;
  if (long_words && a.substr(0, 2) == b.substr(0, 2) && WithinEdits(a, b, 2)) return similarity;
  if (long_words && similarity >= kRespeltJaroWinkler && a.substr(0, 4) == b.substr(0, 4)) {
    return similarity;
  }
  char a_skeleton[64];
  char b_skeleton[64];
  const std::string_view a_read(a_skeleton, RomanisationSkeleton(a, a_skeleton));
  const std::string_view b_read(b_skeleton, RomanisationSkeleton(b, b_skeleton));
  if (a_read.size() >= kMinMisspeltBytes && b_read.size() >= kMinMisspeltBytes &&
      (a_read != a || b_read != b) && WithinEdits(a_read, b_read, 1)) {
    return similarity;
  }
  return 0.0;
}

namespace {

float WeightOf(std::span<const float> weights, size_t i) {
  return weights.empty() ? 1.0f : weights[i];
}

// The weighted sum of what each token of `from` earns from `to`.
double BestMatchSum(const std::vector<std::string_view>& from,
                    const std::vector<std::string_view>& to, std::span<const float> weights) {
  double sum = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    double best = 0;
    for (std::string_view other : to) best = std::max(best, TokenCredit(from[i], other));
    sum += WeightOf(weights, i) * best;
  }
  return sum;
}

double TotalWeight(size_t tokens, std::span<const float> weights) {
  if (weights.empty()) return static_cast<double>(tokens);
  double total = 0;
  for (float weight : weights) total += weight;
  return total;
}

}  // namespace

double NameSimilarity(const std::vector<std::string_view>& a,
                      const std::vector<std::string_view>& b, std::span<const float> a_weights,
                      std::span<const float> b_weights) {
  if (a.empty() || b.empty()) return 0.0;
  const double total = TotalWeight(a.size(), a_weights) + TotalWeight(b.size(), b_weights);
  if (total <= 0) return 0.0;
  return (BestMatchSum(a, b, a_weights) + BestMatchSum(b, a, b_weights)) / total;
}

std::optional<double> NameSimilarityAtLeast(const std::vector<std::string_view>& a,
                                            const std::vector<std::string_view>& b,
                                            double threshold, std::span<const float> a_weights,
                                            std::span<const float> b_weights) {
  if (a.empty() || b.empty()) return threshold <= 0.0 ? std::optional<double>(0.0) : std::nullopt;
  const double total = TotalWeight(a.size(), a_weights) + TotalWeight(b.size(), b_weights);
  if (total <= 0) return threshold <= 0.0 ? std::optional<double>(0.0) : std::nullopt;
  // The sum the score needs, less a hair so that rounding never gives up on
  // a name the full computation would keep.
  const double needed = threshold * total - 1e-9;
  // Two sums, each added up in NameSimilarity's order, so that a kept
  // name's score is bit for bit NameSimilarity's.
  double sums[2] = {0, 0};
  double unscored = total;  // each token still to come adds at most its weight
  const std::vector<std::string_view>* sides[2][2] = {{&a, &b}, {&b, &a}};
  const std::span<const float> side_weights[2] = {a_weights, b_weights};
  for (int side = 0; side < 2; ++side) {
    const std::vector<std::string_view>& from = *sides[side][0];
    for (size_t i = 0; i < from.size(); ++i) {
      double best = 0;
      for (std::string_view other : *sides[side][1]) {
        // Nothing beats 1 (an equal token: most candidates share one), so
        // the rest cannot change the maximum, nor the sums, which stay
        // NameSimilarity's to the bit.
        if (best >= 1.0) break;
        best = std::max(best, TokenCredit(from[i], other));
      }
      const double weight = WeightOf(side_weights[side], i);
      sums[side] += weight * best;
      unscored -= weight;
      if (sums[0] + sums[1] + unscored < needed) return std::nullopt;
    }
  }
  const double similarity = (sums[0] + sums[1]) / total;
  if (similarity < threshold) return std::nullopt;
  return similarity;
}

}  // namespace placi::core
