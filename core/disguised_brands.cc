// Brands written disguised, a character for another. See disguised_brands.h.
#include "core/disguised_brands.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "core/normalize.h"

namespace placi::core {
namespace {

// A brand word of the rules that `token` (ASCII letters and "*") spells
// with each "*" standing for one letter ("g*cci", "r*lex", "l*uis"), or
// empty: the first letter written, at most (length - 1) / 2 of them stars,
// 4 letters at least. Brands of the categories and the branded products'
// names, word by word.
std::string_view BrandWordStarred(std::string_view token, const ScreeningConfig& config) {
  const size_t stars = static_cast<size_t>(std::count(token.begin(), token.end(), '*'));
  if (token.size() < 4 || token[0] == '*' || stars == 0 || stars > (token.size() - 1) / 2) {
    return {};
  }
  const auto spells = [&](std::string_view word) {
    if (word.size() != token.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (token[i] != '*' && absl::ascii_tolower(static_cast<unsigned char>(token[i])) != word[i]) {
        return false;
      }
    }
    return true;
  };
  const auto first_spelled = [&](const std::vector<std::string>& names) -> std::string_view {
    for (const std::string& name : names) {
      for (absl::string_view word : absl::StrSplit(name, ' ')) {
        if (spells(std::string_view(word.data(), word.size()))) {
          return std::string_view(word.data(), word.size());
        }
      }
    }
    return {};
  };
  for (const GoodsCategory& category : config.categories) {
    if (const std::string_view word = first_spelled(category.brands); !word.empty()) return word;
  }
  for (const BrandedProduct& product : config.branded_products) {
    if (const std::string_view word = first_spelled(product.names); !word.empty()) return word;
  }
  return {};
}

}  // namespace

bool SignsReadAsLetters(std::string_view description, const ScreeningConfig& config,
                        std::string* read) {
  static constexpr std::string_view kEuroSign = "\xE2\x82\xAC";
  const std::string_view text = description;
  const auto letter = [&](size_t at) {
    return at < text.size() && absl::ascii_isalpha(static_cast<unsigned char>(text[at]));
  };
  read->clear();
  read->reserve(text.size());
  bool substituted = false;
  for (size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == '*' || absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      // A token of letters and stars: a starred brand word, or as written.
      size_t end = at;
      while (end < text.size() &&
             (text[end] == '*' || absl::ascii_isalpha(static_cast<unsigned char>(text[end])))) {
        ++end;
      }
      const std::string_view token = text.substr(at, end - at);
      const std::string_view brand =
          token.find('*') == std::string_view::npos ? std::string_view() : BrandWordStarred(token, config);
      if (!brand.empty()) {
        read->append(brand.data(), brand.size());
        substituted = true;
      } else {
        read->append(token.data(), token.size());
      }
      at = end;
      continue;
    }
    const bool before_letter = at > 0 && letter(at - 1);
    const bool word_start = at == 0 || !(absl::ascii_isalnum(static_cast<unsigned char>(text[at - 1])));
    // "€" (three bytes) against a letter: "Chan€l", "Nik€".
    if (c == kEuroSign[0] && text.compare(at, kEuroSign.size(), kEuroSign) == 0 &&
        (before_letter || letter(at + kEuroSign.size()))) {
      read->push_back('e');
      substituted = true;
      at += kEuroSign.size();
      continue;
    }
    char as = 0;
    if (c == '@' && letter(at + 1) && (before_letter || (word_start && letter(at + 2)))) as = 'a';
    if (c == '$' && letter(at + 1) && (before_letter || (word_start && letter(at + 2)))) as = 's';
    if (c == '!' && letter(at + 1) && before_letter) as = 'i';
    // "|" against a letter is an "l" or an "I" ("Chane|", "Lou|s"): read
    // as the digit one, which the readings of digits for letters take for
    // both (ForEachUnmaskedWord here, the watchlist's term readings). One
    // between spaces or other signs is a separator ("T-shirt | cotton").
    if (c == '|' && (before_letter || letter(at + 1))) as = '1';
    read->push_back(as != 0 ? as : c);
    substituted |= as != 0;
    ++at;
  }
  return substituted;
}

namespace {

// Whether the words of `folded` (one space apart) hold `key`'s words (one
// space apart) in a row, or its letters glued over words in a row ("g u c
// c i" holds "gucci", "bal enciaga" "balenciaga").
bool HoldsTermWords(std::string_view folded, std::string_view key) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(absl::string_view(folded.data(), folded.size()), ' ', absl::SkipEmpty());
  std::string glued_key(key);
  glued_key.erase(std::remove(glued_key.begin(), glued_key.end(), ' '), glued_key.end());
  if (glued_key.empty()) return false;
  std::string run, glued;
  for (size_t first = 0; first < words.size(); ++first) {
    run.clear();
    glued.clear();
    for (size_t w = first; w < words.size() && glued.size() < glued_key.size(); ++w) {
      if (w > first) run.push_back(' ');
      run.append(words[w].data(), words[w].size());
      glued.append(words[w].data(), words[w].size());
      if (run == key || glued == glued_key) return true;
    }
  }
  return false;
}

}  // namespace

bool BrandWrittenDisguised(std::string_view description, std::string_view folded,
                           std::string_view brand_key, const ScreeningConfig& config) {
  if (HoldsTermWords(folded, brand_key)) return false;  // written as it is
  std::string read;
  if (!SignsReadAsLetters(description, config, &read)) read.assign(description);
  const std::string signs_read = FoldDescription(read);
  if (HoldsTermWords(signs_read, brand_key)) return true;
  // Digits for letters, as ForEachUnmaskedWord counts them a disguise: in a
  // word of more letters than digits ("r0lex", not "b05e"), "1" as "i" and
  // as "l".
  for (const bool one_as_l : {false, true}) {
    std::string unmasked;
    for (absl::string_view word : absl::StrSplit(signs_read, ' ', absl::SkipEmpty())) {
      std::string w(word.data(), word.size());
      const auto digits = std::count_if(w.begin(), w.end(), absl::ascii_isdigit);
      const auto letters = std::count_if(w.begin(), w.end(), absl::ascii_isalpha);
      if (digits > 0 && letters > digits) ReadDigitsAsLetters(one_as_l, &w);
      if (!unmasked.empty()) unmasked.push_back(' ');
      unmasked.append(w);
    }
    if (HoldsTermWords(unmasked, brand_key)) return true;
  }
  return false;
}

}  // namespace placi::core
