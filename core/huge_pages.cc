// See huge_pages.h.
#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

namespace placi::core {
namespace {

size_t RoundedLength(size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

}  // namespace

void* MapHugePageArray(size_t bytes) {
  const size_t length = RoundedLength(bytes);
  // One huge page more than needed, so that an aligned start lies inside;
  // the unaligned head and the tail beyond `length` are handed back.
  void* mapped = mmap(nullptr, length + kHugePageBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) std::abort();
  const uintptr_t start = reinterpret_cast<uintptr_t>(mapped);
  const uintptr_t aligned = (start + kHugePageBytes - 1) & ~(uintptr_t{kHugePageBytes} - 1);
  if (aligned > start) munmap(mapped, aligned - start);
  munmap(reinterpret_cast<void*>(aligned + length), start + kHugePageBytes - aligned);
  void* data = reinterpret_cast<void*>(aligned);
#if defined(MADV_HUGEPAGE)
  madvise(data, length, MADV_HUGEPAGE);
#endif
  return data;
}

void UnmapHugePageArray(void* data, size_t bytes) { munmap(data, RoundedLength(bytes)); }

}  // namespace placi::core
