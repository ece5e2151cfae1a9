// Candidate generation and scoring for fuzzy party names. See name_matcher.h.
#include "core/name_matcher.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "core/similarity.h"

namespace placi::core {
namespace {

std::vector<std::string> Tokens(std::string_view key) {
  return absl::StrSplit(absl::string_view(key.data(), key.size()), ' ', absl::SkipEmpty());
}

std::vector<std::string> Deletions(const std::string& token) {
  std::vector<std::string> out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    std::string d = token;
    d.erase(i, 1);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

void NameMatcher::Add(const std::string& id, const std::string& name_key) {
  if (name_key.empty()) return;
  key_by_id_[id] = name_key;
  for (const std::string& token : Tokens(name_key)) {
    std::vector<std::string>& ids = ids_by_token_[token];
    if (ids.empty()) AddDeletions(token);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

void NameMatcher::Remove(const std::string& id, const std::string& name_key) {
  key_by_id_.erase(id);
  for (const std::string& token : Tokens(name_key)) {
    auto it = ids_by_token_.find(token);
    if (it == ids_by_token_.end()) continue;
    std::erase(it->second, id);
    if (it->second.empty()) {
      ids_by_token_.erase(it);
      RemoveDeletions(token);
    }
  }
}

void NameMatcher::AddDeletions(const std::string& token) {
  if (token.size() < options_.min_fuzzy_token_chars) return;
  for (std::string& d : Deletions(token)) tokens_by_deletion_[std::move(d)].push_back(token);
}

void NameMatcher::RemoveDeletions(const std::string& token) {
  if (token.size() < options_.min_fuzzy_token_chars) return;
  for (const std::string& d : Deletions(token)) {
    auto it = tokens_by_deletion_.find(d);
    if (it == tokens_by_deletion_.end()) continue;
    std::erase(it->second, token);
    if (it->second.empty()) tokens_by_deletion_.erase(it);
  }
}

void NameMatcher::SimilarTokens(const std::string& token,
                                std::vector<const std::string*>* out) const {
  if (auto exact = ids_by_token_.find(token); exact != ids_by_token_.end()) {
    out->push_back(&exact->first);
  }
  if (token.size() < options_.min_fuzzy_token_chars) return;
  auto add_longer_or_same = [&](const std::string& key) {
    auto it = tokens_by_deletion_.find(key);
    if (it == tokens_by_deletion_.end()) return;
    for (const std::string& t : it->second) out->push_back(&t);
  };
  add_longer_or_same(token);  // a letter missing from the query
  for (const std::string& d : Deletions(token)) {
    // A letter too many in the query (the dictionary token is `d`) …
    if (auto shorter = ids_by_token_.find(d); shorter != ids_by_token_.end()) {
      out->push_back(&shorter->first);
    }
    add_longer_or_same(d);  // … or one letter changed, or two swapped.
  }
}

void NameMatcher::Find(std::string_view name_key, double threshold,
                       std::vector<Match>* out) const {
  const std::vector<std::string> query = Tokens(name_key);
  if (query.empty()) return;
  absl::flat_hash_map<std::string_view, int> shared_tokens;
  std::vector<const std::string*> similar;
  for (const std::string& token : query) {
    similar.clear();
    SimilarTokens(token, &similar);
    absl::flat_hash_set<std::string_view> counted;  // one count per query token
    for (const std::string* dictionary_token : similar) {
      const std::vector<std::string>& ids = ids_by_token_.at(*dictionary_token);
      if (ids.size() > options_.max_postings && query.size() > 1) continue;
      for (const std::string& id : ids) {
        if (counted.insert(id).second) ++shared_tokens[id];
      }
    }
  }
  std::vector<std::pair<std::string_view, int>> candidates(shared_tokens.begin(),
                                                           shared_tokens.end());
  const size_t keep = std::min(candidates.size(), options_.max_candidates);
  std::partial_sort(candidates.begin(), candidates.begin() + keep, candidates.end(),
                    [](const auto& a, const auto& b) { return a.second > b.second; });
  const std::vector<std::string_view> query_views(query.begin(), query.end());
  for (size_t i = 0; i < keep; ++i) {
    const std::string& key = key_by_id_.at(std::string(candidates[i].first));
    std::vector<absl::string_view> parts = absl::StrSplit(key, ' ', absl::SkipEmpty());
    std::vector<std::string_view> key_views;
    key_views.reserve(parts.size());
    for (absl::string_view p : parts) key_views.emplace_back(p.data(), p.size());
    const double similarity = NameSimilarity(query_views, key_views);
    if (similarity >= threshold) {
      out->push_back(Match{std::string(candidates[i].first), key, similarity});
    }
  }
}

}  // namespace placi::core
