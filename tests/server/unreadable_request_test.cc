// Requests that protobuf's parser refuses (a string that is not UTF-8, bytes
// that are no protobuf), sent as raw bytes over a real channel: Screen says
// INVALID_ARGUMENT naming the field and counts the call as such; a stream
// answers the parcel with a ParcelError in its place and goes on; a caller
// without credentials is told that first, whatever it sent.
#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "gtest/gtest.h"
#include "server/api_keys.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

constexpr char kScreen[] = "/placi.screening.v1.ScreeningService/Screen";
constexpr char kScreenStream[] = "/placi.screening.v1.ScreeningService/ScreenStream";

// The wire form of `message` with its one "UTF8MARK" made invalid UTF-8
// (same length, so every length prefix stays right).
std::string Spoiled(const google::protobuf::Message& message) {
  std::string wire = message.SerializeAsString();
  const size_t at = wire.find("UTF8MARK");
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) wire[at + 6] = '\xff';
  return wire;
}

grpc::ByteBuffer Bytes(const std::string& wire) {
  grpc::Slice slice(wire);
  return grpc::ByteBuffer(&slice, 1);
}

// The bytes of `buffer` (empty if gRPC cannot read it).
std::string Text(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string text;
  if (!buffer.Dump(&slices).ok()) return text;
  for (const grpc::Slice& s : slices) text.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return text;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& key = "") {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!key.empty()) context->AddMetadata("authorization", "Bearer " + key);
  return context;
}

// A clean parcel whose second item's description is `description`.
pb::Consignment ParcelWithSecondItem(const std::string& request_id,
                                     const std::string& description) {
  pb::Consignment parcel = CleanConsignment("HAWB-" + request_id);
  parcel.set_request_id(request_id);
  pb::GoodsItem* item = parcel.add_items();
  *item = parcel.items(0);
  item->set_description(description);
  return parcel;
}

// Screen with `wire` as the request; the response's bytes in `*response`.
grpc::Status RawScreen(grpc::Channel* channel, const std::string& wire,
                       const std::string& key = "", std::string* response = nullptr) {
  grpc::ByteBuffer bytes;
  grpc::Status status = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel, grpc::internal::RpcMethod(kScreen, grpc::internal::RpcMethod::NORMAL_RPC),
      Context(key).get(), Bytes(wire), &bytes);
  if (response != nullptr) *response = Text(bytes);
  return status;
}

class UnreadableRequestTest : public ServerTest {};

TEST_F(UnreadableRequestTest, ScreenNamesTheFieldThatIsNotUtf8) {
  pb::ScreenRequest request = ScreenRequestFor(ParcelWithSecondItem("req-u1", "UTF8MARK shirts"));
  grpc::Status status = RawScreen(channel().get(), Spoiled(request));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "items[1].description: is not valid UTF-8");

  status = RawScreen(channel().get(), "\xff\xff\xff");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "request is not a valid ScreenRequest");

  // Counted as the other invalid parcels are.
  std::string text = ScrapeMetrics();
  EXPECT_EQ(MetricValue(
                text,
                R"(placi_grpc_server_handled_total{grpc_code="INVALID_ARGUMENT",grpc_method="Screen"})"),
            2);
  EXPECT_EQ(MetricValue(text, R"(placi_screen_parcels_total{grpc_method="Screen"})"), 2);
  EXPECT_EQ(MetricValue(text, R"(placi_screen_parcel_errors_total{reason="invalid_argument"})"), 2);

  // The same bytes, the marker left valid, are a parcel like any other.
  std::string bytes;
  ASSERT_TRUE(RawScreen(channel().get(), request.SerializeAsString(), "", &bytes).ok());
  pb::ScreenResponse verdict;
  ASSERT_TRUE(verdict.ParseFromString(bytes));
  EXPECT_EQ(verdict.verdict().request_id(), "req-u1");
}

TEST_F(UnreadableRequestTest, StreamAnswersTheUnreadableParcelInItsPlaceAndGoesOn) {
  std::vector<std::string> wires;
  for (int i = 0; i < 5; ++i) {
    pb::ScreenStreamRequest request;
    *request.mutable_consignment() =
        ParcelWithSecondItem("req-s" + std::to_string(i), "UTF8MARK shirts");
    wires.push_back(i == 1 ? Spoiled(request) : i == 3 ? "\xff\xff\xff" : request.SerializeAsString());
  }
  {
    // Its request_id is what is not UTF-8: nothing to echo.
    pb::ScreenStreamRequest request;
    *request.mutable_consignment() = ParcelWithSecondItem("req-UTF8MARK", "shirts");
    wires.push_back(Spoiled(request));
  }
  grpc::GenericStub stub(channel());
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::ClientContext> context = Context();
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(context.get(), kScreenStream, &cq);
  void* tag = nullptr;
  bool ok = false;
  // One operation at a time, each waited for: the stream is short.
  auto step = [&] { return cq.Next(&tag, &ok) && ok; };
  call->StartCall(&tag);
  ASSERT_TRUE(step());
  for (const std::string& wire : wires) {
    call->Write(Bytes(wire), &tag);
    ASSERT_TRUE(step());
  }
  call->WritesDone(&tag);
  ASSERT_TRUE(step());
  std::vector<pb::ScreenStreamResponse> responses;
  for (;;) {
    grpc::ByteBuffer bytes;
    call->Read(&bytes, &tag);
    if (!step()) break;
    ASSERT_TRUE(responses.emplace_back().ParseFromString(Text(bytes)));
  }
  grpc::Status status;
  call->Finish(&status, &tag);
  ASSERT_TRUE(cq.Next(&tag, &ok));
  EXPECT_TRUE(status.ok()) << status.error_message();
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }

  ASSERT_EQ(responses.size(), wires.size());
  for (int i : {0, 2, 4}) {
    EXPECT_EQ(responses[i].verdict().request_id(), "req-s" + std::to_string(i)) << i;
  }
  const pb::ParcelError& utf8 = responses[1].error();
  EXPECT_FALSE(responses[1].has_verdict());
  EXPECT_EQ(utf8.code(), 3);
  EXPECT_EQ(utf8.field(), "items[1].description");
  EXPECT_EQ(utf8.message(), "items[1].description: is not valid UTF-8");
  // The request_id is readable: echoed, so that the carrier knows which
  // parcel the error answers (review bb2 L7: it was empty).
  EXPECT_EQ(utf8.request_id(), "req-s1");
  const pb::ParcelError& bad_id = responses[5].error();
  EXPECT_EQ(bad_id.field(), "request_id");
  EXPECT_EQ(bad_id.request_id(), "");
  const pb::ParcelError& garbage = responses[3].error();
  EXPECT_EQ(garbage.code(), 3);
  EXPECT_EQ(garbage.field(), "");
  EXPECT_EQ(garbage.message(), "request is not a valid ScreenStreamRequest");
}

// Every method gRPC parses for us (all but Screen and ScreenStream), with
// `wire` as its request.
struct UnaryMethod {
  const char* path;
  const char* request_type;
};
constexpr UnaryMethod kParsedMethods[] = {
    {"/placi.screening.v1.WatchlistService/UpsertEntries", "UpsertEntriesRequest"},
    {"/placi.screening.v1.WatchlistService/DeleteEntries", "DeleteEntriesRequest"},
    {"/placi.screening.v1.WatchlistService/GetEntry", "GetEntryRequest"},
    {"/placi.screening.v1.WatchlistService/ListEntries", "ListEntriesRequest"},
    {"/placi.screening.v1.WatchlistService/GetWatchlistInfo", "GetWatchlistInfoRequest"},
    {"/placi.screening.v1.DecisionService/GetDecision", "GetDecisionRequest"},
    {"/placi.screening.v1.DecisionService/ListDecisions", "ListDecisionsRequest"},
    {"/placi.screening.v1.DecisionService/ResolveHold", "ResolveHoldRequest"},
    {"/placi.screening.v1.RulesService/ReloadRules", "ReloadRulesRequest"},
    {"/placi.screening.v1.RulesService/GetRules", "GetRulesRequest"},
    {"/placi.screening.v1.RulesService/SetShadowRules", "SetShadowRulesRequest"},
};

grpc::Status RawCall(grpc::Channel* channel, const char* method, const std::string& wire,
                     const std::string& key = "") {
  grpc::ByteBuffer bytes;
  return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel, grpc::internal::RpcMethod(method, grpc::internal::RpcMethod::NORMAL_RPC),
      Context(key).get(), Bytes(wire), &bytes);
}

// gRPC's callback API answers a request it cannot parse with UNIMPLEMENTED
// and no message, as if the method did not exist; here it is the caller's
// mistake, INVALID_ARGUMENT, on every method.
TEST_F(UnreadableRequestTest, EveryParsedMethodSaysInvalidArgument) {
  for (const UnaryMethod& method : kParsedMethods) {
    grpc::Status status = RawCall(channel().get(), method.path, "\xff\xff\xff");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method.path;
    EXPECT_EQ(status.error_message(),
              std::string("request is not a valid ") + method.request_type)
        << method.path;
  }
  // Field 1 of three bytes that are not UTF-8, where field 1 is a string.
  const std::string not_utf8("\x0a\x03\xff\xfe\xfd", 5);
  for (const char* method : {"/placi.screening.v1.DecisionService/GetDecision",
                             "/placi.screening.v1.WatchlistService/GetEntry",
                             "/placi.screening.v1.DecisionService/ResolveHold"}) {
    EXPECT_EQ(RawCall(channel().get(), method, not_utf8).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << method;
  }
  pb::ResolveHoldRequest resolve;
  resolve.set_house_waybill("HAWB-1");
  resolve.set_resolved_by("UTF8MARK");
  EXPECT_EQ(RawCall(channel().get(), "/placi.screening.v1.DecisionService/ResolveHold",
                    Spoiled(resolve))
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Counted like any other call of the method.
  EXPECT_EQ(
      MetricValue(
          ScrapeMetrics(),
          R"(placi_grpc_server_handled_total{grpc_code="INVALID_ARGUMENT",grpc_method="ResolveHold"})"),
      3);
  // A method that does not exist is still UNIMPLEMENTED.
  EXPECT_EQ(RawCall(channel().get(), "/placi.screening.v1.DecisionService/NoSuchMethod",
                    "\xff\xff\xff")
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

class UnreadableRequestAuthTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override {
    key_ = NewApiKey();
    options->api_keys_file = dir_->path() + "/keys.txt";
    std::ofstream(options->api_keys_file) << PrincipalsLine(key_, "carrier-a", Role::kCarrier)
                                          << "\n";
  }
  std::string key_;
};

TEST_F(UnreadableRequestAuthTest, ACallerWithoutCredentialsIsToldThatFirst) {
  EXPECT_EQ(RawScreen(channel().get(), "\xff\xff\xff").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(RawScreen(channel().get(), "\xff\xff\xff", key_).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // The same on the methods gRPC parses: who may call comes before what
  // was sent.
  const char* upsert = "/placi.screening.v1.WatchlistService/UpsertEntries";
  EXPECT_EQ(RawCall(channel().get(), upsert, "\xff\xff\xff").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(RawCall(channel().get(), upsert, "\xff\xff\xff", key_).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RawCall(channel().get(), "/placi.screening.v1.DecisionService/GetDecision",
                    "\xff\xff\xff", key_)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace placi::server::testing
