// Verified known consignors (rules verified_consignors): a brand's own
// distribution or an AEO that customs have verified ships the brand's
// goods, and new to this service, ships them in a burst. Two indicators
// then describe the consignor's business rather than a risk: a brand term
// in its goods (WATCHLIST_BRAND_TERM without a referral of its own) and a
// new shipper's burst (NEW_SHIPPER_BURST). On a parcel whose consignor
// carries a verified identity exactly, those two count no points; they stay
// in the verdict, marked with the verification. Nothing else is discounted:
// other watchlist hits (do-not-load above all), counterfeit vocabulary,
// value, HS code, route and data checks count as for anyone.
//
// The identity is matched exactly after normalisation, never fuzzily (a
// look-alike name one letter off is another party): the folded name, the
// whole address's key, the country, the tax id when the rules give one, and
// the parcel's origin country (when the route gives one) among the
// consignor's. A name and an address are public: a parcel from elsewhere
// that borrows them is not the consignor's.
//
//   SetVerifiedConsignorKeys(&consignor);  // when the rules load
//   DiscountForVerifiedConsignor(parcel, normalized, config, &reasons);
#ifndef PLACI_CORE_VERIFIED_CONSIGNOR_H_
#define PLACI_CORE_VERIFIED_CONSIGNOR_H_

#include <vector>

#include "core/consignment.h"
#include "core/normalized_parcel.h"
#include "core/screening_config.h"
#include "core/verdict.h"

namespace placi::core {

// Fills the keys of *consignor (folded_name, address_key, country_code,
// tax_id_key) from its name, address and tax id.
void SetVerifiedConsignorKeys(VerifiedConsignor* consignor);

// The verified consignor whose identity the parcel's consignor carries, or
// nullptr. `normalized` is NormalizeParcel(parcel).
const VerifiedConsignor* VerifiedConsignorOf(const Consignment& parcel,
                                             const NormalizedParcel& normalized,
                                             const ScreeningConfig& config);

// Takes the points of the brand-term hits (without a referral) and the
// new-shipper burst among `reasons` when the parcel's consignor is
// verified, naming the verification in their message and evidence. Looks
// the consignor up only when such a reason is there.
void DiscountForVerifiedConsignor(const Consignment& parcel, const NormalizedParcel& normalized,
                                  const ScreeningConfig& config, std::vector<Reason>* reasons);

}  // namespace placi::core

#endif  // PLACI_CORE_VERIFIED_CONSIGNOR_H_
