// The Replicator against a real nats-server (JetStream, loopback port
// chosen at run time): a change that fails to apply on a replica is retried,
// never skipped, so the replica ends with every change of the streams.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "storage/replication/replicator.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage::replication {
namespace {

using testing::Entry;
using testing::SampleVerdict;
using testing::TempDir;

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// One replica: its store and its replicator.
struct Replica {
  Replica(const std::string& node, const std::string& url,
          std::function<absl::Status(const Event&)> fault) {
    ReplicationOptions options;
    options.nats.urls = {url};
    options.node_id = node;
    options.stream_replicas = 1;
    options.catch_up_timeout = absl::Seconds(30);
    options.apply_fault = std::move(fault);
    replicator = std::make_unique<Replicator>(options);
    Store::Options store_options{.path = dir.db(), .index = &index};
    replicator->ConfigureStore(&store_options);
    auto opened = Store::Open(store_options);
    EXPECT_TRUE(opened.ok()) << opened.status();
    if (opened.ok()) store = *std::move(opened);
  }
  ~Replica() { replicator.reset(); }

  TempDir dir;
  core::WatchlistIndex index;
  std::unique_ptr<Store> store;
  std::unique_ptr<Replicator> replicator;
};

// Polls `done` until it holds or a generous deadline passes (the answer is
// asserted, not the time it took).
template <typename F>
bool Eventually(F done) {
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

class ReplicatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int port = FreePort();
    url_ = absl::StrCat("nats://127.0.0.1:", port);
    const std::string port_arg = std::to_string(port);
    const std::string store_dir = nats_dir_.path();
    nats_pid_ = fork();
    if (nats_pid_ == 0) {
      execl(PLACI_NATS_SERVER, "nats-server", "-js", "-a", "127.0.0.1", "-p", port_arg.c_str(),
            "-sd", store_dir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    ASSERT_GT(nats_pid_, 0);
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    if (nats_pid_ > 0) {
      kill(nats_pid_, SIGTERM);
      waitpid(nats_pid_, nullptr, 0);
    }
  }

  // Starts replica a (no faults) and b (fails while b_failures_ > 0).
  void StartReplicas() {
    a_ = std::make_unique<Replica>("a", url_, nullptr);
    b_ = std::make_unique<Replica>("b", url_, [this](const Event&) {
      if (b_failures_.fetch_sub(1) > 0) return absl::UnavailableError("injected disk failure");
      return absl::OkStatus();
    });
    ASSERT_TRUE(a_->store && b_->store);
    // nats-server may still be starting: Start connects within its timeout.
    absl::Status started;
    ASSERT_TRUE(Eventually([&] {
      started = a_->replicator->Start(a_->store.get(), nullptr);
      return started.ok();
    })) << started;
    ASSERT_TRUE(b_->replicator->Start(b_->store.get(), nullptr).ok());
  }

  TempDir nats_dir_;
  std::string url_;
  pid_t nats_pid_ = -1;
  std::atomic<int> b_failures_{0};
  std::unique_ptr<Replica> a_;
  std::unique_ptr<Replica> b_;
};

TEST_F(ReplicatorTest, AWatchlistChangeThatFailsToApplyIsRetriedNotSkipped) {
  ASSERT_NO_FATAL_FAILURE(StartReplicas());
  b_failures_.store(3);  // change 1 fails three times on b
  ASSERT_TRUE(a_->replicator
                  ->PublishWatchlist(WatchlistUpsert{{Entry("e1", core::EntryKind::kEmail,
                                                            "a@example.com")}})
                  .ok());
  ASSERT_TRUE(a_->replicator
                  ->PublishWatchlist(WatchlistUpsert{{Entry("e2", core::EntryKind::kEmail,
                                                            "b@example.com")}})
                  .ok());
  ASSERT_TRUE(Eventually([&] { return b_->store->GetWatchlistInfo().version >= 2; }));
  EXPECT_EQ(b_->store->GetWatchlistInfo().version, 2u);
  EXPECT_TRUE(b_->store->GetEntry("e1").ok());  // skipped before the fix
  EXPECT_TRUE(b_->store->GetEntry("e2").ok());
  EXPECT_EQ(b_->store->GetWatchlistInfo().entry_count, 2u);
  EXPECT_GE(b_->replicator->status().apply_errors, 3u);
}

TEST_F(ReplicatorTest, AnEventThatFailsToApplyIsRetriedBeforeTheRestOfItsBatch) {
  ASSERT_NO_FATAL_FAILURE(StartReplicas());
  b_failures_.store(2);  // the first decision fails twice on b
  // Three decisions, recorded before the publisher wakes up, usually go
  // as one batch; either way each must reach b.
  const std::string ids[] = {"01JA0000000000000000000001", "01JA0000000000000000000002",
                             "01JA0000000000000000000003"};
  for (const std::string& id : ids) {
    ASSERT_TRUE(a_->store->Record(SampleVerdict(id, "HAWB-" + id), {}).ok());
  }
  ASSERT_TRUE(Eventually([&] { return b_->replicator->status().events_received >= 3; }));
  for (const std::string& id : ids) {
    EXPECT_TRUE(b_->store->GetDecision(id).ok()) << id;  // the first was lost before the fix
  }
  EXPECT_GE(b_->replicator->status().apply_errors, 2u);
}

}  // namespace
}  // namespace placi::storage::replication
