// Watchlisted brands misspelt on purpose: "Nikee running shoes", "Gucchi
// handbag", "Rolexx", "Addidas", "Louis Vuiton". A seller writes the brand
// one slip off so that a filter looking for the brand misses it and a buyer
// still reads it. BrandTypos finds a description word (or two words) one
// edit from a brand term, under rules that keep ordinary words out:
//
//  - a brand word of 5 letters or more: one insertion, deletion,
//    substitution or swap of neighbours ("addidas", "gucchi", "guchi",
//    "rolexx", "vuiton", "moncelr");
//  - a brand word of 3 or 4 letters: only one of its letters doubled
//    ("nikke", "nikee"); a letter changed, added or dropped in so short a
//    word makes another word too often (nike: bike, mike, like, nice);
//  - shorter brand words, and words with digits, never;
//  - the first two letters are kept: a misspelling made to be read as the
//    brand keeps its head, and many ordinary words one edit from a brand
//    differ there (nike: bike; beats: seats; celine: cline);
//  - a word on a short list of ordinary words near heavily counterfeited
//    brands is never a typo (coach: couch, guess: guest, chanel: channel,
//    rolex: roles; see kOrdinaryWords in the .cc).
// A two-word brand is found with one of its words exact and the other one
// slip off ("louis vuiton"), or written as one word one slip off
// ("louisvuiton"). Longer brands only as one word. Beside its exact word,
// the other keeps its first letter only ("louis vitton", "patek phlippe";
// brands25): the exact word says which brand is meant, as the head of a
// single word does.
//
// How it stays cheap (it reads every description that is not in the
// watchlist's memo of recent descriptions): a bit per first two letters and
// length that some brand word one slip off could have tells most
// description words apart with one load from a 2.7 KB table. Each brand
// word is filed at load under a hash of itself and of each of its
// one-letter deletions past the first two letters (the SymSpell idea, as
// NameMatcher files party-name tokens); a word that passes the bit is
// probed by its hash and its deletions' hashes, computed from one pass over
// its letters, against a filter that rejects almost every probe from the
// cache. Two-word brands are probed only at words that are a word of one of
// them exactly. Candidates are checked with IsTypoOf.
//
//   BrandTypos typos;
//   typos.Add(/*slot=*/7, "louis vuitton");
//   typos.ForEachProbe(tokens, [&](uint64_t hash, size_t first, size_t last) {
//     if (typos.MayContain(hash)) typos.ForEachSlot(hash, [&](uint32_t slot) { ... });
//   });
//   BrandTypos::IsTypoOf("louis vuiton", "louis vuitton");  // true
#ifndef PLACI_CORE_BRAND_TYPOS_H_
#define PLACI_CORE_BRAND_TYPOS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/hash_multimap.h"
#include "core/key_filter.h"

namespace placi::core {

// Not thread-safe for writes (WatchlistIndex guards it with its lock);
// concurrent const calls are fine.
class BrandTypos {
 public:
  // Files the brand term `key` (WatchlistIndex::KeyOf: folded tokens one
  // space apart) under `slot`. A key that no typo rule applies to (only
  // short words, digits) is ignored.
  void Add(uint32_t slot, std::string_view key);
  // Forgets what Add(slot, key) filed.
  void Remove(uint32_t slot, std::string_view key);

  // Whether a word of `size` letters starting with `a`, `b` may be a brand
  // one slip off (some filed brand word starts so and is one letter shorter,
  // as long, or one longer).
  bool MayStartATypo(char a, char b, size_t size) const { return HasHead(heads_, a, b, size); }

  // Calls probe(hash, first_token, last_token) for each hash that a typo of
  // a filed brand among `tokens` (one reading of goods text, tokens one
  // space apart in one buffer) is looked up by: the token or the two
  // tokens first..last, as written and with one letter left out.
  template <typename Fn>
  void ForEachProbe(std::span<const std::string_view> tokens, Fn&& probe) const;

  bool MayContain(uint64_t hash) const { return filter_.MayContain(hash); }
  void Prefetch(uint64_t hash) const { filter_.Prefetch(hash); }
  // The slots filed under `hash`: candidates, to be checked with IsTypoOf.
  template <typename Fn>
  void ForEachSlot(uint64_t hash, Fn&& fn) const {
    by_hash_.ForEach(hash, fn);
  }

  // Whether `text` (one word, or two one space apart) is `key` misspelt by
  // the rules above; false when they are equal.
  static bool IsTypoOf(std::string_view text, std::string_view key);

  size_t MemoryBytes() const;

 private:
  struct PairWord {
    uint32_t as_first = 0;   // two-word brands with the word first
    uint32_t as_second = 0;  // and second
  };
  // Every hash `key` is filed under (see Add).
  static void HashesOf(std::string_view key, std::vector<uint64_t>* hashes);
  void AddHash(uint64_t hash, uint32_t slot);
  static void AddHead(std::string_view word, size_t min_size, size_t max_size,
                      uint32_t (&heads)[26 * 26]);
  static bool HasHead(const uint32_t (&heads)[26 * 26], char a, char b, size_t size) {
    const unsigned x = static_cast<unsigned>(a - 'a');
    const unsigned y = static_cast<unsigned>(b - 'a');
    return x < 26u && y < 26u && (heads[x * 26 + y] >> std::min<size_t>(size, 31) & 1) != 0;
  }
  // Whether `word` may be a word of a two-word brand (pair_words_).
  bool MayBePairWord(std::string_view word) const {
    return word.size() >= 2 && HasHead(pair_heads_, word[0], word[1], word.size());
  }
  template <typename Fn>
  void ForEachPairProbe(std::string_view first, std::string_view second, Fn&& probe) const;

  HashMultimap by_hash_;
  KeyFilter filter_;
  // The words of two-word brands, by WordHash: a pair of description words
  // is probed only where one is a word of such a brand in its place.
  absl::flat_hash_map<uint64_t, PairWord> pair_words_;
  // The longest word a single-word probe can match (a filed word's length
  // plus one); only grows.
  size_t max_word_ = 0;
  // By a single (or glued) brand word's first two letters: a bit for each
  // length (31: 31 or more) a word one slip from it may have. Never
  // cleared: a brand removed leaves bits that cost a few probes.
  uint32_t heads_[26 * 26] = {};
  // The same for the words of pair_words_ (their own length): most pairs
  // of description words are passed over without a hash.
  uint32_t pair_heads_[26 * 26] = {};
};

namespace brand_typos_internal {

// Tokens shorter than this are never probed alone: the shortest typo is a
// 3-letter brand with a letter doubled, or a 5-letter one with a letter
// left out.
inline constexpr size_t kMinProbedWord = 4;
// The letters before this one are never the slip (see the rules above):
// no deletion there is filed or probed.
inline constexpr size_t kKeptHead = 2;
// The same for the misspelt word of a two-word brand beside its exact one.
inline constexpr size_t kPairKeptHead = 1;
// Longer tokens are not probed (no brand word is that long).
inline constexpr size_t kMaxProbedWord = 48;

inline bool IsLetters(std::string_view word) {
  for (char c : word) {
    if (static_cast<unsigned>(c - 'a') >= 26u) return false;
  }
  return !word.empty();
}

// A polynomial hash of bytes, so that the hash of a string with one byte
// left out comes from its prefix and suffix sums without building it, then
// mixed (its low bits alone are weak). Never 0.
inline constexpr uint64_t kBase = 0x100000001b3ull;
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x == 0 ? 1 : x;
}
inline uint64_t Step(uint64_t h, char c) { return h * kBase + static_cast<unsigned char>(c) + 1; }
inline uint64_t WordHash(std::string_view text) {
  uint64_t h = 0;
  for (char c : text) h = Step(h, c);
  return Mix(h);
}

// Calls fn(hash) with WordHash of `text` with one byte left out, for each
// position in [from, to) (one call per distinct result in that range: of a
// doubled letter, once). `text` is at most kMaxProbedWord * 2 + 1 bytes.
template <typename Fn>
void ForEachDeletionHash(std::string_view text, size_t from, size_t to, Fn&& fn) {
  uint64_t prefix[2 * kMaxProbedWord + 2];
  const size_t n = text.size();
  prefix[0] = 0;
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = Step(prefix[i], text[i]);
  // Right to left: the suffix after i and the power of the base it shifts
  // the prefix by.
  uint64_t suffix = 0;
  uint64_t power = 1;
  for (size_t i = n; i-- > 0;) {
    if (i >= from && i < to && !(i > from && text[i] == text[i - 1])) {
      fn(Mix(prefix[i] * power + suffix));
    }
    suffix += (static_cast<unsigned char>(text[i]) + 1) * power;
    power *= kBase;
  }
}

}  // namespace brand_typos_internal

template <typename Fn>
void BrandTypos::ForEachProbe(std::span<const std::string_view> tokens, Fn&& probe) const {
  using namespace brand_typos_internal;
  if (by_hash_.size() == 0) return;
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string_view word = tokens[t];
    if (word.size() < kMinProbedWord || word.size() > max_word_ ||
        !MayStartATypo(word[0], word[1], word.size()) || !IsLetters(word)) {
      continue;
    }
    probe(WordHash(word), t, t);
    ForEachDeletionHash(word, kKeptHead, word.size(), [&](uint64_t hash) { probe(hash, t, t); });
  }
  if (pair_words_.empty()) return;
  for (size_t t = 0; t + 1 < tokens.size(); ++t) {
    const std::string_view first = tokens[t];
    const std::string_view second = tokens[t + 1];
    if (!MayBePairWord(first) && !MayBePairWord(second)) continue;
    if (first.size() > kMaxProbedWord || second.size() > kMaxProbedWord ||
        first.data() + first.size() + 1 != second.data() || !IsLetters(first) ||
        !IsLetters(second)) {
      continue;
    }
    ForEachPairProbe(first, second, [&](uint64_t hash) { probe(hash, t, t + 1); });
  }
}

template <typename Fn>
void BrandTypos::ForEachPairProbe(std::string_view first, std::string_view second,
                                  Fn&& probe) const {
  using namespace brand_typos_internal;
  const auto as_first = pair_words_.find(WordHash(first));
  const auto as_second = pair_words_.find(WordHash(second));
  const bool first_exact = as_first != pair_words_.end() && as_first->second.as_first > 0;
  const bool second_exact = as_second != pair_words_.end() && as_second->second.as_second > 0;
  if (!first_exact && !second_exact) return;
  // The two words as one string: they are one space apart in the buffer.
  const std::string_view both(first.data(), first.size() + 1 + second.size());
  probe(WordHash(both));
  if (first_exact && second.size() >= kMinProbedWord) {
    ForEachDeletionHash(both, first.size() + 1 + kPairKeptHead, both.size(), probe);
  }
  if (second_exact && first.size() >= kMinProbedWord) {
    ForEachDeletionHash(both, kPairKeptHead, first.size(), probe);
  }
}

}  // namespace placi::core

#endif  // PLACI_CORE_BRAND_TYPOS_H_
