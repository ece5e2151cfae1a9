#include "core/name_readings.h"

#include <string>
#include <string_view>
#include <vector>

#include "core/watchlist_index.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> Readings(std::string_view name, std::string_view country = "") {
  std::vector<std::string> readings;
  AppendNameReadings(name, country, &readings);
  return readings;
}

// Review bb4 M3: ICU writes a Hangul word as one run of Revised
// Romanization ("gimminjun"); people write the surname apart, in its usual
// form, and the given name glued or in syllables, in RR or as passports
// spell it.
TEST(NameReadingsTest, HangulNamesReadAsKoreansSpellThem) {
  const std::vector<std::string> kim = Readings("김민준");
  for (const char* reading : {"kim minjun", "gim minjun", "kim min jun", "gim min jun"}) {
    EXPECT_THAT(kim, Contains(reading));
  }
  EXPECT_THAT(Readings("박지수"), Contains("park jisoo"));
  EXPECT_THAT(Readings("박지수"), Contains("bak jisu"));
  EXPECT_THAT(Readings("이영희"), Contains("lee younghee"));
  EXPECT_THAT(Readings("최정호"), Contains("choi jungho"));
  EXPECT_THAT(Readings("김 민준"), Contains("kim minjun"));
  EXPECT_LE(Readings("이수정").size(), kMaxNameReadings);
}

TEST(NameReadingsTest, HanNamesReadInCantoneseForHongKongAndInJapaneseForJapan) {
  EXPECT_THAT(Readings("陳大文", "HK"), Contains("chan tai man"));
  EXPECT_THAT(Readings("陳大文", "MO"), Contains("chan taiman"));
  EXPECT_THAT(Readings("陈大文", "hk"), Contains("chan tai man"));  // simplified
  EXPECT_THAT(Readings("田中太郎", "JP"), Contains("tanaka taro"));
  EXPECT_THAT(Readings("佐々木 健", "JP"), Contains("sasaki ken"));
  // A watchlist entry has no country, a party abroad may be of either:
  // both readings.
  EXPECT_THAT(Readings("陳大文"), Contains("chan tai man"));
  EXPECT_THAT(Readings("田中太郎"), Contains("tanaka taro"));
  EXPECT_THAT(Readings("陳大文", "DE"), Contains("chan tai man"));
  EXPECT_THAT(Readings("田中太郎", "DE"), Contains("tanaka taro"));
  EXPECT_THAT(Readings("田中太郎", "HK"), IsEmpty());
  // Mainland and Taiwan names keep ICU's Mandarin reading alone.
  EXPECT_THAT(Readings("陳大文", "CN"), IsEmpty());
  EXPECT_THAT(Readings("田中太郎", "TW"), IsEmpty());
}

TEST(NameReadingsTest, ArabicPersianHebrewAndThaiNamesReadByTheirListedWords) {
  EXPECT_THAT(Readings("محمد الراشد"), Contains("mohammed al rashid"));
  EXPECT_THAT(Readings("محمد الراشد"), Contains("muhammad al rashid"));
  EXPECT_THAT(Readings("أحمد حسن"), Contains("ahmed hassan"));
  EXPECT_THAT(Readings("علی رضایی"), Contains("ali rezaei"));  // Persian yeh
  EXPECT_THAT(Readings("מֹשֶׁה כהן"), Contains("moshe cohen"));  // pointed
  EXPECT_THAT(Readings("דוד כהן"), Contains("david cohen"));
  EXPECT_THAT(Readings("สมชาย ใจดี"), Contains("somchai jaidee"));
  EXPECT_THAT(Readings("محمد الراشد للتجارة العامة"),
              Contains("mohammed al rashid trading general"));
  EXPECT_THAT(Readings("خالد المنصوري"), Contains("khaled al mansoori"));
  EXPECT_THAT(Readings("مهدی کاظمی"), Contains("mehdi kazemi"));  // Persian yeh and kaf
  // A word the tables do not list: no reading of the name.
  EXPECT_THAT(Readings("محمد قريطم"), IsEmpty());
}

TEST(NameReadingsTest, OtherNamesHaveNone) {
  for (const char* name : {"Kim Minjun", "Müller", "Сергей Иванов", "김민준 Kim", "王伟 Wang",
                           "タナカ タロウ", ""}) {
    EXPECT_THAT(Readings(name), IsEmpty()) << name;
  }
}

WatchlistEntry NameEntry(std::string id, std::string value) {
  return WatchlistEntry{std::move(id), EntryKind::kPartyName, std::move(value),
                        Referral::kRequestForScreening, 50, "test", ""};
}

std::vector<std::string> ConsignorHits(const WatchlistIndex& index, std::string name,
                                       std::string country) {
  Consignment parcel = placi::testing::CleanParcel();
  parcel.consignor.name = std::move(name);
  parcel.consignor.address.country_code = std::move(country);
  std::vector<WatchlistHit> hits;
  index.Match(parcel, &hits);
  std::vector<std::string> ids;
  for (const WatchlistHit& hit : hits) {
    if (hit.field == "consignor.name") ids.push_back(hit.entry.id);
  }
  return ids;
}

struct ScriptPair {
  const char* native;
  const char* latin;
  const char* country;  // the party's, when it files the native name
};

// Review bb4 M3, both ways: an entry in one script finds the parcel whose
// party is filed in the other.
TEST(NameReadingsTest, AListedNameIsFoundWrittenInTheOtherScript) {
  const ScriptPair pairs[] = {
      {"김민준", "Kim Minjun", "KR"},       {"김민준", "Gim Minjun", "KR"},
      {"김민준", "KIM Min-jun", "KR"},      {"박지수", "Park Jisoo", "KR"},
      {"陳大文", "Chan Tai Man", "HK"},     {"陳大文", "CHAN Tai-man", "HK"},
      {"田中太郎", "Tanaka Taro", "JP"},    {"محمد الراشد", "Mohammed Al Rashid", "AE"},
      {"محمد الراشد", "Mohammed Al-Rashid", "AE"}, {"أحمد حسن", "Ahmed Hassan", "EG"},
      {"علی رضایی", "Ali Rezaei", "IR"},    {"דוד כהן", "David Cohen", "IL"},
      {"สมชาย ใจดี", "Somchai Jaidee", "TH"},
  };
  for (const ScriptPair& pair : pairs) {
    WatchlistIndex index;
    index.Upsert({NameEntry("native", pair.native), NameEntry("latin", pair.latin)}, 1);
    EXPECT_THAT(ConsignorHits(index, pair.latin, "DE"), Contains("native"))
        << pair.latin << " → " << pair.native;
    EXPECT_THAT(ConsignorHits(index, pair.native, pair.country), Contains("latin"))
        << pair.native << " → " << pair.latin;
  }
}

// A parcel's reading is matched fuzzily too: a listed Latin spelling with
// a typo is found from the name in Hangul.
TEST(NameReadingsTest, AReadingFindsAMisspeltListedName) {
  WatchlistIndex index;
  index.Upsert({NameEntry("latin", "Kim Minjunn")}, 1);
  EXPECT_THAT(ConsignorHits(index, "김민준", "KR"), Contains("latin"));
}

TEST(NameReadingsTest, ReadingsFindNoOtherName) {
  WatchlistIndex index;
  index.Upsert({NameEntry("kim", "김민준"), NameEntry("chan", "Chan Tai Man"),
                NameEntry("tanaka", "田中太郎"), NameEntry("park", "Park Jisoo")},
               1);
  EXPECT_THAT(ConsignorHits(index, "Kim Minsu", "DE"), IsEmpty());
  EXPECT_THAT(ConsignorHits(index, "Tanaka Jiro", "DE"), IsEmpty());
  EXPECT_THAT(ConsignorHits(index, "박지민", "KR"), IsEmpty());
  // A mainland name is read in Mandarin ("chen da wen"), not as Hong Kong
  // spells it.
  EXPECT_THAT(ConsignorHits(index, "陳大文", "CN"), Not(Contains("chan")));
  // Removed, it is found no more under its readings.
  index.Delete({"kim"}, 2);
  EXPECT_THAT(ConsignorHits(index, "Kim Minjun", "DE"), IsEmpty());
}

}  // namespace
}  // namespace placi::core
