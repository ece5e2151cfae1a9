// One pass of normalisation per parcel. See normalized_parcel.h.
#include "core/normalized_parcel.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/normalize.h"
#include "core/recent_name_forms.h"
#include "core/recent_parties.h"

namespace placi::core {
namespace {

// `units` (may be null) gets the units the address key leaves out, read in
// the same pass.
void NormalizeParty(const Party& party, NormalizedParty* out, AddressUnits* units) {
  NameFormsInto(party.name, &out->folded_name, &out->name_key, &out->glued_name);
  AddressKeyAndUnitsInto(party.address, &out->address_key, units);
  PhoneKeyInto(party.phone, party.address.country_code, &out->phone_key);
  EmailKeyInto(party.email, &out->email_key);
  TaxIdKeyInto(party.tax_id, &out->tax_id_key);
}

void NormalizeParty(const Party& party, NormalizedParty* out) {
  NormalizeParty(party, out, nullptr);
}

// (*first)[i]: the first item whose description is item i's. A few items
// are compared pairwise (most parcels have one: no hashing on the hot
// path); more go through a map, so that 999 distinct 4 KB descriptions of
// one length are not compared with each other (0.5 M comparisons).
void FindRepeatedDescriptions(const std::vector<GoodsItem>& items, std::vector<uint32_t>* first) {
  constexpr size_t kComparedPairwise = 8;
  first->resize(items.size());
  if (items.size() <= kComparedPairwise) {
    for (size_t i = 0; i < items.size(); ++i) {
      size_t j = 0;
      while (j < i && items[j].description != items[i].description) ++j;
      (*first)[i] = static_cast<uint32_t>(j);
    }
    return;
  }
  absl::flat_hash_map<absl::string_view, uint32_t> seen;
  seen.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& text = items[i].description;
    (*first)[i] =
        seen.try_emplace(absl::string_view(text.data(), text.size()), static_cast<uint32_t>(i))
            .first->second;
  }
}

}  // namespace

NormalizedParcel NormalizeParcel(const Consignment& parcel) {
  NormalizedParcel out;
  NormalizeParcel(parcel, &out);
  return out;
}

void NormalizeParcel(const Consignment& parcel, NormalizedParcel* out) {
  // The shipper from this thread's memo when it came lately (most parcels
  // come from a few shippers). The consignee is normalised every time:
  // buyers rarely repeat, but their names do ("Maria Schneider" at many
  // addresses), and filing them took the memo's room from the shippers
  // (BM_ScreenCore 5.9 µs with both parties looked up, 5.1 with the
  // shipper alone, 5.9 with neither).
  //
  // The memo's lookup waits on cache misses one after another (its slot,
  // the name's bytes, the record): they are requested first, and the
  // consignee and the seller normalised while they arrive.
  RecentParties& recent = RecentParties::ForThisThread();
  recent.PrefetchSlot(parcel.consignor);
  NormalizeParty(parcel.consignee, &out->consignee, &out->consignee_units);
  recent.PrefetchRecord(parcel.consignor);
  IdKeyInto(parcel.ecommerce.seller_id, &out->seller_id_key);
  RecentNameForms::ForThisThread().KeysOf(parcel.ecommerce.seller_name, &out->seller_name_key,
                                          &out->seller_glued_name);
  recent.FormsOf(parcel.consignor, &out->consignor, NormalizeParty);
  // Strings of earlier parcels' items keep their room.
  out->folded_descriptions.resize(parcel.items.size());
  out->has_sign_for_a_letter.resize(parcel.items.size());
  FindRepeatedDescriptions(parcel.items, &out->first_same_description);
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    const uint32_t first = out->first_same_description[i];
    if (first == i) {
      bool signs;
      FoldDescriptionInto(parcel.items[i].description, &out->folded_descriptions[i], &signs);
      out->has_sign_for_a_letter[i] = signs;
    } else {
      out->folded_descriptions[i] = out->folded_descriptions[first];
      out->has_sign_for_a_letter[i] = out->has_sign_for_a_letter[first];
    }
  }
}

}  // namespace placi::core
