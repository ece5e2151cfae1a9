// Window counters as months of traffic leave them; see window_prefill.h.
#include "tools/bench/window_prefill.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/consignment.h"
#include "core/history_store.h"
#include "core/normalize.h"
#include "tools/bench/parcel_generator.h"
#include "tools/bench/vocabulary.h"

namespace placi::bench {
namespace {

constexpr int64_t kHour = 3600, kDay = 24 * kHour, kWeek = 7 * kDay;
constexpr uint64_t kShippers = 50'000;

struct Counter {
  std::string key;
  int64_t window_seconds;
};

// The counters one synthetic parcel creates (the unique ones) or moves.
void ParcelCounters(uint64_t p, uint64_t seed, std::vector<Counter>* out) {
  Rng rng(seed, 1, p);
  const auto& city = rng.Pick(DestinationCities());
  core::Address address{
      absl::StrCat(rng.Pick(StreetNames()), " ",
                   rng.Pick(StreetTypes()), " ", rng.Between(1, 200)),
      std::string(city.name), absl::StrCat(rng.Between(10000, 99999)),
      std::string(city.country_code)};
  // The made-up surname makes the consignee new.
  const std::string name = core::NameKey(
      absl::StrCat(rng.Pick(FirstNames()), " ", PseudoWord(p)));
  const std::string addr = core::AddressKey(address);
  const std::string phone =
      core::PhoneKey(absl::StrFormat("+49 15%d %09d", rng.Below(10), p));
  const std::string email =
      core::EmailKey(absl::StrCat(absl::AsciiStrToLower(PseudoWord(p)), "@example.eu"));
  const std::string seller = absl::StrFormat("SLR%08d", rng.Below(20'000));
  const uint64_t s = rng.Below(kShippers);
  const std::string shipper = absl::StrCat("shipper ", s, " trading|", s, " harbour road hk");
  const std::string id = absl::StrCat("n|", name, "|", addr);

  out->push_back({absl::StrFormat("hawb|PF%010d", p), kWeek});
  out->push_back({absl::StrCat("an|", addr, "|", name), kWeek});
  for (const std::string& consignee : {id, "p|" + phone, "e|" + email}) {
    out->push_back({"cv|" + consignee, kDay});
    out->push_back({"cc|" + consignee, kDay});
  }
  out->push_back({absl::StrCat("sc|", seller, "|", id), kWeek});
  out->push_back({"ad|" + addr, kWeek});
  out->push_back({absl::StrCat("sa|", seller, "|", addr), kWeek});
  const std::string family = absl::AsciiStrToLower(PseudoWord(p));
  out->push_back({absl::StrCat("hh|s:", seller, "|", addr, "|/|", family), kDay});
  out->push_back({"sh|" + shipper, kHour});
  out->push_back({"sw|" + shipper, kWeek});
  out->push_back({absl::StrFormat("ms|784-%08d|%s|%s", p / 200, seller, addr), kDay});
}

}  // namespace

absl::StatusOr<uint64_t> PrefillWindows(storage::Store* store, uint64_t keys, absl::Time now,
                                        uint64_t seed, size_t batch) {
  const int64_t now_seconds = absl::ToUnixSeconds(now);
  // 14 counters of each parcel are its own; the 2 shipper counters are
  // shared by the shipper population.
  uint64_t created = 0;
  std::vector<Counter> counters;
  storage::WindowIncrements event;
  for (uint64_t p = 0; created < keys; ++p) {
    counters.clear();
    ParcelCounters(p, seed, &counters);
    for (const Counter& c : counters) {
      const int64_t width = c.window_seconds / core::kWindowBuckets;
      event.increments.push_back({c.key, width, now_seconds / width, 1});
    }
    created += counters.size() - 2;
    if (p < kShippers) created += 2;  // about: shippers are drawn at random
    if (event.increments.size() >= batch || created >= keys) {
      absl::StatusOr<storage::ApplyResult> applied = store->Apply(event);
      if (!applied.ok()) return applied.status();
      event.increments.clear();
    }
  }
  // The load's shippers, known for a week.
  ParcelGenerator generator({});
  const int64_t week_width = kWeek / core::kWindowBuckets;
  const int64_t three_days_ago = (now_seconds - 3 * kDay) / week_width;
  for (uint64_t s = 0; s < generator.options().shippers; ++s) {
    const pb::Party shipper = generator.Shipper(s);
    const core::Address address{shipper.address().street(), shipper.address().city(),
                                shipper.address().postal_code(),
                                shipper.address().country_code()};
    event.increments.push_back({absl::StrCat("sw|", core::NameKey(shipper.name()), "|",
                                             core::AddressKey(address)),
                                week_width, three_days_ago, 100});
    ++created;
  }
  absl::StatusOr<storage::ApplyResult> applied = store->Apply(event);
  if (!applied.ok()) return applied.status();
  return created;
}

}  // namespace placi::bench
