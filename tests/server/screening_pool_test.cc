// ScreeningPool: the bound counts queued and running tasks, refuses at once
// past it, gives slots back, and runs everything it accepted before it goes.
#include "server/screening_pool.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace placi::server {
namespace {

TEST(ScreeningPoolTest, RefusesAtOncePastTheBoundAndGivesSlotsBack) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 2});
  absl::Notification running, release;
  ASSERT_TRUE(pool.TrySubmit([&] {
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));  // queued behind the running one
  EXPECT_EQ(pool.in_flight(), 2);
  const absl::Time start = absl::Now();
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // one running + one queued = the bound
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  release.Notify();
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (pool.in_flight() > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(1));
  EXPECT_EQ(pool.in_flight(), 0);
  EXPECT_EQ(ran.load(), 1);
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
}

TEST(ScreeningPoolTest, NoBoundAtZero) {
  std::atomic<int> ran{0};
  {
    ScreeningPool pool({.threads = 2, .max_in_flight = 0});
    for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 10'000);
}

TEST(ScreeningPoolTest, DestructorRunsWhatItAccepted) {
  std::atomic<int> ran{0};
  absl::Notification release;
  {
    ScreeningPool pool({.threads = 1, .max_in_flight = 100});
    ASSERT_TRUE(pool.TrySubmit([&] { release.WaitForNotification(); }));
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++ran; }));
    release.Notify();
  }
  EXPECT_EQ(ran.load(), 50);
}

TEST(ScreeningPoolTest, DefaultsToOneThreadPerCpu) {
  ScreeningPool pool({});
  EXPECT_GE(pool.threads(), 1);
}

}  // namespace
}  // namespace placi::server
