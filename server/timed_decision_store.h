// A core::DecisionStore that times every decision-log write
// (placi_decision_log_write_seconds) and forwards everything to the store it
// wraps. Lives in server/ so that core/ stays free of metrics: the screener
// is given this instead of the storage::Store.
//
//   TimedDecisionStore timed(store.get(), &metrics);
//   core::Screener screener(config, &index, &timed, clock, store.get());
#ifndef PLACI_SERVER_TIMED_DECISION_STORE_H_
#define PLACI_SERVER_TIMED_DECISION_STORE_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/decision_store.h"
#include "server/metrics.h"

namespace placi::server {

// Thread-safe as the wrapped store is; both outlive it.
class TimedDecisionStore final : public core::DecisionStore {
 public:
  TimedDecisionStore(core::DecisionStore* store, Metrics* metrics)
      : store_(store), metrics_(metrics) {}

  // Times the write, failed ones included (a failure that takes long is
  // worth seeing too).
  using core::DecisionStore::Record;
  absl::Status Record(const core::Verdict& verdict,
                      absl::Span<const core::WindowIncrement> counted) override;

  absl::StatusOr<std::optional<core::Verdict>> LatestHold(
      std::string_view carrier_id, std::string_view house_waybill) const override {
    return store_->LatestHold(carrier_id, house_waybill);
  }
  absl::StatusOr<std::vector<core::Verdict>> HoldsOnWaybill(
      std::string_view house_waybill) const override {
    return store_->HoldsOnWaybill(house_waybill);
  }
  absl::StatusOr<core::Verdict> GetDecision(std::string_view decision_id) const override {
    return store_->GetDecision(decision_id);
  }
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(
      std::string_view house_waybill, std::string_view carrier_id, size_t limit,
      std::string_view before_decision_id) const override {
    return store_->ListDecisions(house_waybill, carrier_id, limit, before_decision_id);
  }

 private:
  core::DecisionStore* const store_;
  Metrics* const metrics_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_TIMED_DECISION_STORE_H_
