// placi.screening.v1.ScreeningService; see screening_service.h.
#include "server/screening_service.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/verdict.h"
#include "server/grpc_status.h"
#include "server/parcel_wire.h"
#include "server/recycled_messages.h"
#include "server/request_size.h"
#include "server/screen_stream_reactor.h"

namespace placi::server {
namespace {

namespace pb = ::placi::screening::v1;

// A stream refused before its first read (no credentials, wrong role).
class RefusedStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  RefusedStreamReactor(Metrics* metrics, grpc::Status status) {
    metrics->CallStarted(Method::kScreenStream);
    metrics->CallHandled(Method::kScreenStream, status.error_code(), absl::ZeroDuration());
    Finish(std::move(status));
  }
  void OnDone() override { delete this; }
};

using RecycledRequests = RecycledMessages<pb::ScreenRequest>;

// One Screen call: its messages, its timer and how it ends. Shared, as the
// task that screens it may be refused (and dropped) and the call still
// needs them; gRPC keeps the reactor and the response bytes until Finish.
class UnaryScreenCall {
 public:
  UnaryScreenCall(Metrics* metrics, grpc::ServerUnaryReactor* reactor,
                  grpc::ByteBuffer* response_bytes, size_t request_wire_bytes)
      : request(RecycledRequests::Shared().Take(request_wire_bytes)),
        timer_(metrics, Method::kScreen),
        start_(absl::Now()),
        reactor_(reactor),
        response_bytes_(response_bytes) {}

  // A recycled message (recycled_messages.h), back for the next call when
  // this one is done; ReadParcelRequest parses over what it held.
  const RecycledRequests::Ptr request;
  core::Verdict verdict;  // the response's, written by Finish (VerdictReply)

  absl::Time start() const { return start_; }

  // Sends `verdict` when `result` is OK, else `result`.
  void Finish(const absl::Status& result) {
    grpc::Status status = ToGrpcStatus(result);
    if (status.ok()) {
      grpc::Slice reply = VerdictReply(verdict);
      grpc::ByteBuffer bytes(&reply, 1);
      response_bytes_->Swap(&bytes);
    }
    timer_.Done(status.error_code());
    reactor_->Finish(status);
  }

 private:
  CallTimer timer_;
  const absl::Time start_;
  grpc::ServerUnaryReactor* const reactor_;
  grpc::ByteBuffer* const response_bytes_;
};

}  // namespace

ScreeningService::ScreeningService(const ParcelIntake* intake, Metrics* metrics,
                                   const Authorizer* authorizer, ScreeningPool::Options pool)
    : intake_(intake), metrics_(metrics), authorizer_(authorizer), pool_(pool) {}

grpc::ServerUnaryReactor* ScreeningService::Screen(grpc::CallbackServerContext* context,
                                                   const grpc::ByteBuffer* request_bytes,
                                                   grpc::ByteBuffer* response_bytes) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto call =
      std::make_shared<UnaryScreenCall>(metrics_, reactor, response_bytes, request_bytes->Length());
  // The deadline is read here, on gRPC's thread.
  const absl::Time deadline = absl::FromChrono(context->deadline());
  std::string field;  // the field a refused request names, for the log
  absl::Status read = ReadParcelRequest(*request_bytes, call->request.get(), &field);
  // Over the size limit: refused and counted here (request_size.h), with
  // the ids of the message for the log when it parsed; a message that
  // cannot be a parcel is told which field breaks a limit, as a smaller one
  // is (ParcelIntake::CheckLimits).
  if (absl::Status size = CheckRequestSize(request_bytes->Length()); !size.ok() && read.ok()) {
    read = intake_->CheckLimits(call->request->consignment(), &field);
    if (read.ok()) read = std::move(size);
  }
  absl::StatusOr<Caller> caller = authorizer_->Authorize(*context, Method::kScreen);
  absl::Status allowed;
  if (!caller.ok()) {
    // A caller that may not call is told so, whatever it sent.
    allowed = caller.status();
    field.clear();
  } else if (!read.ok()) {
    allowed = std::move(read);
  } else {
    allowed = authorizer_->CheckParcelCarrier(*caller, call->request->consignment().carrier_id(),
                                              Method::kScreen);
    if (!allowed.ok()) field = "carrier_id";  // as the refusal's message names it
  }
  if (!allowed.ok()) {
    call->Finish(
        intake_->Refuse(Method::kScreen, call->request->consignment(), std::move(allowed), field));
    return reactor;
  }
  // The verdict's carrier id: the caller's, if it is a carrier.
  std::string carrier(caller->carrier());
  // On this gRPC thread when the pool is idle enough (screening_pool.h).
  const bool accepted = pool_.TryRun(
      [this, context, call, deadline, carrier = std::move(carrier)] {
        // A caller that cancelled (or whose deadline passed) while the
        // parcel waited gets no work done; counted as the client saw it.
        if (context->IsCancelled()) {
          grpc::Status ended =
              ending_.Cancelled(call->start(), deadline, "call cancelled before screening");
          call->Finish(intake_->Refuse(
              Method::kScreen, call->request->consignment(),
              absl::Status(static_cast<absl::StatusCode>(ended.error_code()),
                           ended.error_message())));
          return;
        }
        std::string field;
        absl::Status screened = intake_->Screen(Method::kScreen, call->request->consignment(),
                                                deadline, &call->verdict, &field, carrier);
        if (screened.ok() && context->IsCancelled()) {
          // The deadline passed (or the client left) while the parcel was
          // screened: gRPC has answered the client already, so the verdict
          // (in the decision log) is logged as never delivered and the call
          // counted with the code the client got (review9a: counted OK).
          grpc::Status ended =
              ending_.Cancelled(call->start(), deadline, "the call ended during screening");
          const auto code = static_cast<absl::StatusCode>(ended.error_code());
          intake_->LogNotDelivered(Method::kScreen, call->verdict, code);
          screened = absl::Status(code, ended.error_message());
        }
        call->Finish(screened);
      },
      ScreeningPool::kUnary);
  if (!accepted) {
    call->Finish(intake_->Refuse(Method::kScreen, call->request->consignment(),
                                 ParcelIntake::Overloaded()));
  }
  return reactor;
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* ScreeningService::ScreenStream(
    grpc::CallbackServerContext* context) {
  absl::StatusOr<Caller> caller = authorizer_->Authorize(*context, Method::kScreenStream);
  if (!caller.ok()) return new RefusedStreamReactor(metrics_, ToGrpcStatus(caller.status()));
  // Deletes itself once gRPC and the pool are done with it.
  return new ScreenStreamReactor(context, intake_, &pool_, metrics_, authorizer_,
                                 *std::move(caller), &ending_);
}

}  // namespace placi::server
