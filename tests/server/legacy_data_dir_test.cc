// A server started on a data dir of an earlier version (its hold and its
// decision index laid out here with RocksDB as that version wrote them)
// screens, resolves and lists as that version did: the open hold is still
// in place for its carrier and for a parcel that names no carrier, an
// officer lifts it, and the waybill lists every verdict in order. The store
// re-keys the old layout at open (storage/rekey.h).
#include <string>
#include <vector>

#include "core/verdict.h"
#include "gtest/gtest.h"
#include "placi/convert/convert.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

// Sorts before any id made today (ULIDs sort by time: this one is of 2024).
constexpr char kOldHoldId[] = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
constexpr char kWaybill[] = "784-12345678";  // as the carrier sent it
constexpr char kCarrier[] = "carrier-a";     // CleanConsignment's, as sent

class LegacyDataDirTest : public ServerTest {
 protected:
  // Before the server opens the data dir: an open hold of kCarrier on
  // kWaybill, as versions before session 13 kept it (both ids as sent, no
  // mark of a held waybill, no re-keying flag) and its decision indexed
  // under the waybill as sent.
  void Configure(ServerOptions* options) override {
    core::Verdict held;
    held.request_id = "req-old";
    held.decision_id = kOldHoldId;
    held.house_waybill = kWaybill;
    held.carrier_id = kCarrier;
    held.decision = core::Decision::kHold;
    held.referral = core::Referral::kRequestForScreening;
    held.hold_status = core::HoldStatus::kNew;
    held.risk_score = 70;
    held.reasons.push_back(core::Reason{"WATCHLIST_PHONE", "consignee phone is on the watchlist",
                                        70, "consignee.phone", "entry=wl-1 value=8613800000000",
                                        core::Referral::kRequestForScreening});
    held.ruleset_version = "old";
    held.decided_at = absl::FromUnixSeconds(1'720'000'000);
    pb::Verdict proto;
    convert::VerdictToProto(held, &proto);
    const std::string bytes = proto.SerializeAsString();

    auto db = storage::Database::Open(options->data_dir);
    ASSERT_TRUE(db.ok()) << db.status();
    rocksdb::WriteBatch batch;
    batch.Put((*db)->meta(), storage::keys::kHoldsKeyedByCarrier, "1");
    batch.Put((*db)->decisions(), storage::keys::DecisionKey(kOldHoldId), bytes);
    batch.Put((*db)->decisions(), storage::keys::WaybillIndexKey(kWaybill, kOldHoldId), "");
    batch.Put((*db)->holds(), storage::keys::HoldKey(kCarrier, kWaybill), bytes);
    ASSERT_TRUE((*db)->db()->Write(rocksdb::WriteOptions(), &batch).ok());
  }

  pb::Verdict ScreenAs(const std::string& carrier, const std::string& waybill) {
    pb::Consignment parcel = CleanConsignment(waybill);
    parcel.set_carrier_id(carrier);
    return Screen(parcel);
  }

  grpc::Status Resolve(const std::string* carrier, pb::Verdict* resolved) {
    grpc::ClientContext context;
    pb::ResolveHoldRequest request;
    request.set_house_waybill(kWaybill);
    request.set_resolved_by("officer-7");
    if (carrier != nullptr) request.set_carrier_id(*carrier);
    pb::ResolveHoldResponse response;
    grpc::Status status = decisions()->ResolveHold(&context, request, &response);
    *resolved = response.verdict();
    return status;
  }

  std::vector<std::string> Listed(const std::string& waybill) {
    grpc::ClientContext context;
    pb::ListDecisionsRequest request;
    request.set_house_waybill(waybill);
    pb::ListDecisionsResponse response;
    EXPECT_TRUE(decisions()->ListDecisions(&context, request, &response).ok());
    std::vector<std::string> ids;
    for (const pb::Verdict& v : response.verdicts()) ids.push_back(v.decision_id());
    return ids;
  }
};

TEST_F(LegacyDataDirTest, AnOldOpenHoldIsKeptResolvedAndListedAsBefore) {
  // The carrier re-sends the parcel: the old hold is still in place.
  const pb::Verdict again = ScreenAs(kCarrier, kWaybill);
  EXPECT_EQ(again.decision(), pb::DECISION_HOLD);
  EXPECT_EQ(again.hold_status(), pb::HOLD_STATUS_STILL_IN_PLACE);
  EXPECT_EQ(again.referral(), pb::REFERRAL_REQUEST_FOR_SCREENING);
  // A parcel that names no carrier is held by any carrier's hold.
  const pb::Verdict nameless = ScreenAs("", "784 12345678");
  EXPECT_EQ(nameless.hold_status(), pb::HOLD_STATUS_STILL_IN_PLACE);
  // Two carriers now hold it (the nameless one too): the officer names one.
  pb::Verdict resolved;
  EXPECT_EQ(Resolve(nullptr, &resolved).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::string carrier = kCarrier;
  grpc::Status status = Resolve(&carrier, &resolved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(resolved.hold_status(), pb::HOLD_STATUS_RESOLVED);
  EXPECT_EQ(resolved.house_waybill(), kWaybill);
  const pb::Verdict after = ScreenAs(kCarrier, kWaybill);
  EXPECT_EQ(after.decision(), pb::DECISION_RELEASE);
  EXPECT_NE(after.hold_status(), pb::HOLD_STATUS_STILL_IN_PLACE);
  const std::vector<std::string> all = {kOldHoldId, again.decision_id(), nameless.decision_id(),
                                        resolved.decision_id(), after.decision_id()};
  EXPECT_EQ(Listed(kWaybill), all);
  EXPECT_EQ(Listed("78412345678"), all);
}

}  // namespace
}  // namespace placi::server::testing
