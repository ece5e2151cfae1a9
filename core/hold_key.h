// The key that a house waybill's hold state is kept under. Carriers do not
// always send one number the same way ("BBX0000", " bbx0000 ", "BBX-0000",
// "BBX–0000" pasted from a word processor, "ＢＢＸ００００" typed in a
// full-width input mode), and a re-sent parcel must find the hold its first
// screening placed, so holds are keyed on a folded form rather than on the
// bytes as sent.
//
//   HoldWaybillKey(" bbx 00-00 ") == "BBX0000"
//   HoldWaybillKey("ＢＢＸ\u2013０\u00a0000") == "BBX0000"
//   HoldWaybillKey(" - ").empty()  // a waybill of separators only is a missing one
//   HoldCarrierKey(" demo-express ") == "DEMO-EXPRESS"
#ifndef PLACI_CORE_HOLD_KEY_H_
#define PLACI_CORE_HOLD_KEY_H_

#include <string>
#include <string_view>

namespace placi::core {

// House waybill numbers are letters and digits; everything else is how a
// number is printed. The key:
// - full-width ASCII (U+FF01..U+FF5E) read as the ASCII it stands for;
// - ASCII letters upper-cased;
// - dropped wherever they are: ASCII whitespace, the ASCII separators
//   '-', '_', '.', '/', every Unicode dash (en dash, U+2010, minus sign …),
//   space (no-break, thin, ideographic …), invisible character (zero-width
//   space and joiners, byte order mark, soft hyphen, direction marks) and the
//   Unicode forms of the dot, slash and low line;
// - any other character kept as sent (bytes that are not UTF-8 too).
// Empty exactly when the waybill has nothing but what is dropped: that is a
// missing waybill (MISSING_HOUSE_WAYBILL), and no hold state is ever kept on
// it. Pattern rules and ListDecisions key waybills with this function too.
std::string HoldWaybillKey(std::string_view house_waybill);

// HoldWaybillKey(house_waybill).empty(), decided without building the key
// (at the first character that a key keeps, for most waybills the first).
bool IsBlankWaybill(std::string_view house_waybill);

// The carrier part of a hold key: the carrier_id with ASCII letters
// upper-cased, full-width ASCII read as ASCII, and every space and invisible
// character dropped ("demo-express", " DEMO-EXPRESS" and "DEMO-EXPRESS" are
// one carrier). Dashes and other characters are kept: they may tell two
// carriers apart.
std::string HoldCarrierKey(std::string_view carrier_id);

// HoldCarrierKey(carrier_id).empty(), decided without building the key: a
// parcel that names no carrier (Screener::Screen asks this of every parcel).
bool IsBlankCarrier(std::string_view carrier_id);

}  // namespace placi::core

#endif  // PLACI_CORE_HOLD_KEY_H_
