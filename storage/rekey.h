// Re-keying the holds and the decision index of a data dir written by an
// earlier version, once, when the store opens, so that every lookup after
// it needs the current key only (keys.h HoldKey, HeldWaybillKey,
// WaybillIndexKey under IndexedWaybill). Before, each lookup tried every
// layout an earlier version may have written: a parcel with no hold paid
// two or three RocksDB misses, and a blank carrier a scan of three prefixes.
//
// The layouts re-keyed (meta flags in keys.h say which are done):
//   holds      the bare house waybill (before holds were keyed by carrier);
//              (carrier_id as sent, waybill as sent) (before session 13's
//              first fold); (carrier_id as sent, the ASCII-only fold)
//              (before the Unicode fold): each to (HoldCarrierKey,
//              HoldWaybillKey) of the verdict it holds, plus the waybill's
//              HeldWaybillKey for current holds too.
//   decisions  "hawb/" + the waybill as sent + NUL + id (before the index
//              was normalised): to IndexedWaybill.
//
// Crash-safe and idempotent: each batch of keys moves in one WriteBatch (an
// old key's delete with its new key's put), and the flag is written with the
// last one. A crash leaves the keys of the batches written moved and the
// rest as they were, and the next open carries on: what is already under
// its current key is left alone. When several old keys of one carrier come
// to one current key (the waybill sent with other spellings), the latest
// verdict (the greatest decision id: ids sort by time) is kept: it is the
// hold state, as the next write of that hold would have made it. A hold on
// a blank waybill (an earlier version kept some) is left where it is: no
// lookup ever reads it, before or after.
//
//   if (absl::Status s = RekeyHolds(*db, {}); !s.ok()) return s;
//   if (absl::Status s = RekeyDecisionIndex(*db, {}); !s.ok()) return s;
#ifndef PLACI_STORAGE_REKEY_H_
#define PLACI_STORAGE_REKEY_H_

#include <cstddef>
#include <functional>

#include "absl/status/status.h"
#include "storage/database.h"

namespace placi::storage {

struct RekeyOptions {
  // Keys moved per WriteBatch (one WAL append each). Positive.
  size_t batch_keys = 4096;
  // Called after each batch but the last (the one with the flag) is
  // written; an error stops the re-keying there and is returned, as a crash
  // at that point would stop it (tests of the restart). May be empty.
  std::function<absl::Status()> after_batch = nullptr;
};

// Re-keys the holds column family unless meta keys::kHoldKeysFolded says it
// was done; also sets keys::kHoldsKeyedByCarrier, so that an earlier version
// never takes the new keys for bare waybills. DATA_LOSS for a hold whose
// verdict does not parse; other errors as FromRocksDb gives them.
absl::Status RekeyHolds(const Database& db, const RekeyOptions& options);

// Re-keys the decisions' waybill index unless meta
// keys::kDecisionIndexFolded says it was done. An index key whose decision
// is missing or unreadable is left as it is (listing never reads it again;
// the decision, if any, is still found by its id).
absl::Status RekeyDecisionIndex(const Database& db, const RekeyOptions& options);

}  // namespace placi::storage

#endif  // PLACI_STORAGE_REKEY_H_
