// The goods categories' words indexed. See category_words.h.
#include "core/category_words.h"

#include <algorithm>
#include <memory>

#include "core/memo_stamp.h"

namespace placi::core {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Calls fn(chapter) for each chapter (0 to 99) whose codes may start with
// `prefix`: its own; the ten of its first digit; or, empty, all. None for a
// prefix with a byte other than a digit in its first two, which no code's
// digits start with.
template <typename Fn>
void ForEachChapterOf(std::string_view prefix, Fn&& fn) {
  size_t first = 0, last = 99;
  if (prefix.size() >= 2) {
    if (!IsDigit(prefix[0]) || !IsDigit(prefix[1])) return;
    first = last = static_cast<size_t>((prefix[0] - '0') * 10 + (prefix[1] - '0'));
  } else if (prefix.size() == 1) {
    if (!IsDigit(prefix[0])) return;
    first = static_cast<size_t>(prefix[0] - '0') * 10;
    last = first + 9;
  }
  for (size_t chapter = first; chapter <= last; ++chapter) fn(chapter);
}

}  // namespace

CategoryWords::CategoryWords(const std::vector<GoodsCategory>& categories,
                             const std::vector<BrandedProduct>& products)
    : stamp_(NextMemoStamp()) {
  const auto add = [](Namings& namings, uint32_t naming) {
    if (std::find(namings.begin(), namings.end(), naming) == namings.end()) {
      namings.push_back(naming);
    }
  };
  for (size_t c = 0; c < categories.size(); ++c) {
    for (const bool by_brand : {false, true}) {
      const uint32_t naming = static_cast<uint32_t>(c << 1) | (by_brand ? 1u : 0u);
      for (const std::string& word : by_brand ? categories[c].brands : categories[c].words) {
        if (word.empty()) continue;  // never a run of words
        add(by_word_[word], naming);
        std::string glued = word;
        glued.erase(std::remove(glued.begin(), glued.end(), ' '), glued.end());
        add(by_glued_word_[glued], naming);
      }
    }
  }
  for (size_t c = 0; c < categories.size(); ++c) {
    const auto category = static_cast<uint32_t>(c);
    all_categories_.push_back(category);
    for (const std::string& prefix : categories[c].hs_prefixes) {
      ForEachChapterOf(prefix, [&](size_t chapter) {
        std::vector<uint32_t>& listed = by_chapter_[chapter];
        if (listed.empty() || listed.back() != category) listed.push_back(category);
      });
    }
  }
  for (size_t p = 0; p < products.size(); ++p) {
    const std::vector<std::string>& names = products[p].names;
    for (size_t n = 0; n < names.size() && n < kMaxProductNames; ++n) {
      if (names[n].empty()) continue;
      const uint32_t naming = kProduct | static_cast<uint32_t>(p << 8 | n);
      add(by_word_[names[n]], naming);
      std::string glued = names[n];
      glued.erase(std::remove(glued.begin(), glued.end(), ' '), glued.end());
      add(by_glued_word_[glued], naming);
    }
  }
}

absl::Span<const uint32_t> CategoryWords::CategoriesOfChapter(std::string_view digits) const {
  if (digits.size() < 2 || !IsDigit(digits[0]) || !IsDigit(digits[1])) return all_categories_;
  return by_chapter_[static_cast<size_t>((digits[0] - '0') * 10 + (digits[1] - '0'))];
}

CategoryWordsCache::~CategoryWordsCache() { delete words_.load(std::memory_order_acquire); }

CategoryWordsCache& CategoryWordsCache::operator=(const CategoryWordsCache&) {
  delete words_.exchange(nullptr, std::memory_order_acq_rel);
  return *this;
}

const CategoryWords& CategoryWordsCache::Get(const std::vector<GoodsCategory>& categories,
                                             const std::vector<BrandedProduct>& products) const {
  if (const CategoryWords* words = words_.load(std::memory_order_acquire)) return *words;
  absl::MutexLock lock(&mu_);
  // Acquire, though the mutex orders it already: ThreadSanitizer does not
  // see through Debian's absl::Mutex and would report a race here.
  const CategoryWords* words = words_.load(std::memory_order_acquire);
  if (words == nullptr) {
    words = new CategoryWords(categories, products);
    words_.store(words, std::memory_order_release);
  }
  return *words;
}

}  // namespace placi::core
