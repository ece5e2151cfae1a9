// The goods categories read in the languages carriers' descriptions come in
// (core/default_categories.cc): German, French, Spanish, Italian, Dutch,
// Turkish, Polish and Chinese as FoldText transliterates it (手表 → "shou
// biao"). A word names its category under a wrong HS code and fits the right
// one; accessories of a device named in those languages are no device.
#include <string>
#include <vector>

#include "core/goods_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/goods_indicators.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

using placi::testing::GoodsIndicatorCodes;
using placi::testing::GoodsIndicators;
using placi::testing::OneItem;

struct Described {
  const char* description;
  const char* category;  // as the mismatch reason names it
  const char* hs;        // a heading of the category
};

// Each category in each language, singular and plural, and Chinese as the
// fold gives it.
constexpr Described kDescribed[] = {
    {"Damenuhr Edelstahl", "watches", "910211"},
    {"Herrenuhren, 2 Stück", "watches", "910211"},
    {"montre homme acier", "watches", "910211"},
    {"reloj de pulsera para hombre", "watches", "910211"},
    {"orologio da polso donna", "watches", "910211"},
    {"dameshorloge, roestvrij staal", "watches", "910211"},
    {"erkek kol saati", "watches", "910211"},
    {"zegarek męski", "watches", "910211"},
    {"男士手表", "watches", "910211"},
    // "mit", "avec": what follows is another article, not what the watch is for
    {"Damenuhr mit Armband aus Leder", "watches", "910211"},
    {"montre avec bracelet en cuir", "watches", "910211"},
    {"Turnschuhe Herren", "footwear", "640411"},
    {"chaussures de sport femme", "footwear", "640411"},
    {"zapatillas deportivas", "footwear", "640411"},
    {"scarpe da ginnastica", "footwear", "640411"},
    {"sportschoenen heren", "footwear", "640411"},
    {"spor ayakkabı", "footwear", "640411"},
    {"运动鞋", "footwear", "640411"},
    {"Handtasche aus Leder", "bags", "420221"},
    {"sac à main en cuir", "bags", "420221"},
    {"bolso de mano mujer", "bags", "420221"},
    {"borsetta in pelle", "bags", "420221"},
    {"leren handtas", "bags", "420221"},
    {"deri el çantası", "bags", "420221"},
    {"女士手提包", "bags", "420221"},
    {"Sonnenbrille polarisiert", "sunglasses", "900410"},
    {"lunettes de soleil", "sunglasses", "900410"},
    {"gafas de sol polarizadas", "sunglasses", "900410"},
    {"occhiali da sole", "sunglasses", "900410"},
    {"zonnebril", "sunglasses", "900410"},
    {"güneş gözlüğü", "sunglasses", "900410"},
    {"太阳镜", "sunglasses", "900410"},
    {"Halskette Silber 925", "jewellery", "711311"},
    {"boucles d'oreilles plaqué or", "jewellery", "711719"},
    {"pulsera de plata", "jewellery", "711311"},
    {"collana in argento", "jewellery", "711311"},
    {"zilveren oorbellen", "jewellery", "711311"},
    {"gümüş kolye", "jewellery", "711311"},
    {"银项链", "jewellery", "711311"},
    {"黄金项链 5克", "jewellery", "711319"},  // "ke" (克, grams) alone is no accessory
    {"Parfum für Damen, 50 ml", "perfume", "330300"},
    {"profumo donna 100 ml", "perfume", "330300"},
    {"女士香水", "perfume", "330300"},
    {"Kapuzenpullover Baumwolle", "apparel", "611020"},
    {"camiseta de algodón", "apparel", "610910"},
    {"veste en jean", "apparel", "620342"},
    {"pamuklu gömlek", "apparel", "620520"},
    {"男士衬衫", "apparel", "620520"},
    {"女士外套", "apparel", "620293"},
    {"墨镜", "sunglasses", "900410"},
    {"Kopfhörer kabellos", "electronics", "851830"},
    {"écouteurs sans fil", "electronics", "851830"},
    {"auriculares bluetooth", "electronics", "851830"},
    {"cep telefonu", "electronics", "851713"},
    {"二手手机", "electronics", "851713"},
    {"蓝牙耳机", "electronics", "851830"},
    {"Plüschtier Bär", "toys", "950300"},
    {"jouets en bois", "toys", "950300"},
    {"giocattoli per bambini", "toys", "950300"},
    {"ahşap oyuncak", "toys", "950300"},
    {"儿童玩具", "toys", "950300"},
};

TEST(GoodsLanguagesTest, WordsInCarrierLanguagesNameTheirCategory) {
  for (const Described& d : kDescribed) {
    // Under a heading of no category's (plastic articles): a mismatch that
    // names the category read.
    EXPECT_THAT(
        GoodsIndicators(OneItem(d.description, "392690", 500)),
        Contains(AllOf(Field(&Reason::code, "HS_DESCRIPTION_MISMATCH"),
                       Field(&Reason::message, HasSubstr(std::string("reads as ") + d.category)))))
        << d.description;
    // Under its own heading at a genuine value: no mismatch.
    EXPECT_THAT(GoodsIndicatorCodes(OneItem(d.description, d.hs, 500)),
                AllOf(Not(Contains("HS_DESCRIPTION_MISMATCH")), Not(Contains("UNDERVALUED_GOODS"))))
        << d.description;
  }
}

// The unit floors apply to an item that its words name (an HS code alone
// says "watches" of a 3 EUR strap too): a 3 EUR "Damenuhr" is a 3 EUR
// watch. Light parcels, so that the value per kg passes.
TEST(GoodsLanguagesTest, UnitValueFloorsApplyToGoodsNamedInOtherLanguages) {
  EXPECT_THAT(GoodsIndicatorCodes(OneItem("Damenuhr", "910211", 3, 0.02)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(GoodsIndicatorCodes(OneItem("手表", "910211", 3, 0.02)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(GoodsIndicatorCodes(OneItem("zapatillas", "640411", 2, 0.1)),
              Contains("UNDERVALUED_GOODS"));
  EXPECT_THAT(GoodsIndicatorCodes(OneItem("Damenuhr", "910211", 30, 0.02)),
              Not(Contains("UNDERVALUED_GOODS")));
}

// Honest descriptions in those languages: accessories named with their
// device ("für", "para", "pour"; Chinese by two syllables: 手机壳 "shou ji
// ke" a phone's case, 运动鞋带 shoelaces, 太阳镜盒 a sunglasses case), a
// watch "mit Armband", a wall clock, a smartwatch under a phone's heading,
// reading glasses. None names goods its HS code contradicts.
TEST(GoodsLanguagesTest, HonestDescriptionsInOtherLanguagesStayClean) {
  const Described kHonest[] = {
      {"Hülle für Mobiltelefon, Silikon", "", "392690"},
      {"Armband für Smartwatch, Silikon", "", "392690"},
      {"funda para smartphone", "", "392690"},
      {"funda para teléfono móvil, silicona", "", "392690"},
      {"coque pour téléphone portable", "", "392690"},
      {"custodia per telefono cellulare", "", "392690"},
      {"hoesje voor smartphone", "", "392690"},
      {"cep telefonu kılıfı", "", "392690"},
      {"手机壳", "", "392690"},
      {"手机膜", "", "700719"},
      {"手机钢化膜", "", "700719"},
      {"手机支架", "", "830250"},
      {"耳机线", "", "854442"},
      {"运动鞋带", "", "630790"},
      {"太阳镜盒", "", "420232"},
      {"香水瓶", "", "701090"},
      {"Damenuhr mit Armband aus Leder", "", "910211"},
      {"montre avec bracelet en cuir", "", "910211"},
      {"Wanduhr aus Holz", "", "910521"},
      {"reloj de pared", "", "910521"},
      {"orologio da parete", "", "910521"},
      {"montre connectée", "", "851762"},
      {"智能手表", "", "851762"},
      {"Lesebrille +2,0", "", "900490"},
      {"Keramiktassen, 4 Stück", "", "691200"},
      {"tasses en céramique", "", "691200"},
  };
  for (const Described& d : kHonest) {
    EXPECT_THAT(GoodsIndicatorCodes(OneItem(d.description, d.hs, 60, 0.3)),
                AllOf(Not(Contains("HS_DESCRIPTION_MISMATCH")), Not(Contains("UNDERVALUED_GOODS"))))
        << d.description;
  }
}

}  // namespace
}  // namespace placi::core
