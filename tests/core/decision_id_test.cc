#include "core/decision_id.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(DecisionIdTest, UniqueAndOrderedByTime) {
  DecisionIdGenerator ids;
  const absl::Time t = absl::FromUnixMillis(1'795'000'000'000);
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(seen.insert(ids.Next(t)).second);
  const std::string earlier = ids.Next(t);
  const std::string later = ids.Next(t + absl::Milliseconds(1));
  EXPECT_LT(earlier, later);
}

TEST(DecisionIdTest, StrictlyIncreasingWithinAMillisecondAndWhenTheClockStepsBack) {
  DecisionIdGenerator ids;
  const absl::Time t = absl::FromUnixMillis(1'795'000'000'000);
  std::string previous = ids.Next(t);
  for (int i = 0; i < 1000; ++i) {
    std::string next = ids.Next(i % 2 == 0 ? t : t - absl::Seconds(1));
    ASSERT_LT(previous, next);
    previous = next;
  }
  EXPECT_EQ(ids.Next(t).size(), 26u);
}

// A ULID: the first 10 of 26 Crockford base-32 digits are the Unix time in
// milliseconds, so that other tools read the decision's time from its id.
TEST(DecisionIdTest, TheFirstTenDigitsAreTheMillisecondsInCrockfordBase32) {
  DecisionIdGenerator ids;
  const std::string id = ids.Next(absl::FromUnixMillis(1'795'000'000'000));
  EXPECT_EQ(id.substr(0, 10), "01M7Q5CQG0");
  EXPECT_EQ(id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), std::string::npos) << id;
}

// Each digit of UlidDigits against 5 bits at a time of the 128-bit value,
// for values with every bit pattern at the pieces' edges (bits 59-61,
// 119-121) and random ones.
TEST(DecisionIdTest, UlidDigitsAreTheValueInBase32) {
  const auto reference = [](unsigned __int128 value) {
    std::string id(26, '0');
    for (int i = 25; i >= 0; --i) {
      id[static_cast<size_t>(i)] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[value & 0x1F];
      value >>= 5;
    }
    return id;
  };
  std::vector<unsigned __int128> values = {0, ~static_cast<unsigned __int128>(0)};
  for (int bit = 0; bit < 128; ++bit) {
    values.push_back(static_cast<unsigned __int128>(1) << bit);
    values.push_back((static_cast<unsigned __int128>(1) << bit) - 1);
  }
  absl::BitGen bitgen;
  for (int i = 0; i < 10'000; ++i) {
    values.push_back(static_cast<unsigned __int128>(absl::Uniform<uint64_t>(bitgen)) << 64 |
                     absl::Uniform<uint64_t>(bitgen));
  }
  for (const unsigned __int128 value : values) {
    ASSERT_EQ(UlidDigits(value), reference(value))
        << static_cast<uint64_t>(value >> 64) << " " << static_cast<uint64_t>(value);
  }
  EXPECT_EQ(UlidDigits(~static_cast<unsigned __int128>(0)), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
}

}  // namespace
}  // namespace placi::core
