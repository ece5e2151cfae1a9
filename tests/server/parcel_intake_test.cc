// ParcelIntake admission and fail modes, deterministically: a real
// core::Screener over a decision store double that can hold a parcel inside
// screening (to fill the in-flight bound) or fail (storage unavailable).
#include "server/parcel_intake.h"

#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"

namespace placi::server::testing {
namespace {

// The in-memory store, with Record able to wait for a notification (a
// parcel stays in flight) or to fail every time.
class ControlledStore final : public core::DecisionStore {
 public:
  absl::Status Record(const core::Verdict& verdict) override {
    if (entered_ != nullptr) entered_->Notify();
    if (release_ != nullptr) release_->WaitForNotification();
    if (fail_) return absl::UnavailableError("injected: /data/rocksdb/000012.log: no space");
    return inner_.Record(verdict);
  }
  absl::StatusOr<std::optional<core::Verdict>> LatestHold(
      std::string_view house_waybill) const override {
    return inner_.LatestHold(house_waybill);
  }
  absl::StatusOr<core::Verdict> GetDecision(std::string_view decision_id) const override {
    return inner_.GetDecision(decision_id);
  }
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(std::string_view house_waybill,
                                                           size_t limit) const override {
    return inner_.ListDecisions(house_waybill, limit);
  }

  // Set before any concurrent use.
  void HoldRecords(absl::Notification* entered, absl::Notification* release) {
    entered_ = entered;
    release_ = release;
  }
  void FailAll() { fail_ = true; }
  size_t size() const { return inner_.size(); }

 private:
  placi::testing::InMemoryDecisionStore inner_;
  absl::Notification* entered_ = nullptr;
  absl::Notification* release_ = nullptr;
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
    return intake.Screen(Method::kScreen, CleanConsignment(waybill), deadline, verdict, &field);
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

TEST_F(ParcelIntakeTest, ParcelPastTheInFlightBoundIsRefusedAtOnce) {
  ParcelIntake intake(&screener_, &metrics_, ParcelIntake::Options{.max_in_flight = 1});
  absl::Notification entered, release;
  store_.HoldRecords(&entered, &release);
  pb::Verdict first_verdict;
  absl::Status first_status;
  std::thread first([&] { first_status = Screen(intake, "HAWB-1", &first_verdict); });
  entered.WaitForNotification();  // the first parcel is inside screening
  EXPECT_EQ(intake.in_flight(), 1);

  pb::Verdict refused;
  const absl::Time start = absl::Now();
  absl::Status status = Screen(intake, "HAWB-2", &refused);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));  // at once, not queued
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_EQ(refused.decision_id(), "");

  release.Notify();
  first.join();
  EXPECT_TRUE(first_status.ok()) << first_status;
  EXPECT_EQ(intake.in_flight(), 0);
  // The slot came back: the next parcel is screened.
  store_.HoldRecords(nullptr, nullptr);
  pb::Verdict next;
  EXPECT_TRUE(Screen(intake, "HAWB-3", &next).ok());
  EXPECT_EQ(store_.size(), 2u);
}

TEST_F(ParcelIntakeTest, RefusedParcelsFreeTheirSlot) {
  ParcelIntake intake(&screener_, &metrics_, ParcelIntake::Options{.max_in_flight = 1});
  pb::Consignment bad = CleanConsignment("HAWB-BAD");
  bad.set_gross_weight_kg(-1);
  pb::Verdict verdict;
  std::string field;
  EXPECT_EQ(intake.Screen(Method::kScreen, bad, absl::InfiniteFuture(), &verdict, &field).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(intake.in_flight(), 0);
  EXPECT_TRUE(Screen(intake, "HAWB-OK", &verdict).ok());
}

TEST_F(ParcelIntakeTest, NoBoundWhenMaxInFlightIsZero) {
  ParcelIntake intake(&screener_, &metrics_, ParcelIntake::Options{.max_in_flight = 0});
  pb::Verdict verdict;
  EXPECT_TRUE(Screen(intake, "HAWB-1", &verdict).ok());
}

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
