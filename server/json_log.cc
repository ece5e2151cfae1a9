// Structured event logs; see json_log.h.
#include "server/json_log.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/stubs/logging.h"
#include "server/repeat_limiter.h"

namespace placi::server {
namespace {

// format | verdicts << 8 | fd << 16: one word, so that readers never see
// half an update.
constexpr uint64_t Pack(const LogOptions& o) {
  return static_cast<uint64_t>(o.format == LogFormat::kJson ? 1 : 0) |
         (static_cast<uint64_t>(o.verdicts ? 1 : 0) << 8) |
         (static_cast<uint64_t>(static_cast<uint32_t>(o.fd)) << 16);
}

LogOptions Unpack(uint64_t word) {
  LogOptions o;
  o.format = (word & 0xff) == 1 ? LogFormat::kJson : LogFormat::kText;
  o.verdicts = ((word >> 8) & 0xff) != 0;
  o.fd = static_cast<int>(static_cast<uint32_t>(word >> 16));
  return o;
}

std::atomic<uint64_t> g_options{Pack(LogOptions{})};  // constant-initialized

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 if there is none.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    n = 3;
  } else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  } else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    n = 4;
  } else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  if (c1 < lo || c1 > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    const auto ck = static_cast<unsigned char>(s[i + k]);
    if (ck < 0x80 || ck > 0xBF) return 0;
  }
  return n;
}

constexpr char kHex[] = "0123456789abcdef";

// Text values: bare when they are plain, else quoted with C-style escapes.
bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return true;
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f || c >= 0x80) return true;
  }
  return false;
}

void AppendTextValue(std::string* out, std::string_view value, size_t max_bytes) {
  if (!NeedsQuotes(value) && value.size() <= max_bytes) {
    out->append(value);
    return;
  }
  out->push_back('"');
  size_t i = 0;
  while (i < value.size()) {
    const auto c = static_cast<unsigned char>(value[i]);
    size_t n = Utf8Length(value, i);
    if (i + (n == 0 ? 1 : n) > max_bytes) {
      out->append("...");
      break;
    }
    if (n > 1) {
      out->append(value.substr(i, n));  // printable beyond ASCII, kept readable
      i += n;
      continue;
    }
    ++i;
    switch (c) {
      case '"': out->append("\\\""); continue;
      case '\\': out->append("\\\\"); continue;
      case '\n': out->append("\\n"); continue;
      case '\r': out->append("\\r"); continue;
      case '\t': out->append("\\t"); continue;
      default: break;
    }
    if (n == 0 || c < 0x20 || c == 0x7f) {
      out->append("\\x");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xf]);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back('"');
}

// RFC 3339, UTC, microseconds: 2026-11-29T06:47:33.123456Z. The calendar
// part is formatted once per second per thread.
void AppendTimestamp(std::string* out) {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  thread_local time_t cached_second = -1;
  thread_local char cached[24];  // "2026-11-29T06:47:33"
  thread_local size_t cached_size = 0;
  if (now.tv_sec != cached_second) {
    tm parts{};
    gmtime_r(&now.tv_sec, &parts);
    const int n = std::snprintf(cached, sizeof(cached), "%04d-%02d-%02dT%02d:%02d:%02d",
                                parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                                parts.tm_hour, parts.tm_min, parts.tm_sec);
    cached_size = n > 0 ? static_cast<size_t>(n) : 0;
    cached_second = now.tv_sec;
  }
  out->append(cached, cached_size);
  char fraction[9] = {'.', '0', '0', '0', '0', '0', '0', 'Z', '\0'};
  long micros = now.tv_nsec / 1000;
  for (int i = 6; i >= 1; --i) {
    fraction[i] = static_cast<char>('0' + micros % 10);
    micros /= 10;
  }
  out->append(fraction, 8);
}

std::string_view JsonLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

std::string_view TextLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarning: return "WARN";
    case LogLevel::kError: return "ERROR";
  }
  return "INFO";
}

// libprotobuf logs an ERROR for every message it parses with invalid UTF-8
// in a string field: one line per such request, which a client can send at
// will. The request is answered INVALID_ARGUMENT naming the field and logged
// as "parcel_rejected" (parcel_intake.cc), so protobuf's line adds nothing
// but volume; the first is kept, later ones at most once a minute with the
// count held back.
bool IsInvalidUtf8ParseLine(std::string_view message) {
  return message.find("invalid UTF-8 data when parsing") != std::string_view::npos;
}

RepeatLimiter& InvalidUtf8ParseLimiter() {
  static RepeatLimiter* const limiter = new RepeatLimiter(absl::Minutes(1));
  return *limiter;
}

void ProtobufLogHandler(google::protobuf::LogLevel level, const char* filename, int line,
                        const std::string& message) {
  int64_t held_back = 0;
  if (IsInvalidUtf8ParseLine(message) &&
      !InvalidUtf8ParseLimiter().Admit(absl::Now(), &held_back)) {
    return;
  }
  const LogLevel ours = level >= google::protobuf::LOGLEVEL_ERROR     ? LogLevel::kError
                        : level == google::protobuf::LOGLEVEL_WARNING ? LogLevel::kWarning
                                                                      : LogLevel::kInfo;
  std::string_view file = filename == nullptr ? "" : filename;
  if (size_t slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  LogEvent event(ours, "protobuf", message);
  event.Str("source", absl::StrCat(absl::string_view(file.data(), file.size()), ":", line));
  if (held_back > 0) event.Int("similar_lines_suppressed", held_back);
  event.Write();
}

}  // namespace

void RouteProtobufLogs() {
  // Routing starts afresh: the next invalid-UTF-8 line is logged in full.
  InvalidUtf8ParseLimiter().Reset();
  google::protobuf::SetLogHandler(&ProtobufLogHandler);
}

void SetLogOptions(const LogOptions& options) {
  g_options.store(Pack(options), std::memory_order_relaxed);
}

LogOptions GetLogOptions() { return Unpack(g_options.load(std::memory_order_relaxed)); }

absl::StatusOr<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "json") return LogFormat::kJson;
  if (name == "text") return LogFormat::kText;
  return absl::InvalidArgumentError(
      absl::StrCat("log format must be json or text, not \"",
                   absl::string_view(name.data(), name.size()), "\""));
}

void AppendJsonEscaped(std::string* out, std::string_view value, size_t max_bytes) {
  size_t i = 0;
  while (i < value.size()) {
    // Plain ASCII runs are copied in one piece.
    size_t run = i;
    while (run < value.size() && run < max_bytes) {
      const auto c = static_cast<unsigned char>(value[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out->append(value.substr(i, run - i));
    i = run;
    if (i >= value.size()) break;
    const size_t n = Utf8Length(value, i);
    if (i + (n == 0 ? 1 : n) > max_bytes) {
      out->append("...");
      break;
    }
    const auto c = static_cast<unsigned char>(value[i]);
    if (n > 1) {
      out->append(value.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    if (n == 0) {
      out->append("\\ufffd");  // not UTF-8: the replacement character
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
  }
}

LogEvent::LogEvent(LogLevel level, std::string_view event, std::string_view message)
    : format_(GetLogOptions().format), fd_(GetLogOptions().fd) {
  line_.reserve(512);
  if (format_ == LogFormat::kJson) {
    line_.append("{\"ts\":\"");
    AppendTimestamp(&line_);
    line_.append("\",\"level\":\"");
    line_.append(JsonLevel(level));
    line_.append("\",\"event\":\"");
    AppendJsonEscaped(&line_, event, kMaxValueBytes);
    line_.push_back('"');
    if (!message.empty()) {
      line_.append(",\"msg\":\"");
      AppendJsonEscaped(&line_, message, kMaxMessageBytes);
      line_.push_back('"');
    }
  } else {
    AppendTimestamp(&line_);
    line_.push_back(' ');
    line_.append(TextLevel(level));
    line_.push_back(' ');
    if (message.empty()) {
      line_.append(event);
    } else {
      // The message is for people: printed as is, control characters
      // escaped so that it stays one line.
      std::string quoted;
      AppendTextValue(&quoted, message, kMaxMessageBytes);
      if (!quoted.empty() && quoted.front() == '"' && quoted.back() == '"') {
        line_.append(quoted, 1, quoted.size() - 2);
      } else {
        line_.append(quoted);
      }
    }
  }
}

void LogEvent::Key(std::string_view key) {
  if (format_ == LogFormat::kJson) {
    line_.append(",\"");
    line_.append(key);
    line_.append("\":");
  } else {
    line_.push_back(' ');
    line_.append(key);
    line_.push_back('=');
  }
}

LogEvent& LogEvent::Str(std::string_view key, std::string_view value) {
  if (finished_) return *this;
  Key(key);
  if (format_ == LogFormat::kJson) {
    line_.push_back('"');
    AppendJsonEscaped(&line_, value, kMaxValueBytes);
    line_.push_back('"');
  } else {
    AppendTextValue(&line_, value, kMaxValueBytes);
  }
  return *this;
}

LogEvent& LogEvent::Int(std::string_view key, int64_t value) {
  if (finished_) return *this;
  Key(key);
  absl::StrAppend(&line_, value);
  return *this;
}

LogEvent& LogEvent::Uint(std::string_view key, uint64_t value) {
  if (finished_) return *this;
  Key(key);
  absl::StrAppend(&line_, value);
  return *this;
}

LogEvent& LogEvent::Double(std::string_view key, double value) {
  if (finished_) return *this;
  Key(key);
  if (std::isfinite(value)) {
    char buffer[32];
    int n = std::snprintf(buffer, sizeof(buffer), "%.9g", value);
    if (n > 0) line_.append(buffer, static_cast<size_t>(n));
  } else {
    line_.append(format_ == LogFormat::kJson ? "null" : std::to_string(value));
  }
  return *this;
}

LogEvent& LogEvent::Bool(std::string_view key, bool value) {
  if (finished_) return *this;
  Key(key);
  line_.append(value ? "true" : "false");
  return *this;
}

void LogEvent::BeginList(std::string_view key) {
  if (finished_) return;
  Key(key);
  if (format_ == LogFormat::kJson) line_.push_back('[');
}

void LogEvent::ListItem(std::string_view value, bool first) {
  if (finished_) return;
  if (format_ == LogFormat::kJson) {
    if (!first) line_.push_back(',');
    line_.push_back('"');
    AppendJsonEscaped(&line_, value, kMaxValueBytes);
    line_.push_back('"');
  } else {
    if (!first) line_.push_back(',');
    // Codes are plain; anything else is quoted item by item.
    AppendTextValue(&line_, value, kMaxValueBytes);
  }
}

void LogEvent::EndList() {
  if (finished_) return;
  if (format_ == LogFormat::kJson) line_.push_back(']');
}

const std::string& LogEvent::Line() {
  if (!finished_) {
    if (format_ == LogFormat::kJson) line_.push_back('}');
    line_.push_back('\n');
    finished_ = true;
  }
  return line_;
}

void LogEvent::Write() {
  if (written_) return;
  written_ = true;
  const std::string& line = Line();
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere to report a failed log write
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace placi::server
