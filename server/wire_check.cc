// The field that made protobuf's parser refuse a message; see wire_check.h.
#include "server/wire_check.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/stubs/common.h"
#include "google/protobuf/wire_format_lite.h"

namespace placi::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

// Whether the parser refuses invalid UTF-8 in `field`: proto3 strings
// (proto2 strings are only logged about, and only in debug builds).
bool ParserChecksUtf8(const FieldDescriptor& field) {
  return field.type() == FieldDescriptor::TYPE_STRING &&
         field.file()->syntax() == FileDescriptor::SYNTAX_PROTO3;
}

// Walks one message's fields as the parser reads them and stops at the
// first it would refuse.
class WireWalker {
 public:
  // False where the parser would stop: a refused field (in violation_) or
  // bytes that are no wire format. Reads up to the stream's current limit.
  bool Walk(CodedInputStream& in, const Descriptor& type, const std::string& prefix) {
    while (in.BytesUntilLimit() != 0) {
      const uint32_t tag = in.ReadTag();
      if (tag == 0) return false;  // field number 0, a bad varint, or the end of the bytes
      const FieldDescriptor* field = type.FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
      const bool delimited =
          WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
      const bool walked = field != nullptr && delimited &&
                          (field->type() == FieldDescriptor::TYPE_STRING ||
                           field->type() == FieldDescriptor::TYPE_MESSAGE);
      if (!walked) {
        // Unknown to the type, or a field with no strings inside: the
        // parser keeps or reads it without a UTF-8 check.
        if (!WireFormatLite::SkipField(&in, tag)) return false;
        continue;
      }
      std::string path = absl::StrCat(prefix, field->name());
      if (field->is_repeated()) absl::StrAppend(&path, "[", elements_[path]++, "]");
      if (!WalkField(in, *field, std::move(path))) return false;
    }
    return true;
  }

  std::optional<core::FieldViolation> violation() && { return std::move(violation_); }

 private:
  // One length-delimited string or message field, its tag already read.
  bool WalkField(CodedInputStream& in, const FieldDescriptor& field, std::string path) {
    int length = 0;
    if (!in.ReadVarintSizeAsInt(&length)) return false;
    if (field.type() == FieldDescriptor::TYPE_STRING) {
      std::string value;
      if (!in.ReadString(&value, length)) return false;
      // The parser's own check (WireFormatLite::VerifyUtf8String uses it),
      // so that both agree on every byte sequence.
      if (ParserChecksUtf8(field) &&
          !google::protobuf::internal::IsStructurallyValidUTF8(value.data(),
                                                               static_cast<int>(value.size()))) {
        violation_ = core::FieldViolation{std::move(path), "is not valid UTF-8"};
        return false;
      }
      return true;
    }
    const CodedInputStream::Limit limit = in.PushLimit(length);
    if (!in.IncrementRecursionDepth()) return false;
    if (!Walk(in, *field.message_type(), absl::StrCat(path, "."))) return false;
    in.DecrementRecursionDepth();
    in.PopLimit(limit);
    return true;
  }

  // Elements seen so far of each repeated field, by its path without the
  // index: a message field that occurs twice is merged by the parser, and
  // so are the lists inside it.
  absl::flat_hash_map<std::string, int> elements_;
  std::optional<core::FieldViolation> violation_;
};

}  // namespace

std::optional<core::FieldViolation> FindWireViolation(const Descriptor& type,
                                                      absl::string_view wire) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(wire.data()),
                      static_cast<int>(wire.size()));
  // A limit at the end, so that "no bytes left" reads the same at every
  // level (BytesUntilLimit() == 0).
  in.PushLimit(static_cast<int>(wire.size()));
  WireWalker walker;
  walker.Walk(in, type, "");
  return std::move(walker).violation();
}

}  // namespace placi::server
