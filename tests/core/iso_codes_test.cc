#include "core/iso_codes.h"

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
