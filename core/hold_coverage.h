// What an officer's resolution of a hold covers. An officer lifts a hold
// after examining what it was placed for: its watchlist hits (by entry), its
// indicators (by reason code) and its referral. A re-screen of the waybill
// is released under the resolution only when it finds nothing else; a
// different watchlist hit (a do-not-load phone, an address, other
// counterfeit terms) or a new indicator that makes the hold is a new hold.
// It also covers the consignment examined, no more (core/consignment_facts.h).
//
//   std::string covered = HoldEvidence(hold_verdicts);  // "WATCHLIST_PHONE/wl-7,..."
//   if (!HasEvidenceBeyond(rescreen, covered)) { /* released: RESOLVED */ }
#ifndef PLACI_CORE_HOLD_COVERAGE_H_
#define PLACI_CORE_HOLD_COVERAGE_H_

#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "core/verdict.h"

namespace placi::core {

// The evidence of the verdicts of one hold (the one that placed it and
// those that kept it in place), as a resolution records it: one token per
// reason that asks for a referral or adds points ("CODE", or "CODE/ENTRY"
// for a watchlist hit, ENTRY the entry id), sorted, without repeats, joined
// by ','. Hold bookkeeping (HOLD_STILL_IN_PLACE, HOLD_RESOLVED) and
// RISK_SCORE_THRESHOLD (made of the indicators it sums) are left out.
std::string HoldEvidence(absl::Span<const Verdict> hold_verdicts);

// True when `verdict` holds on evidence that `covered` (a HoldEvidence
// string) does not list: a reason that asks for a referral of its own, or,
// when the verdict holds on its score (RISK_SCORE_THRESHOLD), an indicator
// that adds points. Indicators that add points to a hold made by a covered
// watchlist hit alone do not count.
bool HasEvidenceBeyond(const Verdict& verdict, std::string_view covered);

}  // namespace placi::core

#endif  // PLACI_CORE_HOLD_COVERAGE_H_
