#include "core/code_spellings.h"

#include <string>

#include "core/iso_codes.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

std::string Country(std::string code) {
  CanonicalizeCountryCode(&code);
  return code;
}

std::string Hs(std::string code) {
  CanonicalizeHsCode(&code);
  return code;
}

// Black-box review, session 14, L5: " CN" and "UK" were RFI holds.
TEST(CodeSpellingsTest, CountryCodesLoseSpacesAndCaseAndReservedCodesMeanTheirCountry) {
  EXPECT_EQ(Country(" CN"), "CN");
  EXPECT_EQ(Country("cn\t"), "CN");
  EXPECT_EQ(Country("Cn"), "CN");
  EXPECT_EQ(Country("UK"), "GB");
  EXPECT_EQ(Country(" uk "), "GB");
  EXPECT_EQ(Country("EL"), "GR");
  EXPECT_TRUE(IsIsoCountryCode(Country(" uk")));
  // Not two letters: left as written, for INVALID_COUNTRY_CODE to quote.
  EXPECT_EQ(Country("China"), "China");
  EXPECT_EQ(Country(" C1"), " C1");
  EXPECT_EQ(Country(""), "");
  // Other codes that are no country stay what they are.
  EXPECT_EQ(Country("xx"), "XX");
  EXPECT_FALSE(IsIsoCountryCode(Country("xx")));
}

// Review, session 16: "CHN", "USA" were RFI holds (INVALID_COUNTRY_CODE);
// carriers' systems often send ISO 3166-1 alpha-3.
TEST(CodeSpellingsTest, Alpha3CountryCodesAreReadAsTheirAlpha2Code) {
  EXPECT_EQ(Country("CHN"), "CN");
  EXPECT_EQ(Country("USA"), "US");
  EXPECT_EQ(Country("DEU"), "DE");
  EXPECT_EQ(Country("gbr"), "GB");
  EXPECT_EQ(Country(" Hkg\t"), "HK");
  EXPECT_EQ(Country("GRC"), "GR");
  EXPECT_TRUE(IsIsoCountryCode(Country("chn")));
  // Three letters that are no alpha-3 code stay as written, and no country.
  EXPECT_EQ(Country("ABC"), "ABC");
  EXPECT_EQ(Country(" abc "), " abc ");
  EXPECT_FALSE(IsIsoCountryCode(Country("ABC")));
  EXPECT_EQ(Country("C1N"), "C1N");
  EXPECT_EQ(Country("CHINA"), "CHINA");
}

// What the rules file reads its country codes with: the parcel's reading,
// and none for what names no country.
TEST(CodeSpellingsTest, IsoCountryCodeOfReadsAsParcelsAreAndRefusesNonCountries) {
  EXPECT_EQ(IsoCountryCodeOf("CN"), "CN");
  EXPECT_EQ(IsoCountryCodeOf("CHN"), "CN");
  EXPECT_EQ(IsoCountryCodeOf("usa"), "US");
  EXPECT_EQ(IsoCountryCodeOf(" uk "), "GB");
  EXPECT_EQ(IsoCountryCodeOf("EL"), "GR");
  EXPECT_EQ(IsoCountryCodeOf("xkx"), "XK");
  EXPECT_EQ(IsoCountryCodeOf("XX"), std::nullopt);
  EXPECT_EQ(IsoCountryCodeOf("ABC"), std::nullopt);
  EXPECT_EQ(IsoCountryCodeOf("China"), std::nullopt);
  EXPECT_EQ(IsoCountryCodeOf(""), std::nullopt);
}

TEST(CodeSpellingsTest, HsCodesInFullWidthDigitsAreReadAsAscii) {
  EXPECT_EQ(Hs("\xEF\xBC\x96\xEF\xBC\x94\xEF\xBC\x90\xEF\xBC\x93\xEF\xBC\x99\xEF\xBC\x99"),
            "640399");  // ６４０３９９
  EXPECT_EQ(
      Hs("\xEF\xBC\x96\xEF\xBC\x94\xEF\xBC\x90\xEF\xBC\x93\xEF\xBC\x8E\xEF\xBC\x99\xEF\xBC\x99"),
      "6403.99");  // ６４０３．９９
  EXPECT_EQ(
      Hs("\xEF\xBC\x96\xEF\xBC\x94\xEF\xBC\x90\xEF\xBC\x93\xEF\xBC\x8D\xEF\xBC\x99\xEF\xBC\x99"),
      "6403-99");  // ６４０３－９９: a full-width hyphen-minus
  EXPECT_EQ(Hs(std::string("6403\xE3\x80\x80") + "99"), "6403 99");  // an ideographic space
  EXPECT_EQ(Hs(" 6403-99 "), "6403-99");
  EXPECT_EQ(Hs("640399"), "640399");
  // Other text is kept as it is, for INVALID_HS_CODE to quote.
  EXPECT_EQ(Hs("shoes"), "shoes");
  EXPECT_EQ(Hs("\xEF\xBC\xA1"), "\xEF\xBC\xA1");  // Ａ
}

// One reading of an HS code's digits for the goods rules and the held
// consignment's headings (they were two copies).
TEST(CodeSpellingsTest, HsCodeDigitsDropEverythingButTheDigits) {
  EXPECT_EQ(HsCodeDigits("640399"), "640399");
  EXPECT_EQ(HsCodeDigits("6403.99.10"), "64039910");
  EXPECT_EQ(HsCodeDigits("6403 99-10"), "64039910");
  EXPECT_EQ(HsCodeDigits("HS 6403"), "6403");  // fewer than 6: the callers judge the count
  EXPECT_EQ(HsCodeDigits("123456789012"), "123456789012");
  EXPECT_EQ(HsCodeDigits("shoes"), "");
  EXPECT_EQ(HsCodeDigits(""), "");
  // Full-width digits are CanonicalizeHsCode's to read; left alone they are no digits.
  EXPECT_EQ(HsCodeDigits("\xEF\xBC\x96\xEF\xBC\x94"), "");
  EXPECT_EQ(HsCodeDigits(Hs("\xEF\xBC\x96\xEF\xBC\x94")), "64");
}

}  // namespace
}  // namespace placi::core
