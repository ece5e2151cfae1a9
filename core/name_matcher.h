// Fuzzy lookup of party names. A token index, with every token's one-letter
// deletions (the SymSpell idea), finds the names that share a token or a
// token one typo away; NameSimilarity() then scores those candidates.
// Typos, swapped tokens and accents hit; a short common token alone does
// not, because the score averages over all tokens of both names.
//
//   NameMatcher names({});
//   names.Add("wl-1", NameKey("Shenzhen Fast Trading Co"));
//   names.Find(NameKey("Shenzen Fast Tradng"), 0.9, &matches);  // wl-1, ~0.95
#ifndef PLACI_CORE_NAME_MATCHER_H_
#define PLACI_CORE_NAME_MATCHER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace placi::core {

// Not thread-safe: WatchlistIndex guards it with its own lock.
class NameMatcher {
 public:
  struct Options {
    size_t max_candidates = 64;  // names scored per lookup, most shared tokens first
    // Tokens carried by more names than this ("trading", "global") find no
    // candidates on their own, so that a lookup stays fast at any size.
    size_t max_postings = 2000;
    size_t min_fuzzy_token_chars = 4;  // shorter tokens must match exactly
  };
  struct Match {
    std::string id;
    std::string name_key;
    double similarity = 0;
  };

  explicit NameMatcher(Options options) : options_(options) {}

  void Add(const std::string& id, const std::string& name_key);
  void Remove(const std::string& id, const std::string& name_key);
  // Appends the names whose NameSimilarity is at least `threshold`.
  void Find(std::string_view name_key, double threshold, std::vector<Match>* out) const;

 private:
  void AddDeletions(const std::string& token);
  void RemoveDeletions(const std::string& token);
  // Dictionary tokens at most one edit from `token`.
  void SimilarTokens(const std::string& token, std::vector<const std::string*>* out) const;

  const Options options_;
  absl::flat_hash_map<std::string, std::vector<std::string>> ids_by_token_;
  absl::flat_hash_map<std::string, std::vector<std::string>> tokens_by_deletion_;
  absl::flat_hash_map<std::string, std::string> key_by_id_;
};

}  // namespace placi::core

#endif  // PLACI_CORE_NAME_MATCHER_H_
