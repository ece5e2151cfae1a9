// Fuzzy lookup of party names. Every dictionary token is filed under a hash
// of itself and of each of its one-letter deletions (the SymSpell idea), so
// that the tokens one typo away from a query token are found without
// building a string. Candidates come first from *rare* tokens (carried by
// at most `rare_postings` names), so that "trading", "shenzhen" or "julia"
// cost nothing: at most `max_candidates` of them, those sharing the most
// query tokens, are scored with NameSimilarity(). When none of those
// reaches the threshold (a name made only of common tokens, or a rare token
// with two typos), the postings of the rarest query tokens are scanned, up
// to `fallback_postings`, and the `fallback_candidates` names sharing most
// are scored. A name whose every token near the query is carried by more
// names than that budget is not found by a query missing its rare tokens.
// A token earns a name's score only from a token of the other name that is
// the same word, exactly or misspelt (TokenCredit in similarity.h), and
// generic business words ("trading", "industrial", "supplies", "import",
// "group", …) and tokens carried by more than `rare_postings` names weigh
// `common_token_weight` in it, so that the distinctive words decide:
// "Southgate Industrial Supplies", "Industrial Supplies Ltd" and "Kestrel
// Parts Trading" are not "Northgate Industrial Supplies FZE" or "Kestrel
// Avionics Parts Trading". The generic words are filed in the dictionary
// when the matcher is made (no name carries them until one does), so a
// query token weighs what the dictionary token equal to it weighs, found
// by the lookup it has anyway; any other token weighs 1. A form of a
// generic word ("supply", "Ind.", "Intl", "traders") is read as the word
// ("supplies", "industrial", "international", "trading"), in listed names
// and queries alike.
// A name that keeps every distinctive word of a listed one (a word that is
// neither generic nor a place where traders sit: "Guangzhou", "Istanbul",
// "Dubai"), each the same or misspelt, and adds none, is that name with
// generic words or its city added or dropped (only added, or only dropped:
// "Yunxuan Jewelry" is not "Yunxuan Optical"): "Northgate Industrial
// Supplies General Trading" or "Lucky Star Trading (Guangzhou)".
// Below the threshold, such a name (its distinctive words alone scoring at
// the threshold) is reported apart (`review`), for the caller to weigh as
// a probable, not a certain, match; "Southgate Industrial Supplies" is not
// one ("northgate" is missing).
// What the dictionary holds near a query token is kept per thread for the
// tokens seen lately (first names, surnames, cities come back all the time),
// until the matcher changes: the same answers, without the probes.
//
//   NameMatcher names({});
//   names.Add(7, NameKey("Shenzhen Fast Trading Co"));
//   names.Find(NameKey("Shenzen Fast Tradng"), 0.9, &matches);  // {7, ~0.95}
#ifndef PLACI_CORE_NAME_MATCHER_H_
#define PLACI_CORE_NAME_MATCHER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "core/hash_multimap.h"

namespace placi::core {

// Not thread-safe for writes: WatchlistIndex guards it with its own lock.
// Concurrent Find calls are fine.
class NameMatcher {
 public:
  struct Options {
    size_t max_candidates = 8;  // names scored per lookup
    // Tokens carried by more names than this ("trading", "global", a city,
    // a first name) bring no candidates; they still count in the score.
    size_t rare_postings = 64;
    size_t min_fuzzy_token_chars = 4;  // shorter tokens must match exactly
    // When the rare tokens bring no match: the postings of the rarest
    // common query tokens scanned (a token whose near postings exceed what
    // is left is skipped), and the names scored from them.
    size_t fallback_postings = 1024;
    size_t fallback_candidates = 8;
    // The fallback leaves out, before reading any record, the names that
    // its postings show to share too few query tokens. True reads every
    // candidate's record instead, as before: the same answers, slower (a
    // test's reference).
    bool fallback_reads_every_candidate = false;
    // Query tokens whose lookups a thread keeps (see TokenCache in the
    // .cc; tokens of up to 32 bytes, about 120 bytes each with their
    // lookups); 0 keeps none.
    size_t cached_tokens = 8192;
    // The weight in NameSimilarity of a generic business word or a token
    // carried by more than rare_postings names; other tokens weigh 1.
    float common_token_weight = 0.5f;
  };
  struct Match {
    uint32_t name = 0;  // as given to Add
    double similarity = 0;
  };

  explicit NameMatcher(Options options);

  // Files `name_key` (a NameKey: distinct tokens joined by one space) under
  // the caller's id `name`, which must not be filed already (Remove first).
  // An empty key is ignored.
  void Add(uint32_t name, std::string_view name_key);
  // Forgets `name`; unknown ids are ignored.
  void Remove(uint32_t name);
  // Appends the names whose NameSimilarity is at least `threshold` to
  // `out`, and, when `review` is given, the names below it that keep every
  // distinctive word of the query and the query theirs (see above) to
  // `review`, with their NameSimilarity. A name whose every token is
  // generic or a place is never such a name.
  void Find(std::string_view name_key, double threshold, std::vector<Match>* out,
            std::vector<Match>* review = nullptr) const;

  // The same lookup in two steps, so that a caller with several names
  // (a parcel's parties) requests the memory of all before it waits on any:
  // Prepare splits the key, hashes what it probes and asks the CPU for those
  // cache lines; Find(query) does the rest, with no Add or Remove between
  // them. The query views `name_key`, which must outlive it; a Query is
  // reused to stop allocating.
  class Query {
   private:
    friend class NameMatcher;
    std::vector<std::string_view> tokens;
    // Per token: its entry in this thread's TokenCache (see the .cc), or
    // kNone when it is looked up in the dictionary; only those have probes.
    std::vector<uint32_t> cached;
    uint64_t cache_epoch = 0;         // the cache's epoch when the entries were read
    std::vector<uint64_t> probes;     // ProbeHashes of each token not cached, back to back
    std::vector<size_t> first_probe;  // where each token's probes start
  };
  void Prepare(std::string_view name_key, Query* query) const;
  void Find(const Query& query, double threshold, std::vector<Match>* out,
            std::vector<Match>* review = nullptr) const;

  // The key `name` was filed with (empty for an unknown id).
  std::string KeyOf(uint32_t name) const;
  size_t size() const { return live_names_; }

 private:
  struct Token {
    std::string text;
    absl::InlinedVector<uint32_t, 2> postings;  // names carrying the token
    bool generic = false;                       // a generic business word
    bool place = false;                         // a place traders name themselves after
    // The word this token is a form of ("supply" → "supplies"), filed and
    // looked up in its place; kNone for most.
    uint32_t form_of = UINT32_MAX;
  };
  // One token of one name, and where the name sits in its postings (for a
  // swap-remove without a search).
  struct NameToken {
    uint32_t token;
    uint32_t position;
  };
  struct NameRecord {
    uint32_t first = 0;  // into name_tokens_
    uint16_t count = 0;  // 0: not filed
  };

  // A dictionary token near query token(s) `bit`, and whether it is one
  // of them exactly; sorted by token.
  struct Near {
    uint32_t token;
    bool exact;
    uint64_t bit;
    float weight = 1.0f;  // the token's in NameSimilarity (see WeightOf)
    bool distinctive = true;  // neither generic nor a place
    bool place = false;
    // The query token, or the dictionary token one edit from it, is a form
    // of this token (the token found was redirected here).
    bool form = false;
    bool operator<(const Near& other) const { return token < other.token; }
  };

  // A name to rank, with the query tokens (bits as in Near) it is already
  // known to carry.
  struct Candidate {
    uint32_t name;
    uint64_t shared;
    uint64_t exact;
  };
  // A candidate name as ScoreBest ranks it.
  struct Ranked {
    int64_t shared;
    int64_t exact;
    int64_t tokens;  // query and name tokens
    uint32_t name;
    uint64_t shared_bits;  // the query tokens it carries (bits as in Near)
  };
  struct Scratch;     // the vectors of one Find call (in the .cc)
  struct TokenCache;  // what recent query tokens found, per thread (in the .cc)

  // Scores the `count` names of `candidates` sharing most query tokens
  // (at least `min_shared`), skipping those in scratch->scored and adding
  // the ones it scores; appends those at or above `threshold` to `out`, and
  // (when given) those below it that keep the distinctive words to `review`. A
  // candidate's shared tokens are those it comes with and the tokens of
  // `look_up` (near tokens, sorted) that it carries.
  void ScoreBest(const std::vector<std::string_view>& query, const std::vector<Near>& look_up,
                 const std::vector<Candidate>& candidates, size_t count, int min_shared,
                 double threshold, Scratch* scratch, std::vector<Match>* out,
                 std::vector<Match>* review) const;
  // Whether the name has a distinctive token, each of them earns from a
  // token of `query` (TokenCredit) and each distinctive query token (bits
  // of `distinctive_query`) from one of them, and those tokens alone score
  // at least `threshold` (as NameSimilarity, every token weighing 1): a
  // name found exactly by a threshold of 1 is found so here too.
  // Generic words and places (`place_query` bits) may only be added, or
  // only dropped, each kind on its own.
  bool KeepsDistinctiveWords(uint32_t name, const std::vector<std::string_view>& query,
                             uint64_t distinctive_query, uint64_t place_query,
                             double threshold) const;
  // A dictionary token's weight in NameSimilarity, given whether it is a
  // generic word and how many names carry it.
  float WeightOf(bool generic, size_t postings) const {
    return generic || postings > options_.rare_postings ? options_.common_token_weight : 1.0f;
  }
  // The id of `token`, or kNone.
  uint32_t FindToken(std::string_view token) const;
  uint32_t InternToken(std::string_view token);
  void ReleaseToken(uint32_t token);
  // Appends the hashes a lookup of `token` probes: the token's, then (a
  // token long enough for typos) those of its one-letter deletions.
  void ProbeHashes(std::string_view token, std::vector<uint64_t>* out) const;
  // Dictionary tokens equal to `token` or one edit from it, de-duplicated;
  // `hashes` are its ProbeHashes.
  void SimilarTokens(std::string_view token, const uint64_t* hashes,
                     std::vector<uint32_t>* out) const;
  void CompactNameTokens();

  static constexpr uint32_t kNone = UINT32_MAX;

  const Options options_;
  // Changes with every Add and Remove, and is never the same for two
  // matchers (a process-wide count): a TokenCache filled under another
  // generation is stale.
  uint64_t generation_;
  std::vector<Token> tokens_;
  std::vector<uint32_t> free_tokens_;
  // Hash of every token and of each of its one-letter deletions (tokens of
  // at least min_fuzzy_token_chars) → token id.
  HashMultimap token_by_hash_;
  std::vector<NameRecord> names_;       // by name id
  std::vector<NameToken> name_tokens_;  // every name's tokens, back to back
  size_t dead_name_tokens_ = 0;         // garbage in name_tokens_ after removals
  size_t live_names_ = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_NAME_MATCHER_H_
