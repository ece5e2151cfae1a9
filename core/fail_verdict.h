// The verdict a parcel gets when screening itself fails for a reason of the
// server's own (the decision log or the history windows cannot be read or
// written), instead of an RPC error: a parcel on the loading path must get
// an answer, and the answer says that screening was unavailable.
//
// Fail-closed (the default): HOLD + REQUEST_FOR_INFORMATION, so nothing is
// loaded unscreened. Fail-open (an operator's choice): RELEASE. Either way
// the verdict carries one reason SCREENING_UNAVAILABLE whose evidence names
// the mode ("fail_open=false" / "fail_open=true"), and says that it is not
// in the decision log: recording it is what failed, so GetDecision will not
// find its decision_id, and no hold state is kept for its waybill
// (hold_status NONE).
//
//   absl::StatusOr<Verdict> v = screener.Screen(parcel);
//   if (!v.ok()) v = screener.ScreeningUnavailable(parcel, v.status(), FailMode::kClosed);
#ifndef PLACI_CORE_FAIL_VERDICT_H_
#define PLACI_CORE_FAIL_VERDICT_H_

#include <string_view>

#include "absl/status/status.h"
#include "core/consignment.h"
#include "core/verdict.h"

namespace placi::core {

enum class FailMode { kClosed, kOpen };

// "closed" / "open" (metric labels, logs).
std::string_view FailModeName(FailMode mode);

// The fallback verdict for `parcel` after `cause` (a non-OK status of
// Screener::Screen). Fills request_id, house_waybill, carrier_id, decision,
// referral, hold_status (NONE), risk_score (0) and the one reason; the
// caller stamps decision_id, decided_at and the versions. The reason names
// the canonical code of `cause`, never its message (which may name paths).
Verdict ScreeningUnavailableVerdict(const Consignment& parcel, const absl::Status& cause,
                                    FailMode mode);

}  // namespace placi::core

#endif  // PLACI_CORE_FAIL_VERDICT_H_
