// What the screener needs from durable storage: the decision log and the
// hold state per (carrier, house waybill): house waybill numbers are issued
// by each carrier, so one carrier's hold is never another's. Declared here, implemented in storage/
// (RocksDB) and by test doubles.
#ifndef PLACI_CORE_DECISION_STORE_H_
#define PLACI_CORE_DECISION_STORE_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/history_store.h"
#include "core/verdict.h"

namespace placi::core {

// Implementations are thread-safe.
//
// Hold keys: a hold is kept under (HoldCarrierKey(carrier_id),
// HoldWaybillKey(house_waybill)) (core/hold_key.h), so that one number, or
// one carrier, sent with other spacing, case, dashes or full-width forms
// finds it; a blank waybill (empty key) has no hold state. The methods take
// the carrier and waybill as sent. (Holds that earlier versions kept under
// other spellings are an implementation's business: storage/ re-keys them
// once when it opens, storage/rekey.h, so an upgrade loses no open hold.)
class DecisionStore {
 public:
  virtual ~DecisionStore() = default;

  // Appends `verdict` to the decision log. When verdict.hold_status is not
  // kNone (and the waybill is not blank), the verdict also becomes the hold
  // state of its (HoldCarrierKey(carrier_id), HoldWaybillKey(house_waybill)), and
  // `counted` (the window increments the parcel's HistoryStore::CountAndSum
  // counted) become durable, all in the same atomic write: a crash keeps
  // the verdict and its increments together or neither. Returns OK only once
  // the write is in the WAL, so a verdict that a caller received survives a
  // crash. On an error the caller still owns `counted` (Uncount them).
  virtual absl::Status Record(const Verdict& verdict,
                              absl::Span<const WindowIncrement> counted) = 0;
  // A verdict that moved no window (a resolution, a test).
  absl::Status Record(const Verdict& verdict) { return Record(verdict, {}); }

  // The latest verdict that placed, kept or lifted a hold of `carrier_id`
  // on the waybill, or nullopt when that carrier never had one there. An
  // empty carrier_id (unauthenticated single-node mode) is a carrier too.
  virtual absl::StatusOr<std::optional<Verdict>> LatestHold(
      std::string_view carrier_id, std::string_view house_waybill) const = 0;

  // The hold state of every carrier that ever had a hold on the waybill
  // (one verdict per carrier, as LatestHold gives it), for resolving a hold
  // without naming the carrier. Most waybills have none: implementations
  // answer that without a scan (a parcel that names no carrier asks).
  virtual absl::StatusOr<std::vector<Verdict>> HoldsOnWaybill(
      std::string_view house_waybill) const = 0;

  // NOT_FOUND when no such decision was recorded.
  virtual absl::StatusOr<Verdict> GetDecision(std::string_view decision_id) const = 0;

  // The newest `limit` verdicts on one house waybill that are older than
  // `before_decision_id` (all of them when it is empty), listed oldest
  // first: the last is the waybill's current state (a busy waybill's open
  // hold and its resolution are never cut off by its older re-filings);
  // only carrier `carrier_id`'s when it is not empty (the limit counts the
  // verdicts returned, so other carriers' never crowd a carrier's out). The
  // waybill is found under any spelling that HoldWaybillKey normalises
  // alike; a blank one only as sent.
  virtual absl::StatusOr<std::vector<Verdict>> ListDecisions(
      std::string_view house_waybill, std::string_view carrier_id, size_t limit,
      std::string_view before_decision_id) const = 0;
};

}  // namespace placi::core

#endif  // PLACI_CORE_DECISION_STORE_H_
