#include "core/text_fold.h"

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/normalize.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

std::string Utf8(char32_t code_point) {
  std::string out;
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
  return out;
}

TEST(TextFoldTest, AccentedLatinFoldsWithoutIcu) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Jürgen Müller-Lüdenscheidt", "jurgen muller ludenscheidt"},
      {"Königstraße 12", "konigstrasse 12"},
      {"Ærøskøbing", "aeroskobing"},
      {"Łukasz Wałęsa", "lukasz walesa"},
      {"Œuvre Cœur", "oeuvre coeur"},
      {"Çınar İç Giyim A.Ş.", "cinar ic giyim a s"},
      {"Þór Ðóra", "thor dora"},
      {"Ĳssel Ŀlavor", "ijssel llavor"},
      {"O’Brien", "o brien"},  // U+2019 is not in the table: see below
  };
  for (const auto& [text, folded] : cases) {
    std::string out;
    if (text.find("’") != std::string::npos) {
      EXPECT_FALSE(FoldLatin(text, &out)) << text;
      continue;
    }
    ASSERT_TRUE(FoldLatin(text, &out)) << text;
    EXPECT_EQ(out, folded) << text;
    EXPECT_EQ(FoldText(text), folded) << text;
  }
}

TEST(TextFoldTest, OtherScriptsAndBadUtf8GoToIcu) {
  std::string out;
  EXPECT_FALSE(FoldLatin("Иван Иванов", &out));
  EXPECT_EQ(FoldText("Иван Иванов"), "ivan ivanov");
  EXPECT_FALSE(FoldLatin("Müller 深圳", &out));
  EXPECT_EQ(FoldText("Müller 深圳"), "muller shen zhen");
  EXPECT_FALSE(FoldLatin("O’Brien", &out));
  EXPECT_EQ(FoldText("O’Brien"), "obrien");  // the right quote joins, in ICU
  EXPECT_FALSE(FoldLatin("caf\xC3", &out));   // truncated sequence
  EXPECT_FALSE(FoldLatin("a\xC0\x80z", &out));  // overlong NUL
  EXPECT_EQ(FoldText("caf\xC3"), FoldWithIcu("caf\xC3"));
  EXPECT_FALSE(FoldLatin("mu \xC2\xB5", &out));  // µ: NFKC makes it a Greek letter,
  EXPECT_EQ(FoldText("mu \xC2\xB5"), "mu m");    // which folds on, like any Greek
}

// Every entry of the table is what ICU makes of its code point, alone and
// between letters.
// Text folded by a thread_local's destructor after the thread's
// transliterator is gone (as a static Screener removing its rules' terms at
// exit does on the main thread) is folded as before, not through a
// destroyed transliterator. The folding object is made before the
// transliterator, so it is destroyed after it.
std::string* folded_at_thread_exit = nullptr;
struct FoldsAtThreadExit {
  ~FoldsAtThreadExit() { *folded_at_thread_exit = FoldText("подделка"); }
};

TEST(TextFoldTest, TextFoldedAfterTheThreadsTransliteratorIsGoneIsStillFolded) {
  std::string folded;
  folded_at_thread_exit = &folded;
  std::thread([] {
    thread_local FoldsAtThreadExit folds_at_exit;
    (void)&folds_at_exit;
    EXPECT_EQ(FoldText("Москва"), "moskva");  // the transliterator, made after folds_at_exit
  }).join();
  EXPECT_EQ(folded, "poddelka");
}

TEST(TextFoldTest, TableAgreesWithIcu) {
  for (char32_t c = 0x80; c < 0x180; ++c) {
    for (const std::string& text : {Utf8(c), "a" + Utf8(c) + "b", "1 " + Utf8(c) + Utf8(c)}) {
      std::string out;
      if (!FoldLatin(text, &out)) continue;  // not in the table: ICU folds it
      EXPECT_EQ(out, FoldWithIcu(text)) << "U+" << std::hex << static_cast<int>(c);
    }
  }
}

// Random mixes of ASCII and table code points fold as ICU folds them, so
// that an entry folded by one path meets a parcel folded by the other.
TEST(TextFoldTest, RandomLatinTextAgreesWithIcu) {
  std::vector<std::string> alphabet;
  for (char c : std::string("aZ09 -.'/&,")) alphabet.push_back(std::string(1, c));
  for (char32_t c = 0xA0; c < 0x180; ++c) alphabet.push_back(Utf8(c));
  std::mt19937 rng(4242);
  int folded_by_table = 0;
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) text += alphabet[rng() % alphabet.size()];
    std::string out;
    if (!FoldLatin(text, &out)) continue;
    ++folded_by_table;
    ASSERT_EQ(out, FoldWithIcu(text)) << text;
  }
  EXPECT_GT(folded_by_table, 4000);
}

// Black-box review, session 20 (review7): text written to slip past a
// keyword filter. Mathematical and circled letters ("𝐑𝐨𝐥𝐞𝐱", "Ⓡⓞⓛⓔⓧ", as
// "fancy text" generators write them) are the plain letters, and an
// invisible character inside a word (zero-width space, soft hyphen, word
// joiner, byte order mark) does not split it: "mir\u200Bror quality" was
// no counterfeit term, "𝐍𝐨𝐫𝐭𝐡𝐠𝐚𝐭𝐞" no listed party.
TEST(TextFoldTest, CompatibilityLettersAndInvisibleCharactersReadAsThePlainWord) {
  EXPECT_EQ(FoldText("\U0001D411\U0001D428\U0001D425\U0001D41E\U0001D431 watch"), "rolex watch");
  EXPECT_EQ(FoldText("\u24C7\u24DE\u24DB\u24D4\u24E7 watch"), "rolex watch");
  EXPECT_EQ(FoldText("\U0001F161\U0001F15E\U0001F15B\U0001F154\U0001F167 watch"), "rolex watch");
  EXPECT_EQ(FoldText("\U0001F181\U0001F17E\U0001F17B\U0001F174\U0001F187"), "rolex");
  EXPECT_EQ(FoldText("\U0001F1F7\U0001F1F4\U0001F1F1\U0001F1EA\U0001F1FD"), "rolex");
  EXPECT_EQ(FoldText("\U0001D5E0\U0001D5F6\U0001D5FF\U0001D5FF\U0001D5FC\U0001D5FF quality"),
            "mirror quality");  // sans-serif bold
  EXPECT_EQ(FoldText("mir\u200Bror quality"), "mirror quality");
  EXPECT_EQ(FoldText("mir\u00ADror quality"), "mirror quality");
  EXPECT_EQ(FoldText("mir\u2060ror qua\uFEFFlity"), "mirror quality");
  EXPECT_EQ(FoldText("North\u200Dgate \u200EIndustrial\u202C"), "northgate industrial");
  EXPECT_EQ(FoldText("Rolex\uFE0F watch"), "rolex watch");
  // Between words of a script written without spaces, a zero-width space
  // is where a word ends: Thai and Chinese words stay apart.
  EXPECT_EQ(FoldText("\u0E2A\u0E21\u0E0A\u0E32\u0E22\u200B\u0E43\u0E08\u0E14\u0E35"),
            FoldText("\u0E2A\u0E21\u0E0A\u0E32\u0E22 \u0E43\u0E08\u0E14\u0E35"));
  EXPECT_EQ(FoldText("\u6DF1\u5733\u200B\u534E\u5F3A"), FoldText("\u6DF1\u5733 \u534E\u5F3A"));
  // Full-width letters and the other forms the fold knew stay as they were.
  EXPECT_EQ(FoldText("\uFF32\uFF4F\uFF4C\uFF45\uFF58"), "rolex");
  EXPECT_EQ(FoldText("Stra\u00DFe 5"), "strasse 5");
}

// review24: NFKC writes the trade mark sign as "TM", which glued it to the
// brand before it ("Gucci™" folded to "guccitm": no brand, no term); it
// parts words as "®" and "©" do.
TEST(TextFoldTest, TradeMarkSignsPartWordsAsTheRegisteredSignDoes) {
  EXPECT_EQ(FoldText("Gucci\u2122 handbag"), "gucci handbag");
  EXPECT_EQ(FoldText("Rolex\u2120 watch"), "rolex watch");
  EXPECT_EQ(FoldText("replica\u2122bag"), "replica bag");
  EXPECT_EQ(FoldDescription("Chanel\u2122 handbag"), "chanel handbag");
}

}  // namespace
}  // namespace placi::core
