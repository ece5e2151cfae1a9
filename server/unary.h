// The one shape of every unary method here: compute a status and a
// response synchronously, record the call's metrics, finish the default
// reactor.
//
//   return FinishUnary(context, metrics_, Method::kGetEntry,
//                      [&] { return DoGetEntry(*request, response); });
#ifndef PLACI_SERVER_UNARY_H_
#define PLACI_SERVER_UNARY_H_

#include <string>
#include <type_traits>

#include "google/protobuf/message_lite.h"
#include "grpcpp/grpcpp.h"
#include "server/auth.h"
#include "server/grpc_status.h"
#include "server/json_log.h"
#include "server/metrics.h"
#include "server/request_size.h"

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

// The same, for a method that needs an authorized caller (auth.h): a
// refused call finishes with UNAUTHENTICATED or PERMISSION_DENIED without
// running `handler`, which is called with the Caller if it takes one.
//
//   return FinishUnary(context, metrics_, *authorizer_, Method::kGetDecision, *request,
//                      [&](const Caller& caller) { ... });
//
// `request` is checked against the request size limit (request_size.h)
// after the caller: RESOURCE_EXHAUSTED, counted, without running `handler`.
template <typename Handler>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, Metrics* metrics,
                                      const Authorizer& authorizer, Method method,
                                      const google::protobuf::MessageLite& request,
                                      Handler&& handler) {
  return FinishUnary(context, metrics, method, [&]() -> grpc::Status {
    absl::StatusOr<Caller> caller = authorizer.Authorize(*context, method);
    if (!caller.ok()) return ToGrpcStatus(caller.status());
    if (absl::Status size = CheckRequestSize(request.ByteSizeLong()); !size.ok()) {
      return ToGrpcStatus(size);
    }
    if constexpr (std::is_invocable_v<Handler, const Caller&>) {
      return handler(*caller);
    } else {
      return handler();
    }
  });
}

}  // namespace placi::server

#endif  // PLACI_SERVER_UNARY_H_
