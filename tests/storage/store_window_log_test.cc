// The window log (storage/window_log.h): a write's increments as one log
// record, folded into the history buckets in the background. The sums after
// a reopen are those before, whether the records were still in the log,
// already folded, or some of each; a clean close leaves no log key; writers
// racing a fold that runs every millisecond lose and double nothing; a log
// record that does not decode fails the open as DATA_LOSS.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/history_store.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/metadata.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "storage/window_log.h"
#include "tests/storage/storage_test_util.h"
#include "tests/test_util/fake_clock.h"

namespace placi::storage {
namespace {

using core::CounterUpdate;
using testing::SampleVerdict;
using testing::TempDir;

constexpr absl::Duration kHour = absl::Hours(1);
constexpr absl::Duration kDay = absl::Hours(24);
constexpr int64_t kWeekSeconds = 7 * 24 * 3600;
const absl::Time kT0 = absl::FromUnixSeconds(1'795'000'000 / kWeekSeconds * kWeekSeconds);

// What the history column family of the (closed) database at `path` holds.
struct HistoryKeys {
  size_t buckets = 0;
  size_t log_records = 0;
};
HistoryKeys CountHistoryKeys(const std::string& path) {
  HistoryKeys out;
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return out;
  std::unique_ptr<rocksdb::Iterator> it(
      (*db)->db()->NewIterator(rocksdb::ReadOptions(), (*db)->history()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (keys::IsWindowLogKey(it->key().ToStringView())) {
      ++out.log_records;
    } else {
      ++out.buckets;
    }
  }
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}


// The sequences of the log keys the history column family of the (closed)
// database at `path` shows, and how many sorted runs (SST files) it has.
struct LogKeysAndFiles {
  std::vector<uint64_t> sequences;
  size_t files = 0;
};
LogKeysAndFiles ListLogKeys(const std::string& path) {
  LogKeysAndFiles out;
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return out;
  std::unique_ptr<rocksdb::Iterator> it(
      (*db)->db()->NewIterator(rocksdb::ReadOptions(), (*db)->history()));
  for (it->Seek(keys::WindowLogKey(0)); it->Valid(); it->Next()) {
    out.sequences.push_back(keys::DecodeWindowLogKey(it->key().ToStringView()).value_or(0));
  }
  rocksdb::ColumnFamilyMetaData meta;
  (*db)->db()->GetColumnFamilyMetaData((*db)->history(), &meta);
  out.files = meta.file_count;
  return out;
}

TEST(WindowLogValueTest, RoundTripsAndRefusesWhatIsNotOneRecord) {
  const std::vector<LoggedIncrement> increments = {
      {0x5e1f07c29a44d013ULL, 300, 5'983'200, 1},
      {~uint64_t{0}, 57'600, 0, -1},
      {0, 1, int64_t{1} << 40, std::numeric_limits<int64_t>::min()},
      {42, 7200, 249'300, std::numeric_limits<int64_t>::max()}};
  std::string value;
  EncodeWindowLogValue(increments, &value);
  EXPECT_EQ(value.substr(0, 12), std::string("\x01\x04\x13\xd0\x44\x9a\xc2\x07\x1f\x5e\xac\x02", 12));
  std::vector<LoggedIncrement> decoded = {{7, 7, 7, 7}};  // appended to
  ASSERT_TRUE(DecodeWindowLogValue(value, &decoded));
  ASSERT_EQ(decoded.size(), 5u);
  EXPECT_EQ(std::vector<LoggedIncrement>(decoded.begin() + 1, decoded.end()), increments);

  std::vector<LoggedIncrement> none;
  EXPECT_TRUE(DecodeWindowLogValue(std::string("\x01\x00", 2), &none));
  EXPECT_TRUE(none.empty());
  for (const std::string& bad :
       {std::string(), std::string("\x02\x00", 2), value.substr(0, value.size() - 1),
        value + '\0', std::string("\x01\x05") + value.substr(2),
        std::string("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11)}) {
    std::vector<LoggedIncrement> out = {{1, 1, 1, 1}};
    EXPECT_FALSE(DecodeWindowLogValue(bad, &out)) << absl::CHexEscape(bad);
    EXPECT_EQ(out.size(), 1u);  // unchanged
  }
}

TEST(WindowLogKeyTest, SortsAfterEveryBucketKey) {
  EXPECT_EQ(keys::WindowLogKey(0x12d7), std::string("\xff\0\0\0\0\0\0\x12\xd7", 9));
  EXPECT_EQ(keys::DecodeWindowLogKey(keys::WindowLogKey(0x12d7)), 0x12d7u);
  EXPECT_FALSE(keys::DecodeWindowLogKey("\xff\x01").has_value());
  EXPECT_FALSE(keys::IsWindowLogKey(keys::HistoryKey(std::numeric_limits<int64_t>::max(),
                                                     57'600, ~uint64_t{0})));
  EXPECT_LT(keys::HistoryKey(std::numeric_limits<int64_t>::max(), 57'600, ~uint64_t{0}),
            keys::WindowLogKey(0));
  EXPECT_LT(keys::HistoryTimeBound(std::numeric_limits<int64_t>::max()), keys::WindowLogKey(0));
}

class StoreWindowLogTest : public ::testing::Test {
 protected:
  // interval: Store::Options::window_log_interval.
  void Reopen(absl::Duration interval) {
    store_.reset();
    auto store = Store::Open({.path = dir_.db(),
                              .index = &index_,
                              .clock = &clock_,
                              .window_log_interval = interval});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void Close() { store_.reset(); }
  // One verdict the screener's way: counted in memory, then recorded.
  void Screen(const std::string& id, const std::vector<CounterUpdate>& updates) {
    std::vector<core::WindowIncrement> counted;
    ASSERT_TRUE(store_->CountAndSum(updates, kT0, &counted).ok());
    ASSERT_TRUE(store_->Record(SampleVerdict(id, "HAWB-" + id), counted).ok());
  }
  std::vector<int64_t> Sums(const std::vector<std::string>& counters) {
    std::vector<CounterUpdate> reads;
    for (const std::string& c : counters) reads.push_back({c, kDay, 0});
    auto sums = store_->AddAndSum(reads, kT0);
    EXPECT_TRUE(sums.ok()) << sums.status();
    return sums.ok() ? *sums : std::vector<int64_t>();
  }

  TempDir dir_;
  placi::testing::FakeClock clock_{kT0};
  core::WatchlistIndex index_;
  std::unique_ptr<Store> store_;
};

const std::vector<std::string> kCounters = {"cc|a", "cc|b", "sh|s", "neg"};

// The three ways a record reaches the next open, each against the sums the
// store gave before closing: (a) still in the log, (b) folded, (c) some of
// each.
TEST_F(StoreWindowLogTest, SumsSurviveAReopenWithTheRecordsInTheLog) {
  Reopen(absl::InfiniteDuration());  // never folds
  Screen("01A", {{"cc|a", kDay, 1}, {"sh|s", kDay, 3}, {"neg", kDay, -2}});
  Screen("01B", {{"cc|a", kDay, 1}, {"cc|b", kDay, 5}});
  ASSERT_TRUE(store_->AddAndSum({{"cc|b", kDay, 2}, {"cc|a", kHour, 1}}, kT0).ok());
  const std::vector<int64_t> before = Sums(kCounters);
  EXPECT_EQ(before, (std::vector<int64_t>{2, 7, 3, -2}));
  Close();
  EXPECT_EQ(CountHistoryKeys(dir_.db()).buckets, 0u);
  EXPECT_EQ(CountHistoryKeys(dir_.db()).log_records, 3u);

  Reopen(absl::InfiniteDuration());
  EXPECT_EQ(Sums(kCounters), before);
  EXPECT_TRUE(store_->GetDecision("01B").ok());
}

TEST_F(StoreWindowLogTest, SumsSurviveAReopenWithTheRecordsFolded) {
  Reopen(absl::InfiniteDuration());
  Screen("01A", {{"cc|a", kDay, 1}, {"sh|s", kDay, 3}, {"neg", kDay, -2}});
  Screen("01B", {{"cc|a", kDay, 1}, {"cc|b", kDay, 5}});
  ASSERT_TRUE(store_->ConsolidateWindowLog().ok());
  const std::vector<int64_t> before = Sums(kCounters);
  Close();
  // cc|a's two records fold into one bucket key.
  EXPECT_EQ(CountHistoryKeys(dir_.db()).buckets, 4u);
  EXPECT_EQ(CountHistoryKeys(dir_.db()).log_records, 0u);

  Reopen(absl::InfiniteDuration());
  EXPECT_EQ(Sums(kCounters), before);
}

TEST_F(StoreWindowLogTest, SumsSurviveReopensWithSomeRecordsFoldedAndSomeNot) {
  Reopen(absl::InfiniteDuration());
  Screen("01A", {{"cc|a", kDay, 1}, {"sh|s", kDay, 3}});
  ASSERT_TRUE(store_->ConsolidateWindowLog().ok());
  Screen("01B", {{"cc|a", kDay, 1}, {"cc|b", kDay, 5}, {"neg", kDay, -2}});
  Close();
  EXPECT_EQ(CountHistoryKeys(dir_.db()).log_records, 1u);

  // The record left in the log counts, and new records take new sequences
  // (none overwrites it).
  Reopen(absl::InfiniteDuration());
  EXPECT_EQ(Sums(kCounters), (std::vector<int64_t>{2, 5, 3, -2}));
  Screen("01C", {{"cc|a", kDay, 1}, {"neg", kDay, 2}});
  Close();
  EXPECT_EQ(CountHistoryKeys(dir_.db()).log_records, 2u);

  // A store that folds folds what it replayed too: a clean close leaves no
  // log key.
  Reopen(absl::Seconds(1));
  EXPECT_EQ(Sums(kCounters), (std::vector<int64_t>{3, 5, 3, 0}));
  Screen("01D", {{"cc|b", kDay, 1}});
  Close();
  EXPECT_EQ(CountHistoryKeys(dir_.db()).log_records, 0u);
  Reopen(absl::Seconds(1));
  EXPECT_EQ(Sums(kCounters), (std::vector<int64_t>{3, 6, 3, 0}));
}

// Sequences start again at 1 when an open finds the log empty, so a log key
// is Put again after an earlier Put and SingleDelete of it. RocksDB's
// contract (db.h: "only one Put() for this key since the previous call to
// SingleDelete()") allows that; here the earlier pair sits in two sorted
// runs that were never compacted together when the key is Put again, and
// the record still counts once, folded or not.
TEST_F(StoreWindowLogTest, ALogKeyPutAgainOverAnUncompactedPutAndSingleDeleteCountsOnce) {
  Reopen(absl::InfiniteDuration());
  Screen("01A", {{"cc|a", kDay, 1}});
  Close();  // flushed: the Put of sequence 1 in a file of its own
  EXPECT_EQ(ListLogKeys(dir_.db()).sequences, std::vector<uint64_t>{1});
  Reopen(absl::InfiniteDuration());
  ASSERT_TRUE(store_->ConsolidateWindowLog().ok());
  Close();  // its SingleDelete and cc|a's bucket in a second file
  const LogKeysAndFiles folded = ListLogKeys(dir_.db());
  EXPECT_TRUE(folded.sequences.empty());
  EXPECT_GE(folded.files, 2u);

  Reopen(absl::InfiniteDuration());  // the log is empty: sequences start at 1
  Screen("01B", {{"cc|a", kDay, 1}, {"cc|b", kDay, 1}});
  Close();
  EXPECT_EQ(ListLogKeys(dir_.db()).sequences, std::vector<uint64_t>{1});
  Reopen(absl::InfiniteDuration());
  EXPECT_EQ(Sums({"cc|a", "cc|b"}), (std::vector<int64_t>{2, 1}));
  ASSERT_TRUE(store_->ConsolidateWindowLog().ok());
  Close();
  EXPECT_TRUE(ListLogKeys(dir_.db()).sequences.empty());
  Reopen(absl::InfiniteDuration());
  EXPECT_EQ(Sums({"cc|a", "cc|b"}), (std::vector<int64_t>{2, 1}));
  ASSERT_TRUE(store_->CompactAll().ok());
  Close();
  EXPECT_TRUE(ListLogKeys(dir_.db()).sequences.empty());
  Reopen(absl::InfiniteDuration());
  EXPECT_EQ(Sums({"cc|a", "cc|b"}), (std::vector<int64_t>{2, 1}));
}

TEST_F(StoreWindowLogTest, ConcurrentWritersWhileFoldingEveryMillisecondLoseAndDoubleNothing) {
  Reopen(absl::Milliseconds(1));
  constexpr int kThreads = 4;
  constexpr int kVerdicts = 1500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kVerdicts; ++i) {
        // A counter shared by all, one per thread, one per verdict, and one
        // of 50 that many verdicts share; every tenth through AddAndSum.
        const std::vector<CounterUpdate> updates = {{"all", kDay, 1},
                                                    {absl::StrCat("thread|", t), kDay, 2},
                                                    {absl::StrCat("own|", t, "-", i), kHour, 1},
                                                    {absl::StrCat("some|", i % 50), kDay, 1}};
        if (i % 10 == 0) {
          ASSERT_TRUE(store_->AddAndSum(updates, kT0).ok());
          continue;
        }
        std::vector<core::WindowIncrement> counted;
        ASSERT_TRUE(store_->CountAndSum(updates, kT0, &counted).ok());
        ASSERT_TRUE(
            store_->Record(SampleVerdict(absl::StrCat("V", t, "-", i), "HAWB"), counted).ok());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Close();
  EXPECT_EQ(CountHistoryKeys(dir_.db()).log_records, 0u);

  Reopen(absl::InfiniteDuration());
  std::vector<CounterUpdate> reads = {{"all", kDay, 0}};
  std::vector<int64_t> want = {kThreads * kVerdicts};
  for (int t = 0; t < kThreads; ++t) {
    reads.push_back({absl::StrCat("thread|", t), kDay, 0});
    want.push_back(2 * kVerdicts);
    for (int i = 0; i < kVerdicts; i += 7) {
      reads.push_back({absl::StrCat("own|", t, "-", i), kHour, 0});
      want.push_back(1);
    }
  }
  for (int s = 0; s < 50; ++s) {
    reads.push_back({absl::StrCat("some|", s), kDay, 0});
    want.push_back(kThreads * kVerdicts / 50);
  }
  auto sums = store_->AddAndSum(reads, kT0);
  ASSERT_TRUE(sums.ok()) << sums.status();
  EXPECT_EQ(*sums, want);
}

TEST_F(StoreWindowLogTest, AnUnreadableLogRecordIsDataLossNamingTheDataDirAndKey) {
  Reopen(absl::InfiniteDuration());
  Screen("01A", {{"cc|a", kDay, 1}});
  Close();
  {
    auto db = Database::Open(dir_.db());
    ASSERT_TRUE(db.ok()) << db.status();
    // A width of 0 seconds: decodes, but no counter has it.
    std::string zero_width;
    const std::vector<LoggedIncrement> bad = {{1, 0, 5, 1}};
    EncodeWindowLogValue(bad, &zero_width);
    ASSERT_TRUE((*db)->db()
                    ->Put(rocksdb::WriteOptions(), (*db)->history(), keys::WindowLogKey(0xabcdef),
                          "\x01\x09truncated")
                    .ok());
    ASSERT_TRUE((*db)->db()
                    ->Put(rocksdb::WriteOptions(), (*db)->history(), keys::WindowLogKey(0xabcdf0),
                          zero_width)
                    .ok());
  }
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir_.db(), .index = &index, .clock = &clock_});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss) << store.status();
  EXPECT_TRUE(absl::StrContains(store.status().message(), dir_.db())) << store.status();
  EXPECT_TRUE(absl::StrContains(store.status().message(), "FF0000000000ABCDEF"))
      << store.status();

  // The other one alone is refused too.
  {
    auto db = Database::Open(dir_.db());
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->db()
                    ->Delete(rocksdb::WriteOptions(), (*db)->history(),
                             keys::WindowLogKey(0xabcdef))
                    .ok());
  }
  store = Store::Open({.path = dir_.db(), .index = &index, .clock = &clock_});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss) << store.status();
  EXPECT_TRUE(absl::StrContains(store.status().message(), "FF0000000000ABCDF0"))
      << store.status();
}

TEST_F(StoreWindowLogTest, ExpiryRunsWithTheFirstFoldOfAnHourAndDropsOnlyWhatExpired) {
  Reopen(absl::InfiniteDuration());
  ASSERT_TRUE(store_->AddAndSum({{"old", kDay, 1}}, kT0).ok());
  ASSERT_TRUE(store_->ConsolidateWindowLog().ok());
  // Nine days on: the fold's range deletes the old bucket, and a record
  // of it that arrives late (a replica catching up) is not written back.
  clock_.Advance(absl::Hours(9 * 24));
  const int64_t width = 7200;
  ASSERT_TRUE(store_
                  ->Apply(WindowIncrements{{{"old", width, absl::ToUnixSeconds(kT0) / width, 1},
                                            {"new", width,
                                             absl::ToUnixSeconds(clock_.Now()) / width, 1}}})
                  .ok());
  ASSERT_TRUE(store_->ConsolidateWindowLog().ok());
  Close();
  EXPECT_EQ(CountHistoryKeys(dir_.db()).buckets, 1u);
  Reopen(absl::InfiniteDuration());
  auto sums = store_->AddAndSum({{"new", kDay, 0}}, clock_.Now());
  ASSERT_TRUE(sums.ok()) << sums.status();
  EXPECT_EQ((*sums)[0], 1);
}

// What this process writes to stderr while one lives, in a file.
class StderrToFile {
 public:
  explicit StderrToFile(std::string path) : path_(std::move(path)) {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    const int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, STDERR_FILENO);
    close(fd);
  }
  ~StderrToFile() {
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
  }
  // How many times `text` occurs in what was written so far.
  size_t Count(std::string_view text) const {
    std::fflush(stderr);
    std::ifstream in(path_);
    const std::string written((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    size_t n = 0;
    for (size_t at = written.find(text); at != std::string::npos;
         at = written.find(text, at + 1)) {
      ++n;
    }
    return n;
  }

 private:
  const std::string path_;
  int saved_ = -1;
};

// A fold whose write fails (a full disk: RocksDB then refuses every write
// until it recovers) is retried after the interval, not at once. With 64 K
// increments or more pending, the thread retried in a loop: a CPU at 100%
// and a line on stderr per try (~1,750 a second here) for as long as the
// disk stayed full. The history column family is dropped so that every
// write to it fails; the interval is an hour, so once the first failure is
// printed, a further half second must see no second try.
// A fold whose write fails is retried after a pause of a second at least,
// even with a short interval (10 ms here, 50 ms in the server): not at once,
// and not at every interval.
TEST(WindowLogTest, AFailedFoldIsRetriedAfterAPauseNotAtOnce) {
  TempDir dir;
  auto db = Database::Open(dir.db());
  ASSERT_TRUE(db.ok()) << db.status();
  placi::testing::FakeClock clock(kT0);
  const int64_t hour = absl::ToUnixSeconds(kT0) / 3600;
  WindowLog log({.db = db->get(),
                 .clock = &clock,
                 .interval = absl::Milliseconds(10),
                 .retention_seconds = 9 * 24 * 3600});
  log.Start(hour);
  ASSERT_TRUE((*db)->db()->DropColumnFamily((*db)->history()).ok());

  constexpr std::string_view kFailed = "folding the window log";
  StderrToFile printed(dir.path() + "/stderr");
  // 70 records of 1,000 increments: the last one wakes the thread.
  std::vector<LoggedIncrement> record;
  for (uint64_t r = 1; r <= 70; ++r) {
    record.clear();
    for (uint64_t i = 0; i < 1000; ++i) record.push_back({r * 1000 + i, 3600, hour, 1});
    log.Acknowledge(r, record);
  }
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (printed.Count(kFailed) == 0 && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  ASSERT_EQ(printed.Count(kFailed), 1u) << "the first fold did not fail, or was retried at once";
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ(printed.Count(kFailed), 1u) << "retried before the interval";
  EXPECT_EQ(log.pending_records(), 70u);  // kept for the retry
  log.Stop();
}

TEST_F(StoreWindowLogTest, RefusesANonPositiveInterval) {
  core::WatchlistIndex index;
  auto store = Store::Open({.path = dir_.db(),
                            .index = &index,
                            .clock = &clock_,
                            .window_log_interval = absl::ZeroDuration()});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument) << store.status();
}

}  // namespace
}  // namespace placi::storage
