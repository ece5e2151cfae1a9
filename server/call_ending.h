// How a call that gRPC cancelled ended for its client, so that the metrics
// count the code the client saw (review9a: a ScreenStream ended by its
// deadline was counted CANCELLED, one cut at the end of the shutdown grace
// CANCELLED too, while the clients saw DEADLINE_EXCEEDED and UNAVAILABLE).
//
// gRPC cancels a server call (OnCancel, a read or write that fails) when
//   - the call's deadline passes: the client gets DEADLINE_EXCEEDED;
//   - Server::Shutdown's deadline passes (the grace): the client gets
//     UNAVAILABLE ("Cancelling all calls");
//   - the client cancels or its connection breaks: CANCELLED.
// The first two are told apart by the clock; the server's Finish status is
// never seen by the client in any of them, only counted. A client whose
// deadline passes cancels the call itself (RST_STREAM), which can reach the
// server a little before the server's copy of the deadline does: that copy
// came as a timeout, which gRPC rounds up on the wire (to 10 ms, 100 ms, 1 s,
// ... as the timeout grows: about 1% of it). So a cancel within 2% of the
// call's time before its deadline (at least 50 ms) is taken for the
// deadline; a client that cancels that close to its deadline by hand is
// counted DEADLINE_EXCEEDED, which it was about to get anyway.
//
//   CallEnding ending;                       // one per service
//   ending.ServerStopsAt(now + grace);      // before Server::Shutdown
//   FinishLocked(ending.Cancelled(start_, deadline_, "stream cancelled"));
#ifndef PLACI_SERVER_CALL_ENDING_H_
#define PLACI_SERVER_CALL_ENDING_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"

namespace placi::server {

// Thread-safe.
class CallEnding {
 public:
  // From `when` on, gRPC cancels the calls still in progress because the
  // server stops (the end of Server::Shutdown's grace).
  void ServerStopsAt(absl::Time when) {
    stop_unix_nanos_.store(absl::ToUnixNanos(when), std::memory_order_relaxed);
  }

  // The status of a call started at `start`, with `deadline`
  // (absl::InfiniteFuture() for none), that gRPC cancelled now: whichever of
  // the deadline and the server's stop came first and has passed, else
  // CANCELLED. `what` is the message.
  grpc::Status Cancelled(absl::Time start, absl::Time deadline, std::string_view what) const {
    return CancelledAt(absl::Now(), start, deadline,
                       absl::FromUnixNanos(stop_unix_nanos_.load(std::memory_order_relaxed)),
                       what);
  }

  // The same for a call of no service that stops (or whose stop is told
  // apart elsewhere): DEADLINE_EXCEEDED at `deadline`, else CANCELLED.
  static grpc::Status CancelledWithDeadline(absl::Time start, absl::Time deadline,
                                            std::string_view what) {
    return CancelledAt(absl::Now(), start, deadline, absl::InfiniteFuture(), what);
  }

  static grpc::Status CancelledAt(absl::Time now, absl::Time start, absl::Time deadline,
                                  absl::Time stop, std::string_view what) {
    // The client's own cancel at its deadline may come this much early.
    const absl::Duration early =
        std::max(absl::Milliseconds(50), (deadline - start) / 50);
    if (deadline <= stop && now >= deadline - early) {
      return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                          std::string(what) + ": deadline exceeded");
    }
    if (now >= stop) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          std::string(what) + ": the server stopped (shutdown grace over)");
    }
    return grpc::Status(grpc::StatusCode::CANCELLED, std::string(what));
  }

 private:
  std::atomic<int64_t> stop_unix_nanos_{std::numeric_limits<int64_t>::max()};
};

}  // namespace placi::server

#endif  // PLACI_SERVER_CALL_ENDING_H_
