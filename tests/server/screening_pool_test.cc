// ScreeningPool: the bound counts queued and running tasks, refuses at once
// past it, gives slots back, and runs everything it accepted before it goes.
#include "server/screening_pool.h"

#include <atomic>
#include <thread>
#include <vector>

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

TEST(ScreeningPoolTest, TryRunRunsOnTheCallingThreadWhenIdle) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4, .inline_slots = 1});
  std::thread::id ran_on;
  int in_flight_inside = 0;
  ASSERT_TRUE(pool.TryRun([&] {
    ran_on = std::this_thread::get_id();
    in_flight_inside = pool.in_flight();
  }));
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(in_flight_inside, 1);  // an inline task holds a slot of the bound
  EXPECT_EQ(pool.in_flight(), 0);
}

TEST(ScreeningPoolTest, TryRunHandsOverWhenTheInlineSlotsAreTaken) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4, .inline_slots = 1});
  absl::Notification inside, release, handed_over_ran;
  std::thread other([&] {
    EXPECT_TRUE(pool.TryRun([&] {
      inside.Notify();
      release.WaitForNotification();
    }));
  });
  inside.WaitForNotification();
  std::thread::id ran_on;
  ASSERT_TRUE(pool.TryRun([&] {
    ran_on = std::this_thread::get_id();
    handed_over_ran.Notify();
  }));
  handed_over_ran.WaitForNotification();  // ran on the pool meanwhile
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_NE(ran_on, other.get_id());
  release.Notify();
  other.join();
}

TEST(ScreeningPoolTest, TryRunQueuesBehindQueuedTasks) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4, .inline_slots = 1});
  absl::Notification running, release;
  ASSERT_TRUE(pool.TrySubmit([&] {
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  std::vector<int> order;  // written by the pool's one thread only
  ASSERT_TRUE(pool.TrySubmit([&] { order.push_back(1); }));
  std::thread::id ran_on;
  absl::Notification done;
  ASSERT_TRUE(pool.TryRun([&] {
    ran_on = std::this_thread::get_id();
    order.push_back(2);
    done.Notify();
  }));
  EXPECT_EQ(pool.in_flight(), 3);  // not run here: a task was waiting
  release.Notify();
  done.WaitForNotification();
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(ScreeningPoolTest, TryRunRefusesPastTheBound) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 1, .inline_slots = 1});
  absl::Notification running, release;
  ASSERT_TRUE(pool.TrySubmit([&] {
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  bool ran = false;
  EXPECT_FALSE(pool.TryRun([&] { ran = true; }));
  EXPECT_FALSE(ran);
  release.Notify();
}

TEST(ScreeningPoolTest, NeverInlineAtZeroSlots) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4, .inline_slots = 0});
  absl::Notification ran;
  std::thread::id ran_on;
  ASSERT_TRUE(pool.TryRun([&] {
    ran_on = std::this_thread::get_id();
    ran.Notify();
  }));
  ran.WaitForNotification();
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(ScreeningPoolTest, DefaultsToOneThreadPerCpu) {
  ScreeningPool pool({});
  EXPECT_GE(pool.threads(), 1);
}

}  // namespace
}  // namespace placi::server
