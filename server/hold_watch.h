// DecisionService.WatchHolds: later changes to verdicts, pushed to the
// carriers' loading systems as they happen. Domain: customs answer data
// errors at once and the risk outcome later, and a hold stays until a
// person resolves it; the build-up deadline is minutes away, so a carrier
// should learn of the resolution at once rather than by re-filing the
// waybill or polling ListDecisions.
//
// HoldUpdates is the hub: ResolveHold publishes each resolution's verdict,
// and every open WatchHolds call that may see it gets a copy. Each call has
// its own queue of at most kMaxQueued updates; a client that falls that far
// behind has its call ended with RESOURCE_EXHAUSTED rather than lose an
// update silently (it reads what it missed with ListDecisions).
//
//   HoldUpdates updates;
//   // DecisionService::WatchHolds:
//   return updates.Watch(context, carrier_key, authorizer, caller);  // deletes itself
//   // DecisionService::ResolveHold, after the resolution is recorded:
//   updates.Publish(resolution_verdict_proto);
//   // ServerApp::Shutdown, after the drain:
//   updates.Close();                                  // ends every call: UNAVAILABLE
#ifndef PLACI_SERVER_HOLD_WATCH_H_
#define PLACI_SERVER_HOLD_WATCH_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.pb.h"
#include "server/auth.h"
#include "server/metrics.h"

namespace placi::server {

class HoldWatchReactor;

// The key of the initial metadata a WatchHolds call gets once it is
// watching (value "1"): a resolution made after the client has it is
// delivered. A call refused or ended before (authentication, a carrier
// naming another, a stopping server) ends without it, so that a client can
// tell a watch from an error that follows the connection at once (the
// `placi-screen hold watch` CLI says "watching" only then).
inline constexpr std::string_view kWatchingMetadataKey = "placi-watching";

// Thread-safe. Outlives the server's calls (ServerApp owns it beside the
// services; Close() before the server shuts down).
class HoldUpdates {
 public:
  static constexpr size_t kMaxQueued = 1000;

  explicit HoldUpdates(Metrics* metrics) : metrics_(metrics) {}
  HoldUpdates(const HoldUpdates&) = delete;
  HoldUpdates& operator=(const HoldUpdates&) = delete;

  // A new WatchHolds call of `caller`, allowed to call it by `authorizer`
  // (which outlives the calls), seeing the resolutions of `carrier_key` only
  // (a HoldCarrierKey) or, when nullopt, of every carrier. A reload of the
  // keys file checks the caller's credential again at once
  // (Authorizer::AddWatcher, StillAuthorized): a call whose key was revoked
  // ends with UNAUTHENTICATED then, and gets no update (review bb3 L8).
  // Ended at once with UNAVAILABLE after Close(). `context` is the call's:
  // its initial metadata carries kWatchingMetadataKey once watching.
  grpc::ServerWriteReactor<screening::v1::WatchHoldsResponse>* Watch(
      grpc::CallbackServerContext* context, std::optional<std::string> carrier_key,
      const Authorizer* authorizer, Caller caller);

  // Hands `verdict` (a resolution's) to every open call that may see it.
  void Publish(const screening::v1::Verdict& verdict);

  // Ends every open call with UNAVAILABLE, and every later one at its start.
  void Close();

 private:
  friend class HoldWatchReactor;
  void Remove(HoldWatchReactor* watcher);

  Metrics* const metrics_;
  absl::Mutex mu_;
  // Each is removed (under mu_) before it is deleted, so Publish never
  // reaches a deleted one.
  std::vector<HoldWatchReactor*> watchers_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_HOLD_WATCH_H_
