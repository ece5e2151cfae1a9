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

namespace placi::storage {
namespace {

constexpr char kFormat1 = 0x01;
constexpr int64_t kHourSeconds = 3600;
// Increments per fold batch (at least one whole record). A batch waits in
// RocksDB's write queue like any other, and the verdicts queued behind it
// wait for its memtable inserts (~0.1 us an increment). BM_WholeVerdict
// (3 interleaved rounds each, session 9): 4096 -> p50 20.6 / 21.4 / 26.6 us,
// p999 1.2 / 1.6 / 2.4 ms; 1024 -> 19.4 / 20.8 / 20.3 us, 0.6 / 1.7 /
// 0.5 ms; 256 no better than 1024, and each batch costs a write group and a
// WAL record of its own.
constexpr size_t kFoldIncrements = 1024;
// Pending increments that wake the thread before its interval is up, so
// that a burst (a bulk load) does not pile up in memory for a whole
// interval.
constexpr size_t kWakeIncrements = size_t{1} << 16;
// After a failed fold, the thread waits at least this long (and at least
// its interval): a write that fails (a full disk, until RocksDB recovers)
// fails again at once, and each try prints a line.
constexpr absl::Duration kRetryAfterFailure = absl::Seconds(1);

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// false when `in` ends inside the varint or it runs past 64 bits.
bool ReadVarint(std::string_view* in, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    if (shift == 63 && byte > 1) return false;
    result |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

}  // namespace

void EncodeWindowLogValue(absl::Span<const LoggedIncrement> increments, std::string* out) {
  out->push_back(kFormat1);
  AppendVarint(increments.size(), out);
  for (const LoggedIncrement& inc : increments) {
    for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(inc.counter_hash >> (8 * i)));
    AppendVarint(static_cast<uint64_t>(inc.bucket_width_seconds), out);
    AppendVarint(static_cast<uint64_t>(inc.bucket), out);
    AppendVarint(ZigZag(inc.delta), out);
  }
}

bool DecodeWindowLogValue(std::string_view bytes, std::vector<LoggedIncrement>* out) {
  if (bytes.empty() || bytes.front() != kFormat1) return false;
  bytes.remove_prefix(1);
  uint64_t count = 0;
  // Each increment takes at least 11 bytes: a count beyond that is corrupt
  // (and must not size a reservation).
  if (!ReadVarint(&bytes, &count) || count > bytes.size() / 11) return false;
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
    if (!ReadVarint(&bytes, &width) || !ReadVarint(&bytes, &bucket) ||
        !ReadVarint(&bytes, &delta)) {
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

void WindowLog::Records::Append(uint64_t sequence, absl::Span<const LoggedIncrement> logged) {
  sequences.push_back(sequence);
  increments.insert(increments.end(), logged.begin(), logged.end());
  ends.push_back(increments.size());
}

void WindowLog::Records::Clear() {
  sequences.clear();
  ends.clear();
  increments.clear();
}

WindowLog::WindowLog(const Options& options) : options_(options) {}

WindowLog::~WindowLog() { Stop(); }

void WindowLog::Acknowledge(uint64_t sequence, absl::Span<const LoggedIncrement> increments) {
  absl::MutexLock lock(&mu_);
  const size_t before = pending_.increments.size();
  pending_.Append(sequence, increments);
  if (before < kWakeIncrements && pending_.increments.size() >= kWakeIncrements) wake_.Signal();
}

void WindowLog::Replayed(uint64_t sequence, absl::Span<const LoggedIncrement> increments) {
  Acknowledge(sequence, increments);
  // Open replays on one thread, before any writer takes a sequence.
  if (sequence >= next_sequence_.load(std::memory_order_relaxed)) {
    next_sequence_.store(sequence + 1, std::memory_order_relaxed);
  }
}

size_t WindowLog::pending_records() const {
  absl::MutexLock lock(&mu_);
  return pending_.sequences.size();
}

void WindowLog::Start(int64_t expired_hour) {
  {
    absl::MutexLock fold(&fold_mu_);
    expired_hour_ = expired_hour;
  }
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
  if (!thread_.joinable()) return;  // never started, or never folds
  thread_.join();
  if (absl::Status s = Consolidate(); !s.ok()) {
    // The records stay in the log; the next open replays them.
    std::fprintf(stderr, "placi storage: %s\n", s.ToString().c_str());
  }
}

void WindowLog::Run() {
  absl::MutexLock lock(&mu_);
  bool failed = false;  // the last fold's write failed
  while (!stop_) {
    // (A wake signalled during the last fold is not waited for again.)
    // After a failed fold, always a wait (kRetryAfterFailure at least): the
    // records are still pending, so with kWakeIncrements of them the thread
    // would retry at once, and a write that fails (a full disk, until
    // RocksDB recovers) fails again at once: a CPU spinning and a line on
    // stderr per try.
    if (failed) {
      wake_.WaitWithTimeout(&mu_, std::max(options_.interval, kRetryAfterFailure));
    } else if (pending_.increments.size() < kWakeIncrements) {
      wake_.WaitWithTimeout(&mu_, options_.interval);
    }
    if (stop_) break;
    if (pending_.sequences.empty()) continue;
    mu_.Unlock();
    absl::Status s = Consolidate();
    failed = !s.ok();
    if (failed) {
      // Pending still; retried after the wait above.
      std::fprintf(stderr, "placi storage: %s\n", s.ToString().c_str());
    }
    mu_.Lock();
  }
}

absl::Status WindowLog::Consolidate() {
  absl::MutexLock fold(&fold_mu_);
  {
    absl::MutexLock lock(&mu_);
    std::swap(pending_, taken_);  // taken_ is empty: pending_ keeps its buffers
  }
  const size_t records = taken_.sequences.size();
  size_t first = 0;
  absl::Status status;
  while (first < records) {
    size_t last = first + 1;
    while (last < records && taken_.ends[last] - taken_.Begin(first) <= kFoldIncrements) ++last;
    status = Fold(taken_, first, last);
    if (!status.ok()) break;
    first = last;
  }
  if (first < records) {
    absl::MutexLock lock(&mu_);
    for (size_t r = first; r < records; ++r) {
      pending_.Append(taken_.sequences[r],
                      absl::MakeConstSpan(taken_.increments.data() + taken_.Begin(r),
                                          taken_.ends[r] - taken_.Begin(r)));
    }
  }
  taken_.Clear();
  return status;
}

absl::Status WindowLog::Fold(const Records& taken, size_t first, size_t last) {
  Database& db = *options_.db;
  const auto start = [](const LoggedIncrement& inc) {
    return inc.bucket * inc.bucket_width_seconds;
  };
  // The deltas summed per bucket: a counter that many parcels share (a
  // carrier's, a country's) becomes one Merge. A hash map, not a sort: the
  // sort was the fold's largest cost (perf), and the memtable takes keys in
  // any order.
  sums_.clear();
  sums_.reserve(taken.ends[last - 1] - taken.Begin(first));
  int64_t event_time = 0;
  for (size_t i = taken.Begin(first); i < taken.ends[last - 1]; ++i) {
    const LoggedIncrement& inc = taken.increments[i];
    if (inc.delta == 0) continue;
    event_time = std::max(event_time, start(inc));
    // Two's complement wrap-around, as CountAdd adds.
    uint64_t& sum = sums_[BucketOf{inc.counter_hash, inc.bucket_width_seconds, inc.bucket}];
    sum += static_cast<uint64_t>(inc.delta);
  }

  batch_.Clear();
  // Expiry, once an hour, as the verdict batches did it before the log:
  // up to the fold's latest bucket start capped by our clock (a replayed
  // old event and an event from a clock running fast expire nothing
  // early). The range goes first; buckets it covers that this fold would
  // merge into are left out (they expired: no window reads them, and the
  // open after a restart would not load them). It ends at a bucket start,
  // so it never covers a log key (keys.h).
  const int64_t previous_expired_hour = expired_hour_;
  int64_t dropped_before = 0;
  if (event_time > 0) {
    const int64_t expire_at = std::min(event_time, absl::ToUnixSeconds(options_.clock->Now()));
    const int64_t hour = expire_at / kHourSeconds;
    const int64_t cutoff = expire_at - options_.retention_seconds;
    if (hour > expired_hour_ && cutoff > 0) {
      batch_.DeleteRange(db.history(), rocksdb::Slice(), keys::HistoryTimeBound(cutoff));
      expired_hour_ = hour;
      dropped_before = cutoff;
    }
  }
  std::string key;
  for (const auto& [bucket, sum] : sums_) {
    const int64_t bucket_start = bucket.bucket * bucket.width;
    if (sum == 0 || bucket_start < dropped_before) continue;
    keys::HistoryKeyTo(bucket_start, bucket.width, bucket.counter_hash, &key);
    batch_.Merge(db.history(), key, keys::EncodeCount(static_cast<int64_t>(sum)));
  }
  for (size_t r = first; r < last; ++r) {
    keys::WindowLogKeyTo(taken.sequences[r], &key);
    batch_.SingleDelete(db.history(), key);
  }
  // Not synced: the records are in the WAL before this batch, so a power
  // cut that loses it loses the fold only, and the log still holds them.
  // (In the WAL all the same: a fold without it was no measurably cheaper,
  // and a kill then lost every fold since the last flush.)
  rocksdb::Status s = db.db()->Write(rocksdb::WriteOptions(), &batch_);
  if (s.ok()) return absl::OkStatus();
  expired_hour_ = previous_expired_hour;  // the retry expires again
  return FromRocksDb(s, absl::StrCat("folding the window log of ", db.path()));
}

}  // namespace placi::storage
