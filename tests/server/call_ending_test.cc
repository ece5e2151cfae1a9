// Calls that gRPC ends (a deadline, the end of the shutdown grace) are
// counted with the code their clients see, and a verdict made for a call
// that ended before it was sent is logged as not delivered (review9a).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "core/clock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"
#include "server/call_ending.h"
#include "server/json_log.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

// The server's metrics as /metrics would show them, read in process (the
// exposer is gone once the server has stopped).
std::string Exposition(ServerApp& app) {
  return prometheus::TextSerializer().Serialize(app.metrics().collectable()->Collect());
}

std::optional<double> Handled(const std::string& exposition, const std::string& method,
                              const std::string& code) {
  return MetricValue(exposition, "placi_grpc_server_handled_total{grpc_code=\"" + code +
                                     "\",grpc_method=\"" + method + "\"}");
}

std::chrono::system_clock::time_point In(std::chrono::milliseconds d) {
  return std::chrono::system_clock::now() + d;
}

TEST(CallEndingTest, TheEarlierOfDeadlineAndStopThatHasPassedNamesTheCode) {
  const absl::Time t = absl::FromUnixSeconds(1'800'000'000);
  const absl::Time start = t - absl::Seconds(10);
  const absl::Time never = absl::InfiniteFuture();
  auto code = [&](absl::Time deadline, absl::Time stop) {
    return CallEnding::CancelledAt(t, start, deadline, stop, "x").error_code();
  };
  EXPECT_EQ(code(never, never), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(code(t, never), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(code(t + absl::Seconds(1), never), grpc::StatusCode::CANCELLED);
  // The client's cancel at its deadline, a little before the server's copy
  // (2% of the call's 10 s), is the deadline.
  EXPECT_EQ(code(t + absl::Milliseconds(150), never), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(code(t + absl::Milliseconds(250), never), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(code(never, t), grpc::StatusCode::UNAVAILABLE);
  // Both passed: the one that came first ended the call.
  EXPECT_EQ(code(t - absl::Seconds(2), t - absl::Seconds(1)), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(code(t - absl::Seconds(1), t - absl::Seconds(2)), grpc::StatusCode::UNAVAILABLE);
  CallEnding ending;
  EXPECT_EQ(ending.Cancelled(start, never, "x").error_code(), grpc::StatusCode::CANCELLED);
  ending.ServerStopsAt(absl::Now() - absl::Seconds(1));
  EXPECT_EQ(ending.Cancelled(start, never, "x").error_code(), grpc::StatusCode::UNAVAILABLE);
}

class CallEndingServerTest : public ServerTest {
 protected:
  // True once no call of `method` is in flight: the server counts a call
  // only after its client has seen it end, so read the counts after this.
  bool NoCallInFlight(const std::string& method) {
    return WaitFor([&] {
      return MetricValue(ScrapeMetrics(),
                         "placi_grpc_server_in_flight{grpc_method=\"" + method + "\"}") == 0.0;
    });
  }
};

// The client sees DEADLINE_EXCEEDED; the server counted CANCELLED.
TEST_F(CallEndingServerTest, AStreamEndedByItsDeadlineIsCountedDeadlineExceeded) {
  grpc::ClientContext context;
  context.set_deadline(In(std::chrono::milliseconds(500)));
  auto stream = screening()->ScreenStream(&context);
  pb::ScreenStreamRequest request;
  *request.mutable_consignment() = CleanConsignment("HAWB-DL-1");
  ASSERT_TRUE(stream->Write(request));
  pb::ScreenStreamResponse response;
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_verdict());
  // Neither writes nor half-closes: the deadline ends the stream.
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  ASSERT_TRUE(NoCallInFlight("ScreenStream"));
  const std::string metrics = ScrapeMetrics();
  EXPECT_EQ(Handled(metrics, "ScreenStream", "DEADLINE_EXCEEDED"), 1.0);
  EXPECT_EQ(Handled(metrics, "ScreenStream", "CANCELLED"), 0.0);
}

TEST_F(CallEndingServerTest, AWatchEndedByItsDeadlineIsCountedDeadlineExceeded) {
  grpc::ClientContext context;
  context.set_deadline(In(std::chrono::milliseconds(300)));
  auto reader = decisions()->WatchHolds(&context, pb::WatchHoldsRequest());
  pb::WatchHoldsResponse update;
  EXPECT_FALSE(reader->Read(&update));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  ASSERT_TRUE(NoCallInFlight("WatchHolds"));
  const std::string metrics = ScrapeMetrics();
  EXPECT_EQ(Handled(metrics, "WatchHolds", "DEADLINE_EXCEEDED"), 1.0);
  EXPECT_EQ(Handled(metrics, "WatchHolds", "CANCELLED"), 0.0);
}

class GraceEndTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override { options->shutdown_grace = absl::Seconds(1); }
};

// gRPC cancels the streams still open at the end of the grace with
// UNAVAILABLE ("Cancelling all calls"), what the runbook tells operators
// the code of a stopping server is.
TEST_F(GraceEndTest, AStreamCutAtTheEndOfTheGraceIsCountedUnavailable) {
  grpc::ClientContext context;
  context.set_deadline(In(std::chrono::milliseconds(30'000)));
  auto stream = screening()->ScreenStream(&context);
  pb::ScreenStreamRequest request;
  *request.mutable_consignment() = CleanConsignment("HAWB-GRACE-1");
  ASSERT_TRUE(stream->Write(request));
  pb::ScreenStreamResponse response;
  ASSERT_TRUE(stream->Read(&response));

  std::thread stopper([&] { app().Shutdown(); });
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  stopper.join();

  const std::string metrics = Exposition(app());
  EXPECT_EQ(Handled(metrics, "ScreenStream", "UNAVAILABLE"), 1.0);
  EXPECT_EQ(Handled(metrics, "ScreenStream", "CANCELLED"), 0.0);
}

// A clock whose next reading, once armed, waits until released: screening
// that outlasts the call's deadline.
class GateClock final : public core::Clock {
 public:
  absl::Time Now() const override {
    if (armed_.exchange(false)) release_.WaitForNotification();
    return absl::Now();
  }
  void Arm() { armed_ = true; }
  void Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }

 private:
  mutable std::atomic<bool> armed_{false};
  mutable absl::Notification release_;
};

class SlowScreeningTest : public CallEndingServerTest {
 protected:
  void Configure(ServerOptions* options) override { options->clock = &clock_; }
  void TearDown() override {
    clock_.Release();
    CallEndingServerTest::TearDown();
  }

  // Sends the JSON log, verdict lines included, to a file of its own;
  // -1, with the log left as it was, when the file cannot be opened.
  int LogVerdictsTo(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return fd;
    saved_log_ = GetLogOptions();
    LogOptions options = saved_log_;
    options.format = LogFormat::kJson;
    options.fd = fd;
    options.verdicts = true;
    SetLogOptions(options);
    return fd;
  }
  void StopLoggingTo(int fd) {
    SetLogOptions(saved_log_);
    ::close(fd);
  }

  // Waits until the deadline has passed on the server's side too (its timer
  // fires a little after the client's), then lets the screening go on.
  void ReleaseAfterServerDeadline(std::chrono::system_clock::time_point deadline) {
    const absl::Time server_past = absl::FromChrono(deadline) + absl::Milliseconds(300);
    while (absl::Now() < server_past) absl::SleepFor(absl::Milliseconds(10));
    clock_.Release();
  }

  GateClock clock_;
  LogOptions saved_log_;
};

// The verdict is made (and in the decision log: the hold it placed is in
// place) after the client was told DEADLINE_EXCEEDED: counted as the
// client saw it (it was counted OK), and logged as not delivered.
TEST_F(SlowScreeningTest, AVerdictMadeAfterTheDeadlineIsLoggedNotDeliveredAndCountedSo) {
  const std::string log_path = dir_->path() + "/log.jsonl";
  const int fd = LogVerdictsTo(log_path);
  ASSERT_GE(fd, 0);

  pb::Consignment parcel = CleanConsignment("HAWB-LATE-1");
  parcel.set_request_id("late-1");
  clock_.Arm();
  grpc::ClientContext context;
  const auto deadline = In(std::chrono::milliseconds(300));
  context.set_deadline(deadline);
  pb::ScreenResponse response;
  grpc::Status status = screening()->Screen(&context, ScreenRequestFor(parcel), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  ReleaseAfterServerDeadline(deadline);

  ASSERT_TRUE(NoCallInFlight("Screen"));
  const std::string metrics = ScrapeMetrics();
  EXPECT_EQ(Handled(metrics, "Screen", "DEADLINE_EXCEEDED"), 1.0);
  EXPECT_EQ(Handled(metrics, "Screen", "OK"), 0.0);
  StopLoggingTo(fd);

  // The verdict exists, and the log says the carrier never got it.
  pb::ListDecisionsRequest list;
  list.set_house_waybill("HAWB-LATE-1");
  pb::ListDecisionsResponse listed;
  grpc::ClientContext list_context;
  ASSERT_TRUE(decisions()->ListDecisions(&list_context, list, &listed).ok());
  ASSERT_EQ(listed.verdicts_size(), 1);
  std::ifstream in(log_path);
  std::stringstream log;
  log << in.rdbuf();
  const std::string text = log.str();
  const size_t at = text.find("\"event\":\"verdict_not_delivered\"");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string line = text.substr(at, text.find('\n', at) - at);
  EXPECT_NE(line.find("\"decision_id\":\"" + listed.verdicts(0).decision_id() + "\""),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("\"request_id\":\"late-1\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"code\":\"DEADLINE_EXCEEDED\""), std::string::npos) << line;
}

// The same on a stream: the parcel being screened when the stream's
// deadline ends it keeps its verdict, which is logged as not delivered.
TEST_F(SlowScreeningTest, AStreamVerdictMadeAfterTheDeadlineIsLoggedNotDelivered) {
  const std::string log_path = dir_->path() + "/stream-log.jsonl";
  const int fd = LogVerdictsTo(log_path);
  ASSERT_GE(fd, 0);

  clock_.Arm();
  grpc::ClientContext context;
  const auto deadline = In(std::chrono::milliseconds(300));
  context.set_deadline(deadline);
  auto stream = screening()->ScreenStream(&context);
  ASSERT_TRUE(stream->Write(StreamRequestFor("HAWB-LATE-S1", "late-s1")));
  pb::ScreenStreamResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  ReleaseAfterServerDeadline(deadline);

  ASSERT_TRUE(NoCallInFlight("ScreenStream"));
  EXPECT_EQ(Handled(ScrapeMetrics(), "ScreenStream", "DEADLINE_EXCEEDED"), 1.0);
  pb::ListDecisionsRequest list;
  list.set_house_waybill("HAWB-LATE-S1");
  pb::ListDecisionsResponse listed;
  grpc::ClientContext list_context;
  ASSERT_TRUE(decisions()->ListDecisions(&list_context, list, &listed).ok());
  ASSERT_EQ(listed.verdicts_size(), 1);
  // The pool task logs after the reactor is done: wait for the line.
  std::string line;
  EXPECT_TRUE(WaitFor([&] {
    std::ifstream in(log_path);
    std::stringstream log;
    log << in.rdbuf();
    const std::string text = log.str();
    const size_t at = text.find("\"event\":\"verdict_not_delivered\"");
    if (at == std::string::npos) return false;
    line = text.substr(at, text.find('\n', at) - at);
    return true;
  }));
  StopLoggingTo(fd);
  EXPECT_NE(line.find("\"decision_id\":\"" + listed.verdicts(0).decision_id() + "\""),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("\"grpc_method\":\"ScreenStream\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"code\":\"DEADLINE_EXCEEDED\""), std::string::npos) << line;
}

}  // namespace
}  // namespace placi::server::testing
