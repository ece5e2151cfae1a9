// Parcel requests from, and answers to, gRPC byte buffers; see parcel_wire.h.
#include "server/parcel_wire.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/intake_limits.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "placi/convert/verdict_bytes.h"
#include "server/wire_check.h"

namespace placi::server {
namespace {

// The one field of ScreenRequest and ScreenStreamRequest; paths in errors
// start below it (ParcelIntake::Screen names "gross_weight_kg", not
// "consignment.gross_weight_kg").
constexpr absl::string_view kConsignmentPrefix = "consignment.";

// The consignment's request_id in `wire` (the last one, as the parser
// would keep it) when it is valid UTF-8: a refused parcel's error on a
// stream then still says which parcel it answers (review bb2 L7).
std::optional<std::string> ReadableRequestId(const google::protobuf::Message& request,
                                             absl::string_view wire) {
  using google::protobuf::internal::WireFormatLite;
  const google::protobuf::FieldDescriptor* consignment =
      request.GetDescriptor()->FindFieldByName("consignment");
  if (consignment == nullptr || consignment->message_type() == nullptr) return std::nullopt;
  const google::protobuf::FieldDescriptor* request_id =
      consignment->message_type()->FindFieldByName("request_id");
  if (request_id == nullptr) return std::nullopt;
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(wire.data()),
                                               static_cast<int>(wire.size()));
  const auto is_bytes = [](uint32_t tag) {
    return WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
  };
  std::optional<std::string> found;
  for (uint32_t tag; (tag = input.ReadTag()) != 0;) {
    if (WireFormatLite::GetTagFieldNumber(tag) != consignment->number() || !is_bytes(tag)) {
      if (!WireFormatLite::SkipField(&input, tag)) return found;
      continue;
    }
    uint32_t length = 0;
    if (!input.ReadVarint32(&length)) return found;
    const auto limit = input.PushLimit(static_cast<int>(length));
    for (uint32_t inner; (inner = input.ReadTag()) != 0;) {
      if (WireFormatLite::GetTagFieldNumber(inner) == request_id->number() && is_bytes(inner)) {
        std::string id;
        if (!WireFormatLite::ReadString(&input, &id)) return found;
        found = std::move(id);
      } else if (!WireFormatLite::SkipField(&input, inner)) {
        return found;
      }
    }
    input.PopLimit(limit);
  }
  if (found && !google::protobuf::internal::IsStructurallyValidUTF8(
                   found->data(), static_cast<int>(found->size()))) {
    return std::nullopt;
  }
  return found;
}

// Why `wire`, refused by the parser, is not a `request`: the slow path.
absl::Status Unreadable(const grpc::ByteBuffer& wire, google::protobuf::Message* request,
                        std::string* field) {
  grpc::Slice bytes;
  std::optional<core::FieldViolation> bad;
  if (wire.DumpToSingleSlice(&bytes).ok()) {
    bad = FindWireViolation(
        *request->GetDescriptor(),
        absl::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()));
  }
  if (!bad) {
    return absl::InvalidArgumentError(
        absl::StrCat("request is not a valid ", request->GetDescriptor()->name()));
  }
  if (std::optional<std::string> id = ReadableRequestId(
          *request, absl::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()));
      id.has_value()) {
    google::protobuf::Message* consignment = request->GetReflection()->MutableMessage(
        request, request->GetDescriptor()->FindFieldByName("consignment"));
    consignment->GetReflection()->SetString(
        consignment, consignment->GetDescriptor()->FindFieldByName("request_id"), *std::move(id));
  }
  absl::string_view path = bad->field;
  absl::ConsumePrefix(&path, kConsignmentPrefix);
  bad->field = std::string(path);
  *field = bad->field;
  return core::ToInvalidArgument(*bad);
}

// A request without its consignment (an empty message: a client that built
// the request and forgot to set it) is no parcel at all: INVALID_ARGUMENT
// naming the field, as architecture.md asks of a message that cannot be a
// parcel, not a HOLD asking for every 7+1 element of a parcel that was never
// sent. A consignment that is present but empty is a parcel with every
// element missing: screened, and answered with one reason per element.
absl::Status RequireConsignment(const google::protobuf::Message& request, std::string* field) {
  // The consignment is field 1 of both request types; field(0) is a lookup
  // by position, not by name (once per parcel).
  const google::protobuf::FieldDescriptor* consignment = request.GetDescriptor()->field(0);
  if (request.GetReflection()->HasField(request, consignment)) return absl::OkStatus();
  *field = "consignment";
  return core::ToInvalidArgument(core::FieldViolation{
      "consignment", absl::StrCat("is required: this ", request.GetDescriptor()->name(),
                                  " carries no parcel")});
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
  if (parsed) return RequireConsignment(*request, field);
  request->Clear();
  return Unreadable(wire, request, field);
}

grpc::Status WriteMessage(const google::protobuf::MessageLite& message, grpc::ByteBuffer* wire) {
  // The writer wants an empty buffer (a stream reuses its own).
  wire->Clear();
  bool own_buffer = false;  // always true for this serializer; unused
  return grpc::GenericSerialize<grpc::ProtoBufferWriter, google::protobuf::MessageLite>(
      message, wire, &own_buffer);
}

grpc::Slice VerdictReply(const core::Verdict& verdict) {
  using google::protobuf::internal::WireFormatLite;
  // Written straight into the slice's own memory: one allocation, no copy.
  const convert::VerdictBytes bytes(verdict);
  uint8_t head[1 + 5];  // field 1's tag, a varint32 length
  uint8_t* end =
      WireFormatLite::WriteTagToArray(1, WireFormatLite::WIRETYPE_LENGTH_DELIMITED, head);
  end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(
      static_cast<uint32_t>(bytes.size()), end);
  const size_t head_size = static_cast<size_t>(end - head);
  grpc_slice slice = grpc_slice_malloc(head_size + bytes.size());
  uint8_t* out = GRPC_SLICE_START_PTR(slice);
  std::memcpy(out, head, head_size);
  bytes.Write(reinterpret_cast<char*>(out + head_size));
  return grpc::Slice(slice, grpc::Slice::STEAL_REF);
}

}  // namespace placi::server
