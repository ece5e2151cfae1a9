// The clustered mode: several replicas, one truth, on NATS JetStream. Each
// replica's RocksDB (storage::Store) is its materialised view of two
// streams, applied through the store's one apply path:
//
//   <prefix>_WATCHLIST  subject <subject>.watchlist: watchlist upserts and
//       deletes. Admin calls publish here (PublishWatchlist) and return once
//       JetStream stored the change and this replica applied it; the stream
//       sequence is the watchlist version, the same on every replica. Kept
//       whole (no limits): a new replica rebuilds the watchlist from it.
//   <prefix>_EVENTS  subjects <subject>.events.<node_id>: verdicts, hold
//       changes (a ResolveHold is a verdict), window increments and shadow
//       verdicts. Each replica applies its own events at once, locally, and
//       they reach the stream from its outbox (storage/outbox.h); it applies
//       every other replica's events from the stream and skips its own (an
//       event names the database that made it: meta "replication_origin").
//       Kept for --nats_events_max_age (longer than the longest window).
//
// The position reached in each stream is stored with the events it applied
// (the watchlist version; meta "replication_events_seq"), so a restarted
// replica resumes where it stopped. Start() catches up with both streams
// before the server reports SERVING. When NATS is lost the replica keeps
// screening from its local view; its events wait in the outbox and are
// published when the connection is back (ids de-duplicate a batch sent
// twice), and the ordered consumers resume from where they were.
//
//   Replicator replicator(options);
//   Store::Options store_options = ...;
//   replicator.ConfigureStore(&store_options);  // the outbox
//   auto store = Store::Open(store_options);
//   replicator.Start(store->get());
//   absl::StatusOr<ApplyResult> r = replicator.PublishWatchlist(WatchlistUpsert{entries});
#ifndef PLACI_STORAGE_REPLICATION_REPLICATOR_H_
#define PLACI_STORAGE_REPLICATION_REPLICATOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/replication/nats_log.h"
#include "storage/store.h"

namespace placi::internal::v1 {
class EventBatch;
}  // namespace placi::internal::v1

namespace placi::storage::replication {

struct ReplicationOptions {
  NatsConnectOptions nats;  // nats.urls empty: single-node mode, no Replicator
  // This replica's name in the stream subjects and logs; unique per replica.
  std::string node_id;
  int stream_replicas = 3;  // Raft replicas of each stream (1..5)
  std::string stream_prefix = "PLACI";   // stream names: PLACI_WATCHLIST, PLACI_EVENTS
  std::string subject_prefix = "placi";  // subjects: placi.watchlist, placi.events.<node>
  // How long the events stream keeps an event. Longer than the longest
  // window (8 days 16 hours), so that a new replica rebuilds its windows.
  absl::Duration events_max_age = absl::Hours(9 * 24);
  int64_t events_max_bytes = -1;  // -1: no limit
  // Start() waits this long to catch up with the streams.
  absl::Duration catch_up_timeout = absl::Seconds(120);
  // An admin write waits this long for its own replica to apply it.
  absl::Duration apply_wait = absl::Seconds(10);
  // Where the replicator reports what operators should see (connection lost
  // and back, catch-up done, events it could not apply); may be empty.
  std::function<void(bool error, const std::string& event, const std::string& message)> log;
  // Called after each watchlist change applied from the stream and on each
  // loss or recovery of the connection (may be empty; NATS client threads).
  std::function<void()> on_watchlist_applied;
  std::function<void(bool connected)> on_connection_change;
  // Tests only: asked before each apply from the streams; an error fails
  // that apply as a failing disk would. Empty in production.
  std::function<absl::Status(const Event& event)> apply_fault;
};

// What the replicator reports (metrics, health).
struct ReplicationStatus {
  bool connected = false;
  uint64_t watchlist_applied = 0;   // last watchlist sequence applied
  uint64_t events_applied = 0;      // last events sequence seen
  uint64_t events_pending = 0;      // events after it, as the server last said
  uint64_t outbox_size = 0;         // local events not yet published
  uint64_t events_published = 0;    // since start
  uint64_t events_received = 0;     // other replicas' events applied, since start
  uint64_t apply_errors = 0;        // since start
  double last_lag_seconds = 0;      // stored → applied, of the last event from another replica
};

class Replicator {
 public:
  explicit Replicator(ReplicationOptions options);
  ~Replicator();  // Stop()
  Replicator(const Replicator&) = delete;
  Replicator& operator=(const Replicator&) = delete;

  // Sets the outbox of the store this replicator will feed. Before
  // Store::Open.
  void ConfigureStore(Store::Options* options);

  // Connects, creates the streams if missing, seeds the watchlist stream
  // with `seed` if the stream is empty (nullptr: no seed), catches up with
  // both streams and starts following them and publishing the outbox.
  // `store` outlives the replicator (or Stop() is called first).
  absl::Status Start(Store* store, const std::vector<core::WatchlistEntry>* seed);

  // Publishes a watchlist event, waits until JetStream stored it and this
  // replica applied it; returns the apply result, whose version is the
  // stream sequence. INVALID_ARGUMENT for an event larger than a NATS
  // message may be; UNAVAILABLE without NATS (the change is not made).
  absl::StatusOr<ApplyResult> PublishWatchlist(const Event& event);

  ReplicationStatus status() const;
  const std::string& node_id() const { return options_.node_id; }

  // Stops following the streams and publishing; idempotent.
  void Stop();

 private:
  void OnWatchlistMessage(const NatsLog::Message& message);
  void OnEventsMessage(const NatsLog::Message& message);
  // Applies the events of another replica's batch that are new here; false
  // when Stop() came before all were applied.
  bool ApplyBatch(const ::placi::internal::v1::EventBatch& batch, uint64_t stream_sequence);
  // ApplyFromLog, retried with backoff until it succeeds; the error only
  // when Stop() comes first. `what` names the change in the logs.
  absl::StatusOr<ApplyResult> ApplyUntilDone(const Event& event, const LogPosition& position,
                                             const std::string& what);
  // The last outbox sequence of `origin` applied here (loaded from meta on
  // first use). Events thread only.
  uint64_t* OriginMark(const std::string& origin);
  void PublishLoop();
  void Log(bool error, const std::string& event, const std::string& message) const {
    if (options_.log) options_.log(error, event, message);
  }
  absl::Status WaitWatchlistApplied(uint64_t sequence, absl::Duration timeout,
                                    ApplyResult* result);
  absl::Status CatchUp(absl::Time deadline);
  absl::Status LoadOrigin();

  const ReplicationOptions options_;
  const std::string watchlist_stream_;
  const std::string events_stream_;
  const std::string watchlist_subject_;
  const std::string events_subject_;  // this node's

  Store* store_ = nullptr;
  std::string origin_;  // set in Start before any event is encoded
  std::unique_ptr<NatsLog> log_;
  std::unique_ptr<NatsLog::Subscription> watchlist_sub_;
  std::unique_ptr<NatsLog::Subscription> events_sub_;
  absl::flat_hash_map<std::string, uint64_t> origin_marks_;  // events thread only

  mutable absl::Mutex mu_;
  uint64_t watchlist_applied_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t events_applied_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t events_pending_ ABSL_GUARDED_BY(mu_) = 0;
  double last_lag_seconds_ ABSL_GUARDED_BY(mu_) = 0;
  // Results of watchlist events that an admin call waits for.
  // Results of the latest watchlist events applied (the last kKeptResults),
  // for the admin calls that published them.
  absl::flat_hash_map<uint64_t, ApplyResult> results_ ABSL_GUARDED_BY(mu_);
  bool outbox_dirty_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;

  std::atomic<uint64_t> events_published_{0};
  std::atomic<uint64_t> events_received_{0};
  std::atomic<uint64_t> apply_errors_{0};
  std::atomic<bool> closing_{false};
  std::thread publisher_;
};

}  // namespace placi::storage::replication

#endif  // PLACI_STORAGE_REPLICATION_REPLICATOR_H_
