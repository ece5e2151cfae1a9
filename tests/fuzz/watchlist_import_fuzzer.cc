// Watchlist file import (--seed_watchlist): JSONL → WatchlistEntry →
// EntryFromProto → FindEntryViolation (server::ParseWatchlistJsonl), then
// WatchlistIndex::Upsert and Match of parcels that carry the entries' own
// values in every field they are compared with, then Delete.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_common.h"

namespace {

placi::core::Consignment ParcelWith(const std::vector<placi::core::WatchlistEntry>& entries) {
  placi::core::Consignment parcel;
  parcel.request_id = "fuzz";
  parcel.house_waybill = "FUZZ-1";
  for (const placi::core::WatchlistEntry& e : entries) {
    using placi::core::EntryKind;
    switch (e.kind) {
      case EntryKind::kPartyName:
        parcel.consignee.name = e.value;
        break;
      case EntryKind::kAddress:
        parcel.consignor.address.street = e.value;
        break;
      case EntryKind::kPhone:
        parcel.consignee.phone = e.value;
        break;
      case EntryKind::kEmail:
        parcel.consignor.email = e.value;
        break;
      case EntryKind::kTaxId:
        parcel.consignor.tax_id = e.value;
        break;
      case EntryKind::kSellerId:
        parcel.ecommerce.seller_id = e.value;
        break;
      case EntryKind::kBrandTerm:
      case EntryKind::kDescriptionTerm: {
        placi::core::GoodsItem item;
        item.description = e.value;
        parcel.items.push_back(item);
        break;
      }
    }
  }
  return parcel;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<placi::core::WatchlistEntry>> entries =
      placi::server::ParseWatchlistJsonl(text, "fuzz.jsonl");
  if (!entries.ok()) {
    PLACI_FUZZ_CHECK(entries.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  placi::core::WatchlistIndex index;
  index.Upsert(*entries, 1);
  std::vector<placi::core::WatchlistHit> hits;
  index.Match(ParcelWith(*entries), &hits);
  for (const placi::core::WatchlistHit& hit : hits) PLACI_FUZZ_CHECK(!hit.entry.id.empty());
  // The whole pipeline once, on the index as the import left it.
  placi::fuzz::ScreenLikeTheServer(ParcelWith(*entries), placi::fuzz::DefaultConfig(), index);
  std::vector<std::string> ids;
  for (const placi::core::WatchlistEntry& e : *entries) ids.push_back(e.id);
  index.Delete(ids, 2);
  PLACI_FUZZ_CHECK(index.size() == 0);
  return 0;
}
