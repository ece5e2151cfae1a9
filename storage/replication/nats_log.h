// A thin, Status-returning wrapper of the NATS C client (cnats 3.4) for the
// replicated logs of the clustered mode: one connection to a NATS cluster,
// JetStream streams created if missing, synchronous publishes acknowledged
// with the stream sequence, and ordered consumers that deliver a stream's
// messages in order from a given sequence (the client re-creates them after
// a gap or a reconnect, so none is skipped).
//
// The connection reconnects forever on its own; `on_connection_change` is
// told each loss and each recovery.
//
//   auto log = NatsLog::Connect({.urls = {"nats://127.0.0.1:4222"}}, nullptr);
//   (*log)->EnsureStream({.name = "PLACI_WATCHLIST", .subjects = {"placi.watchlist"}});
//   absl::StatusOr<uint64_t> seq = (*log)->Publish("placi.watchlist", bytes, "", absl::Seconds(5));
//   auto sub = (*log)->Subscribe("PLACI_WATCHLIST", "placi.watchlist", *seq,
//                                [](const NatsLog::Message& m) { ... });
#ifndef PLACI_STORAGE_REPLICATION_NATS_LOG_H_
#define PLACI_STORAGE_REPLICATION_NATS_LOG_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

struct __natsConnection;
struct __jsCtx;
struct __natsSubscription;

namespace placi::storage::replication {

struct NatsConnectOptions {
  std::vector<std::string> urls;  // nats://host:port (tls:// for TLS)
  std::string creds_file;         // NATS user credentials (JWT + seed); empty: none
  std::string tls_ca_file;        // CA to verify the servers; empty: system default
  std::string tls_cert_file;      // client certificate (mTLS), with tls_key_file
  std::string tls_key_file;
  std::string name;               // shown by the servers (e.g. the node id)
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration api_timeout = absl::Seconds(5);  // JetStream API calls, publish acks
};

struct StreamOptions {
  std::string name;
  std::vector<std::string> subjects;
  int replicas = 3;                         // Raft replicas of the stream
  absl::Duration max_age = absl::ZeroDuration();  // zero: kept forever
  int64_t max_bytes = -1;                    // -1: no limit
  absl::Duration duplicate_window = absl::Minutes(2);
};

class NatsLog {
 public:
  struct Message {
    uint64_t sequence = 0;      // in the stream
    int64_t timestamp_ns = 0;   // when the stream stored it
    uint64_t pending = 0;       // messages after this one, as the server saw it
    std::string_view data;
  };
  using Handler = std::function<void(const Message&)>;

  // A subscription; destroying it unsubscribes and waits for its callback.
  class Subscription {
   public:
    ~Subscription();
   private:
    friend class NatsLog;
    struct State;
    std::unique_ptr<State> state_;
  };

  // UNAVAILABLE when no server answers within connect_timeout.
  static absl::StatusOr<std::unique_ptr<NatsLog>> Connect(
      const NatsConnectOptions& options, std::function<void(bool connected)> on_connection_change);
  ~NatsLog();

  // Creates the stream, or updates its limits if it exists.
  absl::Status EnsureStream(const StreamOptions& options);
  // The last sequence stored in the stream (0: empty).
  absl::StatusOr<uint64_t> LastSequence(const std::string& stream);

  // Publishes and waits for the stream's acknowledgement; returns the
  // sequence. `msg_id` (may be empty) de-duplicates within the stream's
  // duplicate window.
  absl::StatusOr<uint64_t> Publish(const std::string& subject, std::string_view data,
                                   const std::string& msg_id);

  // Delivers the stream's messages on `subject` from `start_sequence`
  // (>= 1), in order, on a thread of the client, one at a time.
  absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(const std::string& stream,
                                                          const std::string& subject,
                                                          uint64_t start_sequence,
                                                          Handler handler);

  bool connected() const;
  // The largest message the servers accept.
  int64_t max_payload() const;

 private:
  NatsLog() = default;
  struct Callbacks;
  __natsConnection* conn_ = nullptr;
  __jsCtx* js_ = nullptr;
  std::unique_ptr<Callbacks> callbacks_;
  absl::Duration api_timeout_;
};

}  // namespace placi::storage::replication

#endif  // PLACI_STORAGE_REPLICATION_NATS_LOG_H_
