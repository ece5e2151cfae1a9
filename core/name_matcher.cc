// Candidate generation and scoring for fuzzy party names. See name_matcher.h.
#include "core/name_matcher.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/generic_name_words.h"
#include "core/normalize.h"
#include "core/recent_keys.h"
#include "core/similarity.h"
#include "core/text_cache_stats.h"

namespace placi::core {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

// FNV-1a of `token` without its byte at `skip` (skip >= size: the whole
// token), so that a deletion is hashed without being built. A token and
// the deletions of a one-letter-longer token share this key space, which is
// what lets one lookup find both.
uint64_t HashWithout(std::string_view token, size_t skip) {
  uint64_t h = kFnvOffset;
  for (size_t i = 0; i < token.size(); ++i) {
    if (i == skip) continue;
    h = (h ^ static_cast<unsigned char>(token[i])) * kFnvPrime;
  }
  return h;
}

uint64_t HashOfToken(std::string_view token) { return HashWithout(token, token.size()); }

uint64_t FnvStep(uint64_t h, char c) { return (h ^ static_cast<unsigned char>(c)) * kFnvPrime; }

void SplitTokens(std::string_view key, std::vector<std::string_view>* tokens) {
  tokens->clear();
  AppendWords(key, tokens);
}

std::vector<std::string_view> SplitTokens(std::string_view key) {
  std::vector<std::string_view> tokens;
  SplitTokens(key, &tokens);
  return tokens;
}

// A name filed under a rare near token, packed so that sorting brings a
// name's entries together: the name, whether the token is the query token
// exactly, and the query token's index (64: past the 64 that have a bit).
uint64_t RarePosting(uint32_t name, bool exact, size_t query_token) {
  return uint64_t{name} << 8 | uint64_t{exact} << 7 | std::min<size_t>(query_token, 64);
}
uint32_t NameOf(uint64_t rare_posting) { return static_cast<uint32_t>(rare_posting >> 8); }
uint64_t BitOf(uint64_t rare_posting) {
  const uint64_t query_token = rare_posting & 127;
  return query_token < 64 ? uint64_t{1} << query_token : 0;
}
bool IsExact(uint64_t rare_posting) { return (rare_posting >> 7) & 1; }
// The same posting under query token `query_token` (it was packed under 0).
uint64_t WithQueryToken(uint64_t rare_posting, size_t query_token) {
  return rare_posting | std::min<size_t>(query_token, 64);
}
uint64_t WithoutQueryToken(uint64_t rare_posting) { return rare_posting & ~uint64_t{127}; }

// Bits [0, n) for n < 64.
uint64_t LowBits(size_t n) { return (uint64_t{1} << n) - 1; }

// Words that say what a business does or how it is organised, not which
// one it is (GenericNameWords, shared with the watchlist's entry checks):
// sharing them is no evidence of being the listed party, nor lacking one
// much of not being it (see Options::common_token_weight). Every matcher
// files them in its dictionary from the start, so that the lookup every
// query token has anyway tells a query's generic words too, listed names
// carrying them or not.

// Forms of a generic word that say what it says: singular and plural, the
// abbreviations registers and labels print ("Ind.", "Indl", "Intl",
// "Mfg"). Each form (the first of a pair) is read as the word it is a form
// of (the second), in listed names and queries alike, so that "Northgate
// Industrial Supply" and "Northgate Ind. Supplies" are the listed
// "Northgate Industrial Supplies" word for word.
constexpr std::pair<std::string_view, std::string_view> kWordForms[] = {
    {"supply", "supplies"}, {"supplier", "supplies"}, {"suppliers", "supplies"},
    {"industry", "industrial"}, {"industries", "industrial"}, {"ind", "industrial"},
    {"indl", "industrial"}, {"indus", "industrial"}, {"industrias", "industrial"},
    {"trade", "trading"}, {"trader", "trading"}, {"traders", "trading"}, {"trdg", "trading"},
    {"intl", "international"}, {"groups", "group"}, {"holdings", "holding"},
    {"enterprises", "enterprise"}, {"investments", "investment"}, {"services", "service"},
    {"svc", "service"}, {"svcs", "service"}, {"imports", "import"}, {"imp", "import"},
    {"exports", "export"}, {"exp", "export"}, {"distributors", "distribution"},
    {"distributor", "distribution"}, {"manufacturer", "manufacturing"},
    {"manufacturers", "manufacturing"}, {"mfg", "manufacturing"}, {"product", "products"},
    {"electronic", "electronics"}, {"technologies", "technology"}, {"tech", "technology"},
    {"garments", "garment"}, {"textiles", "textile"}, {"stores", "store"},
    {"watches", "watch"}, {"jewelry", "jewellery"}, {"accessory", "accessories"},
    {"material", "materials"}, {"logistic", "logistics"}, {"shoe", "shoes"}, {"bag", "bags"},
    {"toy", "toys"}, {"craft", "crafts"}, {"part", "parts"}, {"equip", "equipment"},
    {"eqpt", "equipment"}, {"centre", "center"}, {"handels", "handel"}};

// Places that traders put in their names: the city or district of a
// Chinese company ("Guangzhou Baiyun … Co., Ltd.", in English often "…
// (Guangzhou) Co., Ltd." or without it), the city of a Turkish or Emirati
// one. Like generic words they do not say which company it is, but unlike
// them they weigh in full in NameSimilarity (a listed name's city left out
// or another city is a lower score): they only count as not distinctive
// where a name is told by its distinctive words (see Find's `review`).
constexpr std::string_view kPlaceNameWords[] = {
    "china", "shenzhen", "guangzhou", "dongguan", "foshan", "yiwu", "jinhua", "shanghai",
    "beijing", "hangzhou", "ningbo", "wenzhou", "xiamen", "quanzhou", "putian", "jinjiang",
    "fuzhou", "tianjin", "qingdao", "suzhou", "wuxi", "nanjing", "chengdu", "chongqing",
    "wuhan", "shantou", "zhongshan", "zhuhai", "huizhou", "jiangmen", "changsha", "zhengzhou",
    "hefei", "dalian", "baiyun", "tianhe", "haizhu", "panyu", "yuexiu", "liwan", "huadu",
    "futian", "luohu", "nanshan", "longgang", "baoan", "longhua", "hong", "kong", "hongkong",
    "hk", "kowloon", "macau", "macao", "turkey", "turkiye", "istanbul", "izmir", "ankara",
    "bursa", "antalya", "gaziantep", "denizli", "dubai", "sharjah", "ajman", "uae", "india",
    "mumbai", "delhi", "surat", "jaipur", "singapore", "vietnam", "hanoi", "karachi", "lahore",
    "asia", "pacific", "europe"};

// The query tokens (bits as in Near) that each of a few hundred names is
// found under, in an open-addressing table: the fallback's ~180 names a
// lookup, whose postings a sort (to bring each name's together) cost more
// than the record reads it saved.
class SharedTokenTally {
 public:
  // Empties the table, sized for up to `names` names.
  void Reset(size_t names) {
    size_t size = 16;
    while (size < 2 * names) size *= 2;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
  }
  void Add(uint32_t name, uint64_t bit) {
    Slot& slot = SlotOf(name);
    slot.name_plus_one = name + 1;
    slot.bits |= bit;
  }
  // Adds `bit` only to a name already in the table.
  void AddIfTallied(uint32_t name, uint64_t bit) {
    Slot& slot = SlotOf(name);
    if (slot.name_plus_one != 0) slot.bits |= bit;
  }
  template <typename Visit>
  void ForEach(Visit visit) const {
    for (const Slot& slot : slots_) {
      if (slot.name_plus_one != 0) visit(slot.name_plus_one - 1, slot.bits);
    }
  }

 private:
  struct Slot {
    uint32_t name_plus_one = 0;  // 0: empty
    uint64_t bits = 0;
  };
  // The name's slot, or the empty one where it would go.
  Slot& SlotOf(uint32_t name) {
    size_t at = (uint64_t{name} * 0x9E3779B97F4A7C15ull) >> 32 & mask_;
    while (slots_[at].name_plus_one != 0 && slots_[at].name_plus_one != name + 1) {
      at = (at + 1) & mask_;
    }
    return slots_[at];
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

// Generations of matchers and epochs of token caches, unique in the process.
uint64_t NextStamp() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

// What the dictionary holds near each of the query tokens seen lately, kept
// per thread: a parcel's names are made of tokens that come back all the
// time (first names, surnames, cities, "trading"), and finding what is near
// one costs a probe of the deletion map per letter, each a cache miss into
// a map of hundreds of megabytes, then a read of every token found. An
// entry holds what Find reads of those: the near tokens in SimilarTokens'
// order, whether each is the query token exactly, how many names carry it,
// and the names under the rare ones, in the order Find lists them, so that
// Find builds the same lists from either. Emptied when the matcher changes
// (its generation) and when full.
struct NameMatcher::TokenCache {
  struct NearToken {
    uint32_t token;
    uint32_t postings;  // names carrying it
    bool exact;
    bool distinctive;  // Near::distinctive
    bool place;        // Near::place
    bool form;         // Near::form
    float weight;      // WeightOf the token
  };
  struct Entry {
    uint32_t first_near;
    uint32_t near_count;
    uint32_t first_posting;
    uint32_t posting_count;
  };
  // Longer tokens are looked up every time: the key is the token itself,
  // and 8,192 tokens at the 512-byte limit of a name would keep 4 MB a
  // thread. Name tokens are rarely longer than 20 bytes.
  static constexpr size_t kMaxTokenBytes = 32;

  uint64_t generation = 0;  // of the matcher the entries are from
  uint64_t epoch = 0;       // changes with every Clear (Query::cache_epoch)
  RecentKeys by_token;  // → into entries
  std::vector<Entry> entries;
  std::vector<NearToken> near;
  std::vector<uint64_t> postings;  // RarePosting(name, exact, 0)

  // This thread's cache, emptied first when its entries are from another
  // generation.
  static TokenCache& For(uint64_t generation) {
    thread_local TokenCache cache;
    if (cache.generation != generation) {
      cache.Clear();
      cache.generation = generation;
    }
    return cache;
  }
  void Clear() {
    by_token.Clear();
    entries.clear();
    near.clear();
    postings.clear();
    epoch = NextStamp();
  }
  uint32_t Find(std::string_view token) const {
    const uint32_t at = by_token.Find(token);
    return at == RecentKeys::kNone ? kNone : at;
  }
  // Files what was found near `token`: its near tokens and how many names
  // carry each, and its rare postings (packed under query token 0). Keeps
  // at most `max_tokens` tokens, 4 near tokens and 8 postings a token on
  // average, emptied when one more would not fit (a clear costs the next
  // few parcels their lookups).
  void Add(std::string_view token, std::span<const Near> found, std::span<const uint32_t> counts,
           std::span<const uint64_t> rare, size_t max_tokens) {
    if (token.size() > kMaxTokenBytes) return;
    const size_t max_near = 4 * max_tokens;
    const size_t max_postings = 8 * max_tokens;
    if (max_tokens == 0 || found.size() > max_near || rare.size() > max_postings) return;
    if (by_token.size() >= max_tokens || near.size() + found.size() > max_near ||
        postings.size() + rare.size() > max_postings) {
      Clear();
    }
    if (!by_token.Add(token, static_cast<uint32_t>(entries.size()))) {
      return;  // a token twice in one query
    }
    entries.push_back(Entry{static_cast<uint32_t>(near.size()), static_cast<uint32_t>(found.size()),
                            static_cast<uint32_t>(postings.size()),
                            static_cast<uint32_t>(rare.size())});
    for (size_t i = 0; i < found.size(); ++i) {
      near.push_back(NearToken{found[i].token, counts[i], found[i].exact, found[i].distinctive,
                               found[i].place, found[i].form, found[i].weight});
    }
    for (uint64_t posting : rare) postings.push_back(WithoutQueryToken(posting));
  }
};

// The vectors one Find call works in. Find runs for every party name of
// every parcel: kept per thread, they stop allocating once grown.
struct NameMatcher::Scratch {
  std::vector<Near> near;
  std::vector<uint32_t> near_postings;  // names carrying each near token, as `near`
  std::vector<uint64_t> probes;         // of cached tokens whose entries are gone
  std::vector<Near> common_near;  // those carried by more than rare_postings names
  std::vector<uint32_t> similar;
  std::vector<uint64_t> rare_postings;  // RarePosting of each name under a rare near token
  std::vector<Candidate> candidates;
  std::vector<size_t> common_postings;
  SharedTokenTally shared_tokens;  // the fallback's (see Find)
  std::vector<size_t> first_similar;
  std::vector<uint32_t> scored;
  std::vector<size_t> order;
  std::vector<Ranked> ranked;
  std::vector<std::string_view> key;
  std::vector<float> key_weights;    // of `key`'s tokens
  std::vector<float> query_weights;  // of the query's tokens (see Near::weight)
  // The query's tokens as scored: each as written, or the word it is a
  // form of (kWordForms: "supply" → "supplies").
  std::vector<std::string_view> words;
  // A bit per query token (the first 64) that is distinctive: neither a
  // generic word nor a place (a token no listed name carries is).
  uint64_t distinctive_query = 0;
  uint64_t place_query = 0;  // a bit per query token that is a place
  // Per query token looked up in the dictionary: where its near tokens and
  // rare postings start in `near` and `rare_postings` (ends: the next's).
  std::vector<size_t> first_near;
  std::vector<size_t> first_rare;
};

NameMatcher::NameMatcher(Options options) : options_(options), generation_(NextStamp()) {
  for (std::string_view word : GenericNameWords()) tokens_[InternToken(word)].generic = true;
  for (std::string_view word : kPlaceNameWords) tokens_[InternToken(word)].place = true;
  for (const auto& [form, word] : kWordForms) {
    const uint32_t form_id = InternToken(form);
    const uint32_t word_id = InternToken(word);
    tokens_[form_id].generic = true;
    tokens_[word_id].generic = true;
    tokens_[form_id].form_of = word_id;
  }
}

uint32_t NameMatcher::FindToken(std::string_view token) const {
  uint32_t found = kNone;
  token_by_hash_.ForEach(HashOfToken(token), [&](uint32_t id) {
    if (tokens_[id].text == token) found = id;
  });
  return found;
}

uint32_t NameMatcher::InternToken(std::string_view token) {
  if (uint32_t id = FindToken(token); id != kNone) return id;
  uint32_t id;
  if (!free_tokens_.empty()) {
    id = free_tokens_.back();
    free_tokens_.pop_back();
    tokens_[id].text.assign(token);
  } else {
    id = static_cast<uint32_t>(tokens_.size());
    tokens_.push_back(Token{std::string(token), {}});
  }
  std::vector<uint64_t> hashes;
  ProbeHashes(token, &hashes);
  token_by_hash_.InsertAll(hashes, id);
  return id;
}

void NameMatcher::ReleaseToken(uint32_t id) {
  Token& token = tokens_[id];
  std::vector<uint64_t> hashes;
  ProbeHashes(token.text, &hashes);
  for (uint64_t hash : hashes) token_by_hash_.Erase(hash, id);
  token.text = std::string();  // give the heap block back
  token.postings = {};
  token.generic = false;
  token.place = false;
  token.form_of = kNone;
  free_tokens_.push_back(id);
}

void NameMatcher::Add(uint32_t name, std::string_view name_key) {
  const std::vector<std::string_view> tokens = SplitTokens(name_key);
  if (tokens.empty()) return;
  generation_ = NextStamp();
  // Each token filed as the word it is a form of ("supply" as "supplies").
  // A name must not be filed twice under one token (Remove's swap would
  // lose track): two forms of one word, or a key that is no NameKey.
  std::vector<uint32_t> ids;
  ids.reserve(tokens.size());
  for (std::string_view token : tokens) {
    const uint32_t id = InternToken(token);
    ids.push_back(tokens_[id].form_of != kNone ? tokens_[id].form_of : id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (name >= names_.size()) names_.resize(name + 1);
  NameRecord& record = names_[name];
  record.first = static_cast<uint32_t>(name_tokens_.size());
  record.count = static_cast<uint16_t>(std::min<size_t>(ids.size(), UINT16_MAX));
  for (size_t i = 0; i < record.count; ++i) {
    const uint32_t token = ids[i];
    auto& postings = tokens_[token].postings;
    name_tokens_.push_back(NameToken{token, static_cast<uint32_t>(postings.size())});
    postings.push_back(name);
  }
  ++live_names_;
}

void NameMatcher::Remove(uint32_t name) {
  if (name >= names_.size() || names_[name].count == 0) return;
  generation_ = NextStamp();
  NameRecord& record = names_[name];
  for (size_t i = record.first; i < record.first + record.count; ++i) {
    const NameToken removed = name_tokens_[i];
    auto& postings = tokens_[removed.token].postings;
    // Swap-remove, and tell the name moved into the gap where it now is.
    const uint32_t moved = postings.back();
    postings[removed.position] = moved;
    postings.pop_back();
    if (moved != name) {
      const NameRecord& other = names_[moved];
      for (size_t j = other.first; j < other.first + other.count; ++j) {
        if (name_tokens_[j].token == removed.token) name_tokens_[j].position = removed.position;
      }
    }
    const Token& emptied = tokens_[removed.token];
    if (postings.empty() && !emptied.generic && !emptied.place) ReleaseToken(removed.token);
  }
  dead_name_tokens_ += record.count;
  record = NameRecord{};
  --live_names_;
  if (dead_name_tokens_ > 1024 && dead_name_tokens_ * 2 > name_tokens_.size()) {
    CompactNameTokens();
  }
}

void NameMatcher::CompactNameTokens() {
  std::vector<NameToken> compacted;
  compacted.reserve(name_tokens_.size() - dead_name_tokens_);
  for (NameRecord& record : names_) {
    if (record.count == 0) continue;
    const uint32_t first = static_cast<uint32_t>(compacted.size());
    compacted.insert(compacted.end(), name_tokens_.begin() + record.first,
                     name_tokens_.begin() + record.first + record.count);
    record.first = first;
  }
  name_tokens_ = std::move(compacted);
  dead_name_tokens_ = 0;
}

std::string NameMatcher::KeyOf(uint32_t name) const {
  if (name >= names_.size()) return "";
  const NameRecord& record = names_[name];
  std::vector<std::string_view> tokens;
  for (size_t i = record.first; i < record.first + record.count; ++i) {
    tokens.push_back(tokens_[name_tokens_[i].token].text);
  }
  std::sort(tokens.begin(), tokens.end());
  std::string key;
  for (std::string_view token : tokens) {
    if (!key.empty()) key.push_back(' ');
    key.append(token);
  }
  return key;
}

void NameMatcher::ProbeHashes(std::string_view token, std::vector<uint64_t>* out) const {
  out->push_back(HashOfToken(token));
  if (token.size() < options_.min_fuzzy_token_chars) return;
  // HashWithout(token, i) for each i: the hash of the bytes before i is
  // carried along, so each deletion costs only the bytes after it.
  uint64_t prefix = kFnvOffset;
  for (size_t i = 0; i < token.size(); ++i) {
    uint64_t h = prefix;
    for (size_t j = i + 1; j < token.size(); ++j) h = FnvStep(h, token[j]);
    out->push_back(h);
    prefix = FnvStep(prefix, token[i]);
  }
}

void NameMatcher::SimilarTokens(std::string_view token, const uint64_t* hashes,
                                std::vector<uint32_t>* out) const {
  const size_t first = out->size();
  const bool fuzzy = token.size() >= options_.min_fuzzy_token_chars;
  // The query itself: an equal dictionary token, or (fuzzy) one with a
  // letter more whose deletion is the query.
  token_by_hash_.ForEach(hashes[0], [&](uint32_t id) {
    if (fuzzy || tokens_[id].text == token) out->push_back(id);
  });
  if (fuzzy) {
    // Each deletion of the query: a dictionary token with a letter less,
    // or one with a letter changed (or two swapped), sharing that deletion.
    for (size_t i = 0; i < token.size(); ++i) {
      token_by_hash_.ForEach(hashes[1 + i], [&](uint32_t id) { out->push_back(id); });
    }
  }
  std::sort(out->begin() + first, out->end());
  out->erase(std::unique(out->begin() + first, out->end()), out->end());
}

void NameMatcher::Find(std::string_view name_key, double threshold, std::vector<Match>* out,
                       std::vector<Match>* review) const {
  thread_local Query query;
  Prepare(name_key, &query);
  Find(query, threshold, out, review);
}

void NameMatcher::Prepare(std::string_view name_key, Query* query) const {
  SplitTokens(name_key, &query->tokens);
  // The map lookups of all query tokens do not depend on each other: their
  // hashes come first and their cache lines are requested at once, so that
  // the misses into a map far bigger than the cache overlap. Tokens this
  // thread looked up lately need no lookup.
  query->probes.clear();
  query->first_probe.clear();
  query->cached.clear();
  if (live_names_ == 0) return;
  const TokenCache& cache = TokenCache::For(generation_);
  query->cache_epoch = cache.epoch;
  for (std::string_view token : query->tokens) {
    query->cached.push_back(cache.Find(token));
    query->first_probe.push_back(query->probes.size());
    if (query->cached.back() == kNone) ProbeHashes(token, &query->probes);
  }
  for (uint64_t hash : query->probes) token_by_hash_.Prefetch(hash);
}

void NameMatcher::Find(const Query& prepared, double threshold, std::vector<Match>* out,
                       std::vector<Match>* review) const {
  thread_local Scratch scratch;
  const std::vector<std::string_view>& query = prepared.tokens;
  if (query.empty() || live_names_ == 0) return;

  // Every dictionary token near a query token, with the query token it is
  // near (a bit each; a name longer than 64 tokens counts its first 64) and
  // whether it is that token exactly.
  std::vector<Near>& near = scratch.near;
  std::vector<uint32_t>& similar = scratch.similar;
  std::vector<uint64_t>& rare_postings = scratch.rare_postings;
  std::vector<Candidate>& candidates = scratch.candidates;
  std::vector<Near>& common_near = scratch.common_near;
  near.clear();
  similar.clear();
  rare_postings.clear();
  candidates.clear();
  common_near.clear();
  // Postings of the common near tokens, by query token (for the fallback).
  std::vector<size_t>& common_postings = scratch.common_postings;
  common_postings.assign(query.size(), 0);
  // The query tokens found in this thread's cache (all of them looked up
  // afresh when its entries are gone since Prepare), then the others.
  TokenCache& cache = TokenCache::For(generation_);
  const bool cache_kept = prepared.cache_epoch == cache.epoch;
  const auto cached = [&](size_t q) { return cache_kept ? prepared.cached[q] : kNone; };
  std::vector<uint64_t>& probes = scratch.probes;
  probes.clear();
  // Then the tokens found, all requested before any is read.
  std::vector<size_t>& first_similar = scratch.first_similar;
  first_similar.clear();
  for (size_t q = 0; q < query.size(); ++q) {
    first_similar.push_back(similar.size());
    // Counted here, not in Prepare: an entry found there is used only if
    // the cache was not emptied since (by the Find of another name of the
    // same parcel filling it).
    if (cached(q) != kNone) {
      CountTextCacheLookup(TextCache::kNameTokens, CacheResult::kHit);
      continue;
    }
    const bool kept = options_.cached_tokens > 0 && query[q].size() <= TokenCache::kMaxTokenBytes;
    CountTextCacheLookup(TextCache::kNameTokens, kept ? CacheResult::kMiss : CacheResult::kNotCached);
    const uint64_t* token_probes = prepared.probes.data() + prepared.first_probe[q];
    if (prepared.cached[q] != kNone) {  // not probed by Prepare
      probes.clear();
      ProbeHashes(query[q], &probes);
      token_probes = probes.data();
    }
    SimilarTokens(query[q], token_probes, &similar);
  }
  first_similar.push_back(similar.size());
  for (uint32_t token : similar) PrefetchCacheLine(&tokens_[token]);
  std::vector<uint32_t>& near_postings = scratch.near_postings;
  near_postings.clear();
  std::vector<size_t>& first_near = scratch.first_near;
  std::vector<size_t>& first_rare = scratch.first_rare;
  first_near.clear();
  first_rare.clear();
  // A query token weighs what the dictionary token equal to it weighs; one
  // that no listed name carries is no common word among them.
  std::vector<float>& query_weights = scratch.query_weights;
  query_weights.assign(query.size(), 1.0f);
  std::vector<std::string_view>& words = scratch.words;
  words.assign(query.begin(), query.end());
  scratch.distinctive_query = query.size() >= 64 ? ~uint64_t{0} : LowBits(query.size());
  scratch.place_query = 0;
  for (size_t q = 0; q < query.size(); ++q) {
    const uint64_t bit = q < 64 ? uint64_t{1} << q : 0;
    first_near.push_back(near.size());
    first_rare.push_back(rare_postings.size());
    // Common near tokens bring no candidates; the rare ones bring their names.
    // The token equal to the query token (or to the word it is a form of)
    // gives it its weight, whether it is distinctive, and the word scored.
    // A token one edit from a form of a generic word ("jewlery" from
    // "jewelry") is scored as the word ("jewellery") unless the query token
    // is in the dictionary itself.
    bool exact_seen = false;
    const auto add_near = [&](uint32_t token, bool exact, size_t postings, float weight,
                              bool distinctive, bool place, bool form) {
      near.push_back(Near{token, exact, bit, weight, distinctive, place, form});
      if (exact) {
        exact_seen = true;
        query_weights[q] = weight;
        if (!distinctive) scratch.distinctive_query &= ~bit;
        if (place) scratch.place_query |= bit;
        words[q] = form ? std::string_view(tokens_[token].text) : query[q];
      } else if (form && !exact_seen) {
        words[q] = tokens_[token].text;
      }
      near_postings.push_back(static_cast<uint32_t>(postings));
      if (postings > options_.rare_postings) {
        common_postings[q] += postings;
        common_near.push_back(near.back());
      }
    };
    if (const uint32_t entry = cached(q); entry != kNone) {
      const TokenCache::Entry& e = cache.entries[entry];
      for (size_t n = e.first_near; n < e.first_near + e.near_count; ++n) {
        const TokenCache::NearToken& found = cache.near[n];
        add_near(found.token, found.exact, found.postings, found.weight, found.distinctive,
                 found.place, found.form);
      }
      for (size_t p = e.first_posting; p < e.first_posting + e.posting_count; ++p) {
        rare_postings.push_back(WithQueryToken(cache.postings[p], q));
      }
      continue;
    }
    for (size_t s = first_similar[q]; s < first_similar[q + 1]; ++s) {
      uint32_t token = similar[s];
      const bool exact = tokens_[token].text == query[q];
      const bool form = tokens_[token].form_of != kNone;
      if (form) token = tokens_[token].form_of;
      const Token& found = tokens_[token];
      const auto& postings = found.postings;
      add_near(token, exact, postings.size(), WeightOf(found.generic, postings.size()),
               !found.generic && !found.place, found.place, form);
      if (postings.size() > options_.rare_postings) continue;
      for (uint32_t name : postings) rare_postings.push_back(RarePosting(name, exact, q));
    }
  }
  first_near.push_back(near.size());
  first_rare.push_back(rare_postings.size());
  // What the dictionary gave goes into the cache (after the loop, which
  // read entries that a full cache's clear would drop).
  for (size_t q = 0; q < query.size(); ++q) {
    if (cached(q) != kNone) continue;
    const size_t n = first_near[q];
    const size_t r = first_rare[q];
    cache.Add(query[q], std::span<const Near>(near.data() + n, first_near[q + 1] - n),
              std::span<const uint32_t>(near_postings.data() + n, first_near[q + 1] - n),
              std::span<const uint64_t>(rare_postings.data() + r, first_rare[q + 1] - r),
              options_.cached_tokens);
  }
  if (near.empty()) return;  // no query token is in the dictionary, even one edit away
  std::sort(near.begin(), near.end());

  // The candidates are the names under the rare near tokens, and those
  // postings already tell which query tokens each carries: only the common
  // near tokens are left to look up among a candidate's tokens (on a small
  // watchlist, where every token is rare, usually none).
  std::sort(rare_postings.begin(), rare_postings.end());
  for (size_t p = 0; p < rare_postings.size(); ++p) {
    const uint32_t name = NameOf(rare_postings[p]);
    if (candidates.empty() || candidates.back().name != name) candidates.push_back({name, 0, 0});
    candidates.back().shared |= BitOf(rare_postings[p]);
    if (IsExact(rare_postings[p])) candidates.back().exact |= BitOf(rare_postings[p]);
  }
  std::sort(common_near.begin(), common_near.end());

  std::vector<uint32_t>& scored = scratch.scored;
  scored.clear();
  const size_t found_before = out->size();
  if (!candidates.empty()) {
    ScoreBest(words, common_near, candidates, options_.max_candidates, /*min_shared=*/1,
              threshold, &scratch, out, review);
    if (out->size() > found_before) return;
  }

  // Fallback: the rare tokens found nothing. A name made only of common
  // tokens ("mohammed ali") is still carried by the postings of each query
  // token it shares; scan those of the rarest query tokens, within a
  // budget, and score the few names sharing most. A clean name of common
  // tokens pays for this scan, so the budget bounds it.
  std::vector<size_t>& order = scratch.order;
  order.clear();
  for (size_t q = 0; q < query.size() && q < 64; ++q) {
    if (common_postings[q] > 0) order.push_back(q);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return common_postings[a] < common_postings[b];
  });
  // Only names sharing two query tokens (one for a one-token query) are
  // scored: a clean name of common tokens then scores none, and a name at
  // the threshold shares most of the query's tokens.
  const int min_shared = query.size() > 1 ? 2 : 1;
  // When the budget covers every common query token, the postings read,
  // rare and scanned, tell each scanned name's shared query tokens in
  // full: a name sharing one is left out here, without ScoreBest reading
  // its record and tokens (on a watchlist of ~100,000 names, ~180 names a
  // lookup of which 1 or 2 share two tokens: most of a clean parcel's
  // matching). A name under rare tokens alone is no candidate here: stage
  // one ranked it.
  size_t common_total = 0;
  for (size_t q : order) common_total += common_postings[q];
  const bool tally = min_shared == 2 && common_total <= options_.fallback_postings &&
                     !options_.fallback_reads_every_candidate;
  SharedTokenTally& shared_tokens = scratch.shared_tokens;
  if (tally) shared_tokens.Reset(common_total);
  candidates.clear();
  size_t budget = options_.fallback_postings;
  for (size_t q : order) {
    if (common_postings[q] > budget) break;
    budget -= common_postings[q];
    const uint64_t bit = uint64_t{1} << q;
    for (const Near& n : near) {
      if (n.bit != bit) continue;
      const auto& postings = tokens_[n.token].postings;
      if (postings.size() <= options_.rare_postings) continue;  // scanned above
      for (uint32_t name : postings) {
        if (tally) {
          shared_tokens.Add(name, bit);
        } else {
          candidates.push_back({name, 0, 0});
        }
      }
    }
  }
  if (tally) {
    for (uint64_t posting : rare_postings) {
      shared_tokens.AddIfTallied(NameOf(posting), BitOf(posting));
    }
    shared_tokens.ForEach([&](uint32_t name, uint64_t shared) {
      const bool two_or_more = (shared & (shared - 1)) != 0;
      if (two_or_more) candidates.push_back({name, shared, 0});
    });
  }
  ScoreBest(words, near, candidates, options_.fallback_candidates, min_shared, threshold,
            &scratch, out, review);
}

void NameMatcher::ScoreBest(const std::vector<std::string_view>& query,
                            const std::vector<Near>& look_up,
                            const std::vector<Candidate>& candidates, size_t count,
                            int min_shared, double threshold, Scratch* scratch,
                            std::vector<Match>* out, std::vector<Match>* review) const {
  std::vector<uint32_t>* scored = &scratch->scored;
  // Rank by the share of both names' tokens that pair up (a query token
  // the name has, exactly or one edit away, pairs two tokens): that is
  // what NameSimilarity averages, so a name with extra tokens ranks below
  // an exact-length one sharing as many. Then tokens shared exactly; the
  // name id breaks ties so that results are stable.
  std::vector<Ranked>& ranked = scratch->ranked;
  ranked.clear();
  ranked.reserve(candidates.size());
  // A bit per token to look up, by a hash of its id: most of a candidate's
  // tokens are not among them, and the filter rules those out without the
  // binary search (which mispredicted at every step: on a small watchlist,
  // where every token is rare, dozens of candidates are ranked per lookup).
  const auto filter_bit = [](uint32_t token) {
    return uint64_t{1} << ((token * 0x9E3779B1u) >> 26);
  };
  uint64_t near_filter = 0;
  for (const Near& n : look_up) near_filter |= filter_bit(n.token);
  // Each candidate's record and then its tokens are two cache misses in a
  // row at random places of arrays of the whole watchlist's names; the
  // fallback ranks up to fallback_postings candidates (a name of common
  // words on a watchlist of ~100,000, where those words' postings fit its
  // budget). Both are requested a few candidates ahead, so that the misses
  // of several candidates overlap instead of each waiting its turn.
  constexpr size_t kRecordsAhead = 32;
  constexpr size_t kTokensAhead = 16;
  const size_t ahead = near_filter == 0 ? 0 : candidates.size();
  for (size_t c = 0; c < std::min(ahead, kRecordsAhead); ++c) {
    __builtin_prefetch(&names_[candidates[c].name]);
  }
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (c + kRecordsAhead < ahead) __builtin_prefetch(&names_[candidates[c + kRecordsAhead].name]);
    if (c + kTokensAhead < ahead) {
      const NameRecord& later = names_[candidates[c + kTokensAhead].name];
      if (later.first < name_tokens_.size()) __builtin_prefetch(&name_tokens_[later.first]);
    }
    const Candidate& candidate = candidates[c];
    const uint32_t name = candidate.name;
    const NameRecord& record = names_[name];
    uint64_t shared = candidate.shared;
    uint64_t exact = candidate.exact;
    for (size_t i = record.first; near_filter != 0 && i < record.first + record.count; ++i) {
      const uint32_t token = name_tokens_[i].token;
      if ((near_filter & filter_bit(token)) == 0) continue;
      auto it = std::lower_bound(look_up.begin(), look_up.end(), Near{token, false, 0});
      for (; it != look_up.end() && it->token == token; ++it) {
        shared |= it->bit;
        if (it->exact) exact |= it->bit;
      }
    }
    if (std::popcount(shared) < min_shared) continue;
    if (std::find(scored->begin(), scored->end(), name) != scored->end()) continue;
    ranked.push_back(Ranked{std::popcount(shared), std::popcount(exact),
                            static_cast<int64_t>(record.count + query.size()), name, shared});
  }
  // `candidates` may list a name twice (under two query tokens).
  std::sort(ranked.begin(), ranked.end(),
            [](const Ranked& a, const Ranked& b) { return a.name < b.name; });
  ranked.erase(std::unique(ranked.begin(), ranked.end(),
                           [](const Ranked& a, const Ranked& b) { return a.name == b.name; }),
               ranked.end());
  const size_t keep = std::min(ranked.size(), count);
  std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      // a.shared / a.tokens vs b.shared / b.tokens
                      const int64_t left = a.shared * b.tokens;
                      const int64_t right = b.shared * a.tokens;
                      if (left != right) return left > right;
                      if (a.exact != b.exact) return a.exact > b.exact;
                      return a.name < b.name;
                    });

  std::vector<std::string_view>& key = scratch->key;
  std::vector<float>& key_weights = scratch->key_weights;
  for (size_t c = 0; c < keep; ++c) {
    const NameRecord& record = names_[ranked[c].name];
    key.clear();
    key_weights.clear();
    for (size_t i = record.first; i < record.first + record.count; ++i) {
      const Token& token = tokens_[name_tokens_[i].token];
      key.push_back(token.text);
      key_weights.push_back(WeightOf(token.generic, token.postings.size()));
    }
    scored->push_back(ranked[c].name);
    if (std::optional<double> similarity =
            NameSimilarityAtLeast(query, key, threshold, scratch->query_weights, key_weights)) {
      out->push_back(Match{ranked[c].name, *similarity});
      continue;
    }
    // Every distinctive query token near a token of the name (a test on
    // bits, which most candidates fail), then the distinctive tokens of
    // both scored alone.
    if (review != nullptr && query.size() <= 64 &&
        (scratch->distinctive_query & ~ranked[c].shared_bits) == 0 &&
        KeepsDistinctiveWords(ranked[c].name, query, scratch->distinctive_query,
                              scratch->place_query, threshold)) {
      review->push_back(Match{ranked[c].name,
                              NameSimilarity(query, key, scratch->query_weights, key_weights)});
    }
  }
}

bool NameMatcher::KeepsDistinctiveWords(uint32_t name, const std::vector<std::string_view>& query,
                                        uint64_t distinctive_query, uint64_t place_query,
                                        double threshold) const {
  const NameRecord& record = names_[name];
  const auto best_credit = [](std::string_view word, const auto& others) {
    double best = 0;
    for (std::string_view other : others) {
      if (best >= 1.0) break;
      best = std::max(best, TokenCredit(word, other));
    }
    return best;
  };
  // The name's tokens: distinctive ones, generic words, places.
  absl::InlinedVector<std::string_view, 8> listed, all, generic, places;
  for (size_t i = record.first; i < record.first + record.count; ++i) {
    const Token& token = tokens_[name_tokens_[i].token];
    all.push_back(token.text);
    (token.place ? places : token.generic ? generic : listed).push_back(token.text);
  }
  if (listed.empty()) return false;
  double sum = 0;
  size_t count = listed.size();
  for (std::string_view token : listed) {
    const double credit = best_credit(token, query);
    if (credit <= 0) return false;
    sum += credit;
  }
  absl::InlinedVector<std::string_view, 8> query_generic, query_places;
  for (size_t q = 0; q < query.size(); ++q) {
    if ((distinctive_query >> q & 1) == 0) {
      (place_query >> q & 1 ? query_places : query_generic).push_back(query[q]);
      continue;
    }
    // A distinctive query token is a listed token, or a generic one
    // misspelt.
    const double credit = best_credit(query[q], all);
    if (credit <= 0) return false;
    sum += credit;
    ++count;
  }
  if (sum < threshold * static_cast<double>(count) - 1e-9) return false;
  // Generic words only added or only dropped, and places too: a word of
  // the listed trade replaced by another ("Yunxuan Optical" / "Yunxuan
  // Jewelry", "Nur Tekstil" / "Nur Moda") or another city is another
  // business of a common name as often as the listed one.
  const auto added_and_dropped = [](const auto& listed_words, const auto& query_words) {
    const auto missing = [](const auto& from, const auto& in) {
      return std::any_of(from.begin(), from.end(), [&](std::string_view word) {
        return std::find(in.begin(), in.end(), word) == in.end();
      });
    };
    return missing(listed_words, query_words) && missing(query_words, listed_words);
  };
  return !added_and_dropped(generic, query_generic) && !added_and_dropped(places, query_places);
}

}  // namespace placi::core
