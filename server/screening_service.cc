// placi.screening.v1.ScreeningService; see screening_service.h.
#include "server/screening_service.h"

#include <string>

#include "absl/time/time.h"
#include "server/grpc_status.h"
#include "server/screen_stream_reactor.h"

namespace placi::server {

grpc::ServerUnaryReactor* ScreeningService::Screen(grpc::CallbackServerContext* context,
                                                   const screening::v1::ScreenRequest* request,
                                                   screening::v1::ScreenResponse* response) {
  CallTimer timer(metrics_, Method::kScreen);
  std::string field;
  grpc::Status status =
      ToGrpcStatus(intake_->Screen(Method::kScreen, request->consignment(),
                                   absl::FromChrono(context->deadline()),
                                   response->mutable_verdict(), &field));
  if (!status.ok()) response->Clear();
  timer.Done(status.error_code());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

grpc::ServerBidiReactor<screening::v1::ScreenStreamRequest, screening::v1::ScreenStreamResponse>*
ScreeningService::ScreenStream(grpc::CallbackServerContext* context) {
  // Deletes itself in OnDone.
  return new ScreenStreamReactor(context, intake_, metrics_);
}

}  // namespace placi::server
