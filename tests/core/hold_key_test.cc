#include "core/hold_key.h"

#include "gtest/gtest.h"

namespace placi::core {
namespace {

TEST(HoldWaybillKeyTest, FoldsCaseSpacesAndDashes) {
  EXPECT_EQ(HoldWaybillKey("BBX0000"), "BBX0000");
  EXPECT_EQ(HoldWaybillKey(" BBx0000 "), "BBX0000");
  EXPECT_EQ(HoldWaybillKey("bbx-00 00\t"), "BBX0000");
  EXPECT_EQ(HoldWaybillKey("ab/12.3"), "AB/12.3");  // other separators are kept
  EXPECT_EQ(HoldWaybillKey("\xc3\xa9x1"), "\xc3\xa9X1");  // non-ASCII bytes as they are
}

TEST(HoldWaybillKeyTest, OnlyABlankWaybillHasNoKey) {
  EXPECT_EQ(HoldWaybillKey(""), "");
  EXPECT_EQ(HoldWaybillKey(" \t\r\n"), "");
  EXPECT_EQ(HoldWaybillKey(" -- "), "--");
}

}  // namespace
}  // namespace placi::core
