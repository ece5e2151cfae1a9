// The process that store_verdict_windows_test.cc kills: records verdicts the
// way the screener does (CountAndSum, then Record(verdict, counted)) from two
// threads until killed, and prints "ack <tag>.<thread> <index>" on stdout
// after each verdict is recorded.
//   verdict_crash_writer <db dir> <tag> [<snapshot every>]
// Verdict "D<tag>.<thread>-<index>" counts "own|<its id>" (an hour window)
// and "all" (a day window) by one each. With <snapshot every> N > 0, window
// snapshots are taken in the background every millisecond (and every N
// records) and, besides, by each thread after every N of its verdicts,
// before it acknowledges the Nth: a kill then finds records in a snapshot
// and others still in the log. With 0, none (the defaults: minutes).
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "core/history_store.h"
#include "core/verdict.h"
#include "core/watchlist_index.h"
#include "storage/store.h"

int main(int argc, char** argv) {
  using namespace placi;  // NOLINT: a test tool
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: verdict_crash_writer <db dir> <tag> [<snapshot every>]\n");
    return 2;
  }
  const std::string tag = argv[2];
  const int snapshot_every = argc == 4 ? atoi(argv[3]) : 0;
  core::WatchlistIndex index;
  storage::Store::Options options{.path = argv[1], .index = &index};
  if (snapshot_every > 0) {
    options.window_snapshot_interval = absl::Milliseconds(1);
    options.window_snapshot_records = snapshot_every;
  }
  auto store = storage::Store::Open(options);
  if (!store.ok()) {
    fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  absl::Mutex out_mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      const std::string writer = absl::StrCat(tag, ".", t);
      for (int64_t i = 0;; ++i) {
        core::Verdict verdict;
        verdict.decision_id = absl::StrCat("D", writer, "-", i);
        verdict.house_waybill = absl::StrCat("HAWB-", writer, "-", i);
        verdict.decided_at = absl::Now();
        std::vector<core::WindowIncrement> counted;
        auto sums = (*store)->CountAndSum(
            {{"own|" + verdict.decision_id, absl::Hours(1), 1}, {"all", absl::Hours(24), 1}},
            verdict.decided_at, &counted);
        if (!sums.ok()) {
          fprintf(stderr, "%s\n", sums.status().ToString().c_str());
          _exit(1);
        }
        if (absl::Status s = (*store)->Record(verdict, counted); !s.ok()) {
          fprintf(stderr, "%s\n", s.ToString().c_str());
          _exit(1);
        }
        if (snapshot_every > 0 && (i + 1) % snapshot_every == 0) {
          if (absl::Status s = (*store)->SnapshotWindows(); !s.ok()) {
            fprintf(stderr, "%s\n", s.ToString().c_str());
            _exit(1);
          }
        }
        absl::MutexLock lock(&out_mu);
        printf("ack %s %lld\n", writer.c_str(), static_cast<long long>(i));
        fflush(stdout);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return 0;
}
