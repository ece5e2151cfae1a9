// The bound on parcels in flight and caller deadlines over a real channel,
// deterministically: the test occupies the server's screening pool with a
// task that waits for a notification, so that the next parcel finds the
// bound reached (or waits in the queue past its deadline).
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

class OverloadTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override {
    options->screening_threads = 1;
    options->max_in_flight = max_in_flight_;
    // Every parcel through the queue, where the test can hold it.
    options->screening_inline_slots = 0;
    options->screening_stream_inline_slots = 0;
  }
  // Occupies one slot of the pool (and its one thread) until Release().
  void Block() {
    // A parcel answered a moment ago may still hold its slot while its task
    // returns.
    ASSERT_TRUE(WaitFor([&] { return app().screening_pool().in_flight() == 0; }));
    ASSERT_TRUE(app().screening_pool().TrySubmit([this] {
      blocking_.Notify();
      release_.WaitForNotification();
    }));
    blocking_.WaitForNotification();
  }
  void Release() { release_.Notify(); }
  void TearDown() override {
    if (!release_.HasBeenNotified()) release_.Notify();
    ServerTest::TearDown();
  }
  double Metric(const std::string& series) {
    return MetricValue(ScrapeMetrics(), series).value_or(-1);
  }

  int max_in_flight_ = 1;
  absl::Notification blocking_, release_;
};

TEST_F(OverloadTest, UnaryPastTheBoundIsRefusedAtOnce) {
  Block();
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  pb::ScreenResponse response;
  const absl::Time start = absl::Now();
  grpc::Status status =
      screening()->Screen(&context, ScreenRequestFor(CleanConsignment("HAWB-OVER-1")), &response);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));  // refused, not queued
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_FALSE(response.has_verdict());
  EXPECT_EQ(Metric("placi_screen_parcel_errors_total{reason=\"resource_exhausted\"}"), 1.0);
  EXPECT_EQ(Metric("placi_grpc_server_handled_total{grpc_code=\"RESOURCE_EXHAUSTED\","
                   "grpc_method=\"Screen\"}"),
            1.0);

  Release();
  // The slot comes back: the next parcel is screened.
  EXPECT_TRUE(WaitFor([&] { return app().screening_pool().in_flight() == 0; }));
  EXPECT_EQ(Screen(CleanConsignment("HAWB-OVER-2")).decision(), pb::DECISION_RELEASE);
}

TEST_F(OverloadTest, StreamParcelPastTheBoundGetsCodeEightInItsPlace) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto stream = screening()->ScreenStream(&context);
  pb::ScreenStreamRequest request = StreamRequestFor("HAWB-S-0", "s-0");
  ASSERT_TRUE(stream->Write(request));
  pb::ScreenStreamResponse response;
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_verdict()) << response.DebugString();

  Block();
  request.mutable_consignment()->set_house_waybill("HAWB-S-1");
  request.mutable_consignment()->set_request_id("s-1");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_error()) << response.DebugString();
  EXPECT_EQ(response.error().code(), 8);
  EXPECT_EQ(response.error().request_id(), "s-1");
  Release();

  // The stream goes on.
  EXPECT_TRUE(WaitFor([&] { return app().screening_pool().in_flight() == 0; }));
  request.mutable_consignment()->set_house_waybill("HAWB-S-2");
  request.mutable_consignment()->set_request_id("s-2");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_verdict()) << response.DebugString();
  EXPECT_EQ(response.verdict().request_id(), "s-2");
  stream->WritesDone();
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(OverloadTest, StreamDoesNotCompeteWithItselfForTheBound) {
  // max_in_flight 1, one screening thread: a parcel read while the one
  // before is screened takes over that parcel's slot (the stream holds one
  // slot at a time) instead of being refused by its own predecessor.
  constexpr int kParcels = 40;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  auto stream = screening()->ScreenStream(&context);
  for (int i = 0; i < kParcels; ++i) {
    ASSERT_TRUE(
        stream->Write(StreamRequestFor(absl::StrCat("HAWB-OWN-", i), absl::StrCat("own-", i))));
  }
  stream->WritesDone();
  pb::ScreenStreamResponse response;
  for (int i = 0; i < kParcels; ++i) {
    ASSERT_TRUE(stream->Read(&response)) << i;
    ASSERT_TRUE(response.has_verdict()) << i << ": " << response.DebugString();
    EXPECT_EQ(response.verdict().request_id(), absl::StrCat("own-", i));
  }
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(Metric("placi_screen_parcel_errors_total{reason=\"resource_exhausted\"}"), 0.0);
}

class DeadlineTest : public OverloadTest {
 protected:
  DeadlineTest() { max_in_flight_ = 2; }  // one blocked, one queued
};

TEST_F(DeadlineTest, ParcelWhoseDeadlinePassedInTheQueueIsNotScreened) {
  Block();
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));
  pb::ScreenResponse response;
  grpc::Status status =
      screening()->Screen(&context, ScreenRequestFor(CleanConsignment("HAWB-LATE")), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The caller gave up while the parcel waited; once the pool gets to it,
  // it is dropped unscreened. The server's deadline counts from when the
  // request arrived, a little after the client's: let it pass too (this
  // wait is the test's subject, time, not a stand-in for a signal).
  absl::SleepFor(absl::Milliseconds(500));
  Release();
  // Dropped as past its deadline, or as cancelled (what gRPC makes of a
  // call past its deadline), whichever the pool saw first.
  EXPECT_TRUE(WaitFor([&] {
    const std::string metrics = ScrapeMetrics();
    return MetricValue(metrics, "placi_screen_parcel_errors_total{reason=\"deadline_exceeded\"}")
                   .value_or(0) +
               MetricValue(metrics, "placi_screen_parcel_errors_total{reason=\"cancelled\"}")
                   .value_or(0) ==
           1.0;
  }));
  EXPECT_EQ(Metric("placi_screen_verdicts_total{decision=\"release\",referral=\"none\"}"), 0.0);
  // Nothing was recorded for its waybill.
  grpc::ClientContext list_context;
  pb::ListDecisionsRequest list;
  list.set_house_waybill("HAWB-LATE");
  pb::ListDecisionsResponse listed;
  ASSERT_TRUE(decisions()->ListDecisions(&list_context, list, &listed).ok());
  EXPECT_EQ(listed.verdicts_size(), 0);
}

}  // namespace
}  // namespace placi::server::testing
