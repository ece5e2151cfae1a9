// Startup capture of gRPC log lines; see grpc_log_capture.h.
#include "server/grpc_log_capture.h"

#include <string>
#include <cstring>
#include <map>

#include "absl/synchronization/mutex.h"
#include "grpc/support/log.h"
#include "server/json_log.h"

namespace placi::server {
namespace {

struct Captures {
  absl::Mutex mu;
  int next_id ABSL_GUARDED_BY(mu) = 0;
  std::map<int, std::vector<std::string>> open ABSL_GUARDED_BY(mu);
};

Captures& GetCaptures() {
  // Never destroyed: gRPC may log from its threads during process exit.
  static Captures* const captures = new Captures;
  return *captures;
}

const char* Basename(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash == nullptr ? path : slash + 1;
}

void LogFunction(gpr_log_func_args* args) {
  Captures& captures = GetCaptures();
  {
    absl::MutexLock lock(&captures.mu);
    if (!captures.open.empty()) {
      for (auto& [id, lines] : captures.open) lines.emplace_back(args->message);
      return;
    }
  }
  // The same facts as gRPC's default format, as a log event of ours.
  const LogLevel level = args->severity == GPR_LOG_SEVERITY_ERROR ? LogLevel::kError
                         : args->severity == GPR_LOG_SEVERITY_DEBUG ? LogLevel::kInfo
                         : args->severity == GPR_LOG_SEVERITY_INFO  ? LogLevel::kInfo
                                                                    : LogLevel::kWarning;
  LogEvent(level, "grpc", args->message)
      .Str("source", std::string(Basename(args->file)) + ":" + std::to_string(args->line))
      .Write();
}

void InstallOnce() {
  static const bool installed = [] {
    gpr_set_log_function(&LogFunction);
    return true;
  }();
  (void)installed;
}

}  // namespace

GrpcLogCapture::GrpcLogCapture() {
  InstallOnce();
  Captures& captures = GetCaptures();
  absl::MutexLock lock(&captures.mu);
  id_ = captures.next_id++;
  captures.open[id_];
}

GrpcLogCapture::~GrpcLogCapture() {
  Captures& captures = GetCaptures();
  absl::MutexLock lock(&captures.mu);
  captures.open.erase(id_);
}

std::vector<std::string> GrpcLogCapture::Lines() const {
  Captures& captures = GetCaptures();
  absl::MutexLock lock(&captures.mu);
  return captures.open[id_];
}

}  // namespace placi::server
