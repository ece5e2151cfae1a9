// WatchlistIndex keeps, per thread, what looking up a shipper found
// (Options::cached_parties, core/recent_party_hits.h). An index keeping
// parties must answer every parcel as one keeping none does: the same hits,
// in the same order, with the same fields, values and similarities, across
// upserts and deletes (which change what a kept shipper would find) and
// thresholds.
#include "core/recent_party_hits.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

WatchlistEntry NotedEntry(std::string id, EntryKind kind, std::string value) {
  return WatchlistEntry{std::move(id), kind, std::move(value), Referral::kRequestForScreening, 50,
                        "test", "a note"};
}

WatchlistIndex::Options KeepingParties(size_t cached_parties) {
  WatchlistIndex::Options options;
  options.cached_parties = cached_parties;
  return options;
}

// Every hit of each parcel in turn, similarity to 17 digits, a parcel's
// start marked "|".
std::vector<std::string> HitsOf(const WatchlistIndex& index,
                                const std::vector<Consignment>& parcels, double threshold) {
  std::vector<std::string> found;
  for (const Consignment& parcel : parcels) {
    std::vector<WatchlistHit> hits;
    index.Match(parcel, &hits, {.name_similarity_threshold = threshold});
    found.push_back("|");
    for (const WatchlistHit& hit : hits) {
      char similarity[32];
      std::snprintf(similarity, sizeof similarity, "%.17g", hit.similarity);
      found.push_back(absl::StrCat(hit.entry.id, "/", hit.entry.note, "@", hit.field, "=",
                                   hit.matched_value, "~", similarity));
    }
  }
  return found;
}

// Shippers from a small population, some of whose names (exact, with a
// typo, glued), addresses, phones, e-mails and tax ids are watchlisted, and
// a consignee that sometimes shares the shipper's phone (an entry is
// reported once, at its first field: the shipper's).
struct World {
  std::vector<WatchlistEntry> entries;
  std::vector<WatchlistEntry> late;   // upserted later: more of the shippers' keys
  std::vector<std::string> deleted;   // deleted after that
  std::vector<Consignment> parcels;
};

World MakeWorld() {
  std::mt19937_64 rng(4711);
  World world;
  std::vector<Party> shippers;
  for (int s = 0; s < 30; ++s) {
    Party p;
    p.name = absl::StrCat("Shenzhen Kaiyuan", s, " Trading Co., Ltd.");
    p.address = {absl::StrCat(s, " Harbour Road, Building 7"), "Shenzhen", "518000", "CN"};
    p.phone = absl::StrCat("+86 755 1234 ", 1000 + s);
    p.email = absl::StrCat("export", s, "@shipper.example.com");
    if (s % 4 != 3) p.tax_id = absl::StrCat("91440300MB", 10000 + s);
    shippers.push_back(p);
    std::vector<WatchlistEntry>& into = s % 3 == 0 ? world.late : world.entries;
    switch (s % 6) {
      case 0:
        into.push_back(NotedEntry(absl::StrCat("n", s), EntryKind::kPartyName, p.name));
        break;
      case 1:  // one or three typos away: found by the fuzzy names, at some thresholds
        into.push_back(NotedEntry(absl::StrCat("t", s), EntryKind::kPartyName,
                                  s % 4 == 1
                                      ? absl::StrCat("Shenzhen Kaiyuan", s, " Tradimg Co., Ltd.")
                                      : absl::StrCat("Shemzhen Kaiyuam", s, " Tradimg Co.")));
        break;
      case 2:
        into.push_back(NotedEntry(absl::StrCat("a", s), EntryKind::kAddress,
                                  absl::StrCat(p.address.street, ", 518000 Shenzhen")));
        break;
      case 3:
        into.push_back(NotedEntry(absl::StrCat("p", s), EntryKind::kPhone, p.phone));
        break;
      case 4:
        into.push_back(NotedEntry(absl::StrCat("e", s), EntryKind::kEmail, p.email));
        break;
      default:
        into.push_back(NotedEntry(absl::StrCat("x", s), EntryKind::kTaxId,
                                  absl::StrCat("91440300MB", 10000 + s)));
        into.push_back(NotedEntry(absl::StrCat("n", s), EntryKind::kPartyName, p.name));
    }
  }
  world.entries.push_back(NotedEntry("cn", EntryKind::kPartyName, "Maria Schneider"));
  for (int s = 0; s < 30; s += 4) world.deleted.push_back(absl::StrCat("n", s));
  world.deleted.push_back("t1");
  world.deleted.push_back("p9");
  for (int i = 0; i < 400; ++i) {
    Consignment parcel = placi::testing::CleanParcel(absl::StrCat("H", i));
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    parcel.consignor = shippers[static_cast<size_t>(u * u * shippers.size())];
    // The same name with another shipper's phone or address: another party.
    const Party& other = shippers[rng() % shippers.size()];
    if (i % 5 == 0) parcel.consignor.phone = other.phone;
    if (i % 11 == 0) parcel.consignor.address = other.address;
    if (i % 7 == 0) parcel.consignee.phone = parcel.consignor.phone;
    world.parcels.push_back(parcel);
  }
  return world;
}

TEST(RecentPartyHitsTest, KeptShippersFindWhatLookingThemUpFinds) {
  const World world = MakeWorld();
  const double thresholds[] = {0.95, 0.75};
  // [phase][threshold]: with the first entries, the late ones upserted,
  // some deleted.
  std::vector<std::string> expected[3][2];
  for (int t = 0; t < 2; ++t) {
    WatchlistIndex reading(KeepingParties(0));
    reading.Upsert(world.entries, 1);
    expected[0][t] = HitsOf(reading, world.parcels, thresholds[t]);
    reading.Upsert(world.late, 2);
    expected[1][t] = HitsOf(reading, world.parcels, thresholds[t]);
    reading.Delete(world.deleted, 3);
    expected[2][t] = HitsOf(reading, world.parcels, thresholds[t]);
  }
  // The world finds what it is meant to: each kind of the shippers' hits,
  // names a few typos away at one threshold only, and changes with the
  // upsert and the delete.
  const auto has = [](const std::vector<std::string>& hits, std::string_view part) {
    return std::any_of(hits.begin(), hits.end(),
                       [&](const std::string& hit) { return hit.find(part) != std::string::npos; });
  };
  for (std::string_view field : {"@consignor.name", "@consignor.address", "@consignor.phone",
                                 "@consignor.email", "@consignor.tax_id"}) {
    EXPECT_TRUE(has(expected[1][1], field)) << field;
  }
  EXPECT_NE(expected[0][0], expected[0][1]) << "the thresholds find the same names";
  EXPECT_NE(expected[0][1], expected[1][1]);
  EXPECT_NE(expected[1][1], expected[2][1]);

  for (size_t kept : {1, 2, 7, 8192}) {
    WatchlistIndex index(KeepingParties(kept));
    for (int phase = 0; phase < 3; ++phase) {
      if (phase == 0) index.Upsert(world.entries, 1);
      if (phase == 1) index.Upsert(world.late, 2);
      if (phase == 2) index.Delete(world.deleted, 3);
      // Each threshold twice, in turn on one thread (the second time from
      // what was kept).
      for (int round = 0; round < 4; ++round) {
        EXPECT_EQ(HitsOf(index, world.parcels, thresholds[round % 2]), expected[phase][round % 2])
            << "kept " << kept << ", phase " << phase << ", round " << round;
      }
    }
  }
}

// Two indexes used in turn on one thread: each finds its own entries (the
// memo is emptied when the generation it was filled under changes).
TEST(RecentPartyHitsTest, TwoIndexesOnOneThreadKeepApart) {
  WatchlistIndex a;
  WatchlistIndex b;
  Consignment parcel = placi::testing::CleanParcel();
  a.Upsert({NotedEntry("in-a", EntryKind::kPhone, parcel.consignor.phone)}, 1);
  b.Upsert({NotedEntry("in-b", EntryKind::kAddress, "88 Wenyi West Road, Hangzhou 310012")}, 1);
  for (int i = 0; i < 5; ++i) {
    std::vector<WatchlistHit> hits;
    a.Match(parcel, &hits);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].entry.id, "in-a");
    hits.clear();
    b.Match(parcel, &hits);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].entry.id, "in-b");
    EXPECT_EQ(hits[0].field, "consignor.address");
  }
}

}  // namespace
}  // namespace placi::core
