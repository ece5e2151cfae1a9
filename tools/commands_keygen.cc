// placi-screen keygen PRINCIPAL ROLE: a new API key (stdout line 1) and the
// line of the server's principals file, --api_keys_file, that admits it
// (line 2). The server keeps only the key's SHA-256; the key goes to the
// caller.
#include <iostream>

#include "server/api_keys.h"
#include "tools/cli.h"

namespace placi::tools {

int RunKeygen(const Cli& cli, const std::vector<std::string>& args) {
  if (int rc = CheckFlags(cli, {}); rc != kExitOk) return rc;
  if (args.size() != 2) return UsageError("keygen wants PRINCIPAL ROLE");
  absl::StatusOr<server::Role> role = server::ParseRole(args[1]);
  if (!role.ok()) return UsageError(std::string(role.status().message()));
  if (args[0].empty() || args[0].find_first_of(" \t#") != std::string::npos) {
    return UsageError("PRINCIPAL must be one word without '#'");
  }
  const std::string key = server::NewApiKey();
  if (key.empty()) {
    std::cerr << "error: no random bytes from OpenSSL" << std::endl;
    return kExitError;
  }
  // Two lines on stdout, for scripts; what they are on stderr, for people.
  std::cerr << "line 1: the API key, for the caller only (the server keeps its hash); "
               "line 2: the line to append to the server's --api_keys_file\n";
  std::cout << key << "\n" << server::PrincipalsLine(key, args[0], *role) << std::endl;
  return kExitOk;
}

}  // namespace placi::tools
