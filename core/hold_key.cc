// See hold_key.h.
#include "core/hold_key.h"

namespace placi::core {
namespace {

// The bytes absl::StripAsciiWhitespace (and so the MISSING_HOUSE_WAYBILL
// check) treats as blank.
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string HoldWaybillKey(std::string_view house_waybill) {
  std::string key;
  key.reserve(house_waybill.size());
  for (char c : house_waybill) {
    if (IsAsciiSpace(c) || c == '-') continue;
    key.push_back(AsciiUpper(c));
  }
  if (!key.empty()) return key;
  // Only spaces and dashes: the dashes, trimmed, are the number.
  size_t begin = 0;
  size_t end = house_waybill.size();
  while (begin < end && IsAsciiSpace(house_waybill[begin])) ++begin;
  while (end > begin && IsAsciiSpace(house_waybill[end - 1])) --end;
  return std::string(house_waybill.substr(begin, end - begin));
}

}  // namespace placi::core
