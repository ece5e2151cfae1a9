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

}  // namespace
}  // namespace placi::core
