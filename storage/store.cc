// storage::Store: the apply path and the reads over the placi-screen
// database (layout in store.h and keys.h, opening in database.h).
#include "storage/store.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <iterator>
#include <limits>
#include <random>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/hold_key.h"
#include "placi/convert/convert.h"
#include "placi/convert/verdict_bytes.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/chunk_queue.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/rekey.h"
#include "storage/rocksdb_status.h"
#include "storage/window_log.h"
#include "storage/window_snapshot.h"

namespace placi::storage {
namespace {

namespace pb = ::placi::screening::v1;

absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
rocksdb::Slice AsSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// Stored values are written by this code, so one that does not parse means
// the bytes on disk changed under us (or a newer build wrote an enum this one
// does not know): DATA_LOSS, naming the record.
absl::StatusOr<core::WatchlistEntry> ParseEntry(std::string_view key, std::string_view bytes) {
  pb::WatchlistEntry proto;
  core::WatchlistEntry entry;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(
        absl::StrCat("stored watchlist entry \"", AsAbsl(key), "\" is unreadable"));
  }
  // The strings are moved out of the message and back into the entry after
  // the conversion, which then copies empty strings only: a load parses a
  // million entries, and the copies were a quarter of the conversion.
  std::string id = std::move(*proto.mutable_id());
  std::string value = std::move(*proto.mutable_value());
  std::string source = std::move(*proto.mutable_source());
  std::string note = std::move(*proto.mutable_note());
  if (convert::EntryFromProto(proto, "", &entry).has_value()) {
    return absl::DataLossError(
        absl::StrCat("stored watchlist entry \"", AsAbsl(key), "\" is unreadable"));
  }
  entry.id = std::move(id);
  entry.value = std::move(value);
  entry.source = std::move(source);
  entry.note = std::move(note);
  return entry;
}

// Window counters: how long a bucket is kept, and the widths allowed.
constexpr int64_t kMaxBucketWidth = keys::kHistoryLongestWindowSeconds / core::kWindowBuckets;
constexpr int64_t kHistoryRetentionSeconds = keys::kHistoryLongestWindowSeconds + kMaxBucketWidth;

const core::Clock* RealClock() {
  static const core::RealClock* const clock = new core::RealClock();
  return clock;
}

absl::Status CheckIncrement(const WindowIncrement& inc, size_t i) {
  if (inc.bucket_width_seconds < 1 || inc.bucket_width_seconds > kMaxBucketWidth) {
    return absl::InvalidArgumentError(
        absl::StrCat("window increment ", i, ": bucket_width_seconds must be 1..", kMaxBucketWidth,
                     ", got ", inc.bucket_width_seconds));
  }
  if (inc.bucket < 0 ||
      inc.bucket > std::numeric_limits<int64_t>::max() / inc.bucket_width_seconds) {
    return absl::InvalidArgumentError(
        absl::StrCat("window increment ", i, ": bucket out of range: ", inc.bucket));
  }
  return absl::OkStatus();
}

absl::StatusOr<core::Verdict> ParseVerdict(std::string_view what, const std::string& bytes) {
  pb::Verdict proto;
  core::Verdict verdict;
  if (!proto.ParseFromString(bytes) || !convert::VerdictFromProto(proto, &verdict)) {
    return absl::DataLossError(absl::StrCat("stored ", AsAbsl(what), " is unreadable"));
  }
  return verdict;
}

}  // namespace

class Store::Impl {
 public:
  Impl(Options options, std::unique_ptr<Database> db)
      : options_(std::move(options)),
        db_(std::move(db)),
        clock_(options_.clock != nullptr ? options_.clock : RealClock()),
        window_log_({.db = db_.get(),
                     .counters = &windows_,
                     .clock = clock_,
                     .interval = options_.window_snapshot_interval,
                     .snapshot_records = options_.window_snapshot_records,
                     .snapshot_at_stop = options_.window_snapshot_at_close}) {}
  // Takes a last window snapshot (a clean close leaves no log record to
  // replay), before the database closes.
  ~Impl() { window_log_.Stop(); }

  // Starts the window snapshots, once the store is open.
  void StartWindowLog() { window_log_.Start(); }
  absl::Status SnapshotWindows() { return window_log_.Snapshot(); }

  // Reads the version and every entry, and fills the index with them.
  absl::Status Load();
  // Loads the window snapshot (window_snapshot.h) into windows_, or with
  // none the bucket keys of older versions (after deleting expired ones),
  // then the window log's records that the snapshot does not hold.
  absl::Status LoadHistory();
  // Decodes a window log record into *logged and returns its sequence.
  // DATA_LOSS naming the data dir and the key for a record this build
  // cannot read.
  absl::StatusOr<uint64_t> DecodeLogRecord(std::string_view key, std::string_view value,
                                           std::vector<LoggedIncrement>* logged);
  // Reads this data dir's keys::kHistoryKeySeed, drawing and storing one
  // first if it has none, and hands it to the window counters.
  absl::Status LoadHistoryKeySeed();

  // Where an event comes from (clustered mode): this node, when it may go to
  // the outbox, or a replicated log, whose position rides in its batch.
  struct Origin {
    const Event* local = nullptr;
    const LogPosition* position = nullptr;
  };
  // Adds the outbox record or the log position to `batch`; returns the
  // outbox sequence taken (0: none), for FinishOrigin after the write.
  uint64_t AddOrigin(const Origin& origin, rocksdb::WriteBatch* batch);
  void FinishOrigin(uint64_t outbox_sequence, bool written) {
    if (outbox_sequence != 0) outbox_->Done(outbox_sequence, written);
  }
  absl::Status OpenOutbox();
  Outbox* outbox() { return outbox_.get(); }
  absl::StatusOr<std::optional<std::string>> GetMeta(std::string_view key) const;
  absl::Status PutMeta(std::string_view key, std::string_view value);

  // `from_log`: `version` is a log sequence and must be the next version
  // (a gap means a change this replica never applied). `keys`: see
  // WatchlistUpsert.
  absl::StatusOr<ApplyResult> Upsert(const std::vector<core::WatchlistEntry>& entries,
                                     absl::Span<const std::string> keys, uint64_t version,
                                     bool from_log = false);
  absl::StatusOr<ApplyResult> Delete(const std::vector<std::string>& ids, uint64_t version,
                                     bool from_log = false);
  // FAILED_PRECONDITION when a log sequence skips a version.
  absl::Status CheckNoGapLocked(uint64_t version, bool from_log)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(watchlist_mu_);
  // The VerdictRecorded event: one batch with the decision, index, hold
  // and window increments. `count_in_memory`: add the increments to the
  // in-memory counters too (false when CountAndSum already did).
  absl::StatusOr<ApplyResult> RecordVerdict(const core::Verdict& verdict,
                                            absl::Span<const WindowIncrement> increments,
                                            bool count_in_memory, const Origin& origin);
  absl::StatusOr<ApplyResult> RecordShadowVerdict(const core::Verdict& verdict,
                                                  const Origin& origin);
  // The events other than watchlist changes (verdicts, windows, shadow
  // verdicts), from this node or from a log.
  absl::StatusOr<ApplyResult> ApplyRecord(const Event& event, const Origin& origin);
  absl::StatusOr<core::Verdict> ReadVerdict(const std::string& key, std::string_view what) const;
  absl::StatusOr<bool> SeedOnce(const std::vector<core::WatchlistEntry>& entries);
  // Applies `event` (persisting it in one batch) and then evaluates `reads`
  // into *sums, all under the counters' shard locks.
  absl::StatusOr<ApplyResult> ApplyWindows(const WindowIncrements& event,
                                           absl::Span<const WindowCounters::Read> reads,
                                           std::vector<int64_t>* sums, const Origin& origin);
  // AddAndSum (persist true: written now) and CountAndSum (persist false:
  // memory only, increments appended to *counted).
  absl::StatusOr<std::vector<int64_t>> Sums(absl::Span<const core::CounterUpdate> updates,
                                            absl::Time now, bool persist,
                                            std::vector<WindowIncrement>* counted);
  void Uncount(absl::Span<const WindowIncrement> counted) { windows_.Undo(counted); }

  absl::StatusOr<core::WatchlistEntry> GetEntry(std::string_view id) const;
  absl::StatusOr<WatchlistPage> ListEntries(std::optional<core::EntryKind> kind,
                                            std::string_view page_token, int page_size) const;
  WatchlistInfo Info() const {
    absl::MutexLock lock(&info_mu_);
    return info_;
  }
  StorageStatistics Statistics() const;
  absl::Status CompactAll();
  absl::StatusOr<std::optional<core::Verdict>> LatestHold(std::string_view carrier_id,
                                                          std::string_view waybill) const;
  absl::StatusOr<std::vector<core::Verdict>> HoldsOnWaybill(std::string_view waybill) const;
  // Moves the holds and decision index keys of a data dir written by an
  // earlier version under their current keys, once (rekey.h).
  absl::Status Rekey();
  absl::StatusOr<core::Verdict> GetDecision(std::string_view decision_id) const;
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(
      std::string_view waybill, std::string_view carrier_id, size_t limit,
      std::string_view before_decision_id) const;
  // Appends to *verdicts, up to `limit` in all, the decisions indexed under
  // `indexed_waybill` (keys::IndexedWaybill) that are older than
  // `before_decision_id` (all when empty), NEWEST first, only
  // `carrier_id`'s when it is not empty.
  absl::Status ListIndexed(std::string_view indexed_waybill, std::string_view carrier_id,
                           size_t limit, std::string_view before_decision_id,
                           std::vector<core::Verdict>* verdicts) const;

 private:
  // Writes `batch` (which holds the event's entry puts or deletes), bumping
  // the version in the same batch, synced. On success the index and info
  // follow; `count_delta` is the change in the number of entries;
  // `upserted_keys` is empty or the KeyOf of each upserted entry.
  absl::StatusOr<ApplyResult> CommitWatchlistLocked(
      rocksdb::WriteBatch* batch, uint64_t version, int64_t count_delta, uint32_t affected,
      const std::vector<core::WatchlistEntry>* upserted, const std::vector<std::string>* deleted,
      absl::Span<const std::string> upserted_keys = {})
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(watchlist_mu_);
  // Whether each id is in the watchlist column family (one MultiGet).
  absl::StatusOr<std::vector<bool>> StoredLocked(const std::vector<std::string_view>& ids) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(watchlist_mu_);
  // Puts `entries` into `batch`; returns how many ids are not stored yet.
  absl::StatusOr<int64_t> AddUpsertsLocked(const std::vector<core::WatchlistEntry>& entries,
                                           rocksdb::WriteBatch* batch)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(watchlist_mu_);

  // What a set of window increments writes: how many have a non-zero delta,
  // and the time the in-memory sweep may run to (the event's own time, no
  // earlier than its latest bucket start, capped by our clock: it never runs
  // ahead of either, so a replayed old event and an event from a clock
  // running fast both drop nothing early; the window log's expiry on disk
  // follows the same rule). INVALID_ARGUMENT for a bad increment.
  struct WindowWrites {
    uint32_t written = 0;
    int64_t expire_at = 0;
  };
  absl::StatusOr<WindowWrites> PlanWindowWrites(absl::Span<const WindowIncrement> increments) const;
  // Adds to `batch` the window log record `sequence` of the non-zero
  // deltas (one Put, window_log.h). The sequence is taken with the
  // counters' shard locks held (window_counters.h says why).
  void AddWindowLog(uint64_t sequence, absl::Span<const WindowIncrement> increments,
                    rocksdb::WriteBatch* batch);
  // Writes a batch of decisions or windows: in the WAL, synced when
  // Options::sync_decisions; with the event's outbox record or log position
  // (Origin) in the same batch.
  // `what` names the write in an error, made only then (one per verdict
  // otherwise, for nothing).
  absl::Status WriteDecisionBatch(rocksdb::WriteBatch* batch,
                                  absl::FunctionRef<std::string()> what, const Origin& origin);

  const Options options_;
  const std::unique_ptr<Database> db_;

  // Serialises watchlist events so that versions are handed out in the order
  // their writes land, and the index sees them in that order too.
  absl::Mutex watchlist_mu_;
  // Published after each watchlist write; readers never wait on a sync.
  mutable absl::Mutex info_mu_;
  WatchlistInfo info_ ABSL_GUARDED_BY(info_mu_);

  const core::Clock* const clock_;
  WindowCounters windows_;
  WindowLog window_log_;
  std::unique_ptr<Outbox> outbox_;  // clustered mode only
};

absl::Status Store::Impl::OpenOutbox() {
  if (!options_.outbox_encoder) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<Outbox>> outbox =
      Outbox::Open(db_.get(), options_.outbox_written);
  if (!outbox.ok()) return outbox.status();
  outbox_ = *std::move(outbox);
  return absl::OkStatus();
}

uint64_t Store::Impl::AddOrigin(const Origin& origin, rocksdb::WriteBatch* batch) {
  if (origin.position != nullptr) {
    batch->Put(db_->meta(), origin.position->key, keys::EncodeVersion(origin.position->sequence));
    if (!origin.position->origin_key.empty()) {
      batch->Put(db_->meta(), origin.position->origin_key,
                 keys::EncodeVersion(origin.position->origin_sequence));
    }
  }
  if (origin.local == nullptr || outbox_ == nullptr) return 0;
  return outbox_->Add(options_.outbox_encoder(*origin.local), batch);
}

absl::StatusOr<std::optional<std::string>> Store::Impl::GetMeta(std::string_view key) const {
  std::string value;
  rocksdb::Status s = db_->db()->Get(rocksdb::ReadOptions(), db_->meta(), AsSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading meta ", AsAbsl(key)));
  return std::optional<std::string>(std::move(value));
}

absl::Status Store::Impl::PutMeta(std::string_view key, std::string_view value) {
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  return FromRocksDb(db_->db()->Put(write_options, db_->meta(), AsSlice(key), AsSlice(value)),
                     absl::StrCat("writing meta ", AsAbsl(key)));
}

absl::Status Store::Impl::Load() {
  rocksdb::DB* db = db_->db();
  std::string bytes;
  uint64_t version = 0;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), db_->meta(), keys::kWatchlistVersion, &bytes);
  if (s.ok()) {
    std::optional<uint64_t> decoded = keys::DecodeVersion(bytes);
    if (!decoded) {
      return absl::DataLossError(absl::StrCat("data dir ", db_->path(),
                                              ": meta watchlist_version is not 8 bytes"));
    }
    version = *decoded;
  } else if (!s.IsNotFound()) {
    return FromRocksDb(s, absl::StrCat("reading watchlist version in ", db_->path()));
  }

  // Three threads, a chunk at a time, in a pipeline that keeps the
  // entries' order: RocksDB iteration and parsing on one, each entry's keys
  // (KeysOf: every map key it is filed under, and its hash) on another, the
  // index's inserts on this one. Perf of a 1M-entry start (docs/
  // performance.md, cold22): with the keys beside the parsing the reader
  // took 2.2 s of CPU and the indexer 1.7 s, so the keys, ~1 s, have a
  // thread of their own; on two cores the three then keep both busy.
  constexpr size_t kChunkEntries = 4096;
  struct Chunk {
    std::vector<core::WatchlistEntry> entries;
    std::vector<core::WatchlistIndex::EntryKeys> keys;  // WatchlistIndex::KeysOf of each entry
  };
  ChunkQueue<Chunk> parsed(/*capacity=*/8);
  ChunkQueue<Chunk> keyed(/*capacity=*/8);
  absl::Status read_status;
  std::thread reader([&] {
    Chunk chunk;
    chunk.entries.reserve(kChunkEntries);
    // Read once, in order, and served from the index afterwards: the blocks
    // are not put in the block cache, where they would only evict others.
    rocksdb::ReadOptions read_options;
    read_options.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read_options, db_->watchlist()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto entry = ParseEntry(it->key().ToStringView(), it->value().ToStringView());
      if (!entry.ok()) {
        read_status = absl::DataLossError(
            absl::StrCat("data dir ", db_->path(), ": ", entry.status().message()));
        break;
      }
      chunk.entries.push_back(*std::move(entry));
      if (chunk.entries.size() == kChunkEntries) {
        parsed.Push(std::move(chunk));
        chunk = {};
        chunk.entries.reserve(kChunkEntries);
      }
    }
    if (read_status.ok() && !it->status().ok()) {
      read_status =
          FromRocksDb(it->status(), absl::StrCat("loading watchlist from ", db_->path()));
    }
    if (!chunk.entries.empty()) parsed.Push(std::move(chunk));
    parsed.Close();
  });
  std::thread keyer([&] {
    Chunk chunk;
    while (parsed.Pop(&chunk)) {
      chunk.keys.reserve(chunk.entries.size());
      for (const core::WatchlistEntry& entry : chunk.entries) {
        chunk.keys.push_back(core::WatchlistIndex::KeysOf(entry));
      }
      keyed.Push(std::move(chunk));
      chunk = {};
    }
    keyed.Close();
  });
  uint64_t count = 0;
  Chunk chunk;
  while (keyed.Pop(&chunk)) {
    options_.index->Upsert(chunk.entries, chunk.keys, version);
    count += chunk.entries.size();
  }
  keyer.join();
  reader.join();
  if (!read_status.ok()) return read_status;
  absl::MutexLock lock(&info_mu_);
  info_ = WatchlistInfo{count, version};
  return absl::OkStatus();
}

absl::StatusOr<std::vector<bool>> Store::Impl::StoredLocked(
    const std::vector<std::string_view>& ids) const {
  // The index holds what was committed (it is loaded at open and updated
  // under watchlist_mu_ after each write): asking it spares a MultiGet that
  // took a quarter of an import's time in skiplist searches.
  if (options_.index != nullptr) return options_.index->Contains(ids);
  std::vector<rocksdb::Slice> keys;
  keys.reserve(ids.size());
  for (std::string_view id : ids) keys.push_back(AsSlice(id));
  std::vector<rocksdb::PinnableSlice> values(ids.size());
  std::vector<rocksdb::Status> statuses(ids.size());
  db_->db()->MultiGet(rocksdb::ReadOptions(), db_->watchlist(), keys.size(), keys.data(),
                      values.data(), statuses.data());
  std::vector<bool> stored(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (statuses[i].ok()) {
      stored[i] = true;
    } else if (!statuses[i].IsNotFound()) {
      return FromRocksDb(statuses[i], absl::StrCat("reading watchlist entry ", AsAbsl(ids[i])));
    }
  }
  return stored;
}

absl::StatusOr<int64_t> Store::Impl::AddUpsertsLocked(
    const std::vector<core::WatchlistEntry>& entries, rocksdb::WriteBatch* batch) {
  // Which ids are new decides the entry count; the mutex keeps the answer
  // true until the batch is written. One MultiGet for the whole event.
  absl::flat_hash_set<std::string_view> seen;
  seen.reserve(entries.size());
  std::vector<std::string_view> distinct;
  distinct.reserve(entries.size());
  for (const core::WatchlistEntry& entry : entries) {
    if (entry.id.empty()) return absl::InvalidArgumentError("watchlist entry id is empty");
    if (seen.insert(entry.id).second) distinct.push_back(entry.id);
  }
  absl::StatusOr<std::vector<bool>> stored = StoredLocked(distinct);
  if (!stored.ok()) return stored.status();
  const int64_t added = std::count(stored->begin(), stored->end(), false);
  // In id order: the memtable (a skip list) starts each insert's search
  // from where the one before went in, so that sorted keys skip most of it,
  // which was most of a big batch's write (perf of an import: the skip
  // list's key compares, a cache miss each; 20.6% of the server's samples
  // before, 12.6% after). Stable, so that of an id given twice the later
  // Put still comes later and wins.
  std::vector<const core::WatchlistEntry*> sorted;
  sorted.reserve(entries.size());
  for (const core::WatchlistEntry& entry : entries) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const core::WatchlistEntry* a, const core::WatchlistEntry* b) {
                     return a->id < b->id;
                   });
  pb::WatchlistEntry proto;
  std::string bytes;
  for (const core::WatchlistEntry* sorted_entry : sorted) {
    const core::WatchlistEntry& entry = *sorted_entry;
    convert::EntryToProto(entry, &proto);
    proto.SerializeToString(&bytes);
    batch->Put(db_->watchlist(), entry.id, bytes);
  }
  return added;
}

absl::StatusOr<ApplyResult> Store::Impl::CommitWatchlistLocked(
    rocksdb::WriteBatch* batch, uint64_t event_version, int64_t count_delta, uint32_t affected,
    const std::vector<core::WatchlistEntry>* upserted, const std::vector<std::string>* deleted,
    absl::Span<const std::string> upserted_keys) {
  const WatchlistInfo before = Info();
  const uint64_t version = event_version != 0 ? event_version : before.version + 1;
  batch->Put(db_->meta(), keys::kWatchlistVersion, keys::EncodeVersion(version));
  rocksdb::WriteOptions write_options;
  write_options.sync = true;  // admins are told "durable"; a power cut must not undo it
  rocksdb::Status s = db_->db()->Write(write_options, batch);
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("writing watchlist to ", db_->path()));

  if (upserted != nullptr) options_.index->Upsert(*upserted, upserted_keys, version);
  if (deleted != nullptr) options_.index->Delete(*deleted, version);
  {
    absl::MutexLock lock(&info_mu_);
    info_.version = version;
    info_.entry_count = static_cast<uint64_t>(static_cast<int64_t>(before.entry_count) + count_delta);
  }
  return ApplyResult{version, affected};
}

absl::Status Store::Impl::CheckNoGapLocked(uint64_t version, bool from_log) {
  const uint64_t stored = Info().version;
  if (!from_log || version == stored + 1) return absl::OkStatus();
  // Storing it would skip the versions between for good: every later one
  // would pass the check above.
  return absl::FailedPreconditionError(absl::StrCat(
      "watchlist change ", version, " from the log does not follow the stored version ", stored,
      "; the changes between were never applied here"));
}

absl::StatusOr<ApplyResult> Store::Impl::Upsert(const std::vector<core::WatchlistEntry>& entries,
                                                absl::Span<const std::string> keys,
                                                uint64_t version, bool from_log) {
  absl::MutexLock lock(&watchlist_mu_);
  // A version at or below the stored one was applied before (a replicated
  // log delivering it again): nothing to do.
  if (version != 0 && version <= Info().version) return ApplyResult{Info().version, 0};
  if (absl::Status s = CheckNoGapLocked(version, from_log); !s.ok()) return s;
  if (!keys.empty() && keys.size() != entries.size()) {
    return absl::InvalidArgumentError("watchlist upsert: keys do not match the entries");
  }
  rocksdb::WriteBatch batch;
  absl::StatusOr<int64_t> added = AddUpsertsLocked(entries, &batch);
  if (!added.ok()) return added.status();
  return CommitWatchlistLocked(&batch, version, *added, static_cast<uint32_t>(entries.size()),
                               &entries, nullptr, keys);
}

absl::StatusOr<ApplyResult> Store::Impl::Delete(const std::vector<std::string>& ids,
                                                 uint64_t version, bool from_log) {
  absl::MutexLock lock(&watchlist_mu_);
  if (version != 0 && version <= Info().version) return ApplyResult{Info().version, 0};
  if (absl::Status s = CheckNoGapLocked(version, from_log); !s.ok()) return s;
  rocksdb::WriteBatch batch;
  absl::flat_hash_set<std::string_view> seen;
  std::vector<std::string_view> distinct;  // a repeated id is deleted once
  for (const std::string& id : ids) {
    if (seen.insert(id).second) distinct.push_back(id);
  }
  absl::StatusOr<std::vector<bool>> stored = StoredLocked(distinct);
  if (!stored.ok()) return stored.status();
  uint32_t deleted = 0;
  for (size_t i = 0; i < distinct.size(); ++i) {
    if (!(*stored)[i]) continue;  // unknown ids are ignored, and not counted
    batch.Delete(db_->watchlist(), AsSlice(distinct[i]));
    ++deleted;
  }
  return CommitWatchlistLocked(&batch, version, -static_cast<int64_t>(deleted), deleted, nullptr,
                               &ids);
}

absl::StatusOr<bool> Store::Impl::SeedOnce(const std::vector<core::WatchlistEntry>& entries) {
  absl::MutexLock lock(&watchlist_mu_);
  std::string flag;
  rocksdb::Status s =
      db_->db()->Get(rocksdb::ReadOptions(), db_->meta(), keys::kWatchlistSeeded, &flag);
  if (s.ok()) return false;
  if (!s.IsNotFound()) {
    return FromRocksDb(s, absl::StrCat("reading seed flag in ", db_->path()));
  }
  rocksdb::WriteBatch batch;
  absl::StatusOr<int64_t> added = AddUpsertsLocked(entries, &batch);
  if (!added.ok()) return added.status();
  // The flag rides in the same batch: seeded entries and "seeded" land
  // together or not at all.
  batch.Put(db_->meta(), keys::kWatchlistSeeded, "1");
  absl::StatusOr<ApplyResult> result = CommitWatchlistLocked(
      &batch, /*version=*/0, *added, static_cast<uint32_t>(entries.size()), &entries, nullptr);
  if (!result.ok()) return result.status();
  return true;
}

absl::StatusOr<ApplyResult> Store::Impl::RecordShadowVerdict(const core::Verdict& verdict,
                                                              const Origin& origin) {
  if (verdict.decision_id.empty()) {
    return absl::InvalidArgumentError("shadow verdict has no decision_id");
  }
  pb::Verdict proto;
  convert::VerdictToProto(verdict, &proto);
  std::string bytes;
  proto.SerializeToString(&bytes);
  rocksdb::WriteBatch batch;
  batch.Put(db_->decisions(), keys::ShadowDecisionKey(verdict.decision_id), bytes);
  if (absl::Status s = WriteDecisionBatch(
          &batch,
          [&] { return absl::StrCat("recording shadow decision ", verdict.decision_id); },
          origin);
      !s.ok()) {
    return s;
  }
  return ApplyResult{Info().version, 0};
}

absl::StatusOr<ApplyResult> Store::Impl::RecordVerdict(
    const core::Verdict& verdict, absl::Span<const WindowIncrement> increments,
    bool count_in_memory, const Origin& origin) {
  if (verdict.decision_id.empty()) {
    return absl::InvalidArgumentError("verdict has no decision_id");
  }
  absl::StatusOr<WindowWrites> plan = PlanWindowWrites(increments);
  if (!plan.ok()) return plan.status();
  // The record's bytes and the batch are kept per thread and cleared, not
  // made anew: their buffers are then allocated once per thread instead of
  // once per verdict. The bytes are the Verdict message's, written without
  // filling one (convert/verdict_bytes.h).
  thread_local std::string bytes;
  thread_local rocksdb::WriteBatch batch;
  bytes.clear();
  convert::AppendVerdictBytes(verdict, &bytes);

  // Record, waybill index, hold state and window increments in one batch: a
  // reader never sees a hold whose decision is missing from the log, and a
  // crash never keeps a verdict without the counts it made, or the reverse.
  batch.Clear();
  batch.Put(db_->decisions(), keys::DecisionKey(verdict.decision_id), bytes);
  // The index and the hold are keyed on one fold of the waybill.
  const std::string hold_waybill = core::HoldWaybillKey(verdict.house_waybill);
  batch.Put(db_->decisions(),
            keys::WaybillIndexKey(keys::IndexedWaybill(verdict.house_waybill, hold_waybill),
                                  verdict.decision_id),
            rocksdb::Slice());
  if (verdict.hold_status != core::HoldStatus::kNone && !hold_waybill.empty()) {
    // Under the folded carrier and waybill (core/hold_key.h), and the mark
    // that the waybill has a hold, for HoldsOnWaybill; a blank waybill
    // keeps none.
    batch.Put(db_->holds(), keys::HoldKey(core::HoldCarrierKey(verdict.carrier_id), hold_waybill),
              bytes);
    batch.Put(db_->holds(), keys::HeldWaybillKey(hold_waybill), rocksdb::Slice());
  }
  const auto write = [&] {
    return WriteDecisionBatch(
        &batch, [&] { return absl::StrCat("recording decision ", verdict.decision_id); }, origin);
  };
  const auto logged_write = [&](uint64_t sequence) {
    AddWindowLog(sequence, increments, &batch);
    return write();
  };
  absl::Status s;
  if (plan->written == 0) {
    s = write();
  } else if (count_in_memory) {
    // The sequence with the shard locks held: Apply holds them here.
    s = windows_.Apply(
        increments, {}, plan->expire_at,
        [&](absl::Span<const int64_t>) { return logged_write(window_log_.NextSequence()); },
        nullptr);
  } else {
    s = windows_.Log(increments, [&] { return window_log_.NextSequence(); }, logged_write);
  }
  if (!s.ok()) return s;
  if (plan->written > 0) window_log_.Logged();
  return ApplyResult{Info().version, plan->written};
}

absl::StatusOr<core::WatchlistEntry> Store::Impl::GetEntry(std::string_view id) const {
  std::string bytes;
  rocksdb::Status s =
      db_->db()->Get(rocksdb::ReadOptions(), db_->watchlist(), AsSlice(id), &bytes);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("watchlist entry \"", AsAbsl(id), "\" not found"));
  }
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading watchlist entry ", AsAbsl(id)));
  return ParseEntry(id, bytes);
}

absl::StatusOr<WatchlistPage> Store::Impl::ListEntries(std::optional<core::EntryKind> kind,
                                                       std::string_view page_token,
                                                       int page_size) const {
  if (page_size < 1 || page_size > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must be 1..1000, got ", page_size));
  }
  const pb::EntryKind wanted =
      kind ? convert::EntryKindToProto(*kind) : pb::ENTRY_KIND_UNSPECIFIED;
  WatchlistPage page;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->watchlist()));
  if (page_token.empty()) {
    it->SeekToFirst();
  } else {
    // The token is the last id of the previous page: start just after it,
    // so entries deleted meanwhile do not break paging.
    it->Seek(AsSlice(page_token));
    if (it->Valid() && it->key().ToStringView() == page_token) it->Next();
  }
  pb::WatchlistEntry proto;
  for (; it->Valid(); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    if (!proto.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError(
          absl::StrCat("stored watchlist entry \"", AsAbsl(key), "\" is unreadable"));
    }
    if (kind && proto.kind() != wanted) continue;
    if (page.entries.size() == static_cast<size_t>(page_size)) {
      // One more match exists, so there is a next page.
      page.next_page_token = page.entries.back().id;
      break;
    }
    core::WatchlistEntry entry;
    if (convert::EntryFromProto(proto, "", &entry).has_value()) {
      return absl::DataLossError(
          absl::StrCat("stored watchlist entry \"", AsAbsl(key), "\" is unreadable"));
    }
    page.entries.push_back(std::move(entry));
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "listing watchlist entries");
  return page;
}

absl::StatusOr<std::optional<core::Verdict>> Store::Impl::LatestHold(
    std::string_view carrier_id, std::string_view waybill) const {
  const std::string hold_waybill = core::HoldWaybillKey(waybill);
  if (hold_waybill.empty()) return std::optional<core::Verdict>();
  // One Get: holds of earlier versions were re-keyed at open (rekey.h).
  std::string bytes;
  rocksdb::Status s =
      db_->db()->Get(rocksdb::ReadOptions(), db_->holds(),
                     keys::HoldKey(core::HoldCarrierKey(carrier_id), hold_waybill), &bytes);
  if (s.IsNotFound()) return std::optional<core::Verdict>();
  const std::string what =
      absl::StrCat("hold of carrier \"", AsAbsl(carrier_id), "\" on ", AsAbsl(waybill));
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading ", what));
  auto verdict = ParseVerdict(what, bytes);
  if (!verdict.ok()) return verdict.status();
  return std::optional<core::Verdict>(*std::move(verdict));
}

absl::StatusOr<std::vector<core::Verdict>> Store::Impl::HoldsOnWaybill(
    std::string_view waybill) const {
  const std::string hold_waybill = core::HoldWaybillKey(waybill);
  std::vector<core::Verdict> holds;
  if (hold_waybill.empty()) return holds;
  // Most waybills have no hold: a point lookup of the mark (which the Bloom
  // filters answer) says so without a scan.
  std::string mark;
  rocksdb::Status s = db_->db()->Get(rocksdb::ReadOptions(), db_->holds(),
                                     keys::HeldWaybillKey(hold_waybill), &mark);
  if (s.IsNotFound()) return holds;
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading holds on ", AsAbsl(waybill)));
  // The waybill's length leads the key, so every key under this prefix is
  // this waybill's, whatever bytes the ids hold; one per folded carrier.
  const std::string prefix = keys::HoldWaybillPrefix(hold_waybill);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->holds()));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (!it->key().starts_with(prefix)) break;
    auto verdict = ParseVerdict(absl::StrCat("hold on ", AsAbsl(waybill)), it->value().ToString());
    if (!verdict.ok()) return verdict.status();
    holds.push_back(*std::move(verdict));
  }
  if (!it->status().ok()) {
    return FromRocksDb(it->status(), absl::StrCat("listing holds on ", AsAbsl(waybill)));
  }
  return holds;
}

absl::Status Store::Impl::Rekey() {
  const RekeyOptions rekey{.batch_keys = options_.rekey_batch_keys,
                           .after_batch = options_.after_rekey_batch};
  if (absl::Status s = RekeyHolds(*db_, rekey); !s.ok()) return s;
  return RekeyDecisionIndex(*db_, rekey);
}

absl::StatusOr<core::Verdict> Store::Impl::GetDecision(std::string_view decision_id) const {
  return ReadVerdict(keys::DecisionKey(decision_id), "decision");
}

absl::StatusOr<core::Verdict> Store::Impl::ReadVerdict(const std::string& key,
                                                       std::string_view what) const {
  // The key is a prefix and the id; the id is what people know.
  const std::string id = key.substr(key.find('/') + 1);
  std::string bytes;
  rocksdb::Status s = db_->db()->Get(rocksdb::ReadOptions(), db_->decisions(), key, &bytes);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat(AsAbsl(what), " \"", id, "\" not found"));
  }
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading ", AsAbsl(what), " ", id));
  return ParseVerdict(absl::StrCat(AsAbsl(what), " ", id), bytes);
}

absl::StatusOr<std::vector<core::Verdict>> Store::Impl::ListDecisions(
    std::string_view waybill, std::string_view carrier_id, size_t limit,
    std::string_view before_decision_id) const {
  // One prefix: decisions indexed by earlier versions under the waybill as
  // sent were re-keyed at open (rekey.h).
  std::vector<core::Verdict> verdicts;
  if (absl::Status s = ListIndexed(keys::IndexedWaybill(waybill), carrier_id, limit,
                                   before_decision_id, &verdicts);
      !s.ok()) {
    return s;
  }
  // Collected newest first; listed oldest first.
  std::reverse(verdicts.begin(), verdicts.end());
  return verdicts;
}

absl::Status Store::Impl::ListIndexed(std::string_view indexed_waybill, std::string_view carrier_id,
                                      size_t limit, std::string_view before_decision_id,
                                      std::vector<core::Verdict>* verdicts) const {
  const std::string prefix = keys::WaybillPrefix(indexed_waybill);
  // From the newest key of the waybill (or the newest before the given
  // decision) backwards: a busy waybill's newest verdicts are the ones a
  // caller needs (its open hold, its resolution), and its oldest are the
  // ones a limit may leave out. Without a decision to start before, `start`
  // (the prefix with its NUL made 0x01) sorts after every key of the
  // waybill and before any other waybill's.
  std::string start = prefix;
  if (before_decision_id.empty()) {
    start.back() = '\x01';
  } else {
    start.append(before_decision_id);
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->decisions()));
  for (it->SeekForPrev(start); it->Valid() && verdicts->size() < limit; it->Prev()) {
    std::string_view key = it->key().ToStringView();
    if (key.substr(0, prefix.size()) != prefix) break;
    std::string_view id = key.substr(prefix.size());
    // `before_decision_id` itself (a page token names the oldest verdict of
    // the page before) is not listed again.
    if (!before_decision_id.empty() && id >= before_decision_id) continue;
    // A waybill that itself holds a NUL would share our prefix; its keys
    // carry a second NUL, and are not this waybill's.
    if (id.find('\0') != std::string_view::npos) continue;
    // The index names no carrier: each decision is read to filter by it, so
    // that other carriers' verdicts never use up the limit.
    absl::StatusOr<core::Verdict> verdict = GetDecision(id);
    if (!verdict.ok()) {
      // Index and record were written in one batch, so a miss is corruption.
      if (absl::IsNotFound(verdict.status())) {
        return absl::DataLossError(absl::StrCat("decision index of ", AsAbsl(indexed_waybill),
                                                " names missing decision ", AsAbsl(id)));
      }
      return verdict.status();
    }
    if (!carrier_id.empty() && verdict->carrier_id != carrier_id) continue;
    verdicts->push_back(*std::move(verdict));
  }
  if (!it->status().ok()) {
    return FromRocksDb(it->status(),
                       absl::StrCat("listing decisions of ", AsAbsl(indexed_waybill)));
  }
  return absl::OkStatus();
}

absl::Status Store::Impl::LoadHistoryKeySeed() {
  absl::StatusOr<std::optional<std::string>> stored = GetMeta(keys::kHistoryKeySeed);
  if (!stored.ok()) return stored.status();
  std::optional<uint64_t> seed;
  if (stored->has_value()) {
    seed = keys::DecodeVersion(**stored);
    if (!seed) {
      return absl::DataLossError(absl::StrCat("data dir ", db_->path(), ": meta ",
                                              keys::kHistoryKeySeed, " is not 8 bytes"));
    }
  } else {
    std::random_device random;  // the kernel's entropy (/dev/urandom)
    seed = (uint64_t{random()} << 32) ^ random();
    if (absl::Status s = PutMeta(keys::kHistoryKeySeed, keys::EncodeVersion(*seed)); !s.ok()) {
      return s;
    }
  }
  windows_.SetKeySeed(*seed);
  return absl::OkStatus();
}

absl::Status Store::Impl::LoadHistory() {
  rocksdb::DB* db = db_->db();
  const int64_t now = absl::ToUnixSeconds(clock_->Now());
  const int64_t cutoff = std::max<int64_t>(now - kHistoryRetentionSeconds, 0);
  if (cutoff > 0) {
    rocksdb::Status s = db->DeleteRange(rocksdb::WriteOptions(), db_->history(), rocksdb::Slice(),
                                        keys::HistoryTimeBound(cutoff));
    if (!s.ok()) {
      return FromRocksDb(s, absl::StrCat("expiring window counters in ", db_->path()));
    }
  }
  if (absl::Status s = LoadHistoryKeySeed(); !s.ok()) return s;

  // The snapshot, if any: then bucket keys are ignored (it holds their
  // counts; a crash may have left them before the DeleteRange that follows
  // a snapshot), and of the log only what a shard's S says it lacks.
  std::array<uint64_t, WindowCounters::kShards> snapshot_next{};  // all 0: replay all
  absl::StatusOr<bool> snapshot = ReadWindowSnapshot(
      db_->path(), windows_.key_seed(),
      [&](int shard, uint64_t counters, std::string_view bytes) {
        return windows_.LoadSerializedShard(shard, bytes, counters, now, kMaxBucketWidth);
      },
      &snapshot_next);
  if (!snapshot.ok()) return snapshot.status();
  if (*snapshot) {
    window_log_.ContinueFrom(*std::max_element(snapshot_next.begin(), snapshot_next.end()));
  } else {
    // Room for every counter at once: growing shards rehash (a quarter of
    // the load time, measured). Keys are buckets, so this may reserve more
    // counters than there are; never fewer.
    uint64_t estimated_keys = 0;
    if (db->GetIntProperty(db_->history(), rocksdb::DB::Properties::kEstimateNumKeys,
                           &estimated_keys)) {
      windows_.Reserve(estimated_keys);
    }
  }

  // RocksDB iteration, decoding and hashing on this thread; the hash-map
  // inserts, a chunk sorted by shard at a time, on `inserters` threads.
  using LoadedBucket = WindowCounters::LoadedBucket;
  constexpr size_t kChunkBuckets = 1 << 15;
  const int inserters =
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()) - 1, 1, 4);
  ChunkQueue<std::vector<LoadedBucket>> chunks(/*capacity=*/2 * inserters);
  std::vector<std::thread> threads;
  for (int t = 0; t < inserters; ++t) {
    threads.emplace_back([&] {
      std::vector<LoadedBucket> chunk;
      std::vector<LoadedBucket> by_shard;
      while (chunks.Pop(&chunk)) {
        // Counting sort by shard: one lock and one warm map per run.
        std::array<uint32_t, WindowCounters::kShards + 1> starts{};
        for (const LoadedBucket& b : chunk) ++starts[WindowCounters::ShardOfId(b.id) + 1];
        for (int i = 0; i < WindowCounters::kShards; ++i) starts[i + 1] += starts[i];
        by_shard.resize(chunk.size());
        std::array<uint32_t, WindowCounters::kShards> next;
        std::copy(starts.begin(), starts.end() - 1, next.begin());
        for (const LoadedBucket& b : chunk) by_shard[next[WindowCounters::ShardOfId(b.id)]++] = b;
        for (int i = 0; i < WindowCounters::kShards; ++i) {
          windows_.LoadShard(i, absl::MakeConstSpan(by_shard.data() + starts[i],
                                                    starts[i + 1] - starts[i]));
        }
      }
    });
  }
  absl::Status status;
  std::vector<LoadedBucket> chunk;
  chunk.reserve(kChunkBuckets);
  // Buckets still in their window are loaded; the others stay in RocksDB
  // (history, until they expire) but a sweep would drop them from memory
  // at once, so they are skipped here and the shards count as swept.
  const auto load = [&](const LoadedBucket& loaded) {
    if (!WindowCounters::InWindow(loaded, now)) return;
    chunk.push_back(loaded);
    if (chunk.size() == kChunkBuckets) {
      chunks.Push(std::move(chunk));
      chunk = {};
      chunk.reserve(kChunkBuckets);
    }
  };
  uint64_t replayed = 0;  // log records
  uint64_t buckets_loaded = 0;  // keys of older versions
  std::vector<LoggedIncrement> logged;
  const std::string start =
      *snapshot ? keys::WindowLogKey(0) : keys::HistoryTimeBound(cutoff);
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), db_->history()));
  for (it->Seek(start); it->Valid(); it->Next()) {
    if (keys::IsWindowLogKey(it->key().ToStringView())) {
      // The window log, after every bucket (keys.h): records written since
      // the snapshot (or, in data dirs of session 9, not folded into their
      // buckets). An increment counts unless its shard's copy holds it.
      absl::StatusOr<uint64_t> sequence =
          DecodeLogRecord(it->key().ToStringView(), it->value().ToStringView(), &logged);
      if (!sequence.ok()) {
        status = sequence.status();
        break;
      }
      window_log_.ContinueFrom(*sequence + 1);
      ++replayed;
      for (const LoggedIncrement& inc : logged) {
        if (inc.delta == 0) continue;
        const uint64_t id = WindowCounters::IdOfHash(inc.counter_hash, inc.bucket_width_seconds);
        if (*sequence < snapshot_next[WindowCounters::ShardOfId(id)]) continue;
        load({id, inc.bucket_width_seconds, inc.bucket, inc.delta});
      }
      continue;
    }
    const std::optional<keys::HistoryKeyParts> key =
        keys::DecodeHistoryKey(it->key().ToStringView());
    const std::optional<int64_t> count = keys::DecodeCount(it->value().ToStringView());
    if (!key || !count || key->width < 1 || key->width > kMaxBucketWidth ||
        key->bucket_start < 0 || key->bucket_start % key->width != 0) {
      status = absl::DataLossError(absl::StrCat("data dir ", db_->path(),
                                                ": unreadable window counter key or value (",
                                                it->key().ToString(/*hex=*/true), ")"));
      break;
    }
    ++buckets_loaded;
    const uint64_t id = key->counter_hash
                            ? WindowCounters::IdOfHash(*key->counter_hash, key->width)
                            : windows_.IdOf(key->counter_key, key->width);  // format 1
    load({id, key->width, key->bucket_start / key->width, *count});
  }
  if (status.ok() && !it->status().ok()) {
    status = FromRocksDb(it->status(), absl::StrCat("loading window counters from ", db_->path()));
  }
  if (!chunk.empty()) chunks.Push(std::move(chunk));
  chunks.Close();
  for (std::thread& t : threads) t.join();
  if (status.ok()) {
    windows_.MarkSwept(now);
    window_log_.Loaded(replayed, /*from_buckets=*/!*snapshot && buckets_loaded > 0);
  }
  return status;
}

absl::StatusOr<uint64_t> Store::Impl::DecodeLogRecord(std::string_view key,
                                                       std::string_view value,
                                                       std::vector<LoggedIncrement>* logged) {
  logged->clear();
  const std::optional<uint64_t> sequence = keys::DecodeWindowLogKey(key);
  bool readable = sequence.has_value() && DecodeWindowLogValue(value, logged);
  for (size_t i = 0; readable && i < logged->size(); ++i) {
    const LoggedIncrement& inc = (*logged)[i];
    readable = CheckIncrement({"", inc.bucket_width_seconds, inc.bucket, inc.delta}, i).ok();
  }
  if (!readable) {
    return absl::DataLossError(absl::StrCat(
        "data dir ", db_->path(), ": unreadable window log record (key ",
        rocksdb::Slice(key.data(), key.size()).ToString(/*hex=*/true), ", ", value.size(),
        " bytes)"));
  }
  return *sequence;
}

absl::StatusOr<Store::Impl::WindowWrites> Store::Impl::PlanWindowWrites(
    absl::Span<const WindowIncrement> increments) const {
  WindowWrites plan;
  int64_t event_time = 0;
  for (size_t i = 0; i < increments.size(); ++i) {
    if (absl::Status s = CheckIncrement(increments[i], i); !s.ok()) return s;
    if (increments[i].delta == 0) continue;
    ++plan.written;
    event_time =
        std::max(event_time, increments[i].bucket * increments[i].bucket_width_seconds);
  }
  if (plan.written > 0) {
    plan.expire_at = std::min(event_time, absl::ToUnixSeconds(clock_->Now()));
  }
  return plan;
}

void Store::Impl::AddWindowLog(uint64_t sequence, absl::Span<const WindowIncrement> increments,
                               rocksdb::WriteBatch* batch) {
  // Per thread, cleared, not made anew: one allocation per thread, not per
  // verdict.
  thread_local std::vector<LoggedIncrement> logged;
  thread_local std::string key;
  thread_local std::string value;
  logged.clear();
  // Deltas, not totals: concurrent writers need no order among themselves.
  for (const WindowIncrement& inc : increments) {
    if (inc.delta == 0) continue;
    logged.push_back({windows_.CounterHashOf(inc),
                      inc.bucket_width_seconds, inc.bucket, inc.delta});
  }
  value.clear();
  EncodeWindowLogValue(logged, &value);
  keys::WindowLogKeyTo(sequence, &key);
  batch->Put(db_->history(), key, value);
}

absl::Status Store::Impl::WriteDecisionBatch(rocksdb::WriteBatch* batch,
                                             absl::FunctionRef<std::string()> what,
                                             const Origin& origin) {
  const uint64_t outbox_sequence = AddOrigin(origin, batch);
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_decisions;
  rocksdb::Status s = db_->db()->Write(write_options, batch);
  FinishOrigin(outbox_sequence, s.ok());
  if (s.ok()) return absl::OkStatus();
  return FromRocksDb(s, what());
}

absl::StatusOr<ApplyResult> Store::Impl::ApplyWindows(const WindowIncrements& event,
                                                      absl::Span<const WindowCounters::Read> reads,
                                                      std::vector<int64_t>* sums,
                                                      const Origin& origin) {
  const std::vector<WindowIncrement>& increments = event.increments;
  absl::StatusOr<WindowWrites> plan = PlanWindowWrites(increments);
  if (!plan.ok()) return plan.status();
  auto persist = [&](absl::Span<const int64_t>) -> absl::Status {
    if (plan->written == 0) return absl::OkStatus();
    rocksdb::WriteBatch batch;
    // The sequence with the shard locks held (window_counters.h).
    AddWindowLog(window_log_.NextSequence(), increments, &batch);
    return WriteDecisionBatch(
        &batch, [&] { return absl::StrCat("writing window counters to ", db_->path()); }, origin);
  };
  if (absl::Status s = windows_.Apply(increments, reads, plan->expire_at, persist, sums);
      !s.ok()) {
    return s;
  }
  if (plan->written > 0) window_log_.Logged();
  return ApplyResult{Info().version, plan->written};
}

absl::StatusOr<std::vector<int64_t>> Store::Impl::Sums(
    absl::Span<const core::CounterUpdate> updates, absl::Time now, bool persist,
    std::vector<WindowIncrement>* counted) {
  const int64_t now_seconds = absl::ToUnixSeconds(now);
  if (now_seconds < 0) {
    return absl::InvalidArgumentError("window counters: time before 1970");
  }
  // AddAndSum applies an event of its own; CountAndSum appends its
  // increments to *counted at once (a vector of their own, then moved there,
  // cost an allocation and a move of each increment).
  WindowIncrements event;
  std::vector<WindowIncrement>& increments = persist ? event.increments : *counted;
  const size_t first_new = increments.size();
  increments.reserve(first_new + updates.size());  // never regrown: reads point into it
  absl::InlinedVector<WindowCounters::Read, 16> reads;
  reads.reserve(updates.size());
  for (const core::CounterUpdate& u : updates) {
    const int64_t window = absl::ToInt64Seconds(u.window);
    if (window < core::kWindowBuckets || window > keys::kHistoryLongestWindowSeconds) {
      increments.resize(first_new);  // none of them counted
      return absl::InvalidArgumentError(absl::StrCat(
          "window counter \"", u.key, "\": window must be ", core::kWindowBuckets, "s..",
          keys::kHistoryLongestWindowSeconds, "s, got ", absl::FormatDuration(u.window)));
    }
    const int64_t width = window / core::kWindowBuckets;
    const int64_t bucket = now_seconds / width;
    if (u.delta == 0) {
      reads.push_back({u.key, width, bucket});
      continue;
    }
    // The read names the increment's own copy of the key, so that
    // WindowCounters::Apply hashes the key once for both.
    increments.emplace_back(u.key, width, bucket, u.delta);
    windows_.RememberKeyHash(&increments.back());
    reads.push_back({increments.back().key, width, bucket});
  }
  std::vector<int64_t> sums;
  if (persist) {
    absl::StatusOr<ApplyResult> applied;
    if (outbox_ != nullptr) {  // the outbox needs the event itself
      const Event local(std::move(event));
      applied = ApplyWindows(std::get<WindowIncrements>(local), reads, &sums, Origin{&local});
    } else {
      applied = ApplyWindows(event, reads, &sums, Origin{});
    }
    if (!applied.ok()) return applied.status();
  } else {
    const absl::Span<const WindowIncrement> added =
        absl::MakeConstSpan(increments).subspan(first_new);
    const int64_t sweep =
        added.empty() ? 0 : std::min(now_seconds, absl::ToUnixSeconds(clock_->Now()));
    // Remembered as not logged until Record logs them (window_counters.h).
    if (absl::Status s = windows_.Count(added, reads, sweep, &sums); !s.ok()) {
      increments.resize(first_new);  // not counted
      return s;
    }
  }
  // The sums are after every delta; a counter named again later in
  // `updates` reads, at its first mention, only what came before.
  for (size_t i = 0; i < updates.size(); ++i) {
    for (size_t j = i + 1; j < updates.size(); ++j) {
      // (updates' keys: some reads point into increments moved away above)
      if (reads[j].bucket_width_seconds == reads[i].bucket_width_seconds &&
          updates[j].key == updates[i].key) {
        sums[i] -= updates[j].delta;
      }
    }
  }
  return sums;
}

// --- Store ------------------------------------------------------------------

absl::Status Store::Impl::CompactAll() {
  // A window snapshot first, so that the log records (and bucket keys) it
  // covers are dropped by the compaction, and the next open reads no log.
  if (absl::Status s = window_log_.Snapshot(); !s.ok()) return s;
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (rocksdb::ColumnFamilyHandle* family :
       {db_->watchlist(), db_->decisions(), db_->holds(), db_->history(), db_->meta()}) {
    rocksdb::Status s = db_->db()->CompactRange(options, family, nullptr, nullptr);
    if (!s.ok()) return FromRocksDb(s, absl::StrCat("compacting ", family->GetName()));
  }
  return absl::OkStatus();
}

StorageStatistics Store::Impl::Statistics() const {
  StorageStatistics out;
  rocksdb::DB* db = db_->db();
  if (db == nullptr) return out;
  if (rocksdb::Statistics* stats = db_->statistics(); stats != nullptr) {
    out.block_cache_hits = stats->getTickerCount(rocksdb::BLOCK_CACHE_HIT);
    out.block_cache_misses = stats->getTickerCount(rocksdb::BLOCK_CACHE_MISS);
    out.write_stall_micros = stats->getTickerCount(rocksdb::STALL_MICROS);
  }
  uint64_t value = 0;
  // Database-wide (asked of the default column family).
  if (db->GetIntProperty(rocksdb::DB::Properties::kIsWriteStopped, &value)) {
    out.write_stopped = value != 0;
  }
  if (db->GetIntProperty(rocksdb::DB::Properties::kBlockCacheUsage, &value)) {
    out.block_cache_usage_bytes = value;
  }
  if (db->GetIntProperty(rocksdb::DB::Properties::kBlockCacheCapacity, &value)) {
    out.block_cache_capacity_bytes = value;
  }
  // Per column family, summed.
  if (db->GetAggregatedIntProperty(rocksdb::DB::Properties::kEstimatePendingCompactionBytes,
                                   &value)) {
    out.pending_compaction_bytes = value;
  }
  if (db->GetAggregatedIntProperty(rocksdb::DB::Properties::kLiveSstFilesSize, &value)) {
    out.live_sst_files_bytes = value;
  }
  if (db->GetAggregatedIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &value)) {
    out.memtable_bytes = value;
  }
  return out;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;  // ~Database syncs the WAL and closes

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const Options& options) {
  if (options.index == nullptr) {
    return absl::InvalidArgumentError("storage options: index is required");
  }
  if (options.window_snapshot_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "storage options: window_snapshot_interval must be positive");
  }
  if (options.window_snapshot_records == 0) {
    return absl::InvalidArgumentError(
        "storage options: window_snapshot_records must be positive");
  }
  if (options.rekey_batch_keys == 0) {
    return absl::InvalidArgumentError("storage options: rekey_batch_keys must be positive");
  }
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(options.path);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>(options, *std::move(db));
  // The watchlist and the window counters are independent: load them side
  // by side.
  absl::Status history;
  std::thread history_loader([&] { history = impl->LoadHistory(); });
  absl::Status watchlist = impl->Load();
  history_loader.join();
  if (!watchlist.ok()) return watchlist;
  if (!history.ok()) return history;
  if (absl::Status s = impl->Rekey(); !s.ok()) return s;
  if (absl::Status s = impl->OpenOutbox(); !s.ok()) return s;
  impl->StartWindowLog();
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

absl::StatusOr<ApplyResult> Store::Apply(const Event& event) {
  if (const auto* e = std::get_if<WatchlistUpsert>(&event)) {
    return impl_->Upsert(e->entries, e->keys, e->version);
  }
  if (const auto* e = std::get_if<WatchlistDelete>(&event)) return impl_->Delete(e->ids, e->version);
  return impl_->ApplyRecord(event, Impl::Origin{&event});
}

absl::StatusOr<ApplyResult> Store::ApplyFromLog(const Event& event, const LogPosition& position) {
  if (const auto* e = std::get_if<WatchlistUpsert>(&event)) {
    return impl_->Upsert(e->entries, e->keys, position.sequence, /*from_log=*/true);
  }
  if (const auto* e = std::get_if<WatchlistDelete>(&event)) {
    return impl_->Delete(e->ids, position.sequence, /*from_log=*/true);
  }
  return impl_->ApplyRecord(event, Impl::Origin{nullptr, &position});
}

absl::StatusOr<ApplyResult> Store::Impl::ApplyRecord(const Event& event, const Origin& origin) {
  if (const auto* e = std::get_if<WindowIncrements>(&event)) {
    return ApplyWindows(*e, {}, nullptr, origin);
  }
  if (const auto* e = std::get_if<ShadowVerdictRecorded>(&event)) {
    return RecordShadowVerdict(e->verdict, origin);
  }
  const VerdictRecorded& e = std::get<VerdictRecorded>(event);
  return RecordVerdict(e.verdict, e.window_increments, /*count_in_memory=*/true, origin);
}

absl::StatusOr<std::optional<std::string>> Store::GetMeta(std::string_view key) const {
  return impl_->GetMeta(key);
}

absl::Status Store::PutMeta(std::string_view key, std::string_view value) {
  return impl_->PutMeta(key, value);
}

Outbox* Store::outbox() { return impl_->outbox(); }

absl::StatusOr<bool> Store::SeedWatchlistOnce(const std::vector<core::WatchlistEntry>& entries) {
  return impl_->SeedOnce(entries);
}

StorageStatistics Store::Statistics() const { return impl_->Statistics(); }

absl::Status Store::CompactAll() { return impl_->CompactAll(); }

absl::Status Store::SnapshotWindows() { return impl_->SnapshotWindows(); }

absl::StatusOr<core::WatchlistEntry> Store::GetEntry(std::string_view id) const {
  return impl_->GetEntry(id);
}

absl::StatusOr<WatchlistPage> Store::ListEntries(std::optional<core::EntryKind> kind,
                                                 std::string_view page_token,
                                                 int page_size) const {
  return impl_->ListEntries(kind, page_token, page_size);
}

WatchlistInfo Store::GetWatchlistInfo() const { return impl_->Info(); }

absl::Status Store::Record(const core::Verdict& verdict,
                           absl::Span<const WindowIncrement> counted) {
  if (outbox() != nullptr) {  // the outbox needs the event itself
    const Event local = VerdictRecorded{verdict, {counted.begin(), counted.end()}};
    return impl_->RecordVerdict(verdict, counted, /*count_in_memory=*/false, Impl::Origin{&local})
        .status();
  }
  return impl_->RecordVerdict(verdict, counted, /*count_in_memory=*/false, Impl::Origin{})
      .status();
}

absl::StatusOr<std::optional<core::Verdict>> Store::LatestHold(
    std::string_view carrier_id, std::string_view house_waybill) const {
  return impl_->LatestHold(carrier_id, house_waybill);
}

absl::StatusOr<std::vector<core::Verdict>> Store::HoldsOnWaybill(
    std::string_view house_waybill) const {
  return impl_->HoldsOnWaybill(house_waybill);
}

absl::StatusOr<core::Verdict> Store::GetDecision(std::string_view decision_id) const {
  return impl_->GetDecision(decision_id);
}

absl::StatusOr<core::Verdict> Store::GetShadowDecision(std::string_view decision_id) const {
  return impl_->ReadVerdict(keys::ShadowDecisionKey(decision_id), "shadow decision");
}

absl::StatusOr<std::vector<core::Verdict>> Store::ListDecisions(
    std::string_view house_waybill, std::string_view carrier_id, size_t limit,
    std::string_view before_decision_id) const {
  return impl_->ListDecisions(house_waybill, carrier_id, limit, before_decision_id);
}

absl::StatusOr<std::vector<int64_t>> Store::AddAndSum(absl::Span<const core::CounterUpdate> updates,
                                                      absl::Time now) {
  return impl_->Sums(updates, now, /*persist=*/true, nullptr);
}

absl::StatusOr<std::vector<int64_t>> Store::CountAndSum(
    absl::Span<const core::CounterUpdate> updates, absl::Time now,
    std::vector<WindowIncrement>* counted) {
  return impl_->Sums(updates, now, /*persist=*/false, counted);
}

void Store::Uncount(absl::Span<const WindowIncrement> counted) { impl_->Uncount(counted); }

}  // namespace placi::storage
