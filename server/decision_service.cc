// placi.screening.v1.DecisionService; see decision_service.h.
#include "server/decision_service.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/hold_key.h"
#include "core/intake_limits.h"
#include "placi/convert/convert.h"
#include "server/grpc_status.h"
#include "server/json_log.h"
#include "server/page_token.h"
#include "server/unary.h"

namespace placi::server {

namespace pb = ::placi::screening::v1;

namespace {

// The first of `checks` that fails, or OK: the request's ids and texts
// within their limits (README "Errors"), checked before any answer quotes
// them (a 9 KB id echoed in NOT_FOUND made the status too big to send).
grpc::Status FirstFailure(std::initializer_list<absl::Status> checks) {
  for (const absl::Status& check : checks) {
    if (!check.ok()) return ToGrpcStatus(check);
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::ServerUnaryReactor* DecisionService::GetDecision(grpc::CallbackServerContext* context,
                                                       const pb::GetDecisionRequest* request,
                                                       pb::GetDecisionResponse* response) {
  return FinishUnary(
      context, metrics_, *authorizer_, Method::kGetDecision, *request, [&](const Caller& caller) {
        if (request->decision_id().empty()) {
          return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "decision_id: is required");
        }
        const core::IntakeLimits limits;
        if (grpc::Status s = FirstFailure({core::CheckLength(
                "decision_id", request->decision_id(), limits.max_id_bytes)});
            !s.ok()) {
          return s;
        }
        if (request->shadow() && !authorizer_->MayReadShadow(caller, Method::kGetDecision)) {
          return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                              "shadow verdicts are for officers and admins");
        }
        absl::StatusOr<core::Verdict> verdict =
            request->shadow() ? decisions_->GetShadowDecision(request->decision_id())
                              : decisions_->GetDecision(request->decision_id());
        if (!verdict.ok()) return ToGrpcStatus(verdict.status());  // NOT_FOUND from the store
        // The same answer as a decision that does not exist: a carrier learns
        // nothing of another carrier's parcels.
        if (!authorizer_->MayRead(caller, verdict->carrier_id, Method::kGetDecision)) {
          return grpc::Status(grpc::StatusCode::NOT_FOUND,
                              absl::StrCat("decision \"", request->decision_id(), "\" not found"));
        }
        convert::VerdictToProto(*verdict, response->mutable_verdict());
        return grpc::Status::OK;
      });
}

namespace {

// A WatchHolds call refused before it started (authentication, a carrier
// naming another): finished at once with the refusal, counted.
class RefusedWatch final : public grpc::ServerWriteReactor<pb::WatchHoldsResponse> {
 public:
  RefusedWatch(Metrics* metrics, grpc::Status status) {
    metrics->CallStarted(Method::kWatchHolds);
    metrics->CallHandled(Method::kWatchHolds, status.error_code(), absl::ZeroDuration());
    Finish(std::move(status));
  }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<pb::WatchHoldsResponse>* DecisionService::WatchHolds(
    grpc::CallbackServerContext* context, const pb::WatchHoldsRequest* request) {
  absl::StatusOr<Caller> caller = authorizer_->Authorize(*context, Method::kWatchHolds);
  if (!caller.ok()) return new RefusedWatch(metrics_, ToGrpcStatus(caller.status()));
  const core::IntakeLimits limits;
  if (grpc::Status s = FirstFailure({core::CheckLength("carrier_id", request->carrier_id(),
                                                       limits.max_carrier_id_bytes)});
      !s.ok()) {
    return new RefusedWatch(metrics_, std::move(s));
  }
  // A carrier watches its own holds; naming another is refused as a parcel
  // naming another is (counted as carrier_mismatch).
  std::optional<std::string> carrier_key;
  if (request->has_carrier_id()) carrier_key = core::HoldCarrierKey(request->carrier_id());
  if (!caller->carrier().empty()) {
    if (request->has_carrier_id()) {
      if (absl::Status allowed = authorizer_->CheckParcelCarrier(*caller, request->carrier_id(),
                                                                 Method::kWatchHolds);
          !allowed.ok()) {
        return new RefusedWatch(metrics_, ToGrpcStatus(allowed));
      }
    }
    carrier_key = core::HoldCarrierKey(caller->carrier());
  }
  return updates_->Watch(context, std::move(carrier_key), authorizer_, *std::move(caller));
}

grpc::ServerUnaryReactor* DecisionService::ListDecisions(grpc::CallbackServerContext* context,
                                                         const pb::ListDecisionsRequest* request,
                                                         pb::ListDecisionsResponse* response) {
  return FinishUnary(
      context, metrics_, *authorizer_, Method::kListDecisions, *request, [&](const Caller& caller) {
        // Blank as hold keys see it ("", "   ", "-"): no number to list.
        if (core::IsBlankWaybill(request->house_waybill())) {
          return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "house_waybill: is required");
        }
        const core::IntakeLimits limits;
        if (grpc::Status s = FirstFailure({core::CheckLength(
                "house_waybill", request->house_waybill(), limits.max_waybill_bytes)});
            !s.ok()) {
          return s;
        }
        if (request->page_size() < 0) {
          return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "page_size: must not be negative");
        }
        const size_t page_size =
            request->page_size() == 0 ||
                    static_cast<size_t>(request->page_size()) > kMaxListedDecisions
                ? kMaxListedDecisions
                : static_cast<size_t>(request->page_size());
        // A token is of one waybill, under any of its spellings.
        const std::string waybill_key = core::HoldWaybillKey(request->house_waybill());
        absl::StatusOr<std::string> before =
            LastIdOfPageToken(request->page_token(), kDecisionPageTokenKind, limits.max_id_bytes,
                              waybill_key, "house_waybill");
        if (!before.ok()) return ToGrpcStatus(before.status());
        // A carrier's list holds only its own verdicts: the newest page_size
        // of them, and one more to tell whether older ones were left out.
        absl::StatusOr<std::vector<core::Verdict>> verdicts = decisions_->ListDecisions(
            request->house_waybill(), caller.carrier(), page_size + 1, *before);
        if (!verdicts.ok()) return ToGrpcStatus(verdicts.status());
        auto first = verdicts->begin();
        // The oldest is the extra one: the page starts after it, and the next
        // page lists what is older than the page's oldest.
        bool older_left_out = verdicts->size() > page_size;
        if (older_left_out) ++first;
        // Newest first, until the page would pass kMaxListedBytes (at least
        // one verdict: each is far below it).
        std::vector<pb::Verdict> page;
        size_t bytes = 0;
        for (auto it = verdicts->end(); it != first;) {
          const core::Verdict& verdict = *--it;
          // Other carriers' verdicts on the same waybill are left out.
          if (!authorizer_->MayRead(caller, verdict.carrier_id, Method::kListDecisions)) continue;
          pb::Verdict listed;
          convert::VerdictToProto(verdict, &listed);
          // The repeated field's tag and length take a few bytes more.
          const size_t size = listed.ByteSizeLong() + 8;
          if (!page.empty() && bytes + size > kMaxListedBytes) {
            older_left_out = true;
            break;
          }
          bytes += size;
          page.push_back(std::move(listed));
        }
        if (older_left_out && !page.empty()) {
          response->set_next_page_token(
              PageTokenFor(page.back().decision_id(), kDecisionPageTokenKind, waybill_key));
        } else if (older_left_out) {
          response->set_next_page_token(
              PageTokenFor(first->decision_id, kDecisionPageTokenKind, waybill_key));
        }
        for (auto it = page.rbegin(); it != page.rend(); ++it) {
          *response->add_verdicts() = std::move(*it);
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* DecisionService::ResolveHold(grpc::CallbackServerContext* context,
                                                       const pb::ResolveHoldRequest* request,
                                                       pb::ResolveHoldResponse* response) {
  return FinishUnary(
      context, metrics_, *authorizer_, Method::kResolveHold, *request, [&](const Caller& caller) {
        const core::IntakeLimits limits;
        if (grpc::Status s = FirstFailure({
                core::CheckLength("house_waybill", request->house_waybill(),
                                  limits.max_waybill_bytes),
                core::CheckLength("resolved_by", request->resolved_by(), limits.max_text_bytes),
                core::CheckLength("note", request->note(), limits.max_note_bytes),
                core::CheckLength("carrier_id", request->carrier_id(),
                                  limits.max_carrier_id_bytes),
            });
            !s.ok()) {
          return s;
        }
        // The screener checks the fields (INVALID_ARGUMENT) and that a hold is
        // open (FAILED_PRECONDITION): the rules stay in core/. With
        // authentication on, an empty resolved_by (or one of spaces only,
        // which names no one) is the officer's principal.
        const bool names_no_one = core::HoldCarrierKey(request->resolved_by()).empty();
        const std::string& resolved_by = names_no_one && caller.principal
                                             ? caller.principal->name
                                             : request->resolved_by();
        // Unset carrier_id: the screener picks the one carrier with an open
        // hold on the waybill, or asks for carrier_id when there are several.
        std::optional<std::string_view> carrier_id;
        if (request->has_carrier_id()) carrier_id = request->carrier_id();
        absl::StatusOr<core::Verdict> verdict = screener_->ResolveHold(
            carrier_id, request->house_waybill(), resolved_by, request->note());
        if (!verdict.ok()) return ToGrpcStatus(verdict.status());
        // The note is free text and stays in the decision log only.
        LogEvent(LogLevel::kInfo, "hold_resolved")
            .Str("decision_id", verdict->decision_id)
            .Str("request_id", verdict->request_id)
            .Str("carrier_id", verdict->carrier_id)
            .Str("house_waybill", verdict->house_waybill)
            .Str("resolved_by", resolved_by)
            .Str("principal", caller.name())
            .Str("decision", DecisionLabel(verdict->decision))
            .Str("hold_status", HoldStatusLabel(verdict->hold_status))
            .Write();
        convert::VerdictToProto(*verdict, response->mutable_verdict());
        updates_->Publish(response->verdict());
        return grpc::Status::OK;
      });
}

}  // namespace placi::server
