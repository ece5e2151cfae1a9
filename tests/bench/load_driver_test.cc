// The load generator against the baseline server, in process on port 0:
// every parcel sent is counted once when answered, stream replies are
// matched by request_id (not by order), and the open-loop schedule sends
// exactly rate x duration parcels, none before its time. Counts only: no
// assertion depends on how fast this machine is.
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tools/bench/baseline_service.h"
#include "tools/bench/load_driver.h"
#include "tools/bench/server_process.h"

namespace placi::bench {
namespace {

// Channels come and go with every test; see server_process.h.
const bool kCallbackQueueHeld = (HoldGrpcCallbackQueue(), true);

class LoadDriverTest : public ::testing::Test {
 protected:
  void StartServer(BaselineScreeningService::Options options = {}) {
    service_ = std::make_unique<BaselineScreeningService>(options);
    auto server = StartBaselineServer("127.0.0.1:0", service_.get());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(server->server);
    target_ = "127.0.0.1:" + std::to_string(server->port);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  static LoadOptions Bounded(LoadOptions::Api api, int64_t parcels) {
    LoadOptions options;
    options.api = api;
    options.warmup = absl::ZeroDuration();
    options.max_parcels = parcels;
    options.drain_timeout = absl::Seconds(20);
    return options;
  }

  const ParcelSource& parcels() {
    static const ParcelSource* const source = new ParcelSource(ParcelSource::Generated({}, 64));
    return *source;
  }

  std::unique_ptr<BaselineScreeningService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string target_;
};

void ExpectAllAnswered(const LoadResult& r, int64_t parcels) {
  EXPECT_EQ(r.sent, parcels);
  EXPECT_EQ(r.received, parcels);
  EXPECT_EQ(r.verdicts, parcels);
  EXPECT_EQ(r.failed, 0);
  EXPECT_EQ(r.unmatched, 0);
  EXPECT_EQ(r.latency_ns.count(), static_cast<uint64_t>(parcels));
  EXPECT_GT(r.throughput, 0);
}

TEST_F(LoadDriverTest, UnaryClosedLoopCountsEveryParcelOnce) {
  StartServer();
  LoadOptions options = Bounded(LoadOptions::Api::kUnary, 1000);
  options.in_flight = 16;
  options.channels = 2;
  absl::StatusOr<LoadResult> r = RunLoad(target_, parcels(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectAllAnswered(*r, 1000);
  EXPECT_EQ(r->total_sent, 1000);  // no warmup: nothing else was sent
  EXPECT_EQ(r->holds, 0);          // the baseline always releases
}

TEST_F(LoadDriverTest, StreamClosedLoopCountsEveryParcelOnce) {
  StartServer();
  LoadOptions options = Bounded(LoadOptions::Api::kStream, 1200);
  options.streams = 4;
  options.window = 8;
  absl::StatusOr<LoadResult> r = RunLoad(target_, parcels(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectAllAnswered(*r, 1200);
}

TEST_F(LoadDriverTest, StreamRepliesAreMatchedByRequestIdNotByOrder) {
  // The server answers every pair of parcels in swapped order: matching by
  // position would pair each reply with the wrong parcel.
  StartServer({.reverse_pairs = true});
  LoadOptions options = Bounded(LoadOptions::Api::kStream, 400);
  options.streams = 1;  // an even count per stream: every pair completes
  options.window = 4;
  absl::StatusOr<LoadResult> r = RunLoad(target_, parcels(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectAllAnswered(*r, 400);
}

TEST_F(LoadDriverTest, RepliesToParcelsNeverSentAreUnmatchedAndTheParcelsLost) {
  StartServer({.wrong_ids = true});
  LoadOptions options = Bounded(LoadOptions::Api::kStream, 40);
  options.streams = 2;
  options.window = 4;
  options.drain_timeout = absl::Seconds(1);
  absl::StatusOr<LoadResult> r = RunLoad(target_, parcels(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  // Every reply names a parcel never sent: none is received, each is
  // flagged, and every parcel is lost once the drain gives up on it.
  EXPECT_EQ(r->sent, 40);
  EXPECT_EQ(r->received, 0);
  EXPECT_EQ(r->unmatched, 40);
  EXPECT_EQ(r->failed, 40);

  // Unary replies echo the wrong id too: answered, but flagged.
  LoadOptions unary = Bounded(LoadOptions::Api::kUnary, 50);
  unary.in_flight = 4;
  absl::StatusOr<LoadResult> u = RunLoad(target_, parcels(), unary);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->received, 50);
  EXPECT_EQ(u->unmatched, 50);
}

TEST_F(LoadDriverTest, OpenLoopSendsExactlyTheScheduleAndNoFaster) {
  StartServer();
  LoadOptions options;
  options.api = LoadOptions::Api::kUnary;
  options.rate = 2000;
  options.warmup = absl::Milliseconds(100);
  options.duration = absl::Milliseconds(500);
  absl::StatusOr<LoadResult> r = RunLoad(target_, parcels(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  // 2000/s for 0.5 s: parcels 200 .. 1199 of the schedule are measured.
  EXPECT_EQ(r->scheduled, 1000);
  ExpectAllAnswered(*r, 1000);
  EXPECT_EQ(r->total_sent, 1200);  // the 0.1 s warmup's 200 too
  // The last measured parcel was due 499.5 ms into the measured phase and is
  // never sent early: the run cannot have been shorter.
  EXPECT_GE(r->elapsed_seconds, 0.4995);
}

TEST_F(LoadDriverTest, OpenLoopOverStreamsSendsExactlyTheScheduledCount) {
  StartServer();
  LoadOptions options = Bounded(LoadOptions::Api::kStream, 600);
  options.rate = 3000;
  options.streams = 3;
  absl::StatusOr<LoadResult> r = RunLoad(target_, parcels(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->scheduled, 600);
  ExpectAllAnswered(*r, 600);
  EXPECT_GE(r->elapsed_seconds, 599.0 / 3000);
}

TEST_F(LoadDriverTest, UnreachableTargetIsUnavailable) {
  LoadOptions options = Bounded(LoadOptions::Api::kUnary, 10);
  options.connect_timeout = absl::Milliseconds(300);
  // Port 1 on loopback: nothing listens there.
  absl::StatusOr<LoadResult> r = RunLoad("127.0.0.1:1", parcels(), options);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace placi::bench
