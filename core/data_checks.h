// The data checks that come before any risk rule: every PLACI 7+1 element
// present, goods described precisely, parties named, codes well formed.
// Each problem is one Reason asking for REQUEST_FOR_INFORMATION, with a
// stable code and the field it concerns.
#ifndef PLACI_CORE_DATA_CHECKS_H_
#define PLACI_CORE_DATA_CHECKS_H_

#include <vector>

#include "absl/time/time.h"
#include "core/consignment.h"
#include "core/normalized_parcel.h"
#include "core/screening_config.h"
#include "core/verdict.h"

namespace placi::core {

// Appends one reason per data problem of `parcel` to `reasons`.
// `normalized` is NormalizeParcel(parcel). `now` is the time of the
// decision, which the scheduled departure is judged against
// (IMPLAUSIBLE_DEPARTURE_TIME); absl::InfinitePast() judges none.
void CheckData(const Consignment& parcel, const NormalizedParcel& normalized,
               const ScreeningConfig& config, absl::Time now, std::vector<Reason>* reasons);
// The same, normalising the parcel itself.
void CheckData(const Consignment& parcel, const ScreeningConfig& config,
               std::vector<Reason>* reasons, absl::Time now = absl::InfinitePast());

}  // namespace placi::core

#endif  // PLACI_CORE_DATA_CHECKS_H_
