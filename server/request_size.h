// The request size limit (--max_receive_message_bytes), applied by the
// methods themselves so that a refused request is counted.
//
// gRPC cuts a message over its receive limit before any handler or
// interceptor of ours sees it: a unary call then changes no counter at all,
// and a stream ends as if the client had half-closed (counted OK) while the
// client gets RESOURCE_EXHAUSTED (review bb3 M16). So gRPC is given four
// times the limit (TransportLimit) and the methods refuse what is over the
// limit and record it: Screen as a refused parcel, a ScreenStream parcel as a
// ParcelError in its place (the stream goes on), an admin call through
// FinishUnary. A parcel over the limit that cannot be a parcel at all (a
// field beyond its documented limit) is INVALID_ARGUMENT naming the field, as
// architecture.md has it for "a 10 MB description" (review bb4 H1: four
// times the default 4 MiB lets such a message reach the server), any other
// RESOURCE_EXHAUSTED. Only a message over four times the limit is still cut
// by gRPC unseen.
//
//   SetMaxRequestBytes(options.max_receive_message_bytes);
//   builder.SetMaxReceiveMessageSize(TransportLimit(options.max_receive_message_bytes));
//   if (absl::Status s = CheckRequestSize(bytes.Length()); !s.ok()) return s;
#ifndef PLACI_SERVER_REQUEST_SIZE_H_
#define PLACI_SERVER_REQUEST_SIZE_H_

#include <cstddef>

#include "absl/status/status.h"

namespace placi::server {

// Process-wide, set once at start before serving (default 4 MiB, gRPC's).
void SetMaxRequestBytes(size_t bytes);
size_t MaxRequestBytes();

// RESOURCE_EXHAUSTED "request message of N bytes is larger than the limit of
// M bytes (--max_receive_message_bytes)" when bytes > MaxRequestBytes().
absl::Status CheckRequestSize(size_t bytes);

inline constexpr int kTransportLimitFactor = 4;

// What gRPC is told to accept: kTransportLimitFactor times `limit`, at most
// INT_MAX.
int TransportLimit(int limit);

}  // namespace placi::server

#endif  // PLACI_SERVER_REQUEST_SIZE_H_
