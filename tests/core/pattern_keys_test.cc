// The window counters' keys, windows and deltas that the pattern rules ask
// the history store for, pinned byte for byte: a data dir keeps its counters
// under these keys (hashed, storage/keys.h), so a change to how the keys are
// built must not change a key, or the counters of a running store would
// start again from zero after an upgrade.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/pattern_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/in_memory_history_store.h"
#include "tests/test_util/parcels.h"

namespace placi::core {
namespace {

using ::testing::ElementsAre;

// Passes every call to an in-memory store and writes down each update as
// "<key> <window seconds> <delta>", one call's updates after the other's.
class KeyRecordingHistory final : public HistoryStore {
 public:
  absl::StatusOr<std::vector<int64_t>> CountAndSum(absl::Span<const CounterUpdate> updates,
                                                   absl::Time now,
                                                   std::vector<WindowIncrement>* counted) override {
    std::vector<std::string> call;
    for (const CounterUpdate& u : updates) {
      call.push_back(absl::StrCat(u.key, " ", absl::ToInt64Seconds(u.window), " ", u.delta));
    }
    calls.push_back(std::move(call));
    return inner_.CountAndSum(updates, now, counted);
  }
  void Uncount(absl::Span<const WindowIncrement> counted) override { inner_.Uncount(counted); }

  std::vector<std::vector<std::string>> calls;

 private:
  placi::testing::InMemoryHistoryStore inner_;
};

class PatternKeysTest : public ::testing::Test {
 protected:
  // The updates of one parcel's two phases.
  std::vector<std::vector<std::string>> Keys(const Consignment& parcel) {
    history_.calls.clear();
    std::vector<Reason> reasons;
    std::vector<WindowIncrement> counted;
    absl::Status s = AddPatternIndicators(parcel, config_, &history_, now_, /*count=*/true,
                                          &reasons, &counted);
    EXPECT_TRUE(s.ok()) << s;
    return history_.calls;
  }
  static Consignment FullParcel() {
    Consignment parcel = placi::testing::CleanParcel(" hawb-0042 ");
    parcel.carrier_id = " Carrier-A ";
    parcel.master_waybill = "784-12345678";
    parcel.consignee.phone = "+49 221 555 0101";
    parcel.ecommerce.platform = "Shein";
    parcel.ecommerce.seller_id = "SELLER-77";
    parcel.items[0].declared_value = {"EUR", 40, 0};
    return parcel;
  }

  ScreeningConfig config_ = ScreeningConfig::Default();
  KeyRecordingHistory history_;
  absl::Time now_ = absl::FromUnixSeconds(1'795'000'000);
};

TEST_F(PatternKeysTest, AParcelWithEveryPartAsksForTheseCounters) {
  // Each identity's parcel count ("cc|") before its value ("cv|").
  EXPECT_THAT(
      Keys(FullParcel()),
      ElementsAre(
          ElementsAre("hawb|CARRIER-A|HAWB0042 604800 67108864001",
                      "an|5 50674 koln linden strasse|maria schneider 604800 1",
                      "hm|CARRIER-A|HAWB0042|ms|78412345678|SELLER77|5 50674 koln linden strasse "
                      "86400 1",
                      "hd|CARRIER-A|HAWB0042 86400 1"),
          ElementsAre("cc|n|maria schneider|5 50674 koln linden strasse 86400 1",
                      "cv|n|maria schneider|5 50674 koln linden strasse 86400 4000",
                      "cc|p|492215550101 86400 1", "cv|p|492215550101 86400 4000",
                      "cc|e|maria.schneider@example.de 86400 1",
                      "cv|e|maria.schneider@example.de 86400 4000",
                      "sc|SELLER77|n|maria schneider|5 50674 koln linden strasse 604800 1",
                      "ad|5 50674 koln linden strasse 604800 1",
                      "sa|SELLER77|5 50674 koln linden strasse 604800 1",
                      "hh|s:SELLER77|5 50674 koln linden strasse|/|schneider 86400 67108864001",
                      "sh|bright ceramics hangzhou|310012 88 hangzhou road wenyi west 3600 1",
                      "sw|bright ceramics hangzhou|310012 88 hangzhou road wenyi west 604800 1",
                      "ms|78412345678|SELLER77|5 50674 koln linden strasse 86400 1")));
}

// A re-filing takes back the overlap of its value with the earlier one from
// the waybill's tally, in phase 2 under the same key.
TEST_F(PatternKeysTest, ARefilingTakesBackUnderTheWaybillsKey) {
  Keys(FullParcel());
  Consignment again = FullParcel();
  again.items[0].declared_value = {"EUR", 50, 0};
  const std::vector<std::vector<std::string>> calls = Keys(again);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0][0], "hawb|CARRIER-A|HAWB0042 604800 83886080001");
  EXPECT_EQ(calls[1][0], "hawb|CARRIER-A|HAWB0042 604800 -67108864000");
}

// A seller known by its name only, a shipper without a household sender
// (no seller id): the name's counters apart by "n:", the household by "c:".
TEST_F(PatternKeysTest, ASellerKnownByNameAndAHouseholdByShipper) {
  Consignment parcel = FullParcel();
  parcel.ecommerce.seller_id.clear();
  parcel.ecommerce.seller_name = "Bright Shop";
  parcel.master_waybill.clear();
  parcel.consignee.phone.clear();
  const std::vector<std::vector<std::string>> calls = Keys(parcel);
  EXPECT_THAT(calls[0], ElementsAre("hawb|CARRIER-A|HAWB0042 604800 67108864001",
                                    "an|5 50674 koln linden strasse|maria schneider 604800 1",
                                    "hd|CARRIER-A|HAWB0042 86400 1"));
  EXPECT_THAT(
      calls[1],
      ElementsAre("cc|n|maria schneider|5 50674 koln linden strasse 86400 1",
                  "cv|n|maria schneider|5 50674 koln linden strasse 86400 4000",
                  "cc|e|maria.schneider@example.de 86400 1",
                  "cv|e|maria.schneider@example.de 86400 4000",
                  "sc|n:bright shop|n|maria schneider|5 50674 koln linden strasse 604800 1",
                  "ad|5 50674 koln linden strasse 604800 1",
                  "sa|n:bright shop|5 50674 koln linden strasse 604800 1",
                  "hh|c:bright ceramics hangzhou|310012 88 hangzhou road wenyi west|5 50674 koln "
                  "linden strasse|/|schneider 86400 67108864001",
                  "sh|bright ceramics hangzhou|310012 88 hangzhou road wenyi west 3600 1",
                  "sw|bright ceramics hangzhou|310012 88 hangzhou road wenyi west 604800 1"));
}

}  // namespace
}  // namespace placi::core
