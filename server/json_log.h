// Structured event logs of the server: one line per event on stderr, either
// a JSON object (--log_format=json: for log collectors; the container image
// and the Kubernetes manifests set it) or readable text (--log_format=text,
// the default, for a terminal and `make run`).
//
//   LogEvent(LogLevel::kInfo, "verdict")
//       .Str("decision_id", verdict.decision_id)
//       .Int("risk_score", verdict.risk_score)
//       .Write();
//   LogEvent(LogLevel::kError, "rules_reload_failed", "rules not reloaded: ...").Write();
//
// JSON: {"ts":"2026-11-29T06:47:33.123456Z","level":"info","event":"verdict",
//        "decision_id":"...","risk_score":40}
//       (a "msg" key follows "event" when the event has a message)
// Text: 2026-11-29T06:47:33.123456Z INFO verdict decision_id=... risk_score=40
//       (the message, when there is one, stands in place of the event name)
//
// Contract:
// - Thread-safe, and no lock: an event formats into its own buffer, and
//   Write() hands the finished line to the kernel with one write(2), so the
//   lines of concurrent threads never interleave (pipes guarantee it up to
//   PIPE_BUF = 4096 bytes; string values are cut at kMaxValueBytes and
//   messages at kMaxMessageBytes to keep lines short).
// - Values are escaped: JSON strings per RFC 8259, bytes that are not UTF-8
//   become U+FFFD; text values with spaces, quotes, '=' or control
//   characters are quoted with C-style escapes. Keys are code literals
//   ([a-z_]+), written as given.
// - Write() never fails the caller: a line that cannot be written is lost.
// - What is logged is chosen by the call sites: identifiers, codes and
//   counts, never a request body, a watchlist value or a secret.
#ifndef PLACI_SERVER_JSON_LOG_H_
#define PLACI_SERVER_JSON_LOG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace placi::server {

enum class LogFormat { kText, kJson };
enum class LogLevel { kInfo, kWarning, kError };

struct LogOptions {
  LogFormat format = LogFormat::kText;
  // Per-parcel events (a "verdict" for every parcel screened, a
  // "parcel_rejected" for every INVALID_ARGUMENT); everything else is always
  // logged.
  bool verdicts = true;
  // Where lines go; tests point it at a pipe or a file.
  int fd = 2;
};

// Process-wide; set once in main() before the server starts (and by tests).
// Reads are lock-free.
void SetLogOptions(const LogOptions& options);
LogOptions GetLogOptions();
inline bool LogVerdicts() { return GetLogOptions().verdicts; }

// Sends libprotobuf's own log lines (e.g. "String field ... contains invalid
// UTF-8 data", for every such message a client sends) through LogEvent as
// "protobuf" events, so that with --log_format=json every line on stderr is
// JSON. gRPC's lines go the same way (grpc_log_capture.h). The invalid-UTF-8
// parse line, which a client can cause with every request, is logged the
// first time (after each call) and then at most once a minute, with
// "similar_lines_suppressed". Call once, in main(), before threads start.
void RouteProtobufLogs();

// "json" or "text"; INVALID_ARGUMENT otherwise.
absl::StatusOr<LogFormat> ParseLogFormat(std::string_view name);

inline constexpr size_t kMaxValueBytes = 256;
inline constexpr size_t kMaxMessageBytes = 2048;

// One event: built with the field setters, then written once.
class LogEvent {
 public:
  // `event` is a stable snake_case name ("verdict", "hold_resolved", ...);
  // `message` a sentence for people, optional.
  LogEvent(LogLevel level, std::string_view event, std::string_view message = {});
  LogEvent(const LogEvent&) = delete;
  LogEvent& operator=(const LogEvent&) = delete;

  LogEvent& Str(std::string_view key, std::string_view value);
  LogEvent& Int(std::string_view key, int64_t value);
  LogEvent& Uint(std::string_view key, uint64_t value);
  LogEvent& Double(std::string_view key, double value);  // NaN and ±Inf: null
  LogEvent& Bool(std::string_view key, bool value);
  // A list of strings: a JSON array, or comma-separated in text. `project`
  // maps an element to its string_view.
  template <typename Range, typename Project>
  LogEvent& List(std::string_view key, const Range& range, Project project) {
    BeginList(key);
    bool first = true;
    for (const auto& element : range) {
      ListItem(project(element), first);
      first = false;
    }
    EndList();
    return *this;
  }

  // The line as it will be written, newline included.
  const std::string& Line();
  // Writes the line (once; later calls do nothing).
  void Write();

 private:
  void Key(std::string_view key);
  void BeginList(std::string_view key);
  void ListItem(std::string_view value, bool first);
  void EndList();

  const LogFormat format_;
  const int fd_;
  std::string line_;
  bool finished_ = false;
  bool written_ = false;
};

// Appends `value` as the contents of a JSON string (without the quotes), at
// most `max_bytes` of it (cut on a character boundary, then "..."). Exposed
// for tests.
void AppendJsonEscaped(std::string* out, std::string_view value, size_t max_bytes);

}  // namespace placi::server

#endif  // PLACI_SERVER_JSON_LOG_H_
