// See nats_log.h. Every cnats object made here is destroyed here; the C
// callbacks reach C++ through the closures below, which outlive them.
#include "storage/replication/nats_log.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "nats/nats.h"

namespace placi::storage::replication {
namespace {

int64_t Millis(absl::Duration d) { return absl::ToInt64Milliseconds(d); }

// "nats: <what>: <status text> (<last error>)", as UNAVAILABLE: NATS errors
// are almost always a server out of reach or a leader being elected.
absl::Status NatsError(std::string_view what, natsStatus s, jsErrCode code = static_cast<jsErrCode>(0)) {
  std::string text = absl::StrCat("nats: ", absl::string_view(what.data(), what.size()), ": ",
                                  natsStatus_GetText(s));
  if (code != 0) absl::StrAppend(&text, " (JetStream error ", static_cast<int>(code), ")");
  const char* last = nats_GetLastError(nullptr);
  if (last != nullptr && *last != '\0') absl::StrAppend(&text, ": ", last);
  return absl::UnavailableError(text);
}

// Stream creation at start: attempts, a second apart, while the NATS cluster
// is not ready yet (see EnsureStream).
constexpr int kEnsureStreamAttempts = 10;

}  // namespace

// The connection's callbacks run on a thread of the client, possibly
// after natsConnection_Close returned: the destructor waits for the closed
// callback, the last one, before it frees this.
struct NatsLog::Callbacks {
  std::function<void(bool)> on_change;
  std::atomic<bool> connected{false};
  std::atomic<bool> closing{false};
  absl::Mutex mu;
  bool closed ABSL_GUARDED_BY(mu) = false;

  static void OnDisconnected(natsConnection*, void* closure) {
    auto* self = static_cast<Callbacks*>(closure);
    self->connected.store(false);
    if (self->on_change && !self->closing.load()) self->on_change(false);
  }
  static void OnReconnected(natsConnection*, void* closure) {
    auto* self = static_cast<Callbacks*>(closure);
    self->connected.store(true);
    if (self->on_change && !self->closing.load()) self->on_change(true);
  }
  static void OnClosed(natsConnection*, void* closure) {
    auto* self = static_cast<Callbacks*>(closure);
    absl::MutexLock lock(&self->mu);
    self->closed = true;
  }
};

struct NatsLog::Subscription::State {
  Handler handler;
  natsSubscription* sub = nullptr;
  absl::Mutex mu;
  bool stopped ABSL_GUARDED_BY(mu) = false;
  bool complete ABSL_GUARDED_BY(mu) = false;

  static void OnMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    auto* self = static_cast<State*>(closure);
    jsMsgMetaData* meta = nullptr;
    if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
      Message m;
      m.sequence = meta->Sequence.Stream;
      m.timestamp_ns = meta->Timestamp;
      m.pending = meta->NumPending;
      m.data = std::string_view(natsMsg_GetData(msg), natsMsg_GetDataLength(msg));
      absl::MutexLock lock(&self->mu);
      if (!self->stopped) self->handler(m);
    }
    if (meta != nullptr) jsMsgMetaData_Destroy(meta);
    natsMsg_Destroy(msg);
  }
  static void OnComplete(void* closure) {
    auto* self = static_cast<State*>(closure);
    absl::MutexLock lock(&self->mu);
    self->complete = true;
  }
};

NatsLog::Subscription::~Subscription() {
  if (state_ == nullptr) return;
  {
    absl::MutexLock lock(&state_->mu);
    state_->stopped = true;  // a callback in progress has finished
  }
  natsSubscription_Unsubscribe(state_->sub);
  bool complete;
  {
    absl::MutexLock lock(&state_->mu);
    const auto done = [this]() ABSL_SHARED_LOCKS_REQUIRED(state_->mu) { return state_->complete; };
    complete = state_->mu.AwaitWithTimeout(absl::Condition(&done), absl::Seconds(5));
  }
  natsSubscription_Destroy(state_->sub);
  // Should the client never confirm, its thread may still hold the
  // closure: keep it rather than free it under that thread.
  if (!complete) (void)state_.release();
}

absl::StatusOr<std::unique_ptr<NatsLog>> NatsLog::Connect(
    const NatsConnectOptions& options, std::function<void(bool connected)> on_connection_change) {
  if (options.urls.empty()) return absl::InvalidArgumentError("nats: no server URL");
  std::unique_ptr<NatsLog> log(new NatsLog());
  log->api_timeout_ = options.api_timeout;
  log->callbacks_ = std::make_unique<Callbacks>();
  log->callbacks_->on_change = std::move(on_connection_change);

  natsOptions* opts = nullptr;
  if (natsStatus s = natsOptions_Create(&opts); s != NATS_OK) return NatsError("options", s);
  std::vector<const char*> urls;
  for (const std::string& url : options.urls) urls.push_back(url.c_str());
  natsStatus s = natsOptions_SetServers(opts, urls.data(), static_cast<int>(urls.size()));
  if (s == NATS_OK && !options.name.empty()) s = natsOptions_SetName(opts, options.name.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(opts, Millis(options.connect_timeout));
  // Reconnect forever, quickly: screening goes on meanwhile, and the outbox
  // waits for the connection.
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 250);
  // A server that stops answering (not just closing the socket) is noticed
  // within a few seconds, not the default two minutes.
  if (s == NATS_OK) s = natsOptions_SetPingInterval(opts, 2000);
  if (s == NATS_OK) s = natsOptions_SetMaxPingsOut(opts, 2);
  if (s == NATS_OK) {
    s = natsOptions_SetDisconnectedCB(opts, &Callbacks::OnDisconnected, log->callbacks_.get());
  }
  if (s == NATS_OK) {
    s = natsOptions_SetReconnectedCB(opts, &Callbacks::OnReconnected, log->callbacks_.get());
  }
  if (s == NATS_OK) {
    s = natsOptions_SetClosedCB(opts, &Callbacks::OnClosed, log->callbacks_.get());
  }
  if (s == NATS_OK && !options.creds_file.empty()) {
    s = natsOptions_SetUserCredentialsFromFiles(opts, options.creds_file.c_str(), nullptr);
  }
  const bool tls = !options.tls_ca_file.empty() || !options.tls_cert_file.empty();
  if (s == NATS_OK && tls) s = natsOptions_SetSecure(opts, true);
  if (s == NATS_OK && !options.tls_ca_file.empty()) {
    s = natsOptions_LoadCATrustedCertificates(opts, options.tls_ca_file.c_str());
  }
  if (s == NATS_OK && !options.tls_cert_file.empty()) {
    s = natsOptions_LoadCertificatesChain(opts, options.tls_cert_file.c_str(),
                                          options.tls_key_file.c_str());
  }
  if (s != NATS_OK) {
    natsOptions_Destroy(opts);
    return NatsError("connection options (credentials or TLS files?)", s);
  }
  s = natsConnection_Connect(&log->conn_, opts);
  natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    return NatsError(absl::StrCat("cannot connect to ", absl::StrJoin(options.urls, ",")), s);
  }
  log->callbacks_->connected.store(true);

  jsOptions js_opts;
  jsOptions_Init(&js_opts);
  js_opts.Wait = Millis(options.api_timeout);
  if (s = natsConnection_JetStream(&log->js_, log->conn_, &js_opts); s != NATS_OK) {
    return NatsError("JetStream context", s);
  }
  return log;
}

NatsLog::~NatsLog() {
  callbacks_->closing.store(true);
  if (js_ != nullptr) jsCtx_Destroy(js_);
  if (conn_ == nullptr) return;
  natsConnection_Close(conn_);
  bool closed;
  {
    absl::MutexLock lock(&callbacks_->mu);
    const auto done = [this]() ABSL_SHARED_LOCKS_REQUIRED(callbacks_->mu) {
      return callbacks_->closed;
    };
    closed = callbacks_->mu.AwaitWithTimeout(absl::Condition(&done), absl::Seconds(5));
  }
  natsConnection_Destroy(conn_);
  // Should the client never confirm, a late callback may still come: keep
  // its closure alive rather than free it under that thread.
  if (!closed) (void)callbacks_.release();
}

absl::Status NatsLog::EnsureStream(const StreamOptions& options) {
  jsStreamConfig cfg;
  jsStreamConfig_Init(&cfg);
  std::vector<const char*> subjects;
  for (const std::string& subject : options.subjects) subjects.push_back(subject.c_str());
  cfg.Name = options.name.c_str();
  cfg.Subjects = subjects.data();
  cfg.SubjectsLen = static_cast<int>(subjects.size());
  cfg.Retention = js_LimitsPolicy;
  cfg.Storage = js_FileStorage;
  cfg.Replicas = options.replicas;
  cfg.MaxAge = absl::ToInt64Nanoseconds(options.max_age);
  cfg.MaxBytes = options.max_bytes;
  cfg.Duplicates = absl::ToInt64Nanoseconds(options.duplicate_window);
  jsStreamInfo* info = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_AddStream(&info, js_, &cfg, nullptr, &code);
  // Replicas and NATS nodes often start together: until the NATS cluster has
  // elected its meta leader, stream creation times out or answers "JetStream
  // temporarily unavailable" (10008). Retry those for a while; any other
  // error is final.
  for (int attempt = 1; attempt < kEnsureStreamAttempts &&
                        (s == NATS_TIMEOUT || code == JSClusterNotAvailErr);
       ++attempt) {
    absl::SleepFor(absl::Seconds(1));
    code = static_cast<jsErrCode>(0);
    s = js_AddStream(&info, js_, &cfg, nullptr, &code);
  }
  if (s != NATS_OK && code == JSStreamNameExistErr) {
    // It exists with other settings: bring the limits up to date (the
    // server refuses what it cannot change, e.g. the storage type).
    code = static_cast<jsErrCode>(0);
    s = js_UpdateStream(&info, js_, &cfg, nullptr, &code);
  }
  if (info != nullptr) jsStreamInfo_Destroy(info);
  if (s != NATS_OK) return NatsError(absl::StrCat("creating stream ", options.name), s, code);
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> NatsLog::LastSequence(const std::string& stream) {
  jsStreamInfo* info = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&info, js_, stream.c_str(), nullptr, &code);
  if (s != NATS_OK) return NatsError(absl::StrCat("stream info of ", stream), s, code);
  const uint64_t last = info->State.LastSeq;
  jsStreamInfo_Destroy(info);
  return last;
}

absl::StatusOr<uint64_t> NatsLog::Publish(const std::string& subject, std::string_view data,
                                          const std::string& msg_id) {
  jsPubOptions po;
  jsPubOptions_Init(&po);
  po.MaxWait = Millis(api_timeout_);
  if (!msg_id.empty()) po.MsgId = msg_id.c_str();
  jsPubAck* ack = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_Publish(&ack, js_, subject.c_str(), data.data(), static_cast<int>(data.size()),
                            &po, &code);
  if (s != NATS_OK) return NatsError(absl::StrCat("publishing to ", subject), s, code);
  const uint64_t sequence = ack->Sequence;
  jsPubAck_Destroy(ack);
  return sequence;
}

absl::StatusOr<std::unique_ptr<NatsLog::Subscription>> NatsLog::Subscribe(
    const std::string& stream, const std::string& subject, uint64_t start_sequence,
    Handler handler) {
  auto subscription = std::make_unique<Subscription>();
  subscription->state_ = std::make_unique<Subscription::State>();
  Subscription::State* state = subscription->state_.get();
  state->handler = std::move(handler);

  jsSubOptions so;
  jsSubOptions_Init(&so);
  so.Stream = stream.c_str();
  so.Ordered = true;  // in order, no acks; re-created by the client after a gap
  so.Config.DeliverPolicy = js_DeliverByStartSequence;
  so.Config.OptStartSeq = start_sequence < 1 ? 1 : start_sequence;
  // The consumer lives on one NATS server; when that server goes, the
  // client notices the missing heartbeats and re-creates the consumer from
  // the last message it delivered. A short beat keeps that gap short.
  so.Config.Heartbeat = absl::ToInt64Nanoseconds(absl::Seconds(1));
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_Subscribe(&state->sub, js_, subject.c_str(), &Subscription::State::OnMessage,
                              state, nullptr, &so, &code);
  if (s != NATS_OK) {
    subscription->state_.reset();
    return NatsError(absl::StrCat("subscribing to ", stream), s, code);
  }
  // Catch-up can deliver a long backlog; the default pending limit (65536
  // messages) would drop messages behind a slow apply.
  natsSubscription_SetPendingLimits(state->sub, -1, -1);
  natsSubscription_SetOnCompleteCB(state->sub, &Subscription::State::OnComplete, state);
  return subscription;
}

bool NatsLog::connected() const { return callbacks_->connected.load(); }

int64_t NatsLog::max_payload() const { return natsConnection_GetMaxPayload(conn_); }

}  // namespace placi::storage::replication
