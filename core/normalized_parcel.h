// The normalised forms of one parcel's values (normalize.h), computed once
// at the top of Screener::Judge and read by every rule: the data checks,
// the goods indicators, the watchlist match and the patterns across parcels
// would otherwise fold the same names and addresses three times over.
//
//   const NormalizedParcel normalized = NormalizeParcel(parcel);
//   CheckData(parcel, normalized, config, now, &reasons);
//   index.Match(parcel, normalized, &hits);
#ifndef PLACI_CORE_NORMALIZED_PARCEL_H_
#define PLACI_CORE_NORMALIZED_PARCEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/consignment.h"
#include "core/normalize.h"

namespace placi::core {

struct NormalizedParty {
  std::string folded_name;  // FoldText(name)
  std::string name_key;     // NameKey(name)
  std::string glued_name;   // GluedNameKey(name)
  std::string address_key;  // AddressKey(address)
  std::string phone_key;    // PhoneKey(phone, address.country_code)
  std::string email_key;    // EmailKey(email)
  std::string tax_id_key;   // TaxIdKey(tax_id)
  // Nonzero when these forms came from the memo of parties seen lately
  // (recent_parties.h): the party came at least twice before. It names the
  // party's bytes as the memo filed them (one id, one party, for the life of
  // the process), so that the watchlist match can find what such a party's
  // lookups found before by a number rather than by its keys
  // (recent_party_hits.h).
  uint64_t memo_id = 0;
  bool seen_lately() const { return memo_id != 0; }
};

struct NormalizedParcel {
  NormalizedParty consignor;
  NormalizedParty consignee;
  // The flats, units and floors that the consignee's address_key leaves
  // out: the household aggregation of the pattern rules tells the doors of
  // one building apart by them (pattern_rules.h).
  AddressUnits consignee_units;
  std::string seller_id_key;      // IdKey(ecommerce.seller_id)
  std::string seller_name_key;    // NameKey(ecommerce.seller_name)
  std::string seller_glued_name;  // GluedNameKey(ecommerce.seller_name)
  // FoldDescription of each item's description (FoldText, with Chinese
  // brand names read as Latin ones), in item order.
  std::vector<std::string> folded_descriptions;
  // For each item, 1 when its description has "@", "$", "!", "*", "|" or
  // "€" (told by FoldDescriptionInto): the goods rules read those few again
  // with the signs as letters (disguised brands, "Ch@nel"), and the
  // Screener looks that reading up in the watchlist's brands.
  std::vector<uint8_t> has_sign_for_a_letter;
  // For each item, the first item whose description is the same bytes (the
  // item itself when none before it is). The rules that read a description's
  // words (its goods categories, its watchlist terms) read each text once a
  // parcel: a manifest of 999 lines of one 4 KB description cost 999 times
  // one line (0.7 s) when each line was read again (review bb2 M12).
  std::vector<uint32_t> first_same_description;
};

NormalizedParcel NormalizeParcel(const Consignment& parcel);
// The same over *out, reusing the room of its strings (Screener::Judge keeps
// one per thread: a parcel's keys then cost no allocation).
void NormalizeParcel(const Consignment& parcel, NormalizedParcel* out);

}  // namespace placi::core

#endif  // PLACI_CORE_NORMALIZED_PARCEL_H_
