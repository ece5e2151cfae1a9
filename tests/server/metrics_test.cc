// /metrics scraped over HTTP after known traffic: the counters, histograms
// and gauges carry the names the dashboards use and the right values.
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "prometheus/metric_family.h"
#include "prometheus/text_serializer.h"
#include "server/metrics.h"
#include "server/rocksdb_metrics.h"
#include "storage/store.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

class MetricsTest : public ServerTest {};

// Reasons are counted per verdict: a code given for two items counts once.
TEST(MetricsReasonsTest, AVerdictCountsEachOfItsCodesOnceUnderItsDecision) {
  Metrics metrics("test");
  core::Verdict verdict;
  verdict.decision = core::Decision::kHold;
  verdict.referral = core::Referral::kRequestForScreening;
  const auto reason = [](std::string_view code) {
    core::Reason r;
    r.code = std::string(code);
    return r;
  };
  verdict.reasons = {reason(core::reason::kHighRiskHsCode), reason(core::reason::kHighRiskHsCode),
                     reason(core::reason::kRiskScoreThreshold), reason("NOT_A_CODE")};
  metrics.ParcelScreened(verdict, absl::Microseconds(5));
  verdict.decision = core::Decision::kRelease;
  verdict.referral = core::Referral::kNone;
  verdict.reasons.resize(1);
  metrics.ParcelScreened(verdict, absl::Microseconds(5));

  const std::string text = prometheus::TextSerializer().Serialize(metrics.registry()->Collect());
  EXPECT_EQ(MetricValue(text, R"(placi_screen_reasons_total{code="HIGH_RISK_HS_CODE",decision="hold"})"),
            1.0);
  EXPECT_EQ(MetricValue(text, R"(placi_screen_reasons_total{code="RISK_SCORE_THRESHOLD",decision="hold"})"),
            1.0);
  EXPECT_EQ(MetricValue(text, R"(placi_screen_reasons_total{code="HIGH_RISK_HS_CODE",decision="release"})"),
            1.0);
  EXPECT_EQ(MetricValue(text, R"(placi_screen_reasons_total{code="RISK_SCORE_THRESHOLD",decision="release"})"),
            0.0);
  EXPECT_FALSE(absl::StrContains(text, "NOT_A_CODE"));
}

// placi_screen_parcels_total has a series for the methods that take parcels
// and none for the others: a zero for GetEntry or WatchHolds would read as
// "could screen parcels, has not". A parcel counted under another method is
// dropped, not a crash.
TEST(MetricsParcelsTest, OnlyTheParcelMethodsHaveAParcelsSeries) {
  Metrics metrics("test");
  metrics.ParcelReceived(Method::kScreen);
  metrics.ParcelReceived(Method::kGetEntry);
  const std::string text = prometheus::TextSerializer().Serialize(metrics.registry()->Collect());
  std::vector<std::string> methods;
  for (int m = 0; m < kMethodCount; ++m) {
    const std::string name(MethodName(static_cast<Method>(m)));
    if (MetricValue(text, absl::StrCat(R"(placi_screen_parcels_total{grpc_method=")", name,
                                       R"("})"))) {
      methods.push_back(name);
    }
    // The other per-method families keep every method.
    EXPECT_TRUE(MetricValue(text, absl::StrCat(R"(placi_grpc_server_in_flight{grpc_method=")",
                                               name, R"("})")))
        << name;
  }
  EXPECT_EQ(methods, (std::vector<std::string>{"Screen", "ScreenStream"}));
  EXPECT_EQ(MetricValue(text, R"(placi_screen_parcels_total{grpc_method="Screen"})"), 1.0);
  EXPECT_TRUE(ScreensParcels(Method::kScreenStream));
  EXPECT_FALSE(ScreensParcels(Method::kResolveHold));
}

TEST_F(MetricsTest, CountsCallsParcelsVerdictsAndErrors) {
  // Unary: one release, one hold for information, one invalid argument.
  EXPECT_EQ(Screen(CleanConsignment("HAWB-M-1")).decision(), pb::DECISION_RELEASE);
  pb::Consignment incomplete = CleanConsignment("HAWB-M-2");
  incomplete.mutable_consignee()->clear_name();
  EXPECT_EQ(Screen(incomplete).referral(), pb::REFERRAL_REQUEST_FOR_INFORMATION);
  {
    pb::Consignment bad = CleanConsignment("HAWB-M-3");
    bad.set_gross_weight_kg(-1);
    grpc::ClientContext context;
    pb::ScreenResponse response;
    EXPECT_EQ(screening()->Screen(&context, ScreenRequestFor(bad), &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  // A stream of three, one of them bad.
  {
    grpc::ClientContext context;
    auto stream = screening()->ScreenStream(&context);
    for (int i = 0; i < 3; ++i) {
      pb::ScreenStreamRequest request;
      *request.mutable_consignment() = CleanConsignment(absl::StrCat("HAWB-MS-", i));
      if (i == 1) request.mutable_consignment()->set_postal_category(
          static_cast<pb::PostalCategory>(99));
      ASSERT_TRUE(stream->Write(request));
    }
    stream->WritesDone();
    pb::ScreenStreamResponse response;
    int n = 0;
    while (stream->Read(&response)) ++n;
    EXPECT_EQ(n, 3);
    EXPECT_TRUE(stream->Finish().ok());
  }
  // An admin write moves the watchlist gauges.
  {
    grpc::ClientContext context;
    pb::UpsertEntriesRequest request;
    pb::WatchlistEntry* entry = request.add_entries();
    entry->set_id("wl-m-1");
    entry->set_kind(pb::ENTRY_KIND_EMAIL);
    entry->set_value("fraud@example.com");
    entry->set_referral(pb::REFERRAL_NONE);
    pb::UpsertEntriesResponse response;
    ASSERT_TRUE(watchlist()->UpsertEntries(&context, request, &response).ok());
  }

  // The stream's own count lands in OnDone, just after the client's Finish.
  std::string text;
  ASSERT_TRUE(WaitFor([&] {
    text = ScrapeMetrics();
    return MetricValue(
               text,
               R"(placi_grpc_server_handled_total{grpc_code="OK",grpc_method="ScreenStream"})") ==
           1.0;
  })) << text;

  auto value = [&](const std::string& series) {
    std::optional<double> v = MetricValue(text, series);
    EXPECT_TRUE(v.has_value()) << "missing series " << series;
    return v.value_or(-1);
  };
  EXPECT_EQ(value(R"(placi_grpc_server_handled_total{grpc_code="OK",grpc_method="Screen"})"), 2);
  EXPECT_EQ(value(R"(placi_grpc_server_handled_total{grpc_code="INVALID_ARGUMENT",grpc_method="Screen"})"),
            1);
  EXPECT_EQ(value(R"(placi_grpc_server_handled_total{grpc_code="OK",grpc_method="UpsertEntries"})"),
            1);
  EXPECT_EQ(value(R"(placi_grpc_server_handling_seconds_count{grpc_method="Screen"})"), 3);
  EXPECT_EQ(value(R"(placi_grpc_server_handling_seconds_count{grpc_method="ScreenStream"})"), 1);
  EXPECT_EQ(value(R"(placi_grpc_server_in_flight{grpc_method="Screen"})"), 0);
  EXPECT_EQ(value(R"(placi_grpc_server_in_flight{grpc_method="ScreenStream"})"), 0);
  EXPECT_EQ(value(R"(placi_screen_parcels_total{grpc_method="Screen"})"), 3);
  EXPECT_EQ(value(R"(placi_screen_parcels_total{grpc_method="ScreenStream"})"), 3);
  EXPECT_EQ(value("placi_screen_duration_seconds_count"), 4);  // parcels with a verdict
  EXPECT_EQ(value(R"(placi_screen_verdicts_total{decision="release",referral="none"})"), 3);
  EXPECT_EQ(value(R"(placi_screen_verdicts_total{decision="hold",referral="request_for_information"})"),
            1);
  // The hold for information carries its reason; released parcels none.
  EXPECT_EQ(value(R"(placi_screen_reasons_total{code="MISSING_CONSIGNEE_NAME",decision="hold"})"),
            1);
  EXPECT_EQ(value(R"(placi_screen_reasons_total{code="MISSING_CONSIGNEE_NAME",decision="release"})"),
            0);
  EXPECT_EQ(value(R"(placi_screen_reasons_total{code="SPLIT_SHIPMENT",decision="hold"})"), 0);
  EXPECT_EQ(value(R"(placi_screen_parcel_errors_total{reason="invalid_argument"})"), 2);
  EXPECT_EQ(value("placi_watchlist_entries"), 1);
  EXPECT_EQ(value("placi_watchlist_version"), app().watchlist().version());
  EXPECT_EQ(value(R"(placi_build_info{version="test"})"), 1);

  // Buckets fine enough to read a sub-millisecond p99, up to 10 s.
  EXPECT_TRUE(absl::StrContains(
      text, R"(placi_screen_duration_seconds_bucket{le="2.5e-05"})"))
      << text.substr(0, 2000);
  EXPECT_TRUE(absl::StrContains(
      text, R"(placi_grpc_server_handling_seconds_bucket{grpc_method="Screen",le="10"})"));
  EXPECT_TRUE(absl::StrContains(text, "# TYPE placi_grpc_server_handling_seconds histogram"));
  EXPECT_TRUE(absl::StrContains(text, "# TYPE placi_grpc_server_handled_total counter"));
}

// The families read at scrape time (process, RocksDB), the decision-log
// histogram and the health gauge, after a few parcels and a resolved hold.
// A carrier re-filing a held waybill (to poll it) gets HOLD_STILL_IN_PLACE
// each time: counted apart by hold status, so that the hold rate counts the
// waybill's hold once (deploy/grafana/dashboard.json, rules.yml).
TEST_F(MetricsTest, ReFilingsOfAHeldWaybillAreCountedApartByHoldStatus) {
  pb::Consignment incomplete = CleanConsignment("HAWB-M-REFILED");
  incomplete.mutable_consignee()->clear_name();
  EXPECT_EQ(Screen(incomplete).hold_status(), pb::HOLD_STATUS_NEW);
  EXPECT_EQ(Screen(incomplete).hold_status(), pb::HOLD_STATUS_STILL_IN_PLACE);
  EXPECT_EQ(Screen(incomplete).hold_status(), pb::HOLD_STATUS_STILL_IN_PLACE);
  EXPECT_EQ(Screen(CleanConsignment("HAWB-M-REFILED")).hold_status(), pb::HOLD_STATUS_RESOLVED);
  EXPECT_EQ(Screen(CleanConsignment("HAWB-M-CLEAN")).hold_status(), pb::HOLD_STATUS_NONE);

  const std::string text = ScrapeMetrics();
  const auto value = [&](const std::string& series) {
    std::optional<double> v = MetricValue(text, series);
    EXPECT_TRUE(v.has_value()) << "missing series " << series << "\n" << text;
    return v.value_or(-1);
  };
  // The verdicts as before: three holds, two releases.
  EXPECT_EQ(value(R"(placi_screen_verdicts_total{decision="hold",referral="request_for_information"})"),
            3);
  EXPECT_EQ(value(R"(placi_screen_verdicts_total{decision="release",referral="none"})"), 2);
  // By referral and hold status: one hold placed, two re-filings finding it
  // in place, so that the holds by referral (dashboard) count one RFI hold.
  const std::string family = "placi_screen_verdicts_by_hold_status_total";
  const std::string rfi = R"(,referral="request_for_information"})";
  const std::string none = R"(,referral="none"})";
  EXPECT_EQ(value(family + R"({decision="hold",hold_status="new")" + rfi), 1);
  EXPECT_EQ(value(family + R"({decision="hold",hold_status="still_in_place")" + rfi), 2);
  EXPECT_EQ(value(family + R"({decision="hold",hold_status="none")" + rfi), 0);
  EXPECT_EQ(value(family + R"({decision="release",hold_status="resolved")" + none), 1);
  EXPECT_EQ(value(family + R"({decision="release",hold_status="none")" + none), 1);
  // Every triple is there, so that the family sums to
  // placi_screen_verdicts_total by decision and referral.
  EXPECT_EQ(value(family + R"({decision="hold",hold_status="new",referral="do_not_load"})"), 0);
  EXPECT_EQ(value(family + R"({decision="release",hold_status="none",referral="ipr_examination"})"),
            0);
}

TEST_F(MetricsTest, StorageProcessAndHealthSeriesAfterAFewParcels) {
  int verdicts = 0;
  for (int i = 0; i < 3; ++i) {
    Screen(CleanConsignment(absl::StrCat("HAWB-MP-", i)));
    ++verdicts;
  }
  pb::Consignment incomplete = CleanConsignment("HAWB-MP-HOLD");
  incomplete.mutable_consignee()->clear_name();
  ASSERT_EQ(Screen(incomplete).decision(), pb::DECISION_HOLD);
  ++verdicts;
  {
    grpc::ClientContext context;
    pb::ResolveHoldRequest request;
    request.set_house_waybill("HAWB-MP-HOLD");
    request.set_resolved_by("metrics test");
    pb::ResolveHoldResponse response;
    ASSERT_TRUE(decisions()->ResolveHold(&context, request, &response).ok());
    ++verdicts;  // the resolution is written to the decision log too
  }

  const std::string text = ScrapeMetrics();
  auto value = [&](const std::string& series) {
    std::optional<double> v = MetricValue(text, series);
    EXPECT_TRUE(v.has_value()) << "missing series " << series;
    return v.value_or(-1);
  };
  // One decision-log write per verdict, each quicker than a second.
  EXPECT_EQ(value("placi_decision_log_write_seconds_count"), verdicts);
  EXPECT_GT(value("placi_decision_log_write_seconds_sum"), 0);
  EXPECT_EQ(value(R"(placi_decision_log_write_seconds_bucket{le="1"})"), verdicts);
  EXPECT_TRUE(absl::StrContains(text, R"(placi_decision_log_write_seconds_bucket{le="5e-06"})"));
  EXPECT_EQ(value(R"(placi_health_serving{service="placi.screening.v1.ScreeningService"})"), 1);

  // The process collector: this test binary's own numbers.
  const double now = absl::ToUnixMicros(absl::Now()) / 1e6;
  EXPECT_GT(value("process_cpu_seconds_total"), 0);
  EXPECT_GT(value("process_resident_memory_bytes"), 1 << 20);
  EXPECT_GE(value("process_virtual_memory_bytes"), value("process_resident_memory_bytes"));
  EXPECT_GT(value("process_open_fds"), 2);
  EXPECT_LT(value("process_open_fds"), value("process_max_fds"));
  EXPECT_GT(value("process_start_time_seconds"), now - 3600);
  EXPECT_LE(value("process_start_time_seconds"), now + 1);

  // RocksDB: the verdicts sit in the memtables; nothing stalls.
  EXPECT_GT(value("placi_rocksdb_memtable_bytes"), 0);
  EXPECT_EQ(value("placi_rocksdb_write_stopped"), 0);
  EXPECT_EQ(value("placi_rocksdb_write_stall_seconds_total"), 0);
  EXPECT_GE(value("placi_rocksdb_pending_compaction_bytes"), 0);
  EXPECT_GE(value("placi_rocksdb_live_sst_files_bytes"), 0);
  EXPECT_GE(value("placi_rocksdb_block_cache_hits_total"), 0);
  EXPECT_GE(value("placi_rocksdb_block_cache_misses_total"), 0);
  EXPECT_GT(value("placi_rocksdb_block_cache_capacity_bytes"), 0);
  EXPECT_LE(value("placi_rocksdb_block_cache_usage_bytes"),
            value("placi_rocksdb_block_cache_capacity_bytes"));

  for (const char* type_line :
       {"# TYPE process_cpu_seconds_total counter", "# TYPE process_open_fds gauge",
        "# TYPE placi_rocksdb_block_cache_hits_total counter",
        "# TYPE placi_rocksdb_write_stall_seconds_total counter",
        "# TYPE placi_rocksdb_write_stopped gauge",
        "# TYPE placi_decision_log_write_seconds histogram",
        "# TYPE placi_health_serving gauge"}) {
    EXPECT_TRUE(absl::StrContains(text, type_line)) << type_line;
  }
}

TEST(RocksDbMetricsTest, FamiliesInBaseUnitsAndNothingOnceDetached) {
  storage::StorageStatistics stats;
  stats.block_cache_hits = 7;
  stats.write_stall_micros = 2'500'000;
  stats.write_stopped = true;
  stats.pending_compaction_bytes = 1 << 30;
  std::vector<prometheus::MetricFamily> families = RocksDbFamilies(stats);
  auto find = [&](const std::string& name) -> const prometheus::MetricFamily* {
    for (const auto& f : families) {
      if (f.name == name) return &f;
    }
    ADD_FAILURE() << "no family " << name;
    return nullptr;
  };
  if (auto* f = find("placi_rocksdb_block_cache_hits_total")) {
    EXPECT_EQ(f->type, prometheus::MetricType::Counter);
    EXPECT_EQ(f->metric.at(0).counter.value, 7);
  }
  if (auto* f = find("placi_rocksdb_write_stall_seconds_total")) {
    EXPECT_EQ(f->metric.at(0).counter.value, 2.5);
  }
  if (auto* f = find("placi_rocksdb_write_stopped")) {
    EXPECT_EQ(f->type, prometheus::MetricType::Gauge);
    EXPECT_EQ(f->metric.at(0).gauge.value, 1);
  }
  if (auto* f = find("placi_rocksdb_pending_compaction_bytes")) {
    EXPECT_EQ(f->metric.at(0).gauge.value, 1 << 30);
  }
  for (const auto& f : families) EXPECT_FALSE(f.help.empty()) << f.name;

  RocksDbCollector collector(nullptr, "/");
  EXPECT_TRUE(collector.Collect().empty());
  collector.Detach();
  EXPECT_TRUE(collector.Collect().empty());
}

// The data dir's file system, so that an alert fires before the volume is
// full (review bb3 M14: nothing warned before every parcel was held).
TEST(RocksDbMetricsTest, DataDirFreeAndSizeBytesOfItsFileSystem) {
  TempDir dir;
  std::vector<prometheus::MetricFamily> families = DataDirFamilies(dir.path());
  ASSERT_EQ(families.size(), 2u);
  EXPECT_EQ(families[0].name, "placi_data_dir_free_bytes");
  EXPECT_EQ(families[1].name, "placi_data_dir_size_bytes");
  const double free_bytes = families[0].metric.at(0).gauge.value;
  const double size_bytes = families[1].metric.at(0).gauge.value;
  EXPECT_GT(size_bytes, 0);
  EXPECT_GE(free_bytes, 0);
  EXPECT_LE(free_bytes, size_bytes);
  EXPECT_TRUE(DataDirFamilies(dir.path() + "/no-such-dir").empty());
}

// A watchlist with a party name and a brand, so that screening looks up
// every memo: name tokens, description terms and goods categories.
void WatchANameAndABrand(pb::WatchlistService::Stub* watchlist) {
  grpc::ClientContext context;
  pb::UpsertEntriesRequest request;
  pb::WatchlistEntry* name = request.add_entries();
  name->set_id("wl-tc-name");
  name->set_kind(pb::ENTRY_KIND_PARTY_NAME);
  name->set_value("Oleksandr Brovarenko");
  name->set_referral(pb::REFERRAL_NONE);
  pb::WatchlistEntry* brand = request.add_entries();
  brand->set_id("wl-tc-brand");
  brand->set_kind(pb::ENTRY_KIND_BRAND_TERM);
  brand->set_value("Zentrivo");
  brand->set_referral(pb::REFERRAL_NONE);
  pb::UpsertEntriesResponse response;
  ASSERT_TRUE(watchlist->UpsertEntries(&context, request, &response).ok());
}

// placi_text_cache_lookups_total{cache, result} in a scrape; -1 if absent.
double TextCacheCount(const std::string& exposition, const char* cache, const char* result) {
  return MetricValue(exposition, absl::StrCat(R"(placi_text_cache_lookups_total{cache=")", cache,
                                              R"(",result=")", result, R"("})"))
      .value_or(-1);
}

// The memos are per thread: here one thread screens every parcel.
class OneScreeningThreadMetricsTest : public MetricsTest {
  void Configure(ServerOptions* options) override {
    options->screening_threads = 1;
    options->screening_inline_slots = 0;
  }
};

// The text memos' counter: a watchlist with a name and a brand, then the
// same parcel ten times. The first parcel's names, description terms,
// goods categories, cities and description's vagueness are read and kept
// (misses), the nine after it find them (hits). The shipper's forms are kept the second time it comes (two
// misses, eight hits), its watchlist hits when its forms are found (one
// miss, seven hits); from then on its name's tokens are not looked up.
TEST_F(OneScreeningThreadMetricsTest, TextCacheLookupsCountHitsOfARepeatedParcel) {
  WatchANameAndABrand(watchlist());
  const std::string before = ScrapeMetrics();
  for (int i = 0; i < 10; ++i) {
    // (The later ones are held: ten parcels to one consignee in a day.)
    Screen(CleanConsignment(absl::StrCat("HAWB-TC-", i)));
  }
  const std::string after = ScrapeMetrics();
  EXPECT_TRUE(absl::StrContains(after, "# TYPE placi_text_cache_lookups_total counter"));
  for (const char* cache : {"name_tokens", "description_grams", "goods_categories",
                            "party_forms", "party_hits", "address_parts", "vagueness"}) {
    for (const char* result : {"hit", "miss", "not_cached"}) {
      ASSERT_GE(TextCacheCount(before, cache, result), 0) << cache << " missing " << result;
    }
    const auto delta = [&](const char* result) {
      return TextCacheCount(after, cache, result) - TextCacheCount(before, cache, result);
    };
    EXPECT_GE(delta("miss"), 1) << cache;
    if (std::string_view(cache) == "party_forms") {
      EXPECT_EQ(delta("miss"), 2) << cache;
      EXPECT_EQ(delta("hit"), 8) << cache;
    } else if (std::string_view(cache) == "party_hits") {
      EXPECT_EQ(delta("miss"), 1) << cache;
      EXPECT_EQ(delta("hit"), 7) << cache;
    } else if (std::string_view(cache) == "name_tokens") {
      EXPECT_GT(delta("hit"), 0) << cache;
      EXPECT_LT(delta("hit"), 9 * delta("miss")) << cache << ": the shipper's are skipped";
    } else {
      EXPECT_EQ(delta("hit"), 9 * delta("miss")) << cache;
    }
    EXPECT_EQ(delta("not_cached"), 0) << cache << ": nothing here is too long to keep";
  }
  // These parcels name no seller: the sellers' memo is exported, and looked
  // up for none of them.
  for (const char* result : {"hit", "miss", "not_cached"}) {
    ASSERT_GE(TextCacheCount(before, "seller_forms", result), 0) << "seller_forms missing " << result;
    EXPECT_EQ(TextCacheCount(after, "seller_forms", result),
              TextCacheCount(before, "seller_forms", result))
        << result;
  }
}

// Listing URLs are remembered by their shape (the item number's digits as
// "0"), and a shape is filed only the second time it is seen: ten parcels
// whose listings differ only in their item numbers are two misses, then
// eight hits. The series is exported like the other memos'.
TEST_F(OneScreeningThreadMetricsTest, TextCacheLookupsCountListingUrlsByShape) {
  WatchANameAndABrand(watchlist());
  const std::string before = ScrapeMetrics();
  for (int i = 0; i < 10; ++i) {
    pb::Consignment parcel = CleanConsignment(absl::StrCat("HAWB-LU-", i));
    parcel.mutable_ecommerce()->set_listing_url(
        absl::StrCat("https://shop.example/item/", 4100200 + i, "?ref=home"));
    Screen(parcel);
  }
  const std::string after = ScrapeMetrics();
  const auto delta = [&](const char* result) {
    EXPECT_GE(TextCacheCount(before, "listing_grams", result), 0) << "missing " << result;
    return TextCacheCount(after, "listing_grams", result) -
           TextCacheCount(before, "listing_grams", result);
  };
  EXPECT_EQ(delta("miss"), 2);
  EXPECT_EQ(delta("hit"), 8);
  EXPECT_EQ(delta("not_cached"), 0);
}

// --text_cache_tokens=0 and --text_cache_descriptions=0: the memos keep
// nothing, so the same parcel three times finds nothing kept, and every
// lookup is counted not_cached.
class NoTextCacheMetricsTest : public MetricsTest {
  void Configure(ServerOptions* options) override {
    options->text_cache_tokens = 0;
    options->text_cache_descriptions = 0;
  }
};

TEST_F(NoTextCacheMetricsTest, MemosOfSizeZeroKeepNothing) {
  WatchANameAndABrand(watchlist());
  const std::string before = ScrapeMetrics();
  for (int i = 0; i < 3; ++i) Screen(CleanConsignment(absl::StrCat("HAWB-NC-", i)));
  const std::string after = ScrapeMetrics();
  for (const char* cache : {"name_tokens", "description_grams", "goods_categories"}) {
    const auto delta = [&](const char* result) {
      return TextCacheCount(after, cache, result) - TextCacheCount(before, cache, result);
    };
    EXPECT_EQ(delta("hit"), 0) << cache;
    EXPECT_EQ(delta("miss"), 0) << cache;
    EXPECT_GE(delta("not_cached"), 3) << cache;
  }
}

TEST(TextCacheOptionsTest, SizesOutOfRangeAreRefusedNamingTheOption) {
  TempDir dir;
  for (auto [tokens, descriptions, named] :
       {std::tuple{-1, 4096, "text_cache_tokens"},
        std::tuple{8192, kMaxTextCacheEntries + 1, "text_cache_descriptions"}}) {
    ServerOptions options = TestOptions(dir.path());
    options.text_cache_tokens = tokens;
    options.text_cache_descriptions = descriptions;
    absl::StatusOr<std::unique_ptr<ServerApp>> app = ServerApp::Start(options);
    ASSERT_FALSE(app.ok());
    EXPECT_EQ(app.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(app.status().message(), named)) << app.status();
  }
}

}  // namespace
}  // namespace placi::server::testing
