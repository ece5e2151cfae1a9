// Key layout of the placi-screen RocksDB database, in one place so that the
// writer (Apply) and the readers cannot drift apart. See store.h for the
// column families and what each key maps to.
#ifndef PLACI_STORAGE_KEYS_H_
#define PLACI_STORAGE_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace placi::storage::keys {

// Column family names.
inline constexpr char kWatchlistCf[] = "watchlist";
inline constexpr char kDecisionsCf[] = "decisions";
inline constexpr char kHoldsCf[] = "holds";
inline constexpr char kHistoryCf[] = "history";
inline constexpr char kMetaCf[] = "meta";

// meta keys.
inline constexpr char kWatchlistVersion[] = "watchlist_version";
inline constexpr char kWatchlistSeeded[] = "watchlist_seeded";

// decisions: "id/" + decision_id → Verdict.
inline std::string DecisionKey(std::string_view decision_id) {
  std::string key = "id/";
  key.append(decision_id);
  return key;
}

// decisions: "hawb/" + house_waybill + '\0' → prefix of every index key of
// one waybill. The NUL ends the waybill so that "AB" never lists "ABC".
inline std::string WaybillPrefix(std::string_view house_waybill) {
  std::string key = "hawb/";
  key.append(house_waybill);
  key.push_back('\0');
  return key;
}

// decisions: prefix + decision_id → "". Decision ids are ULIDs, so one
// waybill's keys sort oldest first.
inline std::string WaybillIndexKey(std::string_view house_waybill,
                                   std::string_view decision_id) {
  std::string key = WaybillPrefix(house_waybill);
  key.append(decision_id);
  return key;
}

// meta watchlist_version: 8 bytes big-endian, so that the bytes read the same
// on every machine and sort like the numbers.
inline std::string EncodeVersion(uint64_t version) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(version & 0xff);
    version >>= 8;
  }
  return out;
}

// nullopt when the value is not 8 bytes.
inline std::optional<uint64_t> DecodeVersion(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t version = 0;
  for (unsigned char c : bytes) version = (version << 8) | c;
  return version;
}

}  // namespace placi::storage::keys

#endif  // PLACI_STORAGE_KEYS_H_
