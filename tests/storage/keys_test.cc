// Byte layouts of storage/keys.h: stable on disk, so pinned here.
#include "storage/keys.h"

#include <string>

#include "gtest/gtest.h"

namespace placi::storage::keys {
namespace {

TEST(KeysTest, VersionIsEightBytesBigEndian) {
  EXPECT_EQ(EncodeVersion(0x0102030405060708ULL), std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  EXPECT_EQ(EncodeVersion(1), std::string("\0\0\0\0\0\0\0\x01", 8));
  for (uint64_t v : {0ULL, 1ULL, 255ULL, 256ULL, 0xFFFFFFFFFFFFFFFFULL}) {
    auto decoded = DecodeVersion(EncodeVersion(v));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, v);
  }
  // Big-endian bytes sort like the numbers.
  EXPECT_LT(EncodeVersion(255), EncodeVersion(256));
  EXPECT_FALSE(DecodeVersion("short").has_value());
}

TEST(KeysTest, DecisionKeys) {
  EXPECT_EQ(DecisionKey("01ABC"), "id/01ABC");
  EXPECT_EQ(WaybillIndexKey("HAWB1", "01ABC"), std::string("hawb/HAWB1\0" "01ABC", 16));
  EXPECT_EQ(WaybillPrefix("HAWB1"), std::string("hawb/HAWB1\0", 11));
  // "AB" must not be a prefix of the keys of "ABC".
  EXPECT_NE(WaybillIndexKey("ABC", "01").rfind(WaybillPrefix("AB"), 0), 0u);
}

}  // namespace
}  // namespace placi::storage::keys
