#include "core/category_words.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/goods_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::vector<size_t> Naming(const CategoryWords& words, std::string_view run) {
  std::vector<size_t> found;
  words.ForEachCategoryNaming(run, [&](size_t c, bool) { found.push_back(c); });
  return found;
}

TEST(CategoryWordsTest, FindsEachCategoryNamingARunOnce) {
  const std::vector<GoodsCategory> categories = {
      {"watches", {"watch", "strap"}, {"rolex", "tag heuer"}, {"91"}, 0},
      {"bags", {"bag", "strap"}, {"rolex"}, {"42"}, 0},  // a brand in two categories
      {"empty", {""}, {"bag"}, {"99"}, 0},                // "bag" twice, "" never a run
  };
  const CategoryWords words(categories);
  EXPECT_THAT(Naming(words, "tag heuer"), ElementsAre(0));
  EXPECT_THAT(Naming(words, "strap"), UnorderedElementsAre(0, 1));
  EXPECT_THAT(Naming(words, "rolex"), UnorderedElementsAre(0, 1));
  EXPECT_THAT(Naming(words, "bag"), UnorderedElementsAre(1, 2));
  EXPECT_THAT(Naming(words, ""), IsEmpty());
  EXPECT_THAT(Naming(words, "tag"), IsEmpty());
}

// Branded products share the one lookup a run: a category reading sees
// only categories, a product reading each product and the name read.
TEST(CategoryWordsTest, ProductsAreFoundWithTheirNameAndKeptApartFromCategories) {
  const std::vector<GoodsCategory> categories = {
      {"electronics", {"smartphone"}, {"apple", "iphone"}, {"85"}, 0}};
  const std::vector<BrandedProduct> products = {
      {{"macbook", "ipad"}, {"847130"}, 200}, {{"iphone"}, {"851713"}, 150}};
  const CategoryWords words(categories, products);
  const auto read = [&](std::string_view run, bool glued) {
    std::vector<std::string> found;
    const auto category = [&](size_t c, bool by_brand) {
      found.push_back(absl::StrCat("c", c, by_brand ? "b" : "w"));
    };
    const auto product = [&](size_t p, size_t n) { found.push_back(absl::StrCat("p", p, "n", n)); };
    glued ? words.ForEachNamingGlued(run, category, product)
          : words.ForEachNaming(run, category, product);
    return found;
  };
  EXPECT_THAT(read("iphone", false), UnorderedElementsAre("c0b", "p1n0"));
  EXPECT_THAT(read("ipad", false), ElementsAre("p0n1"));
  EXPECT_THAT(read("ipad", true), ElementsAre("p0n1"));
  EXPECT_THAT(read("smartphone", false), ElementsAre("c0w"));
  EXPECT_THAT(Naming(words, "iphone"), ElementsAre(0));
  EXPECT_THAT(Naming(words, "ipad"), IsEmpty());
}

// The index is built at a config's first use; a copy changed before its
// own first use reads its own categories, not the original's index.
TEST(CategoryWordsTest, ACopiedConfigIndexesItsOwnCategories) {
  ScreeningConfig config = ScreeningConfig::Default();
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = "zorblax widget";
  parcel.items[0].hs_code = "6403.99";  // footwear
  auto codes = [&](const ScreeningConfig& c) {
    std::vector<Reason> reasons;
    AddGoodsIndicators(parcel, c, &reasons);
    std::vector<std::string> found;
    for (const Reason& r : reasons) found.push_back(r.code);
    return found;
  };
  EXPECT_THAT(codes(config), ::testing::Not(::testing::Contains("HS_DESCRIPTION_MISMATCH")));

  ScreeningConfig copy = config;
  copy.categories.push_back({"zorblaxes", {"zorblax"}, {}, {"9999"}, 0});
  EXPECT_THAT(codes(copy), ::testing::Contains("HS_DESCRIPTION_MISMATCH"));
  ScreeningConfig assigned = ScreeningConfig::Default();
  EXPECT_THAT(codes(assigned), ::testing::Not(::testing::Contains("HS_DESCRIPTION_MISMATCH")));
  assigned = copy;  // drops the index built from the defaults
  EXPECT_THAT(codes(assigned), ::testing::Contains("HS_DESCRIPTION_MISMATCH"));
  EXPECT_THAT(codes(config), ::testing::Not(::testing::Contains("HS_DESCRIPTION_MISMATCH")));
}

// The goods rules keep, per thread, the categories each description read
// lately named, for one config's word index at a time: the same parcel
// judged again, and under two configs in turn, gets each config's answer.
TEST(CategoryWordsTest, DescriptionsReadAgainNameTheSameCategories) {
  ScreeningConfig plain = ScreeningConfig::Default();
  ScreeningConfig zorblax = ScreeningConfig::Default();
  zorblax.categories.push_back({"zorblaxes", {"zorblax"}, {}, {"9999"}, 0});
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = "Zorblax widget, blue";
  parcel.items[0].hs_code = "6403.99";  // footwear
  parcel.items.push_back(parcel.items[0]);
  parcel.items[1].description = "Rolex Submariner";  // watches under a footwear code
  parcel.items.push_back(parcel.items[1]);  // the same, too long to be kept: read every time
  parcel.items[2].description = "Rolex Submariner " + std::string(300, 'x');
  auto codes = [&](const ScreeningConfig& c) {
    std::vector<Reason> reasons;
    AddGoodsIndicators(parcel, c, &reasons);
    std::vector<std::string> found;
    for (const Reason& r : reasons) found.push_back(r.field + ":" + r.code + ":" + r.message);
    return found;
  };
  auto evidence = [&](const ScreeningConfig& c) {
    std::vector<Reason> reasons;
    AddGoodsIndicators(parcel, c, &reasons);
    std::vector<std::string> found;
    for (const Reason& r : reasons) found.push_back(r.evidence);
    return found;
  };
  const std::vector<std::string> expected_plain = codes(plain);
  const std::vector<std::string> expected_zorblax = codes(zorblax);
  // Both items read as watches (the long one too, read without the memo):
  // one reason names them.
  EXPECT_THAT(expected_plain, ::testing::Contains("items[1].hs_code:HS_DESCRIPTION_MISMATCH:"
                                                  "description reads as watches but HS code "
                                                  "6403.99 is footwear (items[1], the strongest "
                                                  "of 2 items)"));
  EXPECT_THAT(evidence(plain), ::testing::Contains(::testing::HasSubstr(" items=1,2 count=2")));
  EXPECT_NE(expected_plain, expected_zorblax);
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(codes(plain), expected_plain) << round;
    EXPECT_EQ(codes(plain), expected_plain) << round;
    EXPECT_EQ(codes(zorblax), expected_zorblax) << round;
  }
}

// The first category whose HS prefix a code starts with, over all
// categories in order: what CategoriesOfChapter must give the same as.
std::optional<size_t> FirstOfAll(const std::vector<GoodsCategory>& categories,
                                 std::string_view digits) {
  for (size_t c = 0; c < categories.size(); ++c) {
    for (const std::string& prefix : categories[c].hs_prefixes) {
      if (digits.substr(0, prefix.size()) == prefix) return c;
    }
  }
  return std::nullopt;
}

std::optional<size_t> FirstOfChapter(const CategoryWords& words,
                                     const std::vector<GoodsCategory>& categories,
                                     std::string_view digits) {
  for (const uint32_t c : words.CategoriesOfChapter(digits)) {
    for (const std::string& prefix : categories[c].hs_prefixes) {
      if (digits.substr(0, prefix.size()) == prefix) return c;
    }
  }
  return std::nullopt;
}

// Every heading of every chapter, and its subheadings "00" and "99", under
// the default rules and under prefixes of one digit, none, and not digits:
// the first category listed under a code's chapter is the first of all.
TEST(CategoryWordsTest, ACodeFindsTheFirstCategoryOfItsPrefixesUnderItsChapter) {
  std::vector<GoodsCategory> unusual = {
      {"not digits", {"a"}, {}, {"9x", "x9", "-"}, 0},
      {"one digit", {"b"}, {}, {"8"}, 0},
      {"chapter", {"c"}, {}, {"85", "8517", "85"}, 0},  // listed twice, kept once
      {"everything", {"d"}, {}, {""}, 0},
      {"after everything", {"e"}, {}, {"91"}, 0},
  };
  for (const std::vector<GoodsCategory>& categories :
       {ScreeningConfig::Default().categories, unusual}) {
    const CategoryWords words(categories);
    size_t found = 0;
    for (int heading = 0; heading < 10000; ++heading) {
      const std::string code = absl::StrFormat("%04d", heading);
      for (const std::string& digits : {code, code + "00", code + "99", code.substr(0, 2),
                                        code.substr(0, 1), code.substr(0, 3)}) {
        const std::optional<size_t> expected = FirstOfAll(categories, digits);
        ASSERT_EQ(FirstOfChapter(words, categories, digits), expected) << digits;
        found += expected.has_value();
      }
    }
    EXPECT_GT(found, 1000u);  // the codes meet the categories' prefixes
    EXPECT_EQ(FirstOfChapter(words, categories, ""), FirstOfAll(categories, ""));
  }
  // Chapter 85 lists "one digit" (8) before "chapter": the first of all.
  const CategoryWords words(unusual);
  EXPECT_THAT(words.CategoriesOfChapter("851762"), ElementsAre(1, 2, 3));
  EXPECT_THAT(words.CategoriesOfChapter("9102"), ElementsAre(3, 4));
  EXPECT_THAT(words.CategoriesOfChapter("7"), ElementsAre(0, 1, 2, 3, 4));
}

}  // namespace
}  // namespace placi::core
