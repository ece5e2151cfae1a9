// Flags from the environment: every flag of the server binary can also be
// set as PLACI_<NAME> (upper case), e.g. PLACI_DATA_DIR for --data_dir, as
// containers and Kubernetes ConfigMaps like it. A flag given on the command
// line wins over its variable.
#ifndef PLACI_SERVER_ENV_FLAGS_H_
#define PLACI_SERVER_ENV_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace placi::server {

// Applies PLACI_* variables to the flags defined in files whose path ends
// with `defined_in` (e.g. "server/main.cc") and not named in argv (this
// Abseil does not say which flags the command line set, so argv is read:
// "--name", "--name=value", "--noname"). INVALID_ARGUMENT naming the
// variable when a value does not parse.
absl::Status ApplyFlagsFromEnvironment(const std::string& defined_in, int argc,
                                       const char* const* argv);

// "data_dir" → "PLACI_DATA_DIR".
std::string EnvironmentNameOf(const std::string& flag_name);

// A PLACI_* variable of the environment that sets no flag defined in files
// ending with `defined_in`, and the flag variable nearest to its name (at
// most three edits away, else empty): "PLACI_API_KEY_FILE" near
// "PLACI_API_KEYS_FILE". A misspelt variable would otherwise be ignored
// without a word, and a misspelt PLACI_API_KEYS_FILE start the server with
// authentication off. The server logs each as a warning rather than
// refusing to start: test harnesses and tools put PLACI_* variables of
// their own in the environments they start servers in.
struct UnknownVariable {
  std::string name;
  std::string nearest;
};
std::vector<UnknownVariable> UnknownFlagVariables(const std::string& defined_in);

}  // namespace placi::server

#endif  // PLACI_SERVER_ENV_FLAGS_H_
