// One watchlist entry: a value to look for in parcels, and what a hit asks
// for. Plain data; RocksDB layout lives in storage/, wire form in proto/.
#ifndef PLACI_CORE_WATCHLIST_ENTRY_H_
#define PLACI_CORE_WATCHLIST_ENTRY_H_

#include <string>

#include "core/verdict.h"

namespace placi::core {

enum class EntryKind {
  kPartyName,        // consignor, consignee or seller name
  kAddress,          // consignor or consignee address
  kPhone,
  kEmail,
  kTaxId,
  kSellerId,         // e-commerce seller id
  kBrandTerm,        // found inside goods descriptions and listing text
  kDescriptionTerm,  // found inside goods descriptions and listing text
};

struct WatchlistEntry {
  std::string id;
  EntryKind kind = EntryKind::kPartyName;
  std::string value;
  Referral referral = Referral::kNone;  // kNone: a hit only adds points
  int points = 0;                       // 0..100
  std::string source;
  std::string note;
};

}  // namespace placi::core

#endif  // PLACI_CORE_WATCHLIST_ENTRY_H_
