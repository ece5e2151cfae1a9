// Listener credentials; see tls_credentials.h.
#include "server/tls_credentials.h"

#include <fstream>
#include <memory>
#include <sstream>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "absl/strings/str_cat.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace placi::server {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read --", flag, " file ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " file ", path, " is not PEM"));
  }
  return text.str();
}

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

std::unique_ptr<BIO, BioFree> Bio(const std::string& pem) {
  return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// gRPC's file watcher would take files that do not fit together and fail
// every handshake; checked here, the start fails naming the file (it failed
// as "cannot listen … address in use" before).
absl::Status CheckPems(const TlsFiles& files, const std::string& cert_pem,
                       const std::string& key_pem, const std::string& ca_pem) {
  absl::Status status = absl::OkStatus();
  std::unique_ptr<X509, X509Free> cert(
      PEM_read_bio_X509(Bio(cert_pem).get(), nullptr, nullptr, nullptr));
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(Bio(key_pem).get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    status = absl::InvalidArgumentError(
        absl::StrCat("--tls_cert file ", files.cert_file, " holds no readable certificate"));
  } else if (key == nullptr) {
    status = absl::InvalidArgumentError(
        absl::StrCat("--tls_key file ", files.key_file, " holds no readable private key"));
  } else if (X509_check_private_key(cert.get(), key.get()) != 1) {
    status = absl::InvalidArgumentError(absl::StrCat("--tls_key file ", files.key_file,
                                                     " is not the key of --tls_cert file ",
                                                     files.cert_file));
  } else if (files.mutual() &&
             std::unique_ptr<X509, X509Free>(PEM_read_bio_X509(Bio(ca_pem).get(), nullptr,
                                                               nullptr, nullptr)) == nullptr) {
    status = absl::InvalidArgumentError(absl::StrCat(
        "--tls_client_ca file ", files.client_ca_file, " holds no readable certificate"));
  }
  ERR_clear_error();  // what the failed reads left on this thread's queue
  return status;
}

constexpr int kMaxReloadSeconds = 86400;

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TlsFiles& files) {
  if (files.reload_seconds < 1 || files.reload_seconds > kMaxReloadSeconds) {
    return absl::InvalidArgumentError(absl::StrCat("--tls_reload_seconds must be within 1..",
                                                   kMaxReloadSeconds, ", got ",
                                                   files.reload_seconds));
  }
  if (files.cert_file.empty() != files.key_file.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  if (!files.tls()) {
    if (files.mutual()) {
      return absl::InvalidArgumentError("--tls_client_ca needs --tls_cert and --tls_key");
    }
    return grpc::InsecureServerCredentials();
  }
  absl::StatusOr<std::string> cert = ReadPem(files.cert_file, "tls_cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem(files.key_file, "tls_key");
  if (!key.ok()) return key.status();
  std::string ca_pem;
  if (files.mutual()) {
    absl::StatusOr<std::string> ca = ReadPem(files.client_ca_file, "tls_client_ca");
    if (!ca.ok()) return ca.status();
    ca_pem = *std::move(ca);
  }
  if (absl::Status s = CheckPems(files, *cert, *key, ca_pem); !s.ok()) return s;

  // Reads the files now, and again every reload_seconds (a new pair is
  // taken only when the key fits the certificate).
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.key_file, files.cert_file, files.mutual() ? files.client_ca_file : "",
      static_cast<unsigned int>(files.reload_seconds));
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (files.mutual()) {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

}  // namespace placi::server
