// Parcels for tests: one complete, clean parcel to start from.
#ifndef PLACI_TESTS_TEST_UTIL_PARCELS_H_
#define PLACI_TESTS_TEST_UTIL_PARCELS_H_

#include <cstdint>
#include <string>
#include <utility>

#include "core/consignment.h"

namespace placi::testing {

inline core::Consignment CleanParcel(std::string house_waybill = "HAWB-CLEAN-1") {
  core::Consignment c;
  c.request_id = "req-" + house_waybill;
  c.carrier_id = "carrier-a";
  c.house_waybill = std::move(house_waybill);
  c.consignor.name = "Hangzhou Bright Ceramics Co., Ltd.";
  c.consignor.address = {"88 Wenyi West Road", "Hangzhou", "310012", "CN"};
  c.consignor.phone = "+86 571 8888 0000";
  c.consignee.name = "Maria Schneider";
  c.consignee.address = {"Lindenstrasse 5", "Koeln", "50674", "DE"};
  c.consignee.email = "maria.schneider@example.de";
  c.pieces = 1;
  c.gross_weight_kg = 1.2;
  core::GoodsItem mug;
  mug.description = "glazed ceramic coffee mugs, 350 ml, set of 4";
  mug.hs_code = "691200";
  mug.quantity = 4;
  mug.declared_value = {"EUR", 24, 0};
  c.items.push_back(mug);
  c.route.origin_country_code = "CN";
  c.route.origin_airport = "HGH";
  c.route.destination_airport = "CGN";
  return c;
}

// CleanParcel with its one item described `description` under HS code
// `hs`: `quantity` units declared at `unit_value` each in `currency`, the
// parcel weighing `weight_kg`. What the goods rules' tests vary.
inline core::Consignment OneItem(std::string description, std::string hs, int64_t unit_value,
                                 double weight_kg = 0.5, uint32_t quantity = 1,
                                 std::string currency = "EUR") {
  core::Consignment parcel = CleanParcel();
  parcel.items[0].description = std::move(description);
  parcel.items[0].hs_code = std::move(hs);
  parcel.items[0].quantity = quantity;
  parcel.items[0].declared_value = {std::move(currency), unit_value * quantity, 0};
  parcel.gross_weight_kg = weight_kg;
  return parcel;
}

}  // namespace placi::testing

#endif  // PLACI_TESTS_TEST_UTIL_PARCELS_H_
