// ULID-layout decision ids. See decision_id.h.
#include "core/decision_id.h"

#include <cstdint>
#include <string>

#include "absl/random/random.h"

namespace placi::core {

std::string DecisionIdGenerator::Next(absl::Time now) {
  static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  // One generator per thread: absl::BitGen is not thread-safe, and a shared
  // lock would serialise every verdict.
  thread_local absl::BitGen bitgen;
  const uint64_t millis = static_cast<uint64_t>(absl::ToUnixMillis(now)) & ((1ULL << 48) - 1);
  const uint64_t random_high = absl::Uniform<uint64_t>(bitgen) & ((1ULL << 16) - 1);
  const uint64_t random_low = absl::Uniform<uint64_t>(bitgen);

  // 128 bits: 48 time, 80 random, written as 26 base32 digits (130 bits,
  // the top two always zero).
  unsigned __int128 value = (static_cast<unsigned __int128>(millis) << 80) |
                            (static_cast<unsigned __int128>(random_high) << 64) | random_low;
  {
    absl::MutexLock lock(&mu_);
    if ((value >> 80) <= (last_ >> 80)) value = last_ + 1;  // same millisecond
    last_ = value;
  }
  // Last digit first, shifting the value by 5 each time: a shift by a
  // constant, where shifting a 128-bit value by a varying count branched.
  std::string id(26, '0');
  for (int i = 25; i >= 0; --i) {
    id[i] = kCrockford[static_cast<int>(value & 0x1F)];
    value >>= 5;
  }
  return id;
}

}  // namespace placi::core
