// One pass of normalisation per parcel. See normalized_parcel.h.
#include "core/normalized_parcel.h"

#include <string>

#include "core/normalize.h"
#include "core/recent_parties.h"

namespace placi::core {
namespace {

void NormalizeParty(const Party& party, NormalizedParty* out) {
  NameFormsInto(party.name, &out->folded_name, &out->name_key, &out->glued_name);
  AddressKeyInto(party.address, &out->address_key);
  PhoneKeyInto(party.phone, party.address.country_code, &out->phone_key);
  EmailKeyInto(party.email, &out->email_key);
  IdKeyInto(party.tax_id, &out->tax_id_key);
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
  RecentParties::ForThisThread().FormsOf(parcel.consignor, &out->consignor, NormalizeParty);
  NormalizeParty(parcel.consignee, &out->consignee);
  IdKeyInto(parcel.ecommerce.seller_id, &out->seller_id_key);
  thread_local std::string seller_folded;  // the name forms are read from it
  NameFormsInto(parcel.ecommerce.seller_name, &seller_folded, &out->seller_name_key,
                &out->seller_glued_name);
  // Strings of earlier parcels' items keep their room.
  out->folded_descriptions.resize(parcel.items.size());
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    FoldTextInto(parcel.items[i].description, &out->folded_descriptions[i]);
  }
}

}  // namespace placi::core
