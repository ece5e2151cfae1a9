// core::DecisionStore in memory, for core tests that need no RocksDB. The
// RocksDB implementation is tested on its own in tests/storage.
#ifndef PLACI_TESTS_TEST_UTIL_IN_MEMORY_DECISION_STORE_H_
#define PLACI_TESTS_TEST_UTIL_IN_MEMORY_DECISION_STORE_H_

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/decision_store.h"
#include "core/hold_key.h"

namespace placi::testing {

class InMemoryDecisionStore final : public core::DecisionStore {
 public:
  using core::DecisionStore::Record;
  // The increments live in the in-memory HistoryStore double already.
  absl::Status Record(const core::Verdict& verdict,
                      absl::Span<const core::WindowIncrement> /*counted*/) override {
    absl::MutexLock lock(&mu_);
    if (fail_next_) {
      fail_next_ = false;
      return absl::UnavailableError("injected storage failure");
    }
    log_.push_back(verdict);
    const std::string hold_waybill = core::HoldWaybillKey(verdict.house_waybill);
    if (verdict.hold_status != core::HoldStatus::kNone && !hold_waybill.empty())
      holds_[{core::HoldCarrierKey(verdict.carrier_id), hold_waybill}] = verdict;
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<core::Verdict>> LatestHold(
      std::string_view carrier_id, std::string_view house_waybill) const override {
    absl::MutexLock lock(&mu_);
    // Holds of earlier versions (under the waybill as sent) are a RocksDB
    // matter (tests/storage); this double only ever had folded keys.
    auto it = holds_.find({core::HoldCarrierKey(carrier_id), core::HoldWaybillKey(house_waybill)});
    if (it == holds_.end()) return std::optional<core::Verdict>();
    return std::optional<core::Verdict>(it->second);
  }
  absl::StatusOr<std::vector<core::Verdict>> HoldsOnWaybill(
      std::string_view house_waybill) const override {
    absl::MutexLock lock(&mu_);
    std::vector<core::Verdict> out;
    for (const auto& [key, verdict] : holds_) {
      if (key.second == core::HoldWaybillKey(house_waybill)) out.push_back(verdict);
    }
    return out;
  }
  absl::StatusOr<core::Verdict> GetDecision(std::string_view decision_id) const override {
    absl::MutexLock lock(&mu_);
    for (const core::Verdict& v : log_) {
      if (v.decision_id == decision_id) return v;
    }
    return absl::NotFoundError("no such decision");
  }
  absl::StatusOr<std::vector<core::Verdict>> ListDecisions(
      std::string_view house_waybill, std::string_view carrier_id, size_t limit,
      std::string_view before_decision_id) const override {
    absl::MutexLock lock(&mu_);
    // The newest `limit` before `before_decision_id` (log order is decision
    // order), then oldest first.
    std::vector<core::Verdict> out;
    for (auto v = log_.rbegin(); v != log_.rend() && out.size() < limit; ++v) {
      if (!SameWaybill(v->house_waybill, house_waybill)) continue;
      if (!before_decision_id.empty() && v->decision_id >= before_decision_id) continue;
      if (carrier_id.empty() || v->carrier_id == carrier_id) out.push_back(*v);
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

  // As ListDecisions finds a waybill: normalised, a blank one as sent.
  static bool SameWaybill(std::string_view a, std::string_view b) {
    const std::string key = core::HoldWaybillKey(a);
    return key.empty() ? a == b : key == core::HoldWaybillKey(b);
  }

  void FailNextRecord() {
    absl::MutexLock lock(&mu_);
    fail_next_ = true;
  }
  size_t size() const {
    absl::MutexLock lock(&mu_);
    return log_.size();
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<core::Verdict> log_;
  // (carrier_id, house_waybill) → hold state
  std::map<std::pair<std::string, std::string>, core::Verdict> holds_;
  bool fail_next_ = false;
};

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_IN_MEMORY_DECISION_STORE_H_
