// Bounds on the text a reason carries. Reasons echo what the parcel says
// (a description, a name), and a request may carry 999 items of 4,096-byte
// descriptions: echoed whole, the verdict outgrew the 4 MiB that a client
// accepts. An excerpt says which value was read; the request has the rest.
//
//   reason.evidence = absl::StrCat("description=", Excerpt(item.description));
//   BoundReasonText(&verdict.reasons);  // every message and evidence
#ifndef PLACI_CORE_REASON_TEXT_H_
#define PLACI_CORE_REASON_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/verdict.h"

namespace placi::core {

// Longest text echoed from a parcel into a reason, in bytes.
inline constexpr size_t kMaxEchoedBytes = 200;
// Longest message or evidence of a reason, in bytes, echoes and all.
inline constexpr size_t kMaxReasonTextBytes = 400;

// `text` when it has at most `max_bytes` bytes, else its first bytes up to
// a whole UTF-8 character and "…" (then at most max_bytes + 3 bytes).
std::string Excerpt(std::string_view text, size_t max_bytes = kMaxEchoedBytes);

// Cuts each reason's message and evidence to kMaxReasonTextBytes (Excerpt):
// whatever a rule echoes, a verdict's size stays bounded by its reasons.
void BoundReasonText(std::vector<Reason>* reasons);

}  // namespace placi::core

#endif  // PLACI_CORE_REASON_TEXT_H_
