// RocksDB's info LOG (<data dir>/LOG: open, flush and compaction notes),
// written by us rather than by RocksDB's own logger.
//
// Why: RocksDB's file logger goes through a WritableFileWriter, which after
// one failed write asserts on the next, and Debian's librocksdb is built
// with assertions on. On a full disk the LOG is among the first files to
// fail, so the server would abort instead of giving fail-closed verdicts
// (tests/server/fail_closed_test.cc found it). This logger writes with
// plain write(2) and drops what cannot be written; it rotates like
// RocksDB's (LOG → LOG.old.<micros> at a size, keeping a few).
//
//   rocksdb::DBOptions options;
//   options.info_log = NewInfoLog(path);
#ifndef PLACI_STORAGE_INFO_LOG_H_
#define PLACI_STORAGE_INFO_LOG_H_

#include <cstddef>
#include <memory>
#include <string>

#include "rocksdb/env.h"

namespace placi::storage {

struct InfoLogOptions {
  size_t max_file_bytes = 16 << 20;  // then LOG is rotated
  int keep_old_files = 5;            // LOG.old.* kept besides LOG
};

// A logger writing to `dir`/LOG (the previous LOG becomes LOG.old.<micros>).
// Never fails: when the file cannot be opened or written, lines are dropped.
// Thread-safe.
std::shared_ptr<rocksdb::Logger> NewInfoLog(const std::string& dir, InfoLogOptions options = {});

}  // namespace placi::storage

#endif  // PLACI_STORAGE_INFO_LOG_H_
