#include "core/byte_blocks.h"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace placi::core {
namespace {

std::vector<std::string_view> WordsByBytes(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      if (i > start) words.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return words;
}

size_t FirstDigitByBytes(std::string_view text, size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') return i;
  }
  return text.size();
}

// Random texts of every length up to 70 (whole blocks, a last short block,
// words across block edges, runs of spaces, bytes of 0x80 and more, NULs)
// split and searched as byte loops do.
TEST(ByteBlocksTest, WordsAndDigitsAsAByteLoopFindsThem) {
  const std::string alphabet = std::string("ab  Z09 \x80\xFF/:") + '\0';
  std::mt19937 rng(16);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const size_t length = rng() % 71;
    for (size_t i = 0; i < length; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    std::vector<std::string_view> words;
    ForEachWord(text, [&](std::string_view word) { words.push_back(word); });
    ASSERT_EQ(words, WordsByBytes(text)) << "[" << text << "]";
    const bool high_or_listed = std::any_of(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0x80) != 0 || c == '/' || c == ':' || c == 'Z' ||
             c == '9';
    });
    ASSERT_EQ(HasHighByteOr(text, '/', ':', 'Z', '9'), high_or_listed) << "[" << text << "]";
    ASSERT_EQ(HasHighByte(text), std::any_of(text.begin(), text.end(), [](char c) {
                return (static_cast<unsigned char>(c) & 0x80) != 0;
              })) << "[" << text << "]";
    for (size_t from = 0; from <= text.size(); ++from) {
      ASSERT_EQ(FindDigit(text, from), FirstDigitByBytes(text, from)) << "[" << text << "] " << from;
    }
  }
}

TEST(ByteBlocksTest, AWordOfMoreThanOneBlock) {
  const std::string text = "  " + std::string(40, 'x') + "  y";
  std::vector<std::string_view> words;
  ForEachWord(text, [&](std::string_view word) { words.push_back(word); });
  EXPECT_EQ(words, (std::vector<std::string_view>{std::string(40, 'x'), "y"}));
  EXPECT_EQ(FindDigit(std::string(33, 'a') + "7", 0), 33u);
}

}  // namespace
}  // namespace placi::core
