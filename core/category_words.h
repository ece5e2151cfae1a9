// The goods categories' words and brands as one lookup, for reading goods
// descriptions (goods_rules.cc): a run of folded description words → the
// categories that name it (and, apart, the branded products it names).
// Checking each of ~130 words and brands against every item's runs was most
// of the goods rules' time; with this a run costs one hash lookup, however
// many words the categories list (~600 in the default rules, in nine
// languages).
//
//   CategoryWords words(config.categories);
//   words.ForEachCategoryNaming("patek philippe", [](size_t c, bool by_brand) { ... });
//   // "watches", by_brand: a brand implies the category, a word names it
//   words.CategoriesOfChapter("910221");  // those with a prefix in chapter 91
#ifndef PLACI_CORE_CATEGORY_WORDS_H_
#define PLACI_CORE_CATEGORY_WORDS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"
#include "core/brand_typos.h"
#include "core/screening_config.h"

namespace placi::core {

// Immutable once built; concurrent calls are fine.
class CategoryWords {
 public:
  explicit CategoryWords(const std::vector<GoodsCategory>& categories,
                         const std::vector<BrandedProduct>& products = {});

  // Never the same for two indexes in one process: what was read with one
  // (goods_rules.cc keeps descriptions' categories per thread) is told
  // apart from what another gives.
  uint64_t stamp() const { return stamp_; }

  // Calls fn(index into categories, by_brand) for each category with `run`
  // among its words (by_brand false) or brands (true), in no set order. The
  // goods rules tell the two apart: what a description's own words name
  // outranks what a brand implies ("Hermes silk scarf" is a scarf).
  template <typename Fn>
  void ForEachCategoryNaming(std::string_view run, Fn&& fn) const {
    ForEachNaming(run, fn, [](size_t, size_t) {});
  }

  // The same, and calls product_fn(index into products, index into its
  // names) for each branded product with `run` among its names (its first
  // kMaxProductNames), with the one lookup: a description's runs are read
  // for both.
  static constexpr size_t kMaxProductNames = 256;
  template <typename CategoryFn, typename ProductFn>
  void ForEachNaming(std::string_view run, CategoryFn&& category_fn, ProductFn&& product_fn) const {
    auto it = by_word_.find(absl::string_view(run.data(), run.size()));
    if (it != by_word_.end()) Call(it->second, category_fn, product_fn);
  }

  // The same for a word read out of an obfuscation ("g u c c i" glued,
  // "gucc1" with its digit read as a letter): compared with the words and
  // brands written without their spaces ("louisvuitton", "rayban").
  template <typename Fn>
  void ForEachCategoryNamingGlued(std::string_view glued, Fn&& fn) const {
    ForEachNamingGlued(glued, fn, [](size_t, size_t) {});
  }
  // The indexes into categories of those with an HS prefix that a code
  // beginning with `digits` (an HS code's digits) may start with: those
  // with a prefix in its chapter (its first two digits), or shorter than
  // two digits. In the config's order, so that the first whose prefix
  // matches is the first of all categories to match. All categories when
  // `digits` has no chapter. An item's code was tested against every
  // category's prefixes (~2% of BM_ScreenCore); most lie in other chapters.
  absl::Span<const uint32_t> CategoriesOfChapter(std::string_view digits) const;

  // A word that is a brand's or product's name glued to a goods word
  // ("guccibag", "louisvuittonbag", "rolexwatch": a description written
  // without spaces, "GucciBag"), or a name of several words glued
  // ("louisvuitton"), appended to *out as the name's words and the goods
  // word ("louis vuitton bag"); false, *out untouched, when the word is
  // neither. The goods word is a category's word or a product's kind word
  // of one word ("bag") of 3 letters or more, so that a word merely starting
  // with a brand ("coachella", "diorama", "guccione") is none. A word
  // without a name's first two letters and length costs one load (most).
  // detect26: a name glued to another name of the rules ("nikeairmax90":
  // "nike air max 90", a listing's hashtag), and a goods word glued before
  // a name ("handbaggucci", "baggucci": "handbag gucci") are split too; a
  // word without a goods word's first two letters and length costs one
  // more load.
  bool SplitGluedName(std::string_view word, std::string* out) const;

  // Calls fn(name, first_word) for each brand or product name (folded, as
  // the config lists it) that words[first_word] (and the word after it, for
  // a two-word name) misspells by BrandTypos' rules ("gucchi", "louis
  // vitton"), from words[from] on. `words` are views into one text, one
  // space apart (WordRuns' words).
  template <typename Fn>
  void ForEachMisspeltName(absl::Span<const std::string_view> words, size_t from, Fn&& fn) const {
    if (from >= words.size()) return;
    const std::span<const std::string_view> tokens(words.data() + from, words.size() - from);
    typos_.ForEachProbe(tokens, [&](uint64_t hash, size_t first, size_t last) {
      if (!typos_.MayContain(hash)) return;
      const std::string_view text(tokens[first].data(),
                                  tokens[last].data() + tokens[last].size() - tokens[first].data());
      typos_.ForEachSlot(hash, [&](uint32_t slot) {
        if (slot < typo_names_.size() && BrandTypos::IsTypoOf(text, typo_names_[slot])) {
          fn(std::string_view(typo_names_[slot]), from + first);
        }
      });
    });
  }

  // ForEachNaming for such a word ("a1rpods", "i phone" glued).
  template <typename CategoryFn, typename ProductFn>
  void ForEachNamingGlued(std::string_view glued, CategoryFn&& category_fn,
                          ProductFn&& product_fn) const {
    auto it = by_glued_word_.find(absl::string_view(glued.data(), glued.size()));
    if (it != by_glued_word_.end()) Call(it->second, category_fn, product_fn);
  }

 private:
  // Each value: category index << 1 | 1 when the run is one of its brands;
  // or kProduct | product index << 8 | index into its names.
  using Namings = absl::InlinedVector<uint32_t, 1>;
  static constexpr uint32_t kProduct = 0x80000000u;
  template <typename CategoryFn, typename ProductFn>
  static void Call(const Namings& namings, CategoryFn& category_fn, ProductFn& product_fn) {
    for (uint32_t naming : namings) {
      if (naming & kProduct) {
        product_fn(size_t{(naming & ~kProduct) >> 8}, size_t{naming & 0xFF});
      } else {
        category_fn(size_t{naming >> 1}, (naming & 1) != 0);
      }
    }
  }
  absl::flat_hash_map<std::string, Namings> by_word_;
  absl::flat_hash_map<std::string, Namings> by_glued_word_;
  // SplitGluedName: by a brand's or product's glued name's first two
  // letters, a bit for each of its lengths (up to 31); the goods words that
  // may follow it; the names of several words by their glued form.
  uint32_t glued_name_heads_[26 * 26] = {};
  // The same for the goods words (of lower-case letters), which a name may
  // follow glued ("baggucci").
  uint32_t goods_word_heads_[26 * 26] = {};
  absl::flat_hash_map<std::string, bool> goods_words_;
  absl::flat_hash_map<std::string, std::string> spaced_names_;
  // ForEachMisspeltName: the brands and product names, filed by their slot
  // (an index into typo_names_).
  BrandTypos typos_;
  std::vector<std::string> typo_names_;
  static constexpr size_t kChapters = 100;  // "00" to "99"
  std::array<std::vector<uint32_t>, kChapters> by_chapter_;
  std::vector<uint32_t> all_categories_;
  uint64_t stamp_;
};

}  // namespace placi::core

#endif  // PLACI_CORE_CATEGORY_WORDS_H_
