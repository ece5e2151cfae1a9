// Stamps that tell apart the rule indexes a per-thread memo was filled
// under. A memo of what one ruleset's words made of a text (goods
// categories, whether an address part is only a placeholder) must not
// answer for another ruleset: a reload, or the shadow ruleset that judges
// every parcel after the live one. Pointers can be reused once an index is
// freed; stamps are never given twice in one process.
//
//   const uint64_t stamp = NextMemoStamp();  // in the index's constructor
#ifndef PLACI_CORE_MEMO_STAMP_H_
#define PLACI_CORE_MEMO_STAMP_H_

#include <cstdint>

namespace placi::core {

// 1, 2, 3, … over the process (0 is never given: a memo's "nothing yet").
uint64_t NextMemoStamp();

}  // namespace placi::core

#endif  // PLACI_CORE_MEMO_STAMP_H_
