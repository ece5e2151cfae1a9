// The server credentials of the gRPC listener: plaintext, TLS from PEM files,
// or mutual TLS (clients must present a certificate that chains to the
// client CA; auth.h maps its identity to a principal).
//
// The files are read again every `reload_seconds` (gRPC's file watcher), so
// that a renewed certificate (cert-manager rewriting the mounted Secret, an
// operator replacing the files) is served without a restart; a set that does
// not fit together (a key of another certificate) is skipped and the one in
// force stays (review bb4 M2: the files were read once, at start, and a
// renewal ended in an outage at the old certificate's expiry).
//
//   absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> creds =
//       ServerCredentialsFor({.cert_file = "tls.crt", .key_file = "tls.key"});
#ifndef PLACI_SERVER_TLS_CREDENTIALS_H_
#define PLACI_SERVER_TLS_CREDENTIALS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"

namespace placi::server {

struct TlsFiles {
  // PEM certificate chain and private key of the server; both empty:
  // plaintext.
  std::string cert_file;
  std::string key_file;
  // PEM CA bundle; set: mutual TLS, a client certificate is required and
  // verified against it.
  std::string client_ca_file;
  // How often the files are read again (--tls_reload_seconds).
  int reload_seconds = 60;

  bool tls() const { return !cert_file.empty(); }
  bool mutual() const { return !client_ca_file.empty(); }
};

// INVALID_ARGUMENT for an incomplete set (a key without a certificate, a
// client CA without TLS), for a file that holds no certificate or key, or a
// key that is not the certificate's, and for reload_seconds outside
// 1..86400; NOT_FOUND naming a file that cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TlsFiles& files);

}  // namespace placi::server

#endif  // PLACI_SERVER_TLS_CREDENTIALS_H_
