// placi.screening.v1.DecisionService: reads of the decision log and the
// resolution of holds (through core::Screener, which owns the hold rules).
//
// ResolveHold writes a verdict to RocksDB on the reaction thread (a WAL
// append; an fsync with --sync_decisions). Acceptable for a human-paced
// admin call; move it to an executor if that ever changes.
#ifndef PLACI_SERVER_DECISION_SERVICE_H_
#define PLACI_SERVER_DECISION_SERVICE_H_

#include <cstddef>

#include "core/screener.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "server/auth.h"
#include "server/hold_watch.h"
#include "server/metrics.h"
#include "storage/store.h"

namespace placi::server {

// Thread-safe; decisions, screener, metrics and authorizer outlive the
// server. A carrier reads its own verdicts only: another carrier's decision
// is NOT_FOUND, and ListDecisions leaves other carriers' verdicts out.
// Shadow verdicts are for officers and admins.
class DecisionService final : public screening::v1::DecisionService::CallbackService {
 public:
  // The API promises at most this many verdicts per ListDecisions page.
  static constexpr size_t kMaxListedDecisions = 1000;
  // And at most this many bytes of verdicts: every gRPC client refuses a
  // message over 4 MiB unless told otherwise, and 1,000 verdicts of a
  // many-item parcel are 11 MB (review bb5 M2). A page cut short by it says
  // so with next_page_token, as one cut by page_size does.
  static constexpr size_t kMaxListedBytes = 3 << 20;
  // The "kind" of ListDecisions' page tokens (page_token.h): no entry kind,
  // so that a ListEntries token is not one of these, nor the reverse.
  static constexpr int kDecisionPageTokenKind = -1;

  // `updates` gets every resolution, for the WatchHolds calls.
  DecisionService(const storage::Store* decisions, const core::Screener* screener, Metrics* metrics,
                  const Authorizer* authorizer, HoldUpdates* updates)
      : decisions_(decisions),
        screener_(screener),
        metrics_(metrics),
        authorizer_(authorizer),
        updates_(updates) {}

  grpc::ServerUnaryReactor* GetDecision(grpc::CallbackServerContext* context,
                                        const screening::v1::GetDecisionRequest* request,
                                        screening::v1::GetDecisionResponse* response) override;
  grpc::ServerUnaryReactor* ListDecisions(grpc::CallbackServerContext* context,
                                          const screening::v1::ListDecisionsRequest* request,
                                          screening::v1::ListDecisionsResponse* response) override;
  grpc::ServerUnaryReactor* ResolveHold(grpc::CallbackServerContext* context,
                                        const screening::v1::ResolveHoldRequest* request,
                                        screening::v1::ResolveHoldResponse* response) override;
  grpc::ServerWriteReactor<screening::v1::WatchHoldsResponse>* WatchHolds(
      grpc::CallbackServerContext* context,
      const screening::v1::WatchHoldsRequest* request) override;

 private:
  const storage::Store* const decisions_;
  const core::Screener* const screener_;
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
  HoldUpdates* const updates_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_DECISION_SERVICE_H_
