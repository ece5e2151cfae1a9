#include "core/similarity.h"

#include "core/name_matcher.h"
#include "core/normalize.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(JaroWinklerTest, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("same", "same"), 1.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "abc"), 0.0);
}

TEST(NameSimilarityTest, ExtraTokensLowerTheScore) {
  EXPECT_DOUBLE_EQ(NameSimilarity({"fast", "shenzhen"}, {"shenzhen", "fast"}), 1.0);
  EXPECT_LT(NameSimilarity({"li"}, {"li", "wei"}), 0.7);
}

class NameMatcherTest : public ::testing::Test {
 protected:
  NameMatcherTest() : names_(NameMatcher::Options{}) {
    for (const auto& [id, name] : std::vector<std::pair<std::string, std::string>>{
             {"fast", "Shenzhen Fast Trading Co., Ltd."},
             {"star", "Guangzhou Baiyun Lucky Star Trading Co., Ltd."},
             {"li", "Li"},
             {"mueller", "Jürgen Müller"},
             {"ivanov", "Иван Иванов"}}) {
      names_.Add(id, NameKey(name));
    }
  }
  std::vector<std::string> Find(std::string_view name) {
    std::vector<NameMatcher::Match> matches;
    names_.Find(NameKey(name), 0.9, &matches);
    std::vector<std::string> ids;
    for (const auto& m : matches) ids.push_back(m.id);
    return ids;
  }
  NameMatcher names_;
};

TEST_F(NameMatcherTest, TyposSwapsAccentsAndScriptsStillMatch) {
  EXPECT_THAT(Find("Shenzen Fast Trading"), ::testing::ElementsAre("fast"));
  EXPECT_THAT(Find("Fast Tradign Shenzhen Limited"), ::testing::ElementsAre("fast"));
  EXPECT_THAT(Find("guangzhou baiyun lucky star trading"), ::testing::ElementsAre("star"));
  EXPECT_THAT(Find("Guangzhou Baiyun Lucki Star Tradng"), ::testing::ElementsAre("star"));
  EXPECT_THAT(Find("Juergen Mueller"), ::testing::ElementsAre("mueller"));  // ue for ü
  EXPECT_THAT(Find("Jurgen Muller"), ::testing::ElementsAre("mueller"));
  EXPECT_THAT(Find("Ivan Ivanov"), ::testing::ElementsAre("ivanov"));
}

TEST_F(NameMatcherTest, AShortCommonTokenAloneDoesNotMatch) {
  EXPECT_THAT(Find("Li Wei"), ::testing::IsEmpty());
  EXPECT_THAT(Find("Fast Trading"), ::testing::IsEmpty());
  EXPECT_THAT(Find("Shenzhen Slow Trading"), ::testing::IsEmpty());
}

TEST_F(NameMatcherTest, RemovedNamesNoLongerMatch) {
  names_.Remove("fast", NameKey("Shenzhen Fast Trading Co., Ltd."));
  EXPECT_THAT(Find("Shenzhen Fast Trading"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace placi::core

namespace placi::core {
namespace {

TEST(NameKeyTest, DottedLegalFormsAreLegalForms) {
  EXPECT_EQ(NameKey("Gunes Moda Tekstil A.Ş."), NameKey("Güneş Moda Tekstil"));
  EXPECT_EQ(NameKey("Tulip Trading B.V."), "trading tulip");
}

TEST(GluedNameKeyTest, HanSyllablesMeetPinyinWords) {
  EXPECT_EQ(GluedNameKey("深圳华强金丰电子"), GluedNameKey("Shenzhen Huaqiang Jinfeng Dianzi"));
  EXPECT_EQ(GluedNameKey("Shenzhen Fast Trading Co., Ltd."), "shenzhenfasttrading");
}

}  // namespace
}  // namespace placi::core
