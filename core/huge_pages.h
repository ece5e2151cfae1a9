// Big arrays on huge pages. A lookup into an array of many megabytes (the
// watchlist maps, the window counter tables) then misses the cache once
// instead of also missing the TLB, whose page walk through the page tables
// of such an array misses the cache too.
//
//   void* table = MapHugePageArray(bytes);   // zero until written
//   ...
//   UnmapHugePageArray(table, bytes);
#ifndef PLACI_CORE_HUGE_PAGES_H_
#define PLACI_CORE_HUGE_PAGES_H_

#include <cstddef>

namespace placi::core {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// `bytes` (rounded up to a whole number of huge pages) of memory on a huge
// page boundary, zero until written, with Linux asked to back it with huge
// pages (advice only: a refusal costs speed, not correctness). Like
// calloc's, untouched pages cost no RSS. Ends the process when out of
// memory, as operator new would.
void* MapHugePageArray(size_t bytes);
// Gives back what MapHugePageArray(bytes) returned, with the same `bytes`.
void UnmapHugePageArray(void* data, size_t bytes);

}  // namespace placi::core

#endif  // PLACI_CORE_HUGE_PAGES_H_
