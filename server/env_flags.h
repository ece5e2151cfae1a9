// Flags from the environment: every flag of the server binary can also be
// set as PLACI_<NAME> (upper case), e.g. PLACI_DATA_DIR for --data_dir, as
// containers and Kubernetes ConfigMaps like it. A flag given on the command
// line wins over its variable.
#ifndef PLACI_SERVER_ENV_FLAGS_H_
#define PLACI_SERVER_ENV_FLAGS_H_

#include <string>

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

}  // namespace placi::server

#endif  // PLACI_SERVER_ENV_FLAGS_H_
