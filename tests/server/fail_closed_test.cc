// Fail-closed over a real channel with a real RocksDB whose writes fail.
//
// How the storage is broken: RLIMIT_FSIZE. Past the limit, write() to a
// regular file fails with EFBIG, for root too, with no mount, no special
// filesystem and no test hook in the server: RocksDB's WAL append fails as
// on a full disk (ENOSPC), and the store returns the error to the screener.
// SIGXFSZ, which the kernel sends with EFBIG, is ignored for the test. The
// limit is process-wide, so it is lifted before the test ends; ctest runs
// each test in a process of its own.
#include <signal.h>
#include <sys/resource.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

// While alive, no regular file of this process may grow past its size now
// (1 byte: every existing RocksDB file is larger, so every append fails).
class FileSizeLimit {
 public:
  FileSizeLimit() {
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit limit = saved_;
    limit.rlim_cur = 1;
    EXPECT_EQ(setrlimit(RLIMIT_FSIZE, &limit), 0);
  }
  ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }

 private:
  rlimit saved_{};
};

class FailClosedTest : public ServerTest {
 protected:
  bool fail_open_ = false;
  void Configure(ServerOptions* options) override { options->fail_open = fail_open_; }

  void ExpectFallback(const pb::Verdict& v, bool fail_open) {
    EXPECT_EQ(v.decision(), fail_open ? pb::DECISION_RELEASE : pb::DECISION_HOLD)
        << v.DebugString();
    EXPECT_EQ(v.referral(),
              fail_open ? pb::REFERRAL_NONE : pb::REFERRAL_REQUEST_FOR_INFORMATION);
    EXPECT_EQ(v.hold_status(), pb::HOLD_STATUS_NONE);
    ASSERT_EQ(v.reasons_size(), 1) << v.DebugString();
    EXPECT_EQ(v.reasons(0).code(), "SCREENING_UNAVAILABLE");
    EXPECT_EQ(v.reasons(0).evidence(), fail_open ? "fail_open=true" : "fail_open=false");
    EXPECT_NE(v.reasons(0).message().find("not in the decision log"), std::string::npos);
    EXPECT_FALSE(v.decision_id().empty());
  }
  grpc::StatusCode GetDecisionCode(const std::string& id) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    pb::GetDecisionRequest request;
    request.set_decision_id(id);
    pb::GetDecisionResponse response;
    return decisions()->GetDecision(&context, request, &response).error_code();
  }
};

TEST_F(FailClosedTest, StorageErrorHoldsForInformationOnUnaryAndStream) {
  const pb::Verdict before = Screen(CleanConsignment("HAWB-BEFORE"));
  EXPECT_EQ(GetDecisionCode(before.decision_id()), grpc::StatusCode::OK);

  FileSizeLimit disk_full;
  pb::Consignment parcel = CleanConsignment("HAWB-FAIL-1");
  parcel.set_request_id("req-fail-1");
  const pb::Verdict unary = Screen(parcel);  // OK status, not an RPC error
  ExpectFallback(unary, /*fail_open=*/false);
  EXPECT_EQ(unary.request_id(), "req-fail-1");
  EXPECT_EQ(unary.house_waybill(), "HAWB-FAIL-1");
  EXPECT_EQ(GetDecisionCode(unary.decision_id()), grpc::StatusCode::NOT_FOUND);

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auto stream = screening()->ScreenStream(&context);
  for (int i = 0; i < 3; ++i) {
    pb::ScreenStreamRequest request;
    *request.mutable_consignment() = CleanConsignment(absl::StrCat("HAWB-FAIL-S", i));
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  pb::ScreenStreamResponse response;
  int verdicts = 0;
  while (stream->Read(&response)) {
    ASSERT_TRUE(response.has_verdict()) << response.DebugString();
    ExpectFallback(response.verdict(), /*fail_open=*/false);
    ++verdicts;
  }
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(verdicts, 3);

  const std::string metrics = ScrapeMetrics();
  EXPECT_EQ(MetricValue(metrics, "placi_screen_fail_verdicts_total{mode=\"closed\"}"), 4.0)
      << metrics;
  EXPECT_EQ(MetricValue(metrics, "placi_screen_fail_verdicts_total{mode=\"open\"}"), 0.0);
  // The verdict recorded before the failure is still there.
  EXPECT_EQ(GetDecisionCode(before.decision_id()), grpc::StatusCode::OK);
}

class FailOpenTest : public FailClosedTest {
 protected:
  FailOpenTest() { fail_open_ = true; }
};

TEST_F(FailOpenTest, StorageErrorReleasesAndSaysSo) {
  Screen(CleanConsignment("HAWB-BEFORE"));
  FileSizeLimit disk_full;
  const pb::Verdict v = Screen(CleanConsignment("HAWB-FAIL-OPEN"));
  ExpectFallback(v, /*fail_open=*/true);
  EXPECT_EQ(MetricValue(ScrapeMetrics(), "placi_screen_fail_verdicts_total{mode=\"open\"}"), 1.0);
}

}  // namespace
}  // namespace placi::server::testing
