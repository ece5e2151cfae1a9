// placi.screening.v1.WatchlistService: validated admin writes through the
// storage apply path (which keeps the in-memory index in step), and reads.
//
// The writes are synced RocksDB writes and block the reaction thread for an
// fsync (about a millisecond on SSDs). Acceptable for rare admin calls; if
// admin traffic grows, move them to an executor so that they cannot starve
// the callback threads that serve screening.
#ifndef PLACI_SERVER_WATCHLIST_SERVICE_H_
#define PLACI_SERVER_WATCHLIST_SERVICE_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/intake_limits.h"
#include "core/watchlist_index.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "server/arena_message_allocator.h"
#include "server/auth.h"
#include "server/metrics.h"
#include "storage/replication/replicator.h"
#include "storage/store.h"

namespace placi::server {

// Thread-safe; store, index and metrics outlive the server.
class WatchlistService final : public screening::v1::WatchlistService::CallbackService {
 public:
  // Every method is for admins (auth.h). With a replicator (clustered
  // mode), writes go to NATS JetStream and return once stored there and
  // applied here; else to the store.
  WatchlistService(storage::Store* store, const core::WatchlistIndex* index, Metrics* metrics,
                   const Authorizer* authorizer, core::IntakeLimits limits = {},
                   storage::replication::Replicator* replicator = nullptr)
      : store_(store),
        index_(index),
        metrics_(metrics),
        authorizer_(authorizer),
        limits_(limits),
        replicator_(replicator) {
    SetMessageAllocatorFor_UpsertEntries(&upsert_allocator_);
  }

  grpc::ServerUnaryReactor* UpsertEntries(grpc::CallbackServerContext* context,
                                          const screening::v1::UpsertEntriesRequest* request,
                                          screening::v1::UpsertEntriesResponse* response) override;
  grpc::ServerUnaryReactor* DeleteEntries(grpc::CallbackServerContext* context,
                                          const screening::v1::DeleteEntriesRequest* request,
                                          screening::v1::DeleteEntriesResponse* response) override;
  grpc::ServerUnaryReactor* GetEntry(grpc::CallbackServerContext* context,
                                     const screening::v1::GetEntryRequest* request,
                                     screening::v1::GetEntryResponse* response) override;
  grpc::ServerUnaryReactor* ListEntries(grpc::CallbackServerContext* context,
                                        const screening::v1::ListEntriesRequest* request,
                                        screening::v1::ListEntriesResponse* response) override;
  grpc::ServerUnaryReactor* GetWatchlistInfo(
      grpc::CallbackServerContext* context, const screening::v1::GetWatchlistInfoRequest* request,
      screening::v1::GetWatchlistInfoResponse* response) override;

 private:
  grpc::Status DoUpsert(const screening::v1::UpsertEntriesRequest& request,
                        screening::v1::UpsertEntriesResponse* response);
  grpc::Status DoDelete(const screening::v1::DeleteEntriesRequest& request,
                        screening::v1::DeleteEntriesResponse* response);
  grpc::Status DoGetEntry(const screening::v1::GetEntryRequest& request,
                          screening::v1::GetEntryResponse* response);
  grpc::Status DoListEntries(const screening::v1::ListEntriesRequest& request,
                             screening::v1::ListEntriesResponse* response);
  // Converts and checks request entry `index`; on success *key is its
  // WatchlistIndex::KeyOf. The violation names the field ("entries[3].id").
  std::optional<core::FieldViolation> CheckEntry(const screening::v1::WatchlistEntry& proto,
                                                 int index, core::WatchlistEntry* entry,
                                                 std::string* key) const;
  // The one write path of both modes; the sequence is 0 on a single node.
  absl::StatusOr<storage::ApplyResult> Write(storage::Event event, uint64_t* sequence);
  // After a write: the gauges follow the index.
  void UpdateGauges();
  // After a write: one "watchlist_changed" log event (json_log.h).
  void LogChange(std::string_view operation, int requested,
                 const storage::ApplyResult& result) const;

  storage::Store* const store_;
  const core::WatchlistIndex* const index_;
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
  const core::IntakeLimits limits_;
  storage::replication::Replicator* const replicator_;
  // Imports send 10,000 entries a call: parsed into an arena, freed at once.
  ArenaMessageAllocator<screening::v1::UpsertEntriesRequest, screening::v1::UpsertEntriesResponse>
      upsert_allocator_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_WATCHLIST_SERVICE_H_
