// Structural limits of a parcel and a watchlist entry. See intake_limits.h.
#include "core/intake_limits.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/generic_name_words.h"
#include "core/normalize.h"
#include "core/placeholder_words.h"
#include "core/screening_config.h"
#include "core/watchlist_index.h"

namespace placi::core {
namespace {

// Walks the fields and remembers the first violation.
class LimitChecker {
 public:
  explicit LimitChecker(const IntakeLimits& limits) : limits_(limits) {}

  // The field's name is prefix + suffix, put together only for a
  // violation: every parcel passes here, and ~30 names built each time
  // were most of the check's cost.
  void Text(const std::string& value, size_t max, std::string_view prefix,
            std::string_view suffix = {}) {
    if (!violation_ && value.size() > max) {
      std::string field(prefix);
      field.append(suffix);
      violation_ = FieldViolation{std::move(field), absl::StrCat("longer than ", max, " bytes")};
    }
  }
  void Fail(std::string field, std::string description) {
    if (!violation_) violation_ = FieldViolation{std::move(field), std::move(description)};
  }

  void Party(const core::Party& party, std::string_view prefix) {
    const size_t max = limits_.max_text_bytes;
    Text(party.name, max, prefix, ".name");
    Text(party.address.street, max, prefix, ".address.street");
    Text(party.address.city, max, prefix, ".address.city");
    Text(party.address.postal_code, max, prefix, ".address.postal_code");
    Text(party.address.country_code, max, prefix, ".address.country_code");
    Text(party.phone, max, prefix, ".phone");
    Text(party.email, max, prefix, ".email");
    Text(party.tax_id, max, prefix, ".tax_id");
    Text(party.account_id, max, prefix, ".account_id");
  }

  void Money(const core::Money& money, const std::string& prefix) {
    if (!money.currency_code.empty() &&
        (money.currency_code.size() != 3 ||
         !std::all_of(money.currency_code.begin(), money.currency_code.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))) {
      Fail(prefix + ".currency_code", "must be a three-letter ISO 4217 code");
    }
    if (money.nanos <= -1'000'000'000 || money.nanos >= 1'000'000'000) {
      Fail(prefix + ".nanos", "must be within (-1e9, 1e9)");
    }
    if (money.units < 0 || money.nanos < 0) Fail(prefix, "must not be negative");
  }

  std::optional<FieldViolation> violation() const { return violation_; }
  const IntakeLimits& limits() const { return limits_; }

 private:
  const IntakeLimits& limits_;
  std::optional<FieldViolation> violation_;
};

bool IsEntryIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
         c == '-';
}

}  // namespace

std::optional<FieldViolation> FindLimitViolation(const Consignment& parcel,
                                                 const IntakeLimits& limits) {
  LimitChecker check(limits);
  check.Text(parcel.request_id, limits.max_id_bytes, "request_id");
  check.Text(parcel.carrier_id, limits.max_carrier_id_bytes, "carrier_id");
  check.Text(parcel.house_waybill, limits.max_waybill_bytes, "house_waybill");
  check.Text(parcel.master_waybill, limits.max_waybill_bytes, "master_waybill");
  check.Party(parcel.consignor, "consignor");
  check.Party(parcel.consignee, "consignee");
  if (parcel.pieces > limits.max_pieces) {
    check.Fail("pieces", absl::StrCat("more than ", limits.max_pieces));
  }
  if (!std::isfinite(parcel.gross_weight_kg) || parcel.gross_weight_kg < 0) {
    check.Fail("gross_weight_kg", "must be a finite number >= 0");
  } else if (parcel.gross_weight_kg > limits.max_gross_weight_kg) {
    check.Fail("gross_weight_kg", absl::StrCat("more than ", limits.max_gross_weight_kg, " kg"));
  }
  if (parcel.items.size() > limits.max_items) {
    check.Fail("items", absl::StrCat("more than ", limits.max_items, " items"));
  }
  for (size_t i = 0; i < parcel.items.size() && !check.violation(); ++i) {
    const GoodsItem& item = parcel.items[i];
    const std::string prefix = absl::StrCat("items[", i, "]");
    check.Text(item.description, limits.max_description_bytes, prefix, ".description");
    check.Text(item.hs_code, limits.max_hs_code_bytes, prefix, ".hs_code");
    if (item.quantity > limits.max_quantity) {
      check.Fail(prefix + ".quantity", absl::StrCat("more than ", limits.max_quantity));
    }
    check.Money(item.declared_value, prefix + ".declared_value");
  }
  const Route& route = parcel.route;
  check.Text(route.origin_country_code, limits.max_text_bytes, "route.origin_country_code");
  check.Text(route.origin_airport, limits.max_text_bytes, "route.origin_airport");
  check.Text(route.destination_airport, limits.max_text_bytes, "route.destination_airport");
  check.Text(route.flight_number, limits.max_text_bytes, "route.flight_number");
  if (route.transit_country_codes.size() > limits.max_transit_countries) {
    check.Fail("route.transit_country_codes",
               absl::StrCat("more than ", limits.max_transit_countries, " countries"));
  }
  for (size_t i = 0; i < route.transit_country_codes.size(); ++i) {
    if (route.transit_country_codes[i].size() > limits.max_text_bytes) {
      check.Text(route.transit_country_codes[i], limits.max_text_bytes,
                 absl::StrCat("route.transit_country_codes[", i, "]"));
    }
  }
  const Ecommerce& shop = parcel.ecommerce;
  check.Text(shop.platform, limits.max_text_bytes, "ecommerce.platform");
  check.Text(shop.seller_id, limits.max_text_bytes, "ecommerce.seller_id");
  check.Text(shop.seller_name, limits.max_text_bytes, "ecommerce.seller_name");
  check.Text(shop.listing_url, limits.max_url_bytes, "ecommerce.listing_url");
  check.Text(shop.order_id, limits.max_text_bytes, "ecommerce.order_id");
  return check.violation();
}

namespace {

// Words that say nothing of who or what an entry is: in nearly every
// parcel's goods text and listing URL (function words, the parts of a web
// address), or in thousands of company names (business words: the name
// matcher's, GenericNameWords, so that what the matcher weighs as no
// evidence is what an entry cannot be made of alone; detect26). An entry
// made only of them would match nearly every parcel (review bb2 M9: terms
// "the", "of", "com"; party "Trading").
bool IsStopWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "a",   "an",   "and",   "are", "as",  "at",  "be",   "by",    "for",  "from", "has",
      "in",  "is",   "it",    "its", "of",  "on",  "or",   "the",   "this", "that", "to",
      "was", "with", "www",   "com", "net", "org", "http", "https", "html", "htm",  "php",
      "asp", "aspx", "index", "co",  "uk",  "de",  "cn",   "io",    "amp"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}
// Whether some word of the space-separated `key` is at least two characters
// and none of `generic`: what tells one entry from every parcel.
template <typename Generic>
bool HasDistinctiveWord(std::string_view key, Generic generic) {
  for (absl::string_view word :
       absl::StrSplit(absl::string_view(key.data(), key.size()), ' ', absl::SkipEmpty())) {
    const std::string_view w(word.data(), word.size());
    if (w.size() >= 2 && !generic(w)) return true;
  }
  return false;
}

size_t CountDigits(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), absl::ascii_isdigit));
}
size_t CountAlphanumerics(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), absl::ascii_isalnum));
}

// Providers where anyone opens a mailbox: listing the whole domain would
// hold every parcel of their millions of users.
bool IsPublicMailDomain(std::string_view domain) {
  static constexpr std::string_view kPublic[] = {
      "gmail.com",      "googlemail.com", "outlook.com", "hotmail.com", "live.com",  "msn.com",
      "yahoo.com",      "ymail.com",      "aol.com",     "icloud.com",  "me.com",    "proton.me",
      "protonmail.com", "gmx.de",         "gmx.net",     "web.de",      "mail.ru",   "yandex.ru",
      "yandex.com",     "qq.com",         "163.com",     "126.com",     "sina.com",  "foxmail.com",
      "aliyun.com",     "naver.com",      "orange.fr",   "free.fr",     "libero.it", "t-online.de"};
  for (std::string_view provider : kPublic) {
    if (domain == provider) return true;
  }
  // Yahoo's and Hotmail's country domains ("yahoo.co.uk", "hotmail.fr").
  return domain.starts_with("yahoo.") || domain.starts_with("hotmail.") ||
         domain.starts_with("outlook.");
}

// Whether a party name is a placeholder the built-in rules' data checks
// refuse on a parcel ("Unknown", "N/A", "Private", "Unknown Customer", "same
// as above"; core/placeholder_words.h): listed, it would hold every parcel
// whose sender wrote it instead of a name, and name nobody to look for
// (review24). The built-in lists, not the served rules': an entry's
// validity does not change when the rules are reloaded.
bool IsPlaceholderName(std::string_view value) {
  static const ScreeningConfig* const kDefaults = new ScreeningConfig(ScreeningConfig::Default());
  // As the data checks read a parcel's names: 未知 folds to "wei zhi" and
  // passed as a name here while a parcel naming it was held (review25).
  const std::string folded = FoldText(value);
  if (IsPlaceholderInScript(value, folded)) return true;
  return !folded.empty() && (kDefaults->Placeholders().IsPlaceholder(folded) ||
                             kDefaults->unacceptable_party_names.contains(folded));
}

// What makes a normalised value useless as an entry of its kind, or null.
// Such an entry would never match (an e-mail without a domain) or match
// nearly every parcel (a brand term "a" is in most descriptions, a phone
// "1" in most phone numbers' keys, an address "London" in every London
// address). `value` is the entry's value as given, `key` its normalised key.
const char* KindViolation(EntryKind kind, std::string_view value, std::string_view key) {
  switch (kind) {
    case EntryKind::kEmail: {
      const size_t at = key.rfind('@');
      if (at == std::string_view::npos || at + 1 == key.size()) {
        return "is not an e-mail address (local@domain) nor a domain (@domain)";
      }
      // "a@b@c.example": a parcel's e-mail is never written so (ingest26).
      if (key.find('@') != at) return "has more than one \"@\": it is not an e-mail address";
      if (at > 0) return nullptr;
      // "@shop.example" or "*@shop.example": every mailbox of the domain.
      const std::string_view domain = key.substr(1);
      if (domain.find('.') == std::string_view::npos) {
        return "is not a mail domain (@domain with a dot: \"@shop.example\")";
      }
      if (IsPublicMailDomain(domain)) {
        return "lists every mailbox of a public mail provider: list the mailbox instead";
      }
      return nullptr;
    }
    case EntryKind::kBrandTerm:
    case EntryKind::kDescriptionTerm:
      // Two characters at least: "LG", "HP" and "3M" are brands.
      if (key.size() < 2) return "is shorter than 2 characters once normalised";
      if (!HasDistinctiveWord(key, [](std::string_view w) { return IsStopWord(w); }) &&
          key.find_first_of("0123456789") == std::string_view::npos) {
        return "is only stop words (\"the\", \"of\", \"com\", …): it would match nearly "
               "every description";
      }
      return nullptr;
    case EntryKind::kPhone:
      if (CountDigits(key) < 6) return "has fewer than 6 digits: it would match too many phones";
      // A number with its trunk 0 and no country ("(020) 7946 0958"): an
      // entry has no country to complete it with, while a parcel's number
      // is completed with its party's, so the two keys never met: an entry
      // that was stored and matched nothing (ingest26).
      if (key.front() == '0') {
        return "is a national number (trunk prefix 0) without its country calling code: write "
               "it in international form (\"+44 20 7946 0958\")";
      }
      return nullptr;
    case EntryKind::kSellerId:
      // "platform:id" (SellerIdEntryKey): a marketplace, and an id as any.
      if (const size_t colon = key.find(':'); colon != std::string_view::npos) {
        if (CountAlphanumerics(key.substr(0, colon)) < 2) {
          return "names no marketplace before \":\" (\"aliexpress:1102345678\")";
        }
        if (CountAlphanumerics(key.substr(colon + 1)) < 4) {
          return "has fewer than 4 letters and digits after its marketplace: it would match "
                 "too many ids";
        }
        return nullptr;
      }
      [[fallthrough]];
    case EntryKind::kTaxId:
      if (CountAlphanumerics(key) < 4) {
        return "has fewer than 4 letters and digits: it would match too many ids";
      }
      return nullptr;
    case EntryKind::kPartyName:
      // The key keeps the legal forms of a name made only of them; the
      // glued key never does.
      if (GluedNameKey(value).empty()) {
        return "is only legal forms (\"Co., Ltd.\"): it names no party";
      }
      if (IsPlaceholderName(value)) {
        return "is a placeholder (\"Unknown\", \"N/A\", \"Private\"), not a name: it names no "
               "party and would hold every parcel that gives none";
      }
      if (!HasDistinctiveWord(
              key, [](std::string_view w) { return IsStopWord(w) || IsGenericNameWord(w); })) {
        return "is too general: it needs a word of 2 or more letters that is not a business "
               "word (\"Trading\", \"Global\", …) to name one party";
      }
      return nullptr;
    case EntryKind::kAddress: {
      // A street or house number, or a street beside its city: a city or
      // country alone ("London", "DE") is every address there.
      const size_t words =
          static_cast<size_t>(std::count(key.begin(), key.end(), ' ') + (key.empty() ? 0 : 1));
      const bool has_digit = key.find_first_of("0123456789") != std::string_view::npos;
      // Parts apart from a trailing country code, as AddressKey reads them.
      std::vector<absl::string_view> parts = absl::StrSplit(
          absl::string_view(value.data(), value.size()), ',', absl::SkipWhitespace());
      if (parts.size() >= 2 && absl::StripAsciiWhitespace(parts.back()).size() == 2) {
        parts.pop_back();
      }
      const bool has_parts = parts.size() >= 2;
      if (words < 2 || !(has_digit || has_parts)) {
        return "is too general: an address needs a street or a house number, not only a city "
               "or a country";
      }
      return nullptr;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<FieldViolation> FindEntryViolation(const WatchlistEntry& entry,
                                                 const std::string& field_prefix,
                                                 const IntakeLimits& limits, std::string* key) {
  // Field paths are built only for a violation: an import checks millions
  // of entries that have none.
  auto fail = [&](const char* field, std::string description) {
    return FieldViolation{field_prefix + field, std::move(description)};
  };
  auto too_long = [&](const std::string& text, size_t max) { return text.size() > max; };
  auto longer_than = [](size_t max) { return absl::StrCat("longer than ", max, " bytes"); };
  // In the order of the checks before: the first violation is reported.
  if (entry.id.empty()) return fail(".id", "is required");
  if (!std::all_of(entry.id.begin(), entry.id.end(), IsEntryIdChar)) {
    return fail(".id", "may only contain A-Z a-z 0-9 . _ : -");
  }
  if (too_long(entry.id, limits.max_id_bytes)) return fail(".id", longer_than(limits.max_id_bytes));
  for (auto [text, field] : {std::pair{&entry.value, ".value"}, std::pair{&entry.source, ".source"},
                             std::pair{&entry.note, ".note"}}) {
    if (too_long(*text, limits.max_text_bytes)) {
      return fail(field, longer_than(limits.max_text_bytes));
    }
  }
  std::string entry_key = WatchlistIndex::KeyOf(entry);
  if (entry_key.empty()) return fail(".value", "is empty once normalised for its kind");
  if (const char* why = KindViolation(entry.kind, entry.value, entry_key); why != nullptr) {
    return fail(".value", why);
  }
  if (entry.points < 0 || entry.points > 100) return fail(".points", "must be within 0..100");
  if (key != nullptr) *key = std::move(entry_key);
  return std::nullopt;
}

absl::Status ToInvalidArgument(const FieldViolation& violation) {
  return absl::InvalidArgumentError(absl::StrCat(violation.field, ": ", violation.description));
}

absl::Status CheckLength(std::string_view field, std::string_view value, size_t max) {
  if (value.size() <= max) return absl::OkStatus();
  return ToInvalidArgument({std::string(field), absl::StrCat("longer than ", max, " bytes")});
}

}  // namespace placi::core
