// The rules file: text-format placi.screening.v1.RuleSet (schema in
// proto/placi/screening/v1/rules.proto) to core::ScreeningConfig and back.
// Fields left out of a file keep the built-in defaults
// (core::ScreeningConfig::Default()); lists given replace the default list.
//
//   absl::StatusOr<core::ScreeningConfig> rules = convert::LoadRulesFile(path);
//   if (!rules.ok()) { /* "rules file X line 12: hold_score_threshold: ..." */ }
#ifndef PLACI_PROTO_CONVERT_RULES_H_
#define PLACI_PROTO_CONVERT_RULES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/screening_config.h"

namespace placi::convert {

// Parses and validates rules text. INVALID_ARGUMENT naming `origin` (a file
// name), the line and the field, for syntax and for values out of range.
absl::StatusOr<core::ScreeningConfig> ParseRules(std::string_view text, std::string_view origin);

// Reads and parses a file. NOT_FOUND / PERMISSION_DENIED name the path.
absl::StatusOr<core::ScreeningConfig> LoadRulesFile(const std::string& path);

// The complete rules as text-format RuleSet: ParseRules(RulesToText(c))
// gives back c. deploy/rules/default.textproto is RulesToText(Default()).
std::string RulesToText(const core::ScreeningConfig& config);

}  // namespace placi::convert

#endif  // PLACI_PROTO_CONVERT_RULES_H_
