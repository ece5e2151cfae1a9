// The goods categories' words indexed. See category_words.h.
#include "core/category_words.h"

#include <algorithm>
#include <atomic>
#include <memory>

namespace placi::core {

namespace {

uint64_t NextStamp() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

CategoryWords::CategoryWords(const std::vector<GoodsCategory>& categories,
                             const std::vector<BrandedProduct>& products)
    : stamp_(NextStamp()) {
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
