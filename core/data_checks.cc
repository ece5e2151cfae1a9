// PLACI 7+1 completeness and precision checks. See data_checks.h.
#include "core/data_checks.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "core/byte_blocks.h"
#include "core/code_spellings.h"
#include "core/hold_key.h"
#include "core/iso_codes.h"
#include "core/normalize.h"
#include "core/placeholder_words.h"
#include "core/recent_text_answers.h"
#include "core/text_cache_stats.h"

namespace placi::core {
namespace {

class ReasonWriter {
 public:
  ReasonWriter(const ScreeningConfig& config, std::vector<Reason>* reasons)
      : points_(config.data_problem_points), reasons_(reasons) {}

  void Add(std::string_view code, std::string field, std::string message,
           std::string evidence = "") {
    reasons_->push_back(Reason{std::string(code), std::move(message), points_, std::move(field),
                               std::move(evidence), Referral::kRequestForInformation});
  }
  // A finding about the data that asks nothing of the carrier: no points,
  // no referral (the parcel is not held for it).
  void Note(std::string_view code, std::string field, std::string message,
            std::string evidence = "") {
    reasons_->push_back(Reason{std::string(code), std::move(message), 0, std::move(field),
                               std::move(evidence), Referral::kNone});
  }

 private:
  const int points_;
  std::vector<Reason>* const reasons_;
};

// Whether `text` is empty or only ASCII whitespace. Decided at the first
// byte for almost every field (absl::StripAsciiWhitespace, which also looks
// from the end, cost ~110 instructions a call, a dozen calls a parcel).
bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); });
}

constexpr const char* kCountryCodeRule = "country code must be ISO 3166-1 alpha-2, e.g. \"DE\"";

// Whether the rules list `folded` as a name that names nobody. A single word
// they list is a placeholder word too (PlaceholderWords takes them in, and
// IsPlaceholder is asked as well wherever this is), so only text of more
// than one word is looked up: hashing every name and city into the set was
// ~500 instructions a parcel.
bool ListedAsNamingNobody(const std::string& folded, const ScreeningConfig& config) {
  return folded.find(' ') != std::string::npos && config.unacceptable_party_names.contains(folded);
}

// Whether a folded party name has fewer than 2 letters: "a", "J.", "..",
// "-", "123" write no name, and are a missing name (review25: "a" and "J."
// were released). No name has fewer: a one-character name in Han or Hangul
// script transliterates to a syllable ("李" → "li"). A letter left
// untransliterated (not ASCII) counts too. Stops at the second letter,
// which most names have in their first two bytes.
bool HasFewerThanTwoLetters(const std::string& folded) {
  const auto letter = [](char c) {
    return absl::ascii_isalpha(static_cast<unsigned char>(c)) || (c & 0x80) != 0;
  };
  if (folded.size() >= 2 && letter(folded[0]) && letter(folded[1])) return false;  // most names
  int letters = 0;
  for (char c : folded) {
    letters += letter(c) ? 1 : 0;
    if (letters == 2) return false;
  }
  return true;
}

// Whether a party name of 2 letters or more names nobody: a name the rules
// list, only placeholder words, or a placeholder in another script.
// `folded` is FoldText(name).
bool NamesNobody(std::string_view name, const std::string& folded, const ScreeningConfig& config) {
  if (ListedAsNamingNobody(folded, config)) return true;
  if (IsPlaceholderInScript(name, folded)) return true;
  return config.Placeholders().IsPlaceholder(folded);
}

// IsGiven of a part that is not blank, not longer than kLongestPlaceholder
// and has no digit, read afresh.
bool IsGivenAfresh(std::string_view part, const ScreeningConfig& config) {
  // 未知 ("unknown") as a city, as for a name (review bb4 L4).
  thread_local std::string folded;
  FoldTextInto(part, &folded);
  if (IsPlaceholderInScript(part, folded)) return false;
  return !config.Placeholders().IsPlaceholder(folded) && !ListedAsNamingNobody(folded, config);
}

// Longer address parts are given: no placeholder is this long, and they
// are not read twice.
constexpr size_t kLongestPlaceholder = 32;

// Whether an address part is given: not blank, and (a short one) not only
// separators or placeholder words ("-", "n/a", "unknown"), nor a whole
// phrase the rules list as naming nobody ("same as above", "see invoice").
bool IsGiven(std::string_view part, const ScreeningConfig& config) {
  if (IsBlank(part)) return false;
  if (part.size() > kLongestPlaceholder) return true;
  // A house number or postcode digit: no placeholder has one, and most
  // streets do, so they skip the fold (4% of BM_ScreenCore for every part).
  // Except zeros alone ("0", "000", "0-0"): a number nobody had (review
  // bb4 L4); only a part whose first digit is a zero is read again.
  if (const size_t digit = FindDigit(part, 0); digit < part.size()) {
    return part[digit] != '0' || std::any_of(part.begin(), part.end(), [](char c) {
             const bool not_ascii = (static_cast<unsigned char>(c) & 0x80) != 0;
             return not_ascii || (absl::ascii_isalnum(c) && c != '0');
           });
  }
  // A city comes back parcel after parcel: its answer is remembered per
  // thread, under the ruleset it was read with. Streets, which have house
  // numbers and rarely come back, stopped above and take no slot.
  thread_local RecentTextAnswers<kLongestPlaceholder> recent;
  const uint64_t stamp = config.MemoStamp();
  if (const std::optional<uint8_t> given = recent.Find(part, stamp)) {
    CountTextCacheLookup(TextCache::kAddressParts, CacheResult::kHit);
    return *given != 0;
  }
  CountTextCacheLookup(TextCache::kAddressParts, CacheResult::kMiss);
  const bool given = IsGivenAfresh(part, config);
  recent.Keep(part, stamp, given ? 1 : 0);
  return given;
}

void CheckParty(const Party& party, const NormalizedParty& normalized, std::string_view role, std::string_view missing_name,
                std::string_view missing_address, std::string_view incomplete_address,
                const ScreeningConfig& config, ReasonWriter* out) {
  const std::string prefix(role);
  if (IsBlank(party.name)) {
    out->Add(missing_name, prefix + ".name", absl::StrCat(prefix, " name is missing"));
  } else if (HasFewerThanTwoLetters(normalized.folded_name)) {
    // The missing name's code: nothing name-like was written, where
    // UNACCEPTABLE_PARTY_NAME below is a word written for a name.
    out->Add(missing_name, prefix + ".name",
             absl::StrCat(prefix, " name is missing (fewer than 2 letters); give the name"),
             absl::StrCat("value=", party.name));
  } else {
    if (NamesNobody(party.name, normalized.folded_name, config)) {
      out->Add(reason::kUnacceptablePartyName, prefix + ".name",
               absl::StrCat(prefix, " name does not name anybody; give the real name"),
               absl::StrCat("value=", party.name));
    }
  }

  // A street or city of placeholders ("unknown", "n/a", "-") is not given,
  // and said so with its value.
  const Address& a = party.address;
  const bool street = IsGiven(a.street, config);
  const bool city = IsGiven(a.city, config);
  if (!street && !city && !IsGiven(a.postal_code, config) && IsBlank(a.country_code)) {
    out->Add(missing_address, prefix + ".address", absl::StrCat(prefix, " address is missing"));
    return;
  }
  const std::tuple<bool, const std::string*, const char*> required[] = {
      {street, &a.street, "street"},
      {city, &a.city, "city"},
      {!IsBlank(a.country_code), &a.country_code, "country_code"}};
  for (const auto& [given, value, name] : required) {
    if (given) continue;
    if (IsBlank(*value)) {
      out->Add(incomplete_address, absl::StrCat(prefix, ".address.", name),
               absl::StrCat(prefix, " address has no ", name));
    } else {
      out->Add(incomplete_address, absl::StrCat(prefix, ".address.", name),
               absl::StrCat(prefix, " address has no ", name, " (only a placeholder)"),
               absl::StrCat("value=", *value));
    }
  }
  if (!IsBlank(a.country_code) && !IsIsoCountryCode(a.country_code)) {
    out->Add(reason::kInvalidCountryCode, prefix + ".address.country_code", kCountryCodeRule,
             absl::StrCat("value=", a.country_code));
  }
}

enum class Vagueness : uint8_t {
  kPrecise,
  kStopWord,      // the whole description is a stop word
  kNoLetter,      // only digits and symbols
  kGenericWords,  // only stop words and filler words
};

// A C string: Debian's absl::StrCat takes no std::string_view.
const char* WhyVague(Vagueness vagueness) {
  switch (vagueness) {
    case Vagueness::kPrecise:
      return "";
    case Vagueness::kStopWord:
      return "is only a generic term (ICS2 stop word)";
    case Vagueness::kNoLetter:
      return "has only digits and symbols";
    case Vagueness::kGenericWords:
      return "is made only of generic terms (ICS2 stop words)";
  }
  return "";
}

// How vague a description is, read afresh. `folded` is FoldText of the
// description.
Vagueness VaguenessAfresh(const std::string& folded, const ScreeningConfig& config) {
  if (config.vague_descriptions.contains(folded)) return Vagueness::kStopWord;
  bool has_letter = false;
  bool all_vague = true;
  for (absl::string_view word : absl::StrSplit(folded, ' ', absl::SkipEmpty())) {
    // A letter seen and a precise word seen settle both answers: the rest
    // of the description is not read.
    if (has_letter && !all_vague) break;
    // absl's table, not std::isalpha (a libc call a byte); the first
    // letter ends the search.
    has_letter = has_letter || std::any_of(word.begin(), word.end(), [](char c) {
                   return absl::ascii_isalpha(static_cast<unsigned char>(c)) || (c & 0x80) != 0;
                 });
    // One precise word settles it: the word lists are not looked up again.
    if (!all_vague) continue;
    bool is_number = std::all_of(word.begin(), word.end(),
                                 [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
    if (!is_number && !config.filler_words.contains(word) &&
        !config.vague_descriptions.contains(word)) {
      all_vague = false;
    }
  }
  if (!has_letter) return Vagueness::kNoLetter;
  if (all_vague) return Vagueness::kGenericWords;
  return Vagueness::kPrecise;
}

// Descriptions longer than this are read afresh each time: most of a
// carrier's repeated descriptions are shorter.
constexpr size_t kLongestRememberedDescription = 64;

// Why a description is too vague to assess, or empty when it is precise.
// `folded` is FoldText of the description. A marketplace's descriptions
// come back parcel after parcel: the answer is remembered per thread,
// under the ruleset it was read with.
const char* WhyVague(const std::string& folded, const ScreeningConfig& config) {
  thread_local RecentTextAnswers<kLongestRememberedDescription> recent;
  if (folded.size() > kLongestRememberedDescription) {
    CountTextCacheLookup(TextCache::kVagueness, CacheResult::kNotCached);
    return WhyVague(VaguenessAfresh(folded, config));
  }
  const uint64_t stamp = config.MemoStamp();
  if (const std::optional<uint8_t> known = recent.Find(folded, stamp)) {
    CountTextCacheLookup(TextCache::kVagueness, CacheResult::kHit);
    return WhyVague(static_cast<Vagueness>(*known));
  }
  CountTextCacheLookup(TextCache::kVagueness, CacheResult::kMiss);
  const Vagueness vagueness = VaguenessAfresh(folded, config);
  recent.Keep(folded, stamp, static_cast<uint8_t>(vagueness));
  return WhyVague(vagueness);
}

// A code of 6 to 10 digits, read as the goods rules and the held
// consignment read them (HsCodeDigits: the digits in order, the separators
// dropped), written plainly (digits and separators only,
// IsPlainHsCodeSpelling). Only the count of digits and the first two are
// read here, so the digit string is not built (it cost ~50 instructions an
// item, on every parcel).
bool IsHsCode(std::string_view code) {
  if (!IsPlainHsCodeSpelling(code)) return false;
  size_t digits = 0;
  char chapter[2] = {0, 0};
  for (char c : code) {
    if (c < '0' || c > '9') continue;  // a separator
    if (digits < 2) chapter[digits] = c;
    ++digits;
  }
  if (digits < 6 || digits > 10) return false;
  // Chapters 00 and 99 hold no goods in the Harmonized System: "000000" and
  // "999999" are placeholders, not headings.
  return !(chapter[0] == '0' && chapter[1] == '0') && !(chapter[0] == '9' && chapter[1] == '9');
}

// Values above this (EUR) are no parcel's: a data error (digits pasted
// twice, a value in cents, a field overflow), not a valuable parcel.
constexpr double kMaxPlausibleValueEur = 1e9;

// A declared value that no parcel can have: above kMaxPlausibleValueEur.
// Converted with the rules' rate, or read as EUR when the currency has none
// (the bound is wide enough for any currency's unit). Negative amounts never
// get here: the API refuses them (INVALID_ARGUMENT).
template <typename FieldName>
void CheckValueAmount(const Money& value, const FieldName& field, const ScreeningConfig& config,
                      ReasonWriter* out) {
  const double amount = static_cast<double>(value.units) + value.nanos / 1e9;
  // Most values end here, before any lookup: no currency's unit is worth
  // 10 EUR (the dearest, the Kuwaiti dinar, ~3 EUR).
  if (amount <= kMaxPlausibleValueEur / 10) return;
  const auto rate = config.eur_per_unit.find(absl::AsciiStrToUpper(value.currency_code));
  const double eur = rate == config.eur_per_unit.end() ? amount : amount * rate->second;
  if (eur <= kMaxPlausibleValueEur) return;
  out->Add(reason::kImplausibleDeclaredValue, field(".declared_value"),
           "declared value is above 1e9 EUR, more than any parcel holds; give the goods' value",
           absl::StrCat("units=", value.units, " nanos=", value.nanos,
                        " currency=", value.currency_code));
}

// A declared value is one with an amount or a currency: zero in EUR is a
// value (and a low one). Its currency must be a real one, or the value
// rules would pass it over without a word: "ABC" or none at all ask for
// information. A real currency the rules have no rate for is the rules'
// gap, not the carrier's: noted (the value was not judged), not held.
template <typename FieldName>
void CheckCurrency(const Money& value, const FieldName& field, const ScreeningConfig& config,
                   ReasonWriter* out) {
  const std::string& code = value.currency_code;
  if (code.empty() && value.units == 0 && value.nanos == 0) return;  // no value declared
  if (IsBlank(code)) {
    out->Add(reason::kInvalidCurrencyCode, field(".declared_value.currency_code"),
             "declared value has no currency; give its ISO 4217 code, e.g. \"EUR\"",
             absl::StrCat("units=", value.units, " nanos=", value.nanos));
  } else if (!IsIsoCurrencyCode(code)) {
    out->Add(reason::kInvalidCurrencyCode, field(".declared_value.currency_code"),
             "currency code is no ISO 4217 currency in circulation, e.g. \"EUR\"",
             absl::StrCat("value=", code));
  } else if (!config.eur_per_unit.contains(absl::AsciiStrToUpper(code))) {
    out->Note(reason::kCurrencyWithoutRate, field(".declared_value.currency_code"),
              absl::StrCat("no EUR rate for ", absl::AsciiStrToUpper(code),
                           " in the rules: the declared value was not judged"),
              absl::StrCat("value=", code));
  }
}

// A line's declared value is the value of all its units (consignment.proto),
// and the value rules divide it by the quantity. Without a quantity (0:
// proto3 cannot tell it from unset) a line of 50 AirPods at 100 USD would
// be read as one pair at 100 USD and pass every per-unit floor, so a value
// without a quantity asks for information, as a value without a currency
// does (review8a L3). Not INVALID_ARGUMENT: the message is a parcel, its
// data cannot be used (architecture.md). An item that declares no value
// needs no quantity: PLACI 7+1 asks for neither, and no rule reads it.
template <typename FieldName>
void CheckQuantity(const GoodsItem& item, size_t index, const FieldName& field,
                   ReasonWriter* out) {
  const Money& value = item.declared_value;
  if (item.quantity != 0) return;
  if (value.currency_code.empty() && value.units == 0 && value.nanos == 0) return;
  out->Add(reason::kMissingItemQuantity, field(".quantity"),
           absl::StrCat("quantity of item ", index,
                        " is missing: its declared value (all units together) cannot be judged "
                        "per unit; give the number of units"),
           absl::StrCat("quantity=0 units=", value.units, " nanos=", value.nanos,
                        " currency=", value.currency_code));
}

void CheckGoods(const Consignment& parcel, const NormalizedParcel& normalized,
                const ScreeningConfig& config, ReasonWriter* out) {
  if (parcel.items.empty()) {
    out->Add(reason::kMissingGoodsDescription, "items", "goods description is missing (no items)");
    return;
  }
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    const GoodsItem& item = parcel.items[i];
    // Built only for a reason: most items give none.
    const auto field = [i](std::string_view suffix) {
      return absl::StrCat("items[", i, "]", absl::string_view(suffix.data(), suffix.size()));
    };
    if (IsBlank(item.description)) {
      out->Add(reason::kMissingGoodsDescription, field(".description"),
               absl::StrCat("goods description of item ", i, " is missing"));
    } else if (const char* why = WhyVague(normalized.folded_descriptions[i], config); *why != '\0') {
      out->Add(reason::kVagueGoodsDescription, field(".description"),
               absl::StrCat("goods description of item ", i, " ", why,
                            "; describe the goods precisely"),
               absl::StrCat("value=", item.description));
    }
    if (!IsBlank(item.hs_code) && !IsHsCode(item.hs_code)) {
      out->Add(reason::kInvalidHsCode, field(".hs_code"),
               // What is accepted, said whole: "6 to 10 digits" alone misled
               // a filer whose code had a letter or a "/" in it (review bb4).
               "HS code must be 6 to 10 digits, separated by nothing or by \".\", \"-\" or "
               "spaces (e.g. \"6403.99\"); no letters or other signs",
               absl::StrCat("value=", item.hs_code));
    }
    CheckCurrency(item.declared_value, field, config, out);
    CheckValueAmount(item.declared_value, field, config, out);
    CheckQuantity(item, i, field, out);
  }
}

// An IATA location code: 3 letters, compared in upper case ("fra" is FRA).
bool IsAirportCode(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
           return absl::ascii_isalpha(static_cast<unsigned char>(c));
         });
}

// Which scheduled departures no filing can mean (review25: dates years off
// passed without a word); they ask for information, as an invalid country
// code does:
//  - before 2000: a clock never set (epoch 0, "1970-01-01"), a year typed
//    wrong ("0026", "1926");
//  - more than a year after the decision: airlines sell seats up to ~11
//    months ahead, and no carrier files a parcel's data before it has it.
// A past departure since 2000 is not judged. A re-filing of a parcel held
// for weeks keeps its first departure, a carrier may file late, and an
// operator replaying last year's manifests against a new ruleset (or an
// independent test's fixed dates) must not see every parcel held for its
// date: a past flight is the carrier's lateness, not a risk. A departure
// not given (proto unset) is not judged either: PLACI 7+1 does not ask for
// it.
constexpr absl::Time kEarliestDeparture = absl::FromUnixSeconds(946'684'800);  // 2000-01-01Z
constexpr absl::Duration kLatestDepartureAhead = absl::Hours(366 * 24);

void CheckDeparture(absl::Time departure, absl::Time now, ReasonWriter* out) {
  if (departure == absl::InfinitePast() || now == absl::InfinitePast()) return;
  const bool before_2000 = departure < kEarliestDeparture;
  if (!before_2000 && departure <= now + kLatestDepartureAhead) return;
  out->Add(
      reason::kImplausibleDepartureTime, "route.scheduled_departure",
      before_2000 ? std::string("scheduled departure is before 2000; give the departure of "
                                "the flight the parcel is on")
                  : std::string("scheduled departure is more than a year after this "
                                "decision; give the departure of the flight the parcel is on"),
      absl::StrCat("value=", absl::FormatTime(absl::RFC3339_full, departure, absl::UTCTimeZone()),
                   " decided_at=", absl::FormatTime(absl::RFC3339_full, now, absl::UTCTimeZone())));
}

// Routes are keyed on their countries (origins, free-zone transits): a code
// that names no country would skip those rules unseen. An airport code
// that is not 3 letters names no airport (review25: "FRANKFURT", "EDDF" and
// "1" passed): nothing reads airports yet, but an officer reads the route
// by them, and a filing whose codes are wrong is sent again right, as a
// country code is. A blank airport is not asked for: PLACI 7+1 does not
// ask for the route.
// Out of line: few parcels have one to say.
[[gnu::noinline]] void AddInvalidAirport(const std::string& code, const char* field,
                                         ReasonWriter* out) {
  if (IsBlank(code)) return;
  out->Add(reason::kInvalidAirportCode, field,
           "airport code must be the airport's 3-letter IATA code, e.g. \"FRA\"",
           absl::StrCat("value=", code));
}

void CheckRoute(const Route& route, absl::Time now, ReasonWriter* out) {
  if (!IsAirportCode(route.origin_airport)) {
    AddInvalidAirport(route.origin_airport, "route.origin_airport", out);
  }
  if (!IsAirportCode(route.destination_airport)) {
    AddInvalidAirport(route.destination_airport, "route.destination_airport", out);
  }
  CheckDeparture(route.scheduled_departure, now, out);
  if (!IsBlank(route.origin_country_code) && !IsIsoCountryCode(route.origin_country_code)) {
    out->Add(reason::kInvalidCountryCode, "route.origin_country_code", kCountryCodeRule,
             absl::StrCat("value=", route.origin_country_code));
  }
  for (size_t i = 0; i < route.transit_country_codes.size(); ++i) {
    const std::string& transit = route.transit_country_codes[i];
    if (IsIsoCountryCode(transit)) continue;
    out->Add(reason::kInvalidCountryCode, absl::StrCat("route.transit_country_codes[", i, "]"),
             kCountryCodeRule, absl::StrCat("value=", transit));
  }
}

// Pieces and a gross weight that no shipment has together (goods20: 99,999
// pieces of 1.2 kg were accepted silently). A piece is a package the carrier
// handles; what it weighs, gross weight over pieces, has bounds:
//  - at least 5 g: an empty envelope with its waybill pouch weighs more, so
//    less is a data error (pieces and house bills confused, the 99,999 of a
//    manifest; kilograms sent as tonnes; a weight in grams cut short);
//  - at most 10 t: no air cargo piece is heavier (a main-deck pallet
//    position takes 6.8 t); more is grams sent as kilograms;
//  - a postal item (a CN22/CN23 category given) at most 50 kg: the UPU's
//    parcel limit is 30 kg, 50 kg where an administration allows more.
// Data bounds, like the declared value's 1e9 EUR, not risk rules: constants.
constexpr double kMinKgPerPiece = 0.005;
constexpr double kMaxKgPerPiece = 10'000;
constexpr double kMaxKgPerPostalPiece = 50;

void CheckPiecesAndWeight(const Consignment& parcel, ReasonWriter* out) {
  const double kg_per_piece = parcel.gross_weight_kg / parcel.pieces;
  const bool postal = parcel.postal_category != PostalCategory::kUnspecified;
  const double max_kg = postal ? kMaxKgPerPostalPiece : kMaxKgPerPiece;
  if (kg_per_piece >= kMinKgPerPiece && kg_per_piece <= max_kg) return;
  const bool too_light = kg_per_piece < kMinKgPerPiece;
  // The field more likely wrong: many pieces that weigh next to nothing
  // are a count's error, one piece's weight the weight's.
  const bool pieces_field = too_light && parcel.pieces > 1;
  out->Add(reason::kImplausiblePiecesWeight, pieces_field ? "pieces" : "gross_weight_kg",
           absl::StrFormat("%u pieces weighing %g kg in all is %g kg a piece, %s; check pieces "
                           "and gross_weight_kg",
                           parcel.pieces, parcel.gross_weight_kg, kg_per_piece,
                           too_light ? "lighter than any package a carrier handles (5 g)"
                           : postal  ? "heavier than a postal item may be (50 kg)"
                                     : "heavier than any air cargo piece (10 t)"),
           absl::StrFormat("pieces=%u gross_weight_kg=%g kg_per_piece=%g%s", parcel.pieces,
                           parcel.gross_weight_kg, kg_per_piece, postal ? " postal=true" : ""));
}

}  // namespace

void CheckData(const Consignment& parcel, const NormalizedParcel& normalized,
               const ScreeningConfig& config, absl::Time now, std::vector<Reason>* reasons) {
  ReasonWriter out(config, reasons);
  // Blank as hold keys see it: a waybill of dashes and spaces only ("-",
  // "\u00a0") is no number, and keeps no hold of its own.
  if (IsBlankWaybill(parcel.house_waybill)) {
    out.Add(reason::kMissingHouseWaybill, "house_waybill", "house waybill number is missing");
  }
  CheckParty(parcel.consignor, normalized.consignor, "consignor", reason::kMissingConsignorName,
             reason::kMissingConsignorAddress, reason::kIncompleteConsignorAddress, config, &out);
  CheckParty(parcel.consignee, normalized.consignee, "consignee", reason::kMissingConsigneeName,
             reason::kMissingConsigneeAddress, reason::kIncompleteConsigneeAddress, config, &out);
  if (parcel.pieces == 0) {
    out.Add(reason::kMissingPieces, "pieces", "number of pieces is missing");
  }
  if (parcel.gross_weight_kg <= 0) {
    out.Add(reason::kMissingGrossWeight, "gross_weight_kg", "gross weight is missing");
  } else if (parcel.pieces > 0) {
    CheckPiecesAndWeight(parcel, &out);
  }
  CheckGoods(parcel, normalized, config, &out);
  CheckRoute(parcel.route, now, &out);
}

void CheckData(const Consignment& parcel, const ScreeningConfig& config,
               std::vector<Reason>* reasons, absl::Time now) {
  CheckData(parcel, NormalizeParcel(parcel), config, now, reasons);
}

}  // namespace placi::core
