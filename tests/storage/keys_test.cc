// Byte layouts of storage/keys.h: stable on disk, so pinned here.
#include "storage/keys.h"

#include <cstdint>
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

TEST(KeysTest, HistoryKeyIsStartThenWidthThenMarkerThenCounterHash) {
  // 2026-11-29 06:00 UTC, 5-minute buckets.
  EXPECT_EQ(HistoryKey(1'795'932'000, 300, 0x5e1f07c29a44d013ULL),
            std::string("\x00\x00\x00\x00\x6b\x0b\xbf\x60" "\x00\x00\x01\x2c" "\x00"
                        "\x5e\x1f\x07\xc2\x9a\x44\xd0\x13", 21));
  auto parts = DecodeHistoryKey(HistoryKey(1'795'932'000, 300, 0x5e1f07c29a44d013ULL));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->bucket_start, 1'795'932'000);
  EXPECT_EQ(parts->width, 300);
  EXPECT_EQ(parts->counter_hash, 0x5e1f07c29a44d013ULL);
  EXPECT_FALSE(DecodeHistoryKey("short").has_value());
  // Time first: every key of an earlier bucket sorts before a later bound,
  // whatever its width and counter.
  EXPECT_LT(HistoryKey(1'000, 57'600, ~uint64_t{0}), HistoryTimeBound(1'001));
  EXPECT_LT(Format1HistoryKey(1'000, 57'600, "\xff\xff"), HistoryTimeBound(1'001));
  EXPECT_GE(HistoryKey(1'001, 1, 0), HistoryTimeBound(1'001));
  EXPECT_EQ(HistoryTimeBound(256), std::string("\0\0\0\0\0\0\x01\x00", 8));
}

TEST(KeysTest, Format1HistoryKeysStillDecode) {
  // As data dirs written before format 2 hold them: the counter key itself.
  const std::string key = Format1HistoryKey(1'795'932'000, 300, "sh|acme");
  EXPECT_EQ(key, std::string("\x00\x00\x00\x00\x6b\x0b\xbf\x60" "\x00\x00\x01\x2c" "sh|acme", 19));
  auto parts = DecodeHistoryKey(key);  // points into `key`
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->bucket_start, 1'795'932'000);
  EXPECT_EQ(parts->width, 300);
  EXPECT_FALSE(parts->counter_hash.has_value());
  EXPECT_EQ(parts->counter_key, "sh|acme");
  // A format 1 key of 9 bytes is not taken for a hash: the pattern rules'
  // keys never begin with 0x00.
  const std::string nine_bytes = Format1HistoryKey(0, 300, "hawb|1234");
  auto nine = DecodeHistoryKey(nine_bytes);
  ASSERT_TRUE(nine.has_value());
  EXPECT_FALSE(nine->counter_hash.has_value());
  EXPECT_EQ(nine->counter_key, "hawb|1234");
}

TEST(KeysTest, CounterKeyHashNeverChanges) {
  // These values are on disk in every data dir: a change to the function
  // would split each bucket written before it from the one written after.
  EXPECT_EQ(CounterKeyHash("", 0), 0x146a6b2ea9984c76ULL);
  EXPECT_EQ(CounterKeyHash("sh|acme", 0), 0xd0bda93d3720faa5ULL);
  EXPECT_EQ(CounterKeyHash("sh|acme", 0x0123456789abcdefULL), 0xdfbcac2dc900734bULL);
  EXPECT_EQ(CounterKeyHash("hawb|HAWB0000000001", 0x0123456789abcdefULL), 0xd36a652d15fc887dULL);
  EXPECT_EQ(CounterKeyHash("cv|n|ivan petrov|ul lenina 5 moskva 101000 ru|x", 0),
            0x4696a0fe2bb32538ULL);
  EXPECT_EQ(CounterKeyHash("cv|n|ivan petrov|ul lenina 5 moskva 101000 ru|x", 0x0123456789abcdefULL),
            0x508b5c8618469fb1ULL);
}

TEST(KeysTest, CountIsEightBytesBigEndianTwosComplement) {
  EXPECT_EQ(EncodeCount(3), std::string("\0\0\0\0\0\0\0\x03", 8));
  EXPECT_EQ(EncodeCount(-1), std::string(8, '\xff'));
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{1} << 40, INT64_MIN, INT64_MAX}) {
    auto decoded = DecodeCount(EncodeCount(v));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, v);
  }
  EXPECT_FALSE(DecodeCount("1234567").has_value());
}

}  // namespace
}  // namespace placi::storage::keys
