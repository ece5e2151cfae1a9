// INVALID_ARGUMENT for a request that protobuf's parser refuses, on every
// method that gRPC parses for us.
//
// gRPC 1.51's callback API parses a unary (or server-streaming) request
// before the handler runs; when the bytes are not a message of the request
// type (no protobuf at all, or a proto3 string that is not UTF-8) it never
// calls the handler and finishes the call with UNIMPLEMENTED and an empty
// message (CallbackUnaryHandler::RunHandler, server_callback_handlers.h),
// which tells an admin the method does not exist. This server interceptor
// sees the failed parse (POST_RECV_MESSAGE with no message) and rewrites
// that status as it is sent: the caller's refusal (UNAUTHENTICATED,
// PERMISSION_DENIED) first, as on Screen, else INVALID_ARGUMENT
// "request is not a valid <Type>". Screen and ScreenStream read raw bytes
// and name the bad field themselves (parcel_wire.h); no interceptor is made
// for them (they pay only the factory's look at the method name), nor for
// gRPC's own health and reflection services.
//
//   std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> f;
//   f.push_back(std::make_unique<UnreadableRequestInterceptorFactory>(&metrics, &authorizer));
//   builder.experimental().SetInterceptorCreators(std::move(f));
#ifndef PLACI_SERVER_UNREADABLE_REQUEST_H_
#define PLACI_SERVER_UNREADABLE_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>

#include "grpcpp/support/server_interceptor.h"
#include "server/auth.h"
#include "server/metrics.h"

namespace placi::server {

// The method of placi.screening.v1 that `full_name` ("/placi.screening.v1.
// DecisionService/ResolveHold") names, or nullopt (health, reflection, …).
std::optional<Method> PlaciMethodOf(std::string_view full_name);

// "request is not a valid ResolveHoldRequest", as Screen says it: the request
// type's name from the generated descriptors ("request is not valid" if the method is not
// known to them).
std::string UnreadableRequestMessage(std::string_view full_name);

// Thread-safe; metrics and authorizer outlive the server.
class UnreadableRequestInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  UnreadableRequestInterceptorFactory(Metrics* metrics, const Authorizer* authorizer)
      : metrics_(metrics), authorizer_(authorizer) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_UNREADABLE_REQUEST_H_
