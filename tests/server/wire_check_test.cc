// FindWireViolation: which field of bytes that protobuf's parser refused is
// to blame, named as the rest of the service names fields.
#include "server/wire_check.h"

#include <cstdint>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "placi/screening/v1/screening.pb.h"

namespace placi::server {
namespace {

namespace pb = ::placi::screening::v1;

// A string that stands out in the wire form, made invalid UTF-8 there.
constexpr char kMarker[] = "MARK";
constexpr char kBadUtf8[] = "MA\xffK";

// `request`'s wire form with the first (or every) kMarker made invalid.
std::string Spoiled(const pb::ScreenRequest& request, bool every = false) {
  std::string wire = request.SerializeAsString();
  for (size_t at = wire.find(kMarker); at != std::string::npos; at = wire.find(kMarker, at)) {
    wire.replace(at, 4, kBadUtf8, 4);
    if (!every) break;
  }
  return wire;
}

// The violation the finder names in `wire`, after checking that the parser
// does refuse it.
std::optional<core::FieldViolation> Find(const std::string& wire) {
  pb::ScreenRequest parsed;
  EXPECT_FALSE(parsed.ParseFromString(wire)) << "the parser took the bytes";
  return FindWireViolation(*pb::ScreenRequest::descriptor(), wire);
}

pb::ScreenRequest Parcel() {
  pb::ScreenRequest request;
  pb::Consignment* parcel = request.mutable_consignment();
  parcel->set_request_id("req-1");
  parcel->set_house_waybill("HAWB-1");
  parcel->set_gross_weight_kg(2.5);
  parcel->set_pieces(1);
  parcel->mutable_consignor()->set_name("Acme Ltd");
  parcel->mutable_consignor()->mutable_address()->set_city("Shenzhen");
  for (int i = 0; i < 3; ++i) parcel->add_items()->set_description("cotton t-shirts");
  parcel->mutable_route()->add_transit_country_codes("AE");
  parcel->mutable_route()->add_transit_country_codes("TR");
  return request;
}

TEST(WireCheckTest, NamesATopLevelStringField) {
  pb::ScreenRequest request = Parcel();
  request.mutable_consignment()->set_request_id(kMarker);
  std::optional<core::FieldViolation> bad = Find(Spoiled(request));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.request_id");
  EXPECT_EQ(bad->description, "is not valid UTF-8");
}

TEST(WireCheckTest, NamesAFieldInNestedMessages) {
  pb::ScreenRequest request = Parcel();
  request.mutable_consignment()->mutable_consignor()->mutable_address()->set_street(kMarker);
  std::optional<core::FieldViolation> bad = Find(Spoiled(request));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.consignor.address.street");
}

TEST(WireCheckTest, NamesTheElementOfARepeatedMessageField) {
  pb::ScreenRequest request = Parcel();
  request.mutable_consignment()->mutable_items(2)->set_description(kMarker);
  std::optional<core::FieldViolation> bad = Find(Spoiled(request));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.items[2].description");
}

TEST(WireCheckTest, NamesTheElementOfARepeatedStringField) {
  pb::ScreenRequest request = Parcel();
  request.mutable_consignment()->mutable_route()->set_transit_country_codes(1, kMarker);
  std::optional<core::FieldViolation> bad = Find(Spoiled(request));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.route.transit_country_codes[1]");
}

TEST(WireCheckTest, NamesTheFirstBadFieldInWireOrder) {
  // items (field 9) comes after consignee (field 6) on the wire, as the
  // parser meets them.
  pb::ScreenRequest request = Parcel();
  request.mutable_consignment()->mutable_items(1)->set_hs_code(kMarker);
  request.mutable_consignment()->mutable_consignee()->set_email(kMarker);
  std::optional<core::FieldViolation> bad = Find(Spoiled(request, /*every=*/true));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.consignee.email");
}

TEST(WireCheckTest, CountsElementsAcrossOccurrencesOfTheEnclosingMessage) {
  // Two occurrences of `consignment` on the wire are merged by the parser,
  // and so are their item lists: the bad one is the third item overall.
  pb::ScreenRequest first;
  first.mutable_consignment()->add_items()->set_description("ok");
  first.mutable_consignment()->add_items()->set_description("ok");
  pb::ScreenRequest second;
  second.mutable_consignment()->add_items()->set_description(kMarker);
  std::optional<core::FieldViolation> bad = Find(first.SerializeAsString() + Spoiled(second));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.items[2].description");
}

// `payload` as length-delimited field `number` on the wire.
std::string Delimited(int number, const std::string& payload) {
  std::string wire;
  for (uint64_t v : {static_cast<uint64_t>(number) << 3 | 2, uint64_t{payload.size()}}) {
    for (; v >= 0x80; v >>= 7) wire += static_cast<char>((v & 0x7f) | 0x80);
    wire += static_cast<char>(v);
  }
  return wire + payload;
}

TEST(WireCheckTest, SkipsUnknownFieldsAsTheParserDoes) {
  pb::Consignment parcel = Parcel().consignment();
  parcel.mutable_ecommerce()->set_seller_name(kMarker);
  std::string consignment = parcel.SerializeAsString();
  consignment.replace(consignment.find(kMarker), 4, kBadUtf8, 4);
  // Before it, field 99 of Consignment (unknown) holding invalid UTF-8,
  // and request_id (a string) sent as a varint: the parser keeps both as
  // unknown fields, with no UTF-8 check.
  const std::string unknown = Delimited(99, "\xff\xfe") + "\x08\x05";
  std::optional<core::FieldViolation> bad = Find(Delimited(1, unknown + consignment));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "consignment.ecommerce.seller_name");
}

TEST(WireCheckTest, NothingToNameInBytesThatAreNoWireFormat) {
  EXPECT_FALSE(Find("\xff\xff\xff").has_value());
  // A length that runs past the end.
  EXPECT_FALSE(Find("\x0a\x10\x0a\x02").has_value());
  // Field number 0.
  EXPECT_FALSE(Find(std::string("\x00\x01", 2)).has_value());
}

TEST(WireCheckTest, NothingToNameInAValidMessage) {
  const std::string wire = Parcel().SerializeAsString();
  EXPECT_FALSE(FindWireViolation(*pb::ScreenRequest::descriptor(), wire).has_value());
}

TEST(WireCheckTest, InvalidUtf8AfterBrokenBytesIsNotNamed) {
  // The parser stops at the broken varint first, as the finder does.
  pb::ScreenRequest request;
  request.mutable_consignment()->set_request_id(kMarker);
  std::string wire = "\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" + Spoiled(request);
  EXPECT_FALSE(Find(wire).has_value());
}

}  // namespace
}  // namespace placi::server
