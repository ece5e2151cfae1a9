#include "core/recent_text_answers.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/data_checks.h"
#include "core/screening_config.h"
#include "core/text_cache_stats.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/data_check_reasons.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::placi::testing::IsDataReason;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(RecentTextAnswersTest, AnswersOnlyForTheSamePartUnderTheSameStamp) {
  RecentTextAnswers<32> recent;
  EXPECT_EQ(recent.Find("Berlin", 7), std::nullopt);
  recent.Keep("Berlin", 7, 1);
  recent.Keep("n/a", 7, 0);
  EXPECT_EQ(recent.Find("Berlin", 7), 1);
  EXPECT_EQ(recent.Find("n/a", 7), 0);
  EXPECT_EQ(recent.Find("Berlin", 8), std::nullopt) << "another ruleset's words";
  EXPECT_EQ(recent.Find("berlin", 7), std::nullopt);
  EXPECT_EQ(recent.Find("Berlin ", 7), std::nullopt);
  EXPECT_EQ(recent.Find("Berli", 7), std::nullopt);
  // The longest part kept, and one byte more (not kept, never found).
  const std::string longest(32, 'x');
  recent.Keep(longest, 7, 3);
  EXPECT_EQ(recent.Find(longest, 7), 3);
  recent.Keep(longest + "x", 7, 2);
  EXPECT_EQ(recent.Find(longest + "x", 7), std::nullopt);
  EXPECT_EQ(recent.Find(longest, 7), 3);
}

// Far more parts than slots: a part whose slot another took is not found,
// and a part found is always given its own answer.
TEST(RecentTextAnswersTest, PartsSharingASlotNeverAnswerForEachOther) {
  RecentTextAnswers<32> recent;
  constexpr int kSlots = static_cast<int>(RecentTextAnswers<32>::kSlotCount);
  std::vector<std::string> parts;
  for (int i = 0; i < 8 * kSlots; ++i) {
    // Long parts that differ only in their last bytes too.
    parts.push_back(i % 2 == 0 ? absl::StrCat("City ", i) : absl::StrCat("aaaaaaaaaaaaaaaaaaaaaaaa", i));
    recent.Keep(parts.back(), 1, static_cast<uint8_t>(i % 3));
  }
  int found = 0;
  for (int i = 0; i < static_cast<int>(parts.size()); ++i) {
    const std::optional<uint8_t> answer = recent.Find(parts[i], 1);
    if (!answer.has_value()) continue;
    ++found;
    EXPECT_EQ(*answer, i % 3) << parts[i];
  }
  EXPECT_GT(found, kSlots / 2);
  EXPECT_LE(found, kSlots);
}

Consignment ParcelToCity(const std::string& city) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignee.address.city = city;
  return parcel;
}

std::vector<Reason> Checked(const Consignment& parcel, const ScreeningConfig& config) {
  std::vector<Reason> reasons;
  CheckData(parcel, config, &reasons);
  return reasons;
}

// The live and a shadow ruleset judge each parcel one after the other on
// one thread: a city remembered under one ruleset's placeholder words must
// not answer for the other's.
TEST(RecentTextAnswersTest, EachRulesetsPlaceholderWordsGiveTheirOwnAnswer) {
  const ScreeningConfig live = ScreeningConfig::Default();
  ScreeningConfig shadow = ScreeningConfig::Default();
  shadow.unacceptable_party_names.insert("gotham");
  const Consignment parcel = ParcelToCity("Gotham");
  for (int round = 0; round < 3; ++round) {
    EXPECT_THAT(Checked(parcel, live), IsEmpty()) << round;
    EXPECT_THAT(Checked(parcel, shadow),
                ElementsAre(IsDataReason("INCOMPLETE_CONSIGNEE_ADDRESS", "consignee.address.city")))
        << round;
  }
}

uint64_t Count(CacheResult result, TextCache cache = TextCache::kAddressParts) {
  return TextCacheTotals()[Index(cache)][Index(result)];
}

// Cities come back parcel after parcel; streets with a house number, and
// parts longer than any placeholder, are never folded and never looked up.
TEST(RecentTextAnswersTest, ACityIsReadOnceAndRememberedAfter) {
  const ScreeningConfig config = ScreeningConfig::Default();  // its own stamp
  Consignment parcel = ParcelToCity("Rotterdam");
  parcel.consignor.address.city = std::string(40, 'z');
  parcel.consignee.address.street = "Coolsingel 40";
  parcel.consignor.address.street = "88 Nanjing Road";
  const uint64_t hits = Count(CacheResult::kHit);
  const uint64_t misses = Count(CacheResult::kMiss);
  EXPECT_THAT(Checked(parcel, config), IsEmpty());
  EXPECT_EQ(Count(CacheResult::kMiss) - misses, 1u);
  EXPECT_EQ(Count(CacheResult::kHit) - hits, 0u);
  EXPECT_THAT(Checked(parcel, config), IsEmpty());
  EXPECT_THAT(Checked(parcel, config), IsEmpty());
  EXPECT_EQ(Count(CacheResult::kMiss) - misses, 1u);
  EXPECT_EQ(Count(CacheResult::kHit) - hits, 2u);
}

// Remembered answers are the answers read afresh: every city of the data
// checks' tests, placeholders and real ones, checked a second time under
// one config (from the memo) and once under a fresh copy (read afresh).
TEST(RecentTextAnswersTest, RememberedAnswersAreTheAnswersReadAfresh) {
  const ScreeningConfig config = ScreeningConfig::Default();
  for (const char* city :
       {"未知", "不详", "无", "нет", "city", "no address", "Mexico City", "無錫", "Wuxi", "Kundl",
        "unknown", "Unkown", "n/a", "N / A", "-", "--", "same as above", "See Invoice", "Köln",
        "São Paulo", "Москва", "東京", "서울", "İstanbul", "Zürich", "Łódź", "xx", "TBC"}) {
    const Consignment parcel = ParcelToCity(city);
    Checked(parcel, config);  // filed
    const ScreeningConfig fresh = config;  // a copy: its own placeholder words, its own stamp
    const std::vector<Reason> afresh = Checked(parcel, fresh);
    const std::vector<Reason> remembered = Checked(parcel, config);
    ASSERT_EQ(remembered.size(), afresh.size()) << city;
    for (size_t i = 0; i < afresh.size(); ++i) {
      EXPECT_EQ(remembered[i].code, afresh[i].code) << city;
      EXPECT_EQ(remembered[i].field, afresh[i].field) << city;
      EXPECT_EQ(remembered[i].evidence, afresh[i].evidence) << city;
    }
  }
}

Consignment ParcelOf(const std::string& description) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.items[0].description = description;
  return parcel;
}

// As for cities: a description's vagueness remembered under the live
// ruleset does not answer for a shadow ruleset that lists other stop words.
TEST(RecentTextAnswersTest, EachRulesetsStopWordsGiveTheirOwnAnswer) {
  const ScreeningConfig live = ScreeningConfig::Default();
  ScreeningConfig shadow = ScreeningConfig::Default();
  shadow.vague_descriptions.insert("widgets");
  const Consignment parcel = ParcelOf("Widgets");
  for (int round = 0; round < 3; ++round) {
    EXPECT_THAT(Checked(parcel, live), IsEmpty()) << round;
    EXPECT_THAT(Checked(parcel, shadow),
                ElementsAre(IsDataReason("VAGUE_GOODS_DESCRIPTION", "items[0].description")))
        << round;
  }
}

TEST(RecentTextAnswersTest, ADescriptionIsReadOnceAndRememberedAfterUnlessLong) {
  const ScreeningConfig config = ScreeningConfig::Default();
  const auto counts = [] {
    return std::vector<uint64_t>{Count(CacheResult::kHit, TextCache::kVagueness),
                                 Count(CacheResult::kMiss, TextCache::kVagueness),
                                 Count(CacheResult::kNotCached, TextCache::kVagueness)};
  };
  const std::vector<uint64_t> before = counts();
  const Consignment parcel = ParcelOf("Cotton T-shirt");
  for (int i = 0; i < 3; ++i) EXPECT_THAT(Checked(parcel, config), IsEmpty());
  const Consignment long_one = ParcelOf(
      "Stainless steel kitchen knife set with wooden block, six pieces, dishwasher safe");
  EXPECT_THAT(Checked(long_one, config), IsEmpty());
  const std::vector<uint64_t> after = counts();
  EXPECT_EQ(after[0] - before[0], 2u);
  EXPECT_EQ(after[1] - before[1], 1u);
  EXPECT_EQ(after[2] - before[2], 1u);
}

// Each kind of vagueness comes back from the memo as it was read, with its
// own message, for descriptions remembered and read afresh alike.
TEST(RecentTextAnswersTest, RememberedVaguenessIsTheVaguenessReadAfresh) {
  const ScreeningConfig config = ScreeningConfig::Default();
  for (const char* description :
       {"gift", "Gift", "GIFT ", "birthday gift", "gifts and accessories", "2 pcs spare parts",
        "12345", "---", "#1 / 2", "Cotton T-shirt", "phone case", "parts", "Geschenk", "礼物",
        "spare parts for washing machine", "accessories", "samples", "free sample", "xx"}) {
    const Consignment parcel = ParcelOf(description);
    Checked(parcel, config);  // filed
    const ScreeningConfig fresh = config;  // its own stamp: read afresh
    const std::vector<Reason> afresh = Checked(parcel, fresh);
    const std::vector<Reason> remembered = Checked(parcel, config);
    ASSERT_EQ(remembered.size(), afresh.size()) << description;
    for (size_t i = 0; i < afresh.size(); ++i) {
      EXPECT_EQ(remembered[i].code, afresh[i].code) << description;
      EXPECT_EQ(remembered[i].message, afresh[i].message) << description;
      EXPECT_EQ(remembered[i].evidence, afresh[i].evidence) << description;
    }
  }
}

}  // namespace
}  // namespace placi::core
