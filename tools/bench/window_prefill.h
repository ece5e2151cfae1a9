// Fills the aggregation windows of a storage::Store with counters as months
// of traffic would leave them (see placi-bench-prefill and
// tests/bench/verdict_benchmark.cc).
//
// Keys follow core/pattern_rules.cc: per synthetic parcel a new waybill
// ("hawb|"), a new consignee (name at address, value and count per name,
// phone and e-mail, seller-consignee, address, seller-address, household)
// and a master waybill, plus
// shipper hour/week counters over a population of 50,000 shippers; normalised
// with core's own NameKey/AddressKey/PhoneKey/EmailKey. All land in the
// bucket of `now`, so none expires during a run. And so that the shippers
// of ParcelGenerator (default options) are known ones, as in production,
// not "new shippers" bursting within the hour of a benchmark: each gets a
// week counter ("sw|") of 100 parcels three days back. Written through
// Store::Apply(WindowIncrements), the server's one apply path, in batches.
//
//   absl::StatusOr<uint64_t> made = PrefillWindows(store, 10'000'000, absl::Now());
#ifndef PLACI_TOOLS_BENCH_WINDOW_PREFILL_H_
#define PLACI_TOOLS_BENCH_WINDOW_PREFILL_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/store.h"

namespace placi::bench {

// Creates about `keys` counters (never fewer); returns how many. The store's
// errors come back unchanged.
absl::StatusOr<uint64_t> PrefillWindows(storage::Store* store, uint64_t keys, absl::Time now,
                                        uint64_t seed = 7, size_t batch = 20'000);

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_WINDOW_PREFILL_H_
