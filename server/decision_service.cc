// placi.screening.v1.DecisionService; see decision_service.h.
#include "server/decision_service.h"

#include <vector>

#include "placi/convert/convert.h"
#include "server/grpc_status.h"
#include "server/json_log.h"
#include "server/unary.h"

namespace placi::server {

namespace pb = ::placi::screening::v1;

grpc::ServerUnaryReactor* DecisionService::GetDecision(grpc::CallbackServerContext* context,
                                                       const pb::GetDecisionRequest* request,
                                                       pb::GetDecisionResponse* response) {
  return FinishUnary(context, metrics_, Method::kGetDecision, [&] {
    if (request->decision_id().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "decision_id: required");
    }
    absl::StatusOr<core::Verdict> verdict =
        request->shadow() ? decisions_->GetShadowDecision(request->decision_id())
                          : decisions_->GetDecision(request->decision_id());
    if (!verdict.ok()) return ToGrpcStatus(verdict.status());  // NOT_FOUND from the store
    convert::VerdictToProto(*verdict, response->mutable_verdict());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* DecisionService::ListDecisions(grpc::CallbackServerContext* context,
                                                         const pb::ListDecisionsRequest* request,
                                                         pb::ListDecisionsResponse* response) {
  return FinishUnary(context, metrics_, Method::kListDecisions, [&] {
    if (request->house_waybill().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "house_waybill: required");
    }
    absl::StatusOr<std::vector<core::Verdict>> verdicts =
        decisions_->ListDecisions(request->house_waybill(), kMaxListedDecisions);
    if (!verdicts.ok()) return ToGrpcStatus(verdicts.status());
    for (const core::Verdict& verdict : *verdicts) {
      convert::VerdictToProto(verdict, response->add_verdicts());
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* DecisionService::ResolveHold(grpc::CallbackServerContext* context,
                                                       const pb::ResolveHoldRequest* request,
                                                       pb::ResolveHoldResponse* response) {
  return FinishUnary(context, metrics_, Method::kResolveHold, [&] {
    // The screener checks the fields (INVALID_ARGUMENT) and that a hold is
    // open (FAILED_PRECONDITION): the rules stay in core/.
    absl::StatusOr<core::Verdict> verdict = screener_->ResolveHold(
        request->house_waybill(), request->resolved_by(), request->note());
    if (!verdict.ok()) return ToGrpcStatus(verdict.status());
    // The note is free text and stays in the decision log only.
    LogEvent(LogLevel::kInfo, "hold_resolved")
        .Str("decision_id", verdict->decision_id)
        .Str("request_id", verdict->request_id)
        .Str("carrier_id", verdict->carrier_id)
        .Str("house_waybill", verdict->house_waybill)
        .Str("resolved_by", request->resolved_by())
        .Str("decision", DecisionLabel(verdict->decision))
        .Str("hold_status", HoldStatusLabel(verdict->hold_status))
        .Write();
    convert::VerdictToProto(*verdict, response->mutable_verdict());
    return grpc::Status::OK;
  });
}

}  // namespace placi::server
