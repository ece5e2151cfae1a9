// Conversions between placi.screening.v1 protos and core/ domain structs.
//
// Proto3 enums are open: a peer may send any int32 as an enum. Every switch
// below therefore ends in a default that reports the number as a violation
// instead of casting it into a domain enum that cannot hold it.
#include "placi/convert/convert.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/code_spellings.h"
#include "google/protobuf/timestamp.pb.h"

namespace placi::convert {
namespace {

// google.protobuf.Timestamp's documented range: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
constexpr int32_t kNanosPerSecond = 1'000'000'000;

// "prefix.name", or "name" when there is no prefix.
std::string Path(const std::string& prefix, const char* name) {
  return prefix.empty() ? std::string(name) : absl::StrCat(prefix, ".", name);
}

core::FieldViolation UnknownEnum(std::string field, int number) {
  return core::FieldViolation{std::move(field),
                              absl::StrCat("unknown enum value ", number)};
}

// Unset timestamps mean "unknown" (InfinitePast) in the domain.
std::optional<std::string> TimeFromProto(const google::protobuf::Timestamp& in,
                                         absl::Time* out) {
  if (in.seconds() < kMinTimestampSeconds || in.seconds() > kMaxTimestampSeconds) {
    return "timestamp seconds out of range (years 1..9999)";
  }
  if (in.nanos() < 0 || in.nanos() >= kNanosPerSecond) {
    return "timestamp nanos out of range (0..999999999)";
  }
  *out = absl::FromUnixSeconds(in.seconds()) + absl::Nanoseconds(in.nanos());
  return std::nullopt;
}

std::optional<core::PostalCategory> PostalCategoryFromProto(pb::PostalCategory c) {
  switch (c) {
    case pb::POSTAL_CATEGORY_UNSPECIFIED: return core::PostalCategory::kUnspecified;
    case pb::POSTAL_CATEGORY_GIFT: return core::PostalCategory::kGift;
    case pb::POSTAL_CATEGORY_COMMERCIAL_SAMPLE: return core::PostalCategory::kCommercialSample;
    case pb::POSTAL_CATEGORY_DOCUMENTS: return core::PostalCategory::kDocuments;
    case pb::POSTAL_CATEGORY_RETURNED_GOODS: return core::PostalCategory::kReturnedGoods;
    case pb::POSTAL_CATEGORY_SALE_OF_GOODS: return core::PostalCategory::kSaleOfGoods;
    case pb::POSTAL_CATEGORY_OTHER: return core::PostalCategory::kOther;
    default: return std::nullopt;
  }
}

pb::PostalCategory PostalCategoryToProto(core::PostalCategory c) {
  switch (c) {
    case core::PostalCategory::kUnspecified: return pb::POSTAL_CATEGORY_UNSPECIFIED;
    case core::PostalCategory::kGift: return pb::POSTAL_CATEGORY_GIFT;
    case core::PostalCategory::kCommercialSample: return pb::POSTAL_CATEGORY_COMMERCIAL_SAMPLE;
    case core::PostalCategory::kDocuments: return pb::POSTAL_CATEGORY_DOCUMENTS;
    case core::PostalCategory::kReturnedGoods: return pb::POSTAL_CATEGORY_RETURNED_GOODS;
    case core::PostalCategory::kSaleOfGoods: return pb::POSTAL_CATEGORY_SALE_OF_GOODS;
    case core::PostalCategory::kOther: return pb::POSTAL_CATEGORY_OTHER;
  }
  return pb::POSTAL_CATEGORY_UNSPECIFIED;
}

// UNSPECIFIED means NONE: an old or minimal client need not name "no referral".
std::optional<core::Referral> ReferralFromProto(pb::Referral r) {
  switch (r) {
    case pb::REFERRAL_UNSPECIFIED:
    case pb::REFERRAL_NONE: return core::Referral::kNone;
    case pb::REFERRAL_REQUEST_FOR_INFORMATION: return core::Referral::kRequestForInformation;
    case pb::REFERRAL_IPR_EXAMINATION: return core::Referral::kIprExamination;
    case pb::REFERRAL_REQUEST_FOR_SCREENING: return core::Referral::kRequestForScreening;
    case pb::REFERRAL_DO_NOT_LOAD: return core::Referral::kDoNotLoad;
    default: return std::nullopt;
  }
}

std::optional<core::Decision> DecisionFromProto(pb::Decision d) {
  switch (d) {
    case pb::DECISION_RELEASE: return core::Decision::kRelease;
    case pb::DECISION_HOLD: return core::Decision::kHold;
    default: return std::nullopt;  // UNSPECIFIED: no verdict is written so
  }
}

std::optional<core::HoldStatus> HoldStatusFromProto(pb::HoldStatus s) {
  switch (s) {
    case pb::HOLD_STATUS_UNSPECIFIED:
    case pb::HOLD_STATUS_NONE: return core::HoldStatus::kNone;
    case pb::HOLD_STATUS_NEW: return core::HoldStatus::kNew;
    case pb::HOLD_STATUS_STILL_IN_PLACE: return core::HoldStatus::kStillInPlace;
    case pb::HOLD_STATUS_RESOLVED: return core::HoldStatus::kResolved;
    default: return std::nullopt;
  }
}

void AddressFromProto(const pb::Address& in, core::Address* out) {
  out->street = in.street();
  out->city = in.city();
  out->postal_code = in.postal_code();
  out->country_code = in.country_code();
  core::CanonicalizeCountryCode(&out->country_code);
}

void AddressToProto(const core::Address& in, pb::Address* out) {
  out->set_street(in.street);
  out->set_city(in.city);
  out->set_postal_code(in.postal_code);
  out->set_country_code(in.country_code);
}

void PartyFromProto(const pb::Party& in, core::Party* out) {
  out->name = in.name();
  AddressFromProto(in.address(), &out->address);
  out->phone = in.phone();
  out->email = in.email();
  out->tax_id = in.tax_id();
  out->account_id = in.account_id();
}

void PartyToProto(const core::Party& in, pb::Party* out) {
  out->set_name(in.name);
  AddressToProto(in.address, out->mutable_address());
  out->set_phone(in.phone);
  out->set_email(in.email);
  out->set_tax_id(in.tax_id);
  out->set_account_id(in.account_id);
}

// google.type.Money rules: |nanos| < 1e9 and units/nanos of the same sign.
// The contract also refuses negative amounts: a declared value below zero
// cannot describe goods.
std::optional<std::string> MoneyProblem(const pb::Money& m) {
  if (m.nanos() <= -kNanosPerSecond || m.nanos() >= kNanosPerSecond) {
    return "nanos out of range (|nanos| < 1000000000)";
  }
  if ((m.units() > 0 && m.nanos() < 0) || (m.units() < 0 && m.nanos() > 0)) {
    return "units and nanos have opposite signs";
  }
  if (m.units() < 0 || m.nanos() < 0) return "negative amount";
  return std::nullopt;
}

}  // namespace

// Clamped into the Timestamp range so that the conversion always succeeds and
// always yields a valid proto. Callers leave InfinitePast ("unknown") unset.
void TimeToProto(absl::Time in, google::protobuf::Timestamp* out) {
  const absl::Time min = absl::FromUnixSeconds(kMinTimestampSeconds);
  const absl::Time max = absl::FromUnixSeconds(kMaxTimestampSeconds) +
                         absl::Nanoseconds(kNanosPerSecond - 1);
  if (in < min) in = min;
  if (in > max) in = max;
  // ToUnixSeconds floors, so the remainder is in [0, 1s).
  const int64_t seconds = absl::ToUnixSeconds(in);
  const int64_t nanos =
      absl::ToInt64Nanoseconds(in - absl::FromUnixSeconds(seconds));
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(nanos));
}

std::optional<core::FieldViolation> ConsignmentFromProto(const pb::Consignment& in,
                                                         core::Consignment* out) {
  out->request_id = in.request_id();
  out->carrier_id = in.carrier_id();
  out->house_waybill = in.house_waybill();
  out->master_waybill = in.master_waybill();
  PartyFromProto(in.consignor(), &out->consignor);
  PartyFromProto(in.consignee(), &out->consignee);
  out->pieces = in.pieces();
  out->gross_weight_kg = in.gross_weight_kg();

  out->items.clear();
  out->items.reserve(in.items_size());
  for (int i = 0; i < in.items_size(); ++i) {
    const pb::GoodsItem& item = in.items(i);
    if (auto problem = MoneyProblem(item.declared_value())) {
      return core::FieldViolation{absl::StrCat("items[", i, "].declared_value"),
                                  *std::move(problem)};
    }
    core::GoodsItem& g = out->items.emplace_back();
    g.description = item.description();
    g.hs_code = item.hs_code();
    core::CanonicalizeHsCode(&g.hs_code);
    g.quantity = item.quantity();
    g.declared_value.currency_code = item.declared_value().currency_code();
    g.declared_value.units = item.declared_value().units();
    g.declared_value.nanos = item.declared_value().nanos();
  }

  const pb::Route& route = in.route();
  out->route.origin_country_code = route.origin_country_code();
  out->route.origin_airport = route.origin_airport();
  out->route.destination_airport = route.destination_airport();
  out->route.transit_country_codes.assign(route.transit_country_codes().begin(),
                                          route.transit_country_codes().end());
  core::CanonicalizeCountryCode(&out->route.origin_country_code);
  for (std::string& transit : out->route.transit_country_codes) {
    core::CanonicalizeCountryCode(&transit);
  }
  out->route.flight_number = route.flight_number();
  out->route.scheduled_departure = absl::InfinitePast();
  if (route.has_scheduled_departure()) {
    if (auto problem =
            TimeFromProto(route.scheduled_departure(), &out->route.scheduled_departure)) {
      return core::FieldViolation{"route.scheduled_departure", *std::move(problem)};
    }
  }

  out->ecommerce.platform = in.ecommerce().platform();
  out->ecommerce.seller_id = in.ecommerce().seller_id();
  out->ecommerce.seller_name = in.ecommerce().seller_name();
  out->ecommerce.listing_url = in.ecommerce().listing_url();
  out->ecommerce.order_id = in.ecommerce().order_id();

  auto category = PostalCategoryFromProto(in.postal_category());
  if (!category) return UnknownEnum("postal_category", in.postal_category());
  out->postal_category = *category;
  return std::nullopt;
}

std::optional<core::FieldViolation> EntryFromProto(const pb::WatchlistEntry& in,
                                                   const std::string& field_prefix,
                                                   core::WatchlistEntry* out) {
  out->id = in.id();
  if (in.kind() == pb::ENTRY_KIND_UNSPECIFIED) {
    return core::FieldViolation{Path(field_prefix, "kind"), "kind is required"};
  }
  auto kind = EntryKindFromProto(in.kind());
  if (!kind) return UnknownEnum(Path(field_prefix, "kind"), in.kind());
  out->kind = *kind;
  out->value = in.value();
  auto referral = ReferralFromProto(in.referral());
  if (!referral) return UnknownEnum(Path(field_prefix, "referral"), in.referral());
  out->referral = *referral;
  out->points = in.points();
  out->source = in.source();
  out->note = in.note();
  return std::nullopt;
}

std::optional<core::FieldViolation> EntryFromCaller(const pb::WatchlistEntry& in,
                                                    const std::string& field_prefix,
                                                    const core::IntakeLimits& limits,
                                                    core::WatchlistEntry* out, std::string* key) {
  std::optional<core::FieldViolation> bad = EntryFromProto(in, field_prefix, out);
  if (!bad) bad = core::FindEntryViolation(*out, field_prefix, limits, key);
  if (!bad && in.referral() == pb::REFERRAL_UNSPECIFIED) {
    return core::FieldViolation{
        Path(field_prefix, "referral"),
        "is required (REFERRAL_NONE for an entry that only adds points)"};
  }
  return bad;
}

bool VerdictFromProto(const pb::Verdict& in, core::Verdict* out) {
  out->request_id = in.request_id();
  out->decision_id = in.decision_id();
  out->house_waybill = in.house_waybill();
  out->carrier_id = in.carrier_id();
  auto decision = DecisionFromProto(in.decision());
  auto referral = ReferralFromProto(in.referral());
  auto hold_status = HoldStatusFromProto(in.hold_status());
  if (!decision || !referral || !hold_status) return false;
  out->decision = *decision;
  out->referral = *referral;
  out->hold_status = *hold_status;
  out->risk_score = in.risk_score();
  out->reasons.clear();
  out->reasons.reserve(in.reasons_size());
  for (const pb::Reason& r : in.reasons()) {
    auto reason_referral = ReferralFromProto(r.referral());
    if (!reason_referral) return false;
    core::Reason& reason = out->reasons.emplace_back();
    reason.code = r.code();
    reason.message = r.message();
    reason.points = r.points();
    reason.field = r.field();
    reason.evidence = r.evidence();
    reason.referral = *reason_referral;
  }
  out->ruleset_version = in.ruleset_version();
  out->watchlist_version = in.watchlist_version();
  out->decided_at = absl::InfinitePast();
  if (in.has_decided_at() && TimeFromProto(in.decided_at(), &out->decided_at)) {
    return false;
  }
  out->held_consignment.reset();
  if (in.has_held_consignment()) {
    const pb::HeldConsignment& held = in.held_consignment();
    core::ConsignmentFacts& facts = out->held_consignment.emplace();
    facts.pieces = held.pieces();
    facts.gross_weight_kg = held.gross_weight_kg();
    facts.item_quantity = held.item_quantity();
    if (held.has_declared_value_eur()) facts.declared_value_eur = held.declared_value_eur();
    facts.hs_headings.assign(held.hs_headings().begin(), held.hs_headings().end());
    facts.hs_headings_digest = held.hs_headings_digest();
  }
  return true;
}

void ConsignmentToProto(const core::Consignment& in, pb::Consignment* out) {
  out->Clear();
  out->set_request_id(in.request_id);
  out->set_carrier_id(in.carrier_id);
  out->set_house_waybill(in.house_waybill);
  out->set_master_waybill(in.master_waybill);
  PartyToProto(in.consignor, out->mutable_consignor());
  PartyToProto(in.consignee, out->mutable_consignee());
  out->set_pieces(in.pieces);
  out->set_gross_weight_kg(in.gross_weight_kg);
  for (const core::GoodsItem& g : in.items) {
    pb::GoodsItem* item = out->add_items();
    item->set_description(g.description);
    item->set_hs_code(g.hs_code);
    item->set_quantity(g.quantity);
    item->mutable_declared_value()->set_currency_code(g.declared_value.currency_code);
    item->mutable_declared_value()->set_units(g.declared_value.units);
    item->mutable_declared_value()->set_nanos(g.declared_value.nanos);
  }
  pb::Route* route = out->mutable_route();
  route->set_origin_country_code(in.route.origin_country_code);
  route->set_origin_airport(in.route.origin_airport);
  route->set_destination_airport(in.route.destination_airport);
  for (const std::string& c : in.route.transit_country_codes) {
    route->add_transit_country_codes(c);
  }
  route->set_flight_number(in.route.flight_number);
  if (in.route.scheduled_departure != absl::InfinitePast()) {
    TimeToProto(in.route.scheduled_departure, route->mutable_scheduled_departure());
  }
  pb::Ecommerce* e = out->mutable_ecommerce();
  e->set_platform(in.ecommerce.platform);
  e->set_seller_id(in.ecommerce.seller_id);
  e->set_seller_name(in.ecommerce.seller_name);
  e->set_listing_url(in.ecommerce.listing_url);
  e->set_order_id(in.ecommerce.order_id);
  out->set_postal_category(PostalCategoryToProto(in.postal_category));
}

void EntryToProto(const core::WatchlistEntry& in, pb::WatchlistEntry* out) {
  out->Clear();
  out->set_id(in.id);
  out->set_kind(EntryKindToProto(in.kind));
  out->set_value(in.value);
  out->set_referral(ReferralToProto(in.referral));
  out->set_points(in.points);
  out->set_source(in.source);
  out->set_note(in.note);
}

void VerdictToProto(const core::Verdict& in, pb::Verdict* out) {
  out->Clear();
  out->set_request_id(in.request_id);
  out->set_decision_id(in.decision_id);
  out->set_house_waybill(in.house_waybill);
  out->set_carrier_id(in.carrier_id);
  out->set_decision(DecisionToProto(in.decision));
  out->set_referral(ReferralToProto(in.referral));
  out->set_hold_status(HoldStatusToProto(in.hold_status));
  out->set_risk_score(in.risk_score);
  for (const core::Reason& r : in.reasons) {
    pb::Reason* reason = out->add_reasons();
    reason->set_code(r.code);
    reason->set_message(r.message);
    reason->set_points(r.points);
    reason->set_field(r.field);
    reason->set_evidence(r.evidence);
    reason->set_referral(ReferralToProto(r.referral));
  }
  out->set_ruleset_version(in.ruleset_version);
  out->set_watchlist_version(in.watchlist_version);
  if (in.decided_at != absl::InfinitePast()) {
    TimeToProto(in.decided_at, out->mutable_decided_at());
  }
  if (in.held_consignment.has_value()) {
    const core::ConsignmentFacts& facts = *in.held_consignment;
    pb::HeldConsignment* held = out->mutable_held_consignment();
    held->set_pieces(facts.pieces);
    held->set_gross_weight_kg(facts.gross_weight_kg);
    held->set_item_quantity(facts.item_quantity);
    if (facts.declared_value_eur.has_value()) {
      held->set_declared_value_eur(*facts.declared_value_eur);
    }
    for (const std::string& heading : facts.hs_headings) held->add_hs_headings(heading);
    held->set_hs_headings_digest(facts.hs_headings_digest);
  }
}

pb::Decision DecisionToProto(core::Decision d) {
  switch (d) {
    case core::Decision::kRelease: return pb::DECISION_RELEASE;
    case core::Decision::kHold: return pb::DECISION_HOLD;
  }
  return pb::DECISION_UNSPECIFIED;
}

pb::Referral ReferralToProto(core::Referral r) {
  switch (r) {
    case core::Referral::kNone: return pb::REFERRAL_NONE;
    case core::Referral::kRequestForInformation: return pb::REFERRAL_REQUEST_FOR_INFORMATION;
    case core::Referral::kIprExamination: return pb::REFERRAL_IPR_EXAMINATION;
    case core::Referral::kRequestForScreening: return pb::REFERRAL_REQUEST_FOR_SCREENING;
    case core::Referral::kDoNotLoad: return pb::REFERRAL_DO_NOT_LOAD;
  }
  return pb::REFERRAL_UNSPECIFIED;
}

pb::HoldStatus HoldStatusToProto(core::HoldStatus s) {
  switch (s) {
    case core::HoldStatus::kNone: return pb::HOLD_STATUS_NONE;
    case core::HoldStatus::kNew: return pb::HOLD_STATUS_NEW;
    case core::HoldStatus::kStillInPlace: return pb::HOLD_STATUS_STILL_IN_PLACE;
    case core::HoldStatus::kResolved: return pb::HOLD_STATUS_RESOLVED;
  }
  return pb::HOLD_STATUS_UNSPECIFIED;
}

pb::EntryKind EntryKindToProto(core::EntryKind k) {
  switch (k) {
    case core::EntryKind::kPartyName: return pb::ENTRY_KIND_PARTY_NAME;
    case core::EntryKind::kAddress: return pb::ENTRY_KIND_ADDRESS;
    case core::EntryKind::kPhone: return pb::ENTRY_KIND_PHONE;
    case core::EntryKind::kEmail: return pb::ENTRY_KIND_EMAIL;
    case core::EntryKind::kTaxId: return pb::ENTRY_KIND_TAX_ID;
    case core::EntryKind::kSellerId: return pb::ENTRY_KIND_SELLER_ID;
    case core::EntryKind::kBrandTerm: return pb::ENTRY_KIND_BRAND_TERM;
    case core::EntryKind::kDescriptionTerm: return pb::ENTRY_KIND_DESCRIPTION_TERM;
  }
  return pb::ENTRY_KIND_UNSPECIFIED;
}

std::optional<core::EntryKind> EntryKindFromProto(pb::EntryKind k) {
  switch (k) {
    case pb::ENTRY_KIND_PARTY_NAME: return core::EntryKind::kPartyName;
    case pb::ENTRY_KIND_ADDRESS: return core::EntryKind::kAddress;
    case pb::ENTRY_KIND_PHONE: return core::EntryKind::kPhone;
    case pb::ENTRY_KIND_EMAIL: return core::EntryKind::kEmail;
    case pb::ENTRY_KIND_TAX_ID: return core::EntryKind::kTaxId;
    case pb::ENTRY_KIND_SELLER_ID: return core::EntryKind::kSellerId;
    case pb::ENTRY_KIND_BRAND_TERM: return core::EntryKind::kBrandTerm;
    case pb::ENTRY_KIND_DESCRIPTION_TERM: return core::EntryKind::kDescriptionTerm;
    default: return std::nullopt;
  }
}

}  // namespace placi::convert
