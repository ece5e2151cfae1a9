// proto/placi/convert: round trips between the public protos and the core
// structs, field paths of violations, and the enum mappings.
#include "placi/convert/convert.h"

#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/storage/storage_test_util.h"

namespace placi::convert {
namespace {

using storage::testing::Entry;
using storage::testing::ExpectEntryEq;
using storage::testing::ExpectVerdictEq;
using storage::testing::SampleVerdict;

core::Consignment FullConsignment() {
  core::Consignment c;
  c.request_id = "req-1";
  c.carrier_id = "CARRIER-1";
  c.house_waybill = "HAWB123";
  c.master_waybill = "176-12345675";
  c.consignor = {"Shenzhen Fast Trading Co., Ltd.",
                 {"8 Keji Road", "Shenzhen", "518057", "CN"},
                 "+86 755 1234 5678", "sales@fast.example", "CN9144", "ACC-9"};
  c.consignee = {"Jane Doe", {"1 Main St", "Berlin", "10115", "DE"}, "+49 30 123456",
                 "jane@example.com", "DE123456789", "ACC-1"};
  c.pieces = 2;
  c.gross_weight_kg = 1.75;
  c.items.push_back({"running shoes, leather upper", "640399", 2, {"EUR", 39, 990'000'000}});
  c.items.push_back({"sunglasses", "900410", 1, {"EUR", 12, 0}});
  c.route = {"CN", "SZX", "LEJ", {"HK", "AE"}, "CX123",
             absl::FromUnixSeconds(1'790'000'000) + absl::Nanoseconds(5)};
  c.ecommerce = {"ShopPlatform", "S-42", "Fast Trading", "https://shop.example/item/1", "O-77"};
  c.postal_category = core::PostalCategory::kSaleOfGoods;
  return c;
}

void ExpectPartyEq(const core::Party& a, const core::Party& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.address.street, b.address.street);
  EXPECT_EQ(a.address.city, b.address.city);
  EXPECT_EQ(a.address.postal_code, b.address.postal_code);
  EXPECT_EQ(a.address.country_code, b.address.country_code);
  EXPECT_EQ(a.phone, b.phone);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.tax_id, b.tax_id);
  EXPECT_EQ(a.account_id, b.account_id);
}

TEST(ConvertConsignmentTest, RoundTripKeepsEveryField) {
  const core::Consignment in = FullConsignment();
  pb::Consignment proto;
  ConsignmentToProto(in, &proto);
  EXPECT_EQ(proto.postal_category(), pb::POSTAL_CATEGORY_SALE_OF_GOODS);
  EXPECT_EQ(proto.route().scheduled_departure().seconds(), 1'790'000'000);
  EXPECT_EQ(proto.route().scheduled_departure().nanos(), 5);
  EXPECT_EQ(proto.items(0).declared_value().nanos(), 990'000'000);

  core::Consignment out;
  auto bad = ConsignmentFromProto(proto, &out);
  ASSERT_FALSE(bad.has_value()) << bad->field << ": " << bad->description;
  EXPECT_EQ(out.request_id, in.request_id);
  EXPECT_EQ(out.carrier_id, in.carrier_id);
  EXPECT_EQ(out.house_waybill, in.house_waybill);
  EXPECT_EQ(out.master_waybill, in.master_waybill);
  ExpectPartyEq(in.consignor, out.consignor);
  ExpectPartyEq(in.consignee, out.consignee);
  EXPECT_EQ(out.pieces, in.pieces);
  EXPECT_EQ(out.gross_weight_kg, in.gross_weight_kg);
  ASSERT_EQ(out.items.size(), in.items.size());
  for (size_t i = 0; i < in.items.size(); ++i) {
    EXPECT_EQ(out.items[i].description, in.items[i].description);
    EXPECT_EQ(out.items[i].hs_code, in.items[i].hs_code);
    EXPECT_EQ(out.items[i].quantity, in.items[i].quantity);
    EXPECT_EQ(out.items[i].declared_value.currency_code, in.items[i].declared_value.currency_code);
    EXPECT_EQ(out.items[i].declared_value.units, in.items[i].declared_value.units);
    EXPECT_EQ(out.items[i].declared_value.nanos, in.items[i].declared_value.nanos);
  }
  EXPECT_EQ(out.route.origin_country_code, "CN");
  EXPECT_EQ(out.route.origin_airport, "SZX");
  EXPECT_EQ(out.route.destination_airport, "LEJ");
  EXPECT_EQ(out.route.transit_country_codes, (std::vector<std::string>{"HK", "AE"}));
  EXPECT_EQ(out.route.flight_number, "CX123");
  EXPECT_EQ(out.route.scheduled_departure, in.route.scheduled_departure);
  EXPECT_EQ(out.ecommerce.platform, in.ecommerce.platform);
  EXPECT_EQ(out.ecommerce.seller_id, in.ecommerce.seller_id);
  EXPECT_EQ(out.ecommerce.seller_name, in.ecommerce.seller_name);
  EXPECT_EQ(out.ecommerce.listing_url, in.ecommerce.listing_url);
  EXPECT_EQ(out.ecommerce.order_id, in.ecommerce.order_id);
  EXPECT_EQ(out.postal_category, core::PostalCategory::kSaleOfGoods);
}

// Codes as carriers write them are read once, here (core/code_spellings.h).
TEST(ConvertConsignmentTest, CountryAndHsCodesAreReadAsTheCodesTheyMean) {
  pb::Consignment proto;
  ConsignmentToProto(FullConsignment(), &proto);
  proto.mutable_consignor()->mutable_address()->set_country_code(" cn");
  proto.mutable_consignee()->mutable_address()->set_country_code("UK");
  proto.mutable_route()->set_origin_country_code("Cn ");
  proto.mutable_route()->clear_transit_country_codes();
  proto.mutable_route()->add_transit_country_codes("ae");
  proto.mutable_route()->add_transit_country_codes("HKG");  // alpha-3
  proto.mutable_items(0)->set_hs_code("\xEF\xBC\x96\xEF\xBC\x94\xEF\xBC\x90\xEF\xBC\x93-99");
  core::Consignment out;
  ASSERT_FALSE(ConsignmentFromProto(proto, &out).has_value());
  EXPECT_EQ(out.consignor.address.country_code, "CN");
  EXPECT_EQ(out.consignee.address.country_code, "GB");
  EXPECT_EQ(out.route.origin_country_code, "CN");
  EXPECT_EQ(out.route.transit_country_codes, (std::vector<std::string>{"AE", "HK"}));
  EXPECT_EQ(out.items[0].hs_code, "6403-99");
}

TEST(ConvertConsignmentTest, UnsetDepartureIsInfinitePastBothWays) {
  pb::Consignment proto;
  core::Consignment out;
  ASSERT_FALSE(ConsignmentFromProto(proto, &out).has_value());
  EXPECT_EQ(out.route.scheduled_departure, absl::InfinitePast());
  EXPECT_EQ(out.postal_category, core::PostalCategory::kUnspecified);

  pb::Consignment back;
  ConsignmentToProto(out, &back);
  EXPECT_FALSE(back.route().has_scheduled_departure());
}

TEST(ConvertConsignmentTest, TimeBeforeEpochKeepsNanosPositive) {
  core::Consignment c;
  c.route.scheduled_departure = absl::FromUnixSeconds(-10) + absl::Milliseconds(250);
  pb::Consignment proto;
  ConsignmentToProto(c, &proto);
  EXPECT_EQ(proto.route().scheduled_departure().seconds(), -10);
  EXPECT_EQ(proto.route().scheduled_departure().nanos(), 250'000'000);
}

TEST(ConvertConsignmentTest, UnknownPostalCategoryIsAViolation) {
  pb::Consignment proto;
  proto.set_postal_category(static_cast<pb::PostalCategory>(42));
  core::Consignment out;
  auto bad = ConsignmentFromProto(proto, &out);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "postal_category");
  EXPECT_NE(bad->description.find("42"), std::string::npos) << bad->description;
}

TEST(ConvertConsignmentTest, TimestampOutOfRangeIsAViolation) {
  for (auto [seconds, nanos] : {std::pair<int64_t, int32_t>{253402300800, 0},
                                {-62135596801, 0},
                                {0, -1},
                                {0, 1'000'000'000}}) {
    pb::Consignment proto;
    proto.mutable_route()->mutable_scheduled_departure()->set_seconds(seconds);
    proto.mutable_route()->mutable_scheduled_departure()->set_nanos(nanos);
    core::Consignment out;
    auto bad = ConsignmentFromProto(proto, &out);
    ASSERT_TRUE(bad.has_value()) << seconds << " " << nanos;
    EXPECT_EQ(bad->field, "route.scheduled_departure");
  }
}

TEST(ConvertConsignmentTest, MalformedMoneyNamesTheItem) {
  for (auto [units, nanos] : {std::pair<int64_t, int32_t>{-1, 0},
                              {0, -5},
                              {1, -5},
                              {0, 1'000'000'000}}) {
    pb::Consignment proto;
    proto.add_items()->set_description("fine");
    proto.add_items()->set_description("fine");
    pb::GoodsItem* item = proto.add_items();
    item->mutable_declared_value()->set_units(units);
    item->mutable_declared_value()->set_nanos(nanos);
    core::Consignment out;
    auto bad = ConsignmentFromProto(proto, &out);
    ASSERT_TRUE(bad.has_value()) << units << " " << nanos;
    EXPECT_EQ(bad->field, "items[2].declared_value");
  }
}

TEST(ConvertEntryTest, RoundTripKeepsEveryField) {
  for (core::EntryKind kind :
       {core::EntryKind::kPartyName, core::EntryKind::kAddress, core::EntryKind::kPhone,
        core::EntryKind::kEmail, core::EntryKind::kTaxId, core::EntryKind::kSellerId,
        core::EntryKind::kBrandTerm, core::EntryKind::kDescriptionTerm}) {
    const core::WatchlistEntry in =
        Entry("wl-7", kind, "value", core::Referral::kIprExamination, 35);
    pb::WatchlistEntry proto;
    EntryToProto(in, &proto);
    EXPECT_EQ(EntryKindFromProto(proto.kind()), kind);
    core::WatchlistEntry out;
    auto bad = EntryFromProto(proto, "entries[0]", &out);
    ASSERT_FALSE(bad.has_value()) << bad->field;
    ExpectEntryEq(in, out);
  }
}

TEST(ConvertEntryTest, KindIsRequiredAndMustBeKnown) {
  pb::WatchlistEntry proto;
  proto.set_id("x");
  proto.set_value("v");
  core::WatchlistEntry out;
  auto bad = EntryFromProto(proto, "entries[3]", &out);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "entries[3].kind");

  proto.set_kind(static_cast<pb::EntryKind>(99));
  bad = EntryFromProto(proto, "entries[3]", &out);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "entries[3].kind");
  EXPECT_NE(bad->description.find("99"), std::string::npos);

  // Without a prefix the path is the bare field name.
  bad = EntryFromProto(proto, "", &out);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "kind");
  EXPECT_FALSE(EntryKindFromProto(pb::ENTRY_KIND_UNSPECIFIED).has_value());
}

TEST(ConvertEntryTest, UnspecifiedReferralMeansNoneAndUnknownIsAViolation) {
  pb::WatchlistEntry proto;
  proto.set_id("x");
  proto.set_kind(pb::ENTRY_KIND_PHONE);
  proto.set_referral(pb::REFERRAL_UNSPECIFIED);
  core::WatchlistEntry out;
  out.referral = core::Referral::kDoNotLoad;
  ASSERT_FALSE(EntryFromProto(proto, "entries[0]", &out).has_value());
  EXPECT_EQ(out.referral, core::Referral::kNone);

  proto.set_referral(static_cast<pb::Referral>(17));
  auto bad = EntryFromProto(proto, "entries[1]", &out);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field, "entries[1].referral");
}

TEST(ConvertVerdictTest, RoundTripKeepsEveryField) {
  for (core::HoldStatus hold : {core::HoldStatus::kNone, core::HoldStatus::kNew,
                                core::HoldStatus::kStillInPlace, core::HoldStatus::kResolved}) {
    const core::Verdict in = SampleVerdict("01JA01", "HAWB1", hold);
    pb::Verdict proto;
    VerdictToProto(in, &proto);
    EXPECT_EQ(proto.decided_at().seconds(), 1'790'000'000);
    EXPECT_EQ(proto.decided_at().nanos(), 123'456'789);
    EXPECT_EQ(proto.carrier_id(), "CARRIER-1");
    core::Verdict out;
    ASSERT_TRUE(VerdictFromProto(proto, &out));
    ExpectVerdictEq(in, out);
  }
}

TEST(ConvertVerdictTest, UnsetDecidedAtIsInfinitePast) {
  core::Verdict in = SampleVerdict("01JA01", "HAWB1");
  in.decided_at = absl::InfinitePast();
  pb::Verdict proto;
  VerdictToProto(in, &proto);
  EXPECT_FALSE(proto.has_decided_at());
  core::Verdict out;
  ASSERT_TRUE(VerdictFromProto(proto, &out));
  EXPECT_EQ(out.decided_at, absl::InfinitePast());
}

TEST(ConvertVerdictTest, UnknownEnumsAreRefused) {
  pb::Verdict base;
  VerdictToProto(SampleVerdict("01JA01", "HAWB1", core::HoldStatus::kNew), &base);
  core::Verdict out;
  ASSERT_TRUE(VerdictFromProto(base, &out));

  pb::Verdict p = base;
  p.set_decision(static_cast<pb::Decision>(9));
  EXPECT_FALSE(VerdictFromProto(p, &out));
  p = base;
  p.set_decision(pb::DECISION_UNSPECIFIED);
  EXPECT_FALSE(VerdictFromProto(p, &out));
  p = base;
  p.set_referral(static_cast<pb::Referral>(9));
  EXPECT_FALSE(VerdictFromProto(p, &out));
  p = base;
  p.set_hold_status(static_cast<pb::HoldStatus>(9));
  EXPECT_FALSE(VerdictFromProto(p, &out));
  p = base;
  p.mutable_reasons(0)->set_referral(static_cast<pb::Referral>(9));
  EXPECT_FALSE(VerdictFromProto(p, &out));
}

TEST(ConvertEnumsTest, MappingsFollowTheContract) {
  EXPECT_EQ(ReferralToProto(core::Referral::kNone), pb::REFERRAL_NONE);
  EXPECT_EQ(ReferralToProto(core::Referral::kRequestForInformation),
            pb::REFERRAL_REQUEST_FOR_INFORMATION);
  EXPECT_EQ(ReferralToProto(core::Referral::kIprExamination), pb::REFERRAL_IPR_EXAMINATION);
  EXPECT_EQ(ReferralToProto(core::Referral::kRequestForScreening),
            pb::REFERRAL_REQUEST_FOR_SCREENING);
  EXPECT_EQ(ReferralToProto(core::Referral::kDoNotLoad), pb::REFERRAL_DO_NOT_LOAD);
  EXPECT_EQ(DecisionToProto(core::Decision::kRelease), pb::DECISION_RELEASE);
  EXPECT_EQ(DecisionToProto(core::Decision::kHold), pb::DECISION_HOLD);
  EXPECT_EQ(HoldStatusToProto(core::HoldStatus::kNone), pb::HOLD_STATUS_NONE);
  EXPECT_EQ(HoldStatusToProto(core::HoldStatus::kNew), pb::HOLD_STATUS_NEW);
  EXPECT_EQ(HoldStatusToProto(core::HoldStatus::kStillInPlace), pb::HOLD_STATUS_STILL_IN_PLACE);
  EXPECT_EQ(HoldStatusToProto(core::HoldStatus::kResolved), pb::HOLD_STATUS_RESOLVED);
  EXPECT_EQ(EntryKindToProto(core::EntryKind::kPartyName), pb::ENTRY_KIND_PARTY_NAME);
  EXPECT_EQ(EntryKindToProto(core::EntryKind::kDescriptionTerm), pb::ENTRY_KIND_DESCRIPTION_TERM);
}

}  // namespace
}  // namespace placi::convert
