// ScreeningPool: the bound counts queued and running tasks, refuses at once
// past it, gives slots back, and runs everything it accepted before it goes;
// inline allowances per kind of call; follow-ups never overtake the queue.
#include "server/screening_pool.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace placi::server {
namespace {

// Waits (up to 10 s) until `pool` has `count` tasks in flight: a task's slot
// comes back just after the task returns.
bool WaitForInFlight(const ScreeningPool& pool, int count) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (pool.in_flight() != count && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  return pool.in_flight() == count;
}

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
  ASSERT_TRUE(pool.TryRun(
      [&] {
        ran_on = std::this_thread::get_id();
        in_flight_inside = pool.in_flight();
      },
      ScreeningPool::kUnary));
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(in_flight_inside, 1);  // an inline task holds a slot of the bound
  EXPECT_EQ(pool.in_flight(), 0);
}

TEST(ScreeningPoolTest, TryRunHandsOverWhenTheInlineSlotsAreTaken) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4, .inline_slots = 1});
  absl::Notification inside, release, handed_over_ran;
  std::thread other([&] {
    EXPECT_TRUE(pool.TryRun(
        [&] {
          inside.Notify();
          release.WaitForNotification();
        },
        ScreeningPool::kUnary));
  });
  inside.WaitForNotification();
  std::thread::id ran_on;
  ASSERT_TRUE(pool.TryRun(
      [&] {
        ran_on = std::this_thread::get_id();
        handed_over_ran.Notify();
      },
      ScreeningPool::kUnary));
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
  ASSERT_TRUE(pool.TryRun(
      [&] {
        ran_on = std::this_thread::get_id();
        order.push_back(2);
        done.Notify();
      },
      ScreeningPool::kUnary));
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
  EXPECT_FALSE(pool.TryRun([&] { ran = true; }, ScreeningPool::kUnary));
  EXPECT_FALSE(ran);
  release.Notify();
}

TEST(ScreeningPoolTest, NeverInlineAtZeroSlots) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4, .inline_slots = 0});
  absl::Notification ran;
  std::thread::id ran_on;
  ASSERT_TRUE(pool.TryRun(
      [&] {
        ran_on = std::this_thread::get_id();
        ran.Notify();
      },
      ScreeningPool::kUnary));
  ran.WaitForNotification();
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(ScreeningPoolTest, StreamParcelsHaveTheirOwnInlineAllowance) {
  ScreeningPool pool(
      {.threads = 1, .max_in_flight = 4, .inline_slots = 0, .stream_inline_slots = 1});
  std::thread::id stream_ran_on, unary_ran_on;
  absl::Notification unary_ran;
  ASSERT_TRUE(
      pool.TryRun([&] { stream_ran_on = std::this_thread::get_id(); }, ScreeningPool::kStream));
  EXPECT_EQ(stream_ran_on, std::this_thread::get_id());
  ASSERT_TRUE(pool.TryRun(
      [&] {
        unary_ran_on = std::this_thread::get_id();
        unary_ran.Notify();
      },
      ScreeningPool::kUnary));
  unary_ran.WaitForNotification();
  EXPECT_NE(unary_ran_on, std::this_thread::get_id());
}

TEST(ScreeningPoolTest, InlineTasksOfBothKindsShareTheSlots) {
  // A stream parcel screening inline leaves the unary allowance (1) used up,
  // so that a unary call keeps a thread free to poll.
  ScreeningPool pool(
      {.threads = 1, .max_in_flight = 4, .inline_slots = 1, .stream_inline_slots = 2});
  absl::Notification inside, release;
  std::thread stream_thread([&] {
    EXPECT_TRUE(pool.TryRun(
        [&] {
          inside.Notify();
          release.WaitForNotification();
        },
        ScreeningPool::kStream));
  });
  inside.WaitForNotification();
  std::thread::id unary_ran_on, second_stream_ran_on;
  absl::Notification unary_ran;
  ASSERT_TRUE(pool.TryRun(
      [&] {
        unary_ran_on = std::this_thread::get_id();
        unary_ran.Notify();
      },
      ScreeningPool::kUnary));
  unary_ran.WaitForNotification();
  EXPECT_NE(unary_ran_on, std::this_thread::get_id());
  // The second stream slot is still free.
  ASSERT_TRUE(pool.TryRun([&] { second_stream_ran_on = std::this_thread::get_id(); },
                          ScreeningPool::kStream));
  EXPECT_EQ(second_stream_ran_on, std::this_thread::get_id());
  release.Notify();
  stream_thread.join();
}

TEST(ScreeningPoolTest, StreamsMayScreenInlineOnOneMoreThreadThanUnaryByDefault) {
  ScreeningPool pool({});
  EXPECT_GE(pool.inline_slots(), 1);
  EXPECT_EQ(pool.stream_inline_slots(), pool.inline_slots() + 1);
}

TEST(ScreeningPoolTest, AFollowUpRunsHereOnlyWhileNothingIsQueued) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 4});
  absl::Notification running, release;
  bool may_with_empty_queue = false;
  ASSERT_TRUE(pool.TrySubmit([&] {
    may_with_empty_queue = pool.MayRunFollowUpHere();
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  EXPECT_TRUE(may_with_empty_queue);
  ASSERT_TRUE(pool.TrySubmit([] {}));  // waits behind the running task
  EXPECT_FALSE(pool.MayRunFollowUpHere());
  release.Notify();
}

TEST(ScreeningPoolTest, AFollowUpInlineKeepsACallbackThreadFree) {
  // Unary allowance 1: an inline task alone may run its follow-up on its
  // thread; with a second task inline, it must hand it over instead.
  ScreeningPool pool(
      {.threads = 1, .max_in_flight = 4, .inline_slots = 1, .stream_inline_slots = 2});
  bool may_alone = false;
  ASSERT_TRUE(pool.TryRun([&] { may_alone = pool.MayRunFollowUpHere(); }, ScreeningPool::kStream));
  EXPECT_TRUE(may_alone);

  absl::Notification inside, release;
  std::thread other([&] {
    EXPECT_TRUE(pool.TryRun(
        [&] {
          inside.Notify();
          release.WaitForNotification();
        },
        ScreeningPool::kStream));
  });
  inside.WaitForNotification();
  bool may_beside_another = true;
  ASSERT_TRUE(
      pool.TryRun([&] { may_beside_another = pool.MayRunFollowUpHere(); }, ScreeningPool::kStream));
  EXPECT_FALSE(may_beside_another);
  release.Notify();
  other.join();
}

TEST(ScreeningPoolTest, ARunningTaskMayGiveItsSlotBackEarly) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 1, .inline_slots = 1});
  bool successor_admitted = false;
  absl::Notification successor_ran;
  ASSERT_TRUE(pool.TryRun(
      [&] {
        pool.ReleaseSlotOfRunningTask();
        pool.ReleaseSlotOfRunningTask();  // once only: the bound stays right
        successor_admitted = pool.TrySubmit([&] { successor_ran.Notify(); });
      },
      ScreeningPool::kUnary));
  EXPECT_TRUE(successor_admitted);
  successor_ran.WaitForNotification();
  // Not given back a second time when the task returned.
  EXPECT_TRUE(WaitForInFlight(pool, 0));
  absl::Notification running, release;
  ASSERT_TRUE(pool.TrySubmit([&] {
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  EXPECT_FALSE(pool.TrySubmit([] {}));  // the bound of 1 holds
  release.Notify();
}

// Misuse of the early release cannot move the bound: outside a task it
// gives nothing back, and a task that gave its slot back and then runs
// another task inline keeps its own account (the inner task's slot comes
// back once, the outer's is not given back a second time).
TEST(ScreeningPoolTest, EarlyReleaseOutsideATaskOrAroundAnInlineTaskKeepsTheBound) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 2, .inline_slots = 2});
  pool.ReleaseSlotOfRunningTask();
  EXPECT_EQ(pool.in_flight(), 0);
  ASSERT_TRUE(pool.TryRun(
      [&] {
        pool.ReleaseSlotOfRunningTask();
        EXPECT_EQ(pool.in_flight(), 0);
        EXPECT_TRUE(pool.TryRun([&] { EXPECT_EQ(pool.in_flight(), 1); }, ScreeningPool::kUnary));
        EXPECT_EQ(pool.in_flight(), 0);
      },
      ScreeningPool::kUnary));
  EXPECT_EQ(pool.in_flight(), 0);
  // The bound of 2 holds exactly (the second task waits in the queue).
  absl::Notification release;
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] { release.WaitForNotification(); }));
  }
  EXPECT_FALSE(pool.TrySubmit([] {}));
  release.Notify();
}

// At the bound, with another task waiting, a running task's follow-up is
// queued in the running task's slot instead of being refused; the bound
// holds, and every slot comes back once.
TEST(ScreeningPoolTest, AFollowUpQueuesInTheRunningTasksSlotAtTheBound) {
  ScreeningPool pool({.threads = 1, .max_in_flight = 2, .inline_slots = 0});
  EXPECT_FALSE(pool.QueueInSlotOfRunningTask([] {}));  // outside a task
  absl::Notification release, waiter_ran, follow_up_ran;
  bool follow_up_queued = false;
  bool refused_past_the_bound = false;
  ASSERT_TRUE(pool.TrySubmit([&] {
    ASSERT_TRUE(pool.TrySubmit([&] { waiter_ran.Notify(); }));  // the bound is reached
    EXPECT_FALSE(pool.MayRunFollowUpHere());                    // a task waits
    follow_up_queued = pool.QueueInSlotOfRunningTask([&] { follow_up_ran.Notify(); });
    EXPECT_FALSE(pool.QueueInSlotOfRunningTask([] {}));  // the slot went already
    refused_past_the_bound = !pool.TrySubmit([] {});
    EXPECT_EQ(pool.in_flight(), 2);
    release.WaitForNotification();
  }));
  release.Notify();
  waiter_ran.WaitForNotification();
  follow_up_ran.WaitForNotification();
  EXPECT_TRUE(follow_up_queued);
  EXPECT_TRUE(refused_past_the_bound);
  EXPECT_TRUE(WaitForInFlight(pool, 0));
}

TEST(ScreeningPoolTest, DefaultsToOneThreadPerCpu) {
  ScreeningPool pool({});
  EXPECT_GE(pool.threads(), 1);
}

}  // namespace
}  // namespace placi::server
