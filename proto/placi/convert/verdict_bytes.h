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

#include <string>

#include "core/verdict.h"

namespace placi::convert {

// Appends the serialized Verdict message of `verdict` (as VerdictToProto
// makes it) to *out.
void AppendVerdictBytes(const core::Verdict& verdict, std::string* out);

}  // namespace placi::convert

#endif  // PLACI_PROTO_PLACI_CONVERT_VERDICT_BYTES_H_
