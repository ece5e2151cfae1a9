// Domain structs for one parcel's pre-loading advance cargo information
// (PLACI 7+1 plus ICS2/ACAS additions). Plain data: no gRPC, no protobuf.
// server/ converts placi.screening.v1.Consignment into these.
//
//   placi::core::Consignment c;
//   c.house_waybill = "HAWB123";
//   c.consignee.name = "Jane Doe";
#ifndef PLACI_CORE_CONSIGNMENT_H_
#define PLACI_CORE_CONSIGNMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace placi::core {

// CN22/CN23 category of a postal item.
enum class PostalCategory {
  kUnspecified,
  kGift,
  kCommercialSample,
  kDocuments,
  kReturnedGoods,
  kSaleOfGoods,
  kOther,
};

struct Address {
  std::string street;
  std::string city;
  std::string postal_code;
  std::string country_code;  // ISO 3166-1 alpha-2
};

struct Party {
  std::string name;
  Address address;
  std::string phone;
  std::string email;
  std::string tax_id;
  std::string account_id;
};

// google.type.Money semantics: units + nanos / 1e9 of currency_code.
struct Money {
  std::string currency_code;
  int64_t units = 0;
  int32_t nanos = 0;
};

struct GoodsItem {
  std::string description;
  std::string hs_code;
  uint32_t quantity = 0;
  Money declared_value;
};

struct Route {
  std::string origin_country_code;
  std::string origin_airport;
  std::string destination_airport;
  std::vector<std::string> transit_country_codes;
  std::string flight_number;
  absl::Time scheduled_departure = absl::InfinitePast();  // InfinitePast: unknown
};

struct Ecommerce {
  std::string platform;
  std::string seller_id;
  std::string seller_name;
  std::string listing_url;
  std::string order_id;
};

struct Consignment {
  std::string request_id;
  std::string carrier_id;
  std::string house_waybill;
  std::string master_waybill;
  Party consignor;
  Party consignee;
  uint32_t pieces = 0;
  double gross_weight_kg = 0;
  std::vector<GoodsItem> items;
  Route route;
  Ecommerce ecommerce;
  PostalCategory postal_category = PostalCategory::kUnspecified;
};

}  // namespace placi::core

#endif  // PLACI_CORE_CONSIGNMENT_H_
