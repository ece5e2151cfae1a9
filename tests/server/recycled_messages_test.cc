// A recycled request message carries nothing of its previous parcel into
// the next one, parsed or refused; large messages are not kept.
#include "server/recycled_messages.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "placi/screening/v1/screening.pb.h"
#include "server/parcel_wire.h"

namespace placi::server {
namespace {

namespace pb = ::placi::screening::v1;
using Recycler = RecycledMessages<pb::ScreenStreamRequest>;

grpc::ByteBuffer WireOf(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// A parcel with every kind of field set: strings, sub-messages, repeated
// items and transit countries, numbers, the enum.
pb::ScreenStreamRequest FullParcel() {
  pb::ScreenStreamRequest request;
  pb::Consignment* c = request.mutable_consignment();
  c->set_request_id("req-full");
  c->set_carrier_id("CARRIER-1");
  c->set_house_waybill("HAWB-FULL-1");
  c->mutable_consignor()->set_name("Shenzhen Bright Trading Co Ltd");
  c->mutable_consignee()->set_name("Maria Example");
  c->mutable_consignee()->set_email("maria.example@example.com");
  c->mutable_consignee()->mutable_address()->set_city("Rotterdam");
  c->set_pieces(3);
  c->set_gross_weight_kg(4.5);
  for (int i = 0; i < 3; ++i) {
    pb::GoodsItem* item = c->add_items();
    item->set_description("cotton t-shirts, a long description of the goods " + std::to_string(i));
    item->set_hs_code("610910");
    item->mutable_declared_value()->set_units(12);
  }
  c->mutable_route()->add_transit_country_codes("AE");
  c->mutable_route()->set_flight_number("EK9901");
  c->mutable_ecommerce()->set_seller_id("SELLER-77");
  c->set_postal_category(pb::POSTAL_CATEGORY_GIFT);
  return request;
}

// Parses `sent` into a message that held FullParcel() before.
pb::ScreenStreamRequest* ParseOverFullParcel(Recycler* recycler, const std::string& wire,
                                             absl::Status* status, std::string* field) {
  const std::string full = FullParcel().SerializeAsString();
  pb::ScreenStreamRequest* first_address = nullptr;
  {
    Recycler::Ptr first = recycler->Take(full.size());
    EXPECT_TRUE(ReadParcelRequest(WireOf(full), first.get(), field).ok());
    EXPECT_EQ(first->consignment().items_size(), 3);
    first_address = first.get();
  }
  EXPECT_EQ(recycler->kept(), 1u);
  Recycler::Ptr second = recycler->Take(wire.size());
  // The same message: the test is void otherwise.
  EXPECT_EQ(second.get(), first_address);
  *status = ReadParcelRequest(WireOf(wire), second.get(), field);
  return second.release();  // the test owns it now
}

TEST(RecycledMessagesTest, AParsedParcelKeepsNothingOfThePreviousOne) {
  Recycler recycler;
  pb::ScreenStreamRequest small;
  small.mutable_consignment()->set_request_id("req-small");
  small.mutable_consignment()->set_house_waybill("HAWB-SMALL-1");
  absl::Status status;
  std::string field;
  std::unique_ptr<pb::ScreenStreamRequest> reused(
      ParseOverFullParcel(&recycler, small.SerializeAsString(), &status, &field));
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(reused->SerializeAsString(), small.SerializeAsString());
  EXPECT_FALSE(reused->consignment().has_consignee());
  EXPECT_EQ(reused->consignment().items_size(), 0);
  EXPECT_EQ(reused->consignment().route().transit_country_codes_size(), 0);
  EXPECT_EQ(reused->consignment().pieces(), 0u);
  EXPECT_EQ(reused->consignment().postal_category(), pb::POSTAL_CATEGORY_UNSPECIFIED);
}

TEST(RecycledMessagesTest, AnEmptyMessageAfterAParcelHasNoConsignment) {
  Recycler recycler;
  absl::Status status;
  std::string field;
  std::unique_ptr<pb::ScreenStreamRequest> reused(
      ParseOverFullParcel(&recycler, "", &status, &field));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(field, "consignment");
  EXPECT_FALSE(reused->has_consignment());
}

TEST(RecycledMessagesTest, AnUnreadableParcelAfterAParcelKeepsOnlyItsRequestId) {
  Recycler recycler;
  pb::ScreenStreamRequest bad;
  bad.mutable_consignment()->set_request_id("req-bad");
  bad.mutable_consignment()->set_house_waybill("HAWB-BAD-1");
  std::string wire = bad.SerializeAsString();
  wire.back() = '\xff';  // the waybill's last byte: no longer UTF-8
  absl::Status status;
  std::string field;
  std::unique_ptr<pb::ScreenStreamRequest> reused(
      ParseOverFullParcel(&recycler, wire, &status, &field));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  pb::ScreenStreamRequest expected;
  expected.mutable_consignment()->set_request_id("req-bad");
  EXPECT_EQ(reused->SerializeAsString(), expected.SerializeAsString());
}

TEST(RecycledMessagesTest, ALargeRequestsMessageIsFreedNotKept) {
  Recycler recycler;
  { Recycler::Ptr large = recycler.Take(Recycler::kMaxKeptWireBytes + 1); }
  EXPECT_EQ(recycler.kept(), 0u);
  { Recycler::Ptr small = recycler.Take(Recycler::kMaxKeptWireBytes); }
  EXPECT_EQ(recycler.kept(), 1u);
}

TEST(RecycledMessagesTest, KeepsAtMostItsBound) {
  Recycler recycler;
  {
    std::vector<Recycler::Ptr> taken;
    for (size_t i = 0; i < Recycler::kMaxKept + 10; ++i) taken.push_back(recycler.Take(10));
  }
  EXPECT_EQ(recycler.kept(), Recycler::kMaxKept);
}

}  // namespace
}  // namespace placi::server
