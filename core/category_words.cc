// The goods categories' words indexed. See category_words.h.
#include "core/category_words.h"

#include <algorithm>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include "core/memo_stamp.h"

namespace placi::core {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLowerLetter(char c) { return c >= 'a' && c <= 'z'; }

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

// The last words of the default rules' brands and products whose "+s" is
// an ordinary English word (checked against /usr/share/dict/words): "Apples"
// are fruit, "Pumas" cats, "off whites" a colour. Sorted (binary search).
constexpr std::string_view kOrdinaryPlurals[] = {
    "apples", "aquanauts", "balances", "bans",   "converses", "faces", "flips",
    "folds",  "gooses",    "islands",  "omegas", "pros",      "pumas", "whites"};
static_assert(std::is_sorted(std::begin(kOrdinaryPlurals), std::end(kOrdinaryPlurals)));

// `name` (folded words one space apart) with "s" after its last word, as a
// description writes the possessive ("Gucci's handbag", folded "guccis
// handbag") and the plural ("Nikes", "UGGs", "2 iPhones") of a brand or a
// product; empty when that last word is no word of letters or its "+s" is
// an ordinary word (kOrdinaryPlurals). Only "+s": the watchlist's terms take
// "+es" and "-ies" too (term_inflections.h), which make ordinary words of
// the default brands ("coaches").
std::string PossessiveOf(std::string_view name) {
  const size_t space = name.rfind(' ');
  const std::string_view last = space == std::string_view::npos ? name : name.substr(space + 1);
  if (last.size() < 3 ||
      !std::all_of(last.begin(), last.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return {};
  }
  std::string plural = std::string(last) + "s";
  if (std::binary_search(std::begin(kOrdinaryPlurals), std::end(kOrdinaryPlurals), plural)) {
    return {};
  }
  return std::string(name) + "s";
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
  // A category's word or (`is_name`) a brand's or product's name, as
  // written and glued ("louisvuitton"); a name also with its possessive
  // (PossessiveOf), filed for NameGluedToGoods and ForEachMisspeltName.
  const auto add_name = [&](const std::string& name, uint32_t naming, bool is_name) {
    std::string glued = name;
    glued.erase(std::remove(glued.begin(), glued.end(), ' '), glued.end());
    add(by_word_[name], naming);
    add(by_glued_word_[glued], naming);
    if (!is_name) {  // a category's own word: one a brand may be glued to
      if (name.find(' ') == std::string::npos) goods_words_[name] = true;
      return;
    }
    if (glued.size() != name.size()) spaced_names_.try_emplace(glued, name);
    if (glued.size() >= 3 && IsLowerLetter(glued[0]) && IsLowerLetter(glued[1])) {
      glued_name_heads_[(glued[0] - 'a') * 26 + (glued[1] - 'a')] |=
          uint32_t{1} << std::min<size_t>(glued.size(), 31);
    }
    if (std::find(typo_names_.begin(), typo_names_.end(), name) == typo_names_.end()) {
      typos_.Add(static_cast<uint32_t>(typo_names_.size()), name);
      typo_names_.push_back(name);
    }
    if (std::string inflected = PossessiveOf(name); !inflected.empty()) {
      add(by_word_[inflected], naming);
      add(by_glued_word_[glued + "s"], naming);
    }
  };
  for (size_t c = 0; c < categories.size(); ++c) {
    for (const bool by_brand : {false, true}) {
      const uint32_t naming = static_cast<uint32_t>(c << 1) | (by_brand ? 1u : 0u);
      for (const std::string& word : by_brand ? categories[c].brands : categories[c].words) {
        if (word.empty()) continue;  // never a run of words
        add_name(word, naming, by_brand);
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
      add_name(names[n], kProduct | static_cast<uint32_t>(p << 8 | n), /*is_name=*/true);
    }
    for (const std::string& kind : products[p].kind_words) {
      if (!kind.empty() && kind.find(' ') == std::string::npos) goods_words_[kind] = true;
    }
  }
  for (const auto& [goods, unused] : goods_words_) {
    if (goods.size() >= 3 && IsLowerLetter(goods[0]) && IsLowerLetter(goods[1])) {
      goods_word_heads_[(goods[0] - 'a') * 26 + (goods[1] - 'a')] |=
          uint32_t{1} << std::min<size_t>(goods.size(), 31);
    }
  }
}

bool CategoryWords::SplitGluedName(std::string_view word, std::string* out) const {
  constexpr size_t kMinGoodsWord = 3;
  if (word.size() < 4 || !IsLowerLetter(word[0]) || !IsLowerLetter(word[1])) return false;
  const size_t head = static_cast<size_t>((word[0] - 'a') * 26 + (word[1] - 'a'));
  const uint32_t lengths = glued_name_heads_[head];
  const uint32_t goods_lengths = goods_word_heads_[head];
  if (lengths == 0 && goods_lengths == 0) return false;
  // A brand's or product's name (not a category's word, "handbag"), by its
  // glued form.
  const auto names_brand = [&](std::string_view glued) {
    const auto name = by_glued_word_.find(absl::string_view(glued.data(), glued.size()));
    return name != by_glued_word_.end() &&
           std::any_of(name->second.begin(), name->second.end(), [](uint32_t naming) {
             return (naming & kProduct) != 0 || (naming & 1) != 0;
           });
  };
  // The name's words as the config lists them: "louisvuitton" → "louis
  // vuitton"; a name of one word as it is.
  const auto append_name = [&](std::string_view glued) {
    const auto spaced = spaced_names_.find(absl::string_view(glued.data(), glued.size()));
    if (spaced != spaced_names_.end()) {
      out->append(spaced->second);
    } else {
      out->append(glued.data(), glued.size());
    }
  };
  if (word.size() < 31 && (lengths >> word.size() & 1) != 0 &&
      spaced_names_.contains(absl::string_view(word.data(), word.size()))) {
    append_name(word);
    return true;
  }
  for (size_t size = 3; size + kMinGoodsWord <= word.size() && size < 31; ++size) {
    if ((lengths >> size & 1) == 0) continue;
    const std::string_view rest = word.substr(size);
    // A goods word after the name, or another name ("nike" + "airmax90",
    // the product "air max 90").
    const bool goods = goods_words_.contains(absl::string_view(rest.data(), rest.size()));
    if (!goods && !names_brand(rest)) continue;
    if (!names_brand(word.substr(0, size))) continue;
    append_name(word.substr(0, size));
    out->push_back(' ');
    if (goods) {
      out->append(rest.data(), rest.size());
    } else {
      append_name(rest);
    }
    return true;
  }
  // A goods word before the name ("handbaggucci"), the name of 3 letters
  // or more.
  for (size_t size = 3; size + 3 <= word.size() && size < 31; ++size) {
    if ((goods_lengths >> size & 1) == 0) continue;
    const std::string_view goods = word.substr(0, size);
    if (!goods_words_.contains(absl::string_view(goods.data(), goods.size()))) continue;
    const std::string_view rest = word.substr(size);
    if (!names_brand(rest)) continue;
    out->append(goods.data(), goods.size());
    out->push_back(' ');
    append_name(rest);
    return true;
  }
  return false;
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
