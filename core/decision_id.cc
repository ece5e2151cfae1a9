// ULID-layout decision ids. See decision_id.h.
#include "core/decision_id.h"

#include <cstdint>
#include <string>

#include "absl/random/random.h"

namespace placi::core {

namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// The last kDigits base-32 digits of `piece` over out[0..kDigits), the
// last digit first.
template <int kDigits>
void WriteDigits(uint64_t piece, char* out) {
  // Unrolled: -O2 kept the loop, its counter and branch half the cost.
#pragma GCC unroll 12
  for (int i = kDigits - 1; i >= 0; --i) {
    out[i] = kCrockford[piece & 0x1F];
    piece >>= 5;
  }
}

}  // namespace

std::string UlidDigits(unsigned __int128 value) {
  // In 64-bit pieces of whole digits: the top 8 bits (2 digits), the next
  // 60 (12), the low 60 (12). Shifting the 128-bit value by 5 for each
  // digit took two registers and ~9 instructions a digit, for every
  // verdict.
  constexpr uint64_t kSixtyBits = (uint64_t{1} << 60) - 1;
  char digits[26];
  WriteDigits<2>(static_cast<uint64_t>(value >> 120), digits);
  WriteDigits<12>(static_cast<uint64_t>(value >> 60) & kSixtyBits, digits + 2);
  WriteDigits<12>(static_cast<uint64_t>(value) & kSixtyBits, digits + 14);
  return std::string(digits, sizeof digits);
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
