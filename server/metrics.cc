// Prometheus metrics of the server; see metrics.h.
#include "server/metrics.h"

#include <bitset>
#include <exception>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "placi/convert/convert.h"
#include "placi/screening/v1/verdict.pb.h"
#include "prometheus/family.h"
#include "prometheus/metric_family.h"

namespace placi::server {
namespace {

namespace pb = ::placi::screening::v1;

// 25 µs to 10 s: fine below a millisecond, where screening latency lives,
// so that a sub-ms p99 can be read off the buckets, and wide enough for a
// stream that runs for seconds.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries{
      25e-6, 50e-6, 100e-6, 200e-6, 300e-6, 500e-6, 750e-6, 1e-3, 2e-3, 5e-3,
      10e-3, 25e-3, 50e-3,  100e-3, 250e-3, 500e-3, 1,      2.5,  5,    10};
  return *kBuckets;
}

// "REFERRAL_REQUEST_FOR_INFORMATION" with prefix "REFERRAL_" →
// "request_for_information": labels follow the public proto names.
std::string EnumLabel(const std::string& proto_name, std::string_view prefix) {
  std::string_view name = proto_name;
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  return absl::AsciiStrToLower(std::string(name));
}

// 5 µs to 1 s: a decision-log write is a WAL append (microseconds), or an
// fsync with --sync_decisions (a millisecond or more); 5 ms is the alert.
const prometheus::Histogram::BucketBoundaries& WriteBuckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries{
      5e-6, 10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3,
      2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 1};
  return *kBuckets;
}

int Index(Method method) { return static_cast<int>(method); }

// Metrics' families for the exposer: the registry's, then the histograms'.
class RegistryAndHistograms : public prometheus::Collectable {
 public:
  RegistryAndHistograms(std::shared_ptr<prometheus::Registry> registry,
                        std::vector<std::shared_ptr<LockFreeHistogramFamily>> histograms)
      : registry_(std::move(registry)), histograms_(std::move(histograms)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> families = registry_->Collect();
    for (const auto& histogram : histograms_) {
      std::vector<prometheus::MetricFamily> more = histogram->Collect();
      std::move(more.begin(), more.end(), std::back_inserter(families));
    }
    return families;
  }

 private:
  const std::shared_ptr<prometheus::Registry> registry_;
  const std::vector<std::shared_ptr<LockFreeHistogramFamily>> histograms_;
};

// Label values of an enum of core, from the names of its proto counterpart.
template <typename Enum, size_t kCount, typename ToProto, typename Name>
std::array<std::string, kCount> Labels(ToProto to_proto, Name name, std::string_view prefix) {
  std::array<std::string, kCount> labels;
  for (size_t i = 0; i < kCount; ++i) {
    labels[i] = EnumLabel(name(to_proto(static_cast<Enum>(i))), prefix);
  }
  return labels;
}

}  // namespace

std::string_view DecisionLabel(core::Decision decision) {
  static const auto* const kLabels = new std::array<std::string, 2>(
      Labels<core::Decision, 2>(&convert::DecisionToProto,
                                [](pb::Decision d) { return pb::Decision_Name(d); }, "DECISION_"));
  const int i = static_cast<int>(decision);
  return i >= 0 && i < 2 ? std::string_view((*kLabels)[i]) : std::string_view("unknown");
}

std::string_view ReferralLabel(core::Referral referral) {
  static const auto* const kLabels = new std::array<std::string, 5>(
      Labels<core::Referral, 5>(&convert::ReferralToProto,
                                [](pb::Referral r) { return pb::Referral_Name(r); }, "REFERRAL_"));
  const int i = static_cast<int>(referral);
  return i >= 0 && i < 5 ? std::string_view((*kLabels)[i]) : std::string_view("unknown");
}

std::string_view HoldStatusLabel(core::HoldStatus hold_status) {
  switch (hold_status) {
    case core::HoldStatus::kNone:
      return "none";
    case core::HoldStatus::kNew:
      return "new";
    case core::HoldStatus::kStillInPlace:
      return "still_in_place";
    case core::HoldStatus::kResolved:
      return "resolved";
  }
  return "unknown";
}

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kScreen:
      return "Screen";
    case Method::kScreenStream:
      return "ScreenStream";
    case Method::kUpsertEntries:
      return "UpsertEntries";
    case Method::kDeleteEntries:
      return "DeleteEntries";
    case Method::kGetEntry:
      return "GetEntry";
    case Method::kListEntries:
      return "ListEntries";
    case Method::kGetWatchlistInfo:
      return "GetWatchlistInfo";
    case Method::kGetDecision:
      return "GetDecision";
    case Method::kListDecisions:
      return "ListDecisions";
    case Method::kResolveHold:
      return "ResolveHold";
    case Method::kReloadRules:
      return "ReloadRules";
    case Method::kGetRules:
      return "GetRules";
    case Method::kSetShadowRules:
      return "SetShadowRules";
    case Method::kWatchHolds:
      return "WatchHolds";
  }
  return "Unknown";
}

bool ScreensParcels(Method method) {
  return method == Method::kScreen || method == Method::kScreenStream;
}

Metrics::Metrics(const std::string& version)
    : registry_(std::make_shared<prometheus::Registry>()) {
  auto& handled = prometheus::BuildCounter()
                      .Name("placi_grpc_server_handled_total")
                      .Help("RPCs completed on the server (unary calls and whole streams), by "
                            "method and final status code.")
                      .Register(*registry_);
  auto handling = std::make_shared<LockFreeHistogramFamily>(
      "placi_grpc_server_handling_seconds",
      "Time from the start of an RPC to its Finish, by method.");
  auto& in_flight = prometheus::BuildGauge()
                        .Name("placi_grpc_server_in_flight")
                        .Help("RPCs started and not yet finished, by method.")
                        .Register(*registry_);
  auto& parcels = prometheus::BuildCounter()
                      .Name("placi_screen_parcels_total")
                      .Help("Parcels received for screening, answered with a verdict or an "
                            "error, by method.")
                      .Register(*registry_);
  for (int m = 0; m < kMethodCount; ++m) {
    const std::string name(MethodName(static_cast<Method>(m)));
    PerMethod& per = methods_[m];
    for (int code = 0; code < kGrpcCodeCount; ++code) {
      per.handled[code] = &handled.Add(
          {{"grpc_method", name},
           {"grpc_code", GrpcCodeName(static_cast<grpc::StatusCode>(code))}});
    }
    per.handling_seconds = &handling->Add({{"grpc_method", name}}, LatencyBuckets());
    per.in_flight = &in_flight.Add({{"grpc_method", name}});
    // Only the methods that take parcels get a series: a zero
    // parcels_total{grpc_method="GetEntry"} would tell an operator that
    // GetEntry could screen parcels and has not.
    if (ScreensParcels(static_cast<Method>(m))) per.parcels = &parcels.Add({{"grpc_method", name}});
  }

  auto screen_duration = std::make_shared<LockFreeHistogramFamily>(
      "placi_screen_duration_seconds",
      "Core screening time of one parcel (checks, watchlist match, score, decision log write).");
  screen_duration_ = &screen_duration->Add({}, LatencyBuckets());

  auto& verdicts = prometheus::BuildCounter()
                       .Name("placi_screen_verdicts_total")
                       .Help("Verdicts issued for screened parcels, by decision and referral.")
                       .Register(*registry_);
  // The same verdicts by referral and hold status: the hold rate and the
  // holds by referral count a waybill's hold once, not every re-filing that
  // finds it still in place (a carrier re-filing a held parcel to poll it).
  auto& by_hold_status =
      prometheus::BuildCounter()
          .Name("placi_screen_verdicts_by_hold_status_total")
          .Help("Verdicts issued for screened parcels, by decision, referral and hold status "
                "(none, new, still_in_place: a re-filing of a held waybill, resolved).")
          .Register(*registry_);
  for (int d = 0; d < kDecisionCount; ++d) {
    const std::string decision(DecisionLabel(static_cast<core::Decision>(d)));
    for (int r = 0; r < kReferralCount; ++r) {
      const std::string referral(ReferralLabel(static_cast<core::Referral>(r)));
      for (int h = 0; h < kHoldStatusCount; ++h) {
        verdicts_by_hold_status_[d][r][h] = &by_hold_status.Add(
            {{"decision", decision},
             {"referral", referral},
             {"hold_status", std::string(HoldStatusLabel(static_cast<core::HoldStatus>(h)))}});
      }
    }
  }
  auto& shadow = prometheus::BuildCounter()
                     .Name("placi_shadow_verdicts_total")
                     .Help("Verdicts the shadow (candidate) ruleset would have issued, never "
                           "returned, by decision, referral and agreement with the live one.")
                     .Register(*registry_);
  for (int d = 0; d < kDecisionCount; ++d) {
    const std::string decision(DecisionLabel(static_cast<core::Decision>(d)));
    for (int r = 0; r < kReferralCount; ++r) {
      const std::string referral(ReferralLabel(static_cast<core::Referral>(r)));
      verdicts_[d][r] = &verdicts.Add({{"decision", decision}, {"referral", referral}});
      for (int agrees = 0; agrees < 2; ++agrees) {
        shadow_verdicts_[agrees][d][r] =
            &shadow.Add({{"decision", decision},
                         {"referral", referral},
                         {"agrees", agrees == 1 ? "true" : "false"}});
      }
    }
  }

  auto& reasons = prometheus::BuildCounter()
                      .Name("placi_screen_reasons_total")
                      .Help("Verdicts carrying each reason code (once per verdict), by code and "
                            "decision.")
                      .Register(*registry_);
  for (int d = 0; d < kDecisionCount; ++d) {
    const std::string decision(DecisionLabel(static_cast<core::Decision>(d)));
    for (size_t i = 0; i < kReasonCount; ++i) {
      reasons_[d][i] =
          &reasons.Add({{"code", std::string(core::reason::kAll[i])}, {"decision", decision}});
    }
  }

  auto& errors = prometheus::BuildCounter()
                     .Name("placi_screen_parcel_errors_total")
                     .Help("Parcels answered with an error instead of a verdict, by reason "
                           "(the status code, e.g. invalid_argument).")
                     .Register(*registry_);
  for (int code = 1; code < kGrpcCodeCount; ++code) {
    parcel_errors_[code] =
        &errors.Add({{"reason", GrpcCodeLabel(static_cast<grpc::StatusCode>(code))}});
  }

  watchlist_entries_ = &prometheus::BuildGauge()
                            .Name("placi_watchlist_entries")
                            .Help("Entries in the in-memory watchlist.")
                            .Register(*registry_)
                            .Add({});
  watchlist_version_ = &prometheus::BuildGauge()
                            .Name("placi_watchlist_version")
                            .Help("Version of the watchlist; grows with every admin write.")
                            .Register(*registry_)
                            .Add({});
  watchlist_updated_ = &prometheus::BuildGauge()
                            .Name("placi_watchlist_last_update_timestamp_seconds")
                            .Help("Unix time of the last watchlist change this server applied "
                                  "(or of its start).")
                            .Register(*registry_)
                            .Add({});
  {
    absl::MutexLock lock(&rulesets_mu_);
    ruleset_info_ = &prometheus::BuildGauge()
                         .Name("placi_ruleset_info")
                         .Help("Always 1; labels name the live and the shadow ruleset versions.")
                         .Register(*registry_);
  }
  auto decision_log_write = std::make_shared<LockFreeHistogramFamily>(
      "placi_decision_log_write_seconds",
      "Time to write one verdict to the decision log (RocksDB, in the WAL; fsynced with "
      "--sync_decisions).");
  decision_log_write_ = &decision_log_write->Add({}, WriteBuckets());
  {
    absl::MutexLock lock(&health_mu_);
    health_serving_ = &prometheus::BuildGauge()
                           .Name("placi_health_serving")
                           .Help("1 while the server reports SERVING for the service on "
                                 "grpc.health.v1, else 0.")
                           .Register(*registry_);
  }
  prometheus::BuildGauge()
      .Name("placi_build_info")
      .Help("Always 1; the version label names the running build.")
      .Register(*registry_)
      .Add({{"version", version}})
      .Set(1);
  histograms_ = {std::move(handling), std::move(screen_duration), std::move(decision_log_write)};
  collectable_ = std::make_shared<RegistryAndHistograms>(registry_, histograms_);
}

void Metrics::CallStarted(Method method) { methods_[Index(method)].in_flight->Increment(); }

void Metrics::CallHandled(Method method, grpc::StatusCode code, absl::Duration elapsed) {
  PerMethod& per = methods_[Index(method)];
  int number = static_cast<int>(code);
  if (number < 0 || number >= kGrpcCodeCount) number = static_cast<int>(grpc::StatusCode::UNKNOWN);
  per.handled[number]->Increment();
  per.handling_seconds->Observe(absl::ToDoubleSeconds(elapsed));
  per.in_flight->Decrement();
}

void Metrics::ParcelReceived(Method method) {
  prometheus::Counter* parcels = methods_[Index(method)].parcels;
  if (parcels != nullptr) parcels->Increment();  // nullptr: not a parcel method (ScreensParcels)
}

namespace {

// The index of `code` in core::reason::kAll, or -1. A linear scan: ~40
// short compares, most ending at the first byte.
int ReasonIndex(std::string_view code) {
  for (size_t i = 0; i < core::reason::kAll.size(); ++i) {
    if (core::reason::kAll[i] == code) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

void Metrics::ParcelScreened(const core::Verdict& verdict, absl::Duration elapsed) {
  screen_duration_->Observe(absl::ToDoubleSeconds(elapsed));
  const int d = static_cast<int>(verdict.decision);
  const int r = static_cast<int>(verdict.referral);
  if (d < 0 || d >= kDecisionCount) return;
  const int h = static_cast<int>(verdict.hold_status);
  if (r >= 0 && r < kReferralCount) {
    verdicts_[d][r]->Increment();
    if (h >= 0 && h < kHoldStatusCount) verdicts_by_hold_status_[d][r][h]->Increment();
  }
  std::bitset<kReasonCount> counted;  // a code given twice counts once
  for (const core::Reason& reason : verdict.reasons) {
    const int i = ReasonIndex(reason.code);
    if (i < 0 || counted.test(i)) continue;
    counted.set(i);
    reasons_[d][i]->Increment();
  }
}

void Metrics::ParcelFailed(grpc::StatusCode code) {
  int number = static_cast<int>(code);
  if (number <= 0 || number >= kGrpcCodeCount) number = static_cast<int>(grpc::StatusCode::UNKNOWN);
  parcel_errors_[number]->Increment();
}

void Metrics::SetWatchlist(uint64_t entries, uint64_t version) {
  watchlist_entries_->Set(static_cast<double>(entries));
  watchlist_version_->Set(static_cast<double>(version));
  watchlist_updated_->Set(absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()));
}

void Metrics::SetRulesets(const std::string& live_version, const std::string& shadow_version) {
  absl::MutexLock lock(&rulesets_mu_);
  for (prometheus::Gauge* child : ruleset_children_) ruleset_info_->Remove(child);
  ruleset_children_.clear();
  ruleset_children_.push_back(&ruleset_info_->Add({{"version", live_version}, {"role", "live"}}));
  if (!shadow_version.empty()) {
    ruleset_children_.push_back(
        &ruleset_info_->Add({{"version", shadow_version}, {"role", "shadow"}}));
  }
  for (prometheus::Gauge* child : ruleset_children_) child->Set(1);
}

void Metrics::ShadowVerdict(core::Decision decision, core::Referral referral, bool agrees) {
  int d = static_cast<int>(decision);
  int r = static_cast<int>(referral);
  if (d >= 0 && d < kDecisionCount && r >= 0 && r < kReferralCount) {
    shadow_verdicts_[agrees ? 1 : 0][d][r]->Increment();
  }
}

void Metrics::DecisionLogWritten(absl::Duration elapsed) {
  decision_log_write_->Observe(absl::ToDoubleSeconds(elapsed));
}

void Metrics::SetHealthServing(const std::string& service, bool serving) {
  absl::MutexLock lock(&health_mu_);
  health_serving_->Add({{"service", service}}).Set(serving ? 1 : 0);
}

absl::StatusOr<std::unique_ptr<prometheus::Exposer>> StartMetricsExposer(
    const std::string& address, const std::shared_ptr<prometheus::Collectable>& metrics) {
  // The one place exceptions cross into this code: prometheus-cpp (civetweb)
  // throws when it cannot bind. Caught here, right at the library boundary.
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(address, /*num_threads=*/2);
  } catch (const std::exception& e) {
    // e.what() is civetweb's "null context when constructing CivetServer",
    // which tells an operator nothing more than this does.
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", address,
                                               ": address in use or not a valid host:port"));
  }
  if (exposer->GetListeningPorts().empty()) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", address));
  }
  exposer->RegisterCollectable(metrics);
  return exposer;
}

}  // namespace placi::server
