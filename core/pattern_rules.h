// Patterns across parcels, the signals that a parcel looked at alone hides
// (domain.md: "cut the volume per parcel, raise the frequency"):
//   SPLIT_SHIPMENT          one consignee's parcels of a day add up past the
//                           value threshold that each stays under, or one
//                           household's: one sender's parcels to one family
//                           name at one door (address, flat, unit, floor)
//   CONSIGNEE_VELOCITY      many parcels to one consignee in a day
//   SELLER_CONSIGNEE_REPEAT many parcels from one seller to one consignee
//   SELLER_ADDRESS_REPEAT   many parcels from one seller to one address,
//                           across the names there
//   RESHIPPER_ADDRESS       many consignee names at one address in a week
//   NEW_SHIPPER_BURST       a burst from a shipper unseen before the hour
//   MASTER_WAYBILL_SPLIT    parcels of one master waybill sharing a seller
//                           and a delivery address
// The consignee is recognised by normalised name + address, phone or e-mail
// ("one person, one day"), whichever adds up to most. A household and the
// seller's door are not read at an address of address_weekly_names names
// or more this week (a block of flats, a forwarder: RESHIPPER_ADDRESS). A house waybill sent
// again (an amendment; the waybill normalised as holds key it, hold_key.h)
// is not counted as a parcel twice in one window; its declared value counts
// at the highest any of its filings declared: a rise is added to the value
// totals, a fall keeps the higher value counted already. A re-filing after
// its earlier filings left the day counts in the new day (review bb6 M1),
// and one that first brings the master waybill counts for that master
// (review bb6 H1: the PACT filing flow). A waybill amended to another
// consignee is not counted in the new consignee's windows: it should be
// (decided in session 18, README "SPLIT_SHIPMENT"), which needs the
// identities the waybill was counted under, a counter more a parcel.
#ifndef PLACI_CORE_PATTERN_RULES_H_
#define PLACI_CORE_PATTERN_RULES_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/consignment.h"
#include "core/history_store.h"
#include "core/normalized_parcel.h"
#include "core/screening_config.h"
#include "core/verdict.h"

namespace placi::core {

// Counts the parcel into its windows (only reads them when `count` is
// false) and appends one reason per pattern it completes. The increments
// counted are appended to *counted (HistoryStore::CountAndSum): they become
// durable with the parcel's verdict, or must be uncounted. Errors are the
// history store's (what was counted before an error is in *counted too).
// `normalized` is NormalizeParcel(parcel).
absl::Status AddPatternIndicators(const Consignment& parcel, const NormalizedParcel& normalized,
                                  const ScreeningConfig& config, HistoryStore* history,
                                  absl::Time now, bool count, std::vector<Reason>* reasons,
                                  std::vector<WindowIncrement>* counted);
// The same, normalising the parcel itself.
absl::Status AddPatternIndicators(const Consignment& parcel, const ScreeningConfig& config,
                                  HistoryStore* history, absl::Time now, bool count,
                                  std::vector<Reason>* reasons,
                                  std::vector<WindowIncrement>* counted);

}  // namespace placi::core

#endif  // PLACI_CORE_PATTERN_RULES_H_
