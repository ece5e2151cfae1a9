// ServerApp lifecycle: health follows readiness and goes NOT_SERVING as soon
// as shutdown begins; shutdown with an open stream ends within its grace;
// startup errors name what failed; the port file and the seed.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "server/demo_watchlist.h"
#include "server/json_log.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

// The status the health service reports for `service`, or UNKNOWN when the
// check itself failed.
HealthCheckResponse::ServingStatus Check(Health::Stub* health, const std::string& service) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  if (!health->Check(&context, request, &response).ok()) return HealthCheckResponse::UNKNOWN;
  return response.status();
}

class HealthTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override {
    // Long enough for the test to see NOT_SERVING while calls still land.
    options->drain = absl::Seconds(3);
  }
  // Begins shutdown on a thread (joined in TearDown) and waits until the
  // health service says NOT_SERVING: the server is then draining.
  void BeginShutdown(Health::Stub* health) {
    stopper_ = std::thread([this] { app().Shutdown(); });
    EXPECT_TRUE(WaitFor([&] { return Check(health, "") == HealthCheckResponse::NOT_SERVING; },
                        absl::Seconds(3)));
  }
  void TearDown() override {
    if (stopper_.joinable()) stopper_.join();
    ServerTest::TearDown();
  }

  std::thread stopper_;
};

TEST_F(HealthTest, ServingAfterStartNotServingOnceShutdownBegins) {
  auto health = Health::NewStub(channel());
  EXPECT_EQ(Check(health.get(), ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(Check(health.get(), kScreeningServiceName), HealthCheckResponse::SERVING);

  BeginShutdown(health.get());
  // Still draining: the service answers, and says it is going away.
  EXPECT_EQ(Check(health.get(), kScreeningServiceName), HealthCheckResponse::NOT_SERVING);
}

// The liveness probe's service stays SERVING while the server drains: a pod
// that is going away, or not ready, is not dead (review9a: the probe asked
// "", which fails while draining and would restart the pod).
TEST_F(HealthTest, LivenessStaysServingWhileDraining) {
  auto health = Health::NewStub(channel());
  EXPECT_EQ(Check(health.get(), kLivenessServiceName), HealthCheckResponse::SERVING);
  BeginShutdown(health.get());
  EXPECT_EQ(Check(health.get(), kLivenessServiceName), HealthCheckResponse::SERVING);
}

class ShutdownTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override {
    options->shutdown_grace = absl::Seconds(1);
  }
};

TEST_F(ShutdownTest, OpenStreamRunsOnThroughTheGraceThenIsCancelled) {
  grpc::ClientContext context;
  auto stream = screening()->ScreenStream(&context);
  pb::ScreenStreamRequest request;
  *request.mutable_consignment() = CleanConsignment("HAWB-OPEN-1");
  ASSERT_TRUE(stream->Write(request));
  pb::ScreenStreamResponse response;
  ASSERT_TRUE(stream->Read(&response));  // the stream is live on the server
  ASSERT_TRUE(response.has_verdict());

  const absl::Time start = absl::Now();
  std::thread stopper([&] { app().Shutdown(); });

  // New calls are refused at once; the open stream still screens parcels.
  EXPECT_TRUE(WaitFor([&] {
    grpc::ClientContext unary;
    unary.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    pb::ScreenResponse ignored;
    return !screening()->Screen(&unary, ScreenRequestFor(CleanConsignment()), &ignored).ok();
  }));
  request.mutable_consignment()->set_request_id("req-during-grace");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.verdict().request_id(), "req-during-grace");

  // The client neither writes nor half-closes: the server cancels the
  // stream when the grace runs out, and the reactor finishes it.
  EXPECT_FALSE(stream->Read(&response));
  const absl::Duration cancelled_after = absl::Now() - start;
  EXPECT_GE(cancelled_after, absl::Milliseconds(900));
  EXPECT_LT(cancelled_after, absl::Seconds(1) + absl::Seconds(2));
  EXPECT_FALSE(stream->Finish().ok());

  stopper.join();
  // Grace, plus up to 2 s for the metrics listener to stop.
  EXPECT_LT(absl::Now() - start, absl::Seconds(1) + absl::Seconds(2) + absl::Seconds(2));
}

TEST_F(ShutdownTest, ShutdownIsIdempotent) {
  app().Shutdown();
  app().Shutdown();
}

TEST(StartupErrorTest, PortInUseIsOneClearError) {
  TempDir first_dir;
  auto first = ServerApp::Start(TestOptions(first_dir.path()));
  ASSERT_TRUE(first.ok()) << first.status();

  TempDir second_dir;
  ServerOptions options = TestOptions(second_dir.path());
  options.listen = absl::StrCat("127.0.0.1:", (*first)->grpc_port());
  auto second = ServerApp::Start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(second.status().message(), "cannot listen on 127.0.0.1:"))
      << second.status();
  EXPECT_TRUE(absl::StrContains(second.status().message(), "address already in use"))
      << second.status();
  EXPECT_FALSE(absl::StrContains(second.status().message(), "\n"));
}

TEST(StartupErrorTest, MetricsPortInUseIsOneClearError) {
  TempDir first_dir;
  auto first = ServerApp::Start(TestOptions(first_dir.path()));
  ASSERT_TRUE(first.ok()) << first.status();

  TempDir second_dir;
  ServerOptions options = TestOptions(second_dir.path());
  options.metrics_listen = absl::StrCat("127.0.0.1:", (*first)->metrics_port());
  auto second = ServerApp::Start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(absl::StrContains(second.status().message(), "cannot serve metrics on"))
      << second.status();
}

TEST(StartupErrorTest, LockedDataDirIsOneClearError) {
  TempDir dir;
  auto first = ServerApp::Start(TestOptions(dir.path()));
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = ServerApp::Start(TestOptions(dir.path()));
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(absl::StrContains(second.status().message(), "cannot open data dir"))
      << second.status();
}

TEST(StartupErrorTest, BadSeedFileNamesFileAndLine) {
  TempDir dir;
  const std::string seed = dir.path() + "/seed.jsonl";
  {
    std::ofstream out(seed);
    out << R"({"id":"ok-1","kind":"ENTRY_KIND_PHONE","value":"+4922155501",)"
        << R"("referral":"REFERRAL_NONE","points":10})" << "\n";
    out << R"({"id":"bad","kind":"ENTRY_KIND_PHONE","value":"+4922155502","points":"x"})" << "\n";
  }
  ServerOptions options = TestOptions(dir.path());
  options.seed_watchlist = seed;
  auto app = ServerApp::Start(options);
  ASSERT_FALSE(app.ok());
  EXPECT_TRUE(absl::StrContains(app.status().message(), "bad seed watchlist"));
  EXPECT_TRUE(absl::StrContains(app.status().message(), seed + ":2")) << app.status();
}

TEST(StartupErrorTest, MissingSeedFileIsAnError) {
  TempDir dir;
  ServerOptions options = TestOptions(dir.path());
  options.seed_watchlist = dir.path() + "/no-such-file.jsonl";
  auto app = ServerApp::Start(options);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), absl::StatusCode::kNotFound);
}

TEST(PortFileTest, HoldsBothPortsOnceServing) {
  TempDir dir;
  ServerOptions options = TestOptions(dir.path());
  options.port_file = dir.path() + "/ports";
  auto app = ServerApp::Start(options);
  ASSERT_TRUE(app.ok()) << app.status();
  std::ifstream in(options.port_file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), absl::StrCat((*app)->grpc_port(), " ", (*app)->metrics_port(), "\n"));
}

TEST(SeedTest, EmbeddedDemoWatchlistSeedsAFreshDatabaseOnce) {
  auto demo = ParseWatchlistJsonl(EmbeddedDemoWatchlist(), "embedded");
  ASSERT_TRUE(demo.ok()) << demo.status();
  ASSERT_FALSE(demo->empty());

  TempDir dir;
  ServerOptions options = TestOptions(dir.path());
  options.seed_watchlist = "";  // the embedded demo watchlist
  {
    auto app = ServerApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    EXPECT_EQ((*app)->watchlist().size(), demo->size());
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*app)->grpc_port()),
                                       grpc::InsecureChannelCredentials());
    auto watchlist = pb::WatchlistService::NewStub(channel);
    grpc::ClientContext context;
    pb::DeleteEntriesRequest del;
    del.add_ids(demo->front().id);
    pb::DeleteEntriesResponse response;
    ASSERT_TRUE(watchlist->DeleteEntries(&context, del, &response).ok());
  }
  // A restart keeps what admins changed: the deleted entry stays deleted.
  auto app = ServerApp::Start(options);
  ASSERT_TRUE(app.ok()) << app.status();
  EXPECT_EQ((*app)->watchlist().size(), demo->size() - 1);
}

// One seed file of `ids`, phone entries.
std::string WriteSeed(const std::string& path, const std::vector<std::string>& ids) {
  std::ofstream out(path);
  int phone = 0;
  for (const std::string& id : ids) {
    out << R"({"id":")" << id << R"(","kind":"ENTRY_KIND_PHONE","value":"+49221555)" << ++phone
        << R"(","referral":"REFERRAL_NONE","points":10})" << "\n";
  }
  return path;
}

// A start that fails on a busy port leaves the data dir as it was: the next
// start, with the right port and its own seed, seeds it (a review found the
// demo watchlist committed by the failed start, and the real seed ignored).
TEST(StartupErrorTest, ABusyPortLeavesTheDataDirUnseeded) {
  TempDir first_dir;
  auto first = ServerApp::Start(TestOptions(first_dir.path()));
  ASSERT_TRUE(first.ok()) << first.status();

  TempDir dir;
  ServerOptions options = TestOptions(dir.path());
  options.seed_watchlist = "";  // the embedded demo watchlist
  options.listen = absl::StrCat("127.0.0.1:", (*first)->grpc_port());
  auto busy_grpc = ServerApp::Start(options);
  ASSERT_FALSE(busy_grpc.ok());
  EXPECT_TRUE(absl::StrContains(busy_grpc.status().message(), "address already in use"))
      << busy_grpc.status();
  options.listen = "127.0.0.1:0";
  options.metrics_listen = absl::StrCat("127.0.0.1:", (*first)->metrics_port());
  auto busy_metrics = ServerApp::Start(options);
  ASSERT_FALSE(busy_metrics.ok());
  EXPECT_TRUE(absl::StrContains(busy_metrics.status().message(), "cannot serve metrics on"))
      << busy_metrics.status();
  EXPECT_FALSE(std::filesystem::exists(options.data_dir));

  options.metrics_listen = "127.0.0.1:0";
  options.seed_watchlist = WriteSeed(dir.path() + "/seed.jsonl", {"mine-1", "mine-2"});
  auto app = ServerApp::Start(options);
  ASSERT_TRUE(app.ok()) << app.status();
  EXPECT_EQ((*app)->watchlist().size(), 2u);
  EXPECT_EQ((*app)->watchlist().version(), 1u);
}

// Every start-up input is checked before the data dir is created: a start
// that fails on an address that is no host:port or not this host's, a bad
// API keys line, TLS flags that do not go together or a bad rules file leaves no data dir
// (review bb2 M10: each was seeded with the demo watchlist, which the next,
// correct start then kept instead of its own seed).
TEST(StartupErrorTest, BadStartInputsLeaveNoDataDir) {
  TempDir dir;
  const std::string keys = dir.path() + "/keys.txt";
  std::ofstream(keys) << "not-a-hash alice carrier\n";
  const std::string pem = dir.path() + "/ca.pem";
  std::ofstream(pem) << "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
  const std::string bad_rules = dir.path() + "/rules.textproto";
  std::ofstream(bad_rules) << "hold_score_threshold: \"not a number\"\n";
  struct Case {
    const char* what;
    std::function<void(ServerOptions*)> set;
    const char* error;
  };
  const Case cases[] = {
      {"listen not resolvable", [](ServerOptions* o) { o->listen = "garbage:1"; },
       "cannot listen on garbage:1"},
      {"listen without a port", [](ServerOptions* o) { o->listen = "127.0.0.1"; }, "not host:port"},
      {"listen port out of range", [](ServerOptions* o) { o->listen = "127.0.0.1:70000"; },
       "0..65535"},
      {"listen on another host's address", [](ServerOptions* o) { o->listen = "203.0.113.7:0"; },
       "cannot assign requested address"},
      {"metrics address not resolvable", [](ServerOptions* o) { o->metrics_listen = "garbage:1"; },
       "cannot serve metrics on"},
      {"bad API keys line", [&](ServerOptions* o) { o->api_keys_file = keys; }, "keys.txt"},
      {"client CA without API keys", [&](ServerOptions* o) { o->tls_client_ca_file = pem; },
       "--tls_client_ca needs --api_keys_file"},
      {"TLS cert without key", [&](ServerOptions* o) { o->tls_cert_file = pem; },
       "--tls_cert and --tls_key go together"},
      {"TLS cert file missing",
       [&](ServerOptions* o) {
         o->tls_cert_file = dir.path() + "/missing.pem";
         o->tls_key_file = pem;
       },
       "cannot read --tls_cert"},
      // Review bb4 M2: checked before gRPC's file watcher takes them (a PEM
      // block that holds no certificate failed only at listening, after
      // the data dir was made).
      {"TLS cert file without a certificate",
       [&](ServerOptions* o) {
         o->tls_cert_file = pem;
         o->tls_key_file = pem;
       },
       "holds no readable certificate"},
      {"TLS reload interval out of range", [](ServerOptions* o) { o->tls_reload_seconds = 0; },
       "--tls_reload_seconds must be within 1..86400"},
      // The built-in rules are built beside the storage open (they cannot
      // fail); a rules file is read before it.
      {"rules file that does not parse", [&](ServerOptions* o) { o->rules_file = bad_rules; },
       "rules.textproto"},
  };
  ServerOptions good = TestOptions(dir.path());
  good.seed_watchlist = "";  // the embedded demo watchlist
  for (const Case& c : cases) {
    ServerOptions options = good;
    c.set(&options);
    auto app = ServerApp::Start(options);
    ASSERT_FALSE(app.ok()) << c.what;
    EXPECT_TRUE(absl::StrContains(app.status().message(), c.error))
        << c.what << ": " << app.status();
    EXPECT_FALSE(std::filesystem::exists(options.data_dir)) << c.what;
  }
  good.seed_watchlist = WriteSeed(dir.path() + "/seed.jsonl", {"mine-1", "mine-2"});
  auto app = ServerApp::Start(good);
  ASSERT_TRUE(app.ok()) << app.status();
  EXPECT_EQ((*app)->watchlist().size(), 2u);
}

// A seed that is not applied, because the data dir has a watchlist already,
// is said so in one log line with that watchlist's version and size.
TEST(SeedTest, ASkippedSeedIsLogged) {
  TempDir dir;
  ServerOptions options = TestOptions(dir.path());
  options.seed_watchlist = WriteSeed(dir.path() + "/first.jsonl", {"a-1", "a-2", "a-3"});
  {
    auto app = ServerApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
  }
  const std::string log_path = dir.path() + "/log";
  const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  const LogOptions saved = GetLogOptions();
  SetLogOptions({.format = LogFormat::kJson, .verdicts = false, .fd = fd});
  options.seed_watchlist = WriteSeed(dir.path() + "/second.jsonl", {"b-1"});
  {
    auto app = ServerApp::Start(options);
    SetLogOptions(saved);
    close(fd);
    ASSERT_TRUE(app.ok()) << app.status();
    EXPECT_EQ((*app)->watchlist().size(), 3u);  // the first seed, kept
  }
  std::ifstream in(log_path);
  std::string line;
  std::vector<std::string> skipped;
  while (std::getline(in, line)) {
    if (absl::StrContains(line, R"("event":"seed_skipped")")) skipped.push_back(line);
  }
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_TRUE(absl::StrContains(skipped[0], "second.jsonl")) << skipped[0];
  EXPECT_TRUE(absl::StrContains(skipped[0], "version 1, entries 3")) << skipped[0];
  EXPECT_TRUE(absl::StrContains(skipped[0], R"("watchlist_entries":3)")) << skipped[0];
  EXPECT_TRUE(absl::StrContains(skipped[0], options.data_dir)) << skipped[0];
}

// An operator's threshold for the built-in rules shows in every verdict's
// ruleset_version; the defaults keep theirs.
TEST(RulesetVersionTest, AChangedHoldThresholdIsNamedInTheVerdicts) {
  for (const int threshold : {60, 70}) {
    TempDir dir;
    ServerOptions options = TestOptions(dir.path());
    options.hold_score_threshold = threshold;
    auto app = ServerApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*app)->grpc_port()),
                                       grpc::InsecureChannelCredentials());
    auto screening = pb::ScreeningService::NewStub(channel);
    grpc::ClientContext context;
    pb::ScreenResponse response;
    ASSERT_TRUE(
        screening->Screen(&context, ScreenRequestFor(CleanConsignment()), &response).ok());
    EXPECT_EQ(response.verdict().ruleset_version(),
              threshold == 60 ? "default-2026.11" : "default-2026.11+hold_score_threshold=70");
  }
}

}  // namespace
}  // namespace placi::server::testing
