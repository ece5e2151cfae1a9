#include "core/decision_id.h"

#include <set>
#include <string>

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

}  // namespace
}  // namespace placi::core
