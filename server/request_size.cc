// See request_size.h.
#include "server/request_size.h"

#include <atomic>
#include <climits>

#include "absl/strings/str_cat.h"

namespace placi::server {
namespace {

std::atomic<size_t> max_request_bytes{4 * 1024 * 1024};

}  // namespace

void SetMaxRequestBytes(size_t bytes) { max_request_bytes.store(bytes, std::memory_order_relaxed); }

size_t MaxRequestBytes() { return max_request_bytes.load(std::memory_order_relaxed); }

absl::Status CheckRequestSize(size_t bytes) {
  const size_t limit = MaxRequestBytes();
  if (bytes <= limit) return absl::OkStatus();
  return absl::ResourceExhaustedError(absl::StrCat("request message of ", bytes,
                                                   " bytes is larger than the limit of ", limit,
                                                   " bytes (--max_receive_message_bytes)"));
}

int TransportLimit(int limit) {
  if (limit > INT_MAX / kTransportLimitFactor) return INT_MAX;
  return kTransportLimitFactor * limit;
}

}  // namespace placi::server
