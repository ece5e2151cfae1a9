// The window snapshot: a file beside RocksDB's files in the data dir that
// holds every window counter (window_counters.h), so that the history column
// family needs no key per bucket. With the window log's records written
// since (window_log.h), it is the counters' durable copy.
//
// Why: the window log's records used to be folded into bucket Merges in the
// background; at the server's rate that fold, and sorting its Merges in the
// history memtable at each flush, took ~25 us of CPU per parcel (a quarter of
// the server's; session 10, docs/performance.md). A snapshot of the counters
// every WindowLog::Options::snapshot_records records (or interval) costs a
// walk of memory and a sequential file write instead, and the log records
// it covers are dropped with one DeleteRange.
//
// File `window_snapshot` (written as `window_snapshot.tmp`, fsynced, renamed,
// the directory fsynced), integers little-endian:
//   header: magic "PLACIWS\n" (8 bytes), format version (4 bytes, 1), shards
//           (4 bytes, WindowCounters::kShards), a check of the data dir's
//           history key seed (8 bytes), a checksum of those 24 bytes (8)
//   per shard, in order: S (8 bytes: the window log's next sequence when the
//           shard was copied), counters (8), length of the counters' bytes
//           (8), the bytes (WindowCounters::SerializeShard), a checksum of
//           the shard's section so far (8)
//   nothing after the last shard.
// Checksums are core::KeyBytesHash with a fixed seed. A log record touching
// shard i is in the snapshot's copy of the shard iff its sequence < S_i
// (window_counters.h says how), so a load replays, of each record, the
// increments of shards whose S is not above its sequence.
//
//   WindowSnapshotWriter writer;
//   if (absl::Status s = writer.Begin(dir, seed); !s.ok()) return s;
//   for (...) writer.AddShard(next_sequence, counters, bytes);
//   writer.Commit();
#ifndef PLACI_STORAGE_WINDOW_SNAPSHOT_H_
#define PLACI_STORAGE_WINDOW_SNAPSHOT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/window_counters.h"

namespace placi::storage {

inline constexpr char kWindowSnapshotFile[] = "window_snapshot";

// Writes one snapshot; not thread-safe. Abandons (deletes) the temporary
// file unless committed.
class WindowSnapshotWriter {
 public:
  WindowSnapshotWriter() = default;
  ~WindowSnapshotWriter();
  WindowSnapshotWriter(const WindowSnapshotWriter&) = delete;
  WindowSnapshotWriter& operator=(const WindowSnapshotWriter&) = delete;

  // Creates `dir`/window_snapshot.tmp and writes the header.
  absl::Status Begin(const std::string& dir, uint64_t key_seed);
  // The next shard's section.
  absl::Status AddShard(uint64_t next_sequence, uint64_t counters, std::string_view bytes);
  // Syncs, renames over `dir`/window_snapshot and syncs the directory.
  absl::Status Commit();
  // Closes and deletes the temporary file.
  void Abandon();

 private:
  absl::Status WriteAll(std::string_view bytes);
  std::string dir_;
  int fd_ = -1;
  int shards_ = 0;
  std::string section_;
};

// Reads `dir`/window_snapshot: calls load(shard, counters, bytes) for each
// shard in order and sets (*next_sequences)[shard] to its S. Returns false
// (and calls nothing) when there is no such file. DATA_LOSS naming the file
// for one that is not a whole snapshot of this format (a bad magic, version,
// shard count or checksum, truncated, trailing bytes, bytes that load
// refuses) or of another data dir (the seed check); INTERNAL for I/O errors.
absl::StatusOr<bool> ReadWindowSnapshot(
    const std::string& dir, uint64_t key_seed,
    absl::FunctionRef<bool(int shard, uint64_t counters, std::string_view bytes)> load,
    std::array<uint64_t, WindowCounters::kShards>* next_sequences);

}  // namespace placi::storage

#endif  // PLACI_STORAGE_WINDOW_SNAPSHOT_H_
