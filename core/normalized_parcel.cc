// One pass of normalisation per parcel. See normalized_parcel.h.
#include "core/normalized_parcel.h"

#include "core/normalize.h"

namespace placi::core {
namespace {

void NormalizeParty(const Party& party, NormalizedParty* out) {
  NameForms name = NameFormsOf(party.name);
  out->folded_name = std::move(name.folded);
  out->name_key = std::move(name.key);
  out->glued_name = std::move(name.glued);
  out->address_key = AddressKey(party.address);
  out->phone_key = PhoneKey(party.phone, party.address.country_code);
  out->email_key = EmailKey(party.email);
  out->tax_id_key = IdKey(party.tax_id);
}

}  // namespace

NormalizedParcel NormalizeParcel(const Consignment& parcel) {
  NormalizedParcel out;
  NormalizeParty(parcel.consignor, &out.consignor);
  NormalizeParty(parcel.consignee, &out.consignee);
  out.seller_id_key = IdKey(parcel.ecommerce.seller_id);
  NameForms seller = NameFormsOf(parcel.ecommerce.seller_name);
  out.seller_name_key = std::move(seller.key);
  out.seller_glued_name = std::move(seller.glued);
  out.folded_descriptions.reserve(parcel.items.size());
  for (const GoodsItem& item : parcel.items) {
    out.folded_descriptions.push_back(FoldText(item.description));
  }
  return out;
}

}  // namespace placi::core
