// placi.screening.v1.RulesService; see rules_service.h.
#include "server/rules_service.h"

#include <memory>
#include <optional>
#include <string>

#include "placi/convert/rules.h"
#include "server/grpc_status.h"
#include "server/ruleset_label.h"
#include "server/unary.h"

namespace placi::server {

namespace pb = ::placi::screening::v1;

namespace {

// The rules as a file would hold them: the version without the digest the
// server adds (a file saved from this and loaded gets its own).
std::string AsFile(const core::ScreeningConfig& rules) {
  core::ScreeningConfig file = rules;
  file.ruleset_version = std::string(WithoutDigest(rules.ruleset_version));
  return convert::RulesToText(file);
}

}  // namespace

grpc::ServerUnaryReactor* RulesService::ReloadRules(grpc::CallbackServerContext* context,
                                                    const pb::ReloadRulesRequest* request,
                                                    pb::ReloadRulesResponse* response) {
  return FinishUnary(context, metrics_, *authorizer_, Method::kReloadRules, *request, [&] {
    absl::StatusOr<std::string> version = reload_();
    if (!version.ok()) return ToGrpcStatus(version.status());
    response->set_ruleset_version(*version);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RulesService::GetRules(grpc::CallbackServerContext* context,
                                                 const pb::GetRulesRequest* request,
                                                 pb::GetRulesResponse* response) {
  return FinishUnary(context, metrics_, *authorizer_, Method::kGetRules, *request, [&] {
    std::shared_ptr<const core::ScreeningConfig> live = screener_->config();
    response->set_ruleset_version(live->ruleset_version);
    response->set_rules_text(AsFile(*live));
    if (std::shared_ptr<const core::ScreeningConfig> shadow = screener_->shadow_config()) {
      response->set_shadow_ruleset_version(shadow->ruleset_version);
      response->set_shadow_rules_text(AsFile(*shadow));
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RulesService::SetShadowRules(grpc::CallbackServerContext* context,
                                                       const pb::SetShadowRulesRequest* request,
                                                       pb::SetShadowRulesResponse* response) {
  return FinishUnary(context, metrics_, *authorizer_, Method::kSetShadowRules, *request, [&] {
    const std::string live_version = screener_->config()->ruleset_version;
    if (request->rules_text().empty()) {
      screener_->SetShadow(std::nullopt, nullptr);
      metrics_->SetRulesets(live_version, "");
      return grpc::Status::OK;
    }
    if (request->rules_text().size() > kMaxRulesBytes) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "rules_text: longer than 1 MiB");
    }
    absl::StatusOr<core::ScreeningConfig> candidate =
        convert::ParseRules(request->rules_text(), "rules_text");
    if (!candidate.ok()) return ToGrpcStatus(candidate.status());  // names the line
    LabelWithDigest(&*candidate);
    const std::string version = candidate->ruleset_version;
    screener_->SetShadow(*std::move(candidate), shadow_sink_);
    metrics_->SetRulesets(live_version, version);
    response->set_shadow_ruleset_version(version);
    return grpc::Status::OK;
  });
}

}  // namespace placi::server
