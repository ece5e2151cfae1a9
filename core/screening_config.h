// Thresholds, weights and word lists of the screening rules, with defaults
// that the server uses unless configured otherwise.
#ifndef PLACI_CORE_SCREENING_CONFIG_H_
#define PLACI_CORE_SCREENING_CONFIG_H_

#include <string>

#include "absl/container/flat_hash_set.h"
#include "core/verdict.h"

namespace placi::core {

struct ScreeningConfig {
  // Named in every verdict so that a decision can be traced to its rules.
  std::string ruleset_version = "default-2026.11";

  // Points of each data problem (missing 7+1 element, vague description,
  // unacceptable party name, invalid HS code or country code). Data problems
  // always ask for REQUEST_FOR_INFORMATION, whatever their points.
  int data_problem_points = 10;

  // A parcel whose summed points reach this score is held even when no
  // reason asks for a referral of its own, with `score_referral`.
  int hold_score_threshold = 60;
  Referral score_referral = Referral::kRequestForScreening;

  // risk_score is the sum of points, capped here.
  int max_risk_score = 100;

  // Whole goods descriptions that are too vague (the ICS2 stop-word list, in
  // folded form). Matched against FoldText(description).
  absl::flat_hash_set<std::string> vague_descriptions;
  // Words that add no precision ("and", "assorted", "pcs", …). A description
  // made only of these and of the words of vague_descriptions is vague too:
  // "gifts and accessories", "2 pcs spare parts".
  absl::flat_hash_set<std::string> filler_words;
  // Party names that name nobody ("unknown", "private", "n a", …), folded.
  absl::flat_hash_set<std::string> unacceptable_party_names;

  // The defaults: ruleset "default-2026.11" with the ICS2 stop words.
  static ScreeningConfig Default();
};

}  // namespace placi::core

#endif  // PLACI_CORE_SCREENING_CONFIG_H_
