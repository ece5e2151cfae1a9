// The way of one parcel through the server, shared by Screen and
// ScreenStream: the deadline check, proto →
// domain (convert), intake limits, core screening, domain → proto, and the
// per-parcel metrics. No business rule lives here; that is core::Screener's
// job (the fallback verdict included, core/fail_verdict.h).
//
//   ParcelIntake intake(&screener, &metrics, {.fail_mode = core::FailMode::kClosed});
//   core::Verdict verdict;  // its reply's bytes: VerdictReply (parcel_wire.h)
//   std::string field;
//   absl::Status s = intake.Screen(Method::kScreen, request.consignment(),
//                                  absl::FromChrono(context->deadline()), &verdict, &field);
#ifndef PLACI_SERVER_PARCEL_INTAKE_H_
#define PLACI_SERVER_PARCEL_INTAKE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/fail_verdict.h"
#include "core/intake_limits.h"
#include "core/screener.h"
#include "core/verdict.h"
#include "placi/screening/v1/consignment.pb.h"
#include "server/fail_verdicts.h"
#include "server/metrics.h"

namespace placi::server {

// Thread-safe; the screener and metrics outlive it.
class ParcelIntake {
 public:
  struct Options {
    core::IntakeLimits limits = {};
    // What a parcel gets when screening fails for a reason of the server's
    // own (storage): HOLD + RFI (kClosed) or RELEASE (kOpen), reason
    // SCREENING_UNAVAILABLE.
    core::FailMode fail_mode = core::FailMode::kClosed;
  };

  ParcelIntake(const core::Screener* screener, Metrics* metrics, Options options);
  ParcelIntake(const core::Screener* screener, Metrics* metrics, core::IntakeLimits limits = {})
      : ParcelIntake(screener, metrics, Options{.limits = limits}) {}

  // Screens one parcel received by `method` and fills `verdict`. Refused,
  // with nothing screened or recorded:
  //   DEADLINE_EXCEEDED  `deadline` (the call's) has passed already;
  //   INVALID_ARGUMENT   a message that cannot be a parcel, "<field>:
  //                      <description>", with the field path also in `*field`.
  // When the screener fails (storage), the parcel gets the fallback verdict
  // of Options::fail_mode and OK: it is not in the decision log.
  // A non-empty `carrier` (the caller's identity, auth.h) replaces the
  // parcel's carrier_id: the verdict and the decision log carry it.
  // Blocks for the decision-log write (a RocksDB WAL append, synced only
  // with --sync_decisions): run it on a ScreeningPool thread, not on one of
  // gRPC's (screening_pool.h).
  absl::Status Screen(Method method, const screening::v1::Consignment& in, absl::Time deadline,
                      core::Verdict* verdict, std::string* field,
                      std::string_view carrier = {}) const;
  absl::Status Screen(Method method, const screening::v1::Consignment& in, core::Verdict* verdict,
                      std::string* field) const {
    return Screen(method, in, absl::InfiniteFuture(), verdict, field);
  }

  // The intake limits alone, with nothing screened or recorded:
  // INVALID_ARGUMENT "<field>: <description>" (the path also in `*field`)
  // for a message that cannot be a parcel, OK otherwise. For a message over
  // the size limit (request_size.h), refused either way: one that cannot be
  // a parcel is told which field, as a smaller one is (architecture.md: "a
  // 10 MB description" is INVALID_ARGUMENT), and only a parcel that is
  // merely too big gets RESOURCE_EXHAUSTED.
  absl::Status CheckLimits(const screening::v1::Consignment& in, std::string* field) const;

  // Records a parcel refused before screening (the bound on parcels in
  // flight, screening_pool.h; a request that does not parse,
  // parcel_wire.h, with `field` the path it names) as Screen records its
  // refusals, and returns `status`.
  absl::Status Refuse(Method method, const screening::v1::Consignment& in, absl::Status status,
                      std::string_view field = {}) const;
  // RESOURCE_EXHAUSTED, the refusal of a parcel past the bound.
  static absl::Status Overloaded();

  // A verdict that Screen made (it is in the decision log, a hold it placed
  // is in place) but that its caller never got, because the call ended
  // first with `code` (DEADLINE_EXCEEDED, CANCELLED, UNAVAILABLE): a
  // "verdict_not_delivered" warning with its ids, with --log_verdicts as the
  // "verdict" event, so that the audit trail says which verdicts a carrier
  // never saw (review9a; README "Retries": the carrier finds them with
  // ListDecisions).
  void LogNotDelivered(Method method, const core::Verdict& verdict, absl::StatusCode code) const;

 private:
  absl::Status Fail(absl::Status status) const;
  // Fail(status), and a "parcel_rejected" log event (with --log_verdicts)
  // carrying the parcel's ids as received.
  absl::Status Fail(Method method, const screening::v1::Consignment& in, absl::Status status,
                    std::string_view field = {}) const;
  // Log events (json_log.h): "verdict" (with --log_verdicts) and
  // "screening_unavailable" (always, an error).
  void LogVerdict(Method method, const core::Verdict& verdict, absl::Duration elapsed) const;
  void LogScreeningUnavailable(Method method, const core::Consignment& parcel,
                               const absl::Status& error) const;

  const core::Screener* const screener_;
  Metrics* const metrics_;
  const Options options_;
  std::unique_ptr<FailVerdicts> fail_verdicts_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_PARCEL_INTAKE_H_
