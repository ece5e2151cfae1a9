// Conversions between the public protos (placi.screening.v1) and the domain
// structs of core/. Used by server/ (the wire) and storage/ (which stores
// the public protos as its values, so that stored records evolve with the
// same compatibility rules as the API).
//
//   core::Consignment parcel;
//   if (auto bad = convert::ConsignmentFromProto(request.consignment(), &parcel)) {
//     return core::ToInvalidArgument(*bad);
//   }
#ifndef PLACI_PROTO_CONVERT_CONVERT_H_
#define PLACI_PROTO_CONVERT_CONVERT_H_

#include <optional>
#include <string>

#include "core/consignment.h"
#include "core/intake_limits.h"
#include "core/verdict.h"
#include "core/watchlist_entry.h"
#include "placi/screening/v1/consignment.pb.h"
#include "placi/screening/v1/screening.pb.h"
#include "placi/screening/v1/verdict.pb.h"

namespace placi::convert {

namespace pb = ::placi::screening::v1;

// Proto → domain. Returns the first field no domain value can hold (an enum
// number that is not defined, a timestamp out of range); `out` is then
// partly filled and must not be used. Does not check IntakeLimits.
std::optional<core::FieldViolation> ConsignmentFromProto(const pb::Consignment& in,
                                                         core::Consignment* out);
// `field_prefix` names the entry in violations, e.g. "entries[3]". An
// UNSPECIFIED kind is a violation; an UNSPECIFIED referral means NONE.
std::optional<core::FieldViolation> EntryFromProto(const pb::WatchlistEntry& in,
                                                   const std::string& field_prefix,
                                                   core::WatchlistEntry* out);
// An entry as a caller sends one (UpsertEntries, the --seed_watchlist file,
// `placi-screen watchlist import`): EntryFromProto, then
// core::FindEntryViolation with `limits` (which sets *key when there is no
// `field_prefix`), and a referral is required: an UNSPECIFIED one is a
// violation, since a do-not-load entry from a feed that forgot the field
// would only add points (review bb3 L6). One check for the three ways in,
// so that a file the server refuses at start is refused by the CLI too.
std::optional<core::FieldViolation> EntryFromCaller(const pb::WatchlistEntry& in,
                                                    const std::string& field_prefix,
                                                    const core::IntakeLimits& limits,
                                                    core::WatchlistEntry* out,
                                                    std::string* key = nullptr);
// Verdicts read back from storage; false when an enum is out of range.
bool VerdictFromProto(const pb::Verdict& in, core::Verdict* out);

// Domain → proto (always succeeds).
void ConsignmentToProto(const core::Consignment& in, pb::Consignment* out);
void EntryToProto(const core::WatchlistEntry& in, pb::WatchlistEntry* out);
void VerdictToProto(const core::Verdict& in, pb::Verdict* out);

// A time as a Timestamp, clamped into the Timestamp range (years 1..9999),
// so that the conversion always succeeds. Callers leave InfinitePast
// ("unknown") unset.
void TimeToProto(absl::Time in, google::protobuf::Timestamp* out);

// Enum mappings, also used for metric labels and flags.
pb::Decision DecisionToProto(core::Decision d);
pb::Referral ReferralToProto(core::Referral r);
pb::HoldStatus HoldStatusToProto(core::HoldStatus s);
pb::EntryKind EntryKindToProto(core::EntryKind k);
std::optional<core::EntryKind> EntryKindFromProto(pb::EntryKind k);  // nullopt for UNSPECIFIED/unknown

}  // namespace placi::convert

#endif  // PLACI_PROTO_CONVERT_CONVERT_H_
