// Shared by the fuzz targets: the demo watchlist in an index (so that
// parcels reach the matchers with real entries), and one parcel through the
// intake and the whole screening pipeline with in-memory doubles, fresh per
// input so that a crash reproduces from its input alone.
#ifndef PLACI_TESTS_FUZZ_FUZZ_COMMON_H_
#define PLACI_TESTS_FUZZ_FUZZ_COMMON_H_

#include <cstdlib>
#include <cstdio>
#include <string>

#include "core/intake_limits.h"
#include "google/protobuf/stubs/logging.h"
#include "core/screener.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"
#include "placi/convert/convert.h"
#include "placi/screening/v1/consignment.pb.h"
#include "placi/screening/v1/verdict.pb.h"
#include "server/demo_watchlist.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_decision_store.h"
#include "tests/test_util/in_memory_history_store.h"

namespace placi::fuzz {

// A property that must hold: abort (libFuzzer reports it as a crash).
#define PLACI_FUZZ_CHECK(cond)                                                        \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

// Protobuf logs every malformed message it is given; a fuzzer gives it
// millions. Silenced once, before the first input.
inline const bool kProtobufQuiet = [] {
  google::protobuf::SetLogHandler(nullptr);
  return true;
}();

// The demo watchlist (embedded at build time), loaded once.
// Not const: a Screener sets its rules' counterfeit terms on the index.
inline core::WatchlistIndex& DemoIndex() {
  static core::WatchlistIndex* const index = [] {
    auto* built = new core::WatchlistIndex();
    absl::StatusOr<std::vector<core::WatchlistEntry>> entries =
        server::ParseWatchlistJsonl(server::EmbeddedDemoWatchlist(), "demo");
    PLACI_FUZZ_CHECK(entries.ok());
    built->Upsert(*entries, 1);
    return built;
  }();
  return *index;
}

inline const core::ScreeningConfig& DefaultConfig() {
  static const core::ScreeningConfig* const config =
      new core::ScreeningConfig(core::ScreeningConfig::Default());
  return *config;
}

// Screens `parcel` as the server does after conversion and limits: twice
// (the second sees the first's hold), then an officer's resolution and a
// third screen. Properties of every verdict are checked.
inline void ScreenLikeTheServer(const core::Consignment& parcel,
                                const core::ScreeningConfig& config,
                                core::WatchlistIndex& index) {
  placi::testing::InMemoryDecisionStore decisions;
  placi::testing::InMemoryHistoryStore history;
  placi::testing::FakeClock clock;
  core::Screener screener(config, &index, &decisions, &clock, &history);
  for (int round = 0; round < 3; ++round) {
    if (round == 2 && !parcel.house_waybill.empty()) {
      (void)screener.ResolveHold(parcel.carrier_id, parcel.house_waybill, "fuzz", "");
    }
    absl::StatusOr<core::Verdict> verdict = screener.Screen(parcel);
    if (!verdict.ok()) {
      // In memory, only a window outside the history's range can fail; the
      // server then gives the fallback verdict.
      core::Verdict fallback =
          screener.ScreeningUnavailable(parcel, verdict.status(), core::FailMode::kClosed);
      PLACI_FUZZ_CHECK(fallback.decision == core::Decision::kHold);
      continue;
    }
    PLACI_FUZZ_CHECK(verdict->risk_score >= 0 && verdict->risk_score <= config.max_risk_score);
    PLACI_FUZZ_CHECK((verdict->decision == core::Decision::kHold) ==
                     (verdict->referral != core::Referral::kNone));
    PLACI_FUZZ_CHECK(verdict->request_id == parcel.request_id);
    screening::v1::Verdict proto;
    convert::VerdictToProto(*verdict, &proto);
    core::Verdict back;
    PLACI_FUZZ_CHECK(convert::VerdictFromProto(proto, &back));
    clock.Advance(absl::Minutes(7));
  }
}

// The server's intake of one Consignment message: conversion, limits, and
// screening when both pass.
inline void IntakeLikeTheServer(const screening::v1::Consignment& message) {
  core::Consignment parcel;
  std::optional<core::FieldViolation> bad = convert::ConsignmentFromProto(message, &parcel);
  if (!bad) bad = core::FindLimitViolation(parcel);
  if (bad) {
    PLACI_FUZZ_CHECK(!bad->field.empty());
    PLACI_FUZZ_CHECK(!core::ToInvalidArgument(*bad).ok());
    return;
  }
  ScreenLikeTheServer(parcel, DefaultConfig(), DemoIndex());
}

}  // namespace placi::fuzz

#endif  // PLACI_TESTS_FUZZ_FUZZ_COMMON_H_
