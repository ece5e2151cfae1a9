// The whole server, started and stopped in one place; see server_app.h.
#include "server/server_app.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "core/goods_rules.h"
#include "placi/convert/rules.h"
#include "server/demo_watchlist.h"
#include "server/grpc_log_capture.h"
#include "server/json_log.h"
#include "server/port_probe.h"
#include "server/request_size.h"
#include "server/ruleset_label.h"
#include "server/tls_credentials.h"
#include "server/unreadable_request.h"

#ifndef PLACI_SCREEN_VERSION
#define PLACI_SCREEN_VERSION "dev"
#endif

namespace placi::server {
namespace {

// "127.0.0.1:50051" → "127.0.0.1"; "[::]:0" → "[::]".
std::string HostOf(const std::string& address) {
  size_t colon = address.rfind(':');
  return colon == std::string::npos ? address : address.substr(0, colon);
}

// Removes server reflection from one builder: the plugin is registered for
// the whole process (InitProtoReflectionServerBuilderPlugin), but with
// authentication on it would describe the whole API to anyone, unchecked.
class WithoutReflection final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    std::erase_if(*plugins, [](const std::unique_ptr<grpc::ServerBuilderPlugin>& plugin) {
      return plugin->name() == "proto_server_reflection";
    });
  }
};

// Why gRPC could not listen, from the lines it logged, in words an operator
// recognises; gRPC's own error is a JSON tree.
std::string ListenFailureReason(const std::vector<std::string>& grpc_lines) {
  static constexpr std::string_view kKnown[] = {
      "Address already in use",  "Permission denied",  "Cannot assign requested address",
      "Name or service not known", "Temporary failure in name resolution",
  };
  for (const std::string& line : grpc_lines) {
    for (std::string_view known : kKnown) {
      if (absl::StrContains(line, absl::string_view(known.data(), known.size()))) {
        return absl::AsciiStrToLower(std::string(known));
      }
    }
  }
  return "address in use or not a valid host:port";
}

// The watchlist index with the text memos' sizes of `options` (negative
// ones are refused by Init before the index is used).
core::WatchlistIndex::Options IndexOptions(const ServerOptions& options) {
  core::WatchlistIndex::Options index;
  index.names.cached_tokens = static_cast<size_t>(std::max(options.text_cache_tokens, 0));
  index.cached_texts = static_cast<size_t>(std::max(options.text_cache_descriptions, 0));
  return index;
}

// The built-in rules as the operator set them: a threshold other than the
// built-in one is named in ruleset_version
// ("default-2026.11+hold_score_threshold=70"), so that every verdict says
// which rules judged it, and a verdict of the changed rules is never taken
// for one of the defaults.
core::ScreeningConfig BuiltInRules(int hold_score_threshold) {
  core::ScreeningConfig rules = core::ScreeningConfig::Default();
  if (hold_score_threshold != rules.hold_score_threshold) {
    rules.hold_score_threshold = hold_score_threshold;
    absl::StrAppend(&rules.ruleset_version, "+hold_score_threshold=", rules.hold_score_threshold);
  }
  return rules;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerApp>> ServerApp::Start(ServerOptions options) {
  auto app = absl::WrapUnique(new ServerApp(std::move(options)));
  absl::Status status = app->Init();
  if (!status.ok()) return status;  // ~ServerApp releases what was opened
  return app;
}

ServerApp::ServerApp(ServerOptions options)
    : options_(std::move(options)), index_(IndexOptions(options_)) {}

ServerApp::~ServerApp() { Shutdown(); }

namespace {

// Whether two listen addresses ("host:port") name one port of this host: the
// same port, not 0 (any free port), on the same host or where one of them is
// every address (0.0.0.0, [::]). Each is free alone (CheckPortFree), so the
// second listener would fail only after the data dir was opened and seeded.
bool OneListenAddress(std::string_view a, std::string_view b) {
  const auto split = [](std::string_view address) {
    const size_t colon = address.rfind(':');
    if (colon == std::string_view::npos) return std::pair{address, std::string_view()};
    return std::pair{address.substr(0, colon), address.substr(colon + 1)};
  };
  const auto [host_a, port_a] = split(a);
  const auto [host_b, port_b] = split(b);
  if (port_a.empty() || port_a != port_b ||
      port_a.find_first_not_of('0') == std::string_view::npos) {
    return false;
  }
  const auto any = [](std::string_view host) {
    return host.empty() || host == "0.0.0.0" || host == "[::]" || host == "::" || host == "*";
  };
  return host_a == host_b || any(host_a) || any(host_b);
}

}  // namespace

// The flags' ranges, checked before anything opens: a value out of range
// (a negative hold threshold holds every parcel) stops the start with one
// line naming the flag, instead of serving on it.
absl::Status CheckRanges(const ServerOptions& options) {
  const core::ScreeningConfig defaults;  // max_risk_score is a member default
  const struct {
    const char* flag;
    int64_t value;
    int64_t min;
    int64_t max;
  } ints[] = {
      // The risk score is reported on 0..max_risk_score: a threshold above
      // it could never show in a verdict's score.
      {"hold_score_threshold", options.hold_score_threshold, 1,
       defaults.max_risk_score},
      {"max_in_flight", options.max_in_flight, 0, 1'000'000},
      {"screening_threads", options.screening_threads, 0, 1024},
      {"screening_inline_slots", options.screening_inline_slots, -1, 1024},
      {"screening_stream_inline_slots", options.screening_stream_inline_slots, -1, 1024},
  };
  for (const auto& f : ints) {
    if (f.value < f.min || f.value > f.max) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", f.flag, " must be within ", f.min, "..", f.max, ", got ", f.value));
    }
  }
  // Store::Open refuses 0 too, but only once the data dir has been created.
  if (options.window_snapshot_records == 0) {
    return absl::InvalidArgumentError("--window_snapshot_records must be positive, got 0");
  }
  if (OneListenAddress(options.listen, options.metrics_listen)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen ", options.listen, " and --metrics_listen ", options.metrics_listen,
                     " are one port: gRPC and /metrics need a port each"));
  }
  for (const auto& [flag, value] :
       {std::pair{"drain_seconds", options.drain},
        std::pair{"shutdown_grace_seconds", options.shutdown_grace},
        std::pair{"min_client_ping_seconds", options.min_client_ping_interval}}) {
    if (value < absl::ZeroDuration() || value > absl::Hours(1)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", flag, " must be within 0..3600 seconds, got ", absl::ToDoubleSeconds(value)));
    }
  }
  return absl::OkStatus();
}

absl::Status ServerApp::Init() {
  if (options_.max_receive_message_bytes <= 0) {
    return absl::InvalidArgumentError("max_receive_message_bytes must be positive");
  }
  if (absl::Status s = CheckRanges(options_); !s.ok()) return s;
  for (const auto& [name, value] : {std::pair{"text_cache_tokens", options_.text_cache_tokens},
                                    std::pair{"text_cache_descriptions",
                                              options_.text_cache_descriptions}}) {
    if (value < 0 || value > kMaxTextCacheEntries) {
      return absl::InvalidArgumentError(absl::StrCat(name, " must be 0..", kMaxTextCacheEntries,
                                                     ", got ", value));
    }
  }
  core::SetGoodsDescriptionMemoSize(static_cast<size_t>(options_.text_cache_descriptions));
  // The built-in rules on a thread of their own, beside the checks and the
  // storage open below (joined before the Screener needs them): building
  // them folds non-Latin words, and the first fold in the process makes ICU
  // compile its transliteration rules (~0.2 s of CPU, docs/performance.md
  // cold22), which nothing before the Screener needs. They cannot fail, so
  // no start input goes unchecked before the data dir is made. A rules file
  // is read here on this thread: a bad one must stop the start before the
  // data dir is opened.
  core::ScreeningConfig rules;
  std::jthread built_in_rules;
  if (options_.rules_file.empty()) {
    built_in_rules = std::jthread(
        [&rules, threshold = options_.hold_score_threshold] { rules = BuiltInRules(threshold); });
  }
  // The seed is read before storage is touched: a bad file must not leave a
  // half-seeded database behind.
  absl::StatusOr<std::optional<std::vector<core::WatchlistEntry>>> seed =
      LoadSeedWatchlist(options_.seed_watchlist);
  if (!seed.ok()) {
    return absl::Status(seed.status().code(),
                        absl::StrCat("bad seed watchlist: ", seed.status().message()));
  }

  // The rules too: a bad rules file stops the start before anything opens.
  if (!options_.rules_file.empty()) {
    absl::StatusOr<core::ScreeningConfig> loaded = convert::LoadRulesFile(options_.rules_file);
    if (!loaded.ok()) return loaded.status();
    rules = *std::move(loaded);
    LabelWithDigest(&rules);
  }

  // And the API keys and the listener's TLS files, and the addresses
  // (busy, not this host's, not host:port): a start that cannot serve must
  // leave the data dir as it was, not seeded with a watchlist that a later
  // start (with the right flags and seed) would then keep instead of its
  // own (review bb2 M10).
  absl::StatusOr<std::optional<PrincipalTable>> principals = LoadPrincipals();
  if (!principals.ok()) return principals.status();
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentialsFor({.cert_file = options_.tls_cert_file,
                            .key_file = options_.tls_key_file,
                            .client_ca_file = options_.tls_client_ca_file,
                            .reload_seconds = options_.tls_reload_seconds});
  if (!credentials.ok()) return credentials.status();
  if (absl::Status s = CheckPortFree(options_.listen, "cannot listen on"); !s.ok()) return s;
  if (absl::Status s = CheckPortFree(options_.metrics_listen, "cannot serve metrics on");
      !s.ok()) {
    return s;
  }

  if (absl::Status s = OpenStorage(); !s.ok()) return s;
  bool seed_skipped = false;  // logged after "start" (a failed start logs one line)
  if (replicator_ == nullptr && seed->has_value()) {
    absl::StatusOr<bool> seeded = store_->SeedWatchlistOnce(**seed);
    if (!seeded.ok()) {
      return absl::Status(seeded.status().code(), absl::StrCat("cannot seed the watchlist: ",
                                                               seeded.status().message()));
    }
    seed_skipped = !*seeded;
  }

  if (built_in_rules.joinable()) built_in_rules.join();
  const core::Clock* clock = options_.clock != nullptr ? options_.clock : &real_clock_;
  metrics_ = std::make_unique<Metrics>(options_.version.empty() ? std::string(PLACI_SCREEN_VERSION)
                                                                : options_.version);
  metrics_->SetHealthServing(kScreeningServiceName, false);
  StartAuthorizer(*std::move(principals));
  if (replicator_ != nullptr) {
    if (absl::Status s = StartReplication(seed->has_value() ? &**seed : nullptr); !s.ok()) {
      return s;
    }
  }
  timed_decisions_ = std::make_unique<TimedDecisionStore>(store_.get(), metrics_.get());
  // The store is also the history of the patterns across parcels (velocity,
  // split shipments), so those windows survive restarts.
  screener_ = std::make_unique<core::Screener>(std::move(rules), &index_, timed_decisions_.get(),
                                               clock, /*history=*/store_.get());

  metrics_->SetWatchlist(index_.size(), index_.version());
  metrics_->SetRulesets(screener_->config()->ruleset_version, "");
  absl::StatusOr<std::unique_ptr<prometheus::Exposer>> exposer =
      StartMetricsExposer(options_.metrics_listen, metrics_->collectable());
  if (!exposer.ok()) return exposer.status();
  exposer_ = std::move(*exposer);
  metrics_port_ = exposer_->GetListeningPorts().front();
  process_collector_ = std::make_shared<ProcessCollector>();
  rocksdb_collector_ = std::make_shared<RocksDbCollector>(store_.get(), options_.data_dir);
  exposer_->RegisterCollectable(process_collector_);
  exposer_->RegisterCollectable(rocksdb_collector_);
  text_cache_collector_ = std::make_shared<TextCacheCollector>();
  exposer_->RegisterCollectable(text_cache_collector_);
  if (replicator_ != nullptr) {
    replication_collector_ = std::make_shared<ReplicationCollector>(replicator_.get());
    exposer_->RegisterCollectable(replication_collector_);
  }

  intake_ = std::make_unique<ParcelIntake>(
      screener_.get(), metrics_.get(),
      ParcelIntake::Options{.fail_mode = options_.fail_open ? core::FailMode::kOpen
                                                            : core::FailMode::kClosed});
  screening_service_ = std::make_unique<ScreeningService>(
      intake_.get(), metrics_.get(), authorizer_.get(),
      ScreeningPool::Options{
          .threads = options_.screening_threads,
          .max_in_flight = options_.max_in_flight,
          .inline_slots = options_.sync_decisions ? 0 : options_.screening_inline_slots,
          .stream_inline_slots =
              options_.sync_decisions ? 0 : options_.screening_stream_inline_slots});
  watchlist_service_ = std::make_unique<WatchlistService>(store_.get(), &index_, metrics_.get(),
                                                         authorizer_.get(), core::IntakeLimits{},
                                                         replicator_.get());
  hold_updates_ = std::make_unique<HoldUpdates>(metrics_.get());
  decision_service_ =
      std::make_unique<DecisionService>(store_.get(), screener_.get(), metrics_.get(),
                                        authorizer_.get(), hold_updates_.get());
  shadow_recorder_ = std::make_unique<ShadowRecorder>(store_.get(), metrics_.get());
  rules_service_ = std::make_unique<RulesService>(
      screener_.get(), shadow_recorder_.get(), [this] { return ReloadRules(); }, metrics_.get(),
      authorizer_.get());
  if (absl::Status s = Listen(*std::move(credentials)); !s.ok()) return s;

  // Everything the services need is loaded: from here on, traffic is welcome.
  SetServing(true);
  if (absl::Status s = WritePortFile(); !s.ok()) return s;
  const std::string grpc_address = absl::StrCat(HostOf(options_.listen), ":", grpc_port_);
  const std::string metrics_address =
      absl::StrCat(HostOf(options_.metrics_listen), ":", metrics_port_);
  LogEvent(LogLevel::kInfo, "start",
           absl::StrCat("placi-screen serving gRPC on ", grpc_address, ", metrics on ",
                        metrics_address))
      .Str("grpc_address", grpc_address)
      .Str("metrics_address", metrics_address)
      .Uint("watchlist_entries", index_.size())
      .Uint("watchlist_version", index_.version())
      .Str("ruleset_version", screener_->config()->ruleset_version)
      .Str("version", options_.version.empty() ? PLACI_SCREEN_VERSION : options_.version)
      .Write();
  // After "start": a start that fails prints one line only, the reason.
  if (seed_skipped) LogSeedSkipped();
  LogAuthMode();
  return absl::OkStatus();
}

absl::StatusOr<std::string> ServerApp::ReloadRules() {
  if (options_.rules_file.empty()) {
    return absl::FailedPreconditionError(
        "the server runs on its built-in rules; start it with --rules=FILE to reload a file");
  }
  absl::StatusOr<core::ScreeningConfig> loaded = convert::LoadRulesFile(options_.rules_file);
  const std::string previous = screener_->config()->ruleset_version;
  if (!loaded.ok()) {
    const std::string error(loaded.status().message());
    LogEvent(LogLevel::kError, "rules_reload_failed",
             absl::StrCat("placi-screen: rules not reloaded, keeping ", previous, ": ", error))
        .Str("rules_file", options_.rules_file)
        .Str("ruleset_version", previous)
        .Str("error", error)
        .Write();
    return loaded.status();
  }
  LabelWithDigest(&*loaded);
  const std::string version = loaded->ruleset_version;
  screener_->SetConfig(*std::move(loaded));
  std::shared_ptr<const core::ScreeningConfig> shadow = screener_->shadow_config();
  metrics_->SetRulesets(version, shadow ? shadow->ruleset_version : "");
  LogEvent(LogLevel::kInfo, "rules_reloaded",
           absl::StrCat("placi-screen: rules reloaded from ", options_.rules_file, ", ruleset ",
                        version))
      .Str("rules_file", options_.rules_file)
      .Str("ruleset_version", version)
      .Str("previous_ruleset_version", previous)
      .Write();
  if (version != previous && WithoutDigest(version) == WithoutDigest(previous)) {
    // Told apart by the digest, but a person reading "default-2026.11" in a
    // report will not look at it: ask for a new version next time.
    LogEvent(LogLevel::kWarning, "ruleset_version_reused",
             absl::StrCat("placi-screen: the rules in ", options_.rules_file,
                          " changed but kept their version \"",
                          std::string(WithoutDigest(version)),
                          "\"; give changed rules a new version"))
        .Str("rules_file", options_.rules_file)
        .Str("ruleset_version", version)
        .Str("previous_ruleset_version", previous)
        .Write();
  }
  return version;
}

absl::StatusOr<size_t> ServerApp::ReloadApiKeys() {
  if (!authorizer_->enabled()) {
    return absl::FailedPreconditionError(
        "authentication is off; start the server with --api_keys_file to turn it on");
  }
  absl::StatusOr<PrincipalTable> principals = LoadPrincipalsFile(options_.api_keys_file);
  if (!principals.ok()) {
    const std::string error(principals.status().message());
    LogEvent(LogLevel::kError, "api_keys_reload_failed",
             absl::StrCat("placi-screen: API keys not reloaded, the principals in force stay: ",
                          error))
        .Str("api_keys_file", options_.api_keys_file)
        .Str("error", error)
        .Write();
    return principals.status();
  }
  const size_t credentials = principals->size();
  if (absl::Status replaced = authorizer_->ReplacePrincipals(*std::move(principals));
      !replaced.ok()) {
    return replaced;
  }
  LogEvent(LogLevel::kInfo, "api_keys_reloaded",
           absl::StrCat("placi-screen: API keys reloaded, ", credentials, " credentials from ",
                        options_.api_keys_file))
      .Str("api_keys_file", options_.api_keys_file)
      .Uint("credentials", credentials)
      .Write();
  return credentials;
}

absl::StatusOr<std::optional<PrincipalTable>> ServerApp::LoadPrincipals() const {
  if (options_.api_keys_file.empty()) {
    if (!options_.tls_client_ca_file.empty()) {
      return absl::InvalidArgumentError(
          "--tls_client_ca needs --api_keys_file to map client certificates to principals");
    }
    return std::optional<PrincipalTable>();
  }
  absl::StatusOr<PrincipalTable> principals = LoadPrincipalsFile(options_.api_keys_file);
  if (!principals.ok()) return principals.status();
  return std::optional<PrincipalTable>(*std::move(principals));
}

void ServerApp::StartAuthorizer(std::optional<PrincipalTable> principals) {
  if (!principals.has_value()) {
    authorizer_ = Authorizer::Off();
    return;
  }
  credential_count_ = principals->size();
  authorizer_ = Authorizer::On(*std::move(principals), metrics_->registry().get());
}

void ServerApp::LogAuthMode() const {
  const std::string_view tls = options_.tls_cert_file.empty()
                                   ? "off"
                                   : (options_.tls_client_ca_file.empty() ? "tls" : "mutual_tls");
  if (!authorizer_->enabled()) {
    LogEvent(LogLevel::kWarning, "auth_off",
             "placi-screen: authentication is off, every caller may call every method "
             "(start with --api_keys_file to turn it on)")
        .Str("tls", tls)
        .Write();
    return;
  }
  LogEvent(tls == "off" ? LogLevel::kWarning : LogLevel::kInfo, "auth_on",
           absl::StrCat("placi-screen: authentication on, ", credential_count_,
                        " credentials from ", options_.api_keys_file,
                        tls == "off" ? "; no TLS: API keys cross the network in clear text" : ""))
      .Str("api_keys_file", options_.api_keys_file)
      .Uint("credentials", credential_count_)
      .Str("tls", tls)
      .Write();
}

absl::Status ServerApp::OpenStorage() {
  // RocksDB creates the last directory only; `make run` and containers pass
  // nested paths such as data/rocksdb. Failures here surface in Open.
  std::error_code ignored;
  std::filesystem::create_directories(options_.data_dir, ignored);

  storage::Store::Options store_options;
  store_options.path = options_.data_dir;
  store_options.index = &index_;
  store_options.sync_decisions = options_.sync_decisions;
  store_options.window_snapshot_records = options_.window_snapshot_records;
  if (!options_.replication.nats.urls.empty()) {
    storage::replication::ReplicationOptions replication = options_.replication;
    replication.log = [](bool error, const std::string& event, const std::string& message) {
      LogEvent(error ? LogLevel::kError : LogLevel::kInfo, event.c_str(), message).Write();
    };
    replication.on_watchlist_applied = [this] {
      metrics_->SetWatchlist(index_.size(), index_.version());
    };
    replication.on_connection_change = [this](bool connected) { SetReplicationHealth(connected); };
    replicator_ = std::make_unique<storage::replication::Replicator>(std::move(replication));
    replicator_->ConfigureStore(&store_options);
  }
  absl::StatusOr<std::unique_ptr<storage::Store>> store = storage::Store::Open(store_options);
  if (!store.ok()) {
    return absl::Status(store.status().code(), absl::StrCat("cannot open data dir ",
                                                            options_.data_dir, ": ",
                                                            store.status().message()));
  }
  store_ = std::move(*store);
  return absl::OkStatus();
}

// A seed is applied to a fresh data dir only; an operator who passed one to
// a data dir that already has a watchlist must be told it was not applied.
void ServerApp::LogSeedSkipped() const {
  const storage::WatchlistInfo info = store_->GetWatchlistInfo();
  const std::string seed =
      options_.seed_watchlist.empty() ? "the embedded demo watchlist" : options_.seed_watchlist;
  LogEvent(LogLevel::kInfo, "seed_skipped",
           absl::StrCat("seed watchlist not applied (", seed, "): data dir ", options_.data_dir,
                        " already has a watchlist (version ", info.version, ", entries ",
                        info.entry_count, ")"))
      .Str("seed_watchlist", seed)
      .Str("data_dir", options_.data_dir)
      .Uint("watchlist_version", info.version)
      .Uint("watchlist_entries", info.entry_count)
      .Write();
}

absl::Status ServerApp::Listen(std::shared_ptr<grpc::ServerCredentials> credentials) {
  // Both are process-wide switches read by the builder; setting them again
  // for a second app in the same process (tests) is harmless.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  // gRPC sets SO_REUSEPORT by default, which lets a second server bind a
  // port that is in use and silently share its traffic. A busy port must be
  // a startup error instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Keepalive for long, mostly idle calls (WatchHolds runs all shift; review
  // bb5 M1). gRPC's server defaults cut a client that pings more often than
  // every 5 minutes ("too_many_pings") and ping only after 2 hours, so an
  // idle flow was either cut by the server or dropped silently by a load
  // balancer or NAT (AWS NLB after 350 s), the watcher never told. Clients
  // may ping every min_client_ping_interval, with or without a call open; the
  // server pings every kServerPingInterval and drops a connection whose
  // peer has not answered within kServerPingTimeout.
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
      static_cast<int>(absl::ToInt64Milliseconds(options_.min_client_ping_interval)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(kServerPingInterval)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(kServerPingTimeout)));
  // gRPC gets twice the limit; the methods refuse (and count) what is over
  // it (request_size.h).
  SetMaxRequestBytes(static_cast<size_t>(options_.max_receive_message_bytes));
  builder.SetMaxReceiveMessageSize(TransportLimit(options_.max_receive_message_bytes));
  builder.AddListeningPort(options_.listen, std::move(credentials), &grpc_port_);
  if (authorizer_->enabled()) builder.SetOption(std::make_unique<WithoutReflection>());
  builder.RegisterService(screening_service_.get());
  builder.RegisterService(watchlist_service_.get());
  builder.RegisterService(decision_service_.get());
  builder.RegisterService(rules_service_.get());
  // A request that does not parse is INVALID_ARGUMENT, not gRPC's
  // UNIMPLEMENTED (see unreadable_request.h).
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(
      std::make_unique<UnreadableRequestInterceptorFactory>(metrics_.get(), authorizer_.get()));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  GrpcLogCapture capture;
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || grpc_port_ == 0) {
    if (server_ != nullptr) {
      server_->Shutdown();
      server_.reset();
    }
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.listen, ": ",
                                               ListenFailureReason(capture.Lines())));
  }
  // Health starts SERVING for "" by default; we say so only once ready.
  SetServing(false);
  // Alive as long as gRPC answers; readiness is the names above.
  if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(kLivenessServiceName, true);
  }
  if (replicator_ != nullptr) {
    absl::MutexLock lock(&health_mu_);
    health_ = server_->GetHealthCheckService();
  }
  if (replicator_ != nullptr) SetReplicationHealth(replicator_->status().connected);
  return absl::OkStatus();
}

absl::Status ServerApp::WritePortFile() const {
  if (options_.port_file.empty()) return absl::OkStatus();
  // Write then rename, so that a reader polling for the file never sees it
  // half written.
  const std::string tmp = options_.port_file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << grpc_port_ << " " << metrics_port_ << "\n";
    out.close();
    if (!out) return absl::InternalError(absl::StrCat("cannot write port file ", tmp));
  }
  std::error_code error;
  std::filesystem::rename(tmp, options_.port_file, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot write port file ", options_.port_file, ": ", error.message()));
  }
  return absl::OkStatus();
}

void ServerApp::SetServing(bool serving) {
  if (server_ == nullptr) return;
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);
  health->SetServingStatus(kScreeningServiceName, serving);
  if (metrics_ != nullptr) metrics_->SetHealthServing(kScreeningServiceName, serving);
}

absl::Status ServerApp::StartReplication(const std::vector<core::WatchlistEntry>* seed) {
  if (absl::Status s = replicator_->Start(store_.get(), seed); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("clustered mode: ", s.message()));
  }
  metrics_->SetWatchlist(index_.size(), index_.version());
  return absl::OkStatus();
}

void ServerApp::SetReplicationHealth(bool connected) {
  absl::MutexLock lock(&health_mu_);
  if (health_ != nullptr) health_->SetServingStatus(kReplicationServiceName, connected);
}

void ServerApp::Shutdown() {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_) return;
  shut_down_ = true;
  {
    absl::MutexLock health_lock(&health_mu_);
    health_ = nullptr;  // the server goes below; NATS callbacks must not reach it
  }
  if (server_ != nullptr) {
    // Load balancers and clients watching health stop sending new calls
    // while the server still accepts the ones already on their way.
    SetServing(false);
    LogEvent(LogLevel::kInfo, "shutdown",
             absl::StrCat("placi-screen shutting down: drain ",
                          absl::FormatDuration(options_.drain), ", grace ",
                          absl::FormatDuration(options_.shutdown_grace)))
        .Double("drain_seconds", absl::ToDoubleSeconds(options_.drain))
        .Double("grace_seconds", absl::ToDoubleSeconds(options_.shutdown_grace))
        .Write();
    absl::SleepFor(options_.drain);
    // WatchHolds calls never end on their own: ended here, so that the
    // grace below is left to parcels in flight.
    if (hold_updates_ != nullptr) hold_updates_->Close();
    // Stops listening at once; calls in progress (open streams) may run for
    // the grace period and are then cancelled, which every reactor answers
    // with Finish. Returns once they all are done.
    const absl::Time grace_end = absl::Now() + options_.shutdown_grace;
    if (screening_service_ != nullptr) screening_service_->ServerStopsAt(grace_end);
    server_->Shutdown(absl::ToChronoTime(grace_end));
    server_->Wait();
    server_.reset();
    LogEvent(LogLevel::kInfo, "stop", "placi-screen stopped").Write();
  }
  // Runs the parcels its pool accepted and joins the screening threads: no
  // screening may run once storage closes.
  screening_service_.reset();
  // The last verdicts are in the outbox: the replicator publishes what it
  // can, stops following the streams, and no NATS thread writes to the
  // store from here on.
  if (replication_collector_ != nullptr) replication_collector_->Detach();
  if (replicator_ != nullptr) replicator_->Stop();
  // Flushes and closes RocksDB, after the last call that could write to it
  // and after the last scrape that reads its statistics.
  screener_.reset();
  timed_decisions_.reset();
  if (rocksdb_collector_ != nullptr) rocksdb_collector_->Detach();
  store_.reset();
  // Last, so that /metrics stays up through the drain. Takes up to 2 s:
  // civetweb's listener polls with a 2 s quantum before it sees the stop.
  exposer_.reset();
}

}  // namespace placi::server
