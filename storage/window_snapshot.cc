// The window snapshot file (see window_snapshot.h).
#include "storage/window_snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/key_hash.h"
#include "storage/varint.h"

namespace placi::storage {
namespace {

constexpr char kMagic[] = "PLACIWS\n";
constexpr uint32_t kFormatVersion = 1;
constexpr uint64_t kChecksumSeed = 0x77696e736e617031ULL;  // "winsnap1"
constexpr size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

std::string SnapshotPath(const std::string& dir) { return absl::StrCat(dir, "/", kWindowSnapshotFile); }
std::string TemporaryPath(const std::string& dir) { return SnapshotPath(dir) + ".tmp"; }

uint64_t SeedCheck(uint64_t key_seed) { return core::KeyBytesHash("window_snapshot", key_seed); }
uint64_t Checksum(std::string_view bytes) { return core::KeyBytesHash(bytes, kChecksumSeed); }

absl::Status IoError(std::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(std::string(what), " ", path, ": ", strerror(errno)));
}

void AppendFixed32(uint32_t value, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(value >> (8 * i)));
}

}  // namespace

WindowSnapshotWriter::~WindowSnapshotWriter() { Abandon(); }

void WindowSnapshotWriter::Abandon() {
  if (fd_ < 0) return;
  close(fd_);
  fd_ = -1;
  unlink(TemporaryPath(dir_).c_str());
}

absl::Status WindowSnapshotWriter::WriteAll(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("writing", TemporaryPath(dir_));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status WindowSnapshotWriter::Begin(const std::string& dir, uint64_t key_seed) {
  Abandon();
  dir_ = dir;
  shards_ = 0;
  fd_ = open(TemporaryPath(dir_).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) return IoError("creating", TemporaryPath(dir_));
  std::string header(kMagic, 8);
  AppendFixed32(kFormatVersion, &header);
  AppendFixed32(WindowCounters::kShards, &header);
  varint::AppendFixed64(SeedCheck(key_seed), &header);
  varint::AppendFixed64(Checksum(header), &header);
  return WriteAll(header);
}

absl::Status WindowSnapshotWriter::AddShard(uint64_t next_sequence, uint64_t counters,
                                            std::string_view bytes) {
  section_.clear();
  varint::AppendFixed64(next_sequence, &section_);
  varint::AppendFixed64(counters, &section_);
  varint::AppendFixed64(bytes.size(), &section_);
  // The checksum covers the prefix and the bytes without copying the bytes.
  const uint64_t checksum = Checksum(section_) ^ (Checksum(bytes) * 0x9e3779b97f4a7c15ULL);
  if (absl::Status s = WriteAll(section_); !s.ok()) return s;
  if (absl::Status s = WriteAll(bytes); !s.ok()) return s;
  section_.clear();
  varint::AppendFixed64(checksum, &section_);
  ++shards_;
  return WriteAll(section_);
}

absl::Status WindowSnapshotWriter::Commit() {
  if (shards_ != WindowCounters::kShards) {
    return absl::InternalError("window snapshot: committed before every shard was added");
  }
  const std::string tmp = TemporaryPath(dir_);
  if (fsync(fd_) != 0) return IoError("syncing", tmp);
  if (close(fd_) != 0) {
    fd_ = -1;
    unlink(tmp.c_str());
    return IoError("closing", tmp);
  }
  fd_ = -1;
  if (rename(tmp.c_str(), SnapshotPath(dir_).c_str()) != 0) {
    const absl::Status s = IoError("renaming", tmp);
    unlink(tmp.c_str());
    return s;
  }
  // The rename itself must survive a power cut.
  const int dir_fd = open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return IoError("opening", dir_);
  const int synced = fsync(dir_fd);
  close(dir_fd);
  if (synced != 0) return IoError("syncing", dir_);
  return absl::OkStatus();
}

absl::StatusOr<bool> ReadWindowSnapshot(
    const std::string& dir, uint64_t key_seed,
    absl::FunctionRef<bool(int shard, uint64_t counters, std::string_view bytes)> load,
    std::array<uint64_t, WindowCounters::kShards>* next_sequences) {
  const std::string path = SnapshotPath(dir);
  std::unique_ptr<FILE, int (*)(FILE*)> file(fopen(path.c_str(), "rbe"), &fclose);
  if (file == nullptr) {
    if (errno == ENOENT) return false;
    return IoError("opening", path);
  }
  const auto corrupt = [&](std::string_view why) {
    return absl::DataLossError(absl::StrCat("window snapshot ", path, ": ", std::string(why)));
  };
  std::string buffer;
  // Reads exactly n bytes into buffer; false at the end of the file.
  const auto read = [&](size_t n) {
    buffer.resize(n);
    return n == 0 || fread(buffer.data(), 1, n, file.get()) == n;
  };
  // The file's size bounds each shard's length field.
  if (fseeko(file.get(), 0, SEEK_END) != 0) return IoError("reading", path);
  const off_t size = ftello(file.get());
  if (size < 0 || fseeko(file.get(), 0, SEEK_SET) != 0) return IoError("reading", path);
  if (!read(kHeaderSize)) return corrupt("truncated header");
  uint64_t remaining = static_cast<uint64_t>(size) - kHeaderSize;
  std::string_view header(buffer);
  if (header.substr(0, 8) != std::string_view(kMagic, 8)) return corrupt("not a window snapshot");
  uint64_t checksum = 0;
  std::string_view tail = header.substr(kHeaderSize - 8);
  varint::ReadFixed64(&tail, &checksum);
  if (Checksum(header.substr(0, kHeaderSize - 8)) != checksum) return corrupt("header checksum");
  std::string_view fields = header.substr(8);
  uint64_t version_and_shards = 0, seed_check = 0;
  varint::ReadFixed64(&fields, &version_and_shards);
  varint::ReadFixed64(&fields, &seed_check);
  if ((version_and_shards & 0xffffffff) != kFormatVersion) {
    return corrupt(absl::StrCat("format version ", version_and_shards & 0xffffffff,
                                ", this build reads ", kFormatVersion));
  }
  if ((version_and_shards >> 32) != WindowCounters::kShards) return corrupt("shard count");
  if (seed_check != SeedCheck(key_seed)) {
    return corrupt("written for another data dir (history key seed)");
  }
  std::string prefix;
  for (int shard = 0; shard < WindowCounters::kShards; ++shard) {
    if (!read(24)) return corrupt(absl::StrCat("truncated at shard ", shard));
    remaining -= 24;
    prefix = buffer;
    std::string_view p(prefix);
    uint64_t next_sequence = 0, counters = 0, length = 0;
    varint::ReadFixed64(&p, &next_sequence);
    varint::ReadFixed64(&p, &counters);
    varint::ReadFixed64(&p, &length);
    // Checked against what the file has left before it sizes the buffer
    // (the checksum can only be checked once the bytes are read).
    if (length > remaining || remaining - length < 8) {
      return corrupt(absl::StrCat("truncated at shard ", shard, " (length ", length, ")"));
    }
    remaining -= length + 8;
    if (!read(length + 8)) return corrupt(absl::StrCat("truncated at shard ", shard));
    std::string_view bytes(buffer.data(), length);
    std::string_view stored(buffer.data() + length, 8);
    varint::ReadFixed64(&stored, &checksum);
    if ((Checksum(prefix) ^ (Checksum(bytes) * 0x9e3779b97f4a7c15ULL)) != checksum) {
      return corrupt(absl::StrCat("checksum of shard ", shard));
    }
    if (!load(shard, counters, bytes)) return corrupt(absl::StrCat("unreadable shard ", shard));
    (*next_sequences)[shard] = next_sequence;
  }
  if (fgetc(file.get()) != EOF) return corrupt("trailing bytes");
  if (ferror(file.get())) return IoError("reading", path);
  return true;
}

}  // namespace placi::storage
