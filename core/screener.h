// The screening pipeline for one parcel: data checks → goods indicators →
// watchlist match → patterns across parcels → score → verdict → hold state
// → decision log. Pure logic over the
// interfaces declared in core/; the server calls it, storage backs it.
//
//   Screener screener(ScreeningConfig::Default(), &index, &store, &clock);
//   absl::StatusOr<Verdict> verdict = screener.Screen(parcel);
#ifndef PLACI_CORE_SCREENER_H_
#define PLACI_CORE_SCREENER_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/clock.h"
#include "core/consignment.h"
#include "core/decision_id.h"
#include "core/decision_store.h"
#include "core/fail_verdict.h"
#include "core/history_store.h"
#include "core/screening_config.h"
#include "core/verdict.h"
#include "core/watchlist_index.h"

namespace placi::core {

// Receives what a candidate ruleset would have decided, beside the verdict
// that was returned (shadow evaluation). Called on the screening thread:
// keep it quick. Implemented by the server (metrics and decision log).
class ShadowSink {
 public:
  virtual ~ShadowSink() = default;
  virtual void OnShadowVerdict(const Verdict& live, const Verdict& shadow) = 0;
};

// Thread-safe. Holds no ownership: the index, store and clock outlive it.
class Screener {
 public:
  // `history` may be null: the patterns across parcels are then not judged.
  // Each ruleset's counterfeit vocabulary (ScreeningConfig::
  // counterfeit_terms) is kept on `watchlist` under a number of this
  // Screener's, one for the live rules and one for the shadow's
  // (WatchlistIndex::SetRuleTerms): set here, by SetConfig and by
  // SetShadow, each ruleset judged by its own, and dropped with the
  // Screener.
  Screener(ScreeningConfig config, WatchlistIndex* watchlist, DecisionStore* decisions,
           const Clock* clock, HistoryStore* history = nullptr);
  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  // Judges one parcel, records the verdict in the decision log (with the
  // parcel's window increments, in one write), and returns it. The parcel
  // must be within IntakeLimits (callers check first).
  // Hold state per house waybill: a waybill with an open hold gets
  // STILL_IN_PLACE until ResolveHold, except that a hold asking only for
  // information is lifted (RESOLVED) when the parcel comes back clean. After
  // ResolveHold, a re-screen is released (RESOLVED) while it holds on no
  // stronger referral, no missing data, no evidence beyond what the
  // resolution covered (core/hold_coverage.h) and no more goods than the
  // officer examined (core/consignment_facts.h); otherwise it is a NEW hold.
  // A parcel with a blank carrier_id is also held by any carrier's open hold
  // on the waybill (the strongest).
  // Errors: the store's, unchanged (nothing is returned unrecorded).
  absl::StatusOr<Verdict> Screen(const Consignment& parcel) const;

  // The verdict of a parcel whose Screen() failed with `cause`: HOLD + RFI
  // (kClosed) or RELEASE (kOpen) with reason SCREENING_UNAVAILABLE (see
  // fail_verdict.h), stamped with a fresh decision id, the time and the
  // versions in force. Not recorded anywhere (recording is what failed).
  Verdict ScreeningUnavailable(const Consignment& parcel, const absl::Status& cause,
                               FailMode mode) const;

  // Lifts the open hold of one carrier on a waybill and records a RELEASE
  // verdict with HOLD_STATUS_RESOLVED naming who lifted it and why. Holds
  // are per (carrier_id, house_waybill): with carrier_id given, that
  // carrier's hold ("" is the carrier of unauthenticated single-node mode);
  // without, the one carrier with an open hold on the waybill.
  // FAILED_PRECONDITION when there is no such open hold; INVALID_ARGUMENT
  // when house_waybill or resolved_by is blank (IsBlankWaybill; spaces and
  // invisible characters only), or, without carrier_id,
  // when several carriers have an open hold on the waybill ("carrier_id:").
  absl::StatusOr<Verdict> ResolveHold(std::optional<std::string_view> carrier_id,
                                      std::string_view house_waybill, std::string_view resolved_by,
                                      std::string_view note) const;

  // The rules in force; a reload swaps them for the calls that start after.
  std::shared_ptr<const ScreeningConfig> config() const;
  void SetConfig(ScreeningConfig config);

  // A candidate ruleset judged beside the live one on every parcel, its
  // verdicts sent to `sink` and never returned. nullopt stops it.
  void SetShadow(std::optional<ScreeningConfig> candidate, ShadowSink* sink);
  // The shadow candidate, or null when none runs.
  std::shared_ptr<const ScreeningConfig> shadow_config() const;

 private:
  // The reasons and verdict of the parcel and its windows under `config`,
  // before hold state. `count` false reads the windows without moving them;
  // what it counts is appended to *counted (HistoryStore::CountAndSum).
  // `rule_terms` is the ruleset's number on the index (live_terms_ or
  // shadow_terms_).
  absl::StatusOr<Verdict> Judge(const Consignment& parcel, const ScreeningConfig& config,
                                uint64_t rule_terms, absl::Time now, bool count,
                                std::vector<WindowIncrement>* counted) const;
  void JudgeInShadow(const Consignment& parcel, const Verdict& live, absl::Time now) const;
  // Applies the waybill's hold state (previous verdict `latest`, if any) to
  // the verdict on `parcel` judged under `config`.
  void ApplyHoldState(const std::optional<Verdict>& latest, const Consignment& parcel,
                      const ScreeningConfig& config, Verdict* verdict) const;
  // Reading a waybill's hold and recording the next verdict must not
  // interleave with another verdict on the same waybill; striped locks keep
  // that cheap.
  absl::Mutex& WaybillLock(std::string_view house_waybill) const;
  // The evidence (core/hold_coverage.h) of the hold whose latest verdict is
  // `held`: its own and that of the verdicts before it back to the one that
  // placed the hold (each HOLD_STILL_IN_PLACE names the one before), as far
  // as the decision log has them. What an officer resolving it examined.
  std::string EvidenceOfHold(const Verdict& held) const;
  absl::StatusOr<std::optional<Verdict>> OpenHoldToResolve(
      std::optional<std::string_view> carrier_id, const std::string& house_waybill) const;

  mutable absl::Mutex config_mu_;
  std::shared_ptr<const ScreeningConfig> config_ ABSL_GUARDED_BY(config_mu_);
  std::shared_ptr<const ScreeningConfig> shadow_ ABSL_GUARDED_BY(config_mu_);
  ShadowSink* shadow_sink_ ABSL_GUARDED_BY(config_mu_) = nullptr;
  WatchlistIndex* const watchlist_;
  // The numbers the live and the shadow rulesets' terms are kept under on
  // watchlist_ (WatchlistIndex::SetRuleTerms).
  const uint64_t live_terms_ = WatchlistIndex::NewRuleTermSet();
  const uint64_t shadow_terms_ = WatchlistIndex::NewRuleTermSet();
  DecisionStore* const decisions_;
  const Clock* const clock_;
  HistoryStore* const history_;
  mutable DecisionIdGenerator ids_;
  mutable std::array<absl::Mutex, 64> waybill_locks_;
};

}  // namespace placi::core

#endif  // PLACI_CORE_SCREENER_H_
