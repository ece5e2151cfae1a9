// Mapping between absl::Status and grpc::Status; see grpc_status.h.
#include "server/grpc_status.h"

#include "absl/strings/ascii.h"

namespace placi::server {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

std::string GrpcCodeName(grpc::StatusCode code) {
  int number = static_cast<int>(code);
  if (number < 0 || number >= kGrpcCodeCount) return "UNKNOWN";
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(number));
}

std::string GrpcCodeLabel(grpc::StatusCode code) {
  return absl::AsciiStrToLower(GrpcCodeName(code));
}

}  // namespace placi::server
