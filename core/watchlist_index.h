// The watchlist in memory: hash maps from normalised keys to entries, and a
// token n-gram map for terms found inside goods text, obfuscated or not
// (see TermTokens in normalize.h and CollectTerms in the .cc), and brand
// terms misspelt on purpose in goods descriptions (brand_typos.h). Built at start from
// storage and kept in step with every admin write (storage/ calls Upsert and
// Delete after its write is durable).
//
//   WatchlistIndex index;
//   index.Upsert(entries, /*version=*/1);
//   std::vector<WatchlistHit> hits;
//   index.Match(parcel, &hits);
#ifndef PLACI_CORE_WATCHLIST_INDEX_H_
#define PLACI_CORE_WATCHLIST_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "core/brand_typos.h"
#include "core/consignment.h"
#include "core/hash_multimap.h"
#include "core/key_filter.h"
#include "core/name_matcher.h"
#include "core/normalized_parcel.h"
#include "core/watchlist_entry.h"

namespace placi::core {

// One entry that matched one field of a parcel.
struct WatchlistHit {
  WatchlistEntry entry;       // a copy: the index may change after Match
  std::string field;          // e.g. "consignee.phone", "items[1].description"
  std::string matched_value;  // the normalised value that matched
  double similarity = 1.0;    // below 1 for a fuzzy party-name match
  // A brand term found misspelt on purpose in a goods description
  // ("Nikee" for Nike; see brand_typos.h): matched_value is the word(s) as
  // read.
  bool misspelt = false;
  // A party name below the similarity threshold that keeps every
  // distinctive word of the listed one, generic words or its city added,
  // dropped or changed (see name_matcher.h): a probable match, which the
  // screener refers for review rather than as the entry asks.
  bool review = false;
  // The goods item whose description the hit is in ("items[1].description"
  // is 1), else -1: read by the Screener without parsing `field`.
  int item = -1;
};

// How WatchlistIndex::Match reads a parcel; given per call so that a rules
// reload applies at once.
struct MatchOptions {
  double name_similarity_threshold = 0.90;  // fuzzy party names
  // The ruleset whose terms (SetRuleTerms) are reported; the terms of every
  // other ruleset are not. 0: no ruleset's.
  uint64_t rule_terms = 0;
};

// Thread-safe: many Match calls run concurrently; Upsert and Delete take an
// exclusive lock for the time of the in-memory update only.
class WatchlistIndex {
 public:
  struct Options {
    // Fuzzy party-name matching (see name_matcher.h).
    NameMatcher::Options names;
    // Goods descriptions (of up to 256 bytes) whose grams a thread keeps,
    // as far as the term filter lets them through (see RecentTexts in the
    // .cc), and as many shapes of listing URLs (RecentListings); 0 keeps
    // none.
    size_t cached_texts = 4096;
    // Shippers (consignors) whose hits a thread keeps (see
    // recent_party_hits.h); 0 keeps none.
    size_t cached_parties = 8192;
  };

  WatchlistIndex() : WatchlistIndex(Options{}) {}
  explicit WatchlistIndex(Options options);
  WatchlistIndex(const WatchlistIndex&) = delete;
  WatchlistIndex& operator=(const WatchlistIndex&) = delete;

  // An entry's keys as the index files it: its KeyOf and the hash of every
  // map key it goes under (its plurals, glued and Latin-reading forms too),
  // in filing order. Computing them needs no index, so Upsert does it before
  // it takes its lock, and a loader may do it on another thread than the
  // one that indexes (storage/store.cc, Load).
  struct EntryKeys {
    struct Filed {
      uint64_t hash;          // TermHash of a term's key, else KeyHash (in the .cc)
      uint32_t glued_chars;   // the size of a glued term key (it bounds gluing), else 0
      bool term;              // filed with the terms, not the other keys
    };
    std::string key;           // KeyOf(entry); empty: the entry is filed under nothing
    std::vector<Filed> filed;  // the key's own last
  };
  // A party name's key and glued form come from one fold of its value.
  static EntryKeys KeysOf(const WatchlistEntry& entry);
  // The same where KeyOf(entry) is known already (`key`).
  static EntryKeys KeysOf(const WatchlistEntry& entry, std::string key);

  // Adds or replaces entries (by id) and sets the version.
  void Upsert(absl::Span<const WatchlistEntry> entries, uint64_t version);
  // The same with each entry's KeyOf computed already (an import has it
  // from the entry check); `keys` is empty or as long as `entries`.
  void Upsert(absl::Span<const WatchlistEntry> entries, absl::Span<const std::string> keys,
              uint64_t version);
  // The same with each entry's KeysOf; `keys` is as long as `entries`.
  void Upsert(absl::Span<const WatchlistEntry> entries, absl::Span<const EntryKeys> keys,
              uint64_t version);
  // Removes entries by id (unknown ids are ignored) and sets the version.
  void Delete(absl::Span<const std::string> ids, uint64_t version);

  // Terms a ruleset carries (ScreeningConfig::counterfeit_terms, made
  // entries by the Screener), kept per ruleset: `ruleset` (a number from
  // NewRuleTermSet, one per ruleset a Screener judges by: the live one, a
  // shadow one) names them, SetRuleTerms replaces that ruleset's terms and
  // RemoveRuleTerms drops them, and Match reports only the terms of the
  // ruleset MatchOptions::rule_terms names. So a shadow ruleset is judged
  // by its own vocabulary, and two Screeners on one index keep theirs.
  // They are matched and reported as the watchlist's terms are, in the
  // same pass over goods text and behind the same filter: a ruleset's
  // terms cost a parcel nothing until one of its grams passes the filter
  // (a table per ruleset, looked up gram by gram, would cost every gram a
  // second lookup, and the per-thread memos of passed grams would differ
  // per ruleset). They are not watchlist entries: no id lookup finds them
  // (size(), Contains(), Upsert and Delete by id leave them alone) and the
  // version stays. Terms only; an entry of another kind or whose key is
  // empty is skipped.
  static uint64_t NewRuleTermSet();
  void SetRuleTerms(uint64_t ruleset, absl::Span<const WatchlistEntry> entries);
  void RemoveRuleTerms(uint64_t ruleset);

  // Appends to `hits` every entry matching the parcel's parties, contacts,
  // tax ids, seller id and goods text (descriptions and listing URL), each
  // entry once (at its first field). Returns the version the hits are from.
  // `normalized` is NormalizeParcel(parcel).
  uint64_t Match(const Consignment& parcel, const NormalizedParcel& normalized,
                 std::vector<WatchlistHit>* hits, const MatchOptions& options = {}) const;
  // The same, normalising the parcel itself.
  uint64_t Match(const Consignment& parcel, std::vector<WatchlistHit>* hits,
                 const MatchOptions& options = {}) const;
  // The brand and description terms (misspelt brands too) in
  // `description`, read as Match reads goods item `item`'s description and
  // reported at that item's field, appended to `hits`, each entry once in
  // this call. For a description read again another way (the Screener reads
  // its signs as letters, "Chan€l"): no party is looked up, no parcel
  // normalised. Returns the version the hits are from.
  uint64_t MatchDescriptionTerms(std::string_view description, int item,
                                 std::vector<WatchlistHit>* hits,
                                 const MatchOptions& options = {}) const;

  uint64_t version() const;
  size_t size() const;
  // Whether each id has an entry, in the order given. The store asks this
  // instead of reading its own copy: the index holds exactly what the store
  // committed, and answers from memory.
  std::vector<bool> Contains(absl::Span<const std::string_view> ids) const;

  // The normalised key an entry is looked up by; empty when the value
  // normalises to nothing (such an entry could never match, so intake
  // refuses it).
  static std::string KeyOf(const WatchlistEntry& entry);

 private:
  // One entry as held in memory: its four strings in one heap block, the
  // rest packed (32 bytes a slot, plus the block).
  class Slot {
   public:
    Slot() = default;
    explicit Slot(const WatchlistEntry& entry);
    bool live() const { return text_ != nullptr; }
    std::string_view id() const { return {text_.get(), id_size_}; }
    std::string_view value() const { return {text_.get() + id_size_, value_size_}; }
    EntryKind kind() const { return kind_; }
    WatchlistEntry ToEntry() const;

   private:
    std::unique_ptr<char[]> text_;  // id, value, source, note back to back
    uint32_t id_size_ = 0;
    uint32_t value_size_ = 0;
    uint32_t source_size_ = 0;
    uint32_t note_size_ = 0;
    int32_t points_ = 0;
    EntryKind kind_ = EntryKind::kPartyName;
    Referral referral_ = Referral::kNone;
  };
  static constexpr uint32_t kNoSlot = UINT32_MAX;
  static uint32_t IdHash(std::string_view id);
  // The slot holding `id` (whose IdHash is `id_hash`), or kNoSlot.
  uint32_t FindSlotLocked(std::string_view id, uint32_t id_hash) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void RemoveLocked(std::string_view id, uint32_t id_hash) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A new slot for `entry`, filed under its keys (`keys` is KeysOf(entry)),
  // not under its id.
  uint32_t AddSlotLocked(const WatchlistEntry& entry, const EntryKeys& keys)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Takes `slot` out of every map but by_id_ and frees it.
  void EraseSlotLocked(uint32_t slot) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void InsertTermKey(uint64_t hash, uint32_t slot) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RemoveRuleTermsLocked(uint64_t ruleset) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  class HitCollector;      // one Match call (in the .cc)
  struct RecentTexts;      // goods descriptions read lately, per thread (in the .cc)
  struct RecentListings;   // shapes of listing URLs read lately, per thread (in the .cc)
  struct RecentNameTexts;  // names read lately for description terms, per thread (in the .cc)

  const size_t cached_texts_;
  const size_t cached_parties_;
  mutable absl::Mutex mu_;
  uint64_t version_ ABSL_GUARDED_BY(mu_) = 0;
  // Changes with every Upsert and Delete, and is never the same for two
  // indexes (a process-wide count): RecentTexts filled under another
  // generation is stale.
  uint64_t generation_ ABSL_GUARDED_BY(mu_);
  std::vector<Slot> slots_ ABSL_GUARDED_BY(mu_);
  std::vector<uint32_t> free_slots_ ABSL_GUARDED_BY(mu_);
  // SetRuleTerms' entries: the slots of each ruleset, and the ruleset of
  // each such slot (read for term hits only: rare).
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> rule_slots_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<uint32_t, uint64_t> ruleset_of_slot_ ABSL_GUARDED_BY(mu_);
  // IdHash of each live entry's id → its slot; a hit is checked against
  // the id in the slot (32-bit hashes collide now and then: 8 bytes a
  // slot). Growing it moves pairs and never reads an id (a hash set of
  // slot numbers re-read every id, a cache miss each, and its resizes were
  // a tenth of an import's index time).
  HashMultimap32 by_id_ ABSL_GUARDED_BY(mu_);
  // Hash of (kind, key) → slots with that key (see KeyHash in the .cc);
  // a hit is checked against the entry's own keys. Terms are not here.
  HashMultimap by_key_ ABSL_GUARDED_BY(mu_);
  // Brand and description terms: hash of (glued, key) without the kind →
  // slots (see TermHash), checked like by_key_. Keyed by their folded token
  // sequence and found by looking up every n-gram of goods text up to
  // max_term_tokens_; almost every n-gram is in no term, and term_filter_
  // (every hash in by_term_, rebuilt when full) says so from the cache.
  HashMultimap by_term_ ABSL_GUARDED_BY(mu_);
  KeyFilter term_filter_ ABSL_GUARDED_BY(mu_);
  size_t max_term_tokens_ ABSL_GUARDED_BY(mu_) = 0;
  // E-mail entries that list a whole domain ("@shop.example", keyed so):
  // while there are none, a party's e-mail domain is not looked up.
  size_t email_domain_entries_ ABSL_GUARDED_BY(mu_) = 0;
  // SELLER_ID entries of one marketplace ("aliexpress:1102345678"): while
  // there are none, a parcel's seller id is looked up as written only.
  size_t platform_seller_entries_ ABSL_GUARDED_BY(mu_) = 0;
  NameMatcher names_ ABSL_GUARDED_BY(mu_);  // party names by slot
  // Longest glued term key ("mirrorquality"): bounds the gluing of fragments.
  size_t max_glued_chars_ ABSL_GUARDED_BY(mu_) = 0;
  // Brand terms by their spellings one slip off, for goods descriptions.
  BrandTypos typos_ ABSL_GUARDED_BY(mu_);
};

}  // namespace placi::core

#endif  // PLACI_CORE_WATCHLIST_INDEX_H_
