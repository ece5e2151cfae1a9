// A core::Verdict as the bytes of its placi.screening.v1.Verdict message,
// written without building the message: what the decision log stores for
// every verdict (storage/store.cc, RecordVerdict).
//
//   std::string bytes;
//   convert::AppendVerdictBytes(verdict, &bytes);
//   // bytes == VerdictToProto(verdict) serialized, byte for byte
//
// Filling the message (VerdictToProto: every string copied into it) and
// serialising it cost ~4,500 instructions a verdict, a tenth of what the
// store spends on one outside RocksDB; writing the wire format directly
// costs a fraction of that. The bytes are exactly those of the message path
// (same fields, field order and proto3 defaults left out), so readers parse
// them with the generated code as before: tests/storage/verdict_bytes_test.cc
// compares the two on random verdicts, and checks the messages' field counts
// so that a field added to verdict.proto is added here too.
#ifndef PLACI_PROTO_PLACI_CONVERT_VERDICT_BYTES_H_
#define PLACI_PROTO_PLACI_CONVERT_VERDICT_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/verdict.h"

namespace placi::convert {

// Appends the serialized Verdict message of `verdict` (as VerdictToProto
// makes it) to *out.
void AppendVerdictBytes(const core::Verdict& verdict, std::string* out);

// The same bytes in two steps, for a caller that writes them into memory of
// its own (a gRPC slice: server/parcel_wire.cc, VerdictReply): their size,
// then the bytes, without a string to copy them from.
//
//   const convert::VerdictBytes bytes(verdict);  // `verdict` must outlive it
//   char* out = ...;                             // bytes.size() bytes of room
//   bytes.Write(out);
class VerdictBytes {
 public:
  explicit VerdictBytes(const core::Verdict& verdict);
  size_t size() const { return size_; }
  // Writes exactly size() bytes at `out`.
  void Write(char* out) const;

 private:
  const core::Verdict& verdict_;
  bool has_time_;         // decided_at is set
  int64_t seconds_ = 0;   // decided_at, clamped as VerdictToProto clamps it
  int32_t nanos_ = 0;
  size_t held_size_ = 0;  // of the held consignment's message
  size_t size_ = 0;
};

}  // namespace placi::convert

#endif  // PLACI_PROTO_PLACI_CONVERT_VERDICT_BYTES_H_
