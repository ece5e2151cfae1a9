// The watchlist in memory: hash maps from normalised keys to entries, and a
// token n-gram map for terms found inside goods text, obfuscated or not
// (see TermTokens in normalize.h and LookupTerms in the .cc). Built at start from
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
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "core/consignment.h"
#include "core/name_matcher.h"
#include "core/watchlist_entry.h"

namespace placi::core {

// One entry that matched one field of a parcel.
struct WatchlistHit {
  WatchlistEntry entry;       // a copy: the index may change after Match
  std::string field;          // e.g. "consignee.phone", "items[1].description"
  std::string matched_value;  // the normalised value that matched
  double similarity = 1.0;    // below 1 for a fuzzy party-name match
};

// How WatchlistIndex::Match reads a parcel; given per call so that a rules
// reload applies at once.
struct MatchOptions {
  double name_similarity_threshold = 0.90;  // fuzzy party names
};

// Thread-safe: many Match calls run concurrently; Upsert and Delete take an
// exclusive lock for the time of the in-memory update only.
class WatchlistIndex {
 public:
  struct Options {
    // Fuzzy party-name matching (see name_matcher.h).
    NameMatcher::Options names;
  };

  WatchlistIndex() : WatchlistIndex(Options{}) {}
  explicit WatchlistIndex(Options options) : names_(options.names) {}
  WatchlistIndex(const WatchlistIndex&) = delete;
  WatchlistIndex& operator=(const WatchlistIndex&) = delete;

  // Adds or replaces entries (by id) and sets the version.
  void Upsert(absl::Span<const WatchlistEntry> entries, uint64_t version);
  // Removes entries by id (unknown ids are ignored) and sets the version.
  void Delete(absl::Span<const std::string> ids, uint64_t version);

  // Appends to `hits` every entry matching the parcel's parties, contacts,
  // tax ids, seller id and goods text (descriptions and listing URL), each
  // entry once (at its first field). Returns the version the hits are from.
  uint64_t Match(const Consignment& parcel, std::vector<WatchlistHit>* hits,
                 const MatchOptions& options = {}) const;

  uint64_t version() const;
  size_t size() const;

  // The normalised key an entry is looked up by; empty when the value
  // normalises to nothing (such an entry could never match, so intake
  // refuses it).
  static std::string KeyOf(const WatchlistEntry& entry);

 private:
  void RemoveLocked(const std::string& id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  uint32_t NewNameSlotLocked(const std::string& id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  uint64_t version_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, WatchlistEntry> by_id_ ABSL_GUARDED_BY(mu_);
  // (kind, key) → ids of entries with that key. Terms are keyed by their
  // folded token sequence and found by looking up every n-gram of goods text
  // up to max_term_tokens_.
  absl::flat_hash_map<std::string, std::vector<std::string>> by_key_ ABSL_GUARDED_BY(mu_);
  size_t max_term_tokens_ ABSL_GUARDED_BY(mu_) = 0;
  NameMatcher names_ ABSL_GUARDED_BY(mu_);
  // Party-name entries by the NameMatcher id they are filed under.
  absl::flat_hash_map<std::string, uint32_t> name_slot_by_id_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> id_by_name_slot_ ABSL_GUARDED_BY(mu_);
  std::vector<uint32_t> free_name_slots_ ABSL_GUARDED_BY(mu_);
  // Longest glued term key ("mirrorquality"): bounds the gluing of fragments.
  size_t max_glued_chars_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_WATCHLIST_INDEX_H_
