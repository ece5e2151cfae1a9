// JSON parcel intake: one JSONL line as the command-line client reads it
// (tools/jsonl.cc, JsonStringToMessage into a Consignment) → the server's
// intake and screening.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/fuzz_common.h"
#include "tools/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  placi::screening::v1::Consignment message;
  std::string error;
  if (!placi::tools::ParseJsonLine(line, &message, &error)) {
    PLACI_FUZZ_CHECK(!error.empty());
    return 0;
  }
  placi::fuzz::IntakeLikeTheServer(message);
  return 0;
}
