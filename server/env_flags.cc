// See env_flags.h.
#include "server/env_flags.h"

#include <cstdlib>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace placi::server {

std::string EnvironmentNameOf(const std::string& flag_name) {
  return "PLACI_" + absl::AsciiStrToUpper(flag_name);
}

namespace {

// Flag names given in argv, without dashes, values or a "no" prefix.
absl::flat_hash_set<std::string> NamedOnCommandLine(int argc, const char* const* argv) {
  absl::flat_hash_set<std::string> names;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.empty() || arg[0] != '-') continue;
    arg.erase(0, arg.find_first_not_of('-'));
    arg = arg.substr(0, arg.find('='));
    names.insert(arg);
    if (absl::StartsWith(arg, "no")) names.insert(arg.substr(2));
  }
  return names;
}

}  // namespace

absl::Status ApplyFlagsFromEnvironment(const std::string& defined_in, int argc,
                                       const char* const* argv) {
  const absl::flat_hash_set<std::string> on_command_line = NamedOnCommandLine(argc, argv);
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (!absl::EndsWith(flag->Filename(), defined_in) ||
        on_command_line.contains(std::string(name))) {
      continue;
    }
    const std::string variable = EnvironmentNameOf(std::string(name));
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat(variable, "=", value, ": ", error));
    }
  }
  return absl::OkStatus();
}

}  // namespace placi::server
