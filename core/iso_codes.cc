// ISO code tables. See iso_codes.h.
#include "core/iso_codes.h"

#include <bitset>
#include <cstddef>
#include <optional>

namespace placi::core {
namespace {

// ISO 3166-1 alpha-2 as Debian's iso-codes 4.15 lists it, plus XK.
constexpr std::string_view kCountryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS XK YE YT ZA ZM ZW ";

// ISO 4217 list one as iso-codes 4.15 has it, brought to 2026-11-30: XCG
// (Caribbean guilder, 2025) and ZWG (Zimbabwe gold, 2024) added; ANG, BGN
// (Bulgaria in the euro since 2026-01-01), CUC, HRK, SLL and ZWL withdrawn;
// the codes that are no circulating currency left out (iso_codes.h).
constexpr std::string_view kCurrencyCodes =
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
    "GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS "
    "KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR "
    "MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD "
    "RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP "
    "TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW "
    "ZWG ";

// A code of `length` letters as a number in base 26, or none when it is not
// that many ASCII letters.
std::optional<size_t> LetterIndex(std::string_view code, size_t length) {
  if (code.size() != length) return std::nullopt;
  size_t index = 0;
  for (char c : code) {
    const unsigned letter = static_cast<unsigned>((static_cast<unsigned char>(c) | 0x20) - 'a');
    if (letter >= 26) return std::nullopt;
    index = index * 26 + letter;
  }
  return index;
}

// Every code of `table` (codes of `length` letters, one space after each)
// as a bit: one test a lookup, on every parcel's addresses and route.
template <size_t kBits>
std::bitset<kBits> BitsOf(std::string_view table, size_t length) {
  std::bitset<kBits> bits;
  for (size_t at = 0; at + length <= table.size(); at += length + 1) {
    bits.set(*LetterIndex(table.substr(at, length), length));
  }
  return bits;
}

}  // namespace

bool IsIsoCountryCode(std::string_view code) {
  static const std::bitset<26 * 26> kCountries = BitsOf<26 * 26>(kCountryCodes, 2);
  const std::optional<size_t> index = LetterIndex(code, 2);
  return index && kCountries.test(*index);
}

bool IsIsoCurrencyCode(std::string_view code) {
  static const std::bitset<26 * 26 * 26> kCurrencies =
      BitsOf<26 * 26 * 26>(kCurrencyCodes, 3);
  const std::optional<size_t> index = LetterIndex(code, 3);
  return index && kCurrencies.test(*index);
}

}  // namespace placi::core
