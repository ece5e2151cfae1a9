// Placeholder party names and addresses, and spelling variants of one
// address or name that must give one key.
#include <string>
#include <vector>

#include "core/data_checks.h"
#include "core/normalize.h"
#include "core/placeholder_words.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/data_check_reasons.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::placi::testing::DataReasons;
using ::placi::testing::IsDataReason;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

TEST(PlaceholderTest, PlaceholderNamesNameNobody) {
  // review25: "123" and "12-345" (fewer than 2 letters) are missing names
  // now (data_checks_test.cc, ANameWithFewerThanTwoLettersIsMissing).
  for (const char* name : {"unkown", "Unknwon", "Unknown Customer",
                           "неизвестно", "未知", "Private Customer", "N/A", "Reciever",
                           "Unbekannt", "same as above"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.name = name;
    EXPECT_THAT(DataReasons(parcel), ElementsAre(IsDataReason("UNACCEPTABLE_PARTY_NAME", "consignee.name")))
        << name;
  }
}

TEST(PlaceholderTest, RealNamesPass) {
  for (const char* name : {"Anna Unger", "7-Eleven Japan", "Customer Care Logistics GmbH",
                           "Nadia Test-Bauer", "Private Label Cosmetics Ltd", "李娜",
                           "Иван Петров", "Unity Knowles"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.name = name;
    EXPECT_THAT(DataReasons(parcel), IsEmpty()) << name;
  }
}

// The placeholder words are the rules' (ScreeningConfig::
// unacceptable_party_names, typo_tolerant_party_words), not the code's: a
// word added there names nobody, alone, with other placeholders, one typo
// off when it is typo-tolerant, and as a street; a word taken out names
// somebody again.
TEST(PlaceholderTest, TheRulesListsArePlaceholderWords) {
  ScreeningConfig config = ScreeningConfig::Default();
  config.unacceptable_party_names.insert("nemo");
  config.typo_tolerant_party_words.insert("niemand");
  config.unacceptable_party_names.erase("client");
  config.unacceptable_party_names.insert("ask the driver");  // a phrase: the set, not the words
  const auto reasons = [&](const Consignment& parcel) {
    std::vector<Reason> out;
    CheckData(parcel, config, &out);
    return out;
  };
  for (const char* name :
       {"Nemo", "NEMO Unknown", "Niemand", "Nimand", "Customer Nemo", "Ask the Driver"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.name = name;
    EXPECT_THAT(reasons(parcel),
                ElementsAre(IsDataReason("UNACCEPTABLE_PARTY_NAME", "consignee.name")))
        << name;
  }
  for (const char* name : {"Client", "Nemos", "Nemo Fischer", "Ask", "Driver"}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.name = name;
    EXPECT_THAT(reasons(parcel), IsEmpty()) << name;
  }
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.address.city = "nemo";
  EXPECT_THAT(reasons(parcel),
              ElementsAre(IsDataReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.city")));
  parcel.consignee.address.city = "Ask the driver";
  EXPECT_THAT(reasons(parcel),
              ElementsAre(IsDataReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.city")));
  // The default rules are unchanged by the copy's changes.
  parcel = placi::testing::CleanParcel();
  parcel.consignee.name = "Client";
  EXPECT_THAT(DataReasons(parcel),
              ElementsAre(IsDataReason("UNACCEPTABLE_PARTY_NAME", "consignee.name")));
}

// Every word one edit from a typo-tolerant word (past its first two
// letters, which the first test looks at) is a placeholder word: a letter
// left out, added, changed or swapped with its neighbour. Two edits are not.
TEST(PlaceholderTest, EveryWordOneEditFromATypoWordIsAPlaceholder) {
  const absl::flat_hash_set<std::string> typo_words = {"unknown", "receiver", "anonymous",
                                                       "desconocido"};
  const PlaceholderWords words({}, typo_words);
  for (const std::string& typo_word : typo_words) {
    EXPECT_TRUE(words.IsPlaceholderToken(typo_word));
    for (size_t i = 2; i < typo_word.size(); ++i) {
      std::string left_out = typo_word, added = typo_word, changed = typo_word;
      left_out.erase(i, 1);
      added.insert(i, 1, 'q');
      changed[i] = 'q';
      for (const std::string& slip : {left_out, added, changed}) {
        EXPECT_TRUE(words.IsPlaceholderToken(slip)) << slip;
      }
      if (i + 1 < typo_word.size()) {
        std::string swapped = typo_word;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_TRUE(words.IsPlaceholderToken(swapped)) << swapped;
        std::string twice = changed;
        twice[i + 1] = 'q';
        if (twice[i + 1] != typo_word[i + 1]) {
          EXPECT_FALSE(words.IsPlaceholderToken(twice)) << twice;
        }
      }
    }
  }
  EXPECT_FALSE(words.IsPlaceholderToken("unknownqq"));
  EXPECT_FALSE(words.IsPlaceholderToken("unkno"));
}

TEST(PlaceholderTest, PlaceholderAddressPartsAreIncomplete) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.address.street = "unknown";
  parcel.consignee.address.city = "n/a";
  EXPECT_THAT(DataReasons(parcel),
              UnorderedElementsAre(
                  IsDataReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.street"),
                  IsDataReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.city")));
  parcel = placi::testing::CleanParcel();
  parcel.consignor.address.street = "-";
  parcel.consignor.address.city = "-";
  EXPECT_THAT(DataReasons(parcel),
              UnorderedElementsAre(
                  IsDataReason("INCOMPLETE_CONSIGNOR_ADDRESS", "consignor.address.street"),
                  IsDataReason("INCOMPLETE_CONSIGNOR_ADDRESS", "consignor.address.city")));
  parcel = placi::testing::CleanParcel();
  parcel.consignee.address.street = "Unkown";
  parcel.consignee.address.city = "None";
  parcel.consignee.address.postal_code = "--";
  parcel.consignee.address.country_code = "";
  EXPECT_THAT(DataReasons(parcel), ElementsAre(IsDataReason("MISSING_CONSIGNEE_ADDRESS", "consignee.address")));
}

TEST(PlaceholderTest, RealAddressesPass) {
  for (const auto& [street, city] : std::vector<std::pair<const char*, const char*>>{
           {"Unter den Linden 5", "Berlin"}, {"1 Nil Street", "Cairo"}, {"Na Příkopě 12", "Praha"},
           {"5", "Vaduz"}, {"Testweg 1", "Unterhaching"}}) {
    Consignment parcel = placi::testing::CleanParcel();
    parcel.consignee.address.street = street;
    parcel.consignee.address.city = city;
    EXPECT_THAT(DataReasons(parcel), IsEmpty()) << street << ", " << city;
  }
}

Address At(std::string street, std::string city = "Neuss", std::string postal_code = "41460") {
  return Address{std::move(street), std::move(city), std::move(postal_code), "DE"};
}

TEST(AddressVariantsTest, StreetKindsWrittenShortOrLongMeet) {
  const std::string goethe = AddressKey(At("Goethestrasse 5"));
  for (const char* street : {"Goethestr. 5", "Goethestraße 5", "Goethe Str. 5", "Goethe-Strasse 5",
                             "GOETHESTR 5", "Göthestraße 5"}) {
    EXPECT_EQ(AddressKey(At(street)), goethe) << street;
  }
  EXPECT_EQ(AddressKey(At("Kerkstraat 12")), AddressKey(At("Kerkstr. 12")));
  EXPECT_EQ(AddressKey(At("Marktplatz 3")), AddressKey(At("Marktpl. 3")));
  EXPECT_EQ(AddressKey(At("Markt Platz 3")), AddressKey(At("Marktplatz 3")));
  EXPECT_EQ(AddressKey(At("Avenida de Mayo 1370", "Buenos Aires", "1085")),
            AddressKey(At("Av. de Mayo 1370", "Buenos Aires", "1085")));
  EXPECT_EQ(AddressKey(At("Avda. de Mayo 1370", "Buenos Aires", "1085")),
            AddressKey(At("Avenida de Mayo 1370", "Buenos Aires", "1085")));
  EXPECT_EQ(AddressKey(At("C/ Mayor 5", "Madrid", "28013")),
            AddressKey(At("Calle Mayor 5", "Madrid", "28013")));
  EXPECT_EQ(AddressKey(At("R. de Rivoli 10", "Paris", "75001")),
            AddressKey(At("Rue de Rivoli 10", "Paris", "75001")));
  EXPECT_EQ(AddressKey(At("12 Bd Haussmann", "Paris", "75009")),
            AddressKey(At("12 Boulevard Haussmann", "Paris", "75009")));
  // Different streets stay apart.
  EXPECT_NE(goethe, AddressKey(At("Goethestrasse 7")));
  EXPECT_NE(goethe, AddressKey(At("Schillerstrasse 5")));
  EXPECT_NE(AddressKey(At("Flat C, 5 Main Road")), AddressKey(At("Calle 5 Main Road")));
}

TEST(AddressVariantsTest, UmlautsWrittenOutMeet) {
  EXPECT_EQ(AddressKey(At("Müllerstraße 3", "Düsseldorf")),
            AddressKey(At("Muellerstrasse 3", "Duesseldorf")));
  EXPECT_EQ(AddressKey(At("Müllerstraße 3", "Düsseldorf")),
            AddressKey(At("Mullerstrasse 3", "Dusseldorf")));
  EXPECT_EQ(NameKey("Jürgen Müller"), NameKey("Juergen Mueller"));
  EXPECT_EQ(NameKey("Jürgen Müller"), NameKey("JURGEN MULLER"));
  EXPECT_EQ(NameKey("Schröder Bäckerei GmbH"), NameKey("Schroeder Baeckerei"));
  EXPECT_EQ(GluedNameKey("Jürgen Müller"), GluedNameKey("Juergen Mueller"));
  // Word ends stay: "Joe" is not "Jo", "Rue" not "Ru".
  EXPECT_NE(NameKey("Joe Blue"), NameKey("Jo Blu"));
}

TEST(AddressVariantsTest, FloorsAndUnitsAreNotPartOfTheDoor) {
  const std::string lager = AddressKey(std::string_view("Lagerstrasse 17, Neuss, 41460, DE"));
  for (const char* street : {"Lagerstr. 17", "Lagerstrasse 17, 2nd floor", "Lagerstraße 17, 3. Etage",
                             "Lagerstr. 17, 2. Stock", "Lagerstrasse 17, Apt 4", "Lagerstrasse 17 1. OG",
                             "Lagerstrasse 17, Floor 2", "Lagerstrasse 17, Whg. 5"}) {
    EXPECT_EQ(AddressKey(At(street)), lager) << street;
  }
}

// Black-box review, session 13, M3: postcodes and house numbers written
// with or without their space, and a country prefix on the postcode.
TEST(AddressVariantsTest, PostcodeAndHouseNumberSpacingAndCountryPrefixesMeet) {
  const std::string london = AddressKey(At("221B Baker Street", "London", "NW1 6XE"));
  EXPECT_EQ(AddressKey(At("221 B Baker Street", "London", "NW16XE")), london);
  EXPECT_EQ(AddressKey(At("221b Baker St", "London", "nw1 6xe")), london);
  EXPECT_EQ(AddressKey("221B Baker Street, London NW16XE, GB"), london);
  EXPECT_EQ(AddressKey("221 B Baker Street, NW1 6XE London, UK"), london);
  EXPECT_EQ(AddressKey(At("1 Downing St", "London", "SW1A2AA")),
            AddressKey(At("1 Downing St", "London", "SW1A 2AA")));
  EXPECT_EQ(AddressKey(At("Damrak 1", "Amsterdam", "1012 AB")),
            AddressKey(At("Damrak 1", "Amsterdam", "1012AB")));
  EXPECT_EQ(AddressKey(At("Damrak 1", "Amsterdam", "NL-1012 AB")),
            AddressKey(At("Damrak 1", "Amsterdam", "1012AB")));
  const std::string neuss = AddressKey(At("Lagerstrasse 17"));
  EXPECT_EQ(AddressKey(At("Lagerstrasse 17", "Neuss", "D-41460")), neuss);
  EXPECT_EQ(AddressKey("Lagerstrasse 17, 41460 Neuss, DE"), neuss);
  // Other doors stay apart.
  EXPECT_NE(AddressKey(At("221C Baker Street", "London", "NW1 6XE")), london);
  EXPECT_NE(AddressKey(At("Lagerstrasse 17", "Neuss", "41461")), neuss);
}

}  // namespace
}  // namespace placi::core
