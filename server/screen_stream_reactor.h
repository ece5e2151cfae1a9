// The reactor of one ScreenStream call: reads parcels, screens each, writes
// one response per parcel in the order read, with bounded memory.
//
// Flow control: at most kMaxPendingResponses responses wait to be written.
// A read is started only while the queue is below that bound, so a client
// that sends faster than it reads is slowed down by HTTP/2 flow control
// instead of growing the server's memory. One read and one write are in
// flight at most (gRPC allows no more).
//
// Lifecycle: the stream ends with Finish(OK) once the client half-closed and
// every response is written; with CANCELLED when the call is cancelled
// (client cancel, deadline, server shutdown past its grace) or a write fails.
// Finish is called exactly once on every path, and the reactor deletes
// itself in OnDone, after gRPC's last reaction.
#ifndef PLACI_SERVER_SCREEN_STREAM_REACTOR_H_
#define PLACI_SERVER_SCREEN_STREAM_REACTOR_H_

#include <cstddef>
#include <deque>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.pb.h"
#include "server/metrics.h"
#include "server/parcel_intake.h"

namespace placi::server {

class ScreenStreamReactor final
    : public grpc::ServerBidiReactor<screening::v1::ScreenStreamRequest,
                                     screening::v1::ScreenStreamResponse> {
 public:
  static constexpr size_t kMaxPendingResponses = 32;

  // Starts the first read. The intake and metrics outlive the server.
  ScreenStreamReactor(grpc::CallbackServerContext* context, const ParcelIntake* intake,
                      Metrics* metrics);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  ~ScreenStreamReactor() override = default;  // only through OnDone

  // Screens request_ into a response (verdict or ParcelError).
  screening::v1::ScreenStreamResponse Answer();

  void MaybeStartReadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MaybeStartWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MaybeFinishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  grpc::CallbackServerContext* const context_;
  const ParcelIntake* const intake_;
  Metrics* const metrics_;
  const absl::Time start_;

  // Filled by gRPC between StartRead and OnReadDone; only one read is ever
  // in flight, so it needs no lock.
  screening::v1::ScreenStreamRequest request_;

  // OnReadDone, OnWriteDone and OnCancel may run concurrently on different
  // threads; mu_ orders them. It is held while starting reads, writes and
  // Finish (as in gRPC's route_guide example), never while screening.
  absl::Mutex mu_;
  // Responses not yet written; while writing_, the front one is in flight
  // (a deque keeps its address stable across push_back).
  std::deque<screening::v1::ScreenStreamResponse> pending_ ABSL_GUARDED_BY(mu_);
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;  // half-close or read failure
  bool finished_ ABSL_GUARDED_BY(mu_) = false;    // Finish called
  grpc::StatusCode final_code_ ABSL_GUARDED_BY(mu_) = grpc::StatusCode::OK;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SCREEN_STREAM_REACTOR_H_
