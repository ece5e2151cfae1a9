// The answer to one parcel: RELEASE or HOLD, the referral customs would
// issue, and one Reason per problem found. Plain data.
#ifndef PLACI_CORE_VERDICT_H_
#define PLACI_CORE_VERDICT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "core/consignment_facts.h"

namespace placi::core {

enum class Decision { kRelease, kHold };

// Declared weakest first: the verdict's referral is the strongest one that
// any reason asks for (see Stronger()). Aviation security (screening, do not
// load) outranks the customs/IP examination, which outranks a data request.
enum class Referral {
  kNone = 0,
  kRequestForInformation = 1,
  kIprExamination = 2,
  kRequestForScreening = 3,
  kDoNotLoad = 4,
};

// The stronger of two referrals.
inline Referral Stronger(Referral a, Referral b) { return a < b ? b : a; }

enum class HoldStatus { kNone, kNew, kStillInPlace, kResolved };

// Stable reason codes. Callers key on these strings, so they never change
// meaning; add new ones instead.
namespace reason {
inline constexpr std::string_view kMissingHouseWaybill = "MISSING_HOUSE_WAYBILL";
inline constexpr std::string_view kMissingConsignorName = "MISSING_CONSIGNOR_NAME";
inline constexpr std::string_view kMissingConsignorAddress = "MISSING_CONSIGNOR_ADDRESS";
inline constexpr std::string_view kIncompleteConsignorAddress = "INCOMPLETE_CONSIGNOR_ADDRESS";
inline constexpr std::string_view kMissingConsigneeName = "MISSING_CONSIGNEE_NAME";
inline constexpr std::string_view kMissingConsigneeAddress = "MISSING_CONSIGNEE_ADDRESS";
inline constexpr std::string_view kIncompleteConsigneeAddress = "INCOMPLETE_CONSIGNEE_ADDRESS";
inline constexpr std::string_view kInvalidCountryCode = "INVALID_COUNTRY_CODE";
inline constexpr std::string_view kMissingPieces = "MISSING_PIECES";
inline constexpr std::string_view kMissingGrossWeight = "MISSING_GROSS_WEIGHT";
inline constexpr std::string_view kMissingGoodsDescription = "MISSING_GOODS_DESCRIPTION";
inline constexpr std::string_view kVagueGoodsDescription = "VAGUE_GOODS_DESCRIPTION";
inline constexpr std::string_view kUnacceptablePartyName = "UNACCEPTABLE_PARTY_NAME";
inline constexpr std::string_view kInvalidHsCode = "INVALID_HS_CODE";
// A declared value without a currency, or with a code that is no ISO 4217
// currency in circulation: the value cannot be judged (data_checks.h).
inline constexpr std::string_view kInvalidCurrencyCode = "INVALID_CURRENCY_CODE";
// A real currency that the rules have no EUR rate for: the value rules
// cannot read the value, and say so instead of skipping it.
inline constexpr std::string_view kCurrencyWithoutRate = "CURRENCY_WITHOUT_RATE";
// A declared value no parcel can have (above 1e9 EUR): a data error, which
// would otherwise pass every value rule unseen.
inline constexpr std::string_view kImplausibleDeclaredValue = "IMPLAUSIBLE_DECLARED_VALUE";
// Pieces and gross weight that no shipment has together (a piece lighter
// than an envelope, heavier than an aircraft position takes): a data error
// such as pieces and house bills confused, or grams sent as kilograms
// (data_checks.h).
inline constexpr std::string_view kImplausiblePiecesWeight = "IMPLAUSIBLE_PIECES_WEIGHT";
// An item that declares a value but no quantity (proto3's 0, unset): the
// line's value cannot be judged per unit, and read as one unit it would
// pass every per-unit floor (review8a L3: accepted silently before).
inline constexpr std::string_view kMissingItemQuantity = "MISSING_ITEM_QUANTITY";
// An origin or destination airport that is not 3 letters (consignment.proto:
// an IATA code): "FRANKFURT", "EDDF" (ICAO), "12" name no airport a
// targeting officer can read the route by (review25, data_checks.cc).
inline constexpr std::string_view kInvalidAirportCode = "INVALID_AIRPORT_CODE";
// A scheduled departure more than a year from the decision: no pre-loading
// filing is for such a flight; a year typed wrong, a clock never set
// (epoch 0) (review25, data_checks.cc).
inline constexpr std::string_view kImplausibleDepartureTime = "IMPLAUSIBLE_DEPARTURE_TIME";
inline constexpr std::string_view kWatchlistPartyName = "WATCHLIST_PARTY_NAME";
inline constexpr std::string_view kWatchlistAddress = "WATCHLIST_ADDRESS";
inline constexpr std::string_view kWatchlistPhone = "WATCHLIST_PHONE";
inline constexpr std::string_view kWatchlistEmail = "WATCHLIST_EMAIL";
inline constexpr std::string_view kWatchlistTaxId = "WATCHLIST_TAX_ID";
inline constexpr std::string_view kWatchlistSellerId = "WATCHLIST_SELLER_ID";
inline constexpr std::string_view kWatchlistBrandTerm = "WATCHLIST_BRAND_TERM";
inline constexpr std::string_view kWatchlistDescriptionTerm = "WATCHLIST_DESCRIPTION_TERM";
// Counterfeit vocabulary of the rules' own list (ScreeningConfig::
// counterfeit_terms), as opposed to a watchlist description term.
inline constexpr std::string_view kCounterfeitTerm = "COUNTERFEIT_TERM";
inline constexpr std::string_view kHighRiskHsCode = "HIGH_RISK_HS_CODE";
inline constexpr std::string_view kHsDescriptionMismatch = "HS_DESCRIPTION_MISMATCH";
inline constexpr std::string_view kUndervaluedGoods = "UNDERVALUED_GOODS";
// A brand written disguised, a character for another ("R0lex", "Ch@nel",
// "G*cci", "Nlke"): the goods rules read it as the brand, and the spelling
// is itself a counterfeit indicator (goods_rules.h).
inline constexpr std::string_view kDisguisedBrand = "DISGUISED_BRAND";
inline constexpr std::string_view kJustUnderDeMinimis = "JUST_UNDER_DE_MINIMIS";
inline constexpr std::string_view kGiftFromSeller = "GIFT_FROM_SELLER";
inline constexpr std::string_view kHighRiskOrigin = "HIGH_RISK_ORIGIN";
inline constexpr std::string_view kFreeZoneTransit = "FREE_ZONE_TRANSIT";
inline constexpr std::string_view kSplitShipment = "SPLIT_SHIPMENT";
inline constexpr std::string_view kConsigneeVelocity = "CONSIGNEE_VELOCITY";
inline constexpr std::string_view kSellerConsigneeRepeat = "SELLER_CONSIGNEE_REPEAT";
inline constexpr std::string_view kSellerAddressRepeat = "SELLER_ADDRESS_REPEAT";
inline constexpr std::string_view kReshipperAddress = "RESHIPPER_ADDRESS";
inline constexpr std::string_view kNewShipperBurst = "NEW_SHIPPER_BURST";
inline constexpr std::string_view kMasterWaybillSplit = "MASTER_WAYBILL_SPLIT";
inline constexpr std::string_view kRiskScoreThreshold = "RISK_SCORE_THRESHOLD";
inline constexpr std::string_view kHoldStillInPlace = "HOLD_STILL_IN_PLACE";
inline constexpr std::string_view kHoldResolved = "HOLD_RESOLVED";
// A re-filing after an officer's resolution that declares more than the
// consignment the officer examined (core/consignment_facts.h): a new hold,
// at the referral of the hold that was resolved.
inline constexpr std::string_view kConsignmentChangedSinceResolution =
    "CONSIGNMENT_CHANGED_SINCE_RESOLUTION";
// Screening itself failed (storage); see core/fail_verdict.h.
inline constexpr std::string_view kScreeningUnavailable = "SCREENING_UNAVAILABLE";

// Every code above, in order: what the metrics count verdicts by
// (placi_screen_reasons_total). A new code goes here too; a test reads this
// header and checks that none is left out.
inline constexpr auto kAll = std::to_array<std::string_view>({
    kMissingHouseWaybill, kMissingConsignorName, kMissingConsignorAddress,
    kIncompleteConsignorAddress, kMissingConsigneeName, kMissingConsigneeAddress,
    kIncompleteConsigneeAddress, kInvalidCountryCode, kMissingPieces, kMissingGrossWeight,
    kMissingGoodsDescription, kVagueGoodsDescription, kUnacceptablePartyName, kInvalidHsCode,
    kInvalidCurrencyCode, kCurrencyWithoutRate, kImplausibleDeclaredValue, kImplausiblePiecesWeight,
    kMissingItemQuantity, kInvalidAirportCode, kImplausibleDepartureTime,
    kWatchlistPartyName, kWatchlistAddress, kWatchlistPhone, kWatchlistEmail, kWatchlistTaxId,
    kWatchlistSellerId, kWatchlistBrandTerm, kWatchlistDescriptionTerm, kCounterfeitTerm,
    kHighRiskHsCode,
    kHsDescriptionMismatch, kUndervaluedGoods, kDisguisedBrand, kJustUnderDeMinimis, kGiftFromSeller,
    kHighRiskOrigin, kFreeZoneTransit, kSplitShipment, kConsigneeVelocity, kSellerConsigneeRepeat,
    kSellerAddressRepeat, kReshipperAddress, kNewShipperBurst, kMasterWaybillSplit, kRiskScoreThreshold,
    kHoldStillInPlace, kHoldResolved, kConsignmentChangedSinceResolution, kScreeningUnavailable,
});
}  // namespace reason

struct Reason {
  std::string code;     // one of placi::core::reason
  std::string message;  // for people
  int points = 0;
  std::string field;     // e.g. "consignee.address.city", "items[2].description"
  std::string evidence;  // e.g. "entry=wl-7 value=acme trading"
  Referral referral = Referral::kNone;  // what this reason alone asks for
};

struct Verdict {
  std::string request_id;
  std::string decision_id;
  std::string house_waybill;
  std::string carrier_id;
  Decision decision = Decision::kRelease;
  Referral referral = Referral::kNone;
  HoldStatus hold_status = HoldStatus::kNone;
  int risk_score = 0;  // 0..100
  std::vector<Reason> reasons;
  std::string ruleset_version;
  uint64_t watchlist_version = 0;
  absl::Time decided_at;
  // The consignment the waybill's hold state is about: on a verdict that
  // places or keeps a hold, the parcel held; on an officer's resolution and
  // the re-screens released under it, the parcel the officer examined (what
  // the resolution covers, core/consignment_facts.h). nullopt on other
  // verdicts, and on those recorded before versions kept it.
  std::optional<ConsignmentFacts> held_consignment;
};

// True when the verdict leaves an open hold on its waybill.
inline bool IsOpenHold(const Verdict& v) {
  return v.decision == Decision::kHold &&
         (v.hold_status == HoldStatus::kNew || v.hold_status == HoldStatus::kStillInPlace);
}

}  // namespace placi::core

#endif  // PLACI_CORE_VERDICT_H_
