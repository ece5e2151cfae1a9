// Large synthetic watchlists of every entry kind, for measuring import rate,
// cold start and memory per entry, and for screening against at realistic
// sizes (a customs administration holds about a million entries).
//
// Entry i is a pure function of (seed, i), so a 1,000,000-entry watchlist
// need never be held in memory, and the parcel generator can aim a parcel at
// entry k of a kind (ValueOf) knowing only the watchlist's size.
//
//   WatchlistGenerator gen(1'000'000);
//   for (uint64_t i = 0; i < gen.size(); ++i) Write(ToJson(gen.Entry(i)));
//   std::string phone = gen.ValueOf(pb::ENTRY_KIND_PHONE, 17);
//
// Mix, in shares of 100 consecutive entries: party names 40 (70% companies,
// 30% people), addresses 15, phones 10, e-mails 10, tax ids 10, seller ids 5,
// brand terms 5, description terms 5. Every value is unique within its
// kind. Names and terms are built around made-up words, so that the clean
// parcels of ParcelGenerator (real words) do not hit them by chance.
#ifndef PLACI_TOOLS_BENCH_WATCHLIST_GENERATOR_H_
#define PLACI_TOOLS_BENCH_WATCHLIST_GENERATOR_H_

#include <cstdint>
#include <string>

#include "placi/screening/v1/screening.pb.h"

namespace placi::bench {

namespace pb = ::placi::screening::v1;

// An address entry's parts, so that a parcel can carry it field by field
// (the index keys structured and one-line addresses alike).
struct AddressParts {
  std::string street;
  std::string city;
  std::string postal_code;
  std::string country_code;
};

class WatchlistGenerator {
 public:
  explicit WatchlistGenerator(uint64_t entries, uint64_t seed = 1)
      : entries_(entries), seed_(seed) {}

  uint64_t size() const { return entries_; }

  // The i-th entry (0 <= i < size()); id "bw-<kind>-<k>" where k counts the
  // entries of that kind.
  pb::WatchlistEntry Entry(uint64_t i) const;

  // How many of the size() entries are of `kind`, and the value of the k-th
  // of them (k < CountOf(kind)).
  uint64_t CountOf(pb::EntryKind kind) const;
  std::string ValueOf(pb::EntryKind kind, uint64_t k) const;
  AddressParts AddressOf(uint64_t k) const;
  // For party names: whether the k-th name is a person's (consignee) rather
  // than a company's (consignor).
  bool IsPersonName(uint64_t k) const;

 private:
  const uint64_t entries_;
  const uint64_t seed_;
};

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_WATCHLIST_GENERATOR_H_
