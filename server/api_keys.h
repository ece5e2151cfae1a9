// Who the callers are: the principals file (--api_keys_file), the SHA-256
// of API keys, and new keys. Shared by the server (server/auth.h) and the
// `placi-screen keygen` command, so that both hash a key the same way.
//
// The file: one principal per line, '#' starts a comment, fields separated
// by spaces or tabs:
//
//   # credential                                                      principal       role
//   5e88489...(64 hex digits, the SHA-256 of the API key)             carrier-dhl     carrier
//   cert:officer1.customs.example                                     officer-jane    officer
//
// The credential is either the lower- or upper-case hex SHA-256 of an API
// key (the key itself is never stored; `placi-screen keygen PRINCIPAL ROLE`
// makes a key and its line), or `cert:` and a client certificate's identity
// (its subject common name or one of its subject alternative names), used
// with mutual TLS. For the role "carrier" the principal is the carrier id
// that goes into every verdict of that caller. Roles: carrier, officer,
// admin (server/auth.h says what each may call).
//
//   absl::StatusOr<PrincipalTable> table = LoadPrincipalsFile("keys.txt");
//   const Principal* who = table->FindKey("placi_3f1c...");
#ifndef PLACI_SERVER_API_KEYS_H_
#define PLACI_SERVER_API_KEYS_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace placi::server {

enum class Role { kCarrier, kOfficer, kAdmin };

// "carrier", "officer", "admin".
std::string_view RoleName(Role role);
// The inverse of RoleName; INVALID_ARGUMENT for anything else.
absl::StatusOr<Role> ParseRole(std::string_view name);

// A caller known to the server.
struct Principal {
  // The principal name of the file; for a carrier, its carrier id.
  std::string name;
  Role role = Role::kAdmin;
};

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// A new random API key, "placi_" and 48 hex digits (192 bits from the
// system's CSPRNG).
std::string NewApiKey();

// The principals file line that admits `key` as `principal` with `role`.
std::string PrincipalsLine(std::string_view key, std::string_view principal, Role role);

class PrincipalTable {
 public:
  // The principal whose key is `key`, or nullptr.
  const Principal* FindKey(std::string_view key) const;
  // The principal of a client certificate identity (CN or SAN), or nullptr.
  const Principal* FindCertificate(std::string_view identity) const;
  size_t size() const { return by_key_hash_.size() + by_certificate_.size(); }

  // Adds one credential (a 64-hex-digit key hash, or "cert:IDENTITY");
  // INVALID_ARGUMENT when it is malformed or already there.
  absl::Status Add(std::string_view credential, Principal principal);

 private:
  absl::flat_hash_map<std::string, Principal> by_key_hash_;  // lower-case hex
  absl::flat_hash_map<std::string, Principal> by_certificate_;
};

// Reads the file described above. Errors name the file and line, never a
// credential: "keys.txt:3: unknown role \"root\"".
absl::StatusOr<PrincipalTable> LoadPrincipalsFile(const std::string& path);
// The same from text (`source` names it in errors).
absl::StatusOr<PrincipalTable> ParsePrincipals(std::string_view text, std::string_view source);

}  // namespace placi::server

#endif  // PLACI_SERVER_API_KEYS_H_
