// WatchHolds calls and the hub that feeds them. See hold_watch.h.
#include "server/hold_watch.h"

#include <algorithm>
#include <deque>
#include <utility>

#include "absl/time/clock.h"
#include "core/hold_key.h"
#include "server/call_ending.h"
#include "server/grpc_status.h"

namespace placi::server {

namespace pb = ::placi::screening::v1;

// One WatchHolds call. Its reactions, Publish and Close may run on
// different threads at once; mu_ orders them. Deleted in OnDone, after the
// hub has let go of it.
class HoldWatchReactor final : public grpc::ServerWriteReactor<pb::WatchHoldsResponse>,
                               public PrincipalsWatcher {
 public:
  HoldWatchReactor(HoldUpdates* hub, std::optional<std::string> carrier_key,
                   const Authorizer* authorizer, Caller caller)
      : hub_(hub),
        carrier_key_(std::move(carrier_key)),
        authorizer_(authorizer),
        caller_(std::move(caller)),
        start_(absl::Now()),
        auth_generation_(caller_.generation) {
    hub_->metrics_->CallStarted(Method::kWatchHolds);
    // Told of every reload from here on (until OnDone); one since the call
    // was authorized is caught by the check that follows.
    authorizer_->AddWatcher(this);
    OnPrincipalsReplaced();
  }

  // Once the hub holds this call (Publish reaches it): the initial metadata,
  // with kWatchingMetadataKey, tells the client it is watching. Nothing when
  // the call has ended already (a stopping server, a revoked key): it ends
  // without the key, and the client does not take its error for a watch.
  void Start(grpc::CallbackServerContext* context) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    deadline_ = absl::FromChrono(context->deadline());
    if (finished_) return;
    context->AddInitialMetadata(std::string(kWatchingMetadataKey), "1");
    StartSendInitialMetadata();
  }

  // A reload of the keys file: a call whose credential went ends at once,
  // not only before its next update (which may be hours away).
  void OnPrincipalsReplaced() override ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    if (!finished_) StillAuthorizedLocked();
  }

  // Queues `verdict` when this call may see it.
  void Offer(const pb::Verdict& verdict) ABSL_LOCKS_EXCLUDED(mu_) {
    if (carrier_key_.has_value() && core::HoldCarrierKey(verdict.carrier_id()) != *carrier_key_) {
      return;
    }
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    if (!StillAuthorizedLocked()) return;
    if (queued_.size() >= HoldUpdates::kMaxQueued) {
      FinishLocked(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                "fell 1000 hold updates behind; read the missed resolutions "
                                "with ListDecisions and watch again"));
      return;
    }
    pb::WatchHoldsResponse& update = queued_.emplace_back();
    *update.mutable_verdict() = verdict;
    MaybeWriteLocked();
  }

  void End(grpc::Status status) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    FinishLocked(std::move(status));
  }

  void OnSendInitialMetadataDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    metadata_sent_ = true;
    if (!ok) {
      FinishLocked(CallEnding::CancelledWithDeadline(start_, deadline_, "watch cancelled"));
      return;
    }
    MaybeWriteLocked();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    queued_.pop_front();
    if (!ok) {
      FinishLocked(CallEnding::CancelledWithDeadline(start_, deadline_, "watch write failed"));
      return;
    }
    MaybeWriteLocked();
  }

  // Counted with the code the client saw: DEADLINE_EXCEEDED when the
  // call's deadline ended it (call_ending.h; review9a: counted CANCELLED).
  // The server's stop ends watches itself (HoldUpdates::Close).
  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    FinishLocked(CallEnding::CancelledWithDeadline(start_, deadline_, "watch cancelled"));
  }

  void OnDone() override {
    hub_->Remove(this);  // from here on no Publish reaches this call
    authorizer_->RemoveWatcher(this);  // nor a reload of the keys
    grpc::StatusCode code;
    {
      absl::MutexLock lock(&mu_);
      code = final_code_;
    }
    hub_->metrics_->CallHandled(Method::kWatchHolds, code, absl::Now() - start_);
    delete this;
  }

 private:
  // Whether the call's credential is still in force, checked again only
  // after a reload of the keys file; when not, the call ends with
  // UNAUTHENTICATED (its context is alive: the call is not finished).
  bool StillAuthorizedLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const uint64_t generation = authorizer_->generation();
    if (generation == auth_generation_) return true;
    absl::Status still = authorizer_->StillAuthorized(caller_, Method::kWatchHolds);
    if (!still.ok()) {
      FinishLocked(ToGrpcStatus(still));
      return false;
    }
    auth_generation_ = generation;
    return true;
  }

  void MaybeWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    // One write in flight at most, and none before the initial metadata
    // went (its own operation, started in the constructor).
    if (finished_ || writing_ || !metadata_sent_ || queued_.empty()) return;
    writing_ = true;
    StartWrite(&queued_.front());
  }

  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    final_code_ = status.error_code();
    Finish(std::move(status));
  }

  HoldUpdates* const hub_;
  const std::optional<std::string> carrier_key_;
  const Authorizer* const authorizer_;
  const Caller caller_;
  const absl::Time start_;

  absl::Mutex mu_;
  // Authorizer::generation() under which caller_ was last found valid.
  uint64_t auth_generation_ ABSL_GUARDED_BY(mu_);
  // Updates not yet written; while writing_, the front one is in flight
  // (gRPC reads it until OnWriteDone: a deque keeps it where it is).
  std::deque<pb::WatchHoldsResponse> queued_ ABSL_GUARDED_BY(mu_);
  bool metadata_sent_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  // The call's deadline (Start), or none.
  absl::Time deadline_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
  grpc::StatusCode final_code_ ABSL_GUARDED_BY(mu_) = grpc::StatusCode::OK;
};

grpc::ServerWriteReactor<pb::WatchHoldsResponse>* HoldUpdates::Watch(
    grpc::CallbackServerContext* context, std::optional<std::string> carrier_key,
    const Authorizer* authorizer, Caller caller) {
  auto* watcher = new HoldWatchReactor(this, std::move(carrier_key), authorizer, std::move(caller));
  bool closed;
  {
    absl::MutexLock lock(&mu_);
    closed = closed_;
    if (!closed) watchers_.push_back(watcher);
  }
  if (closed) {
    // Removed in OnDone, which runs after this Finish (nothing to remove).
    watcher->End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "server stopping"));
  } else {
    watcher->Start(context);
  }
  return watcher;
}

void HoldUpdates::Publish(const pb::Verdict& verdict) {
  absl::MutexLock lock(&mu_);
  for (HoldWatchReactor* watcher : watchers_) watcher->Offer(verdict);
}

void HoldUpdates::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
  for (HoldWatchReactor* watcher : watchers_) {
    watcher->End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "server stopping"));
  }
}

void HoldUpdates::Remove(HoldWatchReactor* watcher) {
  absl::MutexLock lock(&mu_);
  watchers_.erase(std::remove(watchers_.begin(), watchers_.end(), watcher), watchers_.end());
}

}  // namespace placi::server
