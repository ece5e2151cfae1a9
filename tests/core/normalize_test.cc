#include "core/normalize.h"

#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(FoldTextTest, FoldsCaseSpacingPunctuationAndDiacritics) {
  EXPECT_EQ(FoldText("  Müller-Lüdenscheidt   GmbH "), "muller ludenscheidt gmbh");
  EXPECT_EQ(FoldText("ÉCOLE   d'Été"), "ecole d ete");
  EXPECT_EQ(FoldText("Straße"), "strasse");
  EXPECT_EQ(FoldText("İstanbul Ticaret"), "istanbul ticaret");
  EXPECT_EQ(FoldText("---"), "");
  EXPECT_EQ(FoldText(""), "");
}

TEST(FoldTextTest, TransliteratesOtherScriptsToLatin) {
  EXPECT_EQ(FoldText("深圳 贸易"), "shen zhen mao yi");
  EXPECT_EQ(FoldText("ΑΘΗΝΑ"), "athena");
  EXPECT_EQ(FoldText("Иван Петров"), "ivan petrov");
  EXPECT_EQ(FoldText("Søren Ærø"), "soren aero");
}

TEST(NameKeyTest, IgnoresOrderCaseAndLegalForms) {
  EXPECT_EQ(NameKey("SHENZHEN Fast Trading Co., Ltd."), "fast shenzhen trading");
  EXPECT_EQ(NameKey("fast trading shenzhen"), NameKey("Shenzhen Fast Trading Limited"));
  EXPECT_EQ(NameKey("Doe, John"), NameKey("john doe"));
  EXPECT_NE(NameKey("John Doe"), NameKey("John Doerr"));
}

TEST(NameKeyTest, KeepsLegalFormsWhenNothingElseIsLeft) {
  EXPECT_EQ(NameKey("Co. Ltd."), "co ltd");
}

TEST(AddressKeyTest, StructuredAndOneLineAddressesMeet) {
  Address structured{"Flat 12, 8 Nathan Rd", "Kowloon", "", "HK"};
  EXPECT_EQ(AddressKey(structured), AddressKey(std::string_view("8 Nathan Road, Flat 12, Kowloon, HK")));
  EXPECT_EQ(AddressKey(structured), AddressKey(std::string_view("flat 12 8 nathan road kowloon")));
  EXPECT_EQ(AddressKey(structured), AddressKey(std::string_view("8 Nathan Road Flat 12, Kowloon, Hong Kong")));
  EXPECT_NE(AddressKey(structured), AddressKey(std::string_view("9 Nathan Road, Flat 12, Kowloon")));
}

TEST(PhoneKeyTest, KeepsDigitsAndDropsInternationalPrefix) {
  EXPECT_EQ(PhoneKey("+86 (755) 1234-5678"), "8675512345678");
  EXPECT_EQ(PhoneKey("0086 755 1234 5678"), "8675512345678");
  EXPECT_EQ(PhoneKey("n/a"), "");
}

TEST(EmailAndIdKeyTest, Fold) {
  EXPECT_EQ(EmailKey("  Sales@Fast-Trade.CN "), "sales@fast-trade.cn");
  EXPECT_EQ(IdKey("de-1234 5678"), "DE12345678");
}

}  // namespace
}  // namespace placi::core
