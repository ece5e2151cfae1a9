// Whether a code is a real ISO 3166-1 alpha-2 country or ISO 4217 currency
// code, not merely two or three letters: "ABC" is no currency and "C1",
// "XX" no country, and a rule that keys on them (rates, origins) would skip
// them silently.
//
//   IsIsoCountryCode("de");        // true: letters are compared in upper case
//   IsIsoCurrencyCode("ABC");      // false
//   CountryAlpha2OfAlpha3("chn");  // "CN"
#ifndef PLACI_CORE_ISO_CODES_H_
#define PLACI_CORE_ISO_CODES_H_

#include <string_view>

namespace placi::core {

// An assigned ISO 3166-1 alpha-2 code (iso-codes 4.15), or XK (Kosovo, a
// user-assigned code that EU customs and carriers use). Other user-assigned
// codes (AA, QM–QZ, XA–XZ, ZZ) name no country. Case-insensitive.
bool IsIsoCountryCode(std::string_view code);

// The alpha-2 code of an assigned ISO 3166-1 alpha-3 code ("CHN" is "CN",
// "GBR" "GB"; iso-codes 4.15, plus XKX for XK, the EU's pair for Kosovo), or
// an empty view when `code` is no such code ("ABC", "CN", "China").
// Case-insensitive. The view points into a static table.
std::string_view CountryAlpha2OfAlpha3(std::string_view code);

// An ISO 4217 code of a currency in circulation on 2026-11-30. Funds codes
// (BOV, CHE, USN, …), precious metals, bond units, XDR, XSU, XUA and the
// codes for testing and "no currency" (XTS, XXX) are left out: goods are not
// paid for in them. Case-insensitive.
bool IsIsoCurrencyCode(std::string_view code);

}  // namespace placi::core

#endif  // PLACI_CORE_ISO_CODES_H_
