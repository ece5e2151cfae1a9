// RulesService and rules reloads on a real server: a good file swaps the
// rules for the next parcel, a bad one is refused with its line and the
// rules in force stay, a shadow ruleset is counted and logged, never
// returned.
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

// A parcel whose indicators alone (footwear HS chapter 10, origin CN 5)
// score 15: released by the default threshold, held by a threshold of 10.
pb::Consignment Borderline(const std::string& waybill) {
  pb::Consignment c = CleanConsignment(waybill);
  c.mutable_items(0)->set_description("Nike running shoes");
  c.mutable_items(0)->set_hs_code("640411");
  return c;
}

class RulesServiceTest : public ServerTest {
 protected:
  void Configure(ServerOptions* options) override {
    rules_path_ = dir_.path() + "/rules.textproto";
    WriteFile(rules_path_, "version: \"file-1\"\n");
    options->rules_file = rules_path_;
  }
  pb::Verdict Screen(const pb::Consignment& c) {
    pb::ScreenResponse response;
    grpc::ClientContext context;
    grpc::Status status = screening()->Screen(&context, ScreenRequestFor(c), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verdict();
  }
  std::unique_ptr<pb::RulesService::Stub> rules_;  // made in each test: the channel exists after SetUp
  TempDir dir_;
  std::string rules_path_;
};

TEST_F(RulesServiceTest, ReloadSwapsRulesAndABadFileKeepsThem) {
  rules_ = pb::RulesService::NewStub(channel());
  EXPECT_THAT(Screen(Borderline("H1")).ruleset_version(), StartsWith("file-1+sha256:"));
  pb::Verdict first = Screen(Borderline("H1"));
  EXPECT_EQ(first.decision(), pb::DECISION_RELEASE) << first.DebugString();

  WriteFile(rules_path_, "version: \"file-2\"\nhold_score_threshold: 10\n");
  pb::ReloadRulesResponse reloaded;
  grpc::ClientContext reload;
  ASSERT_TRUE(rules_->ReloadRules(&reload, pb::ReloadRulesRequest(), &reloaded).ok());
  EXPECT_THAT(reloaded.ruleset_version(), StartsWith("file-2+sha256:"));
  const std::string file_2 = reloaded.ruleset_version();
  pb::Verdict held = Screen(Borderline("H2"));
  EXPECT_EQ(held.ruleset_version(), file_2);
  EXPECT_EQ(held.decision(), pb::DECISION_HOLD);

  WriteFile(rules_path_, "version: \"file-3\"\n\nhold_score_threshold: -4\n");
  grpc::ClientContext bad;
  grpc::Status refused = rules_->ReloadRules(&bad, pb::ReloadRulesRequest(), &reloaded);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("line 3: hold_score_threshold"));
  EXPECT_EQ(Screen(Borderline("H3")).ruleset_version(), file_2);

  pb::GetRulesResponse rules;
  grpc::ClientContext get;
  ASSERT_TRUE(rules_->GetRules(&get, pb::GetRulesRequest(), &rules).ok());
  EXPECT_EQ(rules.ruleset_version(), file_2);
  EXPECT_THAT(rules.rules_text(), HasSubstr("hold_score_threshold: 10"));
  // As a file holds it: the version without the digest.
  EXPECT_THAT(rules.rules_text(), HasSubstr("version: \"file-2\"\n"));
  EXPECT_THAT(ScrapeMetrics(),
              HasSubstr("placi_ruleset_info{role=\"live\",version=\"" + file_2 + "\"} 1"));
}

TEST_F(RulesServiceTest, ShadowRulesAreCountedAndLoggedNeverReturned) {
  rules_ = pb::RulesService::NewStub(channel());
  pb::SetShadowRulesRequest request;
  request.set_rules_text("version: \"candidate-9\"\nhold_score_threshold: 10\n");
  pb::SetShadowRulesResponse response;
  grpc::ClientContext set;
  ASSERT_TRUE(rules_->SetShadowRules(&set, request, &response).ok());
  EXPECT_THAT(response.shadow_ruleset_version(), StartsWith("candidate-9+sha256:"));

  pb::Verdict live = Screen(Borderline("H1"));
  EXPECT_EQ(live.decision(), pb::DECISION_RELEASE);
  EXPECT_THAT(live.ruleset_version(), StartsWith("file-1+sha256:"));

  pb::GetDecisionRequest get;
  get.set_decision_id(live.decision_id());
  get.set_shadow(true);
  pb::GetDecisionResponse shadow;
  grpc::ClientContext read;
  ASSERT_TRUE(decisions()->GetDecision(&read, get, &shadow).ok());
  EXPECT_EQ(shadow.verdict().decision(), pb::DECISION_HOLD);
  EXPECT_EQ(shadow.verdict().ruleset_version(), response.shadow_ruleset_version());

  // Held on customs indicators (HS code, value, origin): the IP examination.
  const std::string metrics = ScrapeMetrics();
  EXPECT_EQ(MetricValue(metrics,
                        "placi_shadow_verdicts_total{agrees=\"false\",decision=\"hold\","
                        "referral=\"ipr_examination\"}"),
            1);

  grpc::ClientContext bad;
  request.set_rules_text("version: \"x\"\nnot_a_field: 1\n");
  grpc::Status refused = rules_->SetShadowRules(&bad, request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("line 2"));
}

// A file edited without touching its version line judges under another
// label: the version with a digest of the rules (review bb3 M15: both
// rulesets said "default-2026.11"). The same rules, comments and layout
// aside, keep their label.
TEST_F(RulesServiceTest, ChangedRulesUnderTheSameVersionGetAnotherLabel) {
  rules_ = pb::RulesService::NewStub(channel());
  const std::string before = Screen(Borderline("V1")).ruleset_version();
  ASSERT_THAT(before, StartsWith("file-1+sha256:"));
  const auto reload = [&] {
    pb::ReloadRulesResponse reloaded;
    grpc::ClientContext context;
    EXPECT_TRUE(rules_->ReloadRules(&context, pb::ReloadRulesRequest(), &reloaded).ok());
    return reloaded.ruleset_version();
  };
  WriteFile(rules_path_, "# the same rules, commented\nversion:   \"file-1\"\n");
  EXPECT_EQ(reload(), before);
  WriteFile(rules_path_, "version: \"file-1\"\nhold_score_threshold: 10\n");
  const std::string edited = reload();
  EXPECT_THAT(edited, StartsWith("file-1+sha256:"));
  EXPECT_NE(edited, before);
  pb::Verdict held = Screen(Borderline("V2"));
  EXPECT_EQ(held.decision(), pb::DECISION_HOLD);
  EXPECT_EQ(held.ruleset_version(), edited);
  // And back: the first rules' label again.
  WriteFile(rules_path_, "version: \"file-1\"\n");
  EXPECT_EQ(reload(), before);
}

class BuiltInRulesTest : public ServerTest {};

TEST_F(BuiltInRulesTest, ReloadWithoutARulesFileIsAFailedPrecondition) {
  auto rules = pb::RulesService::NewStub(channel());
  pb::ReloadRulesResponse reloaded;
  grpc::ClientContext context;
  EXPECT_EQ(rules->ReloadRules(&context, pb::ReloadRulesRequest(), &reloaded).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace placi::server::testing
