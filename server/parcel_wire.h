// Parcel requests read from, and answers written to, gRPC's byte buffers.
//
// ScreeningService takes Screen and ScreenStream as raw bytes
// (WithRawCallbackMethod_*) because gRPC 1.51's generated handlers answer a
// request that fails to parse with UNIMPLEMENTED and an empty message
// before any code of ours runs (a unary call), or end the stream as if the
// client had half-closed (a stream). Read here instead, such a request gets
// INVALID_ARGUMENT naming the field, like every other message that cannot be
// a parcel. The good path costs what gRPC's own did: one parse per parcel,
// with the same reader. A verdict is written straight from core::Verdict
// (VerdictReply), without building the response message.
//
//   pb::ScreenRequest request;
//   std::string field;
//   absl::Status read = ReadParcelRequest(request_bytes, &request, &field);
//   ...
//   grpc::Status written = WriteMessage(response, response_bytes);
//   grpc::Slice reply = VerdictReply(verdict);  // a core::Verdict
#ifndef PLACI_SERVER_PARCEL_WIRE_H_
#define PLACI_SERVER_PARCEL_WIRE_H_

#include <string>

#include "absl/status/status.h"
#include "core/verdict.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"
#include "grpcpp/support/status.h"

namespace placi::server {

// Parses `wire` into `request`, a ScreenRequest or a
// ScreenStreamRequest, replacing all it held: a recycled message
// (recycled_messages.h) still holds its previous parcel. On failure `request` is left empty but for the
// consignment's request_id when that is readable (valid UTF-8), for the
// error to echo, and the status is INVALID_ARGUMENT:
//   "<field>: is not valid UTF-8", the field's path in `*field`, relative
//       to the consignment as in every other INVALID_ARGUMENT of a parcel
//       (ParcelIntake::Screen), e.g. "items[2].description";
//   "request is not a valid ScreenRequest" (the type's name) with `*field`
//       empty, when the bytes are not protobuf wire format at all;
//   "consignment: is required: …" with `*field` "consignment", when the
//       request parsed but has no consignment (an empty message): no
//       parcel at all, unlike a consignment that is present but empty,
//       which is screened (every 7+1 element missing: a HOLD asking for
//       them).
// INTERNAL when gRPC cannot read its own buffer.
absl::Status ReadParcelRequest(const grpc::ByteBuffer& wire, google::protobuf::Message* request,
                               std::string* field);

// Serializes `message` into `wire` (its bytes replaced) as gRPC's generated
// handlers do.
grpc::Status WriteMessage(const google::protobuf::MessageLite& message, grpc::ByteBuffer* wire);

// The bytes of a ScreenResponse, or of a ScreenStreamResponse, carrying
// `verdict` (field 1 of both): exactly what serializing the message that
// VerdictToProto fills would write (tests/server/parcel_wire_test.cc). Filling
// that message, serializing it and destroying it cost ~5 µs of server CPU a
// parcel under load (docs/performance.md, stream25); this writes the verdict's
// wire format directly, as the decision log does (convert/verdict_bytes.h),
// into the slice's own memory (perf26: not into a string copied into it).
// A slice, not a ByteBuffer: a slice moves, a ByteBuffer only copies.
grpc::Slice VerdictReply(const core::Verdict& verdict);

}  // namespace placi::server

#endif  // PLACI_SERVER_PARCEL_WIRE_H_
