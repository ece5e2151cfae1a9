// The window log (see window_log.h).
#include "storage/window_log.h"

#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/keys.h"
#include "storage/rocksdb_status.h"
#include "storage/varint.h"
#include "storage/window_snapshot.h"

namespace placi::storage {
namespace {

constexpr char kFormat1 = 0x01;
// After a failed snapshot, the thread waits at least this long (and its
// interval, up to a minute): what failed (a full disk) fails again at once,
// and each try prints a line.
constexpr absl::Duration kRetryAfterFailure = absl::Seconds(1);
// How often a snapshot looks again whether the records being written as it
// copied the shards are written (they take a RocksDB write: microseconds
// to a few milliseconds).
constexpr absl::Duration kLoggingPoll = absl::Microseconds(200);

using varint::EncodeTo;
using varint::Read;
using varint::UnZigZag;
using varint::ZigZag;

}  // namespace

void EncodeWindowLogValue(absl::Span<const LoggedIncrement> increments, std::string* out) {
  // Room for the longest encoding, then trimmed to what was written.
  constexpr size_t kMaxIncrementBytes = 8 + 3 * varint::kMaxBytes;
  const size_t start = out->size();
  out->resize(start + 1 + varint::kMaxBytes + increments.size() * kMaxIncrementBytes);
  char* next = out->data() + start;
  *next++ = kFormat1;
  next = EncodeTo(increments.size(), next);
  for (const LoggedIncrement& inc : increments) {
    next = varint::EncodeFixed64To(inc.counter_hash, next);
    next = EncodeTo(static_cast<uint64_t>(inc.bucket_width_seconds), next);
    next = EncodeTo(static_cast<uint64_t>(inc.bucket), next);
    next = EncodeTo(ZigZag(inc.delta), next);
  }
  out->resize(static_cast<size_t>(next - out->data()));
}

bool DecodeWindowLogValue(std::string_view bytes, std::vector<LoggedIncrement>* out) {
  if (bytes.empty() || bytes.front() != kFormat1) return false;
  bytes.remove_prefix(1);
  uint64_t count = 0;
  // Each increment takes at least 11 bytes: a count beyond that is corrupt
  // (and must not size a reservation).
  if (!Read(&bytes, &count) || count > bytes.size() / 11) return false;
  const size_t old_size = out->size();
  out->reserve(old_size + count);
  for (uint64_t i = 0; i < count; ++i) {
    LoggedIncrement inc;
    if (bytes.size() < 8) break;
    for (int b = 0; b < 8; ++b) {
      inc.counter_hash |= uint64_t{static_cast<unsigned char>(bytes[b])} << (8 * b);
    }
    bytes.remove_prefix(8);
    uint64_t width = 0, bucket = 0, delta = 0;
    if (!Read(&bytes, &width) || !Read(&bytes, &bucket) ||
        !Read(&bytes, &delta)) {
      break;
    }
    inc.bucket_width_seconds = static_cast<int64_t>(width);
    inc.bucket = static_cast<int64_t>(bucket);
    inc.delta = UnZigZag(delta);
    out->push_back(inc);
  }
  if (out->size() - old_size != count || !bytes.empty()) {
    out->resize(old_size);
    return false;
  }
  return true;
}

WindowLog::WindowLog(const Options& options) : options_(options) {}

WindowLog::~WindowLog() { Stop(); }

void WindowLog::Logged() {
  if (logged_.fetch_add(1, std::memory_order_relaxed) + 1 == options_.snapshot_records) {
    absl::MutexLock lock(&mu_);
    wake_.Signal();
  }
}

void WindowLog::ContinueFrom(uint64_t sequence) {
  if (sequence > next_sequence_.load(std::memory_order_relaxed)) {
    next_sequence_.store(sequence, std::memory_order_relaxed);
  }
}

void WindowLog::Loaded(uint64_t records, bool from_buckets) {
  logged_.fetch_add(records + (from_buckets ? 1 : 0), std::memory_order_relaxed);
}

void WindowLog::Start() {
  if (options_.interval == absl::InfiniteDuration()) return;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "placi-wlog");  // in top -H and perf
    Run();
  });
}

void WindowLog::Stop() {
  if (stopped_) return;
  stopped_ = true;
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
    wake_.Signal();
  }
  if (!thread_.joinable()) return;  // never started: no snapshot at close either
  thread_.join();
  if (!options_.snapshot_at_stop || logged_.load(std::memory_order_relaxed) == 0) return;
  if (absl::Status s = Snapshot(); !s.ok()) {
    // The records stay in the log; the next open replays them.
    std::fprintf(stderr, "placi storage: %s\n", s.ToString().c_str());
  }
}

void WindowLog::Run() {
  absl::MutexLock lock(&mu_);
  bool failed = false;  // the last snapshot failed
  absl::Time last = absl::Now();
  while (!stop_) {
    // After a failure, always a wait of kRetryAfterFailure at least: with
    // snapshot_records logged the thread would otherwise retry at once, and
    // what failed (a full disk) fails again at once: a CPU spinning and a
    // line on stderr per try.
    const absl::Duration wait =
        failed ? std::max(std::min(options_.interval, absl::Minutes(1)), kRetryAfterFailure)
               : options_.interval - (absl::Now() - last);
    if (failed || logged_.load(std::memory_order_relaxed) < options_.snapshot_records) {
      wake_.WaitWithTimeout(&mu_, wait);
    }
    if (stop_) break;
    const uint64_t logged = logged_.load(std::memory_order_relaxed);
    if (logged == 0) {
      last = absl::Now();
      continue;
    }
    if (logged < options_.snapshot_records && absl::Now() - last < options_.interval) continue;
    mu_.Unlock();
    absl::Status s = Snapshot();
    failed = !s.ok();
    if (failed) std::fprintf(stderr, "placi storage: %s\n", s.ToString().c_str());
    mu_.Lock();
    last = absl::Now();
  }
}

absl::Status WindowLog::Snapshot() {
  absl::MutexLock lock(&snapshot_mu_);
  Database& db = *options_.db;
  WindowCounters& counters = *options_.counters;
  // Records logged from here on may be in the copy or not: they count for
  // the next snapshot (which then may come a little early).
  const uint64_t logged = logged_.load(std::memory_order_relaxed);
  const uint64_t failed_before = counters.failed_logs();
  const int64_t now = absl::ToUnixSeconds(options_.clock->Now());
  WindowSnapshotWriter writer;
  if (absl::Status s = writer.Begin(db.path(), counters.key_seed()); !s.ok()) return s;
  uint64_t min_next = ~uint64_t{0};
  std::vector<std::pair<int, std::vector<uint64_t>>> logging;
  for (int shard = 0; shard < WindowCounters::kShards; ++shard) {
    WindowCounters::ShardCut cut = counters.SerializeShard(
        shard, now, [&] { return next_sequence_.load(std::memory_order_relaxed); }, &buffer_,
        &shard_copy_);
    if (absl::Status s = writer.AddShard(cut.next_sequence, cut.counters, buffer_); !s.ok()) {
      return s;
    }
    min_next = std::min(min_next, cut.next_sequence);
    if (!cut.logging.empty()) logging.emplace_back(shard, std::move(cut.logging));
  }
  // Records whose sequence was taken before their shards were copied are in
  // the copy: the snapshot may become durable only once they are. (A
  // write's last step; a record that fails is taken back in memory, so the
  // next snapshot is right, but this one holds it: dropped.)
  for (const auto& [shard, sequences] : logging) {
    while (counters.Logging(shard, sequences)) absl::SleepFor(kLoggingPoll);
  }
  if (counters.failed_logs() != failed_before) {
    return absl::UnavailableError(absl::StrCat(
        "window snapshot of ", db.path(), " dropped: a window log write failed as it was taken"));
  }
  // The records the copy holds must outlive a power cut before the copy
  // does: their verdicts' WAL is not synced per write (sync_decisions=false),
  // and a snapshot counting verdicts that a power cut then lost would keep
  // counts with no verdict behind them. One sync per snapshot. As in
  // Database::Close, resume first: a failed WAL writer must not be synced
  // (Debian's RocksDB asserts), and a database that cannot resume takes no
  // snapshot.
  if (rocksdb::Status s = db.db()->Resume(); !s.ok()) {
    return FromRocksDb(s, absl::StrCat("window snapshot of ", db.path(), " after a write error"));
  }
  if (rocksdb::Status s = db.db()->FlushWAL(/*sync=*/true); !s.ok()) {
    return FromRocksDb(s, absl::StrCat("syncing the WAL before a window snapshot of ", db.path()));
  }
  if (absl::Status s = writer.Commit(); !s.ok()) return s;
  snapshots_.fetch_add(1, std::memory_order_relaxed);

  // What the snapshot holds goes from the history column family. Not
  // synced: lost in a crash, they are ignored by the next open all the
  // same (the snapshot is loaded instead of bucket keys, and records below
  // a shard's S skip it), and the next snapshot drops them again.
  rocksdb::WriteBatch batch;
  if (!buckets_deleted_) {
    batch.DeleteRange(db.history(), rocksdb::Slice(), keys::WindowLogKey(0));
  }
  batch.DeleteRange(db.history(), keys::WindowLogKey(0), keys::WindowLogKey(min_next));
  rocksdb::Status s = db.db()->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) {
    return FromRocksDb(s, absl::StrCat("dropping the window log covered by a snapshot in ",
                                       db.path()));
  }
  buckets_deleted_ = true;
  logged_.fetch_sub(logged, std::memory_order_relaxed);
  return absl::OkStatus();
}

}  // namespace placi::storage
