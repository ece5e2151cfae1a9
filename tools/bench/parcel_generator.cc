// Synthetic parcels and manifests; see parcel_generator.h.
#include "tools/bench/parcel_generator.h"

#include <cmath>
#include <iterator>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "tools/jsonl.h"

namespace placi::bench {
namespace {

enum Stream : uint64_t {
  kKindStream = 11,
  kParcelStream,
  kShipperStream,
  kConsigneeStream,
  kSellerStream,
  kAimStream
};

// 2026-12-01T08:30:00Z: the departures of the demo manifest.
constexpr int64_t kDepartureSeconds = 1796113800;

// A postal code of `digits` digits (none when 0).
std::string PostalCode(Rng* rng, int digits) {
  if (digits == 0) return "";
  const int64_t low = static_cast<int64_t>(std::pow(10, digits - 1));
  return absl::StrCat(rng->Between(low, low * 10 - 1));
}

// A skewed pick in [0, n): a few members are drawn often (busy shippers,
// big sellers), most rarely.
uint64_t Skewed(Rng* rng, uint64_t n) {
  const double u = (rng->Next() >> 11) * 0x1.0p-53;
  return static_cast<uint64_t>(static_cast<double>(n) * u * u) % n;
}

void FillShipper(uint64_t s, uint64_t seed, pb::Party* party, const City** origin) {
  Rng rng(seed, kShipperStream, s);
  const City& city = rng.Pick(OriginCities());
  *origin = &city;
  party->set_name(absl::StrCat(city.name, " ", rng.Pick(CompanyWords()), " ",
                               rng.Pick(CompanyWords()), " ", rng.Pick(Industries()), " ",
                               rng.Pick(LegalForms())));
  pb::Address* a = party->mutable_address();
  // The ASCII street names (the first 40) for origins outside the EU.
  a->set_street(absl::StrCat(rng.Between(1, 999), " ", rng.Pick(StreetNames().subspan(0, 40)), " ",
                             rng.Pick(StreetTypes()), ", Building ", rng.Between(1, 30)));
  a->set_city(std::string(city.name));
  a->set_postal_code(PostalCode(&rng, city.postal_digits));
  a->set_country_code(std::string(city.country_code));
  party->set_phone(absl::StrFormat("+86 %d %04d %04d", static_cast<int>(rng.Between(10, 999)),
                                   static_cast<int>(rng.Below(10000)),
                                   static_cast<int>(s % 10000)));
  party->set_email(absl::StrCat("export", s, "@shipper", s % 997, ".example.com"));
  if (rng.Chance(0.8)) party->set_tax_id(absl::StrFormat("91440300MB%08d", s));
  party->set_account_id(absl::StrCat("ACC-", city.country_code, "-", 10000 + s));
}

void FillConsignee(uint64_t c, uint64_t seed, pb::Party* party, const City** destination) {
  Rng rng(seed, kConsigneeStream, c);
  const City& city = rng.Pick(DestinationCities());
  *destination = &city;
  const absl::string_view first = rng.Pick(FirstNames());
  const absl::string_view last = rng.Pick(LastNames());
  party->set_name(absl::StrCat(first, " ", last));
  pb::Address* a = party->mutable_address();
  a->set_street(absl::StrCat(rng.Pick(StreetNames()), " ", rng.Pick(StreetTypes()), " ",
                             rng.Between(1, 200)));
  a->set_city(std::string(city.name));
  a->set_postal_code(PostalCode(&rng, city.postal_digits));
  a->set_country_code(std::string(city.country_code));
  if (rng.Chance(0.9)) {
    party->set_phone(absl::StrFormat("+49 15%d %04d %04d", static_cast<int>(rng.Below(10)),
                                     static_cast<int>(c / 10000 % 10000),
                                     static_cast<int>(c % 10000)));
  }
  if (rng.Chance(0.8)) {
    // Mailbox names are ASCII: diacritics, spaces and apostrophes dropped.
    std::string local;
    for (char ch : absl::StrCat(first, ".", last, c)) {
      if (static_cast<unsigned char>(ch) < 0x80 && ch != ' ' && ch != '\'') local.push_back(ch);
    }
    party->set_email(absl::AsciiStrToLower(absl::StrCat(local, "@example.eu")));
  }
}

// Parcels go out in consolidations of 200 under one master waybill.
std::string MasterWaybill(uint64_t i) {
  return absl::StrFormat("784-%08d", static_cast<int>(i / 200 % 100000000));
}

std::string OrderId(uint64_t i) { return absl::StrCat("ORD-", 50'000'000 + i); }

// The buyer a renewed parcel n gets: a uniform draw from the population,
// from a stream of its own (index ~n, which no buyer's own stream uses).
uint64_t ConsigneeOf(uint64_t seed, uint64_t i, uint64_t consignees) {
  Rng rng(seed, kConsigneeStream, ~i);
  return rng.Below(consignees);
}

}  // namespace

ParcelGenerator::ParcelGenerator(Options options)
    : options_(options), watchlist_(options.watchlist_entries, options.seed) {}

pb::Party ParcelGenerator::Shipper(uint64_t s) const {
  pb::Party party;
  const City* origin = nullptr;
  FillShipper(s, options_.seed, &party, &origin);
  return party;
}

ParcelGenerator::Kind ParcelGenerator::KindOf(uint64_t i) const {
  Rng rng(options_.seed, kKindStream, i);
  const double u = (rng.Next() >> 11) * 0x1.0p-53;
  if (u < options_.incomplete_fraction) return Kind::kIncomplete;
  if (options_.watchlist_entries > 0 &&
      u < options_.incomplete_fraction + options_.watchlisted_fraction) {
    return Kind::kWatchlisted;
  }
  return Kind::kClean;
}

pb::Consignment ParcelGenerator::Parcel(uint64_t i) const {
  Rng rng(options_.seed, kParcelStream, i);
  pb::Consignment p;
  p.set_request_id(absl::StrCat("bench-", i));
  p.set_carrier_id(rng.Chance(0.7) ? "BENCH-EXPRESS" : "BENCH-POST");
  p.set_house_waybill(absl::StrCat("BW", i));
  p.set_master_waybill(MasterWaybill(i));

  const City* origin = nullptr;
  const City* destination = nullptr;
  const uint64_t shipper = Skewed(&rng, options_.shippers);
  FillShipper(shipper, options_.seed, p.mutable_consignor(), &origin);
  // Buyers repeat, but rarely on one day: uniform over a large population.
  FillConsignee(rng.Below(options_.consignees), options_.seed, p.mutable_consignee(),
                &destination);

  // Goods: mostly one line, sometimes a few.
  const uint64_t roll = rng.Below(100);
  const int lines = roll < 75 ? 1 : roll < 93 ? 2 : static_cast<int>(rng.Between(3, 5));
  double kg = 0;
  uint32_t pieces = 0;
  for (int n = 0; n < lines; ++n) {
    const Product& product = rng.Pick(Products());
    pb::GoodsItem* item = p.add_items();
    item->set_description(std::string(product.description));
    item->set_hs_code(std::string(product.hs_code));
    const uint32_t quantity = static_cast<uint32_t>(rng.Between(1, 4));
    item->set_quantity(quantity);
    pb::Money* value = item->mutable_declared_value();
    value->set_currency_code(rng.Chance(0.8) ? "EUR" : "USD");
    value->set_units(rng.Between(product.min_eur, product.max_eur) * quantity);
    value->set_nanos(static_cast<int32_t>(rng.Below(100)) * 10'000'000);
    kg += product.kg * quantity;
    pieces += 1;
  }
  p.set_pieces(rng.Chance(0.8) ? 1 : pieces);
  p.set_gross_weight_kg(std::round((kg * 1.1 + 0.05) * 100) / 100);

  pb::Route* route = p.mutable_route();
  route->set_origin_country_code(std::string(origin->country_code));
  route->set_origin_airport(std::string(origin->airport));
  route->set_destination_airport(std::string(destination->airport));
  if (origin->country_code != "TR" && rng.Chance(0.3)) route->add_transit_country_codes("TR");
  route->set_flight_number(absl::StrFormat("CZ%04d", static_cast<int>(rng.Between(100, 9999))));
  route->mutable_scheduled_departure()->set_seconds(kDepartureSeconds +
                                                   static_cast<int64_t>(i / 200 % 30) * 86400);

  if (rng.Chance(0.6)) {
    pb::Ecommerce* e = p.mutable_ecommerce();
    const uint64_t seller = Skewed(&rng, options_.sellers);
    Rng seller_rng(options_.seed, kSellerStream, seller);
    e->set_platform(std::string(seller_rng.Pick(Platforms())));
    e->set_seller_id(absl::StrFormat("SLR-%08d", static_cast<int>(seller)));
    e->set_seller_name(absl::StrCat(seller_rng.Pick(CompanyWords()), " ",
                                    seller_rng.Pick(CompanyWords()), " Store"));
    const std::string slug = absl::StrReplaceAll(
        absl::AsciiStrToLower(p.items(0).description().substr(0, 40)), {{" ", "-"}, {",", ""}});
    e->set_listing_url(absl::StrCat("https://shop.example.com/item/", 1'000'000 + i % 9'000'000,
                                    "/", slug));
    e->set_order_id(OrderId(i));
  }
  if (rng.Chance(0.05)) p.set_postal_category(pb::POSTAL_CATEGORY_SALE_OF_GOODS);

  switch (KindOf(i)) {
    case Kind::kClean:
      break;
    case Kind::kWatchlisted: {
      Rng aim(options_.seed, kAimStream, i);
      AimAtWatchlist(&aim, &p);
      break;
    }
    case Kind::kIncomplete: {
      Rng aim(options_.seed, kAimStream, i);
      MakeIncomplete(&aim, &p);
      break;
    }
  }
  return p;
}

void ParcelGenerator::Renew(uint64_t i, uint64_t n, pb::Consignment* parcel) const {
  if (n == i) return;
  parcel->set_master_waybill(MasterWaybill(n));
  if (parcel->has_ecommerce()) parcel->mutable_ecommerce()->set_order_id(OrderId(n));
  if (KindOf(i) != Kind::kClean) return;
  const City* destination = nullptr;
  parcel->clear_consignee();
  FillConsignee(ConsigneeOf(options_.seed, n, options_.consignees), options_.seed,
                parcel->mutable_consignee(), &destination);
  parcel->mutable_route()->set_destination_airport(std::string(destination->airport));
}

void ParcelGenerator::AimAtWatchlist(Rng* rng, pb::Consignment* p) const {
  // The kinds in proportion to how often each is hit in practice: names and
  // contacts most, then brands.
  static constexpr pb::EntryKind kKinds[] = {
      pb::ENTRY_KIND_PARTY_NAME, pb::ENTRY_KIND_PARTY_NAME, pb::ENTRY_KIND_PARTY_NAME,
      pb::ENTRY_KIND_ADDRESS,    pb::ENTRY_KIND_PHONE,      pb::ENTRY_KIND_EMAIL,
      pb::ENTRY_KIND_TAX_ID,     pb::ENTRY_KIND_SELLER_ID,  pb::ENTRY_KIND_BRAND_TERM,
      pb::ENTRY_KIND_BRAND_TERM, pb::ENTRY_KIND_DESCRIPTION_TERM};
  pb::EntryKind kind = kKinds[rng->Below(std::size(kKinds))];
  if (watchlist_.CountOf(kind) == 0) kind = pb::ENTRY_KIND_PARTY_NAME;
  if (watchlist_.CountOf(kind) == 0) return;
  const uint64_t k = rng->Below(watchlist_.CountOf(kind));
  const std::string value = watchlist_.ValueOf(kind, k);
  switch (kind) {
    case pb::ENTRY_KIND_PARTY_NAME:
      (watchlist_.IsPersonName(k) ? p->mutable_consignee() : p->mutable_consignor())
          ->set_name(value);
      break;
    case pb::ENTRY_KIND_ADDRESS: {
      const AddressParts parts = watchlist_.AddressOf(k);
      pb::Address* a = p->mutable_consignee()->mutable_address();
      a->set_street(parts.street);
      a->set_city(parts.city);
      a->set_postal_code(parts.postal_code);
      a->set_country_code(parts.country_code);
      break;
    }
    case pb::ENTRY_KIND_PHONE:
      p->mutable_consignor()->set_phone(value);
      break;
    case pb::ENTRY_KIND_EMAIL:
      p->mutable_consignor()->set_email(value);
      break;
    case pb::ENTRY_KIND_TAX_ID:
      p->mutable_consignor()->set_tax_id(value);
      break;
    case pb::ENTRY_KIND_SELLER_ID:
      p->mutable_ecommerce()->set_seller_id(value);
      break;
    case pb::ENTRY_KIND_BRAND_TERM: {
      // Sometimes spelled out to slip past a filter ("K a r o z e n v o").
      std::string brand = value;
      if (rng->Chance(0.2)) {
        brand.clear();
        for (char c : value) {
          if (c == ' ') continue;
          if (!brand.empty()) brand.push_back(' ');
          brand.push_back(c);
        }
      }
      p->mutable_items(0)->set_description(absl::StrCat(brand, " ", p->items(0).description()));
      break;
    }
    case pb::ENTRY_KIND_DESCRIPTION_TERM:
      p->mutable_items(0)->set_description(
          absl::StrCat(p->items(0).description(), ", contains ", value));
      break;
    default:
      break;
  }
}

void ParcelGenerator::MakeIncomplete(Rng* rng, pb::Consignment* p) const {
  switch (rng->Below(4)) {
    case 0:
      p->mutable_consignee()->clear_address();
      break;
    case 1:
      p->mutable_items(0)->set_description(std::string(rng->Pick(VagueDescriptions())));
      break;
    case 2:
      p->set_gross_weight_kg(0);
      break;
    default:
      p->mutable_consignee()->mutable_address()->clear_city();
      p->mutable_consignor()->clear_name();
      break;
  }
}

absl::StatusOr<std::vector<pb::Consignment>> ReadManifest(const std::string& path) {
  tools::JsonLineReader reader;
  std::string error;
  if (!reader.Open(path, &error)) return absl::NotFoundError(error);
  std::vector<pb::Consignment> parcels;
  std::string line;
  while (reader.Next(&line)) {
    pb::Consignment parcel;
    if (!tools::ParseJsonLine(line, &parcel, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", reader.line_number(), ": ", error));
    }
    parcels.push_back(std::move(parcel));
  }
  if (reader.failed()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  if (parcels.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " holds no parcels"));
  return parcels;
}

}  // namespace placi::bench
