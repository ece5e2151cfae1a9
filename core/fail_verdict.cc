// The fallback verdict when screening fails; see fail_verdict.h.
#include "core/fail_verdict.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace placi::core {

std::string_view FailModeName(FailMode mode) {
  return mode == FailMode::kOpen ? "open" : "closed";
}

Verdict ScreeningUnavailableVerdict(const Consignment& parcel, const absl::Status& cause,
                                    FailMode mode) {
  Verdict verdict;
  verdict.request_id = parcel.request_id;
  verdict.house_waybill = parcel.house_waybill;
  verdict.carrier_id = parcel.carrier_id;
  verdict.risk_score = 0;
  // Nothing could be recorded, so there is no hold state to keep.
  verdict.hold_status = HoldStatus::kNone;
  const std::string cause_name = absl::StatusCodeToString(cause.code());
  Reason reason;
  reason.code = std::string(reason::kScreeningUnavailable);
  if (mode == FailMode::kOpen) {
    verdict.decision = Decision::kRelease;
    verdict.referral = Referral::kNone;
    reason.referral = Referral::kNone;
    reason.message = absl::StrCat(
        "screening was unavailable (", cause_name,
        "): released unscreened because the server runs fail-open; this verdict is not in the "
        "decision log");
    reason.evidence = "fail_open=true";
  } else {
    verdict.decision = Decision::kHold;
    verdict.referral = Referral::kRequestForInformation;
    reason.referral = Referral::kRequestForInformation;
    reason.message = absl::StrCat(
        "screening was unavailable (", cause_name,
        "): held until the parcel can be screened, send it again; this verdict is not in the "
        "decision log");
    reason.evidence = "fail_open=false";
  }
  verdict.reasons.push_back(std::move(reason));
  return verdict;
}

}  // namespace placi::core
