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

CategoryWords::CategoryWords(const std::vector<GoodsCategory>& categories) : stamp_(NextStamp()) {
  for (size_t c = 0; c < categories.size(); ++c) {
    for (const std::vector<std::string>* list : {&categories[c].words, &categories[c].brands}) {
      for (const std::string& word : *list) {
        if (word.empty()) continue;  // never a run of words
        auto& named = by_word_[word];
        if (std::find(named.begin(), named.end(), c) == named.end()) named.push_back(c);
        std::string glued = word;
        glued.erase(std::remove(glued.begin(), glued.end(), ' '), glued.end());
        auto& named_glued = by_glued_word_[glued];
        if (std::find(named_glued.begin(), named_glued.end(), c) == named_glued.end()) {
          named_glued.push_back(c);
        }
      }
    }
  }
}

CategoryWordsCache::~CategoryWordsCache() { delete words_.load(std::memory_order_acquire); }

CategoryWordsCache& CategoryWordsCache::operator=(const CategoryWordsCache&) {
  delete words_.exchange(nullptr, std::memory_order_acq_rel);
  return *this;
}

const CategoryWords& CategoryWordsCache::Get(const std::vector<GoodsCategory>& categories) const {
  if (const CategoryWords* words = words_.load(std::memory_order_acquire)) return *words;
  absl::MutexLock lock(&mu_);
  // Acquire, though the mutex orders it already: ThreadSanitizer does not
  // see through Debian's absl::Mutex and would report a race here.
  const CategoryWords* words = words_.load(std::memory_order_acquire);
  if (words == nullptr) {
    words = new CategoryWords(categories);
    words_.store(words, std::memory_order_release);
  }
  return *words;
}

}  // namespace placi::core
