// /metrics scraped over HTTP after known traffic: the counters, histograms
// and gauges carry the names the dashboards use and the right values.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

namespace placi::server::testing {
namespace {

class MetricsTest : public ServerTest {};

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

}  // namespace
}  // namespace placi::server::testing
