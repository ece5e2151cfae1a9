// Mapping between absl::Status and grpc::Status; see grpc_status.h.
#include "server/grpc_status.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace placi::server {

namespace {

// Protobuf wire format, by hand: the two googleapis messages are not among
// the installed protos (/usr/share/grpc-proto has no google/rpc; libgrpc++'s
// error_details.h only declares google::rpc::Status). Debian 12 ships
// google/rpc/status.proto and error_details.proto in one package only, the
// Go sources of the gogo fork (golang-github-gogo-googleapis-dev 1.4.0, a
// 2019 copy, under /usr/share/gocode): a Go source package in the C++
// build's and the image's dependencies, for two messages whose field numbers
// are frozen (google.rpc.Status 1-3, BadRequest 1, FieldViolation 1-2), is
// more to keep than these twenty lines (checked in session 19). A copy of
// the two messages in proto/ would be the way if more details are needed.
void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void AppendBytesField(int number, std::string_view bytes, std::string* out) {
  AppendVarint(static_cast<uint64_t>(number) << 3 | 2, out);
  AppendVarint(bytes.size(), out);
  out->append(bytes.data(), bytes.size());
}

// "items[0].description", "consignee.address.city", "entries[3].value".
bool IsFieldPath(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '[' &&
        c != ']') {
      return false;
    }
  }
  return true;
}

// google.rpc.Status of `code` and `message` with a google.rpc.BadRequest
// of `violations` (field, description) as its one detail.
std::string BadRequestDetails(
    absl::StatusCode code, std::string_view message,
    const std::vector<std::pair<std::string_view, std::string_view>>& violations) {
  std::string bad_request;  // google.rpc.BadRequest
  for (const auto& [field, description] : violations) {
    std::string violation;  // google.rpc.BadRequest.FieldViolation
    AppendBytesField(1, field, &violation);
    AppendBytesField(2, description, &violation);
    AppendBytesField(1, violation, &bad_request);
  }
  std::string any;  // google.protobuf.Any
  AppendBytesField(1, "type.googleapis.com/google.rpc.BadRequest", &any);
  AppendBytesField(2, bad_request, &any);
  std::string rpc_status;  // google.rpc.Status
  AppendVarint(1 << 3 | 0, &rpc_status);
  AppendVarint(static_cast<uint64_t>(code), &rpc_status);
  AppendBytesField(2, message, &rpc_status);
  AppendBytesField(3, any, &rpc_status);
  return rpc_status;
}

}  // namespace

std::string FieldViolationDetails(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return "";
  const std::string_view message(status.message().data(), status.message().size());
  const size_t colon = message.find(": ");
  if (colon == std::string_view::npos || !IsFieldPath(message.substr(0, colon))) return "";
  return BadRequestDetails(status.code(), message,
                           {{message.substr(0, colon), message.substr(colon + 2)}});
}

grpc::Status FieldViolationsStatus(const std::vector<core::FieldViolation>& violations,
                                   size_t total) {
  if (violations.empty()) return grpc::Status::OK;
  std::string message = absl::StrCat(violations[0].field, ": ", violations[0].description);
  if (total > 1) absl::StrAppend(&message, "; and ", total - 1, " more:");
  std::vector<std::pair<std::string_view, std::string_view>> listed;
  listed.reserve(violations.size());
  for (size_t i = 0; i < violations.size(); ++i) {
    if (i > 0) {
      absl::StrAppend(&message, i > 1 ? ";" : "", " ", violations[i].field, ": ",
                      violations[i].description);
    }
    listed.emplace_back(violations[i].field, violations[i].description);
  }
  if (total > violations.size()) absl::StrAppend(&message, "; …");
  std::string details = BadRequestDetails(absl::StatusCode::kInvalidArgument, message, listed);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::move(message), std::move(details));
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string details = FieldViolationDetails(status);
  if (!details.empty()) {
    return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()),
                        std::move(details));
  }
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
