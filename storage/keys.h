// Key layout of the placi-screen RocksDB database, in one place so that the
// writer (Apply) and the readers cannot drift apart. See store.h for the
// column families and what each key maps to.
#ifndef PLACI_STORAGE_KEYS_H_
#define PLACI_STORAGE_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/hold_key.h"
#include "core/key_hash.h"

namespace placi::storage::keys {

// Column family names.
inline constexpr char kWatchlistCf[] = "watchlist";
inline constexpr char kDecisionsCf[] = "decisions";
inline constexpr char kHoldsCf[] = "holds";
inline constexpr char kHistoryCf[] = "history";
inline constexpr char kMetaCf[] = "meta";

// meta keys.
inline constexpr char kWatchlistVersion[] = "watchlist_version";
inline constexpr char kWatchlistSeeded[] = "watchlist_seeded";
// "1" once the holds column family is keyed by (carrier, waybill) (HoldKey);
// data dirs written before keyed holds by the waybill alone, and are
// migrated once on open (rekey.h RekeyHolds).
inline constexpr char kHoldsKeyedByCarrier[] = "holds_keyed_by_carrier";
// "1" once every hold sits under its current key (HoldKey of the folded
// carrier and waybill, core/hold_key.h) beside its HeldWaybillKey, and
// "1" once every decision index key is under IndexedWaybill: data dirs of
// earlier versions are re-keyed once on open (rekey.h RekeyHolds,
// RekeyDecisionIndex), so that a lookup needs the current key only.
inline constexpr char kHoldKeysFolded[] = "hold_keys_folded";
inline constexpr char kDecisionIndexFolded[] = "decision_index_folded";
// Clustered mode (storage/outbox.h): "outbox/" + sequence (8 bytes
// big-endian) → an encoded event this node applied and has yet to publish;
// kOutboxPublishedThrough → the last sequence published (8 bytes), so that
// sequences are never reused once their records are trimmed.
inline constexpr char kOutboxPrefix[] = "outbox/";
inline constexpr char kOutboxPublishedThrough[] = "outbox_published_through";

// decisions: "id/" + decision_id → Verdict.
inline std::string DecisionKey(std::string_view decision_id) {
  std::string key = "id/";
  key.append(decision_id);
  return key;
}

// decisions: "shadow/" + decision_id → the Verdict a shadow ruleset would
// have given for that decision's parcel.
inline std::string ShadowDecisionKey(std::string_view decision_id) {
  std::string key = "shadow/";
  key.append(decision_id);
  return key;
}

// decisions: "hawb/" + house_waybill + '\0' → prefix of every index key of
// one waybill. The NUL ends the waybill so that "AB" never lists "ABC".
// The waybill is core::HoldWaybillKey's (" bbx-0000 " → "BBX0000"), or as
// sent when that is empty (a blank waybill); data dirs written before
// session 13 indexed decisions under the waybill as sent, and are re-keyed
// once on open (rekey.h RekeyDecisionIndex).
inline constexpr char kWaybillIndexPrefix[] = "hawb/";
inline std::string WaybillPrefix(std::string_view house_waybill) {
  std::string key = kWaybillIndexPrefix;
  key.append(house_waybill);
  key.push_back('\0');
  return key;
}

// The waybill a decision is indexed under: normalised as holds key it, so
// that ListDecisions finds " bbx-0000 " and "BBX0000" together. A blank
// waybill (a missing one) has no normalised form: it is indexed as sent, so
// that listing "   " is not a listing of every parcel sent without a
// waybill. `hold_waybill` is core::HoldWaybillKey(house_waybill), for a
// caller that has it already; the result points into one of the two.
inline std::string_view IndexedWaybill(std::string_view house_waybill,
                                       std::string_view hold_waybill) {
  return hold_waybill.empty() ? house_waybill : hold_waybill;
}
inline std::string IndexedWaybill(std::string_view house_waybill) {
  return std::string(IndexedWaybill(house_waybill, core::HoldWaybillKey(house_waybill)));
}

// decisions: prefix + decision_id → "". Decision ids are ULIDs, so one
// waybill's keys sort oldest first.
inline std::string WaybillIndexKey(std::string_view house_waybill,
                                   std::string_view decision_id) {
  std::string key = WaybillPrefix(house_waybill);
  key.append(decision_id);
  return key;
}

// holds: the house waybill's length (4 bytes big-endian) + house waybill
// + carrier_id → the latest Verdict that placed, kept or lifted that
// carrier's hold on the waybill. House waybill numbers are issued per
// carrier, so the pair is the key. The length rather than a separator byte
// because intake does not forbid any byte in either id (a NUL included):
// no two pairs share a key, and every carrier's hold on one waybill sits
// under HoldWaybillPrefix, for a resolve that does not name the carrier.
inline std::string HoldWaybillPrefix(std::string_view house_waybill) {
  std::string key;
  const auto size = static_cast<uint32_t>(house_waybill.size());
  for (int shift = 24; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((size >> shift) & 0xff));
  key.append(house_waybill);
  return key;
}

inline std::string HoldKey(std::string_view carrier_id, std::string_view house_waybill) {
  std::string key = HoldWaybillPrefix(house_waybill);
  key.append(carrier_id);
  return key;
}

// holds: 0xFFFFFFFF + HoldWaybillKey → "": some carrier has (or had) a hold
// on this waybill, put in the batch of every hold write. A parcel that names
// no carrier is held by any carrier's hold (core/screener.cc), and most
// waybills have none: one point lookup, which the Bloom filters answer,
// says so instead of a prefix scan (a seek in every level). The length
// field of a HoldWaybillPrefix is never 0xFFFFFFFF (a 4 GiB waybill), so no
// HoldKey begins with it and no HoldWaybillPrefix scan meets these keys.
inline constexpr char kHeldWaybillMark[] = "\xff\xff\xff\xff";
inline std::string HeldWaybillKey(std::string_view house_waybill) {
  std::string key(kHeldWaybillMark, 4);
  key.append(house_waybill);
  return key;
}
inline bool IsHeldWaybillKey(std::string_view key) {
  return key.substr(0, 4) == std::string_view(kHeldWaybillMark, 4);
}

// meta watchlist_version: 8 bytes big-endian, so that the bytes read the same
// on every machine and sort like the numbers.
inline std::string EncodeVersion(uint64_t version) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(version & 0xff);
    version >>= 8;
  }
  return out;
}

// meta: "outbox/" + sequence, 8 bytes big-endian so that keys sort in
// sequence order.
inline std::string OutboxKey(uint64_t sequence) {
  return std::string(kOutboxPrefix) + EncodeVersion(sequence);
}

// nullopt when the value is not 8 bytes.
inline std::optional<uint64_t> DecodeVersion(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t version = 0;
  for (unsigned char c : bytes) version = (version << 8) | c;
  return version;
}

// --- history: window counters (core::HistoryStore) ---------------------------
//
// One key per bucket of one counter (format 2, 21 bytes):
//   key   = bucket start, unix seconds (bucket * width), 8 bytes big-endian
//         + bucket width in seconds (window / core::kWindowBuckets), 4 bytes
//           big-endian
//         + 0x00 (tells format 2 from format 1, below)
//         + CounterKeyHash(counter key, the data dir's history key seed), 8
//           bytes big-endian
//   value = the bucket's count: int64, two's complement, 8 bytes big-endian.
// Writes are RocksDB Merges of deltas in the same encoding, summed by the
// column family's merge operator (database.cc, CountAdd) onto the base value
// (if any: older versions put absolute totals), so that each write carries
// only its own increments and concurrent batches need no order. Reads see
// the sum. Since session 9 a verdict's batch holds no bucket key: its
// increments go into one window log record (below). Until session 10 the
// window log's background fold wrote the Merges, summed over many verdicts;
// since then no bucket key is written at all: the counters' durable copy is
// a window snapshot file (window_snapshot.h) plus the log after it, and the
// first snapshot deletes the bucket keys a data dir still holds (DeleteRange
// from "" to the first log key). Bucket keys are read only from data dirs
// that have no snapshot yet.
//
// The hash stands for the counter key (often 40-80 bytes of name and
// address) because every byte of a key is copied, sorted, compressed and
// checksummed again by each WAL record, flush and compaction: a parcel
// writes ~10 of them, and they were most of the history's bytes (session 7,
// docs/performance.md). In memory the counters were already known by a hash
// alone (window_counters.h).
//
// Format 1 (data dirs written before): the counter key's own bytes in place
// of the marker and the hash (they never begin with 0x00: the pattern rules'
// keys begin with a lowercase tag, core/pattern_rules.cc). Such keys are
// still read, hashed as they load, and expire like the others; a bucket
// under both forms loads as the sum of the two. The reverse does not hold: a
// binary from before format 2 takes format 2 keys for counters of their own,
// so after a rollback the windows would count low until they roll over
// (8 days at most).
//
// Leading with the start time sorts the column family oldest first, so that
// expiring everything that started before a time is one
// DeleteRange("", HistoryTimeBound(time)).
//
//   00 00 00 00 6b 0b bf 60 | 00 00 01 2c | 00 | 5e 1f 07 c2 9a 44 d0 13  ->  00 00 00 00 00 00 00 03
//   (bucket starting 2026-11-29 06:00 UTC, 5-minute buckets, count 3)
//
// The window log (window_log.h), in the same column family after every
// bucket key: one key per record written since the last window snapshot
// (or, in a data dir of session 9, not yet folded into its buckets),
//   key   = 0xFF + sequence, 8 bytes big-endian (9 bytes)
//   value = the record's increments, window_log.h EncodeWindowLogValue
//           (a version byte, then counter hash, width, bucket and delta of
//           each).
// A bucket key begins with a bucket start below 2^63 (at most 0x7F), so log
// keys sort after all of them, an expiry range (which ends at a bucket
// start) never covers one, and a load reads the buckets first and the log
// after. The same column family keeps its cheap vector memtable and needs
// no new column family, so data dirs of earlier versions open unchanged.
// Log keys are Put once and deleted by the DeleteRange that follows the
// snapshot holding them (sequences only grow: an open continues after the
// largest sequence in the log or the snapshot). After a clean close the log
// is empty (the close takes a snapshot). A data dir left by a crash may
// hold log keys; a binary from before the log reports them as unreadable
// window counter keys (DATA_LOSS): open it once with this one, which
// snapshots them at its close, before rolling back (deploy/README.md).
//
//   ff | 00 00 00 00 00 00 12 d7  ->  01 0a 13 d0 44 9a c2 07 1f 5e ac 02 ...

// The longest window a counter may have. The pattern rules use an hour, a
// day and a week; the extra day is slack so that a rule may move to "7 days
// plus a bit" without a format change. AddAndSum refuses longer windows, and
// buckets that started more than this plus one of its buckets (8 days 16
// hours) ago are deleted: no window can still cover them.
inline constexpr int64_t kHistoryLongestWindowSeconds = 8 * 24 * 3600;

// Bytes before the counter key (format 1) or the format marker (format 2).
inline constexpr size_t kHistoryKeyHeaderSize = 12;
inline constexpr size_t kHashedHistoryKeySize = kHistoryKeyHeaderSize + 1 + 8;

// meta: the seed of CounterKeyHash for this data dir, 8 bytes big-endian,
// drawn at random when the data dir is first opened, so that someone who
// does not know it cannot choose two counter keys that collide. (One
// construction ignores the seed: a 16-byte block of the key that begins with
// the hash's 8-byte constant kSecret1, core/key_hash.h, resets its state. Those
// bytes are not valid UTF-8, and counter keys are made of request strings,
// which gRPC's proto3 parsing checks for UTF-8; even so such keys would only
// collide with each other, not with someone else's.)
inline constexpr char kHistoryKeySeed[] = "history_key_seed";

// The 64-bit hash that stands for a counter key on disk. Persisted: the
// function must never change (tests/storage/keys_test.cc pins its values).
inline uint64_t CounterKeyHash(std::string_view counter_key, uint64_t seed) {
  return core::KeyBytesHash(counter_key, seed);
}

namespace internal {
inline void AppendBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}
inline uint64_t ReadBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (unsigned char c : bytes) value = (value << 8) | c;
  return value;
}
}  // namespace internal

// Writes the format 2 key into *out (cleared first), so that a hot loop can
// reuse one buffer. bucket_start must be >= 0 and width < 2^32 (callers
// validate).
inline void HistoryKeyTo(int64_t bucket_start, int64_t width, uint64_t counter_hash,
                         std::string* out) {
  out->clear();
  out->reserve(kHashedHistoryKeySize);
  internal::AppendBigEndian(static_cast<uint64_t>(bucket_start), 8, out);
  internal::AppendBigEndian(static_cast<uint64_t>(width), 4, out);
  out->push_back('\0');
  internal::AppendBigEndian(counter_hash, 8, out);
}

inline std::string HistoryKey(int64_t bucket_start, int64_t width, uint64_t counter_hash) {
  std::string key;
  HistoryKeyTo(bucket_start, width, counter_hash, &key);
  return key;
}

// A format 1 key, as data dirs written before format 2 hold them (tests of
// the upgrade).
inline std::string Format1HistoryKey(int64_t bucket_start, int64_t width,
                                     std::string_view counter_key) {
  std::string key;
  internal::AppendBigEndian(static_cast<uint64_t>(bucket_start), 8, &key);
  internal::AppendBigEndian(static_cast<uint64_t>(width), 4, &key);
  key.append(counter_key);
  return key;
}

// The first 8 bytes of every history key of buckets starting at `start`:
// keys of earlier buckets sort before it, later or equal ones after.
inline std::string HistoryTimeBound(int64_t start) {
  std::string key;
  internal::AppendBigEndian(static_cast<uint64_t>(start), 8, &key);
  return key;
}

struct HistoryKeyParts {
  int64_t bucket_start = 0;
  int64_t width = 0;
  // Format 2: the counter key's hash. Format 1: nullopt, and counter_key is
  // the key itself (pointing into the decoded key).
  std::optional<uint64_t> counter_hash;
  std::string_view counter_key;
};

// nullopt for a key shorter than the header.
inline std::optional<HistoryKeyParts> DecodeHistoryKey(std::string_view key) {
  if (key.size() < kHistoryKeyHeaderSize) return std::nullopt;
  HistoryKeyParts parts;
  parts.bucket_start = static_cast<int64_t>(internal::ReadBigEndian(key.substr(0, 8)));
  parts.width = static_cast<int64_t>(internal::ReadBigEndian(key.substr(8, 4)));
  if (key.size() == kHashedHistoryKeySize && key[kHistoryKeyHeaderSize] == '\0') {
    parts.counter_hash = internal::ReadBigEndian(key.substr(kHistoryKeyHeaderSize + 1));
  } else {
    parts.counter_key = key.substr(kHistoryKeyHeaderSize);
  }
  return parts;
}

// history: the window log's keys (see above).
inline constexpr char kWindowLogPrefix = '\xff';
inline constexpr size_t kWindowLogKeySize = 9;

inline void WindowLogKeyTo(uint64_t sequence, std::string* out) {
  out->clear();
  out->push_back(kWindowLogPrefix);
  internal::AppendBigEndian(sequence, 8, out);
}

inline std::string WindowLogKey(uint64_t sequence) {
  std::string key;
  WindowLogKeyTo(sequence, &key);
  return key;
}

// Whether a history key is in the log's part of the column family (a bucket
// key never is).
inline bool IsWindowLogKey(std::string_view key) {
  return !key.empty() && key.front() == kWindowLogPrefix;
}

// The sequence of a log key; nullopt unless it is 0xFF and 8 bytes.
inline std::optional<uint64_t> DecodeWindowLogKey(std::string_view key) {
  if (key.size() != kWindowLogKeySize || !IsWindowLogKey(key)) return std::nullopt;
  return internal::ReadBigEndian(key.substr(1));
}

inline std::string EncodeCount(int64_t count) {
  return EncodeVersion(static_cast<uint64_t>(count));
}

// nullopt when the value is not 8 bytes.
inline std::optional<int64_t> DecodeCount(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  return static_cast<int64_t>(internal::ReadBigEndian(bytes));
}

}  // namespace placi::storage::keys

#endif  // PLACI_STORAGE_KEYS_H_
