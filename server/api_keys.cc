// The principals file and API key hashing; see api_keys.h.
#include "server/api_keys.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace placi::server {
namespace {

constexpr char kCertPrefix[] = "cert:";
constexpr char kHexDigits[] = "0123456789abcdef";

std::string Hex(const unsigned char* data, size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHexDigits[data[i] >> 4]);
    out.push_back(kHexDigits[data[i] & 0xf]);
  }
  return out;
}

bool IsSha256Hex(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kCarrier:
      return "carrier";
    case Role::kOfficer:
      return "officer";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

absl::StatusOr<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kCarrier, Role::kOfficer, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown role \"", View(name), "\" (carrier, officer or admin)"));
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // EVP_Digest fails only when the digest is unavailable (a broken
  // OpenSSL); an empty result then matches no stored hash.
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) return "";
  return Hex(digest, size);
}

std::string NewApiKey() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return "";
  return "placi_" + Hex(bytes, sizeof(bytes));
}

std::string PrincipalsLine(std::string_view key, std::string_view principal, Role role) {
  return absl::StrCat(Sha256Hex(key), " ", View(principal), " ", View(RoleName(role)));
}

const Principal* PrincipalTable::FindKey(std::string_view key) const {
  // Looking up the hash, not the key: the timing of the map tells an
  // attacker about hashes of guesses, which is no help in finding a key.
  auto it = by_key_hash_.find(Sha256Hex(key));
  return it == by_key_hash_.end() ? nullptr : &it->second;
}

const Principal* PrincipalTable::FindCertificate(std::string_view identity) const {
  auto it = by_certificate_.find(View(identity));
  return it == by_certificate_.end() ? nullptr : &it->second;
}

absl::Status PrincipalTable::Add(std::string_view credential_in, Principal principal) {
  absl::string_view credential = View(credential_in);
  if (absl::ConsumePrefix(&credential, kCertPrefix)) {
    if (credential.empty()) return absl::InvalidArgumentError("empty certificate identity");
    if (!by_certificate_.emplace(std::string(credential), std::move(principal)).second) {
      return absl::InvalidArgumentError("certificate identity listed twice");
    }
    return absl::OkStatus();
  }
  absl::ConsumePrefix(&credential, "sha256:");
  if (!IsSha256Hex(credential)) {
    return absl::InvalidArgumentError(
        "credential is neither a SHA-256 (64 hex digits) nor cert:IDENTITY");
  }
  if (!by_key_hash_.emplace(absl::AsciiStrToLower(credential), std::move(principal)).second) {
    return absl::InvalidArgumentError("key hash listed twice");
  }
  return absl::OkStatus();
}

absl::StatusOr<PrincipalTable> ParsePrincipals(std::string_view text, std::string_view source) {
  PrincipalTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(View(text), '\n')) {
    ++line_number;
    if (size_t hash = line.find('#'); hash != absl::string_view::npos) line = line.substr(0, hash);
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
    if (fields.empty()) continue;
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(View(source), ":", line_number, ": ", what));
    };
    if (fields.size() != 3) return error("want 3 fields: CREDENTIAL PRINCIPAL ROLE");
    absl::StatusOr<Role> role = ParseRole(std::string_view(fields[2].data(), fields[2].size()));
    if (!role.ok()) return error(role.status().message());
    absl::Status added = table.Add(std::string_view(fields[0].data(), fields[0].size()),
                                   Principal{.name = std::string(fields[1]), .role = *role});
    if (!added.ok()) return error(added.message());
  }
  if (table.size() == 0) {
    // An empty file (the Kubernetes base's placeholder Secret) would refuse
    // every call: say how to fill it.
    return absl::InvalidArgumentError(absl::StrCat(
        View(source),
        ": no principals: authentication needs at least one line CREDENTIAL PRINCIPAL ROLE "
        "(made by `placi-screen keygen PRINCIPAL ROLE`)"));
  }
  return table;
}

absl::StatusOr<PrincipalTable> LoadPrincipalsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read keys file ", path));
  std::stringstream text;
  text << in.rdbuf();
  return ParsePrincipals(text.str(), path);
}

}  // namespace placi::server
