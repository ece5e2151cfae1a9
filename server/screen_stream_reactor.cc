// The reactor of one ScreenStream call; see screen_stream_reactor.h.
#include "server/screen_stream_reactor.h"

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "core/intake_limits.h"

namespace placi::server {

namespace pb = ::placi::screening::v1;

ScreenStreamReactor::ScreenStreamReactor(grpc::CallbackServerContext* context,
                                         const ParcelIntake* intake, Metrics* metrics)
    : context_(context), intake_(intake), metrics_(metrics), start_(absl::Now()) {
  metrics_->CallStarted(Method::kScreenStream);
  absl::MutexLock lock(&mu_);
  MaybeStartReadLocked();
}

pb::ScreenStreamResponse ScreenStreamReactor::Answer() {
  pb::ScreenStreamResponse response;
  std::string field;
  // The stream's deadline bounds each of its parcels too.
  absl::Status status =
      intake_->Screen(Method::kScreenStream, request_.consignment(),
                      absl::FromChrono(context_->deadline()), response.mutable_verdict(), &field);
  if (!status.ok()) {
    // The parcel gets an error in its place in the order, and the stream goes
    // on: one bad parcel in a manifest of thousands must not cost the rest.
    response.Clear();
    pb::ParcelError* error = response.mutable_error();
    const std::string& request_id = request_.consignment().request_id();
    // Echo the id only when it is one (an oversized id may be the violation).
    if (request_id.size() <= core::IntakeLimits().max_id_bytes) error->set_request_id(request_id);
    error->set_code(static_cast<int>(status.code()));
    error->set_message(std::string(status.message()));
    error->set_field(field);
  }
  return response;
}

void ScreenStreamReactor::OnReadDone(bool ok) {
  if (!ok) {
    // The client half-closed, or the call broke: either way no more parcels.
    absl::MutexLock lock(&mu_);
    reading_ = false;
    reads_done_ = true;
    MaybeFinishLocked();
    return;
  }
  pb::ScreenStreamResponse response = Answer();
  absl::MutexLock lock(&mu_);
  reading_ = false;
  if (finished_) return;  // cancelled meanwhile: the answer has nowhere to go
  pending_.push_back(std::move(response));
  MaybeStartWriteLocked();
  MaybeStartReadLocked();
}

void ScreenStreamReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  if (!pending_.empty()) pending_.pop_front();
  if (!ok) {
    // The client is gone; nothing more can be delivered.
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream write failed"));
    return;
  }
  MaybeStartWriteLocked();
  MaybeStartReadLocked();
  MaybeFinishLocked();
}

void ScreenStreamReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled"));
}

void ScreenStreamReactor::OnDone() {
  grpc::StatusCode code;
  {
    absl::MutexLock lock(&mu_);
    code = final_code_;
  }
  metrics_->CallHandled(Method::kScreenStream, code, absl::Now() - start_);
  delete this;
}

void ScreenStreamReactor::MaybeStartReadLocked() {
  if (reading_ || reads_done_ || finished_ || pending_.size() >= kMaxPendingResponses) return;
  reading_ = true;
  StartRead(&request_);
}

void ScreenStreamReactor::MaybeStartWriteLocked() {
  if (writing_ || finished_ || pending_.empty()) return;
  writing_ = true;
  StartWrite(&pending_.front());
}

void ScreenStreamReactor::MaybeFinishLocked() {
  if (finished_ || !reads_done_ || reading_ || writing_ || !pending_.empty()) return;
  // A read that failed because the call was cancelled also lands here;
  // report it as what it was.
  FinishLocked(context_->IsCancelled()
                   ? grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled")
                   : grpc::Status::OK);
}

void ScreenStreamReactor::FinishLocked(grpc::Status status) {
  if (finished_) return;
  finished_ = true;
  final_code_ = status.error_code();
  Finish(std::move(status));
}

}  // namespace placi::server
