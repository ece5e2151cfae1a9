// See outbox.h.
#include "storage/outbox.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "storage/keys.h"
#include "storage/rocksdb_status.h"

namespace placi::storage {

absl::StatusOr<std::unique_ptr<Outbox>> Outbox::Open(Database* db,
                                                     std::function<void()> on_written) {
  uint64_t last = 0;
  std::string bytes;
  rocksdb::Status s =
      db->db()->Get(rocksdb::ReadOptions(), db->meta(), keys::kOutboxPublishedThrough, &bytes);
  if (s.ok()) {
    std::optional<uint64_t> published = keys::DecodeVersion(bytes);
    if (!published) return absl::DataLossError("meta outbox_published_through is not 8 bytes");
    last = *published;
  } else if (!s.IsNotFound()) {
    return FromRocksDb(s, "reading the outbox position");
  }
  uint64_t size = 0;
  const std::string prefix = keys::kOutboxPrefix;
  std::unique_ptr<rocksdb::Iterator> it(db->db()->NewIterator(rocksdb::ReadOptions(), db->meta()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::optional<uint64_t> seq = keys::DecodeVersion(it->key().ToStringView().substr(prefix.size()));
    if (!seq) return absl::DataLossError("unreadable outbox key");
    last = std::max(last, *seq);
    ++size;
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "reading the outbox");
  return std::unique_ptr<Outbox>(new Outbox(db, std::move(on_written), last + 1, size));
}

Outbox::Outbox(Database* db, std::function<void()> on_written, uint64_t next, uint64_t size)
    : db_(db), on_written_(std::move(on_written)), next_(next), size_(size) {}

uint64_t Outbox::Add(const std::string& bytes, rocksdb::WriteBatch* batch) {
  uint64_t sequence;
  {
    absl::MutexLock lock(&mu_);
    sequence = next_++;
    writing_.insert(sequence);
  }
  batch->Put(db_->meta(), keys::OutboxKey(sequence), bytes);
  return sequence;
}

void Outbox::Done(uint64_t sequence, bool written) {
  {
    absl::MutexLock lock(&mu_);
    writing_.erase(sequence);
    if (written) ++size_;
  }
  if (written && on_written_) on_written_();
}

absl::StatusOr<std::vector<OutboxRecord>> Outbox::Read(uint64_t after, size_t limit) const {
  uint64_t stable_through;
  {
    absl::MutexLock lock(&mu_);
    stable_through = writing_.empty() ? next_ - 1 : *writing_.begin() - 1;
  }
  std::vector<OutboxRecord> records;
  if (stable_through <= after) return records;
  const std::string prefix = keys::kOutboxPrefix;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->meta()));
  for (it->Seek(keys::OutboxKey(after + 1));
       it->Valid() && it->key().starts_with(prefix) && records.size() < limit; it->Next()) {
    std::optional<uint64_t> seq =
        keys::DecodeVersion(it->key().ToStringView().substr(prefix.size()));
    if (!seq) return absl::DataLossError("unreadable outbox key");
    if (*seq > stable_through) break;
    records.push_back({*seq, it->value().ToString()});
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "reading the outbox");
  // What is read is about to be published: sync it first (once per read,
  // not per event), so that after an OS crash with --sync_decisions off
  // the sequence never restarts below one the other replicas already hold
  // (they would drop the new events as duplicates).
  if (!records.empty()) {
    rocksdb::Status s = db_->db()->FlushWAL(/*sync=*/true);
    if (!s.ok()) return FromRocksDb(s, "syncing the outbox before publishing");
  }
  return records;
}

absl::Status Outbox::Trim(uint64_t through, uint64_t count) {
  rocksdb::WriteBatch batch;
  batch.DeleteRange(db_->meta(), keys::OutboxKey(0), keys::OutboxKey(through + 1));
  batch.Put(db_->meta(), keys::kOutboxPublishedThrough, keys::EncodeVersion(through));
  rocksdb::Status s = db_->db()->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("trimming the outbox through ", through));
  absl::MutexLock lock(&mu_);
  size_ -= std::min(size_, count);
  return absl::OkStatus();
}

uint64_t Outbox::size() const {
  absl::MutexLock lock(&mu_);
  return size_;
}

}  // namespace placi::storage
