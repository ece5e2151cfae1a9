// Rules file <-> core::ScreeningConfig. See rules.h.
#include "placi/convert/rules.h"

#include <cctype>
#include <cmath>
#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "placi/convert/convert.h"
#include "core/category_words.h"
#include "core/code_spellings.h"
#include "core/iso_codes.h"
#include "core/normalize.h"
#include "core/verified_consignor.h"
#include "core/watchlist_index.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "placi/screening/v1/rules.pb.h"

namespace placi::convert {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::TextFormat;
using pb::RuleSet;

// A money amount or rate of the rules: finite, and not negative (positive
// when `positive`). "1e400" or "inf" reads as infinity, which put every
// branded item under its floor, or every parcel under its de-minimis
// threshold, and was accepted (ingest26).
bool FiniteAmount(double x, bool positive) {
  return std::isfinite(x) && (positive ? x > 0 : x >= 0);
}

// Collects the first syntax error with its position.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (error.empty()) error = absl::StrCat("line ", line + 1, " column ", column + 1, ": ", message);
  }
  std::string error;
};

// Validates values and says where a bad one is written.
class Validator {
 public:
  Validator(const TextFormat::ParseInfoTree* tree, std::string_view origin)
      : tree_(tree), origin_(origin) {}

  // `path` names the field for people; `field`/`index` find its line.
  void Check(bool ok, const Message& message, const char* field, int index, std::string path,
             const std::string& problem, const TextFormat::ParseInfoTree* tree = nullptr) {
    if (ok || !error_.empty()) return;
    const FieldDescriptor* descriptor = message.GetDescriptor()->FindFieldByName(field);
    const TextFormat::ParseInfoTree* where = tree ? tree : tree_;
    // A field that is not written has no line: the message names the file
    // only, not "line ?" (review bb3 M15).
    std::string line;
    if (where && descriptor) {
      TextFormat::ParseLocation location =
          where->GetLocation(descriptor, descriptor->is_repeated() ? index : -1);
      if (location.line >= 0) line = absl::StrCat(" line ", location.line + 1);
    }
    error_ = absl::StrCat("rules ", origin_, line, ": ", path, ": ", problem);
  }
  const TextFormat::ParseInfoTree* Nested(const Message& message, const char* field, int index) {
    if (!tree_) return nullptr;
    const FieldDescriptor* descriptor = message.GetDescriptor()->FindFieldByName(field);
    return tree_->GetTreeForNested(descriptor, descriptor->is_repeated() ? index : -1);
  }
  const std::string& error() const { return error_; }

 private:
  const TextFormat::ParseInfoTree* tree_;
  const std::string origin_;
  std::string error_;
};

bool IsPoints(int v) { return v >= 0 && v <= 100; }
bool AllDigits(const std::string& s, size_t min, size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}
bool Letters(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!std::isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A country code read as a parcel's are where it comes in
// (core::IsoCountryCodeOf: "CHN", "usa", "UK" are CN, US, GB), so that a
// rule meets the parcels it is written for; one that names no country
// ("XX", "China") is refused, quoted, since no parcel could ever match it.
std::string CountryCode(const std::string& written, const Message& message, const char* field,
                        int index, const std::string& path, Validator* v) {
  std::optional<std::string> code = core::IsoCountryCodeOf(written);
  v->Check(code.has_value(), message, field, index, path,
           absl::StrCat("\"", written,
                        "\" is no ISO 3166-1 country code (write alpha-2 \"CN\" or alpha-3 "
                        "\"CHN\")"));
  return code.value_or(written);
}

// Words are compared folded (core/normalize.h), so files may write them
// any way ("T-Shirt", "Ray-Ban").
std::vector<std::string> Folded(const google::protobuf::RepeatedPtrField<std::string>& in) {
  std::vector<std::string> out;
  for (const std::string& word : in) out.push_back(core::FoldText(word));
  return out;
}

// Overlays `rules` onto `config` (the defaults), validating as it goes.
void Apply(const RuleSet& r, Validator* v, core::ScreeningConfig* c) {
  v->Check(!r.version().empty(), r, "version", -1, "version",
           "is missing: add a line such as version: \"my-rules-2026.12\" naming this ruleset "
           "(every verdict carries it)");
  v->Check(r.version().size() <= 64, r, "version", -1, "version", "is longer than 64 bytes");
  c->ruleset_version = r.version();
  auto points = [&](bool has, int value, const char* name, int* out) {
    if (!has) return;
    v->Check(IsPoints(value), r, name, -1, name, "must be within 0..100");
    *out = value;
  };
  points(r.has_data_problem_points(), r.data_problem_points(), "data_problem_points",
         &c->data_problem_points);
  if (r.has_hold_score_threshold()) {
    v->Check(r.hold_score_threshold() >= 1 && r.hold_score_threshold() <= 1000, r,
             "hold_score_threshold", -1, "hold_score_threshold", "must be within 1..1000");
    c->hold_score_threshold = r.hold_score_threshold();
  }
  if (r.score_referral() != pb::REFERRAL_UNSPECIFIED) {
    v->Check(r.score_referral() != pb::REFERRAL_NONE && pb::Referral_IsValid(r.score_referral()),
             r, "score_referral", -1, "score_referral", "must ask for a referral (not NONE)");
    core::Verdict probe;
    pb::Verdict wire;
    wire.set_decision(pb::DECISION_HOLD);
    wire.set_referral(r.score_referral());
    if (VerdictFromProto(wire, &probe)) c->score_referral = probe.referral;
  }
  if (r.customs_score_referral() != pb::REFERRAL_UNSPECIFIED) {
    v->Check(r.customs_score_referral() != pb::REFERRAL_NONE &&
                 pb::Referral_IsValid(r.customs_score_referral()),
             r, "customs_score_referral", -1, "customs_score_referral",
             "must ask for a referral (not NONE)");
    core::Verdict probe;
    pb::Verdict wire;
    wire.set_decision(pb::DECISION_HOLD);
    wire.set_referral(r.customs_score_referral());
    if (VerdictFromProto(wire, &probe)) c->customs_score_referral = probe.referral;
  }
  if (r.customs_indicators_size() > 0) {
    c->customs_indicators.clear();
    for (int i = 0; i < r.customs_indicators_size(); ++i) {
      const std::string& code = r.customs_indicators(i);
      v->Check(std::find(core::reason::kAll.begin(), core::reason::kAll.end(), code) !=
                   core::reason::kAll.end(),
               r, "customs_indicators", i, absl::StrCat("customs_indicators[", i, "]"),
               absl::StrCat("\"", code, "\" is no reason code"));
      c->customs_indicators.insert(code);
    }
    // SELLER_ADDRESS_REPEAT is SELLER_CONSIGNEE_REPEAT counted by the door:
    // a list written before it existed gets it with its sibling.
    if (c->customs_indicators.contains(std::string(core::reason::kSellerConsigneeRepeat))) {
      c->customs_indicators.insert(std::string(core::reason::kSellerAddressRepeat));
    }
  }
  if (r.has_max_risk_score()) {
    v->Check(r.max_risk_score() >= 1 && r.max_risk_score() <= 1000, r, "max_risk_score", -1,
             "max_risk_score", "must be within 1..1000");
    c->max_risk_score = r.max_risk_score();
  }
  // The risk score is reported on 0..max_risk_score: a threshold above it
  // could never show in a verdict's score, and the server's
  // --hold_score_threshold is held to the same (review bb2 L3).
  if (r.has_hold_score_threshold()) {
    v->Check(c->hold_score_threshold <= c->max_risk_score, r, "hold_score_threshold", -1,
             "hold_score_threshold",
             absl::StrCat("must not exceed max_risk_score (", c->max_risk_score,
                          "): the risk score never reaches ", c->hold_score_threshold));
  } else {
    v->Check(
        c->hold_score_threshold <= c->max_risk_score, r, "max_risk_score", -1, "max_risk_score",
        absl::StrCat("must not be below hold_score_threshold (", c->hold_score_threshold, ")"));
  }
  if (r.vague_descriptions_size() > 0) {
    c->vague_descriptions.clear();
    for (const std::string& w : r.vague_descriptions()) {
      c->vague_descriptions.insert(core::FoldText(w));
    }
  }
  if (r.filler_words_size() > 0) {
    c->filler_words.clear();
    for (const std::string& w : r.filler_words()) c->filler_words.insert(core::FoldText(w));
  }
  if (r.unacceptable_party_names_size() > 0) {
    c->unacceptable_party_names.clear();
    for (const std::string& w : r.unacceptable_party_names()) {
      c->unacceptable_party_names.insert(core::FoldText(w));
    }
  }
  if (r.typo_tolerant_party_words_size() > 0) {
    c->typo_tolerant_party_words.clear();
    for (const std::string& w : r.typo_tolerant_party_words()) {
      c->typo_tolerant_party_words.insert(core::FoldText(w));
    }
  }
  if (r.counterfeit_terms_size() > 0) {
    c->counterfeit_terms.clear();
    for (int i = 0; i < r.counterfeit_terms_size(); ++i) {
      const pb::CounterfeitTerm& t = r.counterfeit_terms(i);
      const std::string path = absl::StrCat("counterfeit_terms[", i, "]");
      core::WatchlistEntry probe;
      probe.kind = core::EntryKind::kDescriptionTerm;
      probe.value = t.term();
      v->Check(!core::WatchlistIndex::KeyOf(probe).empty(), r, "counterfeit_terms", i,
               path + ".term", "must have a letter or digit");
      v->Check(IsPoints(t.points()), r, "counterfeit_terms", i, path + ".points",
               "must be within 0..100");
      // Left out (UNSPECIFIED) is NONE, as in a watchlist entry.
      core::Referral referral = core::Referral::kNone;
      switch (t.referral()) {
        case pb::REFERRAL_UNSPECIFIED:
        case pb::REFERRAL_NONE: break;
        case pb::REFERRAL_REQUEST_FOR_INFORMATION:
          referral = core::Referral::kRequestForInformation;
          break;
        case pb::REFERRAL_IPR_EXAMINATION: referral = core::Referral::kIprExamination; break;
        case pb::REFERRAL_REQUEST_FOR_SCREENING:
          referral = core::Referral::kRequestForScreening;
          break;
        case pb::REFERRAL_DO_NOT_LOAD: referral = core::Referral::kDoNotLoad; break;
        default:
          v->Check(false, r, "counterfeit_terms", i, path + ".referral", "is not a referral");
      }
      c->counterfeit_terms.push_back({t.term(), t.points(), referral});
    }
  }
  if (r.hs_risks_size() > 0) {
    c->hs_risks.clear();
    for (int i = 0; i < r.hs_risks_size(); ++i) {
      const pb::HsRiskRule& h = r.hs_risks(i);
      const std::string path = absl::StrCat("hs_risks[", i, "]");
      v->Check(AllDigits(h.prefix(), 2, 10), r, "hs_risks", i, path + ".prefix",
               "must be 2 to 10 digits");
      v->Check(IsPoints(h.points()), r, "hs_risks", i, path + ".points", "must be within 0..100");
      c->hs_risks.push_back({h.prefix(), h.points(), h.label()});
    }
  }
  if (r.categories_size() > 0) {
    c->categories.clear();
    for (int i = 0; i < r.categories_size(); ++i) {
      const pb::GoodsCategoryRule& g = r.categories(i);
      const std::string path = absl::StrCat("categories[", i, "]");
      v->Check(!g.name().empty(), r, "categories", i, path + ".name", "is required");
      for (const std::string& prefix : g.hs_prefixes()) {
        v->Check(AllDigits(prefix, 2, 10), r, "categories", i, path + ".hs_prefixes",
                 absl::StrCat("\"", prefix, "\" must be 2 to 10 digits"));
      }
      for (const std::string& prefix : g.brand_line_hs_prefixes()) {
        v->Check(AllDigits(prefix, 2, 10), r, "categories", i, path + ".brand_line_hs_prefixes",
                 absl::StrCat("\"", prefix, "\" must be 2 to 10 digits"));
      }
      v->Check(FiniteAmount(g.min_value_eur_per_kg(), false), r, "categories", i,
               path + ".min_value_eur_per_kg", "must not be negative (and finite)");
      v->Check(FiniteAmount(g.min_value_eur_per_unit(), false), r, "categories", i,
               path + ".min_value_eur_per_unit", "must not be negative (and finite)");
      v->Check(FiniteAmount(g.min_branded_value_eur_per_unit(), false), r, "categories", i,
               path + ".min_branded_value_eur_per_unit", "must not be negative (and finite)");
      c->categories.push_back({g.name(), Folded(g.words()), Folded(g.brands()),
                               {g.hs_prefixes().begin(), g.hs_prefixes().end()},
                               g.min_value_eur_per_kg(), g.min_value_eur_per_unit(),
                               g.min_branded_value_eur_per_unit(),
                               {g.brand_line_hs_prefixes().begin(),
                                g.brand_line_hs_prefixes().end()}});
    }
  }
  points(r.has_hs_mismatch_points(), r.hs_mismatch_points(), "hs_mismatch_points",
         &c->hs_mismatch_points);
  points(r.has_undervalued_points(), r.undervalued_points(), "undervalued_points",
         &c->undervalued_points);
  if (r.has_far_undervalued_fraction()) {
    v->Check(r.far_undervalued_fraction() >= 0 && r.far_undervalued_fraction() <= 1, r,
             "far_undervalued_fraction", -1, "far_undervalued_fraction", "must be within 0..1");
    c->far_undervalued_fraction = r.far_undervalued_fraction();
  }
  points(r.has_far_undervalued_points(), r.far_undervalued_points(), "far_undervalued_points",
         &c->far_undervalued_points);
  if (r.verified_consignors_size() > 0) {
    c->verified_consignors.clear();
    for (int i = 0; i < r.verified_consignors_size(); ++i) {
      const pb::VerifiedConsignorRule& k = r.verified_consignors(i);
      const std::string path = absl::StrCat("verified_consignors[", i, "]");
      const auto required = [&](const std::string& value, const char* field) {
        v->Check(!core::FoldText(value).empty(), r, "verified_consignors", i,
                 absl::StrCat(path, ".", field), "is required");
      };
      v->Check(!k.reference().empty() && k.reference().size() <= 128, r, "verified_consignors",
               i, path + ".reference", "is required, at most 128 bytes");
      required(k.name(), "name");
      required(k.street(), "street");
      required(k.city(), "city");
      required(k.postal_code(), "postal_code");
      // Country codes as the rest of the file reads them (CountryCode).
      const std::string country =
          CountryCode(k.country_code(), r, "verified_consignors", i, path + ".country_code", v);
      std::vector<std::string> origins;
      for (const std::string& origin : k.origin_country_codes()) {
        origins.push_back(CountryCode(origin, r, "verified_consignors", i,
                                      path + ".origin_country_codes", v));
      }
      core::VerifiedConsignor& consignor = c->verified_consignors.emplace_back();
      consignor.reference = k.reference();
      consignor.name = k.name();
      consignor.address = {k.street(), k.city(), k.postal_code(), country};
      consignor.tax_id = k.tax_id();
      consignor.origin_country_codes = std::move(origins);
      core::SetVerifiedConsignorKeys(&consignor);
    }
  }
  if (r.branded_products_size() > 0) {
    // The goods rules keep a product and the name read in 32 bits
    // (core/category_words.h).
    v->Check(r.branded_products_size() <= 100000, r, "branded_products", -1, "branded_products",
             "lists more than 100,000 products");
    c->branded_products.clear();
    for (int i = 0; i < r.branded_products_size(); ++i) {
      const pb::BrandedProductRule& b = r.branded_products(i);
      const std::string path = absl::StrCat("branded_products[", i, "]");
      std::vector<std::string> names = Folded(b.names());
      names.erase(std::remove(names.begin(), names.end(), ""), names.end());
      v->Check(!names.empty(), r, "branded_products", i, path + ".names",
               "needs at least one name with a letter or digit");
      v->Check(names.size() <= core::CategoryWords::kMaxProductNames, r, "branded_products", i,
               path + ".names", "lists more than 256 names");
      v->Check(b.hs_prefixes_size() > 0, r, "branded_products", i, path + ".hs_prefixes",
               "needs at least one");
      for (const std::string& prefix : b.hs_prefixes()) {
        v->Check(AllDigits(prefix, 2, 10), r, "branded_products", i, path + ".hs_prefixes",
                 absl::StrCat("\"", prefix, "\" must be 2 to 10 digits"));
      }
      v->Check(FiniteAmount(b.min_value_eur_per_unit(), false), r, "branded_products", i,
               path + ".min_value_eur_per_unit", "must not be negative (and finite)");
      std::vector<std::string> kind_words = Folded(b.kind_words());
      kind_words.erase(std::remove(kind_words.begin(), kind_words.end(), ""), kind_words.end());
      c->branded_products.push_back({std::move(names),
                                     {b.hs_prefixes().begin(), b.hs_prefixes().end()},
                                     b.min_value_eur_per_unit(),
                                     std::move(kind_words)});
    }
  }
  if (r.eur_rates_size() > 0) {
    c->eur_per_unit.clear();
    for (int i = 0; i < r.eur_rates_size(); ++i) {
      const pb::ExchangeRate& x = r.eur_rates(i);
      const std::string path = absl::StrCat("eur_rates[", i, "]");
      v->Check(Letters(x.currency_code(), 3), r, "eur_rates", i, path + ".currency_code",
               "must be three capital letters");
      v->Check(FiniteAmount(x.eur_per_unit(), true), r, "eur_rates", i,
               path + ".eur_per_unit", "must be positive (and finite)");
      c->eur_per_unit[x.currency_code()] = x.eur_per_unit();
    }
  }
  if (r.de_minimis_size() > 0) {
    c->de_minimis.clear();
    for (int i = 0; i < r.de_minimis_size(); ++i) {
      const pb::DeMinimisRule& d = r.de_minimis(i);
      const std::string path = absl::StrCat("de_minimis[", i, "]");
      const std::string country = CountryCode(d.country_code(), r, "de_minimis", i,
                                              path + ".country_code", v);
      // One threshold a destination: the rule reads the first and would
      // silently ignore the others (review bb2 L3). "UK" repeats "GB".
      for (int j = 0; j < i; ++j) {
        v->Check(c->de_minimis[j].country_code != country, r, "de_minimis", i,
                 path + ".country_code",
                 absl::StrCat("repeats de_minimis[", j, "]'s ", country,
                              ": one threshold a destination country"));
      }
      v->Check(c->eur_per_unit.contains(d.currency_code()), r, "de_minimis", i,
               path + ".currency_code", "has no eur_rates entry");
      v->Check(FiniteAmount(d.threshold(), true), r, "de_minimis", i,
               path + ".threshold", "must be positive (and finite)");
      c->de_minimis.push_back({country, d.currency_code(), d.threshold()});
    }
  } else if (r.eur_rates_size() > 0) {
    // eur_rates without de_minimis keeps the default thresholds, whose
    // currencies need a rate too (else the rules would not parse once
    // printed: found by tests/fuzz rules_fuzzer).
    for (const core::DeMinimis& d : c->de_minimis) {
      v->Check(c->eur_per_unit.contains(d.currency_code), r, "eur_rates", 0, "eur_rates",
               absl::StrCat("has no entry for ", d.currency_code, ", which de_minimis uses"));
    }
  }
  if (r.has_just_under_fraction()) {
    v->Check(r.just_under_fraction() > 0 && r.just_under_fraction() < 1, r,
             "just_under_fraction", -1, "just_under_fraction", "must be within (0, 1)");
    c->just_under_fraction = r.just_under_fraction();
  }
  points(r.has_just_under_de_minimis_points(), r.just_under_de_minimis_points(),
         "just_under_de_minimis_points", &c->just_under_de_minimis_points);
  points(r.has_gift_from_seller_points(), r.gift_from_seller_points(), "gift_from_seller_points",
         &c->gift_from_seller_points);
  if (r.origins_size() > 0) {
    c->origin_points.clear();
    for (int i = 0; i < r.origins_size(); ++i) {
      const pb::OriginRule& o = r.origins(i);
      const std::string path = absl::StrCat("origins[", i, "]");
      const std::string country =
          CountryCode(o.country_code(), r, "origins", i, path + ".country_code", v);
      v->Check(IsPoints(o.points()), r, "origins", i, path + ".points", "must be within 0..100");
      c->origin_points[country] = o.points();
    }
  }
  if (r.free_zone_transit_countries_size() > 0) {
    c->free_zone_transit_countries.clear();
    for (int i = 0; i < r.free_zone_transit_countries_size(); ++i) {
      c->free_zone_transit_countries.insert(CountryCode(
          r.free_zone_transit_countries(i), r, "free_zone_transit_countries", i,
          absl::StrCat("free_zone_transit_countries[", i, "]"), v));
    }
  }
  points(r.has_free_zone_transit_points(), r.free_zone_transit_points(),
         "free_zone_transit_points", &c->free_zone_transit_points);
  if (r.has_name_similarity_threshold()) {
    v->Check(r.name_similarity_threshold() >= 0.5 && r.name_similarity_threshold() <= 1.0, r,
             "name_similarity_threshold", -1, "name_similarity_threshold",
             "must be within 0.5..1");
    c->name_similarity_threshold = r.name_similarity_threshold();
  }

  if (!r.has_patterns()) return;
  const pb::PatternRules& p = r.patterns();
  const TextFormat::ParseInfoTree* pt = v->Nested(r, "patterns", -1);
  core::PatternConfig& out = c->patterns;
  auto count = [&](bool has, int value, const char* name, int* target) {
    if (!has) return;
    v->Check(value >= 1, p, name, -1, absl::StrCat("patterns.", name), "must be at least 1", pt);
    *target = value;
  };
  auto pattern_points = [&](bool has, int value, const char* name, int* target) {
    if (!has) return;
    v->Check(IsPoints(value), p, name, -1, absl::StrCat("patterns.", name),
             "must be within 0..100", pt);
    *target = value;
  };
  if (p.has_daily_value_threshold_eur()) {
    v->Check(FiniteAmount(p.daily_value_threshold_eur(), true), p,
             "daily_value_threshold_eur", -1, "patterns.daily_value_threshold_eur",
             "must be positive (and finite)", pt);
    out.daily_value_threshold_eur = p.daily_value_threshold_eur();
  }
  pattern_points(p.has_split_shipment_points(), p.split_shipment_points(),
                 "split_shipment_points", &out.split_shipment_points);
  count(p.has_consignee_daily_parcels(), p.consignee_daily_parcels(), "consignee_daily_parcels",
        &out.consignee_daily_parcels);
  pattern_points(p.has_consignee_velocity_points(), p.consignee_velocity_points(),
                 "consignee_velocity_points", &out.consignee_velocity_points);
  count(p.has_seller_consignee_weekly_parcels(), p.seller_consignee_weekly_parcels(),
        "seller_consignee_weekly_parcels", &out.seller_consignee_weekly_parcels);
  pattern_points(p.has_seller_consignee_points(), p.seller_consignee_points(),
                 "seller_consignee_points", &out.seller_consignee_points);
  count(p.has_address_weekly_names(), p.address_weekly_names(), "address_weekly_names",
        &out.address_weekly_names);
  pattern_points(p.has_reshipper_address_points(), p.reshipper_address_points(),
                 "reshipper_address_points", &out.reshipper_address_points);
  count(p.has_new_shipper_hourly_parcels(), p.new_shipper_hourly_parcels(),
        "new_shipper_hourly_parcels", &out.new_shipper_hourly_parcels);
  pattern_points(p.has_new_shipper_burst_points(), p.new_shipper_burst_points(),
                 "new_shipper_burst_points", &out.new_shipper_burst_points);
  count(p.has_master_seller_address_parcels(), p.master_seller_address_parcels(),
        "master_seller_address_parcels", &out.master_seller_address_parcels);
  pattern_points(p.has_master_waybill_split_points(), p.master_waybill_split_points(),
                 "master_waybill_split_points", &out.master_waybill_split_points);
  count(p.has_seller_address_weekly_parcels(), p.seller_address_weekly_parcels(),
        "seller_address_weekly_parcels", &out.seller_address_weekly_parcels);
  pattern_points(p.has_seller_address_points(), p.seller_address_points(),
                 "seller_address_points", &out.seller_address_points);
  if (p.has_split_by_household()) out.split_by_household = p.split_by_household();
}

template <typename Set>
std::vector<std::string> Sorted(const Set& set) {
  std::vector<std::string> out(set.begin(), set.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

absl::StatusOr<core::ScreeningConfig> ParseRules(std::string_view text, std::string_view origin) {
  RuleSet rules;
  TextFormat::Parser parser;
  FirstError errors;
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &rules)) {
    return absl::InvalidArgumentError(
        absl::StrCat("rules ", std::string(origin), " ", errors.error));
  }
  core::ScreeningConfig config = core::ScreeningConfig::Default();
  Validator validator(&tree, origin);
  Apply(rules, &validator, &config);
  if (!validator.error().empty()) return absl::InvalidArgumentError(validator.error());
  return config;
}

absl::StatusOr<core::ScreeningConfig> LoadRulesFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("rules file ", path, " cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  return ParseRules(text.str(), path);
}

std::string RulesToText(const core::ScreeningConfig& c) {
  RuleSet r;
  r.set_version(c.ruleset_version);
  r.set_data_problem_points(c.data_problem_points);
  r.set_hold_score_threshold(c.hold_score_threshold);
  r.set_score_referral(ReferralToProto(c.score_referral));
  r.set_customs_score_referral(ReferralToProto(c.customs_score_referral));
  for (const std::string& code : Sorted(c.customs_indicators)) r.add_customs_indicators(code);
  r.set_max_risk_score(c.max_risk_score);
  for (const std::string& w : Sorted(c.vague_descriptions)) r.add_vague_descriptions(w);
  for (const std::string& w : Sorted(c.filler_words)) r.add_filler_words(w);
  for (const std::string& w : Sorted(c.unacceptable_party_names)) {
    r.add_unacceptable_party_names(w);
  }
  for (const std::string& w : Sorted(c.typo_tolerant_party_words)) {
    r.add_typo_tolerant_party_words(w);
  }
  for (const core::CounterfeitTerm& t : c.counterfeit_terms) {
    pb::CounterfeitTerm* out = r.add_counterfeit_terms();
    out->set_term(t.term);
    out->set_points(t.points);
    out->set_referral(ReferralToProto(t.referral));
  }
  for (const core::HsRisk& h : c.hs_risks) {
    pb::HsRiskRule* out = r.add_hs_risks();
    out->set_prefix(h.prefix);
    out->set_points(h.points);
    out->set_label(h.label);
  }
  for (const core::GoodsCategory& g : c.categories) {
    pb::GoodsCategoryRule* out = r.add_categories();
    out->set_name(g.name);
    for (const std::string& w : g.words) out->add_words(w);
    for (const std::string& b : g.brands) out->add_brands(b);
    for (const std::string& p : g.hs_prefixes) out->add_hs_prefixes(p);
    out->set_min_value_eur_per_kg(g.min_value_eur_per_kg);
    out->set_min_value_eur_per_unit(g.min_value_eur_per_unit);
    out->set_min_branded_value_eur_per_unit(g.min_branded_value_eur_per_unit);
    for (const std::string& p : g.brand_line_hs_prefixes) out->add_brand_line_hs_prefixes(p);
  }
  r.set_hs_mismatch_points(c.hs_mismatch_points);
  r.set_undervalued_points(c.undervalued_points);
  r.set_far_undervalued_fraction(c.far_undervalued_fraction);
  r.set_far_undervalued_points(c.far_undervalued_points);
  for (const core::VerifiedConsignor& k : c.verified_consignors) {
    pb::VerifiedConsignorRule* out = r.add_verified_consignors();
    out->set_reference(k.reference);
    out->set_name(k.name);
    out->set_street(k.address.street);
    out->set_city(k.address.city);
    out->set_postal_code(k.address.postal_code);
    out->set_country_code(k.address.country_code);
    out->set_tax_id(k.tax_id);
    for (const std::string& origin : k.origin_country_codes) out->add_origin_country_codes(origin);
  }
  for (const core::BrandedProduct& b : c.branded_products) {
    pb::BrandedProductRule* out = r.add_branded_products();
    for (const std::string& name : b.names) out->add_names(name);
    for (const std::string& p : b.hs_prefixes) out->add_hs_prefixes(p);
    out->set_min_value_eur_per_unit(b.min_value_eur_per_unit);
    for (const std::string& word : b.kind_words) out->add_kind_words(word);
  }
  for (const core::DeMinimis& d : c.de_minimis) {
    pb::DeMinimisRule* out = r.add_de_minimis();
    out->set_country_code(d.country_code);
    out->set_currency_code(d.currency_code);
    out->set_threshold(d.threshold);
  }
  r.set_just_under_fraction(c.just_under_fraction);
  r.set_just_under_de_minimis_points(c.just_under_de_minimis_points);
  r.set_gift_from_seller_points(c.gift_from_seller_points);
  std::vector<std::pair<std::string, int>> origins(c.origin_points.begin(), c.origin_points.end());
  std::sort(origins.begin(), origins.end());
  for (const auto& [country, points] : origins) {
    pb::OriginRule* out = r.add_origins();
    out->set_country_code(country);
    out->set_points(points);
  }
  for (const std::string& country : Sorted(c.free_zone_transit_countries)) {
    r.add_free_zone_transit_countries(country);
  }
  r.set_free_zone_transit_points(c.free_zone_transit_points);
  std::vector<std::pair<std::string, double>> rates(c.eur_per_unit.begin(), c.eur_per_unit.end());
  std::sort(rates.begin(), rates.end());
  for (const auto& [currency, rate] : rates) {
    pb::ExchangeRate* out = r.add_eur_rates();
    out->set_currency_code(currency);
    out->set_eur_per_unit(rate);
  }
  const core::PatternConfig& p = c.patterns;
  pb::PatternRules* out = r.mutable_patterns();
  out->set_daily_value_threshold_eur(p.daily_value_threshold_eur);
  out->set_split_shipment_points(p.split_shipment_points);
  out->set_consignee_daily_parcels(p.consignee_daily_parcels);
  out->set_consignee_velocity_points(p.consignee_velocity_points);
  out->set_seller_consignee_weekly_parcels(p.seller_consignee_weekly_parcels);
  out->set_seller_consignee_points(p.seller_consignee_points);
  out->set_address_weekly_names(p.address_weekly_names);
  out->set_reshipper_address_points(p.reshipper_address_points);
  out->set_new_shipper_hourly_parcels(p.new_shipper_hourly_parcels);
  out->set_new_shipper_burst_points(p.new_shipper_burst_points);
  out->set_master_seller_address_parcels(p.master_seller_address_parcels);
  out->set_master_waybill_split_points(p.master_waybill_split_points);
  out->set_seller_address_weekly_parcels(p.seller_address_weekly_parcels);
  out->set_seller_address_points(p.seller_address_points);
  out->set_split_by_household(p.split_by_household);
  r.set_name_similarity_threshold(c.name_similarity_threshold);

  std::string text;
  // Counterfeit terms in other scripts stay readable ("高仿", not octal
  // escapes): the file is for people to edit.
  TextFormat::Printer printer;
  printer.SetUseUtf8StringEscaping(true);
  printer.PrintToString(r, &text);
  return text;
}

}  // namespace placi::convert
