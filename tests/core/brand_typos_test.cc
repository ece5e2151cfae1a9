#include "core/brand_typos.h"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

struct Spelling {
  std::string_view text;
  std::string_view brand;  // a brand term's key
};

class MisspeltBrandTest : public ::testing::TestWithParam<Spelling> {};

TEST_P(MisspeltBrandTest, IsATypo) {
  EXPECT_TRUE(BrandTypos::IsTypoOf(GetParam().text, GetParam().brand))
      << GetParam().text << " / " << GetParam().brand;
}

INSTANTIATE_TEST_SUITE_P(
    OneSlip, MisspeltBrandTest,
    ::testing::Values(
        // Four letters: a letter doubled.
        Spelling{"nikee", "nike"}, Spelling{"nikke", "nike"}, Spelling{"niike", "nike"},
        Spelling{"uggg", "ugg"},
        // Five and more: inserted, left out, changed, swapped.
        Spelling{"gucchi", "gucci"}, Spelling{"guchi", "gucci"}, Spelling{"guci", "gucci"},
        Spelling{"gucic", "gucci"}, Spelling{"rolexx", "rolex"}, Spelling{"rollex", "rolex"},
        Spelling{"addidas", "adidas"}, Spelling{"adidsa", "adidas"}, Spelling{"moncelr", "moncler"},
        Spelling{"chanell", "chanel"}, Spelling{"prade", "prada"},
        // Two-word brands: one word exact, the other one slip off; or glued.
        Spelling{"louis vuiton", "louis vuitton"}, Spelling{"louiss vuitton", "louis vuitton"},
        Spelling{"air jordon", "air jordan"}, Spelling{"louisvuiton", "louis vuitton"},
        Spelling{"michael korrs", "michael kors"}, Spelling{"patek philipe", "patek philippe"},
        // brands25: beside the exact word, the other keeps its first letter only.
        Spelling{"louis vitton", "louis vuitton"}, Spelling{"luois vuitton", "louis vuitton"},
        Spelling{"patek phlippe", "patek philippe"}));

class NotABrandTest : public ::testing::TestWithParam<Spelling> {};

TEST_P(NotABrandTest, IsNoTypo) {
  EXPECT_FALSE(BrandTypos::IsTypoOf(GetParam().text, GetParam().brand))
      << GetParam().text << " / " << GetParam().brand;
}

INSTANTIATE_TEST_SUITE_P(
    OrdinaryWords, NotABrandTest,
    ::testing::Values(
        // The brand itself is no typo (the exact match reports it).
        Spelling{"nike", "nike"}, Spelling{"louis vuitton", "louis vuitton"},
        // Short brands: only a doubled letter.
        Spelling{"bike", "nike"}, Spelling{"mike", "nike"}, Spelling{"like", "nike"},
        Spelling{"nice", "nike"}, Spelling{"nikes", "nike"}, Spelling{"nik", "nike"},
        Spelling{"nikon", "nike"}, Spelling{"pole", "polo"}, Spelling{"pollo", "polo"},
        Spelling{"polio", "polo"}, Spelling{"vanes", "vans"}, Spelling{"stony", "sony"},
        Spelling{"ray band", "ray ban"}, Spelling{"gray ban", "ray ban"},
        Spelling{"vitton", "louis vuitton"}, Spelling{"louis button", "louis vuitton"},
        // The first two letters are kept in a misspelling.
        Spelling{"nnike", "nike"}, Spelling{"gicci", "gucci"}, Spelling{"rlex", "rolex"},
        Spelling{"bucci", "gucci"}, Spelling{"seats", "beats"}, Spelling{"tyson", "dyson"},
        Spelling{"basics", "asics"}, Spelling{"feline", "celine"},
        // Ordinary words one slip from a brand.
        Spelling{"couch", "coach"}, Spelling{"guest", "guess"}, Spelling{"guests", "guess"},
        Spelling{"ample", "apple"}, Spelling{"cline", "celine"}, Spelling{"channel", "chanel"},
        Spelling{"chapel", "chanel"}, Spelling{"roles", "rolex"}, Spelling{"role", "rolex"},
        Spelling{"casino", "casio"}, Spelling{"canoe", "canon"}, Spelling{"cross", "crocs"},
        Spelling{"valentine", "valentino"}, Spelling{"bulgaria", "bulgari"},
        Spelling{"carrier", "cartier"}, Spelling{"heroes", "hermes"}, Spelling{"beads", "beats"},
        Spelling{"tutor", "tudor"},
        // Two slips, and two words both off.
        Spelling{"gucchii", "gucci"}, Spelling{"addiddas", "adidas"},
        Spelling{"louiss vuiton", "louis vuitton"},
        // A different number of words, digits.
        Spelling{"louis", "louis vuitton"}, Spelling{"gucci bag", "gucci"},
        Spelling{"gucc1", "gucci"}, Spelling{"air jordan retro", "air jordan retro"},
        // Black-box review, session 14, H2: a plural or possessive is the
        // brand (the watchlist files it so), not a slip of spelling.
        Spelling{"guccis", "gucci"}, Spelling{"rolexs", "rolex"}, Spelling{"pradas", "prada"},
        Spelling{"monclers", "moncler"}, Spelling{"michael korss", "michael kors"},
        Spelling{"louisvuittons", "louis vuitton"}));

// What Add files and what ForEachProbe asks must meet for every typo, and
// for nothing else once IsTypoOf has checked the candidates.
std::set<uint32_t> Found(const BrandTypos& typos, const std::vector<std::string_view>& tokens) {
  std::set<uint32_t> found;
  typos.ForEachProbe(tokens, [&](uint64_t hash, size_t, size_t) {
    if (!typos.MayContain(hash)) return;
    typos.ForEachSlot(hash, [&](uint32_t slot) { found.insert(slot); });
  });
  return found;
}

// The words of `text` (one space apart), as views into it.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find(' ', begin);
    if (end == std::string_view::npos) end = text.size();
    words.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

TEST(BrandTyposTest, ProbesFindTheBrandsFiledForEveryKindOfSlip) {
  BrandTypos typos;
  typos.Add(1, "nike");
  typos.Add(2, "gucci");
  typos.Add(3, "louis vuitton");
  typos.Add(4, "adidas");
  typos.Add(5, "ab");    // too short for any slip
  typos.Add(6, "4711");  // digits
  EXPECT_THAT(Found(typos, Words("nikee running shoes")), ::testing::Contains(1u));
  EXPECT_THAT(Found(typos, Words("red gucchi bag")), ::testing::Contains(2u));
  EXPECT_THAT(Found(typos, Words("guci bag")), ::testing::Contains(2u));
  EXPECT_THAT(Found(typos, Words("guchi bag")), ::testing::Contains(2u));
  EXPECT_THAT(Found(typos, Words("gucic bag")), ::testing::Contains(2u));
  EXPECT_THAT(Found(typos, Words("louis vuiton bag")), ::testing::Contains(3u));
  EXPECT_THAT(Found(typos, Words("louis vitton bag")), ::testing::Contains(3u));
  EXPECT_THAT(Found(typos, Words("bag louiis vuitton")), ::testing::Contains(3u));
  EXPECT_THAT(Found(typos, Words("louisvuiton")), ::testing::Contains(3u));
  EXPECT_THAT(Found(typos, Words("addidas shoes")), ::testing::Contains(4u));
  EXPECT_THAT(Found(typos, Words("abb 47111 cotton shirt")), ::testing::IsEmpty());

  typos.Remove(3, "louis vuitton");
  typos.Remove(1, "nike");
  EXPECT_THAT(Found(typos, Words("louis vuiton bag")), ::testing::IsEmpty());
  EXPECT_THAT(Found(typos, Words("nikee shoes")), ::testing::IsEmpty());
  EXPECT_THAT(Found(typos, Words("gucchi")), ::testing::Contains(2u));
}

TEST(BrandTyposTest, DeletionHashesAreTheHashesOfTheDeletions) {
  using brand_typos_internal::ForEachDeletionHash;
  using brand_typos_internal::WordHash;
  for (std::string_view text : {"gucci", "louis vuitton", "aab", "x"}) {
    std::vector<uint64_t> fast;
    ForEachDeletionHash(text, 0, text.size(), [&](uint64_t h) { fast.push_back(h); });
    std::set<uint64_t> built;
    for (size_t i = 0; i < text.size(); ++i) {
      std::string deleted(text);
      deleted.erase(i, 1);
      built.insert(WordHash(deleted));
    }
    EXPECT_EQ(std::set<uint64_t>(fast.begin(), fast.end()), built) << text;
    EXPECT_EQ(fast.size(), built.size()) << text << ": a doubled letter's deletion once";
  }
}

}  // namespace
}  // namespace placi::core
