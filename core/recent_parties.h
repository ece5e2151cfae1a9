// A per-thread memo of the normalised forms of the parties seen lately
// (NormalizedParty: the name's fold, key and glued key, the address key,
// the phone, e-mail and tax id keys). A few e-commerce shippers send most of
// a carrier's parcels, each time with the same name, address and contacts,
// and normalising the shipper was ~20% of screening a parcel (a legal form
// to drop, a building and its number to sort). NormalizeParcel looks up the
// consignor only (see there why not the consignee).
//
// A party is found by its name, then told apart from other parties of that
// name by the bytes of every other field its forms are made from, so that a
// party found here gives exactly what normalising it gives. A party whose
// name is not here (a new consignee, on most parcels) costs a hash of its
// name. A party is filed the second time its name is seen lately (a tag per
// name in a small table, as RecentListings does for URL shapes): most
// consignees come once, and filing each would empty the memo of the
// shippers long before it filled with them.
//
//   RecentParties& recent = RecentParties::ForThisThread();
//   recent.FormsOf(party, &forms, NormalizeParty);
#ifndef PLACI_CORE_RECENT_PARTIES_H_
#define PLACI_CORE_RECENT_PARTIES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/consignment.h"
#include "core/normalized_parcel.h"
#include "core/recent_keys.h"
#include "core/seen_lately.h"

namespace placi::core {

class RecentParties {
 public:
  // Keeps up to `max_parties` (0: none), emptied when one more would not fit.
  explicit RecentParties(size_t max_parties);
  RecentParties(const RecentParties&) = delete;
  RecentParties& operator=(const RecentParties&) = delete;

  // This thread's memo, of kDefaultParties parties: room for a carrier's
  // shippers (the benchmark's generator has 5,000; at 4,096 the memo was
  // emptied every ~20,000 parcels and found 60% of them, at 8,192 90%).
  // About 0.5 KB a party.
  static constexpr size_t kDefaultParties = 8192;
  static RecentParties& ForThisThread();

  // NormalizeParty(party) over *out (its strings' room reused): copied from
  // the memo when `party` is there, with out->memo_id naming it; otherwise
  // made by `normalize` (memo_id 0) and filed when its name was seen lately
  // before.
  using Normalize = void (*)(const Party& party, NormalizedParty* out);
  void FormsOf(const Party& party, NormalizedParty* out, Normalize normalize);

  // The memo's lookup of `party` (FormsOf) waits on up to four cache misses
  // in a row: the name's slot, its bytes, the record's head and fields, its
  // forms. NormalizeParcel requests them while it normalises the consignee:
  // PrefetchSlot first, PrefetchRecord once the slot has had time to
  // arrive, FormsOf last. Each only reads; none is needed for FormsOf to be
  // right.
  void PrefetchSlot(const Party& party) const { by_name_.PrefetchSlot(party.name); }
  void PrefetchRecord(const Party& party) const;

  size_t size() const { return parties_; }

 private:
  static constexpr int kForms = 7;
  static constexpr uint32_t kNone = RecentKeys::kNone;
  // The head of a party's record in records_, followed there by its fields
  // besides the name (FieldsOf, fields_size bytes) and its seven forms back
  // to back: one record is read on a hit, not three arrays (an entry, its
  // fields, its forms), each a cache miss of its own.
  struct Head {
    uint32_t fields_size;
    std::array<uint32_t, kForms> form_sizes;
    uint32_t next;  // the record of another party of the same name, or kNone
  };
  // Parties whose fields come to more than this are not kept (no shipper's
  // are this long; intake allows fields of kilobytes).
  static constexpr size_t kMaxPartyBytes = 512;
  // Parties of one name kept at most (a common consignee's name may come
  // with many addresses; each is compared on a lookup).
  static constexpr int kMaxSameName = 4;

  Head HeadAt(uint32_t record) const;
  // Whether the fields of `party` besides its name are those filed in the
  // record at `record` (with head `head`).
  bool SameFields(uint32_t record, const Head& head, const Party& party) const;
  // The bytes a party's fields take as filed, its name included.
  static size_t FieldBytes(const Party& party);
  // Files `party` with its `forms`, after the parties of its name from the
  // record `same_name` on (kNone: none). False when its forms are too long
  // to keep.
  bool Add(const Party& party, const NormalizedParty& forms, uint32_t same_name);
  void Clear();
  // A number no other fill of any thread's memo had: the high half of the
  // memo_id of each party filed until the next Clear (its low half is the
  // offset of the party's record in records_, which only grows until then).
  static uint32_t NextFill();

  const size_t max_parties_;
  RecentKeys by_name_;  // → the record of the first party of that name
  std::string records_;  // each party's Head, fields and forms, back to back
  size_t parties_ = 0;
  SeenLately seen_{/*seed=*/0x9a7};  // the names seen lately
  uint32_t fill_ = NextFill();
};

}  // namespace placi::core

#endif  // PLACI_CORE_RECENT_PARTIES_H_
