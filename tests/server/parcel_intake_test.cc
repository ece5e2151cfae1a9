// ParcelIntake's deadline check and fail modes, deterministically: a real
// core::Screener over a decision store double that can fail (storage
// unavailable). The bound on parcels in flight is screening_pool_test.cc's
// and overload_test.cc's.
#include "server/parcel_intake.h"

#include <string>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "placi/convert/convert.h"
#include "tests/server/server_test_env.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"

namespace placi::server::testing {
namespace {

// The in-memory store, with Record able to fail every time.
class ControlledStore final : public core::DecisionStore {
 public:
  using core::DecisionStore::Record;
  absl::Status Record(const core::Verdict& verdict,
                      absl::Span<const core::WindowIncrement> counted) override {
    if (fail_) return absl::UnavailableError("injected: /data/rocksdb/000012.log: no space");
    return inner_.Record(verdict, counted);
  }
  absl::StatusOr<std::optional<core::Verdict>> LatestHold(
      std::string_view carrier_id, std::string_view house_waybill) const override {
    return inner_.LatestHold(carrier_id, house_waybill);
  }
  absl::StatusOr<std::vector<core::Verdict>> HoldsOnWaybill(
      std::string_view house_waybill) const override {
    return inner_.HoldsOnWaybill(house_waybill);
  }
  absl::StatusOr<core::Verdict> GetDecision(std::string_view decision_id) const override {
    return inner_.GetDecision(decision_id);
  }
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(std::string_view house_waybill,
                                                           std::string_view carrier_id,
                                                           size_t limit,
                                                           std::string_view before_decision_id)
      const override {
    return inner_.ListDecisions(house_waybill, carrier_id, limit, before_decision_id);
  }

  void FailAll() { fail_ = true; }
  size_t size() const { return inner_.size(); }

 private:
  placi::testing::InMemoryDecisionStore inner_;
  bool fail_ = false;
};

class ParcelIntakeTest : public ::testing::Test {
 protected:
  ParcelIntakeTest()
      : metrics_("test"),
        screener_(core::ScreeningConfig::Default(), &index_, &store_, &clock_) {}

  absl::Status Screen(const ParcelIntake& intake, const std::string& waybill,
                      pb::Verdict* verdict, absl::Time deadline = absl::InfiniteFuture()) {
    std::string field;
    core::Verdict screened;
    absl::Status status =
        intake.Screen(Method::kScreen, CleanConsignment(waybill), deadline, &screened, &field);
    convert::VerdictToProto(screened, verdict);  // as the client reads it
    return status;
  }
  std::string Exposition() {
    // The registry's text, as /metrics would serve it.
    std::string text;
    for (const auto& family : metrics_.registry()->Collect()) {
      for (const auto& metric : family.metric) {
        text += family.name;
        for (const auto& label : metric.label) text += " " + label.name + "=" + label.value;
        text += " " + std::to_string(metric.counter.value) + "\n";
      }
    }
    return text;
  }

  core::WatchlistIndex index_;
  ControlledStore store_;
  placi::testing::FakeClock clock_;
  Metrics metrics_;
  core::Screener screener_;
};

TEST_F(ParcelIntakeTest, ExpiredDeadlineIsNotScreened) {
  ParcelIntake intake(&screener_, &metrics_, ParcelIntake::Options{});
  pb::Verdict verdict;
  absl::Status status = Screen(intake, "HAWB-1", &verdict, absl::Now() - absl::Milliseconds(1));
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_EQ(store_.size(), 0u);  // nothing judged, nothing recorded
  EXPECT_TRUE(Screen(intake, "HAWB-2", &verdict, absl::Now() + absl::Seconds(10)).ok());
  EXPECT_EQ(store_.size(), 1u);
}

TEST_F(ParcelIntakeTest, StorageFailureGivesAFailClosedVerdictNotAnError) {
  ParcelIntake intake(&screener_, &metrics_, ParcelIntake::Options{});
  store_.FailAll();
  pb::Verdict verdict;
  absl::Status status = Screen(intake, "HAWB-FC", &verdict);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(verdict.decision(), pb::DECISION_HOLD);
  EXPECT_EQ(verdict.referral(), pb::REFERRAL_REQUEST_FOR_INFORMATION);
  EXPECT_EQ(verdict.hold_status(), pb::HOLD_STATUS_NONE);
  EXPECT_EQ(verdict.house_waybill(), "HAWB-FC");
  EXPECT_FALSE(verdict.decision_id().empty());
  ASSERT_EQ(verdict.reasons_size(), 1);
  EXPECT_EQ(verdict.reasons(0).code(), "SCREENING_UNAVAILABLE");
  EXPECT_EQ(verdict.reasons(0).evidence(), "fail_open=false");
  EXPECT_EQ(verdict.reasons(0).message().find("/data"), std::string::npos);
  const std::string metrics = Exposition();
  EXPECT_NE(metrics.find("placi_screen_fail_verdicts_total mode=closed 1.0"), std::string::npos)
      << metrics;
}

TEST_F(ParcelIntakeTest, StorageFailureReleasesWhenFailOpen) {
  ParcelIntake intake(&screener_, &metrics_,
                      ParcelIntake::Options{.fail_mode = core::FailMode::kOpen});
  store_.FailAll();
  pb::Verdict verdict;
  ASSERT_TRUE(Screen(intake, "HAWB-FO", &verdict).ok());
  EXPECT_EQ(verdict.decision(), pb::DECISION_RELEASE);
  EXPECT_EQ(verdict.referral(), pb::REFERRAL_NONE);
  ASSERT_EQ(verdict.reasons_size(), 1);
  EXPECT_EQ(verdict.reasons(0).code(), "SCREENING_UNAVAILABLE");
  EXPECT_EQ(verdict.reasons(0).evidence(), "fail_open=true");
  const std::string metrics = Exposition();
  EXPECT_NE(metrics.find("placi_screen_fail_verdicts_total mode=open 1.0"), std::string::npos)
      << metrics;
}

}  // namespace
}  // namespace placi::server::testing
