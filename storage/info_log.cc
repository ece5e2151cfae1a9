// RocksDB's info LOG, written so that write errors cannot abort; see
// info_log.h.
#include "storage/info_log.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace placi::storage {
namespace {

namespace fs = std::filesystem;

class InfoLog final : public rocksdb::Logger {
 public:
  InfoLog(std::string dir, InfoLogOptions options)
      : dir_(std::move(dir)), options_(options) {
    absl::MutexLock lock(&mu_);
    OpenLocked();
  }
  ~InfoLog() override {
    absl::MutexLock lock(&mu_);
    CloseLocked();
  }

  void Logv(const char* format, va_list ap) override {
    // "2026/11/29-07:10:00.123456 7f3a2c1ff6c0 message", as RocksDB's own.
    char line[2048];
    const absl::Time now = absl::Now();
    const std::string stamp = absl::FormatTime("%Y/%m/%d-%H:%M:%E6S", now, absl::LocalTimeZone());
    int n = std::snprintf(line, sizeof(line), "%s %lx ", stamp.c_str(),
                          static_cast<unsigned long>(syscall(SYS_gettid)));
    if (n < 0) return;
    size_t used = std::min(static_cast<size_t>(n), sizeof(line) - 1);
    va_list copy;
    va_copy(copy, ap);
    int m = std::vsnprintf(line + used, sizeof(line) - used, format, copy);
    va_end(copy);
    if (m < 0) return;
    used = std::min(used + static_cast<size_t>(m), sizeof(line) - 2);
    if (line[used - 1] != '\n') line[used++] = '\n';

    absl::MutexLock lock(&mu_);
    if (fd_ < 0) return;
    if (size_ + used > options_.max_file_bytes) {
      CloseLocked();
      OpenLocked();
      if (fd_ < 0) return;
    }
    // Errors (a full disk) lose the line, nothing more.
    ssize_t written = ::write(fd_, line, used);
    if (written > 0) size_ += static_cast<size_t>(written);
  }

  size_t GetLogFileSize() const override {
    absl::MutexLock lock(&mu_);
    return size_;
  }

 protected:
  rocksdb::Status CloseImpl() override {
    absl::MutexLock lock(&mu_);
    CloseLocked();
    return rocksdb::Status::OK();
  }

 private:
  void OpenLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const fs::path log = fs::path(dir_) / "LOG";
    std::error_code ec;
    if (fs::exists(log, ec)) {
      fs::rename(log, fs::path(dir_) / absl::StrCat("LOG.old.", absl::ToUnixMicros(absl::Now())),
                 ec);
    }
    PruneOldLocked();
    fd_ = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    size_ = 0;
  }
  void CloseLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Keeps the newest options_.keep_old_files LOG.old.* files.
  void PruneOldLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::vector<std::string> old;
    std::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (absl::StartsWith(name, "LOG.old.")) old.push_back(name);
    }
    if (static_cast<int>(old.size()) <= options_.keep_old_files) return;
    // Same-length decimal stamps sort as numbers.
    std::sort(old.begin(), old.end());
    for (size_t i = 0; i + options_.keep_old_files < old.size(); ++i) {
      fs::remove(fs::path(dir_) / old[i], ec);
    }
  }

  const std::string dir_;
  const InfoLogOptions options_;
  mutable absl::Mutex mu_;
  int fd_ ABSL_GUARDED_BY(mu_) = -1;
  size_t size_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> NewInfoLog(const std::string& dir, InfoLogOptions options) {
  return std::make_shared<InfoLog>(dir, options);
}

}  // namespace placi::storage
