// See replicator.h.
#include "storage/replication/replicator.h"

#include <algorithm>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "storage/keys.h"
#include "placi/internal/v1/events.pb.h"
#include "storage/replication/event_codec.h"

namespace placi::storage::replication {
namespace {

namespace ipb = ::placi::internal::v1;

constexpr char kOriginKey[] = "replication_origin";
constexpr char kEventsPositionKey[] = "replication_events_seq";

// meta: how far the events of one origin have been applied here.
std::string OriginMarkKey(const std::string& origin) {
  return "replication_origin_seq/" + origin;
}
constexpr uint64_t kKeptResults = 1024;
constexpr size_t kPublishBatch = 512;             // events per message at most
constexpr size_t kPublishBatchBytes = 512 * 1024;  // and bytes (NATS default max 1 MB)
constexpr size_t kSeedChunk = 1000;  // entries per seed message

std::string NewOrigin() {
  absl::BitGen gen;
  return absl::StrCat(absl::Hex(absl::Uniform<uint64_t>(gen), absl::kZeroPad16),
                      absl::Hex(absl::Uniform<uint64_t>(gen), absl::kZeroPad16));
}

// A node id as one token of a NATS subject: no dots, spaces or wildcards.
std::string SubjectToken(const std::string& node_id) {
  std::string out = node_id;
  for (char& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) c = '_';
  }
  return out;
}

bool IsWatchlistEvent(const Event& event) {
  return std::holds_alternative<WatchlistUpsert>(event) ||
         std::holds_alternative<WatchlistDelete>(event);
}

}  // namespace

Replicator::Replicator(ReplicationOptions options)
    : options_(std::move(options)),
      watchlist_stream_(options_.stream_prefix + "_WATCHLIST"),
      events_stream_(options_.stream_prefix + "_EVENTS"),
      watchlist_subject_(options_.subject_prefix + ".watchlist"),
      events_subject_(options_.subject_prefix + ".events." + SubjectToken(options_.node_id)) {}

Replicator::~Replicator() { Stop(); }

void Replicator::ConfigureStore(Store::Options* options) {
  options->outbox_encoder = [this](const Event& event) {
    return EncodeEvent(event, origin_, options_.node_id);
  };
  options->outbox_written = [this] {
    absl::MutexLock lock(&mu_);
    outbox_dirty_ = true;
  };
}

absl::Status Replicator::LoadOrigin() {
  absl::StatusOr<std::optional<std::string>> origin = store_->GetMeta(kOriginKey);
  if (!origin.ok()) return origin.status();
  if (origin->has_value()) {
    origin_ = **origin;
    return absl::OkStatus();
  }
  // A database with a watchlist but no origin was made in single-node mode:
  // its versions mean nothing in the stream.
  if (store_->GetWatchlistInfo().version > 0) {
    return absl::FailedPreconditionError(
        "the data dir was made in single-node mode (it has a watchlist but never joined a "
        "cluster); start this replica on an empty data dir");
  }
  // A new database (or a wiped one) is a new origin: the events of its
  // predecessor under the same node id are then applied, not skipped.
  origin_ = NewOrigin();
  return store_->PutMeta(kOriginKey, origin_);
}

absl::Status Replicator::Start(Store* store, const std::vector<core::WatchlistEntry>* seed) {
  if (options_.node_id.empty()) return absl::InvalidArgumentError("clustered mode needs a node id");
  if (options_.stream_replicas < 1 || options_.stream_replicas > 5) {
    return absl::InvalidArgumentError("stream replicas must be 1..5");
  }
  store_ = store;
  if (store_->outbox() == nullptr) {
    return absl::FailedPreconditionError("the store was opened without ConfigureStore");
  }
  if (absl::Status s = LoadOrigin(); !s.ok()) return s;

  NatsConnectOptions nats = options_.nats;
  if (nats.name.empty()) nats.name = "placi-screen " + options_.node_id;
  absl::StatusOr<std::unique_ptr<NatsLog>> log =
      NatsLog::Connect(nats, [this](bool connected) {
        if (closing_.load()) return;  // our own close, not a loss
        Log(!connected, connected ? "nats_reconnected" : "nats_disconnected",
            connected ? "placi-screen: NATS connection back; publishing the outbox"
                      : "placi-screen: NATS connection lost; screening goes on from the local "
                        "view, events wait in the outbox");
        if (connected) {
          absl::MutexLock lock(&mu_);
          outbox_dirty_ = true;
        }
        if (options_.on_connection_change) options_.on_connection_change(connected);
      });
  if (!log.ok()) return log.status();
  log_ = *std::move(log);

  if (absl::Status s = log_->EnsureStream({.name = watchlist_stream_,
                                           .subjects = {watchlist_subject_},
                                           .replicas = options_.stream_replicas});
      !s.ok()) {
    return s;
  }
  if (absl::Status s = log_->EnsureStream({.name = events_stream_,
                                           .subjects = {options_.subject_prefix + ".events.>"},
                                           .replicas = options_.stream_replicas,
                                           .max_age = options_.events_max_age,
                                           .max_bytes = options_.events_max_bytes});
      !s.ok()) {
    return s;
  }

  absl::StatusOr<uint64_t> watchlist_last = log_->LastSequence(watchlist_stream_);
  if (!watchlist_last.ok()) return watchlist_last.status();
  if (*watchlist_last == 0 && seed != nullptr && !seed->empty()) {
    // Every replica may try at once: the message ids make it one seed.
    const size_t chunks = (seed->size() + kSeedChunk - 1) / kSeedChunk;
    for (size_t i = 0; i < chunks; ++i) {
      WatchlistUpsert upsert;
      const size_t end = std::min(seed->size(), (i + 1) * kSeedChunk);
      upsert.entries.assign(seed->begin() + i * kSeedChunk, seed->begin() + end);
      absl::StatusOr<uint64_t> seq =
          log_->Publish(watchlist_subject_, EncodeEvent(upsert, origin_, options_.node_id),
                        absl::StrCat("placi-seed-", i, "-of-", chunks));
      if (!seq.ok()) return seq.status();
    }
    watchlist_last = log_->LastSequence(watchlist_stream_);
    if (!watchlist_last.ok()) return watchlist_last.status();
  }
  absl::StatusOr<uint64_t> events_last = log_->LastSequence(events_stream_);
  if (!events_last.ok()) return events_last.status();

  const uint64_t local_version = store_->GetWatchlistInfo().version;
  if (local_version > *watchlist_last) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the data dir's watchlist is at version ", local_version, " but stream ",
        watchlist_stream_, " ends at ", *watchlist_last,
        ": it was made in single-node mode or by another cluster; start this replica on an "
        "empty data dir"));
  }
  uint64_t events_position = 0;
  absl::StatusOr<std::optional<std::string>> stored = store_->GetMeta(kEventsPositionKey);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) {
    std::optional<uint64_t> decoded = keys::DecodeVersion(**stored);
    if (!decoded) return absl::DataLossError("meta replication_events_seq is not 8 bytes");
    events_position = *decoded;
  }
  {
    absl::MutexLock lock(&mu_);
    watchlist_applied_ = local_version;
    events_applied_ = events_position;
  }

  const absl::Time started = absl::Now();
  absl::StatusOr<std::unique_ptr<NatsLog::Subscription>> sub = log_->Subscribe(
      watchlist_stream_, watchlist_subject_, local_version + 1,
      [this](const NatsLog::Message& m) { OnWatchlistMessage(m); });
  if (!sub.ok()) return sub.status();
  watchlist_sub_ = *std::move(sub);
  sub = log_->Subscribe(events_stream_, options_.subject_prefix + ".events.>",
                        events_position + 1,
                        [this](const NatsLog::Message& m) { OnEventsMessage(m); });
  if (!sub.ok()) return sub.status();
  events_sub_ = *std::move(sub);

  {
    absl::MutexLock lock(&mu_);
    const uint64_t wl = *watchlist_last;
    const uint64_t ev = *events_last;
    const auto caught_up = [this, wl, ev]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return watchlist_applied_ >= wl && events_applied_ >= ev;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&caught_up), options_.catch_up_timeout)) {
      return absl::DeadlineExceededError(absl::StrCat(
          "catching up with NATS took longer than ",
          absl::FormatDuration(options_.catch_up_timeout), ": watchlist at ", watchlist_applied_,
          " of ", wl, ", events at ", events_applied_, " of ", ev));
    }
  }
  Log(false, "replication_caught_up",
      absl::StrCat("placi-screen: node ", options_.node_id, " caught up with NATS in ",
                   absl::FormatDuration(absl::Now() - started), " (watchlist version ",
                   *watchlist_last, ", events ", *events_last, ", local events to publish ",
                   store_->outbox()->size(), ")"));
  publisher_ = std::thread([this] { PublishLoop(); });
  return absl::OkStatus();
}

absl::StatusOr<ApplyResult> Replicator::ApplyUntilDone(const Event& event,
                                                       const LogPosition& position,
                                                       const std::string& what) {
  // A change that fails here is never skipped: the consumer's thread waits
  // on it (later messages queue behind it, the stored position stays
  // before it) and retries with backoff, until it applies or Stop().
  absl::Duration backoff = absl::Milliseconds(50);
  for (int attempt = 1;; ++attempt) {
    absl::Status fault = options_.apply_fault ? options_.apply_fault(event) : absl::OkStatus();
    absl::StatusOr<ApplyResult> applied =
        fault.ok() ? store_->ApplyFromLog(event, position) : absl::StatusOr<ApplyResult>(fault);
    if (applied.ok()) {
      if (attempt > 1) {
        Log(false, "replication_apply_recovered",
            absl::StrCat("placi-screen: ", what, " applied after ", attempt, " attempts"));
      }
      return applied;
    }
    apply_errors_.fetch_add(1);
    if ((attempt & (attempt - 1)) == 0) {  // 1st, 2nd, 4th, ... attempt: the log stays readable
      Log(true, "replication_apply_failed",
          absl::StrCat("placi-screen: ", what, " not applied (attempt ", attempt,
                       "), retrying; replication waits for it: ", applied.status().message()));
    }
    absl::MutexLock lock(&mu_);
    const auto stopping = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), backoff)) return applied.status();
    backoff = std::min(backoff * 2, absl::Seconds(10));
  }
}

void Replicator::OnWatchlistMessage(const NatsLog::Message& message) {
  absl::StatusOr<DecodedEvent> decoded = DecodeEvent(message.data);
  Event event = WatchlistUpsert{};
  if (!decoded.ok() || !IsWatchlistEvent(decoded->event)) {
    // Every replica reads the same bytes and skips them alike; the empty
    // upsert still takes the version, so that versions have no gap.
    apply_errors_.fetch_add(1);
    Log(true, "replication_skipped",
        absl::StrCat("placi-screen: watchlist stream message ", message.sequence,
                     " is not a watchlist event; skipped"));
  } else {
    event = std::move(decoded->event);
  }
  absl::StatusOr<ApplyResult> applied =
      ApplyUntilDone(event, LogPosition{"", message.sequence, "", 0},
                     absl::StrCat("watchlist change ", message.sequence));
  if (!applied.ok()) return;  // stopping: not applied, the position stays behind
  if (options_.on_watchlist_applied) options_.on_watchlist_applied();
  absl::MutexLock lock(&mu_);
  watchlist_applied_ = std::max(watchlist_applied_, message.sequence);
  results_[message.sequence] = *applied;
  if (message.sequence > kKeptResults) results_.erase(message.sequence - kKeptResults);
}

void Replicator::OnEventsMessage(const NatsLog::Message& message) {
  ipb::EventBatch batch;
  if (!batch.ParseFromArray(message.data.data(), static_cast<int>(message.data.size()))) {
    apply_errors_.fetch_add(1);
    Log(true, "replication_skipped",
        absl::StrCat("placi-screen: events stream message ", message.sequence,
                     " is not an event batch; skipped"));
  } else if (batch.origin() != origin_) {
    if (!ApplyBatch(batch, message.sequence)) return;  // stopping mid-batch
    const double lag =
        absl::ToDoubleSeconds(absl::Now() - absl::FromUnixNanos(message.timestamp_ns));
    absl::MutexLock lock(&mu_);
    last_lag_seconds_ = std::max(0.0, lag);
  }
  absl::MutexLock lock(&mu_);
  events_applied_ = std::max(events_applied_, message.sequence);
  events_pending_ = message.pending;
}

uint64_t* Replicator::OriginMark(const std::string& origin) {
  auto [it, inserted] = origin_marks_.try_emplace(origin, 0);
  if (inserted) {
    absl::StatusOr<std::optional<std::string>> stored = store_->GetMeta(OriginMarkKey(origin));
    if (stored.ok() && stored->has_value()) {
      it->second = keys::DecodeVersion(**stored).value_or(0);
    }
  }
  return &it->second;
}

bool Replicator::ApplyBatch(const ipb::EventBatch& batch, uint64_t stream_sequence) {
  uint64_t* mark = OriginMark(batch.origin());
  const std::string origin_key = OriginMarkKey(batch.origin());
  for (int i = 0; i < batch.items_size(); ++i) {
    const ipb::EventBatch::Item& item = batch.items(i);
    if (item.outbox_sequence() <= *mark) continue;  // applied before: sent twice
    absl::StatusOr<DecodedEvent> decoded = DecodeEvent(item.event());
    if (!decoded.ok() || IsWatchlistEvent(decoded->event)) {
      apply_errors_.fetch_add(1);
      Log(true, "replication_skipped",
          absl::StrCat("placi-screen: event ", item.outbox_sequence(), " of node ",
                       batch.node_id(), " is not a decision or window event; skipped"));
      continue;
    }
    // Until the batch's last event, the stream position stays before the
    // batch: a restart delivers it again, and the mark skips what is done.
    // A failed event is retried before the next one: applying the next
    // would move the origin's mark past it for good.
    const bool last = i + 1 == batch.items_size();
    absl::StatusOr<ApplyResult> applied = ApplyUntilDone(
        decoded->event,
        LogPosition{kEventsPositionKey, last ? stream_sequence : stream_sequence - 1, origin_key,
                    item.outbox_sequence()},
        absl::StrCat("event ", item.outbox_sequence(), " of node ", batch.node_id()));
    if (!applied.ok()) return false;
    *mark = item.outbox_sequence();
    events_received_.fetch_add(1);
  }
  return true;
}

absl::StatusOr<ApplyResult> Replicator::PublishWatchlist(const Event& event) {
  if (log_ == nullptr || !log_->connected()) {
    return absl::UnavailableError(
        "NATS is not connected: watchlist changes need the cluster; try again");
  }
  const std::string bytes = EncodeEvent(event, origin_, options_.node_id);
  if (static_cast<int64_t>(bytes.size()) > log_->max_payload()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the change is ", bytes.size(), " bytes, more than the ",
                     log_->max_payload(), " bytes a NATS message may have: send fewer entries "
                     "per call"));
  }
  absl::StatusOr<uint64_t> sequence = log_->Publish(watchlist_subject_, bytes, "");
  if (!sequence.ok()) return sequence.status();
  ApplyResult result;
  if (absl::Status s = WaitWatchlistApplied(*sequence, options_.apply_wait, &result); !s.ok()) {
    return s;
  }
  return result;
}

absl::Status Replicator::WaitWatchlistApplied(uint64_t sequence, absl::Duration timeout,
                                              ApplyResult* result) {
  absl::MutexLock lock(&mu_);
  const auto applied = [this, sequence]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return watchlist_applied_ >= sequence || stopping_;
  };
  if (!mu_.AwaitWithTimeout(absl::Condition(&applied), timeout) || stopping_) {
    return absl::DeadlineExceededError(absl::StrCat(
        "watchlist change stored in NATS as version ", sequence,
        " but not yet applied on this replica; it will be"));
  }
  auto it = results_.find(sequence);
  *result = it != results_.end() ? it->second : ApplyResult{sequence, 0};
  result->watchlist_version = sequence;
  return absl::OkStatus();
}

void Replicator::PublishLoop() {
  Outbox* outbox = store_->outbox();
  uint64_t after = 0;
  bool failing = false;
  // A run that failed is sent again exactly as it was (receivers skip
  // what they applied, by outbox sequence, whatever the run).
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      const auto wake = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return stopping_ || outbox_dirty_;
      };
      // The timeout retries after a failure and covers a missed wake-up.
      mu_.AwaitWithTimeout(absl::Condition(&wake), absl::Milliseconds(failing ? 500 : 250));
      if (stopping_) return;
      outbox_dirty_ = false;
    }
    if (!log_->connected()) continue;
    while (true) {
      absl::StatusOr<std::vector<OutboxRecord>> records = outbox->Read(after, kPublishBatch);
      if (!records.ok() || records->empty()) break;
      ipb::EventBatch batch;
      batch.set_origin(origin_);
      batch.set_node_id(options_.node_id);
      size_t bytes = 0;
      size_t count = 0;
      for (OutboxRecord& r : *records) {
        if (count > 0 && bytes + r.bytes.size() > kPublishBatchBytes) break;
        ipb::EventBatch::Item* item = batch.add_items();
        item->set_outbox_sequence(r.sequence);
        item->set_event(std::move(r.bytes));
        bytes += item->event().size() + 16;
        ++count;
      }
      const uint64_t through = batch.items(static_cast<int>(count) - 1).outbox_sequence();
      absl::StatusOr<uint64_t> published =
          log_->Publish(events_subject_, batch.SerializeAsString(),
                        absl::StrCat(origin_, "-", batch.items(0).outbox_sequence(), "-", through));
      if (!published.ok()) {
        if (!failing) {
          Log(true, "outbox_publish_failed",
              absl::StrCat("placi-screen: publishing ", count,
                           " events failed, will retry: ", published.status().message()));
        }
        failing = true;
        break;
      }
      if (failing) {
        Log(false, "outbox_publishing", "placi-screen: publishing the outbox again");
        failing = false;
      }
      if (absl::Status s = outbox->Trim(through, count); !s.ok()) {
        Log(true, "outbox_trim_failed", std::string(s.message()));
      }
      after = through;
      events_published_.fetch_add(count);
    }
  }
}

ReplicationStatus Replicator::status() const {
  ReplicationStatus out;
  out.connected = log_ != nullptr && log_->connected();
  {
    absl::MutexLock lock(&mu_);
    out.watchlist_applied = watchlist_applied_;
    out.events_applied = events_applied_;
    out.events_pending = events_pending_;
    out.last_lag_seconds = last_lag_seconds_;
  }
  if (store_ != nullptr && store_->outbox() != nullptr) out.outbox_size = store_->outbox()->size();
  out.events_published = events_published_.load();
  out.events_received = events_received_.load();
  out.apply_errors = apply_errors_.load();
  return out;
}

void Replicator::Stop() {
  // A graceful stop publishes what it can first (a few seconds at most);
  // whatever remains waits in the outbox for the next start.
  if (publisher_.joinable() && log_ != nullptr && log_->connected()) {
    const absl::Time deadline = absl::Now() + absl::Seconds(3);
    while (store_->outbox()->size() > 0 && absl::Now() < deadline) {
      {
        absl::MutexLock lock(&mu_);
        outbox_dirty_ = true;
      }
      absl::SleepFor(absl::Milliseconds(10));
    }
  }
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (publisher_.joinable()) publisher_.join();
  closing_.store(true);
  watchlist_sub_.reset();
  events_sub_.reset();
  log_.reset();
}

}  // namespace placi::storage::replication
