// rocksdb::Status → absl::Status, so that no RocksDB type crosses the
// storage/ boundary and every error reads as one line with its context.
//
//   rocksdb::Status s = db->Write(options, &batch);
//   if (!s.ok()) return FromRocksDb(s, "writing watchlist upsert");
#ifndef PLACI_STORAGE_ROCKSDB_STATUS_H_
#define PLACI_STORAGE_ROCKSDB_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace placi::storage {

// OK for an OK status; otherwise the canonical code closest to the RocksDB
// one (corruption → DATA_LOSS, no space → RESOURCE_EXHAUSTED, busy →
// UNAVAILABLE, I/O → INTERNAL, …) with message "<context>: <rocksdb text>".
absl::Status FromRocksDb(const rocksdb::Status& status, std::string_view context);

// True when an Open failed because another process (or another open handle
// in this one) holds the database's LOCK file.
bool IsLockHeld(const rocksdb::Status& status);

}  // namespace placi::storage

#endif  // PLACI_STORAGE_ROCKSDB_STATUS_H_
