// See rekey.h.
#include "storage/rekey.h"

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/hold_key.h"
#include "core/verdict.h"
#include "placi/convert/convert.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/keys.h"
#include "storage/rocksdb_status.h"

namespace placi::storage {
namespace {

absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::StatusOr<core::Verdict> ParseVerdict(std::string_view what, std::string_view bytes) {
  screening::v1::Verdict proto;
  core::Verdict verdict;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      !convert::VerdictFromProto(proto, &verdict)) {
    return absl::DataLossError(absl::StrCat("stored ", AsAbsl(what), " is unreadable"));
  }
  return verdict;
}

// Whether meta `flag` is set.
absl::StatusOr<bool> IsDone(const Database& db, const char* flag) {
  std::string value;
  rocksdb::Status s = db.db()->Get(rocksdb::ReadOptions(), db.meta(), flag, &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading ", flag, " in ", db.path()));
  return true;
}

// A one-time scan: keep its blocks out of the cache that serving uses.
rocksdb::ReadOptions ScanOptions() {
  rocksdb::ReadOptions options;
  options.fill_cache = false;
  return options;
}

// Collects the moves into batches of options.batch_keys, writes each (the
// last with the flag, synced) and calls the test hook between them.
class Batches {
 public:
  Batches(const Database& db, const RekeyOptions& options, std::string_view what)
      : db_(db), options_(options), what_(what) {}

  rocksdb::WriteBatch* batch() { return &batch_; }
  // After the puts and deletes of one key: writes the batch once it is full.
  absl::Status Counted() {
    if (++in_batch_ < options_.batch_keys) return absl::OkStatus();
    if (absl::Status s = Write(rocksdb::WriteOptions()); !s.ok()) return s;
    return options_.after_batch ? options_.after_batch() : absl::OkStatus();
  }
  // Writes what is left with `flag` set, synced: the re-keying is done.
  absl::Status Finish(const char* flag) {
    batch_.Put(db_.meta(), flag, "1");
    rocksdb::WriteOptions sync;
    sync.sync = true;
    return Write(sync);
  }
  // Whether the last Counted() wrote the batch (what it held is readable).
  bool Empty() const { return in_batch_ == 0; }

 private:
  absl::Status Write(const rocksdb::WriteOptions& write_options) {
    rocksdb::Status s = db_.db()->Write(write_options, &batch_);
    if (!s.ok()) return FromRocksDb(s, absl::StrCat("re-keying ", what_, " in ", db_.path()));
    batch_.Clear();
    in_batch_ = 0;
    return absl::OkStatus();
  }

  const Database& db_;
  const RekeyOptions& options_;
  const std::string what_;
  rocksdb::WriteBatch batch_;
  size_t in_batch_ = 0;
};

}  // namespace

absl::Status RekeyHolds(const Database& db, const RekeyOptions& options) {
  absl::StatusOr<bool> done = IsDone(db, keys::kHoldKeysFolded);
  if (!done.ok()) return done.status();
  if (*done) return absl::OkStatus();
  Batches batches(db, options, "holds");
  // The decision id held under each current key that this batch moves a
  // hold to (the database shows it only once the batch is written).
  absl::flat_hash_map<std::string, std::string> moved_in_batch;
  size_t moved = 0;
  size_t superseded = 0;
  // The iterator reads a snapshot taken now: the keys it has yet to reach
  // are as they were, whatever the batches written meanwhile put.
  std::unique_ptr<rocksdb::Iterator> it(db.db()->NewIterator(ScanOptions(), db.holds()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    const std::string_view value = it->value().ToStringView();
    if (keys::IsHeldWaybillKey(key) && value.empty()) continue;
    absl::StatusOr<core::Verdict> verdict = ParseVerdict("hold", value);
    if (!verdict.ok()) return verdict.status();
    const std::string waybill = core::HoldWaybillKey(verdict->house_waybill);
    if (waybill.empty()) continue;  // no lookup reads a blank waybill's hold
    rocksdb::WriteBatch* batch = batches.batch();
    batch->Put(db.holds(), keys::HeldWaybillKey(waybill), rocksdb::Slice());
    const std::string current = keys::HoldKey(core::HoldCarrierKey(verdict->carrier_id), waybill);
    if (key != current) {
      // Another spelling of the carrier or the waybill may have moved (or
      // been recorded) there already: the latest verdict stays.
      std::optional<std::string> there;
      if (auto in_batch = moved_in_batch.find(current); in_batch != moved_in_batch.end()) {
        there = in_batch->second;
      } else {
        std::string bytes;
        rocksdb::Status s = db.db()->Get(rocksdb::ReadOptions(), db.holds(), current, &bytes);
        if (s.ok()) {
          absl::StatusOr<core::Verdict> held = ParseVerdict("hold", bytes);
          if (!held.ok()) return held.status();
          there = held->decision_id;
        } else if (!s.IsNotFound()) {
          return FromRocksDb(s, absl::StrCat("re-keying holds in ", db.path()));
        }
      }
      if (!there.has_value() || *there < verdict->decision_id) {
        batch->Put(db.holds(), current, it->value());
        moved_in_batch[current] = verdict->decision_id;
        ++moved;
      } else {
        ++superseded;
      }
      batch->Delete(db.holds(), it->key());
    }
    if (absl::Status s = batches.Counted(); !s.ok()) return s;
    if (batches.Empty()) moved_in_batch.clear();
  }
  if (!it->status().ok()) {
    return FromRocksDb(it->status(), absl::StrCat("reading holds to re-key in ", db.path()));
  }
  it.reset();
  // An earlier version that finds no flag takes every key for a bare waybill.
  batches.batch()->Put(db.meta(), keys::kHoldsKeyedByCarrier, "1");
  if (absl::Status s = batches.Finish(keys::kHoldKeysFolded); !s.ok()) return s;
  if (moved + superseded > 0) {
    std::cerr << "placi-screen: re-keyed " << moved << " holds of " << db.path()
              << " under their folded carrier and waybill (" << superseded
              << " older ones of the same hold dropped)\n";
  }
  return absl::OkStatus();
}

absl::Status RekeyDecisionIndex(const Database& db, const RekeyOptions& options) {
  absl::StatusOr<bool> done = IsDone(db, keys::kDecisionIndexFolded);
  if (!done.ok()) return done.status();
  if (*done) return absl::OkStatus();
  Batches batches(db, options, "the decision index");
  size_t moved = 0;
  const std::string_view prefix = keys::kWaybillIndexPrefix;
  // Every index key and nothing else: "hawb/" up to "hawb0".
  std::string end(prefix);
  end.back() = static_cast<char>(end.back() + 1);
  const rocksdb::Slice upper_bound(end);
  rocksdb::ReadOptions scan = ScanOptions();
  scan.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it(db.db()->NewIterator(scan, db.decisions()));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    const std::string_view rest = it->key().ToStringView().substr(prefix.size());
    // Decision ids hold no NUL (ListDecisions relies on it too): the last
    // one ends the waybill, which may hold NULs of its own.
    const size_t end_of_waybill = rest.rfind('\0');
    if (end_of_waybill == std::string_view::npos) continue;
    const std::string_view waybill = rest.substr(0, end_of_waybill);
    const std::string_view decision_id = rest.substr(end_of_waybill + 1);
    const std::string indexed = keys::IndexedWaybill(waybill);
    if (indexed == waybill) continue;  // current (or a blank waybill, kept as sent)
    // Only the spelling the decision was sent with is an old key: a
    // current key may also differ from its own fold (bytes that are not
    // UTF-8 can fold into a character that folds again).
    std::string bytes;
    rocksdb::Status s = db.db()->Get(rocksdb::ReadOptions(), db.decisions(),
                                     keys::DecisionKey(decision_id), &bytes);
    if (s.IsNotFound()) continue;
    if (!s.ok()) return FromRocksDb(s, absl::StrCat("re-keying the decision index in ", db.path()));
    absl::StatusOr<core::Verdict> verdict = ParseVerdict("decision", bytes);
    if (!verdict.ok() || verdict->house_waybill != waybill) continue;
    batches.batch()->Delete(db.decisions(), it->key());
    batches.batch()->Put(db.decisions(), keys::WaybillIndexKey(indexed, decision_id),
                         rocksdb::Slice());
    ++moved;
    if (absl::Status s = batches.Counted(); !s.ok()) return s;
  }
  if (!it->status().ok()) {
    return FromRocksDb(it->status(),
                       absl::StrCat("reading the decision index to re-key in ", db.path()));
  }
  it.reset();
  if (absl::Status s = batches.Finish(keys::kDecisionIndexFolded); !s.ok()) return s;
  if (moved > 0) {
    std::cerr << "placi-screen: re-keyed " << moved << " decision index keys of " << db.path()
              << " under the normalised waybill\n";
  }
  return absl::OkStatus();
}

}  // namespace placi::storage
