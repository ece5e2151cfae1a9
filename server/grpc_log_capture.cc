// Startup capture of gRPC log lines; see grpc_log_capture.h.
#include "server/grpc_log_capture.h"

#include <cstdio>
#include <cstring>
#include <map>

#include "absl/synchronization/mutex.h"
#include "grpc/support/log.h"

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
  // The same facts as gRPC's default format, without its timestamp (the
  // process supervisor adds one).
  std::fprintf(stderr, "grpc %s %s:%d] %s\n", gpr_log_severity_string(args->severity),
               Basename(args->file), args->line, args->message);
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
