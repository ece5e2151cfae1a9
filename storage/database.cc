// Opening and closing the one RocksDB database (see database.h).
#include "storage/database.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/memtablerep.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "storage/info_log.h"
#include "storage/keys.h"
#include "storage/rocksdb_status.h"

namespace placi::storage {
namespace {

namespace fs = std::filesystem;

// Files RocksDB itself leaves, even after an open that failed half way. A
// directory holding only these is taken for a (possibly new) database.
bool IsRocksDbFile(const std::string& name) {
  return name == "CURRENT" || name == "LOCK" || name == "IDENTITY" ||
         absl::StartsWith(name, "LOG") || absl::StartsWith(name, "MANIFEST-") ||
         absl::StartsWith(name, "OPTIONS-") || absl::EndsWith(name, ".log") ||
         absl::EndsWith(name, ".sst") || absl::EndsWith(name, ".blob") ||
         absl::EndsWith(name, ".dbtmp");
}

// Refuses a path that would make RocksDB write into something else's files:
// a regular file, or a directory of other files (e.g. a mistyped --data_dir
// pointing at a home directory).
absl::Status CheckDirectory(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) {
    return absl::InternalError(
        absl::StrCat("cannot create data dir ", path, ": ", ec.message()));
  }
  if (!fs::is_directory(path, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", path, " is not a directory"));
  }
  if (fs::exists(fs::path(path) / "CURRENT", ec)) return absl::OkStatus();
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!IsRocksDbFile(name)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "data dir ", path, " is not a RocksDB database (it holds \"", name,
          "\" but no CURRENT file)"));
    }
  }
  if (ec) {
    return absl::InternalError(
        absl::StrCat("cannot list data dir ", path, ": ", ec.message()));
  }
  return absl::OkStatus();
}

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // Info logs rotate; a long-running service must not fill the disk with them.
  options.keep_log_file_num = 5;
  options.max_log_file_size = 16 << 20;
  // The history column family's vector memtable (below) takes inserts from
  // one thread at a time only; the write group leader inserts for the group.
  options.allow_concurrent_memtable_write = false;
  return options;
}

// Point lookups (entry by id, decision by id, hold by waybill) dominate, so
// the column families get a Bloom filter (all but history, which nothing
// looks up: MakeHistoryCfOptions) and one shared block cache.
rocksdb::BlockBasedTableOptions MakeTableOptions() {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(64 << 20);
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  return table;
}

rocksdb::ColumnFamilyOptions MakeCfOptions() {
  rocksdb::ColumnFamilyOptions options;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(MakeTableOptions()));
  return options;
}

// A history bucket's value: its base (a put, or nothing) plus every delta
// merged into it, each an int64 of 8 bytes big-endian (keys.h). Addition is
// associative, so RocksDB may fold operands in any grouping. A value that is
// not 8 bytes fails the read or compaction as corruption.
class CountAdd final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    std::optional<int64_t> base = existing == nullptr
                                      ? std::optional<int64_t>(0)
                                      : keys::DecodeCount(existing->ToStringView());
    std::optional<int64_t> delta = keys::DecodeCount(value.ToStringView());
    if (!base || !delta) return false;
    // Two's complement wrap-around, never undefined behaviour.
    *new_value = keys::EncodeCount(
        static_cast<int64_t>(static_cast<uint64_t>(*base) + static_cast<uint64_t>(*delta)));
    return true;
  }
  const char* Name() const override { return "placi.CountAdd"; }
};

// history takes one window log record per parcel (a Put, window_log.h) and,
// after each window snapshot, one DeleteRange of the records it holds (data
// dirs of session 9 also hold bucket Merges and SingleDeletes of records
// from the fold that snapshots replaced); it is read only when the store
// opens (the counters are served from memory, window_counters.h). A vector memtable
// appends a write in O(1) and sorts once, at flush or on that one read; the
// default skip list pays a cache-missing search per write, which made it
// most of AddAndSum's cost (median per parcel on a 2-vCPU VM: ~45 µs with
// the skip list, ~11 µs with this; tests/storage/window_counters_benchmark.cc).
//
// Bucket writes (of older versions) are Merges of deltas (keys.h), summed by
// CountAdd, kept for the data dirs that still hold them; log records are
// Puts, never merged.
//
// Universal (size-tiered) compaction, because the keys of the current
// buckets are written in random order: a week counter's bucket spans 14
// hours, so with leveled compaction every flushed file overlapped all of
// that bucket's keys already in L1, and each L0 -> L1 compaction rewrote
// them (200 MB read and written for 20 MB flushed, every few seconds, with
// 10 million counters in the current buckets; RocksDB's LOG, session 7).
// Size-tiered runs are merged when they are of similar size, so a key is
// rewritten a few times in its life instead of at every compaction. A
// DeleteRange (of expired buckets at open, of the log after a snapshot)
// takes effect when its file merges with the old runs; reads never see what
// it covers.
//
// No Bloom filter: nothing looks a history key up (the store reads the
// column family once, in order, at open), and building one cost every flush
// and compaction a hash per key.
rocksdb::ColumnFamilyOptions MakeHistoryCfOptions() {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table = MakeTableOptions();
  table.filter_policy.reset();
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
  options.merge_operator = std::make_shared<CountAdd>();
  options.compaction_style = rocksdb::kCompactionStyleUniversal;
  return options;
}

// Decision records are keyed "id/" + a time-ordered id (core/decision_id.h),
// so each lands just after the previous one. With this as the insert-hint
// prefix the memtable starts its search at the last insert instead of at the
// top of the skip list (perf: the search was most of a verdict's memtable
// cost). Other keys of the column family (waybill index, shadow decisions)
// insert as before.
class DecisionRecordPrefix final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "placi.DecisionRecordPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), kPrefix.size());
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return key.starts_with(rocksdb::Slice(kPrefix.data(), kPrefix.size()));
  }

 private:
  static constexpr std::string_view kPrefix = "id/";  // keys::DecisionKey
};

rocksdb::ColumnFamilyOptions MakeDecisionsCfOptions() {
  rocksdb::ColumnFamilyOptions options = MakeCfOptions();
  options.memtable_insert_with_hint_prefix_extractor =
      std::make_shared<DecisionRecordPrefix>();
  return options;
}

// Every parcel with a house waybill asks for its hold (Store::LatestHold),
// and most have none: without a filter each such miss searched the whole
// memtable skip list before the SST Bloom filters said no. A whole-key
// Bloom filter on the memtable (2% of its size, ~1.3 MB) answers most
// misses at once.
rocksdb::ColumnFamilyOptions MakeHoldsCfOptions() {
  rocksdb::ColumnFamilyOptions options = MakeCfOptions();
  options.memtable_prefix_bloom_size_ratio = 0.02;
  options.memtable_whole_key_filtering = true;
  return options;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("data dir path is empty");
  if (absl::Status s = CheckDirectory(path); !s.ok()) return s;

  rocksdb::DBOptions db_options = MakeDbOptions();
  // RocksDB's info LOG, through a logger that a full disk cannot make abort
  // (info_log.h).
  db_options.info_log = NewInfoLog(path);
  const rocksdb::ColumnFamilyOptions cf_options = MakeCfOptions();

  // Open every column family on disk (RocksDB refuses to open a database
  // without all of them) plus ours, which are created when missing.
  std::vector<std::string> names;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec)) {
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options, path, &names);
    if (!s.ok()) {
      if (s.IsCorruption()) {
        return absl::DataLossError(
            absl::StrCat("data dir ", path, " is corrupted (", s.ToString(), ")"));
      }
      return FromRocksDb(s, absl::StrCat("cannot open data dir ", path));
    }
  }
  for (const char* ours : {rocksdb::kDefaultColumnFamilyName.c_str(), keys::kWatchlistCf,
                           keys::kDecisionsCf, keys::kHoldsCf, keys::kHistoryCf,
                           keys::kMetaCf}) {
    if (std::find(names.begin(), names.end(), ours) == names.end()) names.push_back(ours);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(names.size());
  const rocksdb::ColumnFamilyOptions history_options = MakeHistoryCfOptions();
  const rocksdb::ColumnFamilyOptions decisions_options = MakeDecisionsCfOptions();
  const rocksdb::ColumnFamilyOptions holds_options = MakeHoldsCfOptions();
  for (const std::string& name : names) {
    descriptors.emplace_back(name, name == keys::kHistoryCf     ? history_options
                                   : name == keys::kDecisionsCf ? decisions_options
                                   : name == keys::kHoldsCf     ? holds_options
                                                                : cf_options);
  }

  auto database = std::unique_ptr<Database>(new Database(path));
  // Tickers (per-core counters, no clock reads) for the server's metrics:
  // block cache hits and misses, write stall time (Store::Statistics()).
  database->statistics_ = rocksdb::CreateDBStatistics();
  database->statistics_->set_stats_level(rocksdb::StatsLevel::kExceptHistogramOrTimers);
  db_options.statistics = database->statistics_;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, path, descriptors, &database->handles_, &raw);
  database->db_.reset(raw);  // owned at once, whatever happens next
  if (!s.ok()) {
    if (IsLockHeld(s)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "data dir ", path, " is locked by another process (", s.ToString(), ")"));
    }
    if (s.IsCorruption()) {
      return absl::DataLossError(
          absl::StrCat("data dir ", path, " is corrupted (", s.ToString(), ")"));
    }
    return FromRocksDb(s, absl::StrCat("cannot open data dir ", path));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    rocksdb::ColumnFamilyHandle* handle = database->handles_[i];
    if (names[i] == keys::kWatchlistCf) database->watchlist_ = handle;
    if (names[i] == keys::kDecisionsCf) database->decisions_ = handle;
    if (names[i] == keys::kHoldsCf) database->holds_ = handle;
    if (names[i] == keys::kHistoryCf) database->history_ = handle;
    if (names[i] == keys::kMetaCf) database->meta_ = handle;
  }
  return database;
}

absl::Status Database::Close() {
  if (db_ == nullptr) return absl::OkStatus();
  // After a write error (a full disk) RocksDB refuses writes until it
  // resumes, and its failed WAL writer must not be touched again (Debian's
  // RocksDB asserts): resume first, sync only a healthy WAL.
  absl::Status result = FromRocksDb(db_->Resume(), absl::StrCat("closing data dir ", path_,
                                                                " after a write error"));
  // Verdict writes may sit in the OS page cache (sync_decisions=false): make
  // them durable before the process goes away.
  if (result.ok()) {
    result = FromRocksDb(db_->FlushWAL(/*sync=*/true),
                         absl::StrCat("syncing WAL of data dir ", path_));
  }
  // Memtables to SST files, so that the next open has no WAL to replay: after
  // a 1M-entry import that replay (parse, memtable inserts, and a flush of
  // what it rebuilt) took ~0.6 s of the restart. Only on a healthy database:
  // a failed flush loses nothing, since the WAL synced above holds the same.
  if (result.ok()) {
    rocksdb::FlushOptions flush;
    flush.allow_write_stall = true;  // nobody writes any more; do not wait for one
    absl::Status flushed = FromRocksDb(db_->Flush(flush, handles_),
                                       absl::StrCat("flushing memtables of data dir ", path_));
    if (!flushed.ok()) std::fprintf(stderr, "placi storage: %s\n", flushed.ToString().c_str());
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    absl::Status s = FromRocksDb(db_->DestroyColumnFamilyHandle(handle),
                                 absl::StrCat("closing data dir ", path_));
    if (result.ok()) result = s;
  }
  handles_.clear();
  watchlist_ = decisions_ = holds_ = history_ = meta_ = nullptr;
  absl::Status s = FromRocksDb(db_->Close(), absl::StrCat("closing data dir ", path_));
  if (result.ok()) result = s;
  db_.reset();
  return result;
}

Database::~Database() {
  absl::Status s = Close();
  if (!s.ok()) std::fprintf(stderr, "placi storage: %s\n", s.ToString().c_str());
}

}  // namespace placi::storage
