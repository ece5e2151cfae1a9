// Window counters and the patterns read from them. See pattern_rules.h.
#include "core/pattern_rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "core/goods_rules.h"
#include "core/hold_key.h"
#include "core/normalize.h"

namespace placi::core {
namespace {

constexpr absl::Duration kHour = absl::Hours(1);
constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::Duration kWeek = absl::Hours(24 * 7);

using View = std::string_view;

// Collects counter updates and remembers where each one's sum will be. Its
// updates are reused from parcel to parcel (see PhaseCounters): each key is
// written, part by part, into the room that its slot's earlier keys left,
// so that a parcel's 15-16 keys cost no allocation once a thread's first
// parcels have grown them (they cost two each when built with StrCat and
// then copied into a new CounterUpdate).
class Counters {
 public:
  void Clear() { used_ = 0; }
  // The next counter, keyed by `parts` joined; returns its slot.
  int Add(absl::Span<const View> parts, absl::Duration window, int64_t delta) {
    if (used_ == updates_.size()) updates_.emplace_back();
    CounterUpdate& update = updates_[used_];
    // Sized once, then plain copies: an append per part cost twice as much.
    size_t size = 0;
    for (View part : parts) size += part.size();
    update.key.resize(size);
    char* out = update.key.data();
    for (View part : parts) {
      if (part.empty()) continue;
      std::memcpy(out, part.data(), part.size());
      out += part.size();
    }
    update.window = window;
    update.delta = delta;
    return static_cast<int>(used_++);
  }
  const std::string& Key(int slot) const { return updates_[slot].key; }
  absl::Status Run(HistoryStore* history, absl::Time now, std::vector<WindowIncrement>* counted) {
    absl::StatusOr<std::vector<int64_t>> sums =
        history->CountAndSum(absl::MakeConstSpan(updates_.data(), used_), now, counted);
    if (!sums.ok()) return sums.status();
    sums_ = *std::move(sums);
    return absl::OkStatus();
  }
  int64_t Sum(int slot) const { return slot < 0 ? 0 : sums_[slot]; }

 private:
  std::vector<CounterUpdate> updates_;  // the first used_ are this parcel's
  size_t used_ = 0;
  std::vector<int64_t> sums_;
};

// A parcel's two phases of counters: the thread's own, kept across parcels,
// or, for a call made while the thread's are in use (a history store that
// judges another parcel inside CountAndSum, as a test's does), fresh ones.
class PhaseCounters {
 public:
  PhaseCounters() : phases_(kept_in_use_ ? own_.emplace() : kept_) {
    if (&phases_ == &kept_) kept_in_use_ = true;
    phases_.first.Clear();
    phases_.second.Clear();
  }
  ~PhaseCounters() {
    if (&phases_ == &kept_) kept_in_use_ = false;
  }
  PhaseCounters(const PhaseCounters&) = delete;
  PhaseCounters& operator=(const PhaseCounters&) = delete;
  Counters& first() { return phases_.first; }
  Counters& second() { return phases_.second; }

 private:
  struct Phases {
    Counters first;
    Counters second;
  };
  static thread_local Phases kept_;
  static thread_local bool kept_in_use_;
  std::optional<Phases> own_;
  Phases& phases_;
};
thread_local PhaseCounters::Phases PhaseCounters::kept_;
thread_local bool PhaseCounters::kept_in_use_ = false;

// A house waybill's one counter ("hawb|<HoldCarrierKey>|<HoldWaybillKey>",
// a week: carriers number their waybills each their own way, so one number
// from two carriers is two parcels, as it is two holds) tallies
// two things: how many times the waybill was filed (the low kFilingBits
// bits), and the highest value, in cents, that its filings declared (the
// bits above; the consignee totals count it only when under the split
// threshold, see AddPatternIndicators). One counter rather than a second
// per waybill: a waybill counter is the largest population in the window
// tables (one per parcel, kept a week), and a second would add about 8% to
// their memory (14 counters a new parcel, 32-byte slots). The day markers of
// review bb6 (one per waybill, one per waybill and master) are kept a day,
// not a week: 15 counters a new parcel, 16 with a master, seller and door.
//
// A filing adds 1 + (its value << kFilingBits) in phase 1, before it knows
// whether it is the first: the add and the read are one atomic step, so a
// duplicate sent while the first is still being judged (a client's retry)
// sees the first's value and adds nothing to the totals. A re-filing then
// takes back min(earlier, its own value) << kFilingBits in phase 2, so that
// the tally holds the higher of the two, never their sum. (Two re-filings
// with different values judged at the same instant may count a little low:
// each reads the other's phase-1 add before its take-back.) Counters of
// earlier versions hold filings alone: they read as a value of 0, so a
// waybill first filed before an upgrade adds its whole value once more when
// re-filed after it (counted high, for a day at most).
constexpr int kFilingBits = 24;  // 16.7 million filings of one waybill a week
constexpr int64_t kFilingMask = (int64_t{1} << kFilingBits) - 1;
// 2^32 cents (42.9 million EUR), so that the tally stays far below 2^63
// even with many filings of one waybill in flight at once. No threshold is
// anywhere near.
constexpr int64_t kMaxTalliedCents = int64_t{1} << 32;

struct WaybillTally {
  int64_t filings = 0;
  int64_t value_cents = 0;
  static WaybillTally Of(int64_t sum) { return {sum & kFilingMask, sum >> kFilingBits}; }
};

// A household's day ("hh|<sender>|<address key>|<units>/<floors>|<family
// name>") tallies its parcels and their value in one counter the same way
// (parcels in the low kFilingBits bits, cents above): one counter more a
// parcel, not two.
int64_t HouseholdDelta(int64_t parcels, int64_t value_cents) {
  return parcels + (value_cents << kFilingBits);
}

// The household a parcel goes to, as the parts of a counter key
// ("hh|<sender>|<address key>|<units>/<floors>|<family name>"), or false
// when it names none: the sender (the marketplace seller, else the
// shipper), the door (address key and the units it leaves out: two flats of
// one building are two households) and the consignee's family name
// (FamilyNameKey, into *family, which the parts point into). A household is
// the sender's one purchase spread over a family's names: parcels of other
// senders stay apart, so that a family's ordinary shopping of a day does not
// add up.
bool HouseholdKeyParts(const Consignment& parcel, const NormalizedParcel& normalized,
                       std::string* family, std::array<View, 12>* parts) {
  const NormalizedParty& consignee = normalized.consignee;
  const NormalizedParty& shipper = normalized.consignor;
  const bool by_seller = !normalized.seller_id_key.empty();
  if (consignee.address_key.empty() ||
      (!by_seller && shipper.name_key.empty() && shipper.address_key.empty())) {
    return false;
  }
  *family = FamilyNameKey(parcel.consignee.name, consignee.folded_name);
  if (family->empty()) return false;
  const AddressUnits& units = normalized.consignee_units;
  *parts = {by_seller ? View("hh|s:") : View("hh|c:"),
            by_seller ? View(normalized.seller_id_key) : View(shipper.name_key),
            by_seller ? View() : View("|"),
            by_seller ? View() : View(shipper.address_key),
            "|",
            consignee.address_key,
            "|",
            units.units,
            "/",
            units.floors,
            "|",
            *family};
  return true;
}

// Whether a unit number is a customer code that a forwarder hands out
// ("#AB1234", "Suite 100 #38271") rather than a flat: two letters or more
// among digits, or five digits or more. Flats are short: "4b", "12", "2305".
bool IsForwarderCustomerCode(View number) {
  int letters = 0, digits = 0;
  for (char ch : number) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(ch))) {
      ++digits;
    } else {
      ++letters;
    }
  }
  return digits >= 5 || (digits > 0 && letters >= 2);
}

// The door of the consignee inside its address key, "#<units>/<floors>",
// into *door, or empty when the address names no flat, unit or floor. A
// forwarder's customer codes are left out (IsForwarderCustomerCode): its
// customers share one door, whatever code each writes. Review26: the names
// at an address were counted across a whole building, so that the fifth
// resident of a block of flats, each at a flat of their own, made
// RESHIPPER_ADDRESS (50 points: a Shein dress from CN was held for an IP
// examination); a door is what a reshipper's names share, and a block of
// flats' do not.
void ConsigneeDoorInto(const AddressUnits& units, std::string* door) {
  door->clear();
  if (units.units.empty() && units.floors.empty()) return;  // most parcels
  door->push_back('#');
  const View all = units.units;  // numbers apart by one space
  for (size_t start = 0; start < all.size();) {
    size_t end = all.find(' ', start);
    if (end == View::npos) end = all.size();
    const View number = all.substr(start, end - start);
    start = end + 1;
    if (number.empty() || IsForwarderCustomerCode(number)) continue;
    if (door->size() > 1) door->push_back(' ');
    door->append(number.data(), number.size());
  }
  if (door->size() == 1 && units.floors.empty()) {
    door->clear();  // only customer codes: the address's one door
    return;
  }
  door->push_back('/');
  door->append(units.floors);
}

// One of the keys a consignee is known by, as "<tag><a><separator><b>".
struct ConsigneeId {
  View tag;
  View a;
  View separator;
  View b;
};

// The keys a consignee is known by; empty parts are left out. Returns how
// many of *ids it filled.
size_t ConsigneeIds(const NormalizedParty& consignee, std::array<ConsigneeId, 3>* ids) {
  size_t n = 0;
  const std::string& name = consignee.name_key;
  const std::string& address = consignee.address_key;
  if (!name.empty() && !address.empty()) (*ids)[n++] = {"n|", name, "|", address};
  if (const std::string& phone = consignee.phone_key; phone.size() >= 6) {
    (*ids)[n++] = {"p|", phone, {}, {}};
  }
  if (const std::string& email = consignee.email_key; email.find('@') != std::string::npos) {
    (*ids)[n++] = {"e|", email, {}, {}};
  }
  return n;
}

Reason Pattern(std::string_view code, int points, std::string field, std::string message,
               std::string evidence) {
  return Reason{std::string(code), std::move(message), points, std::move(field),
                std::move(evidence), Referral::kNone};
}

}  // namespace

absl::Status AddPatternIndicators(const Consignment& parcel, const ScreeningConfig& config,
                                  HistoryStore* history, absl::Time now, bool count,
                                  std::vector<Reason>* reasons,
                                  std::vector<WindowIncrement>* counted) {
  return AddPatternIndicators(parcel, NormalizeParcel(parcel), config, history, now, count,
                              reasons, counted);
}

absl::Status AddPatternIndicators(const Consignment& parcel, const NormalizedParcel& normalized,
                                  const ScreeningConfig& config, HistoryStore* history,
                                  absl::Time now, bool count, std::vector<Reason>* reasons,
                                  std::vector<WindowIncrement>* counted) {
  const PatternConfig& p = config.patterns;
  const std::string& address = normalized.consignee.address_key;
  const std::string& name = normalized.consignee.name_key;

  // The declared value, within the waybill tally's room (a value that does
  // not fit is far past every threshold anyway).
  const std::optional<double> value_eur = DeclaredValueEur(parcel, config);
  const int64_t value_cents =
      value_eur ? std::llround(std::clamp(*value_eur * 100, 0.0, double{kMaxTalliedCents})) : 0;

  // Phase 1: is this waybill new, what value have its filings counted, and
  // is this name new at this address? The waybill is keyed as holds key it
  // (core/hold_key.h), so that " bbx-0000 " is a re-filing of "BBX0000"; a
  // blank one is a missing one, counted every time like an empty one.
  PhaseCounters phases;
  Counters& first = phases.first();
  const int64_t step = count ? 1 : 0;
  const std::string waybill = HoldWaybillKey(parcel.house_waybill);
  const std::string carrier = HoldCarrierKey(parcel.carrier_id);
  const int64_t filing = count ? 1 + (value_cents << kFilingBits) : 0;
  const int waybill_slot =
      waybill.empty() ? -1 : first.Add({"hawb|", carrier, "|", waybill}, kWeek, filing);
  // Names are counted at the consignee's door (ConsigneeDoorInto): an
  // address without a flat, unit or floor keeps the keys of earlier
  // versions ("an|<address>|<name>", "ad|<address>").
  thread_local std::string door;
  ConsigneeDoorInto(normalized.consignee_units, &door);
  const int pair_slot = address.empty() || name.empty()
                            ? -1
                            : first.Add({"an|", address, door, "|", name}, kWeek, step);
  // The seller: its id, else its name (review bb5 L2: carriers of some
  // marketplaces send the shop's name only), the name's counters apart by
  // "n:" (an id key holds no ":"). Built only for a seller known by name.
  const bool seller_by_name =
      normalized.seller_id_key.empty() && !normalized.seller_name_key.empty();
  // The seller's key is seller_tag + seller.
  const View seller_tag = seller_by_name ? "n:" : "";
  const View seller = seller_by_name ? normalized.seller_name_key : normalized.seller_id_key;
  // The master waybill normalised as house waybills are: "784-12345678",
  // "784 12345678" and "78412345678" are one air waybill. Its counter is
  // "ms|<master>|<seller>|<address>".
  const std::string master = HoldWaybillKey(parcel.master_waybill);
  const bool has_master_key = !master.empty() && !seller.empty() && !address.empty();
  // Review bb6 H1: a house bill is often first filed without its master and
  // sent again with it before departure (PACT guide 2.2.5.1), so "the
  // waybill's first filing" would never count it for its master. It counts
  // there the first time it comes with that master (seller, door) in the
  // master's day: one marker per waybill and master key, in the same day
  // window, so that both age out together and re-filings with the same
  // master count once. Only parcels that name a master, a seller and a door
  // carry one.
  const int master_marker_slot =
      !has_master_key || waybill.empty()
          ? -1
          : first.Add({"hm|", carrier, "|", waybill, "|ms|", master, "|", seller_tag, seller, "|",
                       address},
                      kDay, step);
  // Review bb6 M1: a house bill filed days before its flight (a consolidator
  // files parcels as they arrive) and sent again on the day it flies belongs
  // in that day's totals too. A day marker per waybill, in the day window of
  // the consignee's counters (same buckets, so both age out together), says
  // whether this day has counted the waybill already: the day counts it once,
  // the week's counters still once a week (the waybill tally).
  const int day_marker_slot =
      waybill.empty() ? -1 : first.Add({"hd|", carrier, "|", waybill}, kDay, step);
  if (absl::Status s = first.Run(history, now, counted); !s.ok()) return s;
  // What the waybill's earlier filings counted (nothing for a new waybill).
  const WaybillTally earlier =
      WaybillTally::Of(waybill_slot < 0 ? 0 : first.Sum(waybill_slot) - filing);
  // A re-submitted waybill counts as a parcel once. Its value counts at the
  // highest filed: a re-filing adds only what it declares above the value
  // counted already, and one that declares less keeps the higher value
  // (conservative: what was declared once stays declared, so filing high and
  // amending low cannot shrink the totals).
  const int64_t once = count && earlier.filings == 0 ? 1 : 0;
  // Whether the day windows have not counted this waybill yet: its first
  // filing, or a re-filing once its earlier ones left the day (a blank
  // waybill counts every time, as for `once`).
  const bool new_today = count && (day_marker_slot < 0 || first.Sum(day_marker_slot) == step);
  const int64_t once_today = new_today ? 1 : 0;

  // The split rule's threshold: the destination's de minimis, else the
  // rules' daily value threshold.
  const double threshold = DeMinimisEur(parcel.consignee.address.country_code, config)
                               .value_or(p.daily_value_threshold_eur);
  // Decision (review bb3 L10): the day values that the split rule reads
  // ("cv|" per consignee identity, the household's cents) count only parcels
  // declared under the threshold. A parcel at or above it was declared as
  // dutiable: nothing was split off it, so two dutiable parcels and one small
  // one to one person are no split, while two small ones that add up past the
  // threshold still are. The parcel counts (cc|, the household's parcels)
  // keep counting every parcel: CONSIGNEE_VELOCITY reads them.
  // A re-filing adds what it declares above the under-threshold value its
  // waybill counted already. The waybill's tally holds the highest value
  // filed; when that is at or above the threshold, the waybill is taken to
  // have counted nothing yet (filed small, amended to dutiable and amended
  // small again, it counts twice: high, conservative).
  // Day counters written by earlier versions hold every parcel's value, the
  // dutiable ones too: they expire with their day window (24 h), and until
  // then may call a split what this version would not.
  const int64_t threshold_cents = std::llround(threshold * 100);
  const int64_t counted_cents = earlier.value_cents < threshold_cents ? earlier.value_cents : 0;
  // A re-filing new to the day counts its highest value filed, all of it:
  // the day holds nothing of it yet.
  const int64_t split_rise =
      count && value_eur && *value_eur < threshold
          ? (new_today ? std::max(value_cents, counted_cents)
                       : std::max<int64_t>(0, value_cents - counted_cents))
          : 0;

  // Phase 2: count and read.
  Counters& c = phases.second();
  if (count && earlier.filings > 0) {
    // The tally holds max(earlier, this), not their sum (see WaybillTally).
    const int64_t overlap = std::min(earlier.value_cents, value_cents);
    if (overlap > 0) c.Add({first.Key(waybill_slot)}, kWeek, -(overlap << kFilingBits));
  }
  std::array<std::pair<int, int>, 3> consignee_slots;  // (value, count) per identity
  std::array<ConsigneeId, 3> ids;
  const size_t id_count = ConsigneeIds(normalized.consignee, &ids);
  for (size_t i = 0; i < id_count; ++i) {
    const ConsigneeId& id = ids[i];
    // The count before the value, the order in which earlier versions asked
    // for them (the same counters either way).
    consignee_slots[i].second = c.Add({"cc|", id.tag, id.a, id.separator, id.b}, kDay, once_today);
    consignee_slots[i].first = c.Add({"cv|", id.tag, id.a, id.separator, id.b}, kDay, split_rise);
  }
  const char* const seller_field = seller_by_name ? "ecommerce.seller_name" : "ecommerce.seller_id";
  const int seller_slot = seller.empty() || id_count == 0
                              ? -1
                              : c.Add({"sc|", seller_tag, seller, "|", ids[0].tag, ids[0].a,
                                       ids[0].separator, ids[0].b},
                                      kWeek, once);
  const int names_slot =
      address.empty() ? -1
                      : c.Add({"ad|", address, door}, kWeek,
                              pair_slot >= 0 && first.Sum(pair_slot) == 1 ? once : 0);
  // One seller to one door, whatever the names (SELLER_ADDRESS_REPEAT).
  const int seller_address_slot =
      seller.empty() || address.empty()
          ? -1
          : c.Add({"sa|", seller_tag, seller, "|", address, door}, kWeek, once);
  std::string family;
  std::array<View, 12> household;
  const int household_slot =
      p.split_by_household && HouseholdKeyParts(parcel, normalized, &family, &household)
          ? c.Add(household, kDay, HouseholdDelta(once_today, split_rise))
          : -1;
  // The shipper is "<name key>|<address key>", known when either part is.
  const std::string& shipper_name = normalized.consignor.name_key;
  const std::string& shipper_address = normalized.consignor.address_key;
  const bool has_shipper = !shipper_name.empty() || !shipper_address.empty();
  const int shipper_hour =
      has_shipper ? c.Add({"sh|", shipper_name, "|", shipper_address}, kHour, once) : -1;
  const int shipper_week =
      has_shipper ? c.Add({"sw|", shipper_name, "|", shipper_address}, kWeek, once) : -1;
  // A blank waybill counts every time, as for `once`.
  const int64_t first_with_master =
      master_marker_slot < 0 ? once : (first.Sum(master_marker_slot) == step ? step : 0);
  const int master_slot =
      has_master_key
          ? c.Add({"ms|", master, "|", seller_tag, seller, "|", address}, kDay, first_with_master)
          : -1;
  if (absl::Status s = c.Run(history, now, counted); !s.ok()) return s;

  int64_t day_value_cents = 0;
  int64_t day_parcels = 0;
  for (size_t i = 0; i < id_count; ++i) {
    const auto& [value_slot, count_slot] = consignee_slots[i];
    day_value_cents = std::max(day_value_cents, c.Sum(value_slot));
    day_parcels = std::max(day_parcels, c.Sum(count_slot));
  }
  const double day_value = day_value_cents / 100.0;
  // An address of many names this week is a block of flats or a forwarder,
  // not one family's door: its seller and household counts say nothing.
  const bool few_names = c.Sum(names_slot) < p.address_weekly_names;
  const WaybillTally household_day =
      WaybillTally::Of(few_names ? c.Sum(household_slot) : 0);  // (parcels, cents)
  const double household_value = household_day.value_cents / 100.0;
  if (value_eur && *value_eur < threshold && day_value >= threshold && day_parcels >= 2) {
    reasons->push_back(Pattern(
        reason::kSplitShipment, p.split_shipment_points, "consignee",
        absl::StrFormat("%d parcels to this consignee today; those declared under the %.2f EUR "
                        "threshold add up to %.2f EUR, past it",
                        day_parcels, threshold, day_value),
        absl::StrFormat("day_parcels=%d day_value_eur=%.2f threshold_eur=%.2f", day_parcels,
                        day_value, threshold)));
  } else if (value_eur && *value_eur < threshold && household_value >= threshold &&
             household_day.filings >= 2) {
    reasons->push_back(Pattern(
        reason::kSplitShipment, p.split_shipment_points, "consignee",
        absl::StrFormat("%d parcels from one sender to this household (one family name at one "
                        "door) today; those declared under the %.2f EUR threshold add up to "
                        "%.2f EUR, past it",
                        household_day.filings, threshold, household_value),
        absl::StrFormat("day_parcels=%d day_value_eur=%.2f threshold_eur=%.2f scope=household",
                        household_day.filings, household_value, threshold)));
  }
  if (day_parcels >= p.consignee_daily_parcels) {
    reasons->push_back(Pattern(reason::kConsigneeVelocity, p.consignee_velocity_points, "consignee",
                               absl::StrCat(day_parcels, " parcels to this consignee today"),
                               absl::StrCat("day_parcels=", day_parcels)));
  }
  if (c.Sum(seller_slot) >= p.seller_consignee_weekly_parcels) {
    reasons->push_back(Pattern(
        reason::kSellerConsigneeRepeat, p.seller_consignee_points, seller_field,
        absl::StrCat(c.Sum(seller_slot), " parcels from this seller to this consignee this week"),
        absl::StrCat("week_parcels=", c.Sum(seller_slot))));
  } else if (few_names && c.Sum(seller_address_slot) >= p.seller_address_weekly_parcels) {
    // The same seller's parcels spread over the names at one door.
    reasons->push_back(Pattern(
        reason::kSellerAddressRepeat, p.seller_address_points, seller_field,
        absl::StrCat(c.Sum(seller_address_slot),
                     " parcels from this seller to this address this week, across the consignee "
                     "names at it"),
        absl::StrCat("week_parcels=", c.Sum(seller_address_slot),
                     " week_names=", c.Sum(names_slot))));
  }
  if (c.Sum(names_slot) >= p.address_weekly_names) {
    reasons->push_back(Pattern(
        reason::kReshipperAddress, p.reshipper_address_points, "consignee.address",
        absl::StrCat(c.Sum(names_slot), " different consignee names at this address this week"),
        absl::StrCat("week_names=", c.Sum(names_slot))));
  }
  if (c.Sum(shipper_hour) >= p.new_shipper_hourly_parcels &&
      c.Sum(shipper_week) == c.Sum(shipper_hour)) {
    reasons->push_back(Pattern(
        reason::kNewShipperBurst, p.new_shipper_burst_points, "consignor",
        absl::StrCat(c.Sum(shipper_hour), " parcels this hour from a shipper not seen before"),
        absl::StrCat("hour_parcels=", c.Sum(shipper_hour))));
  }
  if (c.Sum(master_slot) >= p.master_seller_address_parcels) {
    reasons->push_back(Pattern(
        reason::kMasterWaybillSplit, p.master_waybill_split_points, "master_waybill",
        absl::StrCat(c.Sum(master_slot),
                     " parcels of this master waybill from one seller to one address"),
        absl::StrCat("master_parcels=", c.Sum(master_slot))));
  }
  return absl::OkStatus();
}

}  // namespace placi::core
