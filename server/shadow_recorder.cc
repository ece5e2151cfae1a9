// See shadow_recorder.h.
#include "server/shadow_recorder.h"

#include <cstdio>
#include <string>

namespace placi::server {

void ShadowRecorder::OnShadowVerdict(const core::Verdict& live, const core::Verdict& shadow) {
  const bool agrees = live.decision == shadow.decision && live.referral == shadow.referral;
  metrics_->ShadowVerdict(shadow.decision, shadow.referral, agrees);
  absl::StatusOr<storage::ApplyResult> recorded =
      store_->Apply(storage::ShadowVerdictRecorded{shadow});
  if (!recorded.ok()) {
    // A shadow must never fail the live call; the metric above still counts.
    std::fprintf(stderr, "placi-screen: shadow verdict for %s not recorded: %s\n",
                 live.decision_id.c_str(), std::string(recorded.status().message()).c_str());
  }
}

}  // namespace placi::server
