// One parcel through the server; see parcel_intake.h.
#include "server/parcel_intake.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/consignment.h"
#include "placi/convert/convert.h"

namespace placi::server {
namespace {

// One slot of the in-flight bound, given back on every path.
class InFlightSlot {
 public:
  InFlightSlot(std::atomic<int>* counter, int max) : counter_(counter) {
    const int before = counter_->fetch_add(1, std::memory_order_relaxed);
    taken_ = max <= 0 || before < max;
    if (!taken_) counter_->fetch_sub(1, std::memory_order_relaxed);
  }
  ~InFlightSlot() {
    if (taken_) counter_->fetch_sub(1, std::memory_order_relaxed);
  }
  InFlightSlot(const InFlightSlot&) = delete;
  InFlightSlot& operator=(const InFlightSlot&) = delete;
  bool taken() const { return taken_; }

 private:
  std::atomic<int>* const counter_;
  bool taken_ = false;
};

}  // namespace

ParcelIntake::ParcelIntake(const core::Screener* screener, Metrics* metrics, Options options)
    : screener_(screener),
      metrics_(metrics),
      options_(std::move(options)),
      fail_verdicts_(std::make_unique<FailVerdicts>(*metrics->registry())) {}

absl::Status ParcelIntake::Screen(Method method, const screening::v1::Consignment& in,
                                  absl::Time deadline, screening::v1::Verdict* verdict,
                                  std::string* field) const {
  metrics_->ParcelReceived(method);
  field->clear();

  // Work for a caller that has given up is not done.
  if (absl::Now() >= deadline) {
    return Fail(absl::DeadlineExceededError("deadline expired before screening"));
  }
  InFlightSlot slot(&in_flight_, options_.max_in_flight);
  if (!slot.taken()) {
    return Fail(absl::ResourceExhaustedError(absl::StrCat(
        "server overloaded: ", options_.max_in_flight, " parcels in flight; retry with backoff")));
  }

  core::Consignment parcel;
  std::optional<core::FieldViolation> bad = convert::ConsignmentFromProto(in, &parcel);
  if (!bad) bad = core::FindLimitViolation(parcel, options_.limits);
  if (bad) {
    *field = bad->field;
    return Fail(core::ToInvalidArgument(*bad));
  }

  const absl::Time start = absl::Now();
  absl::StatusOr<core::Verdict> result = screener_->Screen(parcel);
  if (!result.ok()) {
    // Screening failed for a reason of ours: the parcel still gets an
    // answer, as the fail mode says (core decides what it is).
    fail_verdicts_->Record(options_.fail_mode);
    result = screener_->ScreeningUnavailable(parcel, result.status(), options_.fail_mode);
  }
  const absl::Duration elapsed = absl::Now() - start;

  metrics_->ParcelScreened(result->decision, result->referral, elapsed);
  convert::VerdictToProto(*result, verdict);
  return absl::OkStatus();
}

absl::Status ParcelIntake::Fail(absl::Status status) const {
  metrics_->ParcelFailed(static_cast<grpc::StatusCode>(status.code()));
  return status;
}

}  // namespace placi::server
