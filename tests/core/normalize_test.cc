#include "core/normalize.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/text_fold.h"

namespace placi::core {
namespace {

TEST(FoldTextTest, FoldsCaseSpacingPunctuationAndDiacritics) {
  EXPECT_EQ(FoldText("  Müller-Lüdenscheidt   GmbH "), "muller ludenscheidt gmbh");
  EXPECT_EQ(FoldText("ÉCOLE   d'Été"), "ecole dete");
  EXPECT_EQ(FoldText("Straße"), "strasse");
  EXPECT_EQ(FoldText("İstanbul Ticaret"), "istanbul ticaret");
  EXPECT_EQ(FoldText("---"), "");
  EXPECT_EQ(FoldText(""), "");
}

// Rules are stored folded and must read back the same once printed: a
// second fold changes nothing, even where ICU's first one left a letter
// that folds further (found by fuzz_rules: U+0345 became "ι").
TEST(FoldTextTest, FoldingTwiceChangesNothing) {
  const std::string inputs[] = {"samels:\x81z\x12\xde\xd2\xcd\x85", "\xcd\x85", "a\xcd\x85" "b",
                                "深圳 贸易", "ΑΘΗΝΑ ῳ ᾳ", "Müller", "\xff\xfe broken",
                                "Иван Петров"};
  for (const std::string& input : inputs) {
    const std::string once = FoldText(input);
    EXPECT_EQ(FoldText(once), once) << input;
  }
  EXPECT_EQ(FoldText("samels:\x81z\x12\xde\xd2\xcd\x85"), FoldText("samels z i"));
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

namespace placi::core {
namespace {

TEST(PhoneKeyTest, NationalFormsCompleteWithTheCountry) {
  const std::string e164 = "8675512345678";
  EXPECT_EQ(PhoneKey("+86 (0)755 1234 5678"), e164);
  EXPECT_EQ(PhoneKey("0755-1234-5678", "CN"), e164);
  EXPECT_EQ(PhoneKey("86 755 1234 5678", "CN"), e164);
  EXPECT_EQ(PhoneKey("138 0000 1234", "CN"), "8613800001234");
  EXPECT_EQ(PhoneKey("(415) 555-0100", "US"), "14155550100");
  EXPECT_EQ(PhoneKey("06 12 34 56 78", "FR"), "33612345678");
  EXPECT_EQ(PhoneKey("06 12 34 56 78", "IT"), "390612345678");
  EXPECT_EQ(PhoneKey("8 495 123 45 67", "RU"), "74951234567");
  EXPECT_EQ(PhoneKey("0755 1234 5678"), "075512345678");  // no country: digits
}

// Review bb5 L1: the trunk 0 written after the calling code ("+44 020 …",
// as forms that pre-fill "+44" get it) is no digit of the number; Italy's
// numbers keep their 0 after +39.
TEST(PhoneKeyTest, ATrunkZeroAfterTheCallingCodeIsDropped) {
  EXPECT_EQ(PhoneKey("+44 020 7946 0958"), "442079460958");
  EXPECT_EQ(PhoneKey("0044 020 7946 0958"), "442079460958");
  EXPECT_EQ(PhoneKey("+49 030 901820"), "4930901820");
  EXPECT_EQ(PhoneKey("+86 0755 1234 5678"), "8675512345678");
  EXPECT_EQ(PhoneKey("+39 06 1234 5678"), "390612345678");
  EXPECT_EQ(PhoneKey("+44 20 7946 0958"), "442079460958");
  EXPECT_EQ(PhoneKey("+1 (415) 555-0100"), "14155550100");
}

TEST(EmailKeyTest, PlusTagsAndGmailDots) {
  EXPECT_EQ(EmailKey(" Sales+EU@Fast-Trade.cn"), "sales@fast-trade.cn");
  EXPECT_EQ(EmailKey("j.o.h.n+x@GMail.com"), "john@gmail.com");
  EXPECT_EQ(EmailKey("j.o.h.n@example.com"), "j.o.h.n@example.com");
  // Rewritten in place: a domain longer than the local part, and Google's
  // other domain, which is longer than the one it becomes.
  EXPECT_EQ(EmailKey("a.b+tag@googlemail.com"), "ab@gmail.com");
  EXPECT_EQ(EmailKey("x+1@a-much-longer-domain-than-the-local-part.example.org"),
            "x@a-much-longer-domain-than-the-local-part.example.org");
  EXPECT_EQ(EmailKey(" J O+x@GMAIL.COM. "), "jo@gmail.com");
}

TEST(AddressKeyTest, TheSameDoorWrittenTwoWays) {
  const std::string door = AddressKey(std::string_view("12/F, 8 Nathan Road, Kowloon"));
  EXPECT_EQ(AddressKey(std::string_view("8 Nathan Rd, 12th Floor, Kowloon")), door);
  EXPECT_EQ(AddressKey(std::string_view("8 Nathan Road, Kowloon")), door);
  EXPECT_EQ(AddressKey(Address{"500 Harbor Pkwy Suite 100", "Wilmington", "19801-1234", "US"}),
            AddressKey(std::string_view("500 Harbor Parkway #100, 19801 Wilmington, US")));
  EXPECT_EQ(AddressKey(std::string_view("500 Harbor Parkway Suite 7, 19801 Wilmington")),
            AddressKey(std::string_view("500 Harbor Parkway Suite 8, 19801 Wilmington")));
  EXPECT_NE(AddressKey(std::string_view("9 Nathan Road, Kowloon")), door);
}

// The readings of the single-pass ASCII folds (normalize.cc folds ASCII
// through byte tables, not by copying the text once per substitution):
// values as the earlier copy-per-step code gave them.
TEST(TermTokensTest, SubstitutionsAndLookAlikeDigits) {
  using Tokens = std::vector<std::string>;
  EXPECT_EQ(TermTokens("N1ke 1:1 R0lex $ale!"),
            (Tokens{"nike", "1", "colon", "1", "rolex", "salei"}));
  EXPECT_EQ(TermTokens("N1ke 1:1 R0lex $ale!", /*one_as_l=*/true),
            (Tokens{"nlke", "1", "colon", "1", "rolex", "salei"}));
  EXPECT_EQ(TermTokens(":colon: 4ever"), (Tokens{"colon", "colon", "colon", "aever"}));
  EXPECT_EQ(TermTokens("Gu\u0441ci N1KE"), (Tokens{"gucci", "nike"}));  // Cyrillic \u0441
}

// The watchlist match folds goods text once and reads its digits twice, in
// place: the same tokens as TermTokens, joined by single spaces.
TEST(TermTokensTest, OneFoldGivesBothReadings) {
  for (const char* text : {"N1ke 1:1 R0lex $ale!", "Gu\u0441ci  N1KE -- 2024", "", "  ", "a1 b1"}) {
    std::string folded;
    FoldTermText(text, &folded);
    for (bool one_as_l : {false, true}) {
      std::string reading = folded;
      ReadDigitsAsLetters(one_as_l, &reading);
      EXPECT_EQ(reading, absl::StrJoin(TermTokens(text, one_as_l), " ")) << text;
    }
  }
}

// ReadDigitsAsLetters looks only at the tokens around digits; reading every
// token whole must give the same text, wherever the digits and spaces fall.
TEST(TermTokensTest, DigitsAreReadAsLettersOnlyInTokensThatMixBoth) {
  const auto every_token = [](bool one_as_l, std::string text) {
    size_t begin = 0;
    while (begin <= text.size()) {
      size_t end = text.find(' ', begin);
      if (end == std::string::npos) end = text.size();
      const std::string_view token(text.data() + begin, end - begin);
      const bool digit = token.find_first_of("0123456789") != std::string_view::npos;
      // ASCII letters only: punctuation and UTF-8 bytes beside digits
      // ("1-2", "2\xc3\xa9") leave the digits as they are.
      const bool letter = std::any_of(token.begin(), token.end(),
                                      [](char c) { return absl::ascii_isalpha(c); });
      for (size_t i = begin; digit && letter && i < end; ++i) {
        const std::string_view from = "013457";
        const std::string_view to = one_as_l ? "oleast" : "oieast";
        if (const size_t k = from.find(text[i]); k != std::string_view::npos) text[i] = to[k];
        if (text[i] == '8') text[i] = 'b';
      }
      begin = end + 1;
    }
    return text;
  };
  EXPECT_EQ(every_token(false, "n1ke 2024 r0lex"), "nike 2024 rolex");  // the reference itself
  uint64_t state = 12345;
  const std::string_view alphabet = "ab1 0 3z84579 -.\xc3\xa9";
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t size = round % 23;
    for (size_t i = 0; i < size; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      text.push_back(alphabet[(state >> 33) % alphabet.size()]);
    }
    for (bool one_as_l : {false, true}) {
      std::string reading = text;
      ReadDigitsAsLetters(one_as_l, &reading);
      ASSERT_EQ(reading, every_token(one_as_l, text)) << "'" << text << "'";
    }
  }
}

TEST(NameKeyTest, DottedLettersAndGluedForms) {
  EXPECT_EQ(NameKey("A.\u015e. Fast Trade"), "fast trade");
  EXPECT_EQ(GluedNameKey("Fast Trade B.V."), "fasttrade");
  EXPECT_EQ(NameKey("Z Y X Trading"), "trading zyx");
  EXPECT_EQ(GluedNameKey("Z Y X Trading"), "zyxtrading");
  EXPECT_EQ(GluedNameKey("Co. Ltd."), "");  // the glued form keeps no legal form
  const NameForms forms = NameFormsOf("Acme Co., Ltd.");
  EXPECT_EQ(forms.folded, "acme co ltd");
  EXPECT_EQ(forms.key, "acme");
  EXPECT_EQ(forms.glued, "acme");
}

TEST(EmailKeyTest, WhitespaceAnywhereAndNoTagBeforeTheLocalPart) {
  EXPECT_EQ(EmailKey(" J. Doe+shop @ GMail.com "), "jdoe@gmail.com");
  EXPECT_EQ(EmailKey("+x@example.com"), "+x@example.com");
  EXPECT_EQ(EmailKey("No-At-Sign"), "no-at-sign");
}

// Every abbreviation of the table is expanded, and a word that merely
// looks like one (same length, not in the table) is kept.
TEST(AddressKeyTest, EveryAbbreviationIsExpanded) {
  const std::pair<const char*, const char*> expansions[] = {
      {"rd", "road"},      {"st", "street"},      {"str", "strasse"},   {"ave", "avenue"},
      {"av", "avenue"},    {"blvd", "boulevard"}, {"bldg", "building"}, {"fl", "floor"},
      {"flr", "floor"},    {"rm", "room"},        {"dr", "drive"},      {"ln", "lane"},
      {"hwy", "highway"},  {"sq", "square"},      {"ct", "court"},      {"pl", "place"},
      {"apt", "apartment"}, {"ste", "suite"},     {"ind", "industrial"}, {"dist", "district"},
      {"pkwy", "parkway"}, {"cres", "crescent"},  {"tce", "terrace"},   {"lvl", "level"},
      {"ctr", "centre"},   {"center", "centre"}};
  for (const auto& [abbreviation, word] : expansions) {
    EXPECT_EQ(AddressKey(absl::StrCat("Karozen ", abbreviation)),
              AddressKey(absl::StrCat("Karozen ", word)))
        << abbreviation;
  }
  EXPECT_EQ(AddressKey("Karozen rx"), "karozen rx");
  EXPECT_EQ(AddressKey("Karozen strx"), "karozen strx");
  EXPECT_EQ(AddressKey("Karozen centex"), "centex karozen");
}

TEST(AddressKeyTest, UnitSignsAndEmptyParts) {
  EXPECT_EQ(AddressKey(std::string_view("#12, 3rd Ave, 10001-2345 New York, USA")),
            "10001 3 avenue new york");
  EXPECT_EQ(AddressKey(std::string_view(" , #, ,")), "");
  EXPECT_EQ(AddressKey(Address{"#", "  K\u00f6ln ", "", "DE"}), "koln");
  EXPECT_EQ(AddressKey(Address{"Flat #7, 21st St", "", " 94105-1234", "US"}),
            AddressKey(std::string_view("Flat #7, 21st St, 94105-1234")));
  EXPECT_EQ(AddressKey(Address{"Flat #7, 21st St", "", " 94105-1234", "US"}), "21 94105 street");
}

// ASCII text folds 16 bytes at a time where it can (FoldBlockOf16): random
// text, long enough for blocks, with upper case, runs of separators at every
// offset, apostrophes, control bytes and a lone byte that is not UTF-8
// (the fold of a text that is not ASCII), folds as ICU folds it.
TEST(FoldTextTest, RandomAsciiTextFoldsAsIcuFoldsIt) {
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
      "          ,.-/'#:@!$&()\t\n\xE9";
  std::mt19937 rng(1919);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = static_cast<int>(rng() % 100);
    for (int i = 0; i < length; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    ASSERT_EQ(FoldText(text), FoldWithIcu(text)) << "[" << text << "]";
  }
}

// The bytes the address and term folds read as words or letters ("#" as
// "unit", "@" as "a", "!" as "i") are read so at every offset of a block.
TEST(FoldTextTest, WordAndLetterBytesAreReadAtEveryOffset) {
  const auto in_leeds = [](std::string street) {
    Address address;
    address.street = std::move(street);
    address.city = "Leeds";
    return address;
  };
  for (int pad = 0; pad < 40; ++pad) {
    const std::string before = std::string(static_cast<size_t>(pad), 'x') + " Long Street ";
    EXPECT_EQ(AddressKey(in_leeds(before + "#12 Tower")),
              AddressKey(in_leeds(before + "Unit 12 Tower")))
        << pad;
    EXPECT_EQ(TermTokens(before + "Repl!ca G@cci bag"), TermTokens(before + "Replica Gacci bag"))
        << pad;
    // A byte that is not ASCII, anywhere, sends the text to the other fold.
    EXPECT_EQ(AddressKey(in_leeds(before + "Große Straße 5")),
              AddressKey(in_leeds(before + "Grosse Strasse 5")))
        << pad;
    // An umlaut written out ("ue"), its two letters in one block or two.
    EXPECT_EQ(AddressKey(in_leeds(before + "Muellerweg 5")),
              AddressKey(in_leeds(before + "Müllerweg 5")))
        << pad;
    EXPECT_EQ(AddressKey(before + "Kaempfer Ring 5 Leeds"), AddressKey(before + "Kämpfer Ring 5 Leeds"))
        << pad;
  }
}

TEST(FoldTextTest, ApostrophesJoinWords) {
  EXPECT_EQ(FoldText("Татьяна"), "tatana");  // one word; the name matcher takes "tatjana"
  EXPECT_EQ(FoldText("O'Brien"), "obrien");
}

// FoldTextInto and NameFormsInto fold accented Latin straight from the
// table and other scripts through FoldText: the same as their namesakes in
// every script, over a buffer holding an earlier, longer result.
TEST(FoldTextTest, IntoFormsGiveWhatTheirNamesakesReturn) {
  const std::string texts[] = {
      "J\u00fcrgen M\u00fcller-L\u00fcdenscheidt GmbH", "\u0218tefan \u021aar\u0103 S.R.L.",
      "\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432",
      "\u6df1\u5733 Trading Co., Ltd.", "O'Brien & S\u00f8n A.\u015e.", "a\u0345b", "", "  ",
      "Ac\u0327me \u00c6r\u00f8 \u0141\u00f3d\u017a"};
  std::string folded = "an earlier name, longer than any of these texts";
  std::string key = folded;
  std::string glued = folded;
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    FoldTextInto(text, &folded);
    EXPECT_EQ(folded, FoldText(text));
    NameFormsInto(text, &folded, &key, &glued);
    EXPECT_EQ(folded, FoldText(text));
    EXPECT_EQ(key, NameKey(text));
    EXPECT_EQ(glued, GluedNameKey(text));
  }
}

// Accented address parts fold as their ASCII spelling does, "#" read as a
// unit sign in either.
TEST(AddressKeyTest, AccentedPartsMeetTheirAsciiSpelling) {
  EXPECT_EQ(
      AddressKey(Address{"K\u00f6nigsallee Stra\u00dfe 12", "D\u00fcsseldorf", "40212", "DE"}),
      AddressKey(Address{"Konigsallee Strasse 12", "Dusseldorf", "40212", "DE"}));
  EXPECT_EQ(AddressKey(Address{"Stra\u00dfe 3 #4", "K\u00f6ln", "", "DE"}), "3 koln strasse");
  const std::string cyrillic = "\u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430 5";
  EXPECT_EQ(AddressKey(Address{cyrillic, "", "", "RU"}),
            AddressKey(Address{FoldText(cyrillic), "", "", "RU"}));
}

// Names and addresses of more words than a word list holds inline (16).
TEST(NameKeyTest, ManyWords) {
  std::vector<std::string> words;
  for (int i = 0; i < 40; ++i) words.push_back(absl::StrCat("w", 39 - i % 20));
  const std::string name = absl::StrJoin(words, " ");
  std::vector<std::string> sorted(words.begin(), words.begin() + 20);
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(NameKey(name), absl::StrJoin(sorted, " "));
  EXPECT_EQ(GluedNameKey(name), absl::StrJoin(words, ""));
  EXPECT_EQ(AddressKey(Address{name, "Rd", "", "GB"}),
            absl::StrCat("road ", absl::StrJoin(sorted, " ")));
}

}  // namespace
}  // namespace placi::core

namespace placi::core {
namespace {

// Black-box review, session 13, M4: labels, extensions and a second number
// around a watchlisted phone.
TEST(PhoneKeyTest, LabelsExtensionsAndASecondNumberAreNotTheNumber) {
  const std::string listed = PhoneKey("+971 4 555 0199");
  ASSERT_EQ(listed, "97145550199");
  EXPECT_EQ(PhoneKey("+971 4 555 0199 ext. 2"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199 x2"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199 #2"), listed);
  EXPECT_EQ(PhoneKey("tel:+97145550199"), listed);
  EXPECT_EQ(PhoneKey("Tel. 04 555 0199", "AE"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199, +971 50 123 4567"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199; 050 123 4567"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199 / +971 50 123 4567"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199 or +971 50 123 4567"), listed);
  // "/" and "-" inside one number stay separators.
  EXPECT_EQ(PhoneKey("0211 / 123-456", "DE"), "49211123456");
}

// Black-box review, session 13, M4: an address written as mail software
// writes it.
TEST(EmailKeyTest, DisplayNamesAndMailtoAreNotTheAddress) {
  const std::string listed = EmailKey("sales@fast-trade.cn");
  EXPECT_EQ(EmailKey("mailto:sales@fast-trade.cn"), listed);
  EXPECT_EQ(EmailKey(" MAILTO:Sales@Fast-Trade.cn?subject=order"), listed);
  EXPECT_EQ(EmailKey("Fast Trade Sales <sales@fast-trade.cn>"), listed);
  EXPECT_EQ(EmailKey("\"Sales, Fast Trade\" <Sales+EU@fast-trade.cn>"), listed);
}

// Black-box review, session 13, M8: titles and suffixes are not the person.
TEST(NameKeyTest, TitlesAndSuffixesAreDropped) {
  const std::string person = NameKey("Oliver Bennett");
  for (const char* written : {"Mr Oliver Bennett", "Mr. Oliver Bennett", "Dr. Oliver Bennett",
                              "Prof. Dr. Oliver Bennett", "Oliver Bennett Jr", "Oliver Bennett Jr.",
                              "Oliver Bennett III", "MR OLIVER BENNETT", "Herr Oliver Bennett"}) {
    EXPECT_EQ(NameKey(written), person) << written;
  }
  EXPECT_EQ(NameKey("Frau Anna Schulz"), NameKey("Anna Schulz"));
  EXPECT_EQ(NameKey("Mme Claire Dubois"), NameKey("Claire Dubois"));
  EXPECT_EQ(NameKey("Mrs Ms Miss Jane Doe"), NameKey("Jane Doe"));
  // Initials stay (see IsNameNoise): "O. Bennett" may be Olivia.
  EXPECT_NE(NameKey("O. Bennett"), person);
  // Joining words: "Import and Export" is "Import & Export".
  EXPECT_EQ(NameKey("Yiwu Golden Bridge Import and Export"),
            NameKey("Yiwu Golden Bridge Import & Export Co., Ltd."));
  // A name made only of such words keeps them.
  EXPECT_EQ(NameKey("Mr"), "mr");
}

// Black-box review, session 14, H1: a phone written in the digits of
// another script, or without its "+" by a party of another country.
// The household aggregation of the pattern rules reads one family name off
// each consignee name: the last word, or the first where the name says so.
TEST(FamilyNameKeyTest, LastWordOrTheOneTheNameSaysComesFirst) {
  const auto family = [](std::string_view name) {
    return FamilyNameKey(name, FoldText(name));
  };
  EXPECT_EQ(family("Marie Dupont"), "dupont");
  EXPECT_EQ(family("J. Dupont"), "dupont");
  EXPECT_EQ(family("MARIE DUPONT"), "dupont");
  EXPECT_EQ(family("Jean-Pierre Dupont"), "dupont");
  EXPECT_EQ(family("Mr John Smith Jr."), "smith");  // titles and suffixes are no names
  EXPECT_EQ(family("Mr and Mrs Smith"), "smith");   // one word beside a title
  EXPECT_EQ(family("DUPONT Marie"), "dupont");      // the capitals name the family
  EXPECT_EQ(family("Dupont, Marie"), "dupont");
  EXPECT_EQ(family("John Smith, Jr."), "smith");  // a comma before a suffix
  EXPECT_EQ(family("Jürgen Müller"), family("Anna Mueller"));
  EXPECT_EQ(family("王伟"), family("王芳"));  // family name first in Chinese script
  EXPECT_NE(family("王伟"), "");
  EXPECT_EQ(family("Maria S."), "");      // an initial is no family name
  EXPECT_EQ(family("Marie"), "");         // nor is one word alone
  EXPECT_EQ(family("Dupont SARL"), "");   // a company has none
  EXPECT_EQ(family("Lucky Star Trading Co., Ltd."), "");
  EXPECT_EQ(family(""), "");
}

TEST(PhoneKeyTest, DigitsOfOtherScriptsAreDigits) {
  const std::string listed = PhoneKey("+971 4 555 0199");
  EXPECT_EQ(PhoneKey("＋９７１ ４ ５５５ ０１９９", "AE"), listed);
  EXPECT_EQ(PhoneKey("+٩٧١ ٤ ٥٥٥ ٠١٩٩", "AE"), listed);
  EXPECT_EQ(PhoneKey("+۹۷۱ ۴ ۵۵۵ ۰۱۹۹", "AE"), listed);
  EXPECT_EQ(PhoneKey("（０４）５５５－０１９９", "AE"), listed);
  EXPECT_EQ(PhoneKey("+971 4 555 0199 分机 2", "AE"), listed);  // a word ends it still
}

TEST(PhoneKeyTest, AsWrittenIsTheNumberWithoutTheCountrysCode) {
  EXPECT_EQ(PhoneKey("971 4 555 0199", "CN"), "8697145550199");
  EXPECT_EQ(PhoneKeyAsWritten("971 4 555 0199"), PhoneKey("+971 4 555 0199"));
  EXPECT_EQ(PhoneKeyAsWritten("00971 4 555 0199"), PhoneKey("+971 4 555 0199"));
  EXPECT_EQ(PhoneKeyAsWritten("04 555 0199"), "");  // a trunk prefix: national
  EXPECT_EQ(PhoneKeyAsWritten("555 0199"), "");     // too short to be international
}

// Black-box review, session 14, M2: the units the key leaves out.
TEST(AddressUnitsTest, UnitsAndFloorsByTheirNumbers) {
  const AddressUnits listed = AddressUnitsOf("Unit 7, 25 Kwai Fung Crescent, Kwai Chung, HK");
  EXPECT_EQ(listed.units, "7");
  EXPECT_EQ(listed.floors, "");
  const AddressUnits flat = AddressUnitsOf(std::string_view("Flat 3B, 25/F, 25 Kwai Fung Crescent"));
  EXPECT_EQ(flat.units, "3b");
  EXPECT_EQ(flat.floors, "25");
  EXPECT_EQ(AddressUnitsOf(Address{"4410 Ogletown Road Suite 040", "Newark", "19713", "US"}).units,
            "40");
  EXPECT_EQ(AddressUnitsOf(std::string_view("8 Nathan Rd, 12th Floor, Kowloon")).floors, "12");
  EXPECT_EQ(AddressUnitsOf(std::string_view("Goethestr. 5, 3. Etage")).floors, "3");
  EXPECT_FALSE(UnitsMayBeOneDoor(listed, AddressUnitsOf("Unit 12, 25 Kwai Fung Crescent")));
  EXPECT_FALSE(UnitsMayBeOneDoor(listed, flat));
  EXPECT_TRUE(UnitsMayBeOneDoor(listed, AddressUnitsOf("25 Kwai Fung Crescent, Kwai Chung")));
  EXPECT_TRUE(UnitsMayBeOneDoor(listed, AddressUnitsOf("Unit 07, 2/F, 25 Kwai Fung Crescent")));
  EXPECT_TRUE(UnitsMayBeOneDoor(listed, AddressUnitsOf("25 Kwai Fung Crescent #7")));
  // The key is the building's, as before: the split-shipment totals and the
  // reshipper count link one door however its unit is written.
  EXPECT_EQ(AddressKey(std::string_view("Unit 12, 25 Kwai Fung Crescent, Kwai Chung, HK")),
            AddressKey(std::string_view("Unit 7, 25 Kwai Fung Crescent, Kwai Chung, HK")));
}

// Black-box review, session 14, M6: ids and mailboxes written as forms and
// mail software write them.
TEST(TaxIdKeyTest, LabelsAndCountryPrefixesAreNotTheNumber) {
  EXPECT_EQ(TaxIdKey("CN91440101MA59LK7Q3X"), TaxIdKey("91440101MA59LK7Q3X"));
  EXPECT_EQ(TaxIdKey("91440101 MA59 LK7Q 3X"), TaxIdKey("91440101MA59LK7Q3X"));
  EXPECT_EQ(TaxIdKey("4820193756"), TaxIdKey("TR4820193756"));
  EXPECT_EQ(TaxIdKey("EORI: DE441773601928"), TaxIdKey("DE441773601928"));
  EXPECT_EQ(TaxIdKey("VAT No. GB 123 4567 89"), TaxIdKey("123456789"));
  EXPECT_EQ(TaxIdKey("USCC 91440101MA59LK7Q3X"), TaxIdKey("91440101MA59LK7Q3X"));
  // Not a country code, or no digits after it: kept.
  EXPECT_EQ(TaxIdKey("XX12345678"), "XX12345678");
  EXPECT_EQ(TaxIdKey("DEABC12345"), "DEABC12345");
  EXPECT_EQ(TaxIdKey("EORI"), "EORI");
}

TEST(ListingSellerIdKeysTest, QueryParametersAndStorePaths) {
  std::vector<std::string> keys;
  ListingSellerIdKeys("https://www.amazon.de/sp?seller=A2XQ7LUXSTAR9", &keys);
  EXPECT_THAT(keys, ::testing::ElementsAre("A2XQ7LUXSTAR9"));
  ListingSellerIdKeys("https://www.amazon.de/s?me=a2xq7luxstar9&marketplaceID=A1PA6795UKMFR9",
                      &keys);
  EXPECT_THAT(keys, ::testing::ElementsAre("A2XQ7LUXSTAR9"));
  ListingSellerIdKeys("https://www.aliexpress.com/store/1101234567/search?SortType=new", &keys);
  EXPECT_THAT(keys, ::testing::ElementsAre("1101234567"));
  ListingSellerIdKeys("https://example.com/item/123456?sellerId=shop-77#reviews", &keys);
  EXPECT_THAT(keys, ::testing::ElementsAre("SHOP77"));
  ListingSellerIdKeys("https://www.amazon.de/dp/B0C1234567?th=1", &keys);
  EXPECT_THAT(keys, ::testing::IsEmpty());
  ListingSellerIdKeys("", &keys);
  EXPECT_THAT(keys, ::testing::IsEmpty());
}

TEST(EmailKeyTest, ATrailingDotAndGooglemailAreTheSameMailbox) {
  EXPECT_EQ(EmailKey("sales@luckystar-gz.example.com."), EmailKey("sales@luckystar-gz.example.com"));
  EXPECT_EQ(EmailKey("x@googlemail.com"), EmailKey("x@gmail.com"));
  EXPECT_EQ(EmailKey("J.Doe+shop@GoogleMail.com"), "jdoe@gmail.com");
}

// Black-box review, session 14, L12: the French "r." (rue) and "q." (quai)
// after the house number.
TEST(AddressKeyTest, FrenchStreetKindsAfterTheHouseNumber) {
  EXPECT_EQ(AddressKey(Address{"22 r. Juiverie", "Lyon", "69005", "FR"}),
            AddressKey(Address{"22 rue Juiverie", "Lyon", "69005", "FR"}));
  EXPECT_EQ(AddressKey(Address{"1 q. Saint-Antoine", "Lyon", "69002", "FR"}),
            AddressKey(Address{"1 quai Saint-Antoine", "Lyon", "69002", "FR"}));
  EXPECT_EQ(AddressKey(std::string_view("R. de Rivoli 5, Paris")),
            AddressKey(std::string_view("Rue de Rivoli 5, Paris")));
  // Elsewhere a letter is a unit or a building's: "Flat R", "Block Q".
  EXPECT_NE(AddressKey(std::string_view("Block Q, 3 Main Street")),
            AddressKey(std::string_view("Block quai, 3 Main Street")));
}

}  // namespace
}  // namespace placi::core

namespace placi::core {
namespace {

std::vector<std::string> ListItems(std::string_view text) {
  std::vector<std::string> items;
  ForEachListItem(text, [&](std::string_view item) { items.emplace_back(item); });
  return items;
}

// Black-box review, session 14, M9: list items are read apart.
TEST(ForEachListItemTest, SplitsAtListSeparatorsOnly) {
  using ::testing::ElementsAre;
  EXPECT_THAT(ListItems("bathroom mirror, quality glass"),
              ElementsAre("bathroom mirror", " quality glass"));
  EXPECT_THAT(ListItems("mirror; quality tested"), ElementsAre("mirror", " quality tested"));
  EXPECT_THAT(ListItems("car mirror - quality part"), ElementsAre("car mirror ", " quality part"));
  EXPECT_THAT(ListItems("car mirror \u2014 quality part"),
              ElementsAre("car mirror ", " quality part"));
  EXPECT_THAT(ListItems("mirror-quality watch"), ElementsAre("mirror-quality watch"));
  EXPECT_THAT(ListItems("r, e, p, l, i, c, a watch"), ElementsAre("r, e, p, l, i, c, a watch"));
  EXPECT_THAT(ListItems("1:1 copy"), ElementsAre("1:1 copy"));
  EXPECT_THAT(ListItems("mugs\uff0cplates\u3001cups"), ElementsAre("mugs", "plates", "cups"));
  EXPECT_THAT(ListItems("watch,"), ElementsAre("watch"));
  EXPECT_THAT(ListItems(""), ElementsAre(""));
}

// Black-box review, session 20 (review7): identifiers copied from web pages,
// PDFs and chat apps carry invisible characters, Unicode spaces and
// compatibility forms. A listed do-not-load phone written with thin spaces
// ("+971 4 555 0199" as typeset) or a zero-width space, a seller id or tax id
// in full-width letters or with a byte order mark, a mailbox with a
// full-width "@" or a trailing no-break space were other keys, and escaped.
TEST(IdentifierKeysTest, InvisibleCharactersAndCompatibilityFormsAreTheIdentifier) {
  const std::string phone = PhoneKey("+971 4 555 0199");
  EXPECT_EQ(PhoneKey("+971\u20094\u2009555\u20090199", "AE"), phone);        // thin space
  EXPECT_EQ(PhoneKey("+971\u20074\u2007555\u20070199", "AE"), phone);        // figure space
  EXPECT_EQ(PhoneKey("+971 4 555\u200b0199", "AE"), phone);                  // zero-width space
  EXPECT_EQ(PhoneKey("\u2066+971 4 555 0199\u2069", "AE"), phone);           // bidi isolates
  EXPECT_EQ(PhoneKey("+\U0001D7D7\U0001D7D5\U0001D7CF 4 555 0199", "AE"), phone);  // math digits
  EXPECT_EQ(PhoneKeyAsWritten("971\u20094\u2009555\u20090199"), phone);
  EXPECT_EQ(PhoneKey("+971 4 555 0199 \u5206\u673a 2", "AE"), phone);       // a word still ends it

  const std::string seller = IdKey("A2XQ7LUXSTAR9");
  EXPECT_EQ(IdKey("A2XQ7\u200bLUXSTAR9"), seller);
  EXPECT_EQ(IdKey("\ufeffA2XQ7LUXSTAR9"), seller);
  EXPECT_EQ(IdKey("\uff21\uff12XQ7LUXSTAR9"), seller);                        // full-width
  EXPECT_EQ(IdKey("a2xq7\u00adluxstar9"), seller);                            // soft hyphen
  EXPECT_EQ(TaxIdKey("91440101\u00a0MA59\u200bLK7Q3X"), TaxIdKey("91440101MA59LK7Q3X"));
  EXPECT_EQ(IdKey("\u5e97\u94fa123"), IdKey("\u5e97\u94fa123"));             // other letters stay

  const std::string mailbox = EmailKey("sales@luckystar-gz.example.com");
  EXPECT_EQ(EmailKey("sales\uff20luckystar-gz.example.com"), mailbox);
  EXPECT_EQ(EmailKey("sales@luckystar-gz.example.com\u00a0"), mailbox);
  EXPECT_EQ(EmailKey("sales@lucky\u200bstar-gz.example.com"), mailbox);
  EXPECT_EQ(EmailKey("\uff33ales@luckystar-gz.example.com"), mailbox);
}


// FoldDescriptionInto tells whether a description has "@", "$", "!" or "*",
// which the goods rules read again as letters ("Ch@nel", "G*cci"): what the
// text's bytes say, wherever the sign stands in the fold's blocks of 16
// (the first, its last byte, the next, a last partial one), and in text
// that is not ASCII, whose fold stops at its first byte beyond ASCII
// (review of detect22: the flag replaced a scan of every item). The fold
// is FoldDescription's all the same.
TEST(FoldDescriptionTest, TellsASignForALetterWhereverItStands) {
  const auto has_sign = [](std::string_view text) {
    return text.find_first_of("@$!*") != std::string_view::npos;
  };
  struct Case {
    std::string text;
    bool sign;
  };
  std::vector<Case> cases = {
      {"", false},
      {"Chanel quilted lambskin handbag", false},
      {"Ch@nel handbag", true},
      {"Ch@nel \u9999\u6c34", true},          // "Ch@nel 香水": before the first byte beyond ASCII
      {"\u9999\u6c34 Ch@nel", true},          // after it
      {"Gr\u00f6\u00dfe 38 N!ke", true},      // accented Latin, folded without ICU
      {"\u53e4\u9a70\u5305 G*cci", true},    // "古驰包": a Chinese brand spelled in Latin
      {"\u0428\u0430\u043d\u0435\u043b\u044c $upreme", true},
      {"\uff23\uff48\uff20\uff4e\uff45\uff4c bag", false},  // a full-width "＠" is no "@"
      {"\u9999\u6c34 100 ml", false},
      // The other punctuation that stops the fold's run of 16 bytes.
      {"1:1 #5 & (copy) + 'x' \"y\" %;<=>? mug", false},
  };
  // Each sign at each place of texts of 1 to 40 bytes, and the same after
  // and before a character beyond ASCII.
  const std::string filler = "quilted Lambskin, shoulder-bag  38cm & (more) x";
  for (const char sign : {'@', '$', '!', '*'}) {
    for (size_t length = 1; length <= 40; ++length) {
      for (size_t at = 0; at < length; ++at) {
        std::string text = filler.substr(0, length);
        text[at] = sign;
        cases.push_back({text, true});
        cases.push_back({"\u00e9" + text, true});
        cases.push_back({text + "\u00e9", true});
      }
    }
  }
  std::string folded = "an earlier description, longer than any of these texts and their folds";
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    ASSERT_EQ(has_sign(c.text), c.sign);
    bool sign = !c.sign;
    FoldDescriptionInto(c.text, &folded, &sign);
    EXPECT_EQ(sign, c.sign);
    EXPECT_EQ(folded, FoldDescription(c.text));
  }
}

}  // namespace
}  // namespace placi::core
