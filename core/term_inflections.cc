// Plurals and possessives of terms. See term_inflections.h.
#include "core/term_inflections.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/ascii.h"

namespace placi::core {
namespace {

constexpr size_t kMinInflectedLetters = 3;

// Words whose "+s" or "+es" is another English word, not their plural:
// the inflection would make that word match the term. Sorted.
constexpr std::string_view kNotPlurals[] = {"new"};

static_assert(std::is_sorted(std::begin(kNotPlurals), std::end(kNotPlurals)));

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool TakesEs(std::string_view word) {
  const char last = word.back();
  if (last == 's' || last == 'x' || last == 'z' || last == 'o') return true;
  const char before = word[word.size() - 2];
  return last == 'h' && (before == 'c' || before == 's');
}

bool TakesIes(std::string_view word) {
  return word.back() == 'y' && !IsVowel(word[word.size() - 2]);
}

bool IsInflected(std::string_view word) {
  if (word.size() < kMinInflectedLetters) return false;
  if (!std::all_of(word.begin(), word.end(), absl::ascii_isalpha)) return false;
  return !std::binary_search(std::begin(kNotPlurals), std::end(kNotPlurals), word);
}

}  // namespace

std::vector<std::string> TermInflections(std::string_view key) {
  std::vector<std::string> forms;
  const size_t space = key.rfind(' ');
  const std::string_view last = space == std::string_view::npos ? key : key.substr(space + 1);
  if (!IsInflected(last)) return forms;
  const std::string head(key);
  forms.push_back(head + "s");
  if (TakesEs(last)) forms.push_back(head + "es");
  if (TakesIes(last)) forms.push_back(head.substr(0, head.size() - 1) + "ies");
  return forms;
}

bool IsInflectionOf(std::string_view word, std::string_view base) {
  if (word.size() <= base.size()) return false;
  for (const std::string& form : TermInflections(base)) {
    if (form == word) return true;
  }
  return false;
}

}  // namespace placi::core
