// The one shape of every unary method here: compute a status and a
// response synchronously, record the call's metrics, finish the default
// reactor.
//
//   return FinishUnary(context, metrics_, Method::kGetEntry,
//                      [&] { return DoGetEntry(*request, response); });
#ifndef PLACI_SERVER_UNARY_H_
#define PLACI_SERVER_UNARY_H_

#include <string>

#include "grpcpp/grpcpp.h"
#include "server/grpc_status.h"
#include "server/json_log.h"
#include "server/metrics.h"

namespace placi::server {

// Codes that say the service failed (the alerts' "server errors"); callers'
// mistakes (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, ...) are not
// logged: the caller has the answer.
inline bool IsServerError(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
      return true;
    default:
      return false;
  }
}

inline void LogRpcError(Method method, const grpc::Status& status) {
  LogEvent(LogLevel::kError, "rpc_failed")
      .Str("grpc_method", MethodName(method))
      .Str("code", GrpcCodeName(status.error_code()))
      .Str("error", status.error_message())
      .Write();
}

template <typename Handler>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, Metrics* metrics,
                                      Method method, Handler&& handler) {
  CallTimer timer(metrics, method);
  grpc::Status status = handler();
  timer.Done(status.error_code());
  if (IsServerError(status.error_code())) LogRpcError(method, status);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

}  // namespace placi::server

#endif  // PLACI_SERVER_UNARY_H_
