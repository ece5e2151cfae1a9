// The outbox of the clustered mode: events this node applied and has yet to
// publish to the replicated log (storage/replication/). A record is written
// in the same RocksDB batch as the event it carries, so an event applied
// locally is never lost to the other replicas: if NATS is down, or the
// process dies before publishing, the record waits in the meta column family
// (keys.h, "outbox/" + sequence) until a publisher reads and trims it.
//
// Sequences are handed out in order, but concurrent batches may land out of
// order. Read() therefore returns only records below the lowest sequence
// still being written (a reader never skips one that is about to appear);
// a sequence whose batch failed leaves a gap, which readers step over.
//
//   uint64_t seq = outbox.Add(bytes, &batch);
//   rocksdb::Status s = db->Write(options, &batch);
//   outbox.Done(seq, s.ok());
//   ... publisher: for (auto& r : *outbox.Read(last, 256)) Publish(r); outbox.Trim(r.sequence, n);
#ifndef PLACI_STORAGE_OUTBOX_H_
#define PLACI_STORAGE_OUTBOX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/write_batch.h"
#include "storage/database.h"

namespace placi::storage {

struct OutboxRecord {
  uint64_t sequence = 0;
  std::string bytes;  // the encoded event
};

// Thread-safe.
class Outbox {
 public:
  // Counts the records left from an earlier run and continues their
  // sequence (or the last published one's). `db` outlives the outbox;
  // `on_written` (may be empty) is called after each record lands.
  static absl::StatusOr<std::unique_ptr<Outbox>> Open(Database* db,
                                                      std::function<void()> on_written);

  // Takes the next sequence and puts the record into `batch`. Every Add
  // must be followed by Done once the batch was written or failed.
  uint64_t Add(const std::string& bytes, rocksdb::WriteBatch* batch);
  void Done(uint64_t sequence, bool written);

  // Records with a sequence above `after`, in order, at most `limit`, all
  // of whose batches have finished; synced to disk (the WAL) before they
  // are returned, since they are read to be published.
  absl::StatusOr<std::vector<OutboxRecord>> Read(uint64_t after, size_t limit) const;

  // Deletes every record up to `through` (published), `count` of them.
  absl::Status Trim(uint64_t through, uint64_t count);

  // Records written and not trimmed.
  uint64_t size() const;

 private:
  Outbox(Database* db, std::function<void()> on_written, uint64_t next, uint64_t size);

  Database* const db_;
  const std::function<void()> on_written_;
  mutable absl::Mutex mu_;
  uint64_t next_ ABSL_GUARDED_BY(mu_);
  uint64_t size_ ABSL_GUARDED_BY(mu_);
  std::set<uint64_t> writing_ ABSL_GUARDED_BY(mu_);
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_OUTBOX_H_
