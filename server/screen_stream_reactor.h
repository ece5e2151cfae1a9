// The reactor of one ScreenStream call: reads parcels, has each screened on
// the screening pool (or on gRPC's thread that read it, while the pool is
// idle enough: screening_pool.h), writes one response per parcel in the order
// read, with bounded memory. A parcel read while the one before is screened
// is screened next on the same thread, in the same slot of the pool's bound,
// unless other tasks wait for the pool (then it queues behind them): a
// stream that keeps its parcels coming costs no hand-over per parcel.
//
// Flow control: at most kMaxPendingResponses responses wait to be written.
// A read is started only while the queue is below that bound and at most
// one read parcel waits for the pool, so a client that sends faster than it
// reads is slowed down by HTTP/2 flow control instead of growing the
// server's memory. One read and one write are in flight at most (gRPC allows
// no more), and one parcel of the stream is screened at a time (so the
// answers keep the order).
//
// Unreadable parcels: messages come as bytes (parcel_wire.h); one that does
// not parse (a string that is not UTF-8) gets a ParcelError with code 3
// (INVALID_ARGUMENT) naming the field in its place, and the stream goes on.
//
// Identity: the caller was authorized when the stream opened (auth.h); each
// parcel is screened under the caller's carrier id, and one that names
// another carrier gets a ParcelError with code 7 (PERMISSION_DENIED). A
// reload of the keys file re-checks the stream's credential at once
// (Authorizer::AddWatcher), on the reloading thread: when it was removed or
// now names another principal or role, no parcel is read or screened any
// more, the answers already queued are written and the stream ends with
// UNAUTHENTICATED, idle or not (review bb3 L8). A parcel read meanwhile is
// checked as it is taken; each pays one atomic load for this while the keys
// stay as they are.
//
// Overload: a parcel the pool refuses (max_in_flight parcels in flight)
// gets a ParcelError with code 8 (RESOURCE_EXHAUSTED) in its place, and the
// stream goes on; one whose stream deadline has passed is not screened
// (code 4, DEADLINE_EXCEEDED).
//
// Lifecycle: the stream ends with Finish(OK) once the client half-closed and
// every response is written; when gRPC cancels the call (or a write fails)
// with the code its client sees, which is also the code counted
// (call_ending.h): DEADLINE_EXCEEDED past the stream's deadline, UNAVAILABLE
// when the server stops past its shutdown grace, else CANCELLED. A verdict
// made for the stream that its client can no longer get (screened as the
// call ended, or still queued for writing) stays in the decision log and is
// logged as "verdict_not_delivered" with its decision id
// (ParcelIntake::LogNotDelivered), so that the audit trail says which
// verdicts the carrier never saw.
// Finish is called exactly once on every path. The reactor is deleted after
// gRPC's last reaction (OnDone) and after its last pool task, whichever
// comes later.
#ifndef PLACI_SERVER_SCREEN_STREAM_REACTOR_H_
#define PLACI_SERVER_SCREEN_STREAM_REACTOR_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/verdict.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.pb.h"
#include "server/auth.h"
#include "server/call_ending.h"
#include "server/metrics.h"
#include "server/parcel_intake.h"
#include "server/recycled_messages.h"
#include "server/screening_pool.h"

namespace placi::server {

class ScreenStreamReactor final : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                                  public PrincipalsWatcher {
 public:
  static constexpr size_t kMaxPendingResponses = 32;

  // Starts the first read. The intake, pool, metrics, authorizer and ending
  // outlive the server's calls (the pool is drained before the intake goes).
  ScreenStreamReactor(grpc::CallbackServerContext* context, const ParcelIntake* intake,
                      ScreeningPool* pool, Metrics* metrics, const Authorizer* authorizer,
                      Caller caller, const CallEnding* ending);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;
  // A reload of the keys file: ends the stream when its credential went.
  void OnPrincipalsReplaced() override ABSL_LOCKS_EXCLUDED(mu_);

 private:
  ~ScreenStreamReactor() override = default;  // only through OnDone or OnAnswered

  // One answer, serialized as a ScreenStreamResponse when it is made (a
  // verdict by VerdictReply, parcel_wire.h, on the screening thread and off
  // the lock), waiting to be written.
  struct Reply {
    grpc::Slice bytes;
    // Not OK when the answer could not be serialized: the stream ends with it.
    grpc::Status serialized;
    // The verdict it carries (none for a ParcelError), for the log when it
    // is never delivered.
    std::optional<core::Verdict> verdict;
  };

  using RecycledRequests = RecycledMessages<screening::v1::ScreenStreamRequest>;

  // A parcel as read off the stream: its request, or why it is none.
  struct ReadParcel {
    // A recycled message (recycled_messages.h), back for a later parcel
    // once the parcel is answered; ReadParcelRequest parses over what it
    // held. Never null.
    RecycledRequests::Ptr request;
    absl::Status unreadable;  // OK when `request` was read
    std::string field;        // the unreadable field's path, if one is to blame
  };

  // The answer to one parcel (verdict or ParcelError); on a pool thread.
  Reply Answer(const screening::v1::ScreenStreamRequest& request, absl::Time deadline) const;
  // On the pool thread, before screening: true (and the reactor given up,
  // deleted if gRPC is done with it) when the stream has already ended.
  bool DropIfFinished();
  // The parcel being screened got `reply` (its verdict, or its refusal
  // when the pool was full). Returns the stream's next parcel when the
  // caller is to screen it at once on its thread (a pool task, whose slot
  // of the bound it takes over: `holds_pool_slot`); nullptr otherwise,
  // and then the reactor may already be deleted.
  std::shared_ptr<const screening::v1::ScreenStreamRequest> OnAnswered(Reply reply,
                                                                       bool holds_pool_slot);
  // The task that screens `parcel`, and its follow-ups, handing each
  // answer to OnAnswered.
  absl::AnyInvocable<void() &&> ScreenTask(
      std::shared_ptr<const screening::v1::ScreenStreamRequest> parcel);
  // The answer to a parcel past the bound (code 8), recorded as refused.
  Reply Overloaded(const screening::v1::ScreenStreamRequest& parcel) const;
  // The answer that takes a parcel's place when it gets no verdict: a
  // ParcelError with `status` (and the parcel's request id when it is one).
  static Reply ErrorReply(const screening::v1::ScreenStreamRequest& request,
                          const absl::Status& status, const std::string& field);

  // The parcel to screen, or nullptr when it could not be read or names
  // another carrier (its refusal is queued in its place).
  std::shared_ptr<const screening::v1::ScreenStreamRequest> TakeLocked(ReadParcel parcel)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Whether the stream's credential is still in force (re-checked only
  // when the keys were reloaded since the last check). When not, no parcel
  // is read any more and the stream ends with UNAUTHENTICATED once the
  // queued answers are written.
  bool StillAuthorizedLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Screening of `parcel`, the one read while the previous was screened:
  // returned, to be screened on the calling pool task's thread, when
  // `holds_pool_slot` and no other task waits for the pool; else queued on
  // the pool (nullptr), or its refusal answered (nullptr).
  std::shared_ptr<const screening::v1::ScreenStreamRequest> ScreenNextLocked(ReadParcel parcel,
                                                                             bool holds_pool_slot)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MaybeStartReadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MaybeStartWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MaybeFinishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The status of the call now that gRPC cancelled it (call_ending.h).
  grpc::Status CancelledStatus(std::string_view what) const {
    return ending_->Cancelled(start_, deadline_, what);
  }

  grpc::CallbackServerContext* const context_;  // not used once OnDone ran
  const ParcelIntake* const intake_;
  ScreeningPool* const pool_;
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
  const Caller caller_;
  const CallEnding* const ending_;
  const absl::Time start_;
  const absl::Time deadline_;  // of the call, read once

  // Filled by gRPC between StartRead and OnReadDone; only one read is ever
  // in flight, and OnReadDone parses it before the next StartRead.
  grpc::ByteBuffer request_;

  // OnReadDone, OnWriteDone, OnCancel and pool tasks may run concurrently on
  // different threads; mu_ orders them. It is held while starting reads,
  // writes and Finish (as in gRPC's route_guide example), never while
  // screening.
  absl::Mutex mu_;
  // Replies not yet written; while writing_, the front one is in flight,
  // its bytes in write_bytes_.
  std::deque<Reply> pending_ ABSL_GUARDED_BY(mu_);
  // Whether a reply was written: the initial metadata went with it.
  bool wrote_once_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ByteBuffer write_bytes_ ABSL_GUARDED_BY(mu_);
  // A parcel read while the previous one is being screened.
  std::optional<ReadParcel> next_ ABSL_GUARDED_BY(mu_);
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool screening_ ABSL_GUARDED_BY(mu_) = false;   // a pool task holds `this`
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;  // half-close, read failure, revoked
  // Authorizer::generation() under which caller_ was last found valid.
  uint64_t auth_generation_ ABSL_GUARDED_BY(mu_);
  // OK, or why the stream's credential is no longer valid: its final status.
  grpc::Status revoked_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;    // Finish called
  bool done_ ABSL_GUARDED_BY(mu_) = false;        // OnDone ran
  grpc::StatusCode final_code_ ABSL_GUARDED_BY(mu_) = grpc::StatusCode::OK;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SCREEN_STREAM_REACTOR_H_
