// Test support for tests/server: a real ServerApp in process on port 0 with
// a fresh temp data dir, a real gRPC channel to it, an HTTP GET for
// /metrics, and parcels in their wire form.
//
//   class MyTest : public ServerTest {};
//   TEST_F(MyTest, Screens) {
//     pb::ScreenResponse response;
//     grpc::ClientContext context;
//     ASSERT_TRUE(screening()->Screen(&context, Request(CleanConsignment()), &response).ok());
//   }
#ifndef PLACI_TESTS_SERVER_SERVER_TEST_ENV_H_
#define PLACI_TESTS_SERVER_SERVER_TEST_ENV_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "server/server_app.h"
#include "server/server_options.h"

namespace placi::server::testing {

namespace pb = ::placi::screening::v1;

// A fresh directory under the test temp dir, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Options for a test server: ports 0, data under `dir`, no seed, no drain,
// a short grace.
ServerOptions TestOptions(const std::string& dir);

// Whether `condition` became true before `timeout` (polled every few ms).
bool WaitFor(const std::function<bool()>& condition, absl::Duration timeout = absl::Seconds(10));

// Body of GET http://127.0.0.1:<port><path>, or nullopt on any failure.
std::optional<std::string> HttpGet(int port, const std::string& path);

// The value of one series in Prometheus text format, `series` written as
// the exposition writes it (labels sorted by name), e.g.
// placi_grpc_server_handled_total{grpc_code="OK",grpc_method="Screen"}.
std::optional<double> MetricValue(const std::string& exposition, const std::string& series);

// A complete, clean parcel (tests/test_util/parcels.h) in its wire form.
pb::Consignment CleanConsignment(const std::string& house_waybill = "HAWB-CLEAN-1");
pb::ScreenRequest ScreenRequestFor(const pb::Consignment& consignment);
// A stream message: CleanConsignment(house_waybill) with `request_id`.
pb::ScreenStreamRequest StreamRequestFor(const std::string& house_waybill,
                                         const std::string& request_id);

// A fixture with one running server per test.
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Override to change the options before the server starts.
  virtual void Configure(ServerOptions* options) {}

  ServerApp& app() { return *app_; }
  std::string address() const;
  pb::ScreeningService::Stub* screening() { return screening_.get(); }
  pb::WatchlistService::Stub* watchlist() { return watchlist_.get(); }
  pb::DecisionService::Stub* decisions() { return decisions_.get(); }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // A scrape of the server's /metrics (fails the test if it cannot).
  std::string ScrapeMetrics();
  // Screens one parcel; fails the test unless it succeeds.
  pb::Verdict Screen(const pb::Consignment& consignment);

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<ServerApp> app_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<pb::ScreeningService::Stub> screening_;
  std::unique_ptr<pb::WatchlistService::Stub> watchlist_;
  std::unique_ptr<pb::DecisionService::Stub> decisions_;
};

}  // namespace placi::server::testing

#endif  // PLACI_TESTS_SERVER_SERVER_TEST_ENV_H_
