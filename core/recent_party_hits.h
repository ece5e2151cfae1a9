// A per-thread memo, for one version of a WatchlistIndex, of what matching
// a shipper found: after its normalised forms (recent_parties.h), looking up
// its name (exact, glued and a few typos away) and its address, phone,
// e-mail and tax id keys in a map of millions was ~12% of screening a
// parcel, and a shipper that comes back finds the same entries each time
// until the index changes.
//
// A party is known by the id the memo of parties gave its forms
// (NormalizedParty::memo_id: one id, one party's bytes, so one set of keys
// to look up) and the similarity threshold of the fuzzy names. Keyed by
// the keys themselves (~100 bytes to copy, hash and compare, often out of
// cache) it was ~7% of screening a parcel. What is kept is each hit's
// entry (its slot in the index), field, matched value and similarity, in
// their order. The
// index looks the consignor up first among the parcel's fields, when no
// entry has been reported yet, so the hits depend on nothing else. Only
// parties whose forms came from RecentParties are looked up and filed here
// (NormalizedParty::memo_id: they came at least twice before), so that
// a party seen for the first time, as on most parcels of a stream whose
// shippers do not repeat, costs nothing here. Emptied when the index
// changes (its generation: slots are reused after a delete) and when full.
//
//   RecentPartyHits& recent = ThreadMemo<RecentPartyHits>(generation);  // thread_memo.h
//   if (const RecentPartyHits::Entry* known = recent.Find(party, threshold)) ...
#ifndef PLACI_CORE_RECENT_PARTY_HITS_H_
#define PLACI_CORE_RECENT_PARTY_HITS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/casts.h"
#include "absl/container/flat_hash_map.h"
#include "core/normalized_parcel.h"

namespace placi::core {

class RecentPartyHits {
 public:
  struct KnownHit {
    uint32_t slot;  // the entry's slot in the index
    double similarity;
    uint32_t field_begin;  // into bytes(): the field ("consignor.name")
    uint32_t field_size;
    uint32_t value_begin;  // into bytes(): the matched value
    uint32_t value_size;
    bool review;  // WatchlistHit::review
  };
  struct Entry {
    uint32_t first_hit;
    uint32_t hit_count;
  };
  // A hit to file: the entry's slot and what the index reported.
  struct NewHit {
    uint32_t slot;
    std::string_view field;
    std::string_view value;
    double similarity;
    bool review;
  };


  // What matching `party` with `threshold` found, or nullptr. Keeps the
  // party's key for Add.
  const Entry* Find(const NormalizedParty& party, double threshold) {
    key_made_ = party.memo_id != 0;
    if (!key_made_) return nullptr;
    key_ = {party.memo_id, absl::bit_cast<uint64_t>(threshold)};
    const auto it = by_key_.find(key_);
    return it == by_key_.end() ? nullptr : &entries_[it->second];
  }
  const KnownHit& hit(uint32_t i) const { return hits_[i]; }
  std::string_view BytesOf(uint32_t begin, uint32_t size) const {
    return std::string_view(bytes_).substr(begin, size);
  }

  // Whether the party of the last Find can be filed (its forms came from
  // the memo of parties).
  bool MayFile() const { return key_made_; }

  // Files the party of the last Find with `hits`, in their order. Keeps at
  // most `max_parties` parties, emptied when one more would not fit.
  template <typename Hits>
  void Add(const Hits& hits, size_t max_parties) {
    if (max_parties == 0 || !key_made_ || hits.size() > kMaxHits) return;
    if (by_key_.size() >= max_parties || bytes_.size() > kMaxBytesPerParty * max_parties) {
      Clear();
    }
    if (!by_key_.try_emplace(key_, static_cast<uint32_t>(entries_.size())).second) return;
    entries_.push_back(
        Entry{static_cast<uint32_t>(hits_.size()), static_cast<uint32_t>(hits.size())});
    for (const NewHit& hit : hits) {
      KnownHit known{hit.slot, hit.similarity, static_cast<uint32_t>(bytes_.size()),
                     static_cast<uint32_t>(hit.field.size()), 0,
                     static_cast<uint32_t>(hit.value.size()), hit.review};
      bytes_.append(hit.field);
      known.value_begin = static_cast<uint32_t>(bytes_.size());
      bytes_.append(hit.value);
      hits_.push_back(known);
    }
  }

  size_t size() const { return by_key_.size(); }

  // Empties the memo (ThreadMemo does, on a new generation).
  void Clear() {
    by_key_.clear();
    entries_.clear();
    hits_.clear();
    bytes_.clear();
  }

 private:
  // A party with more hits than this is not kept (a handful is usual).
  static constexpr size_t kMaxHits = 16;
  // The hits' fields and values take about this much a party, on average,
  // at most.
  static constexpr size_t kMaxBytesPerParty = 256;

  // A party's memo_id and its threshold's bits.
  using Key = std::pair<uint64_t, uint64_t>;
  Key key_;  // the key of the party of the last Find
  bool key_made_ = false;
  absl::flat_hash_map<Key, uint32_t> by_key_;  // → into entries_
  std::vector<Entry> entries_;
  std::vector<KnownHit> hits_;
  std::string bytes_;  // the hits' fields and values
};

}  // namespace placi::core

#endif  // PLACI_CORE_RECENT_PARTY_HITS_H_
