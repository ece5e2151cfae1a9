// core::reason::kAll names every reason code of core/verdict.h: the metrics
// count verdicts by it (placi_screen_reasons_total), so a code left out
// would never show on the dashboards.
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "core/verdict.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(ReasonCodesTest, AllListsEveryCodeOfTheHeaderOnce) {
  std::ifstream header(PLACI_SOURCE_DIR "/core/verdict.h");
  ASSERT_TRUE(header.good());
  std::stringstream text;
  text << header.rdbuf();
  std::set<std::string> declared;
  const std::string source = text.str();
  constexpr std::string_view kDeclaration = "inline constexpr std::string_view k";
  for (size_t at = source.find(kDeclaration); at != std::string::npos;
       at = source.find(kDeclaration, at + 1)) {
    const size_t open = source.find('"', at);
    const size_t close = source.find('"', open + 1);
    ASSERT_NE(close, std::string::npos);
    declared.insert(source.substr(open + 1, close - open - 1));
  }
  ASSERT_GT(declared.size(), 30u);  // the pattern still reads the header

  std::set<std::string> listed;
  for (std::string_view c : reason::kAll) {
    EXPECT_TRUE(listed.insert(std::string(c)).second) << "listed twice: " << c;
  }
  EXPECT_EQ(listed, declared);
}

// review24: README's list of reason codes, which carriers map their
// handling from, left DISGUISED_BRAND out. Every code of kAll is named
// there, in backquotes.
TEST(ReasonCodesTest, ReadmeListsEveryCode) {
  std::ifstream readme(PLACI_SOURCE_DIR "/README.md");
  ASSERT_TRUE(readme.good());
  std::stringstream text;
  text << readme.rdbuf();
  const std::string source = text.str();
  const size_t start = source.find("Reason codes (stable identifiers");
  ASSERT_NE(start, std::string::npos);
  const size_t end = source.find("\n\n", start);
  ASSERT_NE(end, std::string::npos);
  const std::string list = source.substr(start, end - start);
  for (std::string_view c : reason::kAll) {
    EXPECT_NE(list.find("`" + std::string(c) + "`"), std::string::npos) << "README omits " << c;
  }
}

}  // namespace
}  // namespace placi::core
