// Where shadow verdicts go: counted in placi_shadow_verdicts_total (by
// agreement with the live verdict) and written to the decision log beside
// the live decision (GetDecision with shadow=true reads them back). Never
// returned to the carrier.
#ifndef PLACI_SERVER_SHADOW_RECORDER_H_
#define PLACI_SERVER_SHADOW_RECORDER_H_

#include "core/screener.h"
#include "server/metrics.h"
#include "storage/store.h"

namespace placi::server {

// Thread-safe; store and metrics outlive it.
class ShadowRecorder final : public core::ShadowSink {
 public:
  ShadowRecorder(storage::Store* store, Metrics* metrics) : store_(store), metrics_(metrics) {}

  void OnShadowVerdict(const core::Verdict& live, const core::Verdict& shadow) override;

 private:
  storage::Store* const store_;
  Metrics* const metrics_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SHADOW_RECORDER_H_
