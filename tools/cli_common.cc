#include <iostream>

#include "tools/cli.h"

namespace placi::tools {

std::string CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "CODE_" + std::to_string(static_cast<int>(code));
  }
}

int RpcError(const grpc::Status& status) {
  std::cerr << "error: " << CodeName(status.error_code()) << ": " << status.error_message()
            << std::endl;
  return kExitError;
}

int UsageError(const std::string& message) {
  std::cerr << "usage error: " << message << "\n\n" << UsageText();
  return kExitUsage;
}

int CheckFlags(const Cli& cli, const std::set<std::string>& own_flags) {
  std::set<std::string> allowed = {"target",   "timeout_ms", "api_key", "tls_ca",
                                   "tls_cert", "tls_key",    "help",    "h"};
  allowed.insert(own_flags.begin(), own_flags.end());
  std::string unknown = cli.args.UnknownFlag(allowed);
  if (!unknown.empty()) return UsageError("unknown flag --" + unknown + " here");
  return kExitOk;
}

}  // namespace placi::tools
