// placi.screening.v1.ScreeningService; see screening_service.h.
#include "server/screening_service.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/time/time.h"
#include "server/grpc_status.h"
#include "server/screen_stream_reactor.h"

namespace placi::server {
namespace {

// A stream refused before its first read (no credentials, wrong role).
class RefusedStreamReactor final
    : public grpc::ServerBidiReactor<screening::v1::ScreenStreamRequest,
                                     screening::v1::ScreenStreamResponse> {
 public:
  RefusedStreamReactor(Metrics* metrics, grpc::Status status) {
    metrics->CallStarted(Method::kScreenStream);
    metrics->CallHandled(Method::kScreenStream, status.error_code(), absl::ZeroDuration());
    Finish(std::move(status));
  }
  void OnDone() override { delete this; }
};

}  // namespace

ScreeningService::ScreeningService(const ParcelIntake* intake, Metrics* metrics,
                                   const Authorizer* authorizer, ScreeningPool::Options pool)
    : intake_(intake), metrics_(metrics), authorizer_(authorizer), pool_(pool) {}

grpc::ServerUnaryReactor* ScreeningService::Screen(grpc::CallbackServerContext* context,
                                                   const screening::v1::ScreenRequest* request,
                                                   screening::v1::ScreenResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // Shared: the task may be refused (and dropped) and the call still needs
  // its timer.
  auto timer = std::make_shared<CallTimer>(metrics_, Method::kScreen);
  auto finish = [reactor, response, timer](const absl::Status& result) {
    grpc::Status status = ToGrpcStatus(result);
    if (!status.ok()) response->Clear();
    timer->Done(status.error_code());
    reactor->Finish(status);
  };
  // Request and response live until Finish; the deadline is read here, on
  // gRPC's thread.
  const absl::Time deadline = absl::FromChrono(context->deadline());
  absl::StatusOr<Caller> caller = authorizer_->Authorize(*context, Method::kScreen);
  absl::Status allowed = caller.ok()
                             ? authorizer_->CheckParcelCarrier(
                                   *caller, request->consignment().carrier_id(), Method::kScreen)
                             : caller.status();
  if (!allowed.ok()) {
    finish(intake_->Refuse(Method::kScreen, request->consignment(), std::move(allowed)));
    return reactor;
  }
  // The verdict's carrier id: the caller's, if it is a carrier.
  std::string carrier(caller->carrier());
  // On this gRPC thread when the pool is idle enough (screening_pool.h).
  const bool accepted = pool_.TryRun([this, context, request, response, deadline, finish,
                                         carrier = std::move(carrier)] {
    // A caller that cancelled while the parcel waited gets no work done.
    if (context->IsCancelled()) {
      finish(intake_->Refuse(Method::kScreen, request->consignment(),
                             absl::CancelledError("call cancelled before screening")));
      return;
    }
    std::string field;
    finish(intake_->Screen(Method::kScreen, request->consignment(), deadline,
                           response->mutable_verdict(), &field, carrier));
  });
  if (!accepted) {
    finish(intake_->Refuse(Method::kScreen, request->consignment(), ParcelIntake::Overloaded()));
  }
  return reactor;
}

grpc::ServerBidiReactor<screening::v1::ScreenStreamRequest, screening::v1::ScreenStreamResponse>*
ScreeningService::ScreenStream(grpc::CallbackServerContext* context) {
  absl::StatusOr<Caller> caller = authorizer_->Authorize(*context, Method::kScreenStream);
  if (!caller.ok()) return new RefusedStreamReactor(metrics_, ToGrpcStatus(caller.status()));
  // Deletes itself once gRPC and the pool are done with it.
  return new ScreenStreamReactor(context, intake_, &pool_, metrics_, authorizer_,
                                 *std::move(caller));
}

}  // namespace placi::server
