// The constant-verdict ScreeningService; see baseline_service.h.
#include "tools/bench/baseline_service.h"

#include <deque>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace placi::bench {
namespace {

// The stream reactor of the real server (server/screen_stream_reactor.h),
// minus screening and metrics: one read and one write in flight, at most
// kMaxPending answers waiting, Finish on every path.
class BaselineStreamReactor final
    : public grpc::ServerBidiReactor<pb::ScreenStreamRequest, pb::ScreenStreamResponse> {
 public:
  static constexpr size_t kMaxPending = 32;  // as ScreenStreamReactor::kMaxPendingResponses

  BaselineStreamReactor(grpc::CallbackServerContext* context,
                        const BaselineScreeningService* service, bool reverse_pairs)
      : context_(context), service_(service), reverse_pairs_(reverse_pairs) {
    absl::MutexLock lock(&mu_);
    MaybeStartReadLocked();
  }

  void OnReadDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    reading_ = false;
    if (!ok) {
      reads_done_ = true;
      if (held_) {  // a lone parcel of a pair still gets its answer
        pending_.push_back(std::move(*held_));
        held_.reset();
      }
      MaybeStartWriteLocked();
      MaybeFinishLocked();
      return;
    }
    if (finished_) return;
    pb::ScreenStreamResponse response;
    service_->Answer(request_.consignment(), response.mutable_verdict());
    if (reverse_pairs_ && !held_) {
      held_ = std::move(response);
    } else {
      pending_.push_back(std::move(response));
      if (held_) {
        pending_.push_back(std::move(*held_));
        held_.reset();
      }
    }
    MaybeStartWriteLocked();
    MaybeStartReadLocked();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!pending_.empty()) pending_.pop_front();
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream write failed"));
      return;
    }
    MaybeStartWriteLocked();
    MaybeStartReadLocked();
    MaybeFinishLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled"));
  }

  void OnDone() override { delete this; }

 private:
  void MaybeStartReadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (reading_ || reads_done_ || finished_ || pending_.size() >= kMaxPending) return;
    reading_ = true;
    StartRead(&request_);
  }
  void MaybeStartWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || finished_ || pending_.empty()) return;
    writing_ = true;
    StartWrite(&pending_.front());
  }
  void MaybeFinishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_ || !reads_done_ || reading_ || writing_ || !pending_.empty()) return;
    FinishLocked(context_->IsCancelled()
                     ? grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled")
                     : grpc::Status::OK);
  }
  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    Finish(std::move(status));
  }

  grpc::CallbackServerContext* const context_;
  const BaselineScreeningService* const service_;
  const bool reverse_pairs_;
  pb::ScreenStreamRequest request_;  // one read in flight: no lock needed
  absl::Mutex mu_;
  std::deque<pb::ScreenStreamResponse> pending_ ABSL_GUARDED_BY(mu_);
  std::optional<pb::ScreenStreamResponse> held_ ABSL_GUARDED_BY(mu_);
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

void BaselineScreeningService::Answer(const pb::Consignment& parcel,
                                      pb::Verdict* verdict) const {
  verdict->set_request_id(options_.wrong_ids ? "never-sent-" + parcel.request_id()
                                             : parcel.request_id());
  verdict->set_decision_id("baseline-0000000000000000");
  verdict->set_house_waybill(parcel.house_waybill());
  verdict->set_carrier_id(parcel.carrier_id());
  verdict->set_decision(pb::DECISION_RELEASE);
  verdict->set_referral(pb::REFERRAL_NONE);
  verdict->set_hold_status(pb::HOLD_STATUS_NONE);
  verdict->set_risk_score(0);
  verdict->set_ruleset_version("baseline");
  verdict->set_watchlist_version(1);
  verdict->mutable_decided_at()->set_seconds(1'796'113'800);
}

grpc::ServerUnaryReactor* BaselineScreeningService::Screen(grpc::CallbackServerContext* context,
                                                           const pb::ScreenRequest* request,
                                                           pb::ScreenResponse* response) {
  Answer(request->consignment(), response->mutable_verdict());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerBidiReactor<pb::ScreenStreamRequest, pb::ScreenStreamResponse>*
BaselineScreeningService::ScreenStream(grpc::CallbackServerContext* context) {
  // Deletes itself in OnDone.
  return new BaselineStreamReactor(context, this, options_.reverse_pairs);
}

absl::StatusOr<BaselineServer> StartBaselineServer(const std::string& listen,
                                                   BaselineScreeningService* service,
                                                   int max_receive_message_bytes) {
  // As server/server_app.cc Listen().
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(max_receive_message_bytes);
  BaselineServer result;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &result.port);
  builder.RegisterService(service);
  result.server = builder.BuildAndStart();
  if (result.server == nullptr || result.port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
  }
  return result;
}

}  // namespace placi::bench
