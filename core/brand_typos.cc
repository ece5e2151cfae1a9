// Brand terms misspelt on purpose. See brand_typos.h.
#include "core/brand_typos.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "core/one_edit.h"
#include "core/term_inflections.h"

namespace placi::core {
namespace {

using namespace brand_typos_internal;

// Ordinary words that the rules would read as a brand one slip off: each
// is one edit, first two letters kept, from a heavily counterfeited brand
// (coach, guess, chanel, rolex, beats, canon, crocs, casio, levis, …),
// found by checking a hundred such brands against an English word list and
// keeping the words a goods description may carry (brands25: and against
// the default rules' brands and product names, which the goods rules read
// misspelt too: "submarine" is no Submariner, "pandoro" a cake). A word a
// seller uses in its own sense is no misspelling. Sorted (binary search).
constexpr std::string_view kOrdinaryWords[] = {
    "apply",   "armand",   "asic",     "aspics",  "barrie",   "beads",     "beaks",      "beams",
    "beans",   "bears",    "beast",    "beasts",  "beat",     "beaus",     "beets",      "belts",
    "bents",   "bests",    "betas",    "bets",    "bulgar",   "bulgaria",  "cannon",     "canoe",
    "canton",  "canyon",   "capon",    "carrier", "carter",   "casino",    "cattier",    "celina",
    "chancel", "chaney",   "channel",  "chapel",  "conch",    "converge",  "conversed",  "couch",
    "crock",   "crocks",   "crocus",   "crops",   "cross",    "crows",     "fend",       "fends",
    "gamin",   "guest",    "guests",   "heroes",  "herpes",   "leis",      "levi",       "levies",
    "lewis",   "loews",    "longings", "lowe",    "nautical", "pandoro",   "pollo",      "prado",
    "praia",   "pravda",   "role",     "roles",   "sonny",    "submarine", "submarines", "tumor",
    "tutor",   "valentin", "valentine"};

static_assert(std::is_sorted(std::begin(kOrdinaryWords), std::end(kOrdinaryWords)));

bool IsOrdinaryWord(std::string_view word) {
  return std::binary_search(std::begin(kOrdinaryWords), std::end(kOrdinaryWords), word);
}

// Whether `word` is `brand` with one of its letters written twice.
bool OneLetterDoubled(std::string_view word, std::string_view brand) {
  if (word.size() != brand.size() + 1) return false;
  size_t i = 0;
  while (i < brand.size() && word[i] == brand[i]) ++i;
  // word[i] is the extra letter: a double of the letter before it, or of
  // the one it stands before.
  const bool doubles =
      (i > 0 && word[i] == word[i - 1]) || (i < brand.size() && word[i] == brand[i]);
  return doubles && word.substr(i + 1) == brand.substr(i);
}

// The rules of brand_typos.h for one word of a brand, its first
// `kept_head` letters kept.
bool IsWordTypo(std::string_view word, std::string_view brand, size_t kept_head = kKeptHead) {
  if (word == brand || word.size() < kept_head || brand.size() < kept_head ||
      word.substr(0, kept_head) != brand.substr(0, kept_head)) {
    return false;
  }
  if (!IsLetters(word) || !IsLetters(brand) || IsOrdinaryWord(word)) return false;
  if (brand.size() >= 5) return OneEditApart(word, brand);
  if (brand.size() >= 3) return OneLetterDoubled(word, brand);
  return false;
}

// Up to three words of `text` (one space apart); more count as three.
size_t SplitWords(std::string_view text, std::string_view words[3]) {
  size_t count = 0;
  size_t begin = 0;
  while (begin <= text.size() && count < 3) {
    size_t end = text.find(' ', begin);
    if (end == std::string_view::npos) end = text.size();
    words[count++] = text.substr(begin, end - begin);
    begin = end + 1;
  }
  return count;
}

std::string Glued(std::string_view key) {
  std::string glued;
  std::copy_if(key.begin(), key.end(), std::back_inserter(glued), [](char c) { return c != ' '; });
  return glued;
}

// Whether a single word can carry a typo by the rules, and be probed.
bool Typable(std::string_view word) {
  return word.size() >= 3 && word.size() < kMaxProbedWord && IsLetters(word);
}

}  // namespace

bool BrandTypos::IsTypoOf(std::string_view text, std::string_view key) {
  std::string_view words[3];
  std::string_view brand[3];
  const size_t text_words = SplitWords(text, words);
  const size_t brand_words = SplitWords(key, brand);
  // "guccis", "rolexs" (Rolex's), "michael korss" (Kors's) are the brand's
  // plural or possessive, which the watchlist files as the brand itself
  // (term_inflections.h): no slip of spelling. Only the last word inflects.
  if (text_words == 1) {
    const std::string glued = brand_words == 1 ? std::string(brand[0]) : Glued(key);
    return !IsInflectionOf(words[0], glued) && IsWordTypo(words[0], glued);
  }
  if (text_words != 2 || brand_words != 2) return false;  // 3: three or more
  return (words[0] == brand[0] && !IsInflectionOf(words[1], brand[1]) &&
          IsWordTypo(words[1], brand[1], kPairKeptHead)) ||
         (words[1] == brand[1] && IsWordTypo(words[0], brand[0], kPairKeptHead));
}

void BrandTypos::HashesOf(std::string_view key, std::vector<uint64_t>* hashes) {
  const auto add = [&](uint64_t hash) { hashes->push_back(hash); };
  const auto add_word = [&](std::string_view word) {
    add(WordHash(word));
    if (word.size() >= 5) ForEachDeletionHash(word, kKeptHead, word.size(), add);
  };
  if (key.find(' ') == std::string_view::npos) {
    if (Typable(key)) add_word(key);
    return;
  }
  const std::string glued = Glued(key);
  if (Typable(glued)) add_word(glued);
  std::string_view words[3];
  if (SplitWords(key, words) != 2) return;
  if (!Typable(words[0]) && !Typable(words[1])) return;
  if (!IsLetters(words[0]) || !IsLetters(words[1]) || words[0].size() >= kMaxProbedWord ||
      words[1].size() >= kMaxProbedWord) {
    return;
  }
  // As the probe sees them: the two words as written, or one of them with
  // a letter left out.
  add(WordHash(key));
  if (words[1].size() >= 5) {
    ForEachDeletionHash(key, words[0].size() + 1 + kPairKeptHead, key.size(), add);
  }
  if (words[0].size() >= 5) ForEachDeletionHash(key, kPairKeptHead, words[0].size(), add);
}

void BrandTypos::Add(uint32_t slot, std::string_view key) {
  std::vector<uint64_t> hashes;
  HashesOf(key, &hashes);
  if (hashes.empty()) return;
  for (uint64_t hash : hashes) AddHash(hash, slot);
  if (const std::string glued = Glued(key); Typable(glued)) {
    max_word_ = std::max(max_word_, std::min(glued.size() + 1, kMaxProbedWord));
    AddHead(glued, glued.size() - 1, glued.size() + 1, heads_);
  }
  std::string_view words[3];
  if (SplitWords(key, words) == 2 && IsLetters(words[0]) && IsLetters(words[1])) {
    if (Typable(words[1])) {
      ++pair_words_[WordHash(words[0])].as_first;
      if (words[0].size() >= 2) AddHead(words[0], words[0].size(), words[0].size(), pair_heads_);
    }
    if (Typable(words[0])) {
      ++pair_words_[WordHash(words[1])].as_second;
      if (words[1].size() >= 2) AddHead(words[1], words[1].size(), words[1].size(), pair_heads_);
    }
  }
}

void BrandTypos::AddHead(std::string_view word, size_t min_size, size_t max_size,
                         uint32_t (&heads)[26 * 26]) {
  uint32_t& lengths = heads[(word[0] - 'a') * 26 + (word[1] - 'a')];
  for (size_t size = min_size; size <= max_size; ++size) {
    lengths |= uint32_t{1} << std::min<size_t>(size, 31);
  }
}

void BrandTypos::AddHash(uint64_t hash, uint32_t slot) {
  by_hash_.Insert(hash, slot);
  if (filter_.keys() < filter_.capacity()) {
    filter_.Add(hash);
    return;
  }
  // Full (counting hashes removed since, which it cannot forget): rebuilt
  // with room for half as many again, as WatchlistIndex's term filter.
  filter_.Reset(by_hash_.size() + by_hash_.size() / 2);
  by_hash_.ForEachPair([&](uint64_t key, uint32_t) { filter_.Add(key); });
}

void BrandTypos::Remove(uint32_t slot, std::string_view key) {
  std::vector<uint64_t> hashes;
  HashesOf(key, &hashes);
  if (hashes.empty()) return;
  // The filter keeps the hashes until its next rebuild: a stale bit costs
  // a lookup that finds nothing.
  for (uint64_t hash : hashes) by_hash_.Erase(hash, slot);
  std::string_view words[3];
  if (SplitWords(key, words) == 2 && IsLetters(words[0]) && IsLetters(words[1])) {
    const auto drop = [&](std::string_view word, uint32_t PairWord::*count) {
      auto it = pair_words_.find(WordHash(word));
      if (it == pair_words_.end() || it->second.*count == 0) return;
      if (--(it->second.*count) == 0 && it->second.as_first == 0 && it->second.as_second == 0) {
        pair_words_.erase(it);
      }
    };
    if (Typable(words[1])) drop(words[0], &PairWord::as_first);
    if (Typable(words[0])) drop(words[1], &PairWord::as_second);
  }
}

size_t BrandTypos::MemoryBytes() const {
  return by_hash_.MemoryBytes() + filter_.MemoryBytes() +
         pair_words_.capacity() * (sizeof(uint64_t) + sizeof(PairWord) + 1);
}

}  // namespace placi::core
