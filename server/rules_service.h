// placi.screening.v1.RulesService: reload the rules file, read the rules in
// force, run a candidate ruleset in shadow. The rules themselves live in
// core/ (ScreeningConfig); the file format in proto/placi/convert/rules.h.
#ifndef PLACI_SERVER_RULES_SERVICE_H_
#define PLACI_SERVER_RULES_SERVICE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "core/screener.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "server/auth.h"
#include "server/metrics.h"

namespace placi::server {

// Thread-safe; everything passed in outlives the service.
class RulesService final : public screening::v1::RulesService::CallbackService {
 public:
  // Re-reads the rules file and swaps the rules; returns the new version.
  using Reloader = std::function<absl::StatusOr<std::string>()>;

  // Largest shadow ruleset accepted, in bytes.
  static constexpr size_t kMaxRulesBytes = 1 << 20;

  // Every method is for admins (auth.h).
  RulesService(core::Screener* screener, core::ShadowSink* shadow_sink, Reloader reload,
               Metrics* metrics, const Authorizer* authorizer)
      : screener_(screener),
        shadow_sink_(shadow_sink),
        reload_(std::move(reload)),
        metrics_(metrics),
        authorizer_(authorizer) {}

  grpc::ServerUnaryReactor* ReloadRules(grpc::CallbackServerContext* context,
                                        const screening::v1::ReloadRulesRequest* request,
                                        screening::v1::ReloadRulesResponse* response) override;
  grpc::ServerUnaryReactor* GetRules(grpc::CallbackServerContext* context,
                                     const screening::v1::GetRulesRequest* request,
                                     screening::v1::GetRulesResponse* response) override;
  grpc::ServerUnaryReactor* SetShadowRules(grpc::CallbackServerContext* context,
                                           const screening::v1::SetShadowRulesRequest* request,
                                           screening::v1::SetShadowRulesResponse* response) override;

 private:
  core::Screener* const screener_;
  core::ShadowSink* const shadow_sink_;
  const Reloader reload_;
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_RULES_SERVICE_H_
