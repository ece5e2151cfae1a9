// Whether a listen address can be listened on, asked before anything durable
// happens at start: a start that will fail on its address (busy, not this
// host's, not an address at all) must fail before it opens (and seeds) the
// data dir, not after.
//
//   if (absl::Status s = CheckPortFree("127.0.0.1:50051", "cannot listen on"); !s.ok())
//     return s;  // UNAVAILABLE "cannot listen on 127.0.0.1:50051: address already in use"
#ifndef PLACI_SERVER_PORT_PROBE_H_
#define PLACI_SERVER_PORT_PROBE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace placi::server {

// Resolves `address` ("host:port", "[v6]:port"; port 0: any free) and binds
// (and at once closes) a socket on each address it resolves to, with
// SO_REUSEADDR as gRPC and civetweb bind. "<what> <address>: <why>":
//   INVALID_ARGUMENT when it is no host:port (no port, a port that is not
//     0..65535) or its host does not resolve ("name or service not known");
//   UNAVAILABLE when a bind fails with EADDRINUSE ("address already in
//     use"), EADDRNOTAVAIL ("cannot assign requested address": not an
//     address of this host) or EACCES ("permission denied": a port below
//     1024 without the capability).
// OK otherwise. An address with a gRPC scheme ("unix:…", "ipv4:…") is left
// to the real listener. A port taken between this check and the real bind
// still fails the start, after the data dir opened.
absl::Status CheckPortFree(const std::string& address, std::string_view what);

}  // namespace placi::server

#endif  // PLACI_SERVER_PORT_PROBE_H_
