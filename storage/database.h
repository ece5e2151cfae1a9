// The RocksDB handle of placi-screen: opens the one database with all its
// column families, turns open failures into one-line statuses that name the
// data dir, and closes cleanly. Knows nothing of what is stored; store.cc
// does.
//
//   auto db = Database::Open("data/rocksdb");
//   if (!db.ok()) return db.status();
//   (*db)->db()->Get(rocksdb::ReadOptions(), (*db)->meta(), key, &value);
#ifndef PLACI_STORAGE_DATABASE_H_
#define PLACI_STORAGE_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/statistics.h"

namespace placi::storage {

// Thread-safe after Open (RocksDB's DB is); Close is not concurrent with use.
class Database {
 public:
  // Creates the directory (and its parents) and the database with every
  // column family of keys.h when missing. Errors, each one line naming the
  // path: FAILED_PRECONDITION when the path is not a directory, is a
  // non-empty directory that is not a RocksDB database, or is locked by
  // another process; DATA_LOSS for corruption; INTERNAL for I/O errors
  // (with RocksDB's own text, e.g. "Permission denied").
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();  // Close(); a failure is printed to stderr

  // Syncs the WAL, releases the column family handles and closes the
  // database. Idempotent.
  absl::Status Close();

  const std::string& path() const { return path_; }
  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* watchlist() const { return watchlist_; }
  rocksdb::ColumnFamilyHandle* decisions() const { return decisions_; }
  rocksdb::ColumnFamilyHandle* holds() const { return holds_; }
  rocksdb::ColumnFamilyHandle* history() const { return history_; }
  rocksdb::ColumnFamilyHandle* meta() const { return meta_; }
  // RocksDB's tickers for this database (block cache hits and misses, write
  // stall time, ...), counted since Open. Tickers only: no histograms or
  // timers, whose clock reads would cost on the write path.
  rocksdb::Statistics* statistics() const { return statistics_.get(); }

 private:
  explicit Database(std::string path) : path_(std::move(path)) {}

  std::string path_;
  std::shared_ptr<rocksdb::Statistics> statistics_;
  std::unique_ptr<rocksdb::DB> db_;
  // Every handle RocksDB gave us, including column families of newer builds
  // that this one does not use; all must be destroyed before closing.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* watchlist_ = nullptr;
  rocksdb::ColumnFamilyHandle* decisions_ = nullptr;
  rocksdb::ColumnFamilyHandle* holds_ = nullptr;
  rocksdb::ColumnFamilyHandle* history_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_DATABASE_H_
