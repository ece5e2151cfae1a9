// Whether a listen address's port is taken, asked before anything durable
// happens at start: a start that will fail on a busy port must fail before
// it opens (and seeds) the data dir, not after.
//
//   if (absl::Status s = CheckPortFree("127.0.0.1:50051", "cannot listen on"); !s.ok())
//     return s;  // UNAVAILABLE "cannot listen on 127.0.0.1:50051: address already in use"
#ifndef PLACI_SERVER_PORT_PROBE_H_
#define PLACI_SERVER_PORT_PROBE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace placi::server {

// Binds (and at once closes) a socket on each address that `address`
// ("host:port", "[v6]:port") resolves to, with SO_REUSEADDR as gRPC and
// civetweb bind. UNAVAILABLE "<what> <address>: address already in use" when
// a bind fails with EADDRINUSE; OK otherwise, also for port 0, for an address
// it cannot parse or resolve and for any other bind error: those are the
// real listener's to report, in its own words. A port taken between this
// check and the real bind still fails the start, after the data dir opened.
absl::Status CheckPortFree(const std::string& address, std::string_view what);

}  // namespace placi::server

#endif  // PLACI_SERVER_PORT_PROBE_H_
