#include "core/one_edit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

// The optimal string alignment distance (insertions, deletions,
// substitutions and swaps of neighbours), by the textbook table.
size_t SwapEditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// Words of a three-letter alphabet, so that random pairs are often one
// edit apart, and their one-edit variants: OneEditApart against the table.
TEST(OneEditApartTest, AgreesWithTheEditDistanceTable) {
  absl::BitGen bitgen;
  const auto word = [&] {
    std::string w(absl::Uniform<size_t>(bitgen, 0, 9), 'a');
    for (char& c : w) c = static_cast<char>('a' + absl::Uniform<int>(bitgen, 0, 3));
    return w;
  };
  size_t near = 0;
  for (int i = 0; i < 100'000; ++i) {
    const std::string a = word();
    std::string b = i % 2 == 0 ? word() : a;
    if (i % 2 == 1 && !b.empty()) {  // one random edit of a
      const size_t at = absl::Uniform<size_t>(bitgen, 0, b.size());
      switch (i % 8) {
        case 1: b.erase(at, 1); break;
        case 3: b.insert(at, 1, 'c'); break;
        case 5: b[at] = 'b'; break;
        default:
          if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
      }
    }
    const bool expected = SwapEditDistance(a, b) <= 1;
    ASSERT_EQ(OneEditApart(a, b), expected) << a << " " << b;
    ASSERT_EQ(OneEditApart(b, a), expected) << b << " " << a;
    near += expected;
  }
  EXPECT_GT(near, 30'000u);  // both answers are tried often
  EXPECT_LT(near, 90'000u);
}

}  // namespace
}  // namespace placi::core
