// The reactor of one ScreenStream call; see screen_stream_reactor.h.
#include "server/screen_stream_reactor.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "core/intake_limits.h"
#include "server/grpc_status.h"
#include "server/parcel_wire.h"
#include "server/request_size.h"

namespace placi::server {

namespace pb = ::placi::screening::v1;

namespace {

// The parcel's place in the answers, taken by an error: a
// ScreenStreamResponse's bytes (a ScreenStreamReactor::Reply's).
grpc::Slice ErrorBytes(const pb::ScreenStreamRequest& request, const absl::Status& status,
                       const std::string& field, grpc::Status* serialized) {
  pb::ScreenStreamResponse response;
  pb::ParcelError* error = response.mutable_error();
  const std::string& request_id = request.consignment().request_id();
  // Echo the id only when it is one (an oversized id may be the violation).
  if (request_id.size() <= core::IntakeLimits().max_id_bytes) error->set_request_id(request_id);
  error->set_code(static_cast<int>(status.code()));
  error->set_message(std::string(status.message()));
  error->set_field(field);
  grpc::ByteBuffer bytes;
  grpc::Slice slice;
  *serialized = WriteMessage(response, &bytes);
  if (serialized->ok()) *serialized = bytes.DumpToSingleSlice(&slice);
  return slice;
}

}  // namespace

ScreenStreamReactor::ScreenStreamReactor(grpc::CallbackServerContext* context,
                                         const ParcelIntake* intake, ScreeningPool* pool,
                                         Metrics* metrics, const Authorizer* authorizer,
                                         Caller caller, const CallEnding* ending)
    : context_(context),
      intake_(intake),
      pool_(pool),
      metrics_(metrics),
      authorizer_(authorizer),
      caller_(std::move(caller)),
      ending_(ending),
      start_(absl::Now()),
      deadline_(absl::FromChrono(context->deadline())) {
  metrics_->CallStarted(Method::kScreenStream);
  {
    absl::MutexLock lock(&mu_);
    auth_generation_ = caller_.generation;
    MaybeStartReadLocked();
  }
  // Told of every reload from here on (until OnDone); one since the call was
  // authorized is caught by the check that follows.
  authorizer_->AddWatcher(this);
  OnPrincipalsReplaced();
}

void ScreenStreamReactor::OnPrincipalsReplaced() {
  absl::MutexLock lock(&mu_);
  // Half-closed or ended: no parcel is read any more, and a parcel already
  // read is checked when it is taken (TakeLocked).
  if (finished_ || reads_done_) return;
  StillAuthorizedLocked();
}

ScreenStreamReactor::Reply ScreenStreamReactor::Answer(const pb::ScreenStreamRequest& request,
                                                       absl::Time deadline) const {
  core::Verdict verdict;
  std::string field;
  // The stream's deadline bounds each of its parcels too.
  absl::Status status = intake_->Screen(Method::kScreenStream, request.consignment(), deadline,
                                        &verdict, &field, caller_.carrier());
  // The parcel gets an error in its place in the order, and the stream goes
  // on: one bad parcel in a manifest of thousands must not cost the rest.
  if (!status.ok()) return ErrorReply(request, status, field);
  // Serialized here, on the screening thread and off the lock.
  Reply reply;
  reply.bytes = VerdictReply(verdict);
  reply.verdict = std::move(verdict);
  return reply;
}

void ScreenStreamReactor::OnReadDone(bool ok) {
  // Parsed before taking the lock (where gRPC's typed handler parsed it):
  // reading_ is still set, so no other read can start and touch request_.
  ReadParcel read;
  if (ok) {
    read.request = RecycledRequests::Shared().Take(request_.Length());
    read.unreadable = ReadParcelRequest(request_, read.request.get(), &read.field);
    // Over the size limit: an error in its place, and the stream goes on,
    // instead of gRPC cutting the stream unseen (request_size.h); a message
    // that cannot be a parcel names the field that breaks a limit, as a
    // smaller one does (ParcelIntake::CheckLimits).
    if (absl::Status size = CheckRequestSize(request_.Length());
        !size.ok() && read.unreadable.ok()) {
      read.unreadable = intake_->CheckLimits(read.request->consignment(), &read.field);
      if (read.unreadable.ok()) read.unreadable = std::move(size);
    }
    request_.Clear();
  }
  absl::ReleasableMutexLock lock(&mu_);
  reading_ = false;
  if (!ok) {
    // The client half-closed, or the call broke: either way no more parcels.
    reads_done_ = true;
    MaybeFinishLocked();
    return;
  }
  if (finished_) return;  // cancelled meanwhile: the parcel has nowhere to go
  std::shared_ptr<const pb::ScreenStreamRequest> parcel;
  if (screening_) {
    next_ = std::move(read);  // screened when the one before is done
  } else {
    parcel = TakeLocked(std::move(read));
    if (parcel != nullptr) screening_ = true;
  }
  MaybeStartReadLocked();
  if (parcel == nullptr) return;
  // Screened here, on gRPC's thread, when the pool is idle enough
  // (screening_pool.h), so without the lock. screening_ keeps the reactor
  // alive meanwhile; gRPC runs OnDone only after this reaction returns.
  lock.Release();
  if (!pool_->TryRun(ScreenTask(parcel), ScreeningPool::kStream)) {
    // No slot of the pool is held here: a parcel read meanwhile is queued.
    OnAnswered(Overloaded(*parcel), /*holds_pool_slot=*/false);
  }
}

bool ScreenStreamReactor::StillAuthorizedLocked() {
  // Refused once (counted once); a parcel read meanwhile is dropped.
  if (!revoked_.ok()) {
    MaybeFinishLocked();
    return false;
  }
  // Read before the re-check (as Authorize does): a reload meanwhile is seen
  // at the next parcel.
  const uint64_t generation = authorizer_->generation();
  if (generation == auth_generation_) return true;
  absl::Status still = authorizer_->StillAuthorized(caller_, Method::kScreenStream);
  if (still.ok()) {
    auth_generation_ = generation;
    return true;
  }
  // The parcels screened before the reload keep their answers (they are in
  // the decision log); nothing more is read or screened.
  revoked_ = ToGrpcStatus(still);
  reads_done_ = true;
  MaybeFinishLocked();
  return false;
}

std::shared_ptr<const pb::ScreenStreamRequest> ScreenStreamReactor::TakeLocked(ReadParcel parcel) {
  if (!StillAuthorizedLocked()) return nullptr;
  const pb::ScreenStreamRequest& request = *parcel.request;
  if (!parcel.unreadable.ok()) {
    // Refused in its place, like a parcel that breaks a limit; the stream
    // goes on.
    absl::Status refused = intake_->Refuse(Method::kScreenStream, request.consignment(),
                                           std::move(parcel.unreadable), parcel.field);
    pending_.push_back(ErrorReply(request, refused, parcel.field));
    MaybeStartWriteLocked();
    return nullptr;
  }
  if (absl::Status allowed = authorizer_->CheckParcelCarrier(
          caller_, request.consignment().carrier_id(), Method::kScreenStream);
      !allowed.ok()) {
    // Refused in its place, like a bad parcel; the stream goes on.
    absl::Status refused = intake_->Refuse(Method::kScreenStream, request.consignment(),
                                           std::move(allowed), "carrier_id");
    pending_.push_back(ErrorReply(request, refused, "carrier_id"));
    MaybeStartWriteLocked();
    return nullptr;
  }
  return std::shared_ptr<const pb::ScreenStreamRequest>(std::move(parcel.request));
}

absl::AnyInvocable<void() &&> ScreenStreamReactor::ScreenTask(
    std::shared_ptr<const pb::ScreenStreamRequest> parcel) {
  return [this, parcel = std::move(parcel)]() mutable {
    // The stream's next parcel, read while this one was screened, is
    // screened on this thread too (OnAnswered), saving a hand-over and a
    // wakeup per parcel. `this` may be deleted once OnAnswered returns none.
    while (parcel != nullptr) {
      if (DropIfFinished()) return;
      parcel = OnAnswered(Answer(*parcel, deadline_), /*holds_pool_slot=*/true);
    }
  };
}

ScreenStreamReactor::Reply ScreenStreamReactor::Overloaded(
    const pb::ScreenStreamRequest& parcel) const {
  // Refused at once, in its place, and the stream goes on.
  absl::Status refused =
      intake_->Refuse(Method::kScreenStream, parcel.consignment(), ParcelIntake::Overloaded());
  return ErrorReply(parcel, refused, "");
}

ScreenStreamReactor::Reply ScreenStreamReactor::ErrorReply(const pb::ScreenStreamRequest& request,
                                                           const absl::Status& status,
                                                           const std::string& field) {
  Reply reply;
  reply.bytes = ErrorBytes(request, status, field, &reply.serialized);
  return reply;
}

std::shared_ptr<const pb::ScreenStreamRequest> ScreenStreamReactor::ScreenNextLocked(
    ReadParcel read, bool holds_pool_slot) {
  std::shared_ptr<const pb::ScreenStreamRequest> parcel = TakeLocked(std::move(read));
  if (parcel == nullptr) return nullptr;
  // The slot of the parcel just answered carries over to this one when no
  // other task waits for the pool (which it must not overtake): the bound
  // holds and no thread is woken.
  if (holds_pool_slot && pool_->MayRunFollowUpHere()) {
    screening_ = true;
    return parcel;
  }
  // Queued (this runs under the lock): never inline; behind the tasks that
  // wait, in the slot of the parcel just answered when it has one.
  if (holds_pool_slot && pool_->QueueInSlotOfRunningTask(ScreenTask(parcel))) {
    screening_ = true;
    return nullptr;
  }
  if (pool_->TrySubmit(ScreenTask(parcel))) {
    screening_ = true;
    return nullptr;
  }
  pending_.push_back(Overloaded(*parcel));
  MaybeStartWriteLocked();
  return nullptr;
}

bool ScreenStreamReactor::DropIfFinished() {
  bool delete_now = false;
  {
    absl::MutexLock lock(&mu_);
    if (!finished_) return false;
    // The stream ended (cancelled, deadline) while the parcel waited: no
    // work is done for it.
    screening_ = false;
    next_.reset();
    delete_now = done_;
  }
  if (delete_now) delete this;
  return true;
}

std::shared_ptr<const pb::ScreenStreamRequest> ScreenStreamReactor::OnAnswered(
    Reply reply, bool holds_pool_slot) {
  bool delete_now = false;
  std::shared_ptr<const pb::ScreenStreamRequest> follow_up;
  {
    absl::MutexLock lock(&mu_);
    screening_ = false;
    if (done_) {
      // gRPC is done with the call and left the deletion to this task.
      delete_now = true;
    } else {
      if (!finished_) {
        pending_.push_back(std::move(reply));
        MaybeStartWriteLocked();
      } else if (reply.verdict.has_value()) {
        // Screened while the call ended: in the decision log, never sent.
        intake_->LogNotDelivered(Method::kScreenStream, *reply.verdict,
                                 static_cast<absl::StatusCode>(final_code_));
      }
      if (next_.has_value()) {
        if (!finished_) follow_up = ScreenNextLocked(*std::move(next_), holds_pool_slot);
        next_.reset();
      }
      MaybeStartReadLocked();
      MaybeFinishLocked();
    }
    // The stream is handed back (screening_ is off): a parcel read from now
    // on must find this task's slot free, not refuse itself on it.
    if (holds_pool_slot && follow_up == nullptr) pool_->ReleaseSlotOfRunningTask();
  }
  if (delete_now) delete this;
  return follow_up;
}

void ScreenStreamReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  if (!ok) {
    // The client is gone; nothing more can be delivered, the reply that
    // failed included: FinishLocked (now that no write is in flight) logs
    // it with the others, or here when the call had already ended.
    if (finished_ && !pending_.empty() && pending_.front().verdict.has_value()) {
      intake_->LogNotDelivered(Method::kScreenStream, *pending_.front().verdict,
                               static_cast<absl::StatusCode>(final_code_));
    }
    FinishLocked(CancelledStatus("stream write failed"));
    pending_.clear();
    return;
  }
  if (!pending_.empty()) pending_.pop_front();
  MaybeStartWriteLocked();
  MaybeStartReadLocked();
  MaybeFinishLocked();
}

void ScreenStreamReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  FinishLocked(CancelledStatus("stream cancelled"));
}

void ScreenStreamReactor::OnDone() {
  // From here on no reload reaches this reactor (one being told finishes
  // first), and the call's context, which its re-check reads, may go.
  authorizer_->RemoveWatcher(this);
  grpc::StatusCode code;
  bool delete_now = false;
  // Copied under the lock: once it is released, a parcel still on the pool
  // may finish and delete this reactor before the metrics below are recorded.
  Metrics* metrics;
  absl::Time start;
  {
    absl::MutexLock lock(&mu_);
    done_ = true;
    code = final_code_;
    // A stream gRPC cut (a message over twice the size limit, a broken
    // connection, the client's cancel) ends its reads as a half-close does,
    // and may have been finished OK here before the cancel was known; the
    // client did not get OK (review bb3 M16: counted grpc_code="OK"), but
    // what the cancel tells it (review9a: a deadline, not CANCELLED).
    if (code == grpc::StatusCode::OK && context_->IsCancelled()) {
      code = CancelledStatus("").error_code();
    }
    metrics = metrics_;
    start = start_;
    // A parcel still on the pool deletes the reactor when it is done.
    delete_now = !screening_;
  }
  metrics->CallHandled(Method::kScreenStream, code, absl::Now() - start);
  if (delete_now) delete this;
}

void ScreenStreamReactor::MaybeStartReadLocked() {
  if (reading_ || reads_done_ || finished_ || next_.has_value() ||
      pending_.size() >= kMaxPendingResponses) {
    return;
  }
  reading_ = true;
  StartRead(&request_);
}

void ScreenStreamReactor::MaybeStartWriteLocked() {
  if (writing_ || finished_ || pending_.empty()) return;
  // Serialized when it was made (a verdict in Answer, off the lock).
  if (!pending_.front().serialized.ok()) {
    FinishLocked(pending_.front().serialized);
    return;
  }
  writing_ = true;
  // With more replies queued behind this one, gRPC may hold it back and
  // send it with the next, which starts as soon as this one is done
  // (OnWriteDone): one sendmsg for both instead of one each. Never on the
  // first write, which carries the initial metadata: a buffered first
  // message can wait forever (grpc/grpc#12975, #34231). The last queued
  // reply is never held, so nothing waits for a write that will not come.
  grpc::WriteOptions options;
  if (pending_.size() > 1 && wrote_once_) options.set_buffer_hint();
  wrote_once_ = true;
  grpc::ByteBuffer bytes(&pending_.front().bytes, 1);
  write_bytes_.Swap(&bytes);
  StartWrite(&write_bytes_, options);
}

void ScreenStreamReactor::MaybeFinishLocked() {
  // A revoked stream does not wait for the read in flight, which an idle
  // client may never complete: Finish ends it (OnReadDone(false) follows).
  const bool read_in_the_way = reading_ && revoked_.ok();
  if (finished_ || !reads_done_ || read_in_the_way || writing_ || screening_ ||
      next_.has_value() || !pending_.empty()) {
    return;
  }
  // A read that failed because the call was cancelled also lands here;
  // report it as what it was.
  if (context_->IsCancelled()) {
    FinishLocked(CancelledStatus("stream cancelled"));
  } else {
    FinishLocked(revoked_);  // OK unless the credential was revoked
  }
}

void ScreenStreamReactor::FinishLocked(grpc::Status status) {
  if (finished_) return;
  finished_ = true;
  final_code_ = status.error_code();
  if (!status.ok()) {
    // Verdicts queued behind the write in flight (whose fate gRPC alone
    // knows) are never sent; they are in the decision log.
    for (size_t i = writing_ ? 1 : 0; i < pending_.size(); ++i) {
      if (pending_[i].verdict.has_value()) {
        intake_->LogNotDelivered(Method::kScreenStream, *pending_[i].verdict,
                                 static_cast<absl::StatusCode>(final_code_));
      }
    }
  }
  Finish(std::move(status));
}

}  // namespace placi::server
