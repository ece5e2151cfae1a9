// See hold_coverage.h.
#include "core/hold_coverage.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace placi::core {
namespace {

constexpr std::string_view kEntryPrefix = "entry=";

bool IsBookkeeping(std::string_view code) {
  return code == reason::kHoldStillInPlace || code == reason::kHoldResolved ||
         code == reason::kRiskScoreThreshold;
}

// "CODE", or "CODE/ENTRY" for a watchlist hit (evidence "entry=ID value=…").
std::string EvidenceToken(const Reason& r) {
  std::string token = r.code;
  std::string_view evidence = r.evidence;
  if (evidence.substr(0, kEntryPrefix.size()) == kEntryPrefix) {
    evidence.remove_prefix(kEntryPrefix.size());
    token.push_back('/');
    token.append(evidence.substr(0, evidence.find(' ')));
  }
  return token;
}

}  // namespace

std::string HoldEvidence(absl::Span<const Verdict> hold_verdicts) {
  std::vector<std::string> tokens;
  for (const Verdict& held : hold_verdicts) {
    for (const Reason& r : held.reasons) {
      if (IsBookkeeping(r.code)) continue;
      if (r.referral == Referral::kNone && r.points == 0) continue;
      tokens.push_back(EvidenceToken(r));
    }
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return absl::StrJoin(tokens, ",");
}

bool HasEvidenceBeyond(const Verdict& verdict, std::string_view covered) {
  const std::vector<absl::string_view> listed =
      absl::StrSplit(absl::string_view(covered.data(), covered.size()), ',');
  const bool held_on_score =
      std::any_of(verdict.reasons.begin(), verdict.reasons.end(),
                  [](const Reason& r) { return r.code == reason::kRiskScoreThreshold; });
  for (const Reason& r : verdict.reasons) {
    if (IsBookkeeping(r.code)) continue;
    const bool counts = r.referral != Referral::kNone || (held_on_score && r.points > 0);
    if (!counts) continue;
    const std::string token = EvidenceToken(r);
    if (std::find(listed.begin(), listed.end(), absl::string_view(token)) == listed.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace placi::core
