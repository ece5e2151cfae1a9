// See unreadable_request.h.
#include "server/unreadable_request.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "server/grpc_status.h"

namespace placi::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr std::string_view kPackagePrefix = "/placi.screening.v1.";

class UnreadableRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  UnreadableRequestInterceptor(grpc::experimental::ServerRpcInfo* info, Metrics* metrics,
                               const Authorizer* authorizer)
      : info_(info), metrics_(metrics), authorizer_(authorizer) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // No message after a receive: the parser refused the bytes (a message
    // that parses, even an empty one, is always there).
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unreadable_ = true;
    }
    if (unreadable_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      methods->ModifySendStatus(Answer());
    }
    methods->Proceed();
  }

 private:
  grpc::Status Answer() const {
    const std::optional<Method> method = PlaciMethodOf(info_->method());
    grpc::Status status(grpc::StatusCode::INVALID_ARGUMENT,
                        UnreadableRequestMessage(info_->method()));
    if (method.has_value()) {
      CallTimer timer(metrics_, *method);
      absl::StatusOr<Caller> caller = authorizer_->Authorize(*info_->server_context(), *method);
      if (!caller.ok()) status = ToGrpcStatus(caller.status());
      timer.Done(status.error_code());
    }
    return status;
  }

  grpc::experimental::ServerRpcInfo* const info_;
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
  bool unreadable_ = false;
};

}  // namespace

std::optional<Method> PlaciMethodOf(std::string_view full_name) {
  const absl::string_view name(full_name.data(), full_name.size());
  const size_t slash = name.rfind('/');
  if (!absl::StartsWith(name, absl::string_view(kPackagePrefix.data(), kPackagePrefix.size())) ||
      slash == absl::string_view::npos) {
    return std::nullopt;
  }
  const absl::string_view short_name = name.substr(slash + 1);
  for (int i = 0; i < kMethodCount; ++i) {
    const Method method = static_cast<Method>(i);
    const std::string_view candidate = MethodName(method);
    if (short_name == absl::string_view(candidate.data(), candidate.size())) return method;
  }
  return std::nullopt;
}

std::string UnreadableRequestMessage(std::string_view full_name) {
  // "/pkg.Service/Method" → "pkg.Service.Method", the descriptor's name.
  std::string dotted(full_name.substr(full_name.empty() ? 0 : 1));
  const size_t slash = dotted.rfind('/');
  if (slash != std::string::npos) dotted[slash] = '.';
  const google::protobuf::MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(dotted);
  if (method == nullptr) return "request is not valid";
  // The words Screen uses for bytes that are no ScreenRequest (parcel_wire.h).
  return absl::StrCat("request is not a valid ", method->input_type()->name());
}

grpc::experimental::Interceptor* UnreadableRequestInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // Screen and ScreenStream parse raw bytes themselves, and are the hot
  // path: no interceptor, no per-call cost. Health and reflection are
  // gRPC's own services, left as gRPC serves them.
  const std::optional<Method> method = PlaciMethodOf(info->method());
  if (!method || method == Method::kScreen || method == Method::kScreenStream) return nullptr;
  return new UnreadableRequestInterceptor(info, metrics_, authorizer_);
}

}  // namespace placi::server
