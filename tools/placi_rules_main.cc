// placi-rules: checks a rules file the way the server will at start, and
// prints the built-in default rules.
//
//   placi-rules check deploy/rules/default.textproto   # exit 0, or 1 with the line
//   placi-rules default > my-rules.textproto           # a complete file to edit
#include <iostream>
#include <string>

#include "core/screening_config.h"
#include "placi/convert/rules.h"

int main(int argc, char** argv) {
  const std::string usage =
      "usage: placi-rules check FILE   validate a rules file\n"
      "       placi-rules default      print the built-in rules as a complete file\n";
  if (argc == 2 && std::string(argv[1]) == "default") {
    std::cout << "# placi-screen built-in rules (placi-rules default). Schema:\n"
                 "# proto/placi/screening/v1/rules.proto. Every field is optional.\n"
              << placi::convert::RulesToText(placi::core::ScreeningConfig::Default());
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "check") {
    absl::StatusOr<placi::core::ScreeningConfig> rules = placi::convert::LoadRulesFile(argv[2]);
    if (!rules.ok()) {
      std::cerr << rules.status().message() << "\n";
      return 1;
    }
    std::cout << argv[2] << ": ruleset " << rules->ruleset_version << " is valid\n";
    return 0;
  }
  std::cerr << usage;
  return 2;
}
