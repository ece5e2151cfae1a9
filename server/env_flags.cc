// See env_flags.h.
#include "server/env_flags.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

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

// Levenshtein distance, for names of a few dozen bytes.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<UnknownVariable> UnknownFlagVariables(const std::string& defined_in) {
  std::vector<std::string> known;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::EndsWith(flag->Filename(), defined_in)) {
      known.push_back(EnvironmentNameOf(std::string(name)));
    }
  }
  std::vector<UnknownVariable> unknown;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view assignment(*entry);
    const std::string_view name = assignment.substr(0, assignment.find('='));
    if (!name.starts_with("PLACI_") ||
        std::find(known.begin(), known.end(), name) != known.end()) {
      continue;
    }
    UnknownVariable variable{std::string(name), ""};
    size_t best = 4;  // at most three edits
    for (const std::string& candidate : known) {
      if (const size_t distance = EditDistance(name, candidate); distance < best) {
        best = distance;
        variable.nearest = candidate;
      }
    }
    unknown.push_back(std::move(variable));
  }
  std::sort(unknown.begin(), unknown.end(),
            [](const UnknownVariable& a, const UnknownVariable& b) { return a.name < b.name; });
  return unknown;
}

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
