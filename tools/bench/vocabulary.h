// Word lists and a counter-based random source shared by the watchlist and
// parcel generators, so that both are deterministic functions of (seed,
// index): entry 123 456 of a 1,000,000-entry watchlist is the same string in
// the generator that wrote the watchlist and in the one that aims parcels at
// it, without either holding the other's data.
#ifndef PLACI_TOOLS_BENCH_VOCABULARY_H_
#define PLACI_TOOLS_BENCH_VOCABULARY_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/types/span.h"

namespace placi::bench {

// SplitMix64 over a counter: Rng(seed, stream, index) yields the same
// sequence every time, independent of any other index.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(Mix(seed ^ Mix(stream * 0x9E3779B97F4A7C15ull + index))) {}

  uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ull;
    return Mix(state_);
  }
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // True with probability p.
  bool Chance(double p) { return (Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(absl::Span<const T> items) {
    return items[Below(items.size())];
  }

  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// A pronounceable made-up word that is a bijection of n ("Karozenvo",
// "Belnitorxa"): four syllables of 40 for n below 2,560,000, more above.
// Capitalised.
std::string PseudoWord(uint64_t n);

// A city of a country, with a postal code pattern and an airport.
struct City {
  absl::string_view country_code;
  absl::string_view name;
  absl::string_view airport;
  int postal_digits;  // 0: the country has no postal codes
};

absl::Span<const City> OriginCities();       // CN, HK, TR, US, GB, VN, IN
absl::Span<const City> DestinationCities();  // EU member states
absl::Span<const absl::string_view> FirstNames();
absl::Span<const absl::string_view> LastNames();
absl::Span<const absl::string_view> StreetNames();
absl::Span<const absl::string_view> StreetTypes();  // "Road", "Strasse", …
absl::Span<const absl::string_view> CompanyWords();  // "Bright", "Harbour", …
absl::Span<const absl::string_view> Industries();    // "Electronics", "Garment", …
absl::Span<const absl::string_view> LegalForms();    // "Co., Ltd.", "GmbH", …
absl::Span<const absl::string_view> Platforms();
absl::Span<const absl::string_view> TermNouns();  // what a watchlisted term sits in

// A goods line a honest shipper would write, and its HS heading.
struct Product {
  absl::string_view description;  // "men's cotton t-shirt, short sleeve"
  absl::string_view hs_code;
  int min_eur;
  int max_eur;
  double kg;  // per unit
};
absl::Span<const Product> Products();

// Descriptions that are too vague (ICS2 stop words): incomplete parcels.
absl::Span<const absl::string_view> VagueDescriptions();

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_VOCABULARY_H_
