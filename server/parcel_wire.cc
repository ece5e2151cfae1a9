// Parcel requests from, and answers to, gRPC byte buffers; see parcel_wire.h.
#include "server/parcel_wire.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/intake_limits.h"
#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "server/wire_check.h"

namespace placi::server {
namespace {

// The one field of ScreenRequest and ScreenStreamRequest; paths in errors
// start below it (ParcelIntake::Screen names "gross_weight_kg", not
// "consignment.gross_weight_kg").
constexpr absl::string_view kConsignmentPrefix = "consignment.";

// Why `wire`, refused by the parser, is not a `request`: the slow path.
absl::Status Unreadable(const grpc::ByteBuffer& wire, const google::protobuf::Message& request,
                        std::string* field) {
  grpc::Slice bytes;
  std::optional<core::FieldViolation> bad;
  if (wire.DumpToSingleSlice(&bytes).ok()) {
    bad = FindWireViolation(
        *request.GetDescriptor(),
        absl::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()));
  }
  if (!bad) {
    return absl::InvalidArgumentError(
        absl::StrCat("request is not a valid ", request.GetDescriptor()->name()));
  }
  absl::string_view path = bad->field;
  absl::ConsumePrefix(&path, kConsignmentPrefix);
  bad->field = std::string(path);
  *field = bad->field;
  return core::ToInvalidArgument(*bad);
}

}  // namespace

absl::Status ReadParcelRequest(const grpc::ByteBuffer& wire, google::protobuf::Message* request,
                               std::string* field) {
  field->clear();
  bool parsed = false;
  {
    // What grpc::GenericDeserialize does, except that the bytes stay: a
    // refused request is read again. The reader only reads the buffer but
    // takes it by non-const pointer.
    grpc::ProtoBufferReader reader(const_cast<grpc::ByteBuffer*>(&wire));
    if (!reader.status().ok()) {
      return absl::InternalError(
          absl::StrCat("cannot read the request: ", reader.status().error_message()));
    }
    parsed = request->ParseFromZeroCopyStream(&reader);
  }
  if (parsed) return absl::OkStatus();
  request->Clear();
  return Unreadable(wire, *request, field);
}

grpc::Status WriteMessage(const google::protobuf::MessageLite& message, grpc::ByteBuffer* wire) {
  // The writer wants an empty buffer (a stream reuses its own).
  wire->Clear();
  bool own_buffer = false;  // always true for this serializer; unused
  return grpc::GenericSerialize<grpc::ProtoBufferWriter, google::protobuf::MessageLite>(
      message, wire, &own_buffer);
}

}  // namespace placi::server
