// placi.screening.v1.ScreeningService; see screening_service.h.
#include "server/screening_service.h"

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "server/grpc_status.h"
#include "server/screen_stream_reactor.h"

namespace placi::server {

ScreeningService::ScreeningService(const ParcelIntake* intake, Metrics* metrics,
                                   ScreeningPool::Options pool)
    : intake_(intake), metrics_(metrics), pool_(pool) {}

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
  const bool accepted = pool_.TrySubmit([this, context, request, response, deadline, finish] {
    // A caller that cancelled while the parcel waited gets no work done.
    if (context->IsCancelled()) {
      finish(intake_->Refuse(Method::kScreen, request->consignment(),
                             absl::CancelledError("call cancelled before screening")));
      return;
    }
    std::string field;
    finish(intake_->Screen(Method::kScreen, request->consignment(), deadline,
                           response->mutable_verdict(), &field));
  });
  if (!accepted) {
    finish(intake_->Refuse(Method::kScreen, request->consignment(), ParcelIntake::Overloaded()));
  }
  return reactor;
}

grpc::ServerBidiReactor<screening::v1::ScreenStreamRequest, screening::v1::ScreenStreamResponse>*
ScreeningService::ScreenStream(grpc::CallbackServerContext* context) {
  // Deletes itself once gRPC and the pool are done with it.
  return new ScreenStreamReactor(context, intake_, &pool_, metrics_);
}

}  // namespace placi::server
