// One parcel through the server; see parcel_intake.h.
#include "server/parcel_intake.h"

#include <optional>
#include <utility>

#include "absl/time/clock.h"
#include "core/consignment.h"
#include "placi/convert/convert.h"

namespace placi::server {

absl::Status ParcelIntake::Screen(Method method, const screening::v1::Consignment& in,
                                  screening::v1::Verdict* verdict, std::string* field) const {
  metrics_->ParcelReceived(method);
  field->clear();

  core::Consignment parcel;
  std::optional<core::FieldViolation> bad = convert::ConsignmentFromProto(in, &parcel);
  if (!bad) bad = core::FindLimitViolation(parcel, limits_);
  if (bad) {
    *field = bad->field;
    return Fail(core::ToInvalidArgument(*bad));
  }

  const absl::Time start = absl::Now();
  absl::StatusOr<core::Verdict> result = screener_->Screen(parcel);
  const absl::Duration elapsed = absl::Now() - start;
  if (!result.ok()) return Fail(result.status());

  metrics_->ParcelScreened(result->decision, result->referral, elapsed);
  convert::VerdictToProto(*result, verdict);
  return absl::OkStatus();
}

absl::Status ParcelIntake::Fail(absl::Status status) const {
  metrics_->ParcelFailed(static_cast<grpc::StatusCode>(status.code()));
  return status;
}

}  // namespace placi::server
