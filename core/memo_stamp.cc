// See memo_stamp.h.
#include "core/memo_stamp.h"

#include <atomic>

namespace placi::core {

uint64_t NextMemoStamp() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace placi::core
