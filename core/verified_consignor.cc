#include "core/verified_consignor.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/normalize.h"

namespace placi::core {
namespace {

// What a verified consignor's parcel does not count: the brand it ships,
// and its first busy hour. A brand term an administration listed with a
// referral of its own asks for that referral from anyone.
bool IsDiscounted(const Reason& reason) {
  if (reason.points == 0) return false;
  if (reason.code == reason::kNewShipperBurst) return true;
  return reason.code == reason::kWatchlistBrandTerm && reason.referral == Referral::kNone;
}

// `origin`: the parcel's route origin, upper-cased.
bool LeavesFromItsCountries(const std::string& origin, const VerifiedConsignor& consignor) {
  if (origin.empty()) return true;
  if (consignor.origin_country_codes.empty()) return origin == consignor.country_code;
  return std::find(consignor.origin_country_codes.begin(), consignor.origin_country_codes.end(),
                   origin) != consignor.origin_country_codes.end();
}

}  // namespace

void SetVerifiedConsignorKeys(VerifiedConsignor* consignor) {
  consignor->folded_name = FoldText(consignor->name);
  consignor->address_key = AddressKey(consignor->address);
  consignor->country_code = absl::AsciiStrToUpper(consignor->address.country_code);
  consignor->tax_id_key = consignor->tax_id.empty() ? std::string() : TaxIdKey(consignor->tax_id);
  for (std::string& country : consignor->origin_country_codes) {
    absl::AsciiStrToUpper(&country);
  }
}

const VerifiedConsignor* VerifiedConsignorOf(const Consignment& parcel,
                                             const NormalizedParcel& normalized,
                                             const ScreeningConfig& config) {
  const NormalizedParty& party = normalized.consignor;
  if (party.folded_name.empty() || party.address_key.empty()) return nullptr;
  // Upper-cased once, not per listed consignor.
  const std::string country = absl::AsciiStrToUpper(parcel.consignor.address.country_code);
  const std::string origin = absl::AsciiStrToUpper(parcel.route.origin_country_code);
  for (const VerifiedConsignor& consignor : config.verified_consignors) {
    if (consignor.folded_name != party.folded_name ||
        consignor.address_key != party.address_key || consignor.country_code != country ||
        (!consignor.tax_id_key.empty() && consignor.tax_id_key != party.tax_id_key) ||
        !LeavesFromItsCountries(origin, consignor)) {
      continue;
    }
    return &consignor;
  }
  return nullptr;
}

void DiscountForVerifiedConsignor(const Consignment& parcel, const NormalizedParcel& normalized,
                                  const ScreeningConfig& config, std::vector<Reason>* reasons) {
  if (config.verified_consignors.empty() ||
      std::none_of(reasons->begin(), reasons->end(), IsDiscounted)) {
    return;
  }
  const VerifiedConsignor* verified = VerifiedConsignorOf(parcel, normalized, config);
  if (verified == nullptr) return;
  for (Reason& reason : *reasons) {
    if (!IsDiscounted(reason)) continue;
    absl::StrAppend(&reason.message, "; not counted: the consignor is verified (",
                    verified->reference, ")");
    absl::StrAppend(&reason.evidence, " verified_consignor=", verified->reference,
                    " points_discounted=", reason.points);
    reason.points = 0;
  }
}

}  // namespace placi::core
