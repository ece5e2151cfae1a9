// Synthetic watchlists; see watchlist_generator.h.
#include "tools/bench/watchlist_generator.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/bench/vocabulary.h"

namespace placi::bench {
namespace {

// The mix: kind and its share of every 100 consecutive entries.
struct Share {
  pb::EntryKind kind;
  int share;
};
constexpr Share kMix[] = {
    {pb::ENTRY_KIND_PARTY_NAME, 40}, {pb::ENTRY_KIND_ADDRESS, 15},
    {pb::ENTRY_KIND_PHONE, 10},      {pb::ENTRY_KIND_EMAIL, 10},
    {pb::ENTRY_KIND_TAX_ID, 10},     {pb::ENTRY_KIND_SELLER_ID, 5},
    {pb::ENTRY_KIND_BRAND_TERM, 5},  {pb::ENTRY_KIND_DESCRIPTION_TERM, 5},
};

// Where a kind's share starts within each 100, and its share; {0, 0} for a
// kind that is not generated.
std::pair<int, int> SlotOf(pb::EntryKind kind) {
  int start = 0;
  for (const Share& s : kMix) {
    if (s.kind == kind) return {start, s.share};
    start += s.share;
  }
  return {0, 0};
}

absl::string_view KindTag(pb::EntryKind kind) {
  switch (kind) {
    case pb::ENTRY_KIND_PARTY_NAME: return "name";
    case pb::ENTRY_KIND_ADDRESS: return "addr";
    case pb::ENTRY_KIND_PHONE: return "phone";
    case pb::ENTRY_KIND_EMAIL: return "email";
    case pb::ENTRY_KIND_TAX_ID: return "tax";
    case pb::ENTRY_KIND_SELLER_ID: return "seller";
    case pb::ENTRY_KIND_BRAND_TERM: return "brand";
    case pb::ENTRY_KIND_DESCRIPTION_TERM: return "term";
    default: return "other";
  }
}

// Random streams, one per purpose, so that values do not shift when another
// purpose draws more numbers.
enum Stream : uint64_t { kValueStream = 1, kMetaStream = 2 };

constexpr absl::string_view kEmailDomains[] = {"mail.example.com", "trade.example.cn",
                                              "post.example.net", "export.example.hk",
                                              "shop.example.tr"};

}  // namespace

uint64_t WatchlistGenerator::CountOf(pb::EntryKind kind) const {
  const auto [start, share] = SlotOf(kind);
  const uint64_t rest = entries_ % 100;
  return entries_ / 100 * share +
         static_cast<uint64_t>(std::clamp<int64_t>(static_cast<int64_t>(rest) - start, 0, share));
}

bool WatchlistGenerator::IsPersonName(uint64_t k) const {
  return Rng(seed_, kValueStream * 16 + pb::ENTRY_KIND_PARTY_NAME, k).Chance(0.3);
}

AddressParts WatchlistGenerator::AddressOf(uint64_t k) const {
  Rng rng(seed_, kValueStream * 16 + pb::ENTRY_KIND_ADDRESS, k);
  // Half the addresses are in the origin countries (warehouses, shippers),
  // half in the EU (reshippers, drop addresses).
  const City& city = rng.Chance(0.5) ? rng.Pick(OriginCities()) : rng.Pick(DestinationCities());
  AddressParts a;
  // The made-up word makes the address unique (k is its number).
  a.street = absl::StrCat(rng.Between(1, 300), " ", PseudoWord(k), " ", rng.Pick(StreetTypes()));
  if (rng.Chance(0.3)) a.street = absl::StrCat("Unit ", rng.Between(1, 40), ", ", a.street);
  a.city = std::string(city.name);
  if (city.postal_digits > 0) {
    a.postal_code = absl::StrFormat("%0*d", city.postal_digits,
                                    static_cast<int>(rng.Below(90000) + 10000));
  }
  a.country_code = std::string(city.country_code);
  return a;
}

std::string WatchlistGenerator::ValueOf(pb::EntryKind kind, uint64_t k) const {
  Rng rng(seed_, kValueStream * 16 + kind, k);
  switch (kind) {
    case pb::ENTRY_KIND_PARTY_NAME: {
      if (rng.Chance(0.3)) {  // a person (same draw as IsPersonName)
        return absl::StrCat(rng.Pick(FirstNames()), " ", PseudoWord(k));
      }
      const City& city = rng.Pick(OriginCities());
      return absl::StrCat(city.name, " ", PseudoWord(k), " ", rng.Pick(Industries()), " ",
                          rng.Pick(LegalForms()));
    }
    case pb::ENTRY_KIND_ADDRESS: {
      const AddressParts a = AddressOf(k);
      return absl::StrCat(a.street, ", ", a.city, a.postal_code.empty() ? "" : ", ",
                          a.postal_code, ", ", a.country_code);
    }
    case pb::ENTRY_KIND_PHONE: {
      // Country code, then k in the subscriber number: unique per k.
      static constexpr absl::string_view kCountry[] = {"86", "852", "90", "1", "44", "84", "91",
                                                      "971"};
      return absl::StrFormat("+%s %03d %04d %04d", kCountry[rng.Below(std::size(kCountry))],
                             static_cast<int>(100 + rng.Below(900)),
                             static_cast<int>(k / 10000 % 10000), static_cast<int>(k % 10000));
    }
    case pb::ENTRY_KIND_EMAIL:
      return absl::StrCat(absl::AsciiStrToLower(PseudoWord(k)), ".", rng.Below(100), "@",
                          kEmailDomains[rng.Below(std::size(kEmailDomains))]);
    case pb::ENTRY_KIND_TAX_ID:
      // Chinese unified social credit codes and EU EORI numbers.
      if (rng.Chance(0.6)) return absl::StrFormat("9144%04dMA%08d", static_cast<int>(rng.Below(10000)), k);
      return absl::StrFormat("%s%012d", rng.Chance(0.5) ? "DE" : "NL", k);
    case pb::ENTRY_KIND_SELLER_ID:
      return absl::StrFormat("SLRW-%09d", k);
    case pb::ENTRY_KIND_BRAND_TERM:
      // One made-up brand word, a tenth of them two words ("Karozen Sport").
      if (rng.Chance(0.1)) return absl::StrCat(PseudoWord(k), " ", rng.Pick(CompanyWords()));
      return PseudoWord(k);
    case pb::ENTRY_KIND_DESCRIPTION_TERM:
      // A made-up substance or product and what it comes as ("Vobelti powder").
      return absl::StrCat(absl::AsciiStrToLower(PseudoWord(k + 1'500'000)), " ",
                          rng.Pick(TermNouns()));
    default:
      return "";
  }
}

pb::WatchlistEntry WatchlistGenerator::Entry(uint64_t i) const {
  // Which kind, and the how-many-th of its kind, entry i is.
  const int slot = static_cast<int>(i % 100);
  pb::EntryKind kind = pb::ENTRY_KIND_PARTY_NAME;
  int start = 0, share = 0;
  for (const Share& s : kMix) {
    if (slot < start + s.share) {
      kind = s.kind;
      share = s.share;
      break;
    }
    start += s.share;
  }
  const uint64_t k = i / 100 * share + static_cast<uint64_t>(slot - start);

  Rng meta(seed_, kMetaStream * 16 + kind, k);
  pb::WatchlistEntry entry;
  entry.set_id(absl::StrCat("bw-", KindTag(kind), "-", k));
  entry.set_kind(kind);
  entry.set_value(ValueOf(kind, k));
  // Most hits ask for a referral; a few only add points.
  const uint64_t r = meta.Below(100);
  if (kind == pb::ENTRY_KIND_BRAND_TERM) {
    entry.set_referral(pb::REFERRAL_IPR_EXAMINATION);
  } else if (r < 5) {
    entry.set_referral(pb::REFERRAL_DO_NOT_LOAD);
  } else if (r < 20) {
    entry.set_referral(pb::REFERRAL_REQUEST_FOR_SCREENING);
  } else if (r < 75) {
    entry.set_referral(pb::REFERRAL_IPR_EXAMINATION);
  } else {
    entry.set_referral(pb::REFERRAL_NONE);
  }
  entry.set_points(static_cast<int32_t>(meta.Between(2, 10) * 10));
  static constexpr absl::string_view kSources[] = {"EUIPO AFA 2026-11", "OLAF alert 2026-42",
                                                  "national risk profile", "ICS2 CRMS",
                                                  "carrier own list"};
  entry.set_source(std::string(kSources[meta.Below(std::size(kSources))]));
  if (meta.Chance(0.5)) {
    entry.set_note(absl::StrCat("Synthetic benchmark entry ", k, "; seen in ",
                                meta.Between(2, 40), " seizures"));
  }
  return entry;
}

}  // namespace placi::bench
