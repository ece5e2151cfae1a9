// Mapping between absl::Status (what core/ and storage/ return) and
// grpc::Status (what goes on the wire), and the names of status codes used
// in metric labels.
//
//   absl::Status s = store->Apply(...).status();
//   return ToGrpcStatus(s);  // INVALID_ARGUMENT stays INVALID_ARGUMENT
#ifndef PLACI_SERVER_GRPC_STATUS_H_
#define PLACI_SERVER_GRPC_STATUS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/intake_limits.h"
#include "grpcpp/support/status.h"

namespace placi::server {

// The canonical codes of absl and gRPC share their numbers (both follow
// google.rpc.Code), so the code carries over unchanged, with the message.
// An INVALID_ARGUMENT whose message is "<field path>: <problem>" (every
// field-level refusal, core/intake_limits.h) also carries gRPC's rich error
// details: a google.rpc.Status holding a google.rpc.BadRequest with that
// field violation (architecture.md: "INVALID_ARGUMENT with field-level
// details"; review bb4 L1), for clients that read grpc-status-details-bin.
grpc::Status ToGrpcStatus(const absl::Status& status);

// INVALID_ARGUMENT for several bad fields of one request (`violations`, the
// first of `total`, which is at least violations.size()): the message is
// "<first field>: <problem>" as above, then "; and N more: <field>:
// <problem>; …"; the details carry each listed violation. So that a caller
// with thirty bad entries in a batch learns of all of them in one answer,
// not in thirty (ingest26).
grpc::Status FieldViolationsStatus(const std::vector<core::FieldViolation>& violations,
                                   size_t total);

// The serialized google.rpc.Status of a field-level INVALID_ARGUMENT
// (above), or "" for any other status.
std::string FieldViolationDetails(const absl::Status& status);

// "OK", "INVALID_ARGUMENT", … (the google.rpc.Code names).
std::string GrpcCodeName(grpc::StatusCode code);

// "ok", "invalid_argument", … for labels such as reason="invalid_argument".
std::string GrpcCodeLabel(grpc::StatusCode code);

// Number of canonical codes, OK (0) through UNAUTHENTICATED (16).
inline constexpr int kGrpcCodeCount = 17;

}  // namespace placi::server

#endif  // PLACI_SERVER_GRPC_STATUS_H_
