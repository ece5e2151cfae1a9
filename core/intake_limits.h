// Limits that tell a parcel from a message that cannot be one (negative
// weight, a 10 MB description). A violation is refused whole, as
// INVALID_ARGUMENT naming the field; anything within the limits is screened,
// however incomplete. The limits are documented in proto/…/consignment.proto.
#ifndef PLACI_CORE_INTAKE_LIMITS_H_
#define PLACI_CORE_INTAKE_LIMITS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "core/consignment.h"
#include "core/watchlist_entry.h"

namespace placi::core {

struct IntakeLimits {
  size_t max_id_bytes = 128;            // request_id, entry id
  size_t max_carrier_id_bytes = 64;
  size_t max_waybill_bytes = 70;        // ICS2 transport document number
  size_t max_text_bytes = 512;          // names, address parts, contacts
  size_t max_description_bytes = 4096;  // goods description
  // An HS code is 6 to 10 digits; 32 leaves room for the dots and spaces
  // carriers write ("6403.99.90 00"), which the data checks strip.
  size_t max_hs_code_bytes = 32;
  size_t max_url_bytes = 2048;
  size_t max_note_bytes = 4096;         // an officer's note on a resolved hold
  size_t max_items = 999;
  size_t max_transit_countries = 16;
  uint32_t max_pieces = 99'999;
  uint32_t max_quantity = 1'000'000;
  double max_gross_weight_kg = 100'000;
  size_t max_entries_per_call = 10'000;
};

// The first field that breaks a limit.
struct FieldViolation {
  std::string field;        // path, e.g. "items[3].description"
  std::string description;  // e.g. "longer than 4096 bytes"
};

std::optional<FieldViolation> FindLimitViolation(const Consignment& parcel,
                                                 const IntakeLimits& limits = {});

// Entries need an id of [A-Za-z0-9._:-], a value that normalises to
// something, points 0..100. `field_prefix` is prepended to the field path,
// e.g. "entries[4]". When there is none and `key` is given, *key is
// WatchlistIndex::KeyOf(entry), which the check computes anyway: an import
// passes it on to WatchlistIndex::Upsert instead of normalising twice.
std::optional<FieldViolation> FindEntryViolation(const WatchlistEntry& entry,
                                                 const std::string& field_prefix,
                                                 const IntakeLimits& limits = {},
                                                 std::string* key = nullptr);

// INVALID_ARGUMENT with message "<field>: <description>".
absl::Status ToInvalidArgument(const FieldViolation& violation);

// "<field>: longer than <max> bytes" (INVALID_ARGUMENT) when `value` is
// longer than `max`, OK otherwise: for the ids and texts of requests that
// are not parcels, checked before anything quotes them in an answer.
absl::Status CheckLength(std::string_view field, std::string_view value, size_t max);

}  // namespace placi::core

#endif  // PLACI_CORE_INTAKE_LIMITS_H_
