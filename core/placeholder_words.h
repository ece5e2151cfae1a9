// The words written where a party's name or an address part should be
// ("unknown", "n/a", "Unknown Customer", "неизвестно" → "neizvestno"),
// indexed for the data checks (data_checks.cc). Built from the rules'
// lists, ScreeningConfig::unacceptable_party_names (its one-word entries)
// and ::typo_tolerant_party_words, once per config (ScreeningConfig::
// Placeholders()), so that the rules file is the one place they are
// written and a parcel costs what the hard-coded list cost: most name
// words end at a bit per first letter and length.
//
//   PlaceholderWords words(config.unacceptable_party_names,
//                          config.typo_tolerant_party_words);
//   words.IsPlaceholder("unkown customer");  // true
#ifndef PLACI_CORE_PLACEHOLDER_WORDS_H_
#define PLACI_CORE_PLACEHOLDER_WORDS_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "core/byte_blocks.h"

namespace placi::core {

// Immutable once built; concurrent calls are fine.
class PlaceholderWords {
 public:
  // `names`: folded party names that name nobody; each one-word name is a
  // placeholder word. `typo_words`: folded words that a typo does not hide
  // ("unkown", "reciever"), placeholder words too.
  PlaceholderWords(const absl::flat_hash_set<std::string>& names,
                   const absl::flat_hash_set<std::string>& typo_words);

  // Whether `word` (folded) is a placeholder word or one edit from one
  // that a typo does not hide.
  bool IsPlaceholderToken(std::string_view word) const;
  // Whether folded text (words one space apart) is empty or made only of
  // placeholder words. A real name or place fails on its first word.
  bool IsPlaceholder(std::string_view folded) const;

  // Never the same for two of these in one process: what a per-thread memo
  // learnt from one config's words (recent_given_parts.h) is told apart
  // from another's.
  uint64_t stamp() const { return stamp_; }

 private:
  bool MayBe(std::string_view word) const;
  void Set(char first, size_t size);
  static size_t ExactSlot(std::string_view word);

  const uint64_t stamp_;
  absl::flat_hash_set<std::string> words_;
  // The typo words by their length: only those one letter shorter, as long
  // or one longer can be one edit from a word (all of them were tried, a
  // call each, for every long word of every name and city that MayBe).
  std::vector<std::vector<std::string>> typo_words_by_size_;
  // Bit (first letter, length) of the typo words one letter shorter or
  // longer too (their one-edit neighbours; the second letter counts as a
  // first one too, for a first letter dropped or swapped), and bit
  // (first letter, last letter, length) of every placeholder word: a word
  // whose bits are clear is no placeholder, without a hash or a compare.
  // Most names and cities end here; the last letter keeps them there as
  // the list grows (goods20: "madame", "merchant", "musteri" made every
  // name of an "m" and their length hash without it, +300 instructions a
  // parcel).
  uint64_t bits_[256] = {};
  static constexpr size_t kExactSlots = size_t{1} << 14;  // ExactSlot's 14 bits
  uint64_t exact_bits_[kExactSlots / 64] = {};
};

// Whether `text`, ASCII spaces around it dropped, is a placeholder written
// in a script whose transliteration reads as a name (未知, "unknown", folds
// to "wei zhi", which is also 魏志, a person; "нет", "none", to "net"), so
// that it is compared before folding, not through the rules' folded lists.
// The data checks refuse such a party name or address part on a parcel,
// and the watchlist refuses it as a party-name entry (intake_limits.cc),
// from this one list. Only text with a byte beyond ASCII can be one: most
// names end at that test, inline. `folded` is FoldText(text): a spelling of
// a listed placeholder other than the list's (decomposed, full-width,
// capitals) is found through it and compared in NFKC_Casefold.
bool IsListedPlaceholderInScript(std::string_view text, std::string_view folded);
inline bool IsPlaceholderInScript(std::string_view text, std::string_view folded) {
  return HasHighByte(text) && IsListedPlaceholderInScript(text, folded);
}

// ScreeningConfig::placeholder_words: built at the config's first use (the
// Screener asks for it when it takes a config) and kept for its lifetime.
// A copy or an assignment starts without it, so that a copied config may
// change its lists before its own first use; a config must not change them
// after (the Screener holds its configs const). As CategoryWordsCache.
class PlaceholderWordsCache {
 public:
  PlaceholderWordsCache() = default;
  PlaceholderWordsCache(const PlaceholderWordsCache&) {}
  PlaceholderWordsCache& operator=(const PlaceholderWordsCache&);
  ~PlaceholderWordsCache();

  const PlaceholderWords& Get(const absl::flat_hash_set<std::string>& names,
                              const absl::flat_hash_set<std::string>& typo_words) const;

 private:
  mutable absl::Mutex mu_;  // held while building
  mutable std::atomic<const PlaceholderWords*> words_{nullptr};  // owned
};

}  // namespace placi::core

#endif  // PLACI_CORE_PLACEHOLDER_WORDS_H_
