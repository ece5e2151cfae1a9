// ScreenStream over a real channel: thousands of parcels on one stream,
// answered in order with every request id; a bad parcel answered with a
// ParcelError while the stream goes on.
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

class ScreenStreamTest : public ServerTest {};

TEST_F(ScreenStreamTest, TenThousandParcelsInOrderWithABadOneMidStream) {
  constexpr int kParcels = 10'000;
  constexpr int kBadIndex = 4'321;

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  auto stream = screening()->ScreenStream(&context);

  // The writer runs apart from the reader, as a real client would: the
  // server's bounded queue then pushes back through HTTP/2 flow control.
  std::thread writer([&] {
    for (int i = 0; i < kParcels; ++i) {
      pb::ScreenStreamRequest request;
      *request.mutable_consignment() = CleanConsignment(absl::StrCat("HAWB-S-", i));
      request.mutable_consignment()->set_request_id(absl::StrCat("req-", i));
      if (i == kBadIndex) request.mutable_consignment()->set_gross_weight_kg(-5);
      if (!stream->Write(request)) return;
    }
    stream->WritesDone();
  });

  int received = 0;
  int errors = 0;
  pb::ScreenStreamResponse response;
  while (stream->Read(&response)) {
    const std::string expected_id = absl::StrCat("req-", received);
    if (received == kBadIndex) {
      ASSERT_TRUE(response.has_error()) << response.DebugString();
      EXPECT_FALSE(response.has_verdict());
      EXPECT_EQ(response.error().request_id(), expected_id);
      EXPECT_EQ(response.error().code(), 3);
      EXPECT_EQ(response.error().field(), "gross_weight_kg");
      EXPECT_EQ(response.error().message().rfind("gross_weight_kg: ", 0), 0u);
      ++errors;
    } else {
      ASSERT_TRUE(response.has_verdict()) << received << " " << response.DebugString();
      ASSERT_EQ(response.verdict().request_id(), expected_id);
      // 10,000 parcels to one consignee trip the velocity patterns, so
      // later ones are held; what matters here is one verdict per parcel.
      EXPECT_NE(response.verdict().decision(), pb::DECISION_UNSPECIFIED);
      EXPECT_FALSE(response.verdict().decision_id().empty());
    }
    ++received;
  }
  writer.join();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_EQ(received, kParcels);
  EXPECT_EQ(errors, 1);
}

// A stream message without its consignment is no parcel (review8a L2): an
// error in its place, code 3 naming "consignment", and the stream goes on.
TEST_F(ScreenStreamTest, MessageWithoutConsignmentGetsAnErrorInItsPlace) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto stream = screening()->ScreenStream(&context);
  pb::ScreenStreamRequest first;
  *first.mutable_consignment() = CleanConsignment("HAWB-NOC-1");
  first.mutable_consignment()->set_request_id("noc-1");
  pb::ScreenStreamRequest last = first;
  last.mutable_consignment()->set_house_waybill("HAWB-NOC-3");
  last.mutable_consignment()->set_request_id("noc-3");
  ASSERT_TRUE(stream->Write(first));
  ASSERT_TRUE(stream->Write(pb::ScreenStreamRequest()));
  ASSERT_TRUE(stream->Write(last));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<pb::ScreenStreamResponse> responses;
  for (pb::ScreenStreamResponse response; stream->Read(&response);) responses.push_back(response);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].verdict().request_id(), "noc-1");
  ASSERT_TRUE(responses[1].has_error()) << responses[1].DebugString();
  EXPECT_EQ(responses[1].error().code(), 3);
  EXPECT_EQ(responses[1].error().field(), "consignment");
  EXPECT_EQ(responses[1].error().message().rfind("consignment: is required", 0), 0u)
      << responses[1].error().message();
  EXPECT_EQ(responses[2].verdict().request_id(), "noc-3");
}

// Request messages are recycled (server/recycled_messages.h): a message
// without consignment, read into the message of the parcel answered just
// before, must still be no parcel. Each is answered before the next is
// sent, so the parcel's message is back for reuse when the next one comes.
TEST_F(ScreenStreamTest, MessageAfterAParcelKeepsNothingOfIt) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  auto stream = screening()->ScreenStream(&context);
  for (int i = 0; i < 20; ++i) {
    pb::ScreenStreamRequest parcel;
    *parcel.mutable_consignment() = CleanConsignment(absl::StrCat("HAWB-RECYCLE-", i));
    ASSERT_TRUE(stream->Write(parcel));
    pb::ScreenStreamResponse response;
    ASSERT_TRUE(stream->Read(&response));
    ASSERT_TRUE(response.has_verdict()) << i << " " << response.DebugString();
    ASSERT_TRUE(stream->Write(pb::ScreenStreamRequest()));
    ASSERT_TRUE(stream->Read(&response));
    ASSERT_TRUE(response.has_error()) << i << " " << response.DebugString();
    EXPECT_EQ(response.error().field(), "consignment");
  }
  ASSERT_TRUE(stream->WritesDone());
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(ScreenStreamTest, EmptyStreamFinishesOk) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto stream = screening()->ScreenStream(&context);
  ASSERT_TRUE(stream->WritesDone());
  pb::ScreenStreamResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(ScreenStreamTest, ClientCancelEndsTheStreamAndTheServerKeepsServing) {
  {
    grpc::ClientContext context;
    auto stream = screening()->ScreenStream(&context);
    pb::ScreenStreamRequest request;
    *request.mutable_consignment() = CleanConsignment("HAWB-C-1");
    ASSERT_TRUE(stream->Write(request));
    pb::ScreenStreamResponse response;
    ASSERT_TRUE(stream->Read(&response));
    context.TryCancel();
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // The reactor finished and is gone: the in-flight gauge comes back to 0.
  EXPECT_TRUE(WaitFor([&] {
    return MetricValue(ScrapeMetrics(), "placi_grpc_server_in_flight{grpc_method=\"ScreenStream\"}") ==
           0.0;
  }));
  EXPECT_EQ(Screen(CleanConsignment("HAWB-C-2")).decision(), pb::DECISION_RELEASE);
}

TEST_F(ScreenStreamTest, ClientThatNeverReadsIsHeldBackNotBuffered) {
  // A client that writes without reading fills the server's bounded queue
  // and then the transport windows; its writes must stall rather than the
  // server taking everything in. Cancelling then ends the call cleanly.
  grpc::ClientContext context;
  auto stream = screening()->ScreenStream(&context);
  std::atomic<int> written{0};
  std::thread writer([&] {
    pb::ScreenStreamRequest request;
    *request.mutable_consignment() = CleanConsignment("HAWB-FLOW");
    // Padding makes each response/request large enough to fill windows fast.
    request.mutable_consignment()->mutable_items(0)->set_description(
        "ceramic coffee mug " + std::string(3000, 'a'));
    for (int i = 0; i < 100'000; ++i) {
      if (!stream->Write(request)) return;
      ++written;
    }
  });
  // Wait until the writer stalls: no progress for a while.
  int last = -1;
  EXPECT_TRUE(WaitFor(
      [&] {
        int now = written.load();
        bool stalled = now == last && now > 0;
        last = now;
        absl::SleepFor(absl::Milliseconds(200));  // the sampling interval
        return stalled;
      },
      absl::Seconds(30)));
  EXPECT_LT(written.load(), 100'000);
  // The server stops taking parcels in too, while the client still tries
  // to write: what it screened comes to rest (its queue is full and it
  // reads no more), so its memory for this stream is bounded by
  // kMaxPendingResponses and the transport windows, not by what the client
  // sends. (It may first drain what the windows already held.)
  const std::string series = "placi_screen_parcels_total{grpc_method=\"ScreenStream\"}";
  double screened = -1;
  EXPECT_TRUE(WaitFor(
      [&] {
        const double now = MetricValue(ScrapeMetrics(), series).value_or(-1);
        const bool at_rest = now == screened && now > 0;
        screened = now;
        absl::SleepFor(absl::Milliseconds(500));  // the sampling interval
        return at_rest;
      },
      absl::Seconds(60)));
  EXPECT_LE(screened, written.load());
  EXPECT_LT(screened, 100'000);
  context.TryCancel();
  writer.join();
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

}  // namespace
}  // namespace placi::server::testing
