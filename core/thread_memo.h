// This thread's memo of one kind, kept for one WatchlistIndex generation.
//
// The per-thread memos of what matching found (RecentTexts and
// RecentListings in watchlist_index.cc, RecentPartyHits) hold slot numbers
// of the index as it was: after an Upsert or a Delete (a new generation)
// those may name other entries, so a memo is emptied before it serves
// another generation. Generations start at 1, so a thread's first call
// empties nothing (the memo is new).
//
//   RecentTexts& recent = ThreadMemo<RecentTexts>(generation);
#ifndef PLACI_CORE_THREAD_MEMO_H_
#define PLACI_CORE_THREAD_MEMO_H_

#include <cstdint>

namespace placi::core {

// Memo: default-constructible, with Clear().
template <typename Memo>
Memo& ThreadMemo(uint64_t generation) {
  thread_local Memo memo;
  thread_local uint64_t filled_for = 0;
  if (filled_for != generation) {
    memo.Clear();
    filled_for = generation;
  }
  return memo;
}

}  // namespace placi::core

#endif  // PLACI_CORE_THREAD_MEMO_H_
