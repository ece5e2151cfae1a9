#include "core/key_filter.h"

#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(KeyFilterTest, AnEmptyFilterHoldsNothing) {
  KeyFilter filter;
  EXPECT_FALSE(filter.MayContain(42));
  EXPECT_EQ(filter.capacity(), 0u);
}

// No false negative ever, and false positives rare at the size it was made
// for (the point of the filter: a gram that is in no term costs no lookup).
TEST(KeyFilterTest, KeepsEveryKeyAndRejectsAlmostAllOthers) {
  std::mt19937_64 rng(11);
  KeyFilter filter;
  filter.Reset(100'000);
  std::vector<uint64_t> keys(100'000);
  for (uint64_t& key : keys) {
    key = rng();
    filter.Add(key);
  }
  EXPECT_EQ(filter.keys(), keys.size());
  EXPECT_GE(filter.capacity(), keys.size());
  for (uint64_t key : keys) ASSERT_TRUE(filter.MayContain(key)) << key;
  int false_positives = 0;
  for (int i = 0; i < 100'000; ++i) false_positives += filter.MayContain(rng());
  EXPECT_LT(false_positives, 500) << "more than 0.5% false positives";
}

// Hashes that differ only in a few bits (callers' hashes need not be good
// in every bit) are still told apart.
TEST(KeyFilterTest, SequentialKeysAreToldApart) {
  KeyFilter filter;
  filter.Reset(10'000);
  for (uint64_t key = 0; key < 10'000; ++key) filter.Add(key);
  for (uint64_t key = 0; key < 10'000; ++key) ASSERT_TRUE(filter.MayContain(key));
  int false_positives = 0;
  for (uint64_t key = 10'000; key < 110'000; ++key) false_positives += filter.MayContain(key);
  EXPECT_LT(false_positives, 1'000);
}

TEST(KeyFilterTest, ResetForgetsAndResizes) {
  KeyFilter filter;
  filter.Reset(10);
  filter.Add(7);
  EXPECT_TRUE(filter.MayContain(7));
  filter.Reset(10'000);
  EXPECT_FALSE(filter.MayContain(7));
  EXPECT_EQ(filter.keys(), 0u);
  EXPECT_GE(filter.capacity(), 10'000u);
}

}  // namespace
}  // namespace placi::core
