// Test support for tests/server; see server_test_env.h.
#include "tests/server/server_test_env.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "placi/convert/convert.h"
#include "tests/test_util/parcels.h"

namespace placi::server::testing {

TempDir::TempDir() {
  std::string pattern = ::testing::TempDir() + "placi_server_test_XXXXXX";
  char* made = mkdtemp(pattern.data());
  EXPECT_NE(made, nullptr) << "mkdtemp " << pattern;
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ServerOptions TestOptions(const std::string& dir) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.metrics_listen = "127.0.0.1:0";
  options.data_dir = dir + "/rocksdb";
  options.seed_watchlist = "none";
  options.drain = absl::ZeroDuration();
  options.shutdown_grace = absl::Seconds(2);
  options.version = "test";
  return options;
}

bool WaitFor(const std::function<bool()>& condition, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

std::optional<std::string> HttpGet(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return std::nullopt;
  timeval timeout{.tv_sec = 10, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return std::nullopt;
  }
  // HTTP/1.0: the server closes after the response, so EOF ends the body.
  const std::string request =
      absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  if (send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return std::nullopt;
  }
  std::string response;
  char buffer[16384];
  while (true) {
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n < 0) {
      close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  if (response.rfind("HTTP/1.", 0) != 0 || response.find(" 200 ") == std::string::npos) {
    return std::nullopt;
  }
  size_t body = response.find("\r\n\r\n");
  if (body == std::string::npos) return std::nullopt;
  return response.substr(body + 4);
}

std::optional<double> MetricValue(const std::string& exposition, const std::string& series) {
  std::istringstream lines(exposition);
  std::string line;
  const std::string prefix = series + " ";
  while (std::getline(lines, line)) {
    if (line.rfind(prefix, 0) == 0) return std::strtod(line.c_str() + prefix.size(), nullptr);
  }
  return std::nullopt;
}

pb::Consignment CleanConsignment(const std::string& house_waybill) {
  pb::Consignment consignment;
  convert::ConsignmentToProto(placi::testing::CleanParcel(house_waybill), &consignment);
  return consignment;
}

pb::ScreenRequest ScreenRequestFor(const pb::Consignment& consignment) {
  pb::ScreenRequest request;
  *request.mutable_consignment() = consignment;
  return request;
}

pb::ScreenStreamRequest StreamRequestFor(const std::string& house_waybill,
                                         const std::string& request_id) {
  pb::ScreenStreamRequest request;
  *request.mutable_consignment() = CleanConsignment(house_waybill);
  request.mutable_consignment()->set_request_id(request_id);
  return request;
}

void ServerTest::SetUp() {
  dir_ = std::make_unique<TempDir>();
  ServerOptions options = TestOptions(dir_->path());
  Configure(&options);
  absl::StatusOr<std::unique_ptr<ServerApp>> app = ServerApp::Start(options);
  ASSERT_TRUE(app.ok()) << app.status();
  app_ = std::move(*app);
  channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
  screening_ = pb::ScreeningService::NewStub(channel_);
  watchlist_ = pb::WatchlistService::NewStub(channel_);
  decisions_ = pb::DecisionService::NewStub(channel_);
}

void ServerTest::TearDown() {
  if (app_ != nullptr) app_->Shutdown();
  app_.reset();
  dir_.reset();
}

std::string ServerTest::address() const { return absl::StrCat("127.0.0.1:", app_->grpc_port()); }

std::string ServerTest::ScrapeMetrics() {
  std::optional<std::string> body = HttpGet(app_->metrics_port(), "/metrics");
  EXPECT_TRUE(body.has_value()) << "GET /metrics on port " << app_->metrics_port();
  return body.value_or("");
}

pb::Verdict ServerTest::Screen(const pb::Consignment& consignment) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  pb::ScreenResponse response;
  grpc::Status status = screening_->Screen(&context, ScreenRequestFor(consignment), &response);
  EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  return response.verdict();
}

}  // namespace placi::server::testing
