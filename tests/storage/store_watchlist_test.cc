// Watchlist side of storage::Store: upsert, get, list (paging, kind filter),
// delete, versions, and the in-memory index kept in step with every write.
#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/consignment.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/storage/storage_test_util.h"

namespace placi::storage {
namespace {

using core::EntryKind;
using testing::Entry;
using testing::ExpectEntryEq;
using testing::TempDir;

class StoreWatchlistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    auto store = Store::Open({.path = dir_.db(), .index = &index_});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  std::vector<std::string> Ids(const WatchlistPage& page) {
    std::vector<std::string> ids;
    for (const auto& e : page.entries) ids.push_back(e.id);
    return ids;
  }

  TempDir dir_;
  core::WatchlistIndex index_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreWatchlistTest, NewDatabaseIsEmptyAtVersionZero) {
  WatchlistInfo info = store_->GetWatchlistInfo();
  EXPECT_EQ(info.entry_count, 0u);
  EXPECT_EQ(info.version, 0u);
  EXPECT_EQ(index_.version(), 0u);
  EXPECT_EQ(index_.size(), 0u);
}

// A batch's puts are written in id order (the memtable inserts faster);
// of an id given twice the later entry still wins, in the store and in the
// index, and after a reopen.
TEST_F(StoreWatchlistTest, OfAnIdGivenTwiceInABatchTheLaterWinsWhateverTheIdOrder) {
  std::vector<core::WatchlistEntry> batch;
  for (int i = 0; i < 50; ++i) {
    batch.push_back(Entry("id-" + std::to_string(49 - i), EntryKind::kPhone,
                          "+86 138 0000 " + std::to_string(1000 + i),
                          core::Referral::kRequestForScreening, 40));
  }
  batch.push_back(Entry("id-7", EntryKind::kEmail, "later@example.cn",
                        core::Referral::kDoNotLoad, 90));
  batch.push_back(Entry("id-0", EntryKind::kEmail, "last@example.cn",
                        core::Referral::kDoNotLoad, 90));
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{batch}).ok());
  const auto check = [&](Store& store, const core::WatchlistIndex& index) {
    EXPECT_EQ(store.GetWatchlistInfo().entry_count, 50u);
    EXPECT_EQ(index.size(), 50u);
    auto seven = store.GetEntry("id-7");
    ASSERT_TRUE(seven.ok()) << seven.status();
    ExpectEntryEq(*seven, batch[50]);
    auto zero = store.GetEntry("id-0");
    ASSERT_TRUE(zero.ok()) << zero.status();
    ExpectEntryEq(*zero, batch[51]);
    auto first = store.GetEntry("id-49");
    ASSERT_TRUE(first.ok()) << first.status();
    ExpectEntryEq(*first, batch[0]);
  };
  check(*store_, index_);
  store_.reset();
  core::WatchlistIndex reopened_index;
  auto reopened = Store::Open({.path = dir_.db(), .index = &reopened_index});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  check(**reopened, reopened_index);
}

// The load at open reads, parses, keys and indexes entries on three
// threads, a chunk of 4,096 at a time: a reopened index holds every entry
// with every field and finds what an index given the stored entries in id
// order (the order the load reads them in) by plain Upserts finds, to the
// fuzzy names' similarities. (The live index filed them in the order they
// came, so its fuzzy candidates may tie otherwise.)
TEST_F(StoreWatchlistTest, AReopenedIndexFindsWhatTheWritesIndexed) {
  std::vector<core::WatchlistEntry> entries;
  for (int i = 0; i < 10'000; ++i) {
    const std::string n = std::to_string(i);
    core::WatchlistEntry e;
    switch (i % 5) {
      case 0:
        e = Entry("n" + n, EntryKind::kPartyName, "Karozenvo" + n + " Trading Co., Ltd.");
        break;
      case 1:
        e = Entry("c" + n, EntryKind::kPartyName, "深圳华强" + n + "电子有限公司");
        break;
      case 2:
        e = Entry("a" + n, EntryKind::kAddress, n + " Wenyi West Rd, Hangzhou, CN");
        break;
      case 3:
        e = Entry("p" + n, EntryKind::kPhone, "+86 138 0" + n);
        break;
      default:
        e = Entry("t" + n, EntryKind::kDescriptionTerm, "copy" + n + " quality");
    }
    e.referral = i % 2 == 0 ? core::Referral::kDoNotLoad : core::Referral::kRequestForScreening;
    e.points = i % 100;
    e.source = "feed " + n;
    e.note = "note " + n;
    entries.push_back(std::move(e));
  }
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{entries}).ok());
  ASSERT_TRUE(store_->Apply(WatchlistDelete{{"n5", "a7"}}).ok());
  entries[0].value = "Replaced Karozenvo Holding";
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{entries[0]}}).ok());

  std::vector<core::Consignment> parcels;
  for (int i : {0, 5, 6, 7, 12, 13, 14, 4096, 8191, 9999}) {
    core::Consignment parcel;
    parcel.consignor.name = entries[i].value;
    parcel.consignee.name = "Karozenvo" + std::to_string(i) + " Tradng";  // fuzzy
    parcel.consignee.address.street = std::to_string(i) + " Wenyi West Road";
    parcel.consignee.address.city = "Hangzhou";
    parcel.consignee.address.country_code = "CN";
    parcel.consignee.phone = "+861380" + std::to_string(i);
    parcel.items.push_back({.description = "copy" + std::to_string(i) + " quality bag"});
    parcels.push_back(std::move(parcel));
  }
  const auto hits_of = [](const core::WatchlistIndex& index, const core::Consignment& parcel) {
    std::vector<core::WatchlistHit> hits;
    index.Match(parcel, &hits);
    return hits;
  };
  const uint64_t version = index_.version();
  store_.reset();
  std::vector<core::WatchlistEntry> stored;
  for (const core::WatchlistEntry& e : entries) {
    if (e.id != "n5" && e.id != "a7") stored.push_back(e);
  }
  std::sort(stored.begin(), stored.end(),
            [](const core::WatchlistEntry& a, const core::WatchlistEntry& b) { return a.id < b.id; });
  core::WatchlistIndex reference;
  for (size_t i = 0; i < stored.size(); i += 1000) {
    reference.Upsert(absl::MakeConstSpan(stored).subspan(i, 1000), version);
  }
  std::vector<std::vector<core::WatchlistHit>> live;
  for (const core::Consignment& parcel : parcels) live.push_back(hits_of(reference, parcel));

  core::WatchlistIndex reopened_index;
  auto reopened = Store::Open({.path = dir_.db(), .index = &reopened_index});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(reopened_index.size(), entries.size() - 2);
  EXPECT_EQ(reopened_index.version(), version);
  EXPECT_EQ((*reopened)->GetWatchlistInfo().entry_count, entries.size() - 2);
  size_t found = 0;
  for (size_t p = 0; p < parcels.size(); ++p) {
    const std::vector<core::WatchlistHit> hits = hits_of(reopened_index, parcels[p]);
    ASSERT_EQ(hits.size(), live[p].size()) << "parcel " << p;
    for (size_t h = 0; h < hits.size(); ++h) {
      EXPECT_EQ(hits[h].field, live[p][h].field);
      EXPECT_EQ(hits[h].similarity, live[p][h].similarity);
      ExpectEntryEq(live[p][h].entry, hits[h].entry);  // every field, source and note too
    }
    found += hits.size();
  }
  EXPECT_GT(found, 30u);
}

TEST_F(StoreWatchlistTest, UpsertThenGetReturnsEveryField) {
  auto a = Entry("wl-a", EntryKind::kPhone, "+86 138 0000 0000",
                 core::Referral::kRequestForScreening, 40);
  auto b = Entry("wl-b", EntryKind::kBrandTerm, "rolex", core::Referral::kIprExamination, 30);
  auto result = store_->Apply(WatchlistUpsert{{a, b}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->affected, 2u);
  EXPECT_EQ(result->watchlist_version, 1u);

  auto got = store_->GetEntry("wl-a");
  ASSERT_TRUE(got.ok()) << got.status();
  ExpectEntryEq(a, *got);
  got = store_->GetEntry("wl-b");
  ASSERT_TRUE(got.ok()) << got.status();
  ExpectEntryEq(b, *got);

  auto missing = store_->GetEntry("wl-none");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("wl-none"), absl::string_view::npos);
}

TEST_F(StoreWatchlistTest, UpsertReplacesById) {
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("x", EntryKind::kEmail, "a@b.example")}}).ok());
  auto changed = Entry("x", EntryKind::kEmail, "c@d.example", core::Referral::kDoNotLoad, 90);
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{changed}}).ok());
  auto got = store_->GetEntry("x");
  ASSERT_TRUE(got.ok());
  ExpectEntryEq(changed, *got);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 1u);
  EXPECT_EQ(index_.size(), 1u);
}

TEST_F(StoreWatchlistTest, VersionsIncreaseAndIndexFollowsEveryEvent) {
  auto r1 = store_->Apply(WatchlistUpsert{{Entry("a", EntryKind::kTaxId, "DE123"),
                                           Entry("b", EntryKind::kTaxId, "DE456")}});
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->watchlist_version, 1u);
  EXPECT_EQ(index_.version(), 1u);
  EXPECT_EQ(index_.size(), 2u);

  // One existing id and one new one: two upserted, three stored.
  auto r2 = store_->Apply(WatchlistUpsert{{Entry("b", EntryKind::kTaxId, "DE789"),
                                           Entry("c", EntryKind::kSellerId, "seller-9")}});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->watchlist_version, 2u);
  EXPECT_EQ(r2->affected, 2u);
  EXPECT_EQ(index_.version(), 2u);
  EXPECT_EQ(index_.size(), 3u);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 3u);
  EXPECT_EQ(store_->GetWatchlistInfo().version, 2u);

  auto r3 = store_->Apply(WatchlistDelete{{"a"}});
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->watchlist_version, 3u);
  EXPECT_EQ(index_.version(), 3u);
  EXPECT_EQ(index_.size(), 2u);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 2u);
}

TEST_F(StoreWatchlistTest, DeleteCountsOnlyIdsThatExisted) {
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("a", EntryKind::kPhone, "111"),
                                             Entry("b", EntryKind::kPhone, "222")}})
                  .ok());
  // "a" twice and an unknown id: one deletion.
  auto result = store_->Apply(WatchlistDelete{{"a", "nope", "a"}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->affected, 1u);
  EXPECT_EQ(store_->GetEntry("a").status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetEntry("b").ok());
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 1u);
  EXPECT_EQ(index_.size(), 1u);

  auto again = store_->Apply(WatchlistDelete{{"a"}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->affected, 0u);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, 1u);
}

TEST_F(StoreWatchlistTest, IndexMatchesWhatWasWrittenAndForgetsWhatWasDeleted) {
  const std::string phone = "+8613800000000";
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("wl-phone", EntryKind::kPhone, phone,
                                                   core::Referral::kDoNotLoad, 80)}})
                  .ok());
  core::Consignment parcel;
  parcel.consignee.phone = phone;
  std::vector<core::WatchlistHit> hits;
  index_.Match(parcel, &hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].entry.id, "wl-phone");

  ASSERT_TRUE(store_->Apply(WatchlistDelete{{"wl-phone"}}).ok());
  hits.clear();
  index_.Match(parcel, &hits);
  EXPECT_TRUE(hits.empty());
}

TEST_F(StoreWatchlistTest, RefusesEntryWithoutIdAndChangesNothing) {
  auto result = store_->Apply(WatchlistUpsert{{Entry("ok", EntryKind::kPhone, "1"),
                                               Entry("", EntryKind::kPhone, "2")}});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetEntry("ok").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetWatchlistInfo().version, 0u);
  EXPECT_EQ(index_.size(), 0u);
}

TEST_F(StoreWatchlistTest, ListPagesInIdOrder) {
  // Written out of order; listed in id order.
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("e3", EntryKind::kPhone, "3"),
                                             Entry("e1", EntryKind::kPhone, "1"),
                                             Entry("e5", EntryKind::kPhone, "5"),
                                             Entry("e2", EntryKind::kPhone, "2"),
                                             Entry("e4", EntryKind::kPhone, "4")}})
                  .ok());
  auto p1 = store_->ListEntries(std::nullopt, "", 2);
  ASSERT_TRUE(p1.ok()) << p1.status();
  EXPECT_EQ(Ids(*p1), (std::vector<std::string>{"e1", "e2"}));
  EXPECT_EQ(p1->next_page_token, "e2");
  ExpectEntryEq(Entry("e1", EntryKind::kPhone, "1"), p1->entries[0]);

  auto p2 = store_->ListEntries(std::nullopt, p1->next_page_token, 2);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(Ids(*p2), (std::vector<std::string>{"e3", "e4"}));
  EXPECT_EQ(p2->next_page_token, "e4");

  auto p3 = store_->ListEntries(std::nullopt, p2->next_page_token, 2);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Ids(*p3), (std::vector<std::string>{"e5"}));
  EXPECT_EQ(p3->next_page_token, "");

  // A page that ends exactly at the last entry has no next page.
  auto all = store_->ListEntries(std::nullopt, "", 5);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->entries.size(), 5u);
  EXPECT_EQ(all->next_page_token, "");
}

TEST_F(StoreWatchlistTest, PagingSurvivesDeletionOfTheTokenEntry) {
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("a", EntryKind::kPhone, "1"),
                                             Entry("b", EntryKind::kPhone, "2"),
                                             Entry("c", EntryKind::kPhone, "3")}})
                  .ok());
  auto p1 = store_->ListEntries(std::nullopt, "", 2);
  ASSERT_TRUE(p1.ok());
  ASSERT_EQ(p1->next_page_token, "b");
  ASSERT_TRUE(store_->Apply(WatchlistDelete{{"b"}}).ok());
  auto p2 = store_->ListEntries(std::nullopt, p1->next_page_token, 2);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(Ids(*p2), (std::vector<std::string>{"c"}));
}

TEST_F(StoreWatchlistTest, ListFiltersByKind) {
  ASSERT_TRUE(store_->Apply(WatchlistUpsert{{Entry("a", EntryKind::kPhone, "1"),
                                             Entry("b", EntryKind::kEmail, "b@x.example"),
                                             Entry("c", EntryKind::kPhone, "3"),
                                             Entry("d", EntryKind::kEmail, "d@x.example"),
                                             Entry("e", EntryKind::kPhone, "5"),
                                             Entry("f", EntryKind::kEmail, "f@x.example")}})
                  .ok());
  auto p1 = store_->ListEntries(EntryKind::kEmail, "", 2);
  ASSERT_TRUE(p1.ok());
  EXPECT_EQ(Ids(*p1), (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(p1->next_page_token, "d");
  auto p2 = store_->ListEntries(EntryKind::kEmail, p1->next_page_token, 2);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(Ids(*p2), (std::vector<std::string>{"f"}));
  EXPECT_EQ(p2->next_page_token, "");

  // Two phones left after "c" but only one fits; the second makes a token.
  auto phones = store_->ListEntries(EntryKind::kPhone, "a", 1);
  ASSERT_TRUE(phones.ok());
  EXPECT_EQ(Ids(*phones), (std::vector<std::string>{"c"}));
  EXPECT_EQ(phones->next_page_token, "c");
  // No more phones after "e", though emails follow: no next page.
  auto last = store_->ListEntries(EntryKind::kPhone, "c", 1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(Ids(*last), (std::vector<std::string>{"e"}));
  EXPECT_EQ(last->next_page_token, "");

  auto none = store_->ListEntries(EntryKind::kBrandTerm, "", 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->entries.empty());
  EXPECT_EQ(none->next_page_token, "");
}

TEST_F(StoreWatchlistTest, ListRefusesPageSizeOutsideOneToThousand) {
  for (int bad : {0, -1, 1001}) {
    auto page = store_->ListEntries(std::nullopt, "", bad);
    EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(store_->ListEntries(std::nullopt, "", 1).ok());
  EXPECT_TRUE(store_->ListEntries(std::nullopt, "", 1000).ok());
}

TEST_F(StoreWatchlistTest, ConcurrentEventsGetDistinctVersionsInOrder) {
  constexpr int kThreads = 4;
  constexpr int kEventsPerThread = 8;
  std::vector<std::vector<uint64_t>> versions(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t, &versions] {
      for (int i = 0; i < kEventsPerThread; ++i) {
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto r = store_->Apply(WatchlistUpsert{{Entry(id, EntryKind::kPhone, id)}});
        if (r.ok()) versions[t].push_back(r->watchlist_version);
        // Verdicts interleave with watchlist writes without taking versions.
        (void)store_->Record(testing::SampleVerdict("01" + id, "HAWB-" + id));
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::vector<uint64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(versions[t].size(), static_cast<size_t>(kEventsPerThread));
    // Each thread sees its own writes get ever larger versions.
    EXPECT_TRUE(std::is_sorted(versions[t].begin(), versions[t].end()));
    all.insert(all.end(), versions[t].begin(), versions[t].end());
  }
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i + 1);
  constexpr uint64_t kTotal = kThreads * kEventsPerThread;
  EXPECT_EQ(index_.version(), kTotal);
  EXPECT_EQ(index_.size(), kTotal);
  EXPECT_EQ(store_->GetWatchlistInfo().version, kTotal);
  EXPECT_EQ(store_->GetWatchlistInfo().entry_count, kTotal);
}

}  // namespace
}  // namespace placi::storage
