// Varied, realistic parcels for load: e-commerce parcels from Asian and
// other origins to EU consignees, 1-5 goods lines with HS codes and values,
// e-commerce data on most; repeat buyers and busy shippers, so that the
// windows of the pattern rules fill as they do in production. A fraction is
// aimed at the watchlist made by WatchlistGenerator with the same seed and
// size (one field carries a watchlisted value), and a fraction is incomplete
// (a missing 7+1 element or a vague description: HOLD + RFI).
//
//   ParcelGenerator gen({.watchlist_entries = 1'000'000});
//   pb::Consignment parcel = gen.Parcel(42);  // deterministic in (options, 42)
//
// Parcel(i) gives house waybill "BW<i>"; the load driver overrides request_id
// and house_waybill per send so that every send is a new parcel.
#ifndef PLACI_TOOLS_BENCH_PARCEL_GENERATOR_H_
#define PLACI_TOOLS_BENCH_PARCEL_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "placi/screening/v1/consignment.pb.h"
#include "tools/bench/vocabulary.h"
#include "tools/bench/watchlist_generator.h"

namespace placi::bench {

class ParcelGenerator {
 public:
  struct Options {
    // Size of the generated watchlist the server holds (same seed); 0 when
    // it holds none, and then no parcel is aimed at it.
    uint64_t watchlist_entries = 0;
    double watchlisted_fraction = 0.05;
    double incomplete_fraction = 0.05;
    uint64_t consignees = 1'000'000;  // population of buyers (drawn uniformly)
    uint64_t shippers = 5'000;        // population of shippers (skewed: a few big ones)
    uint64_t sellers = 20'000;        // population of e-commerce sellers (skewed)
    uint64_t seed = 1;
  };
  // What Parcel(i) was made as.
  enum class Kind { kClean, kWatchlisted, kIncomplete };

  explicit ParcelGenerator(Options options);

  pb::Consignment Parcel(uint64_t i) const;
  Kind KindOf(uint64_t i) const;
  // Makes *parcel, a copy of Parcel(i), stand for parcel n of a stream that
  // cycles a pool of Parcel(0..pool-1) (i = n % pool): a clean parcel gets
  // a buyer of its own drawn for n (its destination follows the buyer's
  // city), and every parcel gets n's master waybill and order id. Without
  // it each pass over the pool sent every buyer its parcels again, and the
  // velocity rules held a share that grew pass after pass (12% of a load
  // run's first scenario, 38% of its last), which no carrier's stream does.
  // Watchlisted and incomplete parcels keep their consignee (it may be what
  // makes them so).
  void Renew(uint64_t i, uint64_t n, pb::Consignment* parcel) const;
  // The s-th shipper of the population (s < options.shippers), as parcels
  // carry it in `consignor` (unless aimed at the watchlist).
  pb::Party Shipper(uint64_t s) const;
  const Options& options() const { return options_; }

 private:
  void AimAtWatchlist(Rng* rng, pb::Consignment* parcel) const;
  void MakeIncomplete(Rng* rng, pb::Consignment* parcel) const;

  const Options options_;
  const WatchlistGenerator watchlist_;
};

// The parcels of a JSONL manifest (one placi.screening.v1.Consignment in
// proto3 JSON per line, as deploy/demo/manifest.jsonl). INVALID_ARGUMENT
// naming the line for a bad one; NOT_FOUND when the file cannot be read.
absl::StatusOr<std::vector<pb::Consignment>> ReadManifest(const std::string& path);

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_PARCEL_GENERATOR_H_
