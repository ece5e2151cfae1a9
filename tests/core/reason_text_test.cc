#include "core/reason_text.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(ReasonTextTest, ShortTextIsKeptWhole) {
  EXPECT_EQ(Excerpt("Rolex Submariner"), "Rolex Submariner");
  EXPECT_EQ(Excerpt(std::string(200, 'x')), std::string(200, 'x'));
}

TEST(ReasonTextTest, LongTextIsCutOnAWholeCharacter) {
  EXPECT_EQ(Excerpt(std::string(201, 'x')), std::string(200, 'x') + "…");
  // "é" is two bytes; a cut inside it keeps neither byte.
  const std::string text = std::string(199, 'x') + "éé";
  EXPECT_EQ(Excerpt(text), std::string(199, 'x') + "…");
}

TEST(ReasonTextTest, EveryMessageAndEvidenceIsBounded) {
  std::vector<Reason> reasons(2);
  reasons[0].message = std::string(5000, 'm');
  reasons[0].evidence = "value=" + std::string(5000, 'e');
  reasons[1].message = "short";
  BoundReasonText(&reasons);
  EXPECT_EQ(reasons[0].message.size(), kMaxReasonTextBytes + 3);
  EXPECT_EQ(reasons[0].evidence.size(), kMaxReasonTextBytes + 3);
  EXPECT_EQ(reasons[1].message, "short");
}

}  // namespace
}  // namespace placi::core
