// A per-thread memo, for one version of a WatchlistIndex, of what matching
// a shipper found: after its normalised forms (recent_parties.h), looking up
// its name (exact, glued and a few typos away) and its address, phone,
// e-mail and tax id keys in a map of millions was ~12% of screening a
// parcel, and a shipper that comes back finds the same entries each time
// until the index changes.
//
// A party is known by every key it is looked up by and the similarity
// threshold of the fuzzy names; what is kept is each hit's entry (its slot
// in the index), field, matched value and similarity, in their order. The
// index looks the consignor up first among the parcel's fields, when no
// entry has been reported yet, so the hits depend on nothing else. Only
// parties whose forms came from RecentParties are looked up and filed here
// (NormalizedParty::seen_lately: they came at least twice before), so that
// a party seen for the first time, as on most parcels of a stream whose
// shippers do not repeat, costs nothing here. Emptied when the index
// changes (its generation: slots are reused after a delete) and when full.
//
//   RecentPartyHits& recent = ThreadMemo<RecentPartyHits>(generation);  // thread_memo.h
//   if (const RecentPartyHits::Entry* known = recent.Find(party, threshold)) ...
#ifndef PLACI_CORE_RECENT_PARTY_HITS_H_
#define PLACI_CORE_RECENT_PARTY_HITS_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/normalized_parcel.h"
#include "core/recent_keys.h"

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
  };


  // What matching `party` with `threshold` found, or nullptr. Keeps the
  // party's key for Add.
  const Entry* Find(const NormalizedParty& party, double threshold) {
    if (!MakeKey(party, threshold)) return nullptr;
    const uint32_t at = by_key_.Find(key_);
    return at == RecentKeys::kNone ? nullptr : &entries_[at];
  }
  const KnownHit& hit(uint32_t i) const { return hits_[i]; }
  std::string_view BytesOf(uint32_t begin, uint32_t size) const {
    return std::string_view(bytes_).substr(begin, size);
  }

  // Whether the party of the last Find was short enough to be filed.
  bool MayFile() const { return key_made_; }

  // Files the party of the last Find with `hits`, in their order. Keeps at
  // most `max_parties` parties, emptied when one more would not fit.
  template <typename Hits>
  void Add(const Hits& hits, size_t max_parties) {
    if (max_parties == 0 || !key_made_ || hits.size() > kMaxHits) return;
    if (by_key_.size() >= max_parties || bytes_.size() > kMaxBytesPerParty * max_parties) {
      Clear();
    }
    if (!by_key_.Add(key_, static_cast<uint32_t>(entries_.size()))) return;
    entries_.push_back(
        Entry{static_cast<uint32_t>(hits_.size()), static_cast<uint32_t>(hits.size())});
    for (const NewHit& hit : hits) {
      KnownHit known{hit.slot, hit.similarity, static_cast<uint32_t>(bytes_.size()),
                     static_cast<uint32_t>(hit.field.size()), 0,
                     static_cast<uint32_t>(hit.value.size())};
      bytes_.append(hit.field);
      known.value_begin = static_cast<uint32_t>(bytes_.size());
      bytes_.append(hit.value);
      hits_.push_back(known);
    }
  }

  size_t size() const { return by_key_.size(); }

  // Empties the memo (ThreadMemo does, on a new generation).
  void Clear() {
    by_key_.Clear();
    entries_.clear();
    hits_.clear();
    bytes_.clear();
  }

 private:
  // Parties whose keys come to more than this are not kept (no shipper's
  // are this long).
  static constexpr size_t kMaxKeyBytes = 512;
  // A party with more hits than this is not kept (a handful is usual).
  static constexpr size_t kMaxHits = 16;
  // The hits' fields and values take about this much a party, on average,
  // at most.
  static constexpr size_t kMaxBytesPerParty = 256;

  // Writes the key of `party` and `threshold` over key_: the threshold's
  // bytes, then each key the party is looked up by, its size (2 bytes)
  // first. False when it would pass kMaxKeyBytes.
  bool MakeKey(const NormalizedParty& party, double threshold) {
    const std::string* const keys[] = {&party.name_key,  &party.glued_name, &party.address_key,
                                       &party.phone_key, &party.email_key,  &party.tax_id_key};
    size_t size = sizeof threshold;
    for (const std::string* key : keys) size += 2 + key->size();
    key_made_ = size <= kMaxKeyBytes;
    if (!key_made_) return false;
    key_.resize(size);
    char* at = key_.data();
    std::memcpy(at, &threshold, sizeof threshold);
    at += sizeof threshold;
    for (const std::string* key : keys) {
      at[0] = static_cast<char>(key->size() & 0xff);
      at[1] = static_cast<char>(key->size() >> 8);
      std::memcpy(at + 2, key->data(), key->size());
      at += 2 + key->size();
    }
    return true;
  }


  std::string key_;  // the key of the party of the last Find
  bool key_made_ = false;
  RecentKeys by_key_;  // → into entries_
  std::vector<Entry> entries_;
  std::vector<KnownHit> hits_;
  std::string bytes_;  // the hits' fields and values
};

}  // namespace placi::core

#endif  // PLACI_CORE_RECENT_PARTY_HITS_H_
