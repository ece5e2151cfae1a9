// See port_probe.h.
#include "server/port_probe.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace placi::server {
namespace {

// gRPC's URI schemes of listen addresses: not host:port, not probed here.
bool HasGrpcScheme(const std::string& address) {
  for (std::string_view scheme : {"unix:", "unix-abstract:", "ipv4:", "ipv6:", "vsock:"}) {
    if (address.compare(0, scheme.size(), scheme) == 0) return true;
  }
  return false;
}

}  // namespace

absl::Status CheckPortFree(const std::string& address, std::string_view what) {
  if (HasGrpcScheme(address)) return absl::OkStatus();
  const auto fail = [&](absl::StatusCode code, std::string_view why) {
    return absl::Status(code,
                        absl::StrCat(std::string(what), " ", address, ": ", std::string(why)));
  };
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) {
    return fail(absl::StatusCode::kInvalidArgument, "not host:port");
  }
  std::string host = address.substr(0, colon);
  const std::string port = address.substr(colon + 1);
  int port_number = 0;
  for (char c : port) {
    port_number = absl::ascii_isdigit(static_cast<unsigned char>(c)) && port_number <= 65535
                      ? port_number * 10 + (c - '0')
                      : 65536;
  }
  if (port.empty() || port_number > 65535) {
    return fail(absl::StatusCode::kInvalidArgument, "the port must be a number 0..65535");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int error =
          getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found);
      error != 0) {
    return fail(absl::StatusCode::kInvalidArgument,
                absl::AsciiStrToLower(std::string(gai_strerror(error))));
  }
  // Busy on any of its addresses fails the start (gRPC would share or
  // refuse it); an address of another host fails it only when no address
  // binds: "localhost" also resolves to ::1 on hosts without IPv6.
  bool in_use = false;
  bool bound = false;
  int other_error = 0;
  for (const addrinfo* a = found; a != nullptr && !in_use; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (a->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0) {
      bound = true;
    } else if (errno == EADDRINUSE) {
      in_use = true;
    } else if (errno == EADDRNOTAVAIL || errno == EACCES) {
      other_error = errno;
    }
    close(fd);
  }
  freeaddrinfo(found);
  if (in_use) return fail(absl::StatusCode::kUnavailable, "address already in use");
  if (bound || other_error == 0) return absl::OkStatus();
  return fail(absl::StatusCode::kUnavailable, other_error == EADDRNOTAVAIL
                                                  ? "cannot assign requested address"
                                                  : "permission denied");
}

}  // namespace placi::server
