// See shadow_recorder.h.
#include "server/shadow_recorder.h"

#include <string>

#include "server/json_log.h"

namespace placi::server {

void ShadowRecorder::OnShadowVerdict(const core::Verdict& live, const core::Verdict& shadow) {
  const bool agrees = live.decision == shadow.decision && live.referral == shadow.referral;
  metrics_->ShadowVerdict(shadow.decision, shadow.referral, agrees);
  absl::StatusOr<storage::ApplyResult> recorded =
      store_->Apply(storage::ShadowVerdictRecorded{shadow});
  if (!recorded.ok()) {
    // A shadow must never fail the live call; the metric above still counts.
    LogEvent(LogLevel::kError, "shadow_verdict_not_recorded")
        .Str("decision_id", live.decision_id)
        .Str("error", std::string(recorded.status().message()))
        .Write();
  }
}

}  // namespace placi::server
