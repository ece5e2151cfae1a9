// ScreeningService.Screen over a real channel: verdicts for clean and
// incomplete parcels, INVALID_ARGUMENT naming the field for messages that
// cannot be parcels.
#include <string>

#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

class ScreenTest : public ServerTest {
 protected:
  grpc::Status ScreenStatus(const pb::Consignment& consignment) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    pb::ScreenResponse response;
    return screening()->Screen(&context, ScreenRequestFor(consignment), &response);
  }
};

TEST_F(ScreenTest, CleanParcelIsReleased) {
  pb::Consignment parcel = CleanConsignment("HAWB-OK-1");
  parcel.set_request_id("req-ok-1");
  pb::Verdict verdict = Screen(parcel);
  EXPECT_EQ(verdict.decision(), pb::DECISION_RELEASE);
  EXPECT_EQ(verdict.referral(), pb::REFERRAL_NONE);
  EXPECT_EQ(verdict.hold_status(), pb::HOLD_STATUS_NONE);
  EXPECT_EQ(verdict.request_id(), "req-ok-1");
  EXPECT_EQ(verdict.house_waybill(), "HAWB-OK-1");
  EXPECT_FALSE(verdict.decision_id().empty());
  EXPECT_FALSE(verdict.ruleset_version().empty());
  EXPECT_TRUE(verdict.has_decided_at());
  // Risk points below the threshold may come with reasons; none asks for
  // a referral.
  for (const pb::Reason& reason : verdict.reasons()) {
    EXPECT_EQ(reason.referral(), pb::REFERRAL_NONE) << verdict.DebugString();
  }
}

TEST_F(ScreenTest, IncompleteParcelIsHeldForInformationWithOneReasonPerField) {
  pb::Consignment parcel = CleanConsignment("HAWB-RFI-1");
  parcel.mutable_consignee()->clear_address();
  parcel.mutable_consignor()->mutable_address()->clear_city();
  parcel.set_gross_weight_kg(0);
  pb::Verdict verdict = Screen(parcel);
  EXPECT_EQ(verdict.decision(), pb::DECISION_HOLD);
  EXPECT_EQ(verdict.referral(), pb::REFERRAL_REQUEST_FOR_INFORMATION);
  EXPECT_EQ(verdict.hold_status(), pb::HOLD_STATUS_NEW);
  std::string fields;
  for (const pb::Reason& reason : verdict.reasons()) fields += reason.field() + " ";
  EXPECT_NE(fields.find("consignee.address"), std::string::npos) << fields;
  EXPECT_NE(fields.find("consignor.address.city"), std::string::npos) << fields;
  EXPECT_NE(fields.find("gross_weight_kg"), std::string::npos) << fields;
}

TEST_F(ScreenTest, NegativeWeightIsInvalidArgumentNamingTheField) {
  pb::Consignment parcel = CleanConsignment();
  parcel.set_gross_weight_kg(-1);
  grpc::Status status = ScreenStatus(parcel);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("gross_weight_kg: ", 0), 0u) << status.error_message();
}

TEST_F(ScreenTest, UnknownPostalCategoryIsInvalidArgumentNamingTheField) {
  pb::Consignment parcel = CleanConsignment();
  parcel.set_postal_category(static_cast<pb::PostalCategory>(99));
  grpc::Status status = ScreenStatus(parcel);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("postal_category: ", 0), 0u) << status.error_message();
}

TEST_F(ScreenTest, OversizedDescriptionIsInvalidArgumentNamingTheField) {
  pb::Consignment parcel = CleanConsignment();
  parcel.mutable_items(0)->set_description(std::string(10 * 1024, 'x'));
  grpc::Status status = ScreenStatus(parcel);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("items[0].description: ", 0), 0u)
      << status.error_message();
}

// Note: after this test the client channel's teardown (grpc_shutdown) can
// take ~8 s while its transport gives up the rest of the 5 MiB write; that
// is client-side and not the server's shutdown.
TEST_F(ScreenTest, MessageOverTheReceiveLimitIsRefusedByTransport) {
  pb::Consignment parcel = CleanConsignment();
  parcel.set_request_id(std::string(5 * 1024 * 1024, 'r'));  // default limit is 4 MiB
  grpc::Status status = ScreenStatus(parcel);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

}  // namespace
}  // namespace placi::server::testing
