// One parcel through the server; see parcel_intake.h.
#include "server/parcel_intake.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/consignment.h"
#include "placi/convert/convert.h"
#include "server/grpc_status.h"
#include "server/json_log.h"

namespace placi::server {

ParcelIntake::ParcelIntake(const core::Screener* screener, Metrics* metrics, Options options)
    : screener_(screener),
      metrics_(metrics),
      options_(std::move(options)),
      fail_verdicts_(std::make_unique<FailVerdicts>(*metrics->registry())) {}

absl::Status ParcelIntake::Screen(Method method, const screening::v1::Consignment& in,
                                  absl::Time deadline, core::Verdict* verdict, std::string* field,
                                  std::string_view carrier) const {
  metrics_->ParcelReceived(method);
  field->clear();

  // Work for a caller that has given up is not done.
  if (absl::Now() >= deadline) {
    return Fail(method, in, absl::DeadlineExceededError("deadline expired before screening"));
  }

  core::Consignment parcel;
  std::optional<core::FieldViolation> bad = convert::ConsignmentFromProto(in, &parcel);
  if (!carrier.empty()) parcel.carrier_id = std::string(carrier);
  if (!bad) bad = core::FindLimitViolation(parcel, options_.limits);
  if (bad) {
    *field = bad->field;
    return Fail(method, in, core::ToInvalidArgument(*bad), bad->field);
  }

  const absl::Time start = absl::Now();
  absl::StatusOr<core::Verdict> result = screener_->Screen(parcel);
  if (!result.ok()) {
    // Screening failed for a reason of ours: the parcel still gets an
    // answer, as the fail mode says (core decides what it is).
    fail_verdicts_->Record(options_.fail_mode);
    LogScreeningUnavailable(method, parcel, result.status());
    result = screener_->ScreeningUnavailable(parcel, result.status(), options_.fail_mode);
  }
  const absl::Duration elapsed = absl::Now() - start;

  metrics_->ParcelScreened(*result, elapsed);
  if (LogVerdicts()) LogVerdict(method, *result, elapsed);
  *verdict = *std::move(result);
  return absl::OkStatus();
}

absl::Status ParcelIntake::CheckLimits(const screening::v1::Consignment& in,
                                       std::string* field) const {
  field->clear();
  core::Consignment parcel;
  std::optional<core::FieldViolation> bad = convert::ConsignmentFromProto(in, &parcel);
  if (!bad) bad = core::FindLimitViolation(parcel, options_.limits);
  if (!bad) return absl::OkStatus();
  *field = bad->field;
  return core::ToInvalidArgument(*bad);
}

absl::Status ParcelIntake::Refuse(Method method, const screening::v1::Consignment& in,
                                  absl::Status status, std::string_view field) const {
  metrics_->ParcelReceived(method);
  return Fail(method, in, std::move(status), field);
}

absl::Status ParcelIntake::Overloaded() {
  return absl::ResourceExhaustedError(
      "server overloaded: too many parcels in flight; retry with backoff");
}

absl::Status ParcelIntake::Fail(absl::Status status) const {
  metrics_->ParcelFailed(static_cast<grpc::StatusCode>(status.code()));
  return status;
}

namespace {

std::string_view View(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace

absl::Status ParcelIntake::Fail(Method method, const screening::v1::Consignment& in,
                                absl::Status status, std::string_view field) const {
  // Per-parcel, like verdicts: an overload or a carrier's broken integration
  // must not also flood the log unless asked. The ids come from the message
  // as received (the logger cuts long values); the body is never logged.
  if (LogVerdicts()) {
    LogEvent(LogLevel::kWarning, "parcel_rejected")
        .Str("request_id", in.request_id())
        .Str("carrier_id", in.carrier_id())
        .Str("house_waybill", in.house_waybill())
        .Str("grpc_method", MethodName(method))
        .Str("code", GrpcCodeName(static_cast<grpc::StatusCode>(status.code())))
        .Str("field", field)
        .Str("error", View(status.message()))
        .Write();
  }
  return Fail(std::move(status));
}

void ParcelIntake::LogNotDelivered(Method method, const core::Verdict& v,
                                   absl::StatusCode code) const {
  if (!LogVerdicts()) return;
  LogEvent(LogLevel::kWarning, "verdict_not_delivered",
           "the call ended before its verdict was sent; the verdict is in the decision log")
      .Str("decision_id", v.decision_id)
      .Str("request_id", v.request_id)
      .Str("carrier_id", v.carrier_id)
      .Str("house_waybill", v.house_waybill)
      .Str("grpc_method", MethodName(method))
      .Str("code", GrpcCodeName(static_cast<grpc::StatusCode>(code)))
      .Write();
}

void ParcelIntake::LogVerdict(Method method, const core::Verdict& v,
                              absl::Duration elapsed) const {
  LogEvent(LogLevel::kInfo, "verdict")
      .Str("decision_id", v.decision_id)
      .Str("request_id", v.request_id)
      .Str("carrier_id", v.carrier_id)
      .Str("house_waybill", v.house_waybill)
      .Str("decision", DecisionLabel(v.decision))
      .Str("referral", ReferralLabel(v.referral))
      .Str("hold_status", HoldStatusLabel(v.hold_status))
      .Int("risk_score", v.risk_score)
      .List("reasons", v.reasons, [](const core::Reason& r) { return std::string_view(r.code); })
      .Str("ruleset_version", v.ruleset_version)
      .Uint("watchlist_version", v.watchlist_version)
      .Str("grpc_method", MethodName(method))
      .Int("duration_us", absl::ToInt64Microseconds(elapsed))
      .Write();
}

void ParcelIntake::LogScreeningUnavailable(Method method, const core::Consignment& parcel,
                                           const absl::Status& error) const {
  LogEvent(LogLevel::kError, "screening_unavailable",
           "screening failed, the parcel gets the fallback verdict")
      .Str("request_id", parcel.request_id)
      .Str("carrier_id", parcel.carrier_id)
      .Str("house_waybill", parcel.house_waybill)
      .Str("grpc_method", MethodName(method))
      .Str("code", GrpcCodeName(static_cast<grpc::StatusCode>(error.code())))
      .Str("error", View(error.message()))
      .Str("fail_mode", core::FailModeName(options_.fail_mode))
      .Write();
}

}  // namespace placi::server
