// A tiny command-line parser for placi-screen: `--name=value` flags and
// boolean `--name` switches anywhere on the line, everything else (including
// "-", meaning stdin) positional. Hand-made so that usage errors exit 2 and
// subcommands can own their flags.
//
//   CliArgs args;
//   if (std::string error = args.Parse(argc, argv); !error.empty()) { ... }
//   args.Flag("target", "127.0.0.1:50051");
#ifndef PLACI_TOOLS_CLI_ARGS_H_
#define PLACI_TOOLS_CLI_ARGS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace placi::tools {

class CliArgs {
 public:
  // Splits argv[1..] into flags and positionals. "--" ends flag parsing.
  // Returns an error message, or "" on success.
  std::string Parse(int argc, char** argv);

  bool Has(const std::string& name) const { return flags_.count(name) > 0; }
  // The flag's value; "true" for a switch given without "=value".
  std::string Flag(const std::string& name, const std::string& fallback = "") const;
  // True for "--name" given without "=value".
  bool IsBareSwitch(const std::string& name) const;
  // Parses a non-negative integer flag; false (and `error` set) when the value is not one.
  bool IntFlag(const std::string& name, long long fallback, long long* out,
               std::string* error) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // The first flag that is not in `allowed`, or "" when all are.
  std::string UnknownFlag(const std::set<std::string>& allowed) const;

 private:
  std::map<std::string, std::string> flags_;  // a bare switch maps to ""
  std::set<std::string> bare_;                // names given without "=value"
  std::vector<std::string> positional_;
};

}  // namespace placi::tools

#endif  // PLACI_TOOLS_CLI_ARGS_H_
