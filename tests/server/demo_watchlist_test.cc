// Parsing of seed watchlists (JSON lines of WatchlistEntry).
#include "server/demo_watchlist.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace placi::server {
namespace {

TEST(ParseWatchlistJsonlTest, ParsesEntriesSkippingBlankAndCommentLines) {
  auto entries = ParseWatchlistJsonl(
      "# demo\n"
      R"({"id":"p-1","kind":"ENTRY_KIND_PHONE","value":"+86 755 1234","referral":"REFERRAL_DO_NOT_LOAD","points":40})"
      "\n\n"
      R"({"id":"b-1","kind":"ENTRY_KIND_BRAND_TERM","value":"Acme","referral":"REFERRAL_NONE"})"
      "\n",
      "test");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].id, "p-1");
  EXPECT_EQ((*entries)[0].kind, core::EntryKind::kPhone);
  EXPECT_EQ((*entries)[0].referral, core::Referral::kDoNotLoad);
  EXPECT_EQ((*entries)[0].points, 40);
  EXPECT_EQ((*entries)[1].kind, core::EntryKind::kBrandTerm);
  EXPECT_EQ((*entries)[1].referral, core::Referral::kNone);
}

// Windows editors save UTF-8 with a byte order mark before the first line.
TEST(ParseWatchlistJsonlTest, AByteOrderMarkBeforeTheFirstLineIsSkipped) {
  auto entries = ParseWatchlistJsonl(
      "\xEF\xBB\xBF"
      R"({"id":"b-1","kind":"ENTRY_KIND_BRAND_TERM","value":"Acme","referral":"REFERRAL_NONE"})"
      "\r\n",
      "test");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].id, "b-1");
}

TEST(ParseWatchlistJsonlTest, BadJsonNamesTheLine) {
  auto entries = ParseWatchlistJsonl(
      R"({"id":"p-1","kind":"ENTRY_KIND_PHONE","value":"+86 755 1234","referral":"REFERRAL_NONE"})"
      "\n{not json\n",
      "seed.jsonl");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(entries.status().message(), "seed.jsonl:2")) << entries.status();
}

TEST(ParseWatchlistJsonlTest, InvalidEntryNamesLineAndField) {
  auto entries = ParseWatchlistJsonl(
      R"({"id":"has space","kind":"ENTRY_KIND_PHONE","value":"+86 755 1234"})", "seed.jsonl");
  ASSERT_FALSE(entries.ok());
  EXPECT_TRUE(absl::StrContains(entries.status().message(), "seed.jsonl:1: entry.id"))
      << entries.status();
}

// UpsertEntries refuses an entry without a referral (a do-not-load entry
// whose feed forgot the field would only add points); a seed line was read
// as REFERRAL_NONE and started the server (ingest26).
TEST(ParseWatchlistJsonlTest, AMissingReferralNamesTheLineAndField) {
  auto entries = ParseWatchlistJsonl(
      "{\"id\":\"p-1\",\"kind\":\"ENTRY_KIND_PHONE\",\"value\":\"+44 20 7946 0958\","
      "\"referral\":\"REFERRAL_NONE\"}\n"
      "{\"id\":\"p-2\",\"kind\":\"ENTRY_KIND_PHONE\",\"value\":\"+44 20 7946 0959\","
      "\"points\":100}\n",
      "seed.jsonl");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(entries.status().message(),
            "seed.jsonl:2: entry.referral: is required (REFERRAL_NONE for an entry that only adds "
            "points)");
}

// A repeated id names both lines (review bb3 L9: the second entry replaced
// the first, silently: watchlist_entries=1 for two lines).
TEST(ParseWatchlistJsonlTest, ARepeatedIdNamesBothLines) {
  auto entries = ParseWatchlistJsonl(
      "{\"id\":\"s-1\",\"kind\":\"ENTRY_KIND_PHONE\",\"value\":\"+49 221 555 0100\","
      "\"referral\":\"REFERRAL_NONE\",\"points\":10}\n"
      "\n"
      "{\"id\":\"s-1\",\"kind\":\"ENTRY_KIND_PHONE\",\"value\":\"+49 221 555 0101\","
      "\"referral\":\"REFERRAL_NONE\",\"points\":10}\n",
      "seed.jsonl");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(entries.status().message(),
            "seed.jsonl:3: entry.id: \"s-1\" is also the id of line 1; one entry per id");
}

TEST(LoadSeedWatchlistTest, NoneMeansNoSeed) {
  auto seed = LoadSeedWatchlist("none");
  ASSERT_TRUE(seed.ok());
  EXPECT_FALSE(seed->has_value());
}

TEST(LoadSeedWatchlistTest, EmptyMeansTheEmbeddedDemoWatchlist) {
  auto seed = LoadSeedWatchlist("");
  ASSERT_TRUE(seed.ok()) << seed.status();
  ASSERT_TRUE(seed->has_value());
  EXPECT_FALSE((*seed)->empty());
}

}  // namespace
}  // namespace placi::server
