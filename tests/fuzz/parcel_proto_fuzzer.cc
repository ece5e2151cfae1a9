// Proto parcel intake: bytes as a Consignment on the wire →
// ConsignmentFromProto → FindLimitViolation → Screener::Screen.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  placi::screening::v1::Consignment message;
  if (!message.ParseFromArray(data, static_cast<int>(size))) return 0;
  placi::fuzz::IntakeLikeTheServer(message);
  return 0;
}
