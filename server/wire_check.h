// Why bytes that protobuf's parser refused are not a message of a given
// type, named as a field path: the slow path behind an INVALID_ARGUMENT
// that says which field of a request is bad (parcel_wire.h).
//
// The C++ parser of proto3 refuses a string field holding invalid UTF-8,
// but only says "false" (and logs the field's full name). This walks the
// same bytes in the same order with the message's Descriptor, so no mirror
// proto with `bytes` fields is needed:
//
//   if (!request.ParseFromString(wire)) {
//     std::optional<core::FieldViolation> bad =
//         FindWireViolation(*pb::ScreenRequest::descriptor(), wire);
//     // bad->field == "consignment.items[2].description",
//     // bad->description == "is not valid UTF-8"
//   }
#ifndef PLACI_SERVER_WIRE_CHECK_H_
#define PLACI_SERVER_WIRE_CHECK_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "core/intake_limits.h"
#include "google/protobuf/descriptor.h"

namespace placi::server {

// The first field of `wire` (read as a `type` message, in wire order) that
// the parser refuses: a proto3 string field whose bytes are not valid UTF-8,
// with description "is not valid UTF-8". The path names fields as the
// .proto does, nested with '.', a repeated field's element by its index
// among that field's elements in its message: "items[2].description",
// "route.transit_country_codes[0]". Fields the parser keeps as unknown
// (unknown numbers, a known number with a different wire type) are skipped
// as it skips them.
//
// nullopt when no such field comes before the bytes stop being protobuf
// wire format (a bad varint, a length past the end, a stray end-group tag,
// nesting deeper than the parser's limit of 100), and when the bytes are a
// valid message. Slow (it copies every string); meant for bytes already
// refused.
std::optional<core::FieldViolation> FindWireViolation(const google::protobuf::Descriptor& type,
                                                      absl::string_view wire);

}  // namespace placi::server

#endif  // PLACI_SERVER_WIRE_CHECK_H_
