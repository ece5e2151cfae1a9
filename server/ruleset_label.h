// The ruleset_version a rules file is known by: the file's `version` with a
// short digest of the rules it holds, so that two different rulesets never
// carry one label (review bb3 M15: a file edited without touching its
// `version:` line judged verdicts under the old label).
//
//   core::ScreeningConfig rules = *convert::LoadRulesFile(path);
//   LabelWithDigest(&rules);  // "default-2026.11" -> "default-2026.11+sha256:9f2c01a4b7e3"
#ifndef PLACI_SERVER_RULESET_LABEL_H_
#define PLACI_SERVER_RULESET_LABEL_H_

#include <string>
#include <string_view>

#include "core/screening_config.h"

namespace placi::server {

// Appends "+sha256:" and the first 12 hex digits of the SHA-256 of the
// rules as text (convert::RulesToText, so comments and layout do not count;
// the version does) to rules->ruleset_version.
void LabelWithDigest(core::ScreeningConfig* rules);

// The label without the digest LabelWithDigest added ("default-2026.11"),
// for rules written back out as a file (GetRules): loading that file labels
// it again. Any other label is returned as it is.
std::string_view WithoutDigest(std::string_view label);

}  // namespace placi::server

#endif  // PLACI_SERVER_RULESET_LABEL_H_
