// ULID-layout decision ids. See decision_id.h.
#include "core/decision_id.h"

#include <cstdint>
#include <string>

#include "absl/random/random.h"

namespace placi::core {

std::string UlidDigits(unsigned __int128 value) {
  static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  // In 64-bit pieces of whole digits, last digit first: the low 60 bits
  // (12 digits), the next 60 (12), the top 8 (2). Shifting the 128-bit
  // value by 5 for each digit took two registers and ~9 instructions a
  // digit, for every verdict.
  std::string id(26, '0');
  const auto write = [&](uint64_t piece, int last, int first) {
    for (int i = last; i >= first; --i) {
      id[static_cast<size_t>(i)] = kCrockford[piece & 0x1F];
      piece >>= 5;
    }
  };
  constexpr uint64_t kSixtyBits = (uint64_t{1} << 60) - 1;
  write(static_cast<uint64_t>(value) & kSixtyBits, 25, 14);
  write(static_cast<uint64_t>(value >> 60) & kSixtyBits, 13, 2);
  write(static_cast<uint64_t>(value >> 120), 1, 0);
  return id;
}

std::string DecisionIdGenerator::Next(absl::Time now) {
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
  return UlidDigits(value);
}

}  // namespace placi::core
