// rocksdb::Status → absl::Status mapping (see rocksdb_status.h).
#include "storage/rocksdb_status.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace placi::storage {
namespace {

absl::StatusCode CodeOf(const rocksdb::Status& s) {
  if (s.IsNotFound()) return absl::StatusCode::kNotFound;
  if (s.IsCorruption()) return absl::StatusCode::kDataLoss;
  if (s.IsNoSpace() || s.IsMemoryLimit()) return absl::StatusCode::kResourceExhausted;
  if (s.IsBusy() || s.IsTryAgain() || s.IsShutdownInProgress()) {
    return absl::StatusCode::kUnavailable;
  }
  if (s.IsTimedOut()) return absl::StatusCode::kDeadlineExceeded;
  if (s.IsAborted()) return absl::StatusCode::kAborted;
  // We never hand caller input to RocksDB as options, so an invalid argument
  // or unsupported feature means the database on disk does not match what
  // this build expects.
  if (s.IsInvalidArgument() || s.IsNotSupported()) {
    return absl::StatusCode::kFailedPrecondition;
  }
  return absl::StatusCode::kInternal;  // I/O errors and the rest
}

}  // namespace

absl::Status FromRocksDb(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(CodeOf(status),
                      absl::StrCat(absl::string_view(context.data(), context.size()), ": ",
                                   status.ToString()));
}

bool IsLockHeld(const rocksdb::Status& status) {
  if (!status.IsIOError()) return false;
  // PosixFileSystem::LockFile words it "While lock file: <dir>/LOCK:
  // Resource temporarily unavailable" (other process) or "lock hold by
  // current process ... <dir>/LOCK: No locks available" (same process).
  // Not "/LOCK" alone: a permission error on LOCK names the file too.
  const std::string text = status.ToString();
  return text.find("While lock file") != std::string::npos ||
         text.find("lock hold by current process") != std::string::npos;
}

}  // namespace placi::storage
