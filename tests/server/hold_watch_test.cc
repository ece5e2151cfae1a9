// DecisionService.WatchHolds over a real server: a resolution reaches every
// open watch that may see it, at once, and nothing else does; the call ends
// when the server stops.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

class HoldWatchTest : public ServerTest {
 protected:
  // Clients may ping every 0.5 s, not 5 s: the keepalive test's four pings
  // take 6 s instead of 24.
  void Configure(ServerOptions* options) override {
    options->min_client_ping_interval = absl::Milliseconds(500);
  }

  // A watch whose initial metadata has arrived: the server is watching.
  struct Watch {
    std::unique_ptr<grpc::ClientContext> context = std::make_unique<grpc::ClientContext>();
    std::unique_ptr<grpc::ClientReader<pb::WatchHoldsResponse>> reader;
  };
  Watch StartWatch(const pb::WatchHoldsRequest& request = {}) {
    Watch watch;
    watch.context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    watch.reader = decisions()->WatchHolds(watch.context.get(), request);
    watch.reader->WaitForInitialMetadata();
    return watch;
  }

  // Screens a parcel that is held (no consignee name: information asked).
  pb::Verdict Hold(const std::string& waybill, const std::string& carrier) {
    pb::Consignment parcel = CleanConsignment(waybill);
    parcel.set_carrier_id(carrier);
    parcel.mutable_consignee()->clear_name();
    pb::Verdict held = Screen(parcel);
    EXPECT_EQ(held.hold_status(), pb::HOLD_STATUS_NEW) << waybill;
    return held;
  }

  pb::Verdict Resolve(const std::string& waybill, const std::string& carrier) {
    grpc::ClientContext context;
    pb::ResolveHoldRequest request;
    request.set_house_waybill(waybill);
    request.set_carrier_id(carrier);
    request.set_resolved_by("officer-7");
    pb::ResolveHoldResponse response;
    grpc::Status status = decisions()->ResolveHold(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verdict();
  }
};

TEST_F(HoldWatchTest, AResolutionReachesEveryWatchThatMaySeeIt) {
  Hold("HAWB-WATCH-1", "carrier-a");
  Hold("HAWB-WATCH-2", "carrier-b");
  Hold("HAWB-WATCH-3", "carrier-a");
  Watch everyone = StartWatch();
  pb::WatchHoldsRequest only_a;
  only_a.set_carrier_id(" CARRIER-A ");  // folded as hold keys are
  Watch carrier_a = StartWatch(only_a);
  pb::WatchHoldsRequest only_b;
  only_b.set_carrier_id("carrier-b");
  Watch carrier_b = StartWatch(only_b);

  const pb::Verdict first_a = Resolve("HAWB-WATCH-1", "carrier-a");
  const pb::Verdict only_b_resolved = Resolve("HAWB-WATCH-2", "carrier-b");
  const pb::Verdict second_a = Resolve("HAWB-WATCH-3", "carrier-a");

  pb::WatchHoldsResponse update;
  for (const pb::Verdict* expected : {&first_a, &only_b_resolved, &second_a}) {
    ASSERT_TRUE(everyone.reader->Read(&update));
    EXPECT_EQ(update.verdict().decision_id(), expected->decision_id());
    EXPECT_EQ(update.verdict().hold_status(), pb::HOLD_STATUS_RESOLVED);
    EXPECT_EQ(update.verdict().decision(), pb::DECISION_RELEASE);
    EXPECT_EQ(update.verdict().house_waybill(), expected->house_waybill());
  }
  // Each carrier's watch gets its own carrier's resolutions only: carrier
  // b's would have come between carrier a's two, and carrier a's first
  // before carrier b's.
  ASSERT_TRUE(carrier_a.reader->Read(&update));
  EXPECT_EQ(update.verdict().decision_id(), first_a.decision_id());
  ASSERT_TRUE(carrier_a.reader->Read(&update));
  EXPECT_EQ(update.verdict().decision_id(), second_a.decision_id());
  ASSERT_TRUE(carrier_b.reader->Read(&update));
  EXPECT_EQ(update.verdict().decision_id(), only_b_resolved.decision_id());

  for (Watch* watch : {&everyone, &carrier_a, &carrier_b}) {
    watch->context->TryCancel();
    while (watch->reader->Read(&update)) {
    }
    EXPECT_EQ(watch->reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // Counted by their final status once the server has let them go.
  const std::string cancelled =
      "placi_grpc_server_handled_total{grpc_code=\"CANCELLED\",grpc_method=\"WatchHolds\"}";
  std::optional<double> count;
  for (int i = 0; i < 100 && count != 3; ++i) {
    count = MetricValue(ScrapeMetrics(), cancelled);
    if (count != 3) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(count, 3);
}

TEST_F(HoldWatchTest, StoppingTheServerEndsEveryWatch) {
  Watch watch = StartWatch();
  std::thread stop([this] { app().Shutdown(); });
  pb::WatchHoldsResponse update;
  EXPECT_FALSE(watch.reader->Read(&update));
  const grpc::Status status = watch.reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  stop.join();
}

// Review bb5 M1: a loading system keeps its watch open all shift and turns
// on HTTP/2 keepalive so that load balancers and NAT do not drop the idle
// flow. gRPC's server defaults answered a client pinging every 10 s with
// GOAWAY "too_many_pings" after its third ping, ending the watch
// (UNAVAILABLE). Pinging every 1.5 s here (above the server's
// min_client_ping_interval, 0.5 s in this fixture), the watch still gets a
// resolution after four pings.
TEST_F(HoldWatchTest, AWatchOfAClientThatSendsKeepalivePingsStaysOpen) {
  Hold("HAWB-WATCH-KA", "carrier-a");
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 1500);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  const std::shared_ptr<grpc::Channel> channel =
      grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), args);
  const std::unique_ptr<pb::DecisionService::Stub> stub = pb::DecisionService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  std::unique_ptr<grpc::ClientReader<pb::WatchHoldsResponse>> reader =
      stub->WatchHolds(&context, pb::WatchHoldsRequest());
  reader->WaitForInitialMetadata();
  // The pings are what is tested: four of them, one every 1.5 s.
  std::this_thread::sleep_for(std::chrono::seconds(7));
  const pb::Verdict resolved = Resolve("HAWB-WATCH-KA", "carrier-a");
  pb::WatchHoldsResponse update;
  ASSERT_TRUE(reader->Read(&update)) << reader->Finish().error_message();
  EXPECT_EQ(update.verdict().decision_id(), resolved.decision_id());
  context.TryCancel();
  while (reader->Read(&update)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

// Whether a call's initial metadata says it is watching (the CLI's
// "watching" line rests on it).
bool SaysWatching(const grpc::ClientContext& context) {
  const auto& metadata = context.GetServerInitialMetadata();
  const auto it = metadata.find("placi-watching");
  return it != metadata.end() && it->second == "1";
}

TEST_F(HoldWatchTest, TheInitialMetadataSaysTheCallIsWatching) {
  Watch watch = StartWatch();
  EXPECT_TRUE(SaysWatching(*watch.context));
  watch.context->TryCancel();
  pb::WatchHoldsResponse update;
  while (watch.reader->Read(&update)) {
  }
  EXPECT_EQ(watch.reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(HoldWatchTest, AnOversizedCarrierIdIsRefused) {
  pb::WatchHoldsRequest request;
  request.set_carrier_id(std::string(1 << 16, 'c'));
  grpc::ClientContext context;
  auto reader = decisions()->WatchHolds(&context, request);
  // Refused before it watched: nothing says it is watching (a client would
  // otherwise announce a watch, then print the error).
  reader->WaitForInitialMetadata();
  EXPECT_FALSE(SaysWatching(context));
  pb::WatchHoldsResponse update;
  EXPECT_FALSE(reader->Read(&update));
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("carrier_id"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace placi::server::testing
