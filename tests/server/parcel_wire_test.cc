// VerdictReply writes the bytes that VerdictToProto + serializing the
// response message wrote: what a client of Screen and ScreenStream reads is
// unchanged.
#include "server/parcel_wire.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/verdict.h"
#include "gtest/gtest.h"
#include "placi/convert/convert.h"
#include "placi/screening/v1/screening.pb.h"

namespace placi::server {
namespace {

namespace pb = ::placi::screening::v1;

std::string ReplyBytes(const core::Verdict& verdict) {
  grpc::Slice reply = VerdictReply(verdict);
  return std::string(reinterpret_cast<const char*>(reply.begin()), reply.size());
}

template <typename Response>
std::string ResponseBytes(const core::Verdict& verdict) {
  Response response;
  convert::VerdictToProto(verdict, response.mutable_verdict());
  return response.SerializeAsString();
}

// Verdicts whose message takes a length of one, two and three bytes.
std::vector<core::Verdict> VerdictsOfEverySize() {
  std::vector<core::Verdict> verdicts;
  core::Verdict empty;
  empty.decided_at = absl::InfinitePast();  // nothing set: an empty Verdict message
  verdicts.push_back(empty);
  for (size_t reasons : {0, 1, 3, 200}) {
    core::Verdict v;
    v.request_id = "req-1";
    v.decision_id = "01M8T6XHMCJZCK2F06VS836RC4";
    v.house_waybill = "784-12345678";
    v.carrier_id = "BENCH-EXPRESS";
    v.decision = core::Decision::kHold;
    v.referral = core::Referral::kRequestForScreening;
    v.hold_status = core::HoldStatus::kNew;
    v.risk_score = 100;
    v.ruleset_version = "default-2026.11";
    v.watchlist_version = 100;
    v.decided_at = absl::FromUnixMicros(1796169600123456);
    for (size_t i = 0; i < reasons; ++i) {
      v.reasons.push_back({.code = "WATCHLIST_EMAIL",
                           .message = std::string(40 + i, 'm'),
                           .points = static_cast<int>(i) - 3,
                           .field = "consignee.email",
                           .evidence = "entry=wl-7"});
    }
    verdicts.push_back(v);
  }
  return verdicts;
}

TEST(VerdictReplyTest, IsTheResponseMessageOfEitherMethodByteForByte) {
  for (const core::Verdict& verdict : VerdictsOfEverySize()) {
    const std::string reply = ReplyBytes(verdict);
    EXPECT_EQ(reply, ResponseBytes<pb::ScreenResponse>(verdict)) << verdict.reasons.size();
    EXPECT_EQ(reply, ResponseBytes<pb::ScreenStreamResponse>(verdict)) << verdict.reasons.size();
  }
}

TEST(VerdictReplyTest, ParsesAsAStreamResponseWithAVerdictAndNoError) {
  for (const core::Verdict& verdict : VerdictsOfEverySize()) {
    pb::ScreenStreamResponse response;
    ASSERT_TRUE(response.ParseFromString(ReplyBytes(verdict)));
    EXPECT_TRUE(response.has_verdict());  // an empty verdict too
    EXPECT_FALSE(response.has_error());
    EXPECT_EQ(response.verdict().decision_id(), verdict.decision_id);
    EXPECT_EQ(response.verdict().reasons_size(), static_cast<int>(verdict.reasons.size()));
  }
}

}  // namespace
}  // namespace placi::server
