#include "core/term_inflections.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TermInflectionsTest, InflectsTheLastWord) {
  EXPECT_THAT(TermInflections("replica"), ElementsAre("replicas"));
  EXPECT_THAT(TermInflections("copy watch"), ElementsAre("copy watchs", "copy watches"));
  EXPECT_THAT(TermInflections("high copy"), ElementsAre("high copys", "high copies"));
  EXPECT_THAT(TermInflections("rolex"), ElementsAre("rolexs", "rolexes"));
  EXPECT_THAT(TermInflections("adidas"), ElementsAre("adidass", "adidases"));
  EXPECT_THAT(TermInflections("mirrorquality"),
              ElementsAre("mirrorqualitys", "mirrorqualities"));
  EXPECT_THAT(TermInflections("yeezy"), ElementsAre("yeezys", "yeezies"));
  EXPECT_THAT(TermInflections("knock off"), ElementsAre("knock offs"));
}

TEST(TermInflectionsTest, LeavesShortWordsDigitsAndOtherWordsAlone) {
  EXPECT_THAT(TermInflections("1 colon 1"), IsEmpty());
  EXPECT_THAT(TermInflections("ua"), IsEmpty());
  EXPECT_THAT(TermInflections("x5"), IsEmpty());
  EXPECT_THAT(TermInflections("new"), IsEmpty());  // "news" is no plural of it
}

TEST(TermInflectionsTest, TellsInflectionsFromMisspellings) {
  EXPECT_TRUE(IsInflectionOf("guccis", "gucci"));
  EXPECT_TRUE(IsInflectionOf("rolexes", "rolex"));
  EXPECT_FALSE(IsInflectionOf("gucchi", "gucci"));
  EXPECT_FALSE(IsInflectionOf("gucci", "gucci"));
}

// No inflection of a heavily counterfeited brand or of counterfeit
// vocabulary is an English word that its term is not: such a word would
// match the term in its own sense. (A word like "coaches" is the plural of
// the ordinary word "coach", which matches already.)
TEST(TermInflectionsTest, MakesNoOtherEnglishWordOfBrandsAndVocabulary) {
  std::ifstream list("/usr/share/dict/words");
  if (!list) GTEST_SKIP() << "no English word list at /usr/share/dict/words";
  absl::flat_hash_set<std::string> english;
  for (std::string word; std::getline(list, word);) english.insert(absl::AsciiStrToLower(word));
  const std::vector<std::string> terms = {
      "nike", "adidas", "air jordan", "gucci", "louis vuitton", "chanel", "hermes", "prada",
      "michael kors", "rolex", "cartier", "patek philippe", "ray ban", "moncler", "yeezy",
      "new balance", "louboutin", "dior", "balenciaga", "fendi", "goyard", "omega", "hublot",
      "audemars piguet", "oakley", "tiffany", "pandora", "bvlgari", "apple", "airpods", "beats",
      "canada goose", "the north face", "supreme", "off white", "burberry", "lacoste",
      "stone island", "swarovski", "pokemon", "coach", "guess", "polo", "ralph lauren",
      "tommy hilfiger", "calvin klein", "armani", "versace", "dolce gabbana", "givenchy",
      "celine", "chloe", "valentino", "bottega veneta", "saint laurent", "ysl", "kenzo",
      "hugo boss", "lululemon", "ugg", "timberland", "converse", "vans", "puma", "reebok",
      "asics", "fila", "skechers", "crocs", "levis", "diesel", "casio", "seiko", "tissot",
      "tag heuer", "breitling", "longines", "swatch", "fossil", "samsung", "sony", "bose",
      "jbl", "huawei", "xiaomi", "canon", "nikon", "gopro", "dyson", "lego", "disney", "marvel",
      "montblanc", "chopard", "bulgari", "richard mille", "panerai", "tudor", "mcm",
      "mulberry", "longchamp", "kate spade", "marc jacobs", "tory burch", "jimmy choo",
      "stussy", "bape", "palace", "carhartt", "champion", "patagonia", "birkenstock",
      "replica", "counterfeit", "fake", "imitation", "knockoff", "knock off", "aaa quality",
      "aaa grade", "mirror quality", "super fake", "copy watch", "high copy", "super copy",
      "dupe", "ua version", "imitat", "falschung", "nachbildung", "kopie", "contrefacon",
      "replique", "imitacion", "falsificacion", "contraffazione", "imitazione", "cakma",
      "taklit", "poddelka", "new"};
  for (const std::string& term : terms) {
    const std::string last = term.substr(term.rfind(' ') + 1);
    for (const std::string& form : TermInflections(term)) {
      const std::string inflected = form.substr(form.rfind(' ') + 1);
      EXPECT_FALSE(english.contains(inflected) && !english.contains(last))
          << term << " -> " << form;
      EXPECT_NE(inflected, "news") << term;
    }
  }
}

}  // namespace
}  // namespace placi::core
