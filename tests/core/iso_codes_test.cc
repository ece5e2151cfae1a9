#include "core/iso_codes.h"

#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(IsoCodesTest, CountryCodesAreAssignedAlpha2Codes) {
  for (const char* code : {"DE", "cn", "Hk", "US", "AE", "XK"}) {
    EXPECT_TRUE(IsIsoCountryCode(code)) << code;
  }
  for (const char* code : {"", "C", "CHN", "China", "X1", "XX", "ZZ", "AA", "QM", "EU", "1A"}) {
    EXPECT_FALSE(IsIsoCountryCode(code)) << code;
  }
}

TEST(IsoCodesTest, Alpha3CodesGiveTheirAlpha2Code) {
  EXPECT_EQ(CountryAlpha2OfAlpha3("CHN"), "CN");
  EXPECT_EQ(CountryAlpha2OfAlpha3("usa"), "US");
  EXPECT_EQ(CountryAlpha2OfAlpha3("Deu"), "DE");
  EXPECT_EQ(CountryAlpha2OfAlpha3("GBR"), "GB");
  EXPECT_EQ(CountryAlpha2OfAlpha3("ABW"), "AW");  // the table's first
  EXPECT_EQ(CountryAlpha2OfAlpha3("ZWE"), "ZW");  // and last
  EXPECT_EQ(CountryAlpha2OfAlpha3("XKX"), "XK");
  for (const char* code : {"", "CN", "ABC", "AAA", "ZZZ", "UK ", "CHNA", "EUR", "C1N", "GB"}) {
    EXPECT_EQ(CountryAlpha2OfAlpha3(code), "") << code;
  }
}

// The table is generated from Debian's iso-codes; when the package is
// installed, every pair it lists must be there, and nothing else but XKX.
TEST(IsoCodesTest, Alpha3TableIsIsoCodesList) {
  std::ifstream in("/usr/share/iso-codes/json/iso_3166-1.json");
  if (!in) GTEST_SKIP() << "iso-codes is not installed";
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::regex entry(R"re(\{[^{}]*"alpha_2": "([A-Z]{2})",[^{}]*"alpha_3": "([A-Z]{3})")re");
  int pairs = 0;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), entry);
       it != std::sregex_iterator(); ++it, ++pairs) {
    const std::string alpha2 = (*it)[1];
    const std::string alpha3 = (*it)[2];
    EXPECT_EQ(CountryAlpha2OfAlpha3(alpha3), alpha2) << alpha3;
    EXPECT_TRUE(IsIsoCountryCode(alpha2)) << alpha2;
  }
  EXPECT_EQ(pairs, 249);  // iso-codes 4.15; a new release may add some
}

TEST(IsoCodesTest, CurrencyCodesAreCirculatingIso4217Currencies) {
  for (const char* code : {"EUR", "usd", "CNY", "ZAR", "XOF", "XCG", "ZWG"}) {
    EXPECT_TRUE(IsIsoCurrencyCode(code)) << code;
  }
  for (const char* code : {"", "EU", "EURO", "ABC", "XXX", "XTS", "XAU", "HRK", "E1R"}) {
    EXPECT_FALSE(IsIsoCurrencyCode(code)) << code;
  }
}

}  // namespace
}  // namespace placi::core
