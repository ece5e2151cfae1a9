// The key that a house waybill's hold state is kept under. Carriers do not
// always send one number the same way ("BBX0000", " bbx0000 ", "BBX-0000"),
// and a re-sent parcel must find the hold its first screening placed, so
// holds are keyed on a normalised form rather than on the bytes as sent.
//
//   HoldWaybillKey(" bbx 00-00 ") == "BBX0000"
//   HoldWaybillKey("   ").empty()  // a blank waybill is a missing one
#ifndef PLACI_CORE_HOLD_KEY_H_
#define PLACI_CORE_HOLD_KEY_H_

#include <string>
#include <string_view>

namespace placi::core {

// ASCII letters upper-cased; ASCII whitespace and '-' dropped wherever they
// are (house waybill numbers are letters and digits; spaces and dashes are
// only how a number is printed). Any other byte is kept as it is. A waybill
// made only of dashes (and spaces) keys as itself, trimmed and upper-cased,
// so that only a blank waybill, the one that data checks call missing, has
// an empty key: no hold state is ever kept on it.
std::string HoldWaybillKey(std::string_view house_waybill);

}  // namespace placi::core

#endif  // PLACI_CORE_HOLD_KEY_H_
