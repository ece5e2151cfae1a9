// The one shape of every unary method here: compute a status and a
// response synchronously, record the call's metrics, finish the default
// reactor.
//
//   return FinishUnary(context, metrics_, Method::kGetEntry,
//                      [&] { return DoGetEntry(*request, response); });
#ifndef PLACI_SERVER_UNARY_H_
#define PLACI_SERVER_UNARY_H_

#include "grpcpp/grpcpp.h"
#include "server/metrics.h"

namespace placi::server {

template <typename Handler>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, Metrics* metrics,
                                      Method method, Handler&& handler) {
  CallTimer timer(metrics, method);
  grpc::Status status = handler();
  timer.Done(status.error_code());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

}  // namespace placi::server

#endif  // PLACI_SERVER_UNARY_H_
