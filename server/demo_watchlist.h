// The watchlist that a fresh database is seeded with: the demo watchlist
// compiled into the binary (deploy/demo/watchlist.jsonl), or a JSONL file
// named by --seed_watchlist.
//
// Format: one placi.screening.v1.WatchlistEntry per line in proto3 JSON;
// blank lines and lines starting with '#' are skipped.
//
//   absl::StatusOr<std::optional<std::vector<core::WatchlistEntry>>> seed =
//       LoadSeedWatchlist(flag_value);  // "", "none" or a path
#ifndef PLACI_SERVER_DEMO_WATCHLIST_H_
#define PLACI_SERVER_DEMO_WATCHLIST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/watchlist_entry.h"

namespace placi::server {

// What --seed_watchlist takes to disable seeding.
inline constexpr std::string_view kNoSeed = "none";

// The JSONL text of deploy/demo/watchlist.jsonl as embedded at build time
// (empty if the file was missing then).
std::string_view EmbeddedDemoWatchlist();

// Parses and validates every line with UpsertEntries' checks
// (convert::EntryFromCaller: a referral is required), one id per file. INVALID_ARGUMENT naming "<source>:<line>" and the field on the
// first bad line.
absl::StatusOr<std::vector<core::WatchlistEntry>> ParseWatchlistJsonl(std::string_view text,
                                                                      std::string_view source);

// The seed named by `spec`: "" is the embedded demo watchlist, "none" is no
// seed (nullopt), anything else a JSONL file. NOT_FOUND when the file cannot
// be read.
absl::StatusOr<std::optional<std::vector<core::WatchlistEntry>>> LoadSeedWatchlist(
    const std::string& spec);

}  // namespace placi::server

#endif  // PLACI_SERVER_DEMO_WATCHLIST_H_
