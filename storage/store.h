// The one RocksDB database of placi-screen and every byte layout in it.
//
// Column families (keys → values, values are the public protos of proto/):
//   watchlist  entry id → placi.screening.v1.WatchlistEntry
//   decisions  "id/" + decision_id → Verdict;
//              "hawb/" + house_waybill + "\0" + decision_id → "" (index;
//              the waybill normalised, core/hold_key.h, unless blank)
//   holds      (HoldCarrierKey(carrier_id), HoldWaybillKey(house_waybill))
//              (keys.h HoldKey, core/hold_key.h) → the latest Verdict that
//              placed, kept or lifted that carrier's hold on it;
//              0xFFFFFFFF + HoldWaybillKey → "" for every waybill with a
//              hold (keys.h HeldWaybillKey)
//   (earlier versions keyed holds and the index on other spellings; their
//   data dirs are re-keyed once, at the first open, rekey.h)
//   history    window counters of core::HistoryStore, one key per bucket:
//              bucket start (8 bytes big-endian unix seconds) + bucket width
//              (4 bytes big-endian seconds) + 0x00 + counter key hash → count
//              (int64, 8 bytes big-endian, a sum of merged deltas). Time
//              first, so expiry is one DeleteRange. Since session 10 no
//              bucket keys are written (older data dirs hold them until the
//              first window snapshot): the window log, 0xFF + sequence →
//              the increments of one write since the last window snapshot
//              (window_log.h). Details in keys.h.
//   (a file)   window_snapshot beside RocksDB's files: every window counter
//              as of a window log sequence per shard (window_snapshot.h)
//   meta       "watchlist_version" → uint64 (8 bytes big-endian);
//              "watchlist_seeded" → "1" once the demo watchlist was loaded;
//              re-keying flags (keys.h kHoldKeysFolded …);
//              clustered mode: the outbox (outbox.h) and the positions in
//              the replicated log (ApplyFromLog)
//
// One apply path: every change of stored state is an Event applied by
// Apply(), which writes one atomic WriteBatch and then updates the in-memory
// WatchlistIndex. Watchlist events are synced to disk before Apply returns;
// verdicts and window increments are in the WAL (synced too when
// Options::sync_decisions).
//
// Clustered mode (storage/replication/): with Options::outbox_encoder set,
// every event applied here other than a watchlist change is also put, in the
// same batch, into the outbox for the replicator to publish; the events of
// the other replicas arrive through ApplyFromLog, the same code without the
// outbox. Watchlist changes then come only from the log, and the version is
// the log's sequence number, the same on every replica.
//
// Window counters (core::HistoryStore): the counters live in memory
// (WindowCounters, window_counters.h). On the screening path CountAndSum
// counts a parcel's increments in memory at once (parcels judged together
// see each other) and Record(verdict, counted) makes them durable in the
// verdict's own batch, as ONE window log record (a Put of ~15 bytes an
// increment, window_log.h): one WAL append per parcel, and a crash never
// keeps a verdict without its increments or the reverse. A background thread
// writes a window snapshot of the counters (window_snapshot.h) every
// Options::window_snapshot_records records (or window_snapshot_interval)
// and then drops the log records it holds with one DeleteRange; the
// destructor takes a last one, so a clean close leaves no log record to
// replay, and Open() loads the snapshot and replays what a crash left after
// it. AddAndSum (tools, tests) counts and writes at once, as a
// WindowIncrements event. A replicated log delivers the same events to
// Apply(), through the same log. Expiry: buckets out of their window are
// left out of the next snapshot (and of memory, by the sweeps); Open() also
// deletes bucket keys of older versions that started more than
// keys::kHistoryLongestWindowSeconds plus one of its buckets (8 days 16
// hours) ago.
//
//   auto store = Store::Open({.path = "data/rocksdb", .index = &index});
//   if (!store.ok()) return store.status();
//   (*store)->Apply(WatchlistUpsert{entries});
//   auto sums = (*store)->AddAndSum({{"cc|p|8613800000000", absl::Hours(24), 1}}, now);
#ifndef PLACI_STORAGE_STORE_H_
#define PLACI_STORAGE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/clock.h"
#include "core/decision_store.h"
#include "core/history_store.h"
#include "core/verdict.h"
#include "core/watchlist_entry.h"
#include "core/watchlist_index.h"
#include "storage/outbox.h"
#include "storage/window_counters.h"

namespace placi::storage {

// Events: the only way stored state changes.
// A watchlist event's `version` is 0 for "the next version", or the
// version to take (ApplyFromLog: the log's sequence number); an event whose
// version is not above the stored one was applied before and is skipped.
struct WatchlistUpsert {
  std::vector<core::WatchlistEntry> entries;
  uint64_t version = 0;
  // Empty, or WatchlistIndex::KeyOf of each entry, computed by the caller's
  // entry check (core::FindEntryViolation) so that the index need not
  // normalise every value again. Not replicated: a replica computes them.
  std::vector<std::string> keys = {};  // (an initializer: no -Wmissing-field-initializers)
};
struct WatchlistDelete {
  std::vector<std::string> ids;
  uint64_t version = 0;
};
// A verdict and everything its parcel changed, applied as ONE WriteBatch (one
// WAL append): the decision, its waybill index key, the hold state when
// verdict.hold_status is not kNone, and the window increments the parcel
// counted (may be empty). Self-contained, so that another replica applies
// it the same way; Apply() counts the increments into memory too, while the
// screening path (Record(verdict, counted)) has counted them already.
struct VerdictRecorded {
  core::Verdict verdict;
  std::vector<WindowIncrement> window_increments;
};
// What a shadow (candidate) ruleset would have decided; kept apart from the
// live log ("shadow/" keys) so that no reader mistakes it for a verdict.
struct ShadowVerdictRecorded {
  core::Verdict verdict;
};
// Deltas to window counters (WindowIncrement in window_counters.h: key,
// bucket_width_seconds, bucket, delta), applied in order in one batch.
// INVALID_ARGUMENT, with nothing applied, for a width outside
// 1..keys::kHistoryLongestWindowSeconds / core::kWindowBuckets or a negative
// bucket.
struct WindowIncrements {
  std::vector<WindowIncrement> increments;
};
using Event = std::variant<WatchlistUpsert, WatchlistDelete, VerdictRecorded, WindowIncrements, ShadowVerdictRecorded>;

// What Apply() reports back.
struct ApplyResult {
  uint64_t watchlist_version = 0;  // after the event
  uint32_t affected = 0;           // entries upserted or actually deleted;
                                   // window increments with a non-zero delta
};

// Where an event sits in a replicated log: ApplyFromLog writes `sequence`
// under meta `key`, and `origin_sequence` under `origin_key` when that is
// not empty (how far the event's origin has been applied), in the event's
// own batch.
struct LogPosition {
  std::string key;
  uint64_t sequence = 0;
  std::string origin_key;
  uint64_t origin_sequence = 0;
};

struct WatchlistPage {
  std::vector<core::WatchlistEntry> entries;
  std::string next_page_token;  // empty on the last page
};

struct WatchlistInfo {
  uint64_t entry_count = 0;
  uint64_t version = 0;
};

// RocksDB's own numbers, for monitoring. Counters count since Open; sizes
// are summed over the column families.
struct StorageStatistics {
  uint64_t block_cache_hits = 0;    // ticker rocksdb.block.cache.hit
  uint64_t block_cache_misses = 0;  // ticker rocksdb.block.cache.miss
  uint64_t write_stall_micros = 0;  // ticker rocksdb.stall.micros: writes delayed or stopped
  bool write_stopped = false;       // rocksdb.is-write-stopped
  uint64_t pending_compaction_bytes = 0;  // rocksdb.estimate-pending-compaction-bytes
  uint64_t live_sst_files_bytes = 0;      // rocksdb.live-sst-files-size
  uint64_t memtable_bytes = 0;            // rocksdb.cur-size-all-mem-tables
  uint64_t block_cache_usage_bytes = 0;   // rocksdb.block-cache-usage (the shared cache)
  uint64_t block_cache_capacity_bytes = 0;  // rocksdb.block-cache-capacity
};

class Store final : public core::DecisionStore, public core::HistoryStore {
 public:
  struct Options {
    std::string path;  // directory of the database; created if missing
    // Kept in step with every watchlist event; filled by Open() from disk.
    // Must outlive the Store. Required.
    core::WatchlistIndex* index = nullptr;
    // fsync every verdict write instead of relying on the WAL in the OS page
    // cache (which survives a process crash but not a power loss).
    bool sync_decisions = false;
    // Time for expiring window counters (at Open, in snapshots, sweeps).
    // nullptr: the real clock. Must outlive the Store.
    const core::Clock* clock = nullptr;
    // Clustered mode: encodes an event for the outbox (outbox.h); empty in
    // single-node mode (no outbox). `outbox_written` (may be empty) is
    // called after each outbox record lands, to wake the publisher.
    std::function<std::string(const Event&)> outbox_encoder = nullptr;
    std::function<void()> outbox_written = nullptr;
    // A window snapshot (window_log.h) once this many window log records
    // were written since the last one: what an open replays after a crash
    // (500,000 records: about a second). Positive.
    uint64_t window_snapshot_records = 500'000;
    // ... or this long after the last one if any record was written.
    // Positive; absl::InfiniteDuration(): never (records stay in the log,
    // also at close; tests of the replay at open), except on
    // SnapshotWindows() or CompactAll().
    absl::Duration window_snapshot_interval = absl::Minutes(2);
    // Whether closing takes a last window snapshot (false: the close leaves
    // the window log as a crash would; tests of the replay at open).
    bool window_snapshot_at_close = true;
    // Re-keying the holds and decision index of an earlier version's data
    // dir at the first open (rekey.h): keys moved per WriteBatch. Positive.
    size_t rekey_batch_keys = 4096;
    // Tests: called after each re-keying batch but the last; an error stops
    // the open there, leaving the data dir as a crash at that point would.
    std::function<absl::Status()> after_rekey_batch = nullptr;
  };

  // Opens (or creates) the database, loads the watchlist into options.index
  // and the window counters into memory (after deleting expired ones).
  // Errors name the path and the cause: FAILED_PRECONDITION for a directory
  // that is not a database of ours or is locked by another process,
  // DATA_LOSS for corruption (an unreadable history key included), INTERNAL
  // for I/O errors.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const Options& options);
  // Takes a last window snapshot, then flushes and closes the database.
  ~Store() override;

  // The single apply path. Thread-safe.
  absl::StatusOr<ApplyResult> Apply(const Event& event);

  // The same, for an event of another replica read from a replicated log:
  // never put into the outbox, and `position` is written in the event's
  // batch (a watchlist event takes position.sequence as its version
  // instead), so that a restart resumes after the last event applied.
  // Callers apply one log's events in order, from one thread. A watchlist
  // event must take the next version (FAILED_PRECONDITION for a gap: the
  // caller retries the change it failed, it never moves past it).
  absl::StatusOr<ApplyResult> ApplyFromLog(const Event& event, const LogPosition& position);

  // A meta value (a log position, an id), nullopt if never written.
  absl::StatusOr<std::optional<std::string>> GetMeta(std::string_view key) const;
  absl::Status PutMeta(std::string_view key, std::string_view value);

  // The outbox; nullptr without Options::outbox_encoder.
  Outbox* outbox();

  // Upserts `entries` unless the watchlist was seeded before (meta
  // "watchlist_seeded"); marks it seeded either way. Returns whether it
  // seeded now. Lets a first start load the demo watchlist while later
  // starts keep what admins changed, deletions included.
  absl::StatusOr<bool> SeedWatchlistOnce(const std::vector<core::WatchlistEntry>& entries);

  // Watchlist reads, from RocksDB.
  absl::StatusOr<core::WatchlistEntry> GetEntry(std::string_view id) const;  // NOT_FOUND
  // Entries in id order starting after page_token; kind filter optional.
  // INVALID_ARGUMENT for a page_size outside 1..1000.
  absl::StatusOr<WatchlistPage> ListEntries(std::optional<core::EntryKind> kind,
                                            std::string_view page_token,
                                            int page_size) const;
  WatchlistInfo GetWatchlistInfo() const;

  // RocksDB statistics and properties, read now (microseconds: in-memory
  // counters, no I/O). Thread-safe; changes nothing.
  StorageStatistics Statistics() const;

  // Compacts every column family to the bottom level and waits. For tools
  // that bulk-load a data dir (placi-bench-prefill): it leaves the files as
  // months of traffic would, instead of a backlog of level-0 files that the
  // next open compacts while it serves. Not for the serving path.
  absl::Status CompactAll();

  // Takes a window snapshot now and drops the log records it holds, as the
  // background thread does (Options::window_snapshot_records). For tests
  // and tools; CompactAll does it first.
  absl::Status SnapshotWindows();

  // core::DecisionStore. Record(verdict, counted) is Apply(VerdictRecorded{
  // verdict, counted}) for increments that CountAndSum already counted in
  // memory: the same one batch, without counting them twice.
  using core::DecisionStore::Record;
  absl::Status Record(const core::Verdict& verdict,
                      absl::Span<const WindowIncrement> counted) override;
  absl::StatusOr<std::optional<core::Verdict>> LatestHold(
      std::string_view carrier_id, std::string_view house_waybill) const override;
  absl::StatusOr<std::vector<core::Verdict>> HoldsOnWaybill(
      std::string_view house_waybill) const override;
  absl::StatusOr<core::Verdict> GetDecision(std::string_view decision_id) const override;
  // The shadow verdict recorded beside a live decision; NOT_FOUND if none.
  absl::StatusOr<core::Verdict> GetShadowDecision(std::string_view decision_id) const;
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(
      std::string_view house_waybill, std::string_view carrier_id, size_t limit,
      std::string_view before_decision_id) const override;

  // core::HistoryStore: AddAndSum below, except that the increments are
  // only counted in memory and appended to *counted, to be written with the
  // verdict (Record) or taken back (Uncount). Memory only: no RocksDB call.
  absl::StatusOr<std::vector<int64_t>> CountAndSum(absl::Span<const core::CounterUpdate> updates,
                                                   absl::Time now,
                                                   std::vector<WindowIncrement>* counted) override;
  void Uncount(absl::Span<const WindowIncrement> counted) override;

  // Applies WindowIncrements{the non-zero deltas, in the
  // bucket holding `now`} and returns each counter's sum over its current
  // bucket and the kWindowBuckets - 1 before it (and any newer, should the
  // clock have stepped back), as if the updates were applied one by one: a
  // counter named twice reads its first delta, then both. INVALID_ARGUMENT for
  // a window shorter than kWindowBuckets seconds or longer than
  // keys::kHistoryLongestWindowSeconds, or a `now` before 1970. Thread-safe;
  // memory only, plus one WAL write when a delta is non-zero.
  absl::StatusOr<std::vector<int64_t>> AddAndSum(absl::Span<const core::CounterUpdate> updates,
                                                 absl::Time now);

 private:
  class Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_STORE_H_
