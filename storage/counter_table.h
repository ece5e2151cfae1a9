// One shard's window counters (window_counters.h) in an open-addressing
// table of 32-byte slots, two to a cache line, probed linearly.
//
// Why not absl::flat_hash_map<uint64_t, Counter>: at 10 million counters
// every lookup missed the cache twice (the control bytes, then a 40-byte
// slot that could straddle two lines), and creating a counter missed a third
// time on the slot it wrote. Here the id, the bucket width and the one
// bucket most counters have (one waybill, one new consignee) sit in one
// slot: a parcel's counters cost one miss each, and Prefetch() lets the
// misses of all of them overlap. A counter with more than one bucket (a busy
// shipper, an address) keeps them in a vector of its own (a second miss for
// those, as before). Memory: 32 bytes a slot at a load of 3/8 to 3/4.
//
// Not thread-safe: WindowCounters locks the shard around every call.
//
//   CounterTable table;
//   table.Prefetch(id);
//   if (CounterTable::Slot* slot = table.Find(id)) {
//     int64_t value = CounterTable::Add(slot, bucket, delta);
//   } else {
//     table.Insert(id, width, bucket, delta);
//   }
#ifndef PLACI_STORAGE_COUNTER_TABLE_H_
#define PLACI_STORAGE_COUNTER_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace placi::storage {

class CounterTable {
 public:
  using Bucket = std::pair<int64_t, int64_t>;  // (bucket number, count)

  // One counter. id 0 marks an empty slot (ids are never 0). Either one
  // bucket inline, or (spilled: the width stored negated) ascending by
  // bucket in *many, owned by the slot.
  struct One {
    int64_t bucket;
    int64_t count;
  };
  struct Slot {
    uint64_t id;
    int64_t width;
    union {
      One one;
      std::vector<Bucket>* many;
    };
    bool spilled() const { return width < 0; }
  };
  static_assert(sizeof(Slot) == 32, "two slots to a cache line");

 private:
  // Where the slots live: calloc'd (mapped_length 0) or, for big tables,
  // core::MapHugePageArray(mapped_length).
  struct Memory {
    void* raw = nullptr;
    size_t mapped_length = 0;
    Slot* slots = nullptr;  // 64-byte aligned, zeroed
  };

 public:
  CounterTable() = default;
  ~CounterTable();
  CounterTable(const CounterTable&) = delete;
  CounterTable& operator=(const CounterTable&) = delete;

  size_t size() const { return size_; }
  // Room for `counters` without growing.
  void Reserve(size_t counters);
  // Asks the CPU for the lines a lookup of `id` reads, without waiting.
  void Prefetch(uint64_t id) const;
  // Asks for a spilled counter's buckets too (waits for the slot itself).
  void PrefetchBuckets(uint64_t id) const;

  // The counter, or null. Pointers stay valid until the next Insert or
  // Erase.
  Slot* Find(uint64_t id);
  // A new counter (its id must not be in the table) with one bucket.
  Slot* Insert(uint64_t id, int64_t width, int64_t bucket, int64_t count);
  void Erase(Slot* slot);

  // Bucket operations on one counter; buckets stay ascending. Those that
  // return "empty" leave a counter without a bucket: the caller erases it
  // or gives it one with Reset.
  static int64_t Width(const Slot& slot) { return slot.spilled() ? -slot.width : slot.width; }
  // Drops the buckets out of the window ending at `bucket` (those at or
  // before bucket - kWindowBuckets); returns whether none is left (a
  // one-bucket counter is then left as it was: Sum and Add must not be
  // asked of it).
  static bool Prune(Slot* slot, int64_t bucket);
  // The counter has exactly `bucket` with `count` after this.
  static void Reset(Slot* slot, int64_t bucket, int64_t count);
  // Adds `delta` to `bucket` (creating it unless delta is 0); returns the
  // bucket's count after it (0 for a zero delta on a missing bucket).
  static int64_t Add(Slot* slot, int64_t bucket, int64_t delta);
  // Takes `delta` back from `bucket`, dropping the bucket when that leaves
  // it at 0; returns whether the counter is empty.
  static bool Undo(Slot* slot, int64_t bucket, int64_t delta);
  // The sum of every bucket.
  static int64_t Sum(const Slot& slot);
  // Whether every bucket is out of the window at `now_seconds` (what
  // Prune(slot, now_seconds / width) would drop).
  static bool Expired(const Slot& slot, int64_t now_seconds);

  // Examines the next `max_slots` slots from the sweep cursor, dropping
  // counters whose newest bucket is out of the window at `now_seconds`.
  // Returns true when the cursor reached the end (the pass is over; the next
  // call starts a new one from the first slot).
  bool SweepStep(int64_t now_seconds, size_t max_slots);
  // Starts the next sweep pass from the first slot.
  void RestartSweep() { sweep_cursor_ = 0; }

  // --- Growing without the wait ---------------------------------------------
  //
  // Growing moves every counter into a slot array twice the size. The moves
  // are quick (~3 ms for a shard of 10M / 64 counters), a fresh array is
  // not: the kernel zeroes each of its pages on first touch, ~45 ms for
  // that shard's 16 MB on this VM, all of it under the shard's lock, where
  // every parcel touching the shard waited (the streams' p99 of 41-44 ms in
  // `make bench`, docs/performance.md). So the next array is prepared
  // beforehand, off the lock: from 11/16 full (growth comes at 3/4)
  // SpareWanted() names its capacity, the caller prepares it with
  // PrepareSpare outside the lock and hands it over with AdoptSpare, and
  // the growth takes it instead of mapping one. The price is memory held
  // early: from 11/16 full the table holds both arrays, as a growth does
  // anyway (the peak is unchanged). 1/16 of the table is ~16,000 new
  // counters for a shard of 10M / 64, minutes of traffic, while preparing
  // all 64 shards takes the grower ~3 s.
  class Spare {
   public:
    Spare() = default;
    Spare(Spare&& other) noexcept;
    Spare& operator=(Spare&& other) noexcept;
    ~Spare();
    size_t capacity() const { return capacity_; }
    const Slot* slots() const { return memory_.slots; }

   private:
    friend class CounterTable;
    Memory memory_;
    size_t capacity_ = 0;  // slots; 0: none
  };
  // The capacity of the next array when one should be prepared now (the
  // table is 11/16 full, holds none of that size, and the array would be big
  // enough for its page faults to matter), else 0.
  size_t SpareWanted() const;
  // A zeroed array of `capacity` slots with every page touched. Slow (page
  // faults): call it without the table's lock.
  static Spare PrepareSpare(size_t capacity);
  // Keeps `spare` for the next growth if it is still the size wanted.
  // Returns what is not kept (`spare`, or the spare it replaces), for the
  // caller to drop after the lock.
  Spare AdoptSpare(Spare spare);
  size_t spare_capacity() const { return spare_.capacity(); }

  // Calls visit(const Slot&) for every counter, in slot order.
  template <typename Visit>
  void ForEach(Visit visit) const {
    for (size_t i = 0; i < capacity_; ++i) {
      if (slots_[i].id != 0) visit(slots_[i]);
    }
  }
  // Every slot, empty ones (id 0) included, in slot order: what a window
  // snapshot copies whole under the shard's lock (window_counters.h).
  const Slot* slots() const { return slots_; }
  size_t capacity() const { return capacity_; }

 private:
  size_t Home(uint64_t id) const { return static_cast<size_t>(id) & mask_; }
  static Memory AllocateZeroed(size_t bytes);
  static void Release(const Memory& memory);

  void Rehash(size_t capacity);
  void EraseAt(size_t index);

  Slot* slots_ = nullptr;  // capacity_ slots, 64-byte aligned, in memory_
  Memory memory_;
  Spare spare_;  // the next array, prepared (AdoptSpare), or none
  size_t capacity_ = 0;  // a power of two, or 0
  size_t mask_ = 0;
  size_t size_ = 0;
  size_t sweep_cursor_ = 0;
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_COUNTER_TABLE_H_
