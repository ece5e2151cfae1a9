// Window counters of storage::Store (core::HistoryStore on the `history`
// column family): same sums as the in-memory double, expiry, concurrency,
// restart, and the WindowIncrements event through Apply.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/history_store.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "storage/varint.h"
#include "storage/window_counters.h"
#include "storage/window_log.h"
#include "storage/window_snapshot.h"
#include "tests/storage/storage_test_util.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/in_memory_history_store.h"

namespace placi::storage {
namespace {

using core::CounterUpdate;
using testing::kDay;
using testing::kHour;
using testing::kT0;
using testing::TempDir;

constexpr absl::Duration kWeek = absl::Hours(24 * 7);

// One stored history key, decoded.
struct StoredBucket {
  int64_t start;
  int64_t width;
  std::string key;
  int64_t count;
  bool operator==(const StoredBucket&) const = default;
};

// The counter keys this file counts by: ReadHistoryCf names a stored hash
// by the one of these it is the hash of.
const std::vector<std::string> kCounterKeys = {"old", "recent", "now",  "new",  "k",
                                               "future", "cc|a", "cv|a", "sh|s", "ad|x"};

// The window counters as stored in the (closed) database at `path`, read
// without a Store, so that no expiry runs on the way: its window snapshot
// (window_snapshot.h), the window log records the snapshot does not hold,
// and, with no snapshot, the bucket keys of older versions; summed per
// bucket and sorted by bucket start, width and counter key. A counter is
// named by the counter key of kCounterKeys it is the hash of (under the
// data dir's seed), or "#" and the hash (or id) in hex.
std::vector<StoredBucket> ReadHistoryCf(const std::string& path) {
  std::vector<StoredBucket> out;
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return out;
  std::string seed_bytes;
  EXPECT_TRUE((*db)->db()->Get(rocksdb::ReadOptions(), (*db)->meta(), keys::kHistoryKeySeed,
                               &seed_bytes).ok());
  const uint64_t seed = keys::DecodeVersion(seed_bytes).value_or(0);
  std::map<uint64_t, std::string> names;
  for (const std::string& key : kCounterKeys) names[keys::CounterKeyHash(key, seed)] = key;
  const auto name_of_id = [&](uint64_t id, int64_t width) -> std::string {
    for (const std::string& key : kCounterKeys) {
      if (WindowCounters::IdOfHash(keys::CounterKeyHash(key, seed), width) == id) return key;
    }
    return absl::StrCat("#", absl::Hex(id));
  };
  const auto name_of_hash = [&](uint64_t hash) -> std::string {
    auto known = names.find(hash);
    return known != names.end() ? known->second : absl::StrCat("#", absl::Hex(hash));
  };
  std::map<std::tuple<int64_t, int64_t, std::string>, int64_t> counts;
  std::array<uint64_t, WindowCounters::kShards> next{};
  // WindowCounters::SerializeShard's layout.
  auto snapshot = ReadWindowSnapshot(
      path, seed,
      [&](int, uint64_t counters, std::string_view bytes) {
        for (uint64_t c = 0; c < counters; ++c) {
          uint64_t id = 0, width = 0, n = 0;
          EXPECT_TRUE(varint::ReadFixed64(&bytes, &id) && varint::Read(&bytes, &width) &&
                      varint::Read(&bytes, &n));
          for (uint64_t b = 0; b < n; ++b) {
            uint64_t bucket = 0, count = 0;
            EXPECT_TRUE(varint::Read(&bytes, &bucket) && varint::Read(&bytes, &count));
            counts[{static_cast<int64_t>(bucket * width), static_cast<int64_t>(width),
                    name_of_id(id, static_cast<int64_t>(width))}] += varint::UnZigZag(count);
          }
        }
        return bytes.empty();
      },
      &next);
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  const bool has_snapshot = snapshot.ok() && *snapshot;
  std::unique_ptr<rocksdb::Iterator> it(
      (*db)->db()->NewIterator(rocksdb::ReadOptions(), (*db)->history()));
  std::vector<LoggedIncrement> logged;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (auto sequence = keys::DecodeWindowLogKey(it->key().ToStringView())) {
      logged.clear();
      EXPECT_TRUE(DecodeWindowLogValue(it->value().ToStringView(), &logged));
      for (const LoggedIncrement& inc : logged) {
        const uint64_t id = WindowCounters::IdOfHash(inc.counter_hash, inc.bucket_width_seconds);
        if (*sequence < next[WindowCounters::ShardOfId(id)]) continue;
        counts[{inc.bucket * inc.bucket_width_seconds, inc.bucket_width_seconds,
                name_of_hash(inc.counter_hash)}] += inc.delta;
      }
      continue;
    }
    if (has_snapshot) continue;  // bucket keys a crash left: the snapshot holds them
    auto key = keys::DecodeHistoryKey(it->key().ToStringView());
    auto count = keys::DecodeCount(it->value().ToStringView());
    EXPECT_TRUE(key.has_value() && count.has_value());
    if (!key || !count) continue;
    std::string name(key->counter_key);
    if (key->counter_hash) name = name_of_hash(*key->counter_hash);
    counts[{key->bucket_start, key->width, name}] += *count;
  }
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  for (const auto& [bucket, count] : counts) {
    if (count == 0) continue;
    out.push_back({std::get<0>(bucket), std::get<1>(bucket), std::get<2>(bucket), count});
  }
  return out;
}

class StoreHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    Reopen();
  }

  void Reopen() {
    store_.reset();
    auto store = Store::Open({.path = dir_.db(), .index = &index_, .clock = &clock_});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  // AddAndSum, failing the test on an error.
  std::vector<int64_t> Sums(const std::vector<CounterUpdate>& updates, absl::Time now) {
    auto sums = store_->AddAndSum(updates, now);
    EXPECT_TRUE(sums.ok()) << sums.status();
    return sums.ok() ? *sums : std::vector<int64_t>(updates.size(), -1);
  }
  int64_t Sum(const std::string& key, absl::Duration window, absl::Time now) {
    return Sums({{key, window, 0}}, now)[0];
  }

  TempDir dir_;
  placi::testing::FakeClock clock_{kT0};
  core::WatchlistIndex index_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreHistoryTest, SumsMatchTheInMemoryDoubleAcrossBucketBoundaries) {
  placi::testing::InMemoryHistoryStore want;
  std::mt19937 rng(20261129);
  const std::vector<std::string> keys = {"cc|p|861380000", "cv|e|a@b.cn", "sh|acme|1 road", "x"};
  const std::vector<absl::Duration> windows = {kHour, kDay, kWeek, absl::Minutes(1)};
  const std::vector<int64_t> deltas = {0, 1, 1, 1, 2, 5, 1250, -1};
  absl::Time now = kT0 - absl::Seconds(7);
  for (int step = 0; step < 3000; ++step) {
    // Mostly small steps, now and then one onto a boundary or past a window.
    const int kind = std::uniform_int_distribution<int>(0, 19)(rng);
    if (kind == 0) {
      now += absl::Hours(std::uniform_int_distribution<int>(1, 30)(rng));
    } else if (kind == 1) {
      now = absl::FromUnixSeconds((absl::ToUnixSeconds(now) / 300 + 1) * 300);
    } else {
      now += absl::Seconds(std::uniform_int_distribution<int>(0, 400)(rng));
    }
    clock_.Advance(now - clock_.Now());  // the store's clock follows, so hourly expiry runs
    std::vector<CounterUpdate> updates;
    const int n = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int i = 0; i < n; ++i) {
      updates.push_back({keys[std::uniform_int_distribution<size_t>(0, keys.size() - 1)(rng)],
                         windows[std::uniform_int_distribution<size_t>(0, windows.size() - 1)(rng)],
                         deltas[std::uniform_int_distribution<size_t>(0, deltas.size() - 1)(rng)]});
    }
    auto expected = want.AddAndSum(updates, now);
    ASSERT_TRUE(expected.ok());
    ASSERT_EQ(Sums(updates, now), *expected) << "step " << step << " at " << now;
    if (step == 1500) Reopen();  // and a restart half way
  }
}

TEST_F(StoreHistoryTest, ACounterNamedTwiceReadsItsDeltasInOrder) {
  EXPECT_EQ(Sums({{"a", kDay, 1}, {"b", kDay, 1}, {"a", kDay, 2}, {"a", kHour, 1}}, kT0),
            (std::vector<int64_t>{1, 1, 3, 1}));
  EXPECT_EQ(Sum("a", kDay, kT0), 3);
}

// The same through CountAndSum (the screening path), whose increments move
// into *counted: short keys (kept inside the string) and long ones alike.
TEST_F(StoreHistoryTest, CountAndSumReadsACounterNamedTwiceInOrderToo) {
  const std::string long_key = "n|a consignee name long enough|at an address of many words";
  std::vector<core::WindowIncrement> counted;
  auto sums = store_->CountAndSum({{"a", kDay, 1},
                                   {long_key, kDay, 1},
                                   {"a", kDay, 2},
                                   {long_key, kDay, 0},
                                   {long_key, kDay, 4},
                                   {"a", kHour, 1}},
                                  kT0, &counted);
  ASSERT_TRUE(sums.ok()) << sums.status();
  EXPECT_EQ(*sums, (std::vector<int64_t>{1, 1, 3, 1, 5, 1}));
  ASSERT_EQ(counted.size(), 5u);
  EXPECT_EQ(counted[1].key, long_key);
  EXPECT_EQ(counted[3].key, long_key);
  EXPECT_EQ(counted[3].delta, 4);
}

// A second CountAndSum appends to the first's increments, and one that
// fails (a window out of range after a valid update) appends nothing and
// counts nothing: the caller takes back exactly what *counted holds.
TEST_F(StoreHistoryTest, CountAndSumAppendsOnlyWhatItCounted) {
  std::vector<core::WindowIncrement> counted;
  ASSERT_TRUE(store_->CountAndSum({{"first", kDay, 1}}, kT0, &counted).ok());
  auto failed = store_->CountAndSum({{"second", kDay, 1}, {"bad", absl::Seconds(1), 1}}, kT0,
                                    &counted);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(counted.size(), 1u);
  EXPECT_EQ(counted[0].key, "first");
  EXPECT_EQ(Sum("second", kDay, kT0), 0);
  ASSERT_TRUE(store_->CountAndSum({{"third", kDay, 2}, {"fourth", kDay, 0}}, kT0, &counted).ok());
  ASSERT_EQ(counted.size(), 2u);
  EXPECT_EQ(counted[1].key, "third");
  EXPECT_EQ(counted[1].delta, 2);
  store_->Uncount(counted);
  EXPECT_EQ(Sum("first", kDay, kT0), 0);
  EXPECT_EQ(Sum("third", kDay, kT0), 0);
}

TEST_F(StoreHistoryTest, WindowsExpireBucketByBucket) {
  Sums({{"h", kHour, 1}, {"d", kDay, 1}, {"w", kWeek, 1}}, kT0);
  Sums({{"h", kHour, 2}, {"d", kDay, 2}, {"w", kWeek, 2}}, kT0 + absl::Minutes(30));
  const auto at = [&](absl::Time t) {
    return Sums({{"h", kHour, 0}, {"d", kDay, 0}, {"w", kWeek, 0}}, t);
  };
  EXPECT_EQ(at(kT0 + absl::Minutes(59)), (std::vector<int64_t>{3, 3, 3}));
  // The bucket of kT0 leaves the hour window one hour after it began.
  EXPECT_EQ(at(kT0 + kHour), (std::vector<int64_t>{2, 3, 3}));
  EXPECT_EQ(at(kT0 + absl::Minutes(90)), (std::vector<int64_t>{0, 3, 3}));
  EXPECT_EQ(at(kT0 + kDay - absl::Seconds(1)), (std::vector<int64_t>{0, 3, 3}));
  EXPECT_EQ(at(kT0 + kDay), (std::vector<int64_t>{0, 0, 3}));  // both in one 2 h bucket
  EXPECT_EQ(at(kT0 + kWeek - absl::Seconds(1)), (std::vector<int64_t>{0, 0, 3}));
  EXPECT_EQ(at(kT0 + kWeek), (std::vector<int64_t>{0, 0, 0}));
}

TEST_F(StoreHistoryTest, NewerBucketsCountWhenTheClockLags) {
  // Another node (or an NTP step) counted a parcel 5 minutes "later".
  Sums({{"k", kHour, 1}}, kT0 + absl::Minutes(5));
  EXPECT_EQ(Sums({{"k", kHour, 1}}, kT0), (std::vector<int64_t>{2}));
}

TEST_F(StoreHistoryTest, ConcurrentAddAndSumGivesExactTotals) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::vector<std::vector<int64_t>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string own = "own|" + std::to_string(t);
      for (int i = 0; i < kPerThread; ++i) {
        auto sums = store_->AddAndSum(
            {{"a", kHour, 1}, {"b", kDay, 1}, {"c", kWeek, 2}, {own, kDay, 1}}, kT0);
        ASSERT_TRUE(sums.ok()) << sums.status();
        seen[t].push_back((*sums)[0]);
        ASSERT_EQ((*sums)[3], i + 1);
      }
    });
  }
  for (std::thread& t : threads) t.join();

  // Each add and its read were one step: every total from 1 to N was seen
  // exactly once.
  std::vector<bool> hit(kThreads * kPerThread + 1, false);
  for (const auto& values : seen) {
    for (int64_t v : values) {
      ASSERT_GE(v, 1);
      ASSERT_LE(v, kThreads * kPerThread);
      EXPECT_FALSE(hit[v]) << v << " seen twice";
      hit[v] = true;
    }
  }
  const std::vector<CounterUpdate> read = {{"a", kHour, 0}, {"b", kDay, 0}, {"c", kWeek, 0}};
  const std::vector<int64_t> totals = {kThreads * kPerThread, kThreads * kPerThread,
                                       2 * kThreads * kPerThread};
  EXPECT_EQ(Sums(read, kT0), totals);
  // The last absolute value written is the total: disk agrees with memory.
  Reopen();
  EXPECT_EQ(Sums(read, kT0), totals);
}

TEST_F(StoreHistoryTest, ReopenKeepsTheCounters) {
  Sums({{"h", kHour, 1}, {"d", kDay, 4}, {"w", kWeek, 1}}, kT0);
  Sums({{"h", kHour, 1}, {"d", kDay, 4}, {"w", kWeek, 1}}, kT0 + absl::Minutes(20));
  clock_.Advance(absl::Minutes(25));
  Reopen();
  const absl::Time now = kT0 + absl::Minutes(25);
  EXPECT_EQ(Sums({{"h", kHour, 0}, {"d", kDay, 0}, {"w", kWeek, 0}, {"never", kDay, 0}}, now),
            (std::vector<int64_t>{2, 8, 2, 0}));
  // And they carry on from there.
  EXPECT_EQ(Sums({{"d", kDay, 1}}, now), (std::vector<int64_t>{9}));
  Reopen();
  EXPECT_EQ(Sum("d", kDay, now), 9);
}

TEST_F(StoreHistoryTest, ExpiredBucketsAreLeftOutOfWhatIsStored) {
  // Written when they were fresh: the store's clock is at each write's time.
  // Since window snapshots (session 10) what is stored is what is in memory
  // at the close: buckets out of their counter's window at the store's
  // clock are left out (until then the history kept buckets up to 8 days
  // 16 hours old, and the load skipped those out of their window).
  const absl::Time nine_days_ago = kT0 - absl::Hours(9 * 24);
  const absl::Time eight_days_ago = kT0 - absl::Hours(8 * 24);
  clock_.Advance(nine_days_ago - kT0);
  Sums({{"old", kWeek, 1}, {"old", kHour, 1}}, nine_days_ago);
  clock_.Advance(eight_days_ago - nine_days_ago);
  Sums({{"recent", kWeek, 1}}, eight_days_ago);
  clock_.Advance(kT0 - eight_days_ago);
  Sums({{"now", kHour, 1}}, kT0);
  store_.reset();
  const std::vector<StoredBucket> stored = ReadHistoryCf(dir_.db());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], (StoredBucket{absl::ToUnixSeconds(kT0), 300, "now", 1}));

  Reopen();
  EXPECT_EQ(Sum("recent", kWeek, kT0), 0);
  EXPECT_EQ(Sum("now", kHour, kT0), 1);
  store_.reset();
  EXPECT_EQ(ReadHistoryCf(dir_.db()), stored);
}

TEST_F(StoreHistoryTest, RunningStoreDropsExpiredKeysOnTheFirstWriteOfAnHour) {
  Sums({{"old", kHour, 1}, {"old", kWeek, 1}}, kT0);
  // Nine days later, within the same process: the first write of the hour
  // drops everything that started more than 8 days 16 hours ago.
  const absl::Time later = kT0 + absl::Hours(9 * 24);
  clock_.Advance(later - kT0);
  Sums({{"new", kHour, 1}}, later);
  EXPECT_EQ(Sum("old", kWeek, later), 0);
  store_.reset();
  const std::vector<StoredBucket> left = ReadHistoryCf(dir_.db());
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].key, "new");
}

TEST_F(StoreHistoryTest, ExpiryNeverRunsAheadOfTheStoreClock) {
  Sums({{"k", kWeek, 1}}, kT0);
  // Two hours on, an event stamped ten days ahead (a clock running fast
  // elsewhere) must not make this store delete what its own clock keeps.
  clock_.Advance(absl::Hours(2));
  Sums({{"future", kHour, 1}}, kT0 + absl::Hours(10 * 24));
  EXPECT_EQ(Sum("k", kWeek, kT0 + absl::Minutes(1)), 1);
  store_.reset();
  EXPECT_EQ(ReadHistoryCf(dir_.db()).size(), 2u);
}

TEST_F(StoreHistoryTest, WindowIncrementsThroughApplyEqualAddAndSum) {
  // The same history twice: once through AddAndSum here, once as the events
  // a replicated log would deliver to another node.
  TempDir other_dir;
  core::WatchlistIndex other_index;
  auto other = Store::Open({.path = other_dir.db(), .index = &other_index, .clock = &clock_});
  ASSERT_TRUE(other.ok()) << other.status();

  const std::vector<std::pair<absl::Duration, std::vector<CounterUpdate>>> parcels = {
      {absl::ZeroDuration(), {{"cc|a", kDay, 1}, {"cv|a", kDay, 1999}, {"sh|s", kHour, 1}}},
      {absl::Minutes(4), {{"cc|a", kDay, 1}, {"cv|a", kDay, 500}, {"sh|s", kHour, 0}}},
      {absl::Minutes(7), {{"cc|a", kDay, 1}, {"cc|a", kDay, 1}, {"ad|x", kWeek, 1}}},
      {absl::Hours(3), {{"cc|a", kDay, 1}, {"sh|s", kHour, 1}, {"ad|x", kWeek, 0}}},
  };
  uint32_t affected = 0;
  for (const auto& [offset, updates] : parcels) {
    const absl::Time now = kT0 + offset;
    Sums(updates, now);
    WindowIncrements event;
    for (const CounterUpdate& u : updates) {
      const int64_t width = absl::ToInt64Seconds(u.window) / core::kWindowBuckets;
      event.increments.push_back({u.key, width, absl::ToUnixSeconds(now) / width, u.delta});
    }
    auto result = (*other)->Apply(event);
    ASSERT_TRUE(result.ok()) << result.status();
    affected += result->affected;
  }
  EXPECT_EQ(affected, 10u);  // the zero deltas write nothing

  const absl::Time now = kT0 + absl::Hours(3);
  const std::vector<CounterUpdate> read = {
      {"cc|a", kDay, 0}, {"cv|a", kDay, 0}, {"sh|s", kHour, 0}, {"ad|x", kWeek, 0}};
  auto there = (*other)->AddAndSum(read, now);
  ASSERT_TRUE(there.ok()) << there.status();
  EXPECT_EQ(*there, Sums(read, now));
  EXPECT_EQ(*there, (std::vector<int64_t>{5, 2499, 1, 1}));

  // The same buckets and counts on disk (each data dir hashes the counter
  // keys with a seed of its own, so the bytes differ).
  store_.reset();
  other->reset();
  const std::vector<StoredBucket> here = ReadHistoryCf(dir_.db());
  EXPECT_EQ(here, ReadHistoryCf(other_dir.db()));
  // cc|a in two 2 h buckets, sh|s in one 5 min bucket: its first one left
  // the window when the second came three hours later, and the snapshot
  // holds what memory holds.
  EXPECT_EQ(here.size(), 5u);
}

TEST_F(StoreHistoryTest, OpensHistoryThatEarlierVersionsCompactedLeveled) {
  // Earlier versions kept history under leveled compaction, with format 1
  // keys; such a data dir opens under universal compaction and keeps its
  // counts, and new writes compact with the old files.
  store_.reset();
  const int64_t width = 7200;
  const int64_t start = absl::ToUnixSeconds(kT0) / width * width;
  {
    rocksdb::DBOptions db_options;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const char* name : {rocksdb::kDefaultColumnFamilyName.c_str(), keys::kWatchlistCf,
                             keys::kDecisionsCf, keys::kHoldsCf, keys::kHistoryCf, keys::kMetaCf}) {
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());  // leveled
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(db_options, dir_.db(), families, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::ColumnFamilyHandle* history = handles[4];
    for (int i = 0; i < 100; ++i) {
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), history,
                          keys::Format1HistoryKey(start, width, "cc|" + std::to_string(i)),
                          keys::EncodeCount(i + 1))
                      .ok());
    }
    ASSERT_TRUE(db->CompactRange(rocksdb::CompactRangeOptions(), history, nullptr, nullptr).ok());
    std::string levels;
    ASSERT_TRUE(db->GetProperty(history, "rocksdb.num-files-at-level0", &levels));
    EXPECT_EQ(levels, "0");  // the file sits below L0, as leveled compaction puts it
    for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }
  Reopen();
  for (int i = 0; i < 100; i += 9) {
    EXPECT_EQ(Sum("cc|" + std::to_string(i), kDay, kT0), i + 1) << i;
  }
  ASSERT_TRUE(store_->AddAndSum({{"cc|7", kDay, 2}}, kT0).ok());
  ASSERT_TRUE(store_->CompactAll().ok());
  Reopen();
  EXPECT_EQ(Sum("cc|7", kDay, kT0), 10);
  EXPECT_EQ(Sum("cc|8", kDay, kT0), 9);
}

TEST_F(StoreHistoryTest, RefusesWhatItCannotStore) {
  EXPECT_EQ(store_->AddAndSum({{"k", absl::Seconds(11), 1}}, kT0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AddAndSum({{"k", absl::Hours(8 * 24 + 1), 1}}, kT0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AddAndSum({{"k", kHour, 1}}, absl::FromUnixSeconds(-1)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->AddAndSum({{"k", absl::Hours(8 * 24), 1}}, kT0).ok());

  // A bad increment anywhere in an event applies none of it.
  for (const WindowIncrement& bad :
       {WindowIncrement{"k", 0, 1, 1}, WindowIncrement{"k", 300, -1, 1},
        WindowIncrement{"k", 8 * 24 * 3600, 1, 1}}) {
    auto result = store_->Apply(WindowIncrements{{{"k", 300, 5983200, 1}, bad}});
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
  }
  EXPECT_EQ(Sum("k", kHour, kT0), 0);
}

TEST_F(StoreHistoryTest, ManyCountersSurviveARestart) {
  // More buckets than one loading chunk, over two widths and bucket times:
  // the parallel load at open must put every one back.
  constexpr int kCounters = 40'000;
  std::vector<CounterUpdate> updates;
  for (int i = 0; i < kCounters; ++i) {
    updates.push_back({"cc|" + std::to_string(i), i % 2 ? kDay : kHour, i % 5 + 1});
    if (updates.size() == 1000) {
      Sums(updates, kT0 + absl::Minutes(i % 50));
      updates.clear();
    }
  }
  Reopen();
  clock_.Advance(absl::Minutes(50));
  std::vector<CounterUpdate> reads;
  std::vector<int64_t> want;
  for (int i = 0; i < kCounters; i += 13) {
    reads.push_back({"cc|" + std::to_string(i), i % 2 ? kDay : kHour, 0});
    want.push_back(i % 5 + 1);
  }
  EXPECT_EQ(Sums(reads, kT0 + absl::Minutes(50)), want);
}

}  // namespace
}  // namespace placi::storage
