// A per-thread memo of small answers about short texts that come back
// parcel after parcel, read under one ruleset: whether a city is given
// (data_checks.cc, IsGiven: folded and read for placeholder words, "n/a",
// "未知", twice a parcel) and how vague a goods description is
// (VaguenessOf: three word-list lookups an item). Together ~2,300
// instructions a parcel, where a hit costs a hash and a compare.
//
// Direct-mapped: a text's hash picks its slot, and a text filed there
// replaces the one before (no order of use to keep). A slot carries the
// stamp of the ruleset its answer was read under (ScreeningConfig::
// MemoStamp), so the live and the shadow ruleset, which judges every parcel
// after the live one, share the memo without emptying it for each other,
// and answers read under rules since replaced are never returned.
//
//   RecentTextAnswers<32>& recent = ThisThreadsGivenParts();
//   if (const std::optional<uint8_t> given = recent.Find(city, stamp)) ...
//   recent.Keep(city, stamp, answer);
#ifndef PLACI_CORE_RECENT_TEXT_ANSWERS_H_
#define PLACI_CORE_RECENT_TEXT_ANSWERS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "core/key_hash.h"

namespace placi::core {

// kMaxBytes: longer texts are not kept. kSlots: a power of two.
template <size_t kMaxBytes, size_t kSlots = 1024>
class RecentTextAnswers {
 public:
  static constexpr size_t kMaxTextBytes = kMaxBytes;
  static constexpr size_t kSlotCount = kSlots;
  static_assert(kMaxBytes < 256, "a slot's size is one byte");
  static_assert((kSlots & (kSlots - 1)) == 0, "slots are picked by the hash's top bits");

  // On the heap: thread_local room is taken in every thread.
  RecentTextAnswers() : slots_(new Slot[kSlots]) {}
  RecentTextAnswers(const RecentTextAnswers&) = delete;
  RecentTextAnswers& operator=(const RecentTextAnswers&) = delete;

  // The answer filed for `text` under `stamp`; nullopt when none is (or
  // one under another stamp, or for another text that took its slot).
  std::optional<uint8_t> Find(std::string_view text, uint64_t stamp) const {
    if (text.size() > kMaxBytes) return std::nullopt;
    const Slot& slot = slots_[SlotOf(text)];
    if (slot.stamp != stamp || slot.size != text.size() ||
        std::memcmp(slot.bytes, text.data(), text.size()) != 0) {
      return std::nullopt;
    }
    return slot.answer;
  }

  // Files `answer` for `text` under `stamp` (never 0); a text longer than
  // kMaxBytes is not kept.
  void Keep(std::string_view text, uint64_t stamp, uint8_t answer) {
    if (text.size() > kMaxBytes) return;
    Slot& slot = slots_[SlotOf(text)];
    slot.stamp = stamp;
    slot.size = static_cast<uint8_t>(text.size());
    slot.answer = answer;
    std::memcpy(slot.bytes, text.data(), text.size());
  }

 private:
  struct Slot {
    uint64_t stamp = 0;  // 0: empty
    uint8_t size = 0;
    uint8_t answer = 0;
    char bytes[kMaxBytes];
  };
  static size_t SlotOf(std::string_view text) {
    constexpr uint64_t kSeed = 0x6a7e;  // any: slots are not persisted
    constexpr int kSlotBits = __builtin_ctzll(kSlots);
    return static_cast<size_t>(KeyBytesHash(text, kSeed) >> (64 - kSlotBits));
  }

  std::unique_ptr<Slot[]> slots_;
};

}  // namespace placi::core

#endif  // PLACI_CORE_RECENT_TEXT_ANSWERS_H_
