// Server reflection is served (grpcurl and grpc_cli rely on it): a
// list_services request over the raw reflection stream names our services.
// Debian ships the reflection library without its generated headers, so the
// test speaks the wire format through a generic stub.
#include <string>

#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

constexpr char kReflectionMethod[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

// Waits for the one operation in flight on `cq`.
bool Await(grpc::CompletionQueue* cq, void* tag) {
  void* got = nullptr;
  bool ok = false;
  if (!cq->Next(&got, &ok)) return false;
  return got == tag && ok;
}

class ReflectionTest : public ServerTest {};

TEST_F(ReflectionTest, ListsTheServices) {
  grpc::GenericStub stub(channel());
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, kReflectionMethod, &cq);
  int tags[5];
  call->StartCall(&tags[0]);
  ASSERT_TRUE(Await(&cq, &tags[0]));

  // ServerReflectionRequest{list_services: ""}: field 7, length-delimited.
  const std::string request("\x3a\x00", 2);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  call->Write(request_buffer, &tags[1]);
  ASSERT_TRUE(Await(&cq, &tags[1]));

  grpc::ByteBuffer response_buffer;
  call->Read(&response_buffer, &tags[2]);
  ASSERT_TRUE(Await(&cq, &tags[2]));
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response_buffer.Dump(&slices).ok());
  std::string response;
  for (const grpc::Slice& s : slices) {
    response.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  // The service names are plain strings inside ListServiceResponse.
  EXPECT_NE(response.find("placi.screening.v1.ScreeningService"), std::string::npos);
  EXPECT_NE(response.find("placi.screening.v1.WatchlistService"), std::string::npos);
  EXPECT_NE(response.find("placi.screening.v1.DecisionService"), std::string::npos);
  EXPECT_NE(response.find("grpc.health.v1.Health"), std::string::npos);

  call->WritesDone(&tags[3]);
  ASSERT_TRUE(Await(&cq, &tags[3]));
  grpc::Status status;
  call->Finish(&status, &tags[4]);
  ASSERT_TRUE(Await(&cq, &tags[4]));
  EXPECT_TRUE(status.ok()) << status.error_message();
  cq.Shutdown();
  void* ignored_tag;
  bool ignored_ok;
  while (cq.Next(&ignored_tag, &ignored_ok)) {
  }
}

// gRPC 1.51 serves reflection as v1alpha only; README says so (review bb4
// L6): a client asking for grpc.reflection.v1 gets UNIMPLEMENTED, and
// grpcurl falls back to v1alpha.
TEST_F(ReflectionTest, V1IsNotServedOnlyV1Alpha) {
  grpc::GenericStub stub(channel());
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", &cq);
  int tags[2];
  call->StartCall(&tags[0]);
  ASSERT_TRUE(Await(&cq, &tags[0]));
  grpc::Status status;
  call->Finish(&status, &tags[1]);
  ASSERT_TRUE(Await(&cq, &tags[1]));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
  cq.Shutdown();
  void* ignored_tag;
  bool ignored_ok;
  while (cq.Next(&ignored_tag, &ignored_ok)) {
  }
}

}  // namespace
}  // namespace placi::server::testing
