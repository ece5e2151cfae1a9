// The screening pipeline. See screener.h for the contract.
#include "core/screener.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/byte_blocks.h"
#include "core/consignment_facts.h"
#include "core/data_checks.h"
#include "core/disguised_brands.h"
#include "core/goods_rules.h"
#include "core/hold_coverage.h"
#include "core/hold_key.h"
#include "core/normalize.h"
#include "core/normalized_parcel.h"
#include "core/pattern_rules.h"
#include "core/reason_text.h"
#include "core/text_cache_stats.h"
#include "core/verified_consignor.h"

namespace placi::core {
namespace {

std::string_view WatchlistReasonCode(EntryKind kind) {
  switch (kind) {
    case EntryKind::kPartyName:
      return reason::kWatchlistPartyName;
    case EntryKind::kAddress:
      return reason::kWatchlistAddress;
    case EntryKind::kPhone:
      return reason::kWatchlistPhone;
    case EntryKind::kEmail:
      return reason::kWatchlistEmail;
    case EntryKind::kTaxId:
      return reason::kWatchlistTaxId;
    case EntryKind::kSellerId:
      return reason::kWatchlistSellerId;
    case EntryKind::kBrandTerm:
      return reason::kWatchlistBrandTerm;
    case EntryKind::kDescriptionTerm:
      return reason::kWatchlistDescriptionTerm;
  }
  return reason::kWatchlistPartyName;
}

// The source of the entries that carry the rules' counterfeit vocabulary
// into the index (WatchlistIndex::SetRuleTerms), and their id prefix.
constexpr char kRulesSource[] = "rules";
constexpr char kRuleTermIdPrefix[] = "counterfeit_terms/";

bool IsRuleTerm(const WatchlistEntry& entry) { return entry.source == kRulesSource; }

// The rules' counterfeit vocabulary as description-term entries, one per
// key (the first of terms that fold alike): id "counterfeit_terms/" and
// the key with "_" for spaces ("counterfeit_terms/gao_fang" for "高仿"),
// one word, so that a resolution's coverage names it (hold_coverage.h).
std::vector<WatchlistEntry> RuleTermEntries(const ScreeningConfig& config) {
  std::vector<WatchlistEntry> entries;
  absl::flat_hash_set<std::string> keys;
  for (const CounterfeitTerm& term : config.counterfeit_terms) {
    WatchlistEntry entry;
    entry.kind = EntryKind::kDescriptionTerm;
    entry.value = term.term;
    std::string key = WatchlistIndex::KeyOf(entry);
    if (key.empty() || !keys.insert(key).second) continue;
    std::replace(key.begin(), key.end(), ' ', '_');
    entry.id = absl::StrCat(kRuleTermIdPrefix, key);
    entry.referral = term.referral;
    entry.points = term.points;
    entry.source = kRulesSource;
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Whether `words` (one space apart) are words of `folded` (one space
// apart), in a row.
bool HoldsWords(std::string_view folded, std::string_view words) {
  if (words.empty()) return false;
  for (size_t at = folded.find(words); at != std::string_view::npos;
       at = folded.find(words, at + 1)) {
    const size_t end = at + words.size();
    if ((at == 0 || folded[at - 1] == ' ') && (end == folded.size() || folded[end] == ' ')) {
      return true;
    }
  }
  return false;
}

// Whether `inner` is whole words of `outer`, another, longer text: "fake" of
// "super fake", not of "fakeer".
bool IsWordsOf(std::string_view inner, std::string_view outer) {
  return inner.size() < outer.size() && HoldsWords(outer, inner);
}

// The text a description term's `hit` was read in, as the watchlist reads
// it (an item's description, the listing URL decoded, the seller's or
// shipper's name), and whether it is read item by item of a list (all but
// the listing); nullopt for another field.
std::optional<std::pair<std::string_view, bool>> TermFieldText(const Consignment& parcel,
                                                               const WatchlistHit& hit,
                                                               std::string* buffer) {
  if (hit.item >= 0 && static_cast<size_t>(hit.item) < parcel.items.size()) {
    return std::make_pair(std::string_view(parcel.items[hit.item].description), true);
  }
  const std::string_view field = hit.field;
  if (field == "ecommerce.listing_url") {
    return std::make_pair(PercentDecoded(parcel.ecommerce.listing_url, buffer), false);
  }
  if (field == "ecommerce.seller_name") {
    return std::make_pair(std::string_view(parcel.ecommerce.seller_name), true);
  }
  if (field == "consignor.name")
    return std::make_pair(std::string_view(parcel.consignor.name), true);
  return std::nullopt;
}

// Whether `text` (TermFieldText's) reads `inner`'s words somewhere that none
// of `outers` (longer terms' words) covers: "fake" in "fake fur coat, super
// fake shoes" beside "super fake". Read as the watchlist reads terms:
// item by item of a list, folded, digits read as letters both ways.
// Only for a rules' term whose words a longer term's hit holds (rare).
bool ReadOutsideLongerTerms(std::string_view text, bool list, std::string_view inner,
                            const std::vector<std::string_view>& outers) {
  const auto whole_words_at = [](std::string_view folded, std::string_view words, size_t at) {
    const size_t end = at + words.size();
    return (at == 0 || folded[at - 1] == ' ') && (end == folded.size() || folded[end] == ' ');
  };
  const auto covered = [&](std::string_view folded, size_t at) {
    for (const std::string_view outer : outers) {
      // An occurrence of the outer term that starts at or before `at` and
      // ends at or after the inner one's end.
      const size_t first = at + inner.size() >= outer.size() ? at + inner.size() - outer.size() : 0;
      for (size_t o = folded.find(outer, first); o != std::string_view::npos && o <= at;
           o = folded.find(outer, o + 1)) {
        if (whole_words_at(folded, outer, o)) return true;
      }
    }
    return false;
  };
  bool outside = false;
  std::string folded;
  const auto read = [&](std::string_view part) {
    for (const bool one_as_l : {false, true}) {
      if (outside) return;
      FoldTermText(part, &folded);
      ReadDigitsAsLetters(one_as_l, &folded);
      for (size_t at = folded.find(inner); at != std::string::npos && !outside;
           at = folded.find(inner, at + 1)) {
        outside = whole_words_at(folded, inner, at) && !covered(folded, at);
      }
    }
  };
  if (list) {
    ForEachListItem(text, read);
  } else {
    read(text);
  }
  return outside;
}

// A rules' term that a watchlist description term of the same key hit
// already says nothing more: the watchlist's entry stands, with its own
// referral and points. Nor does a rules' term read inside a longer term's
// words in the same field, as strong at least: "super fake shoes" is one
// counterfeit word (the 60 points of "super fake"), not that and "fake"
// (25 more). Hits carry the words matched, not where: the field's text is
// read again for where they are, so that a second, separate "fake" ("fake
// fur coat, super fake shoes") still counts (brands25; before, it was
// dropped too). A rules' term the reading does not find as such (read
// through an obfuscation) is dropped, as before.
void DropRuleTermsListedToo(const Consignment& parcel, std::vector<WatchlistHit>* hits) {
  if (std::none_of(hits->begin(), hits->end(),
                   [](const WatchlistHit& hit) { return IsRuleTerm(hit.entry); })) {
    return;
  }
  absl::flat_hash_set<std::string> listed;
  for (const WatchlistHit& hit : *hits) {
    if (hit.entry.kind == EntryKind::kDescriptionTerm && !IsRuleTerm(hit.entry)) {
      listed.insert(WatchlistIndex::KeyOf(hit.entry));
    }
  }
  const auto inside_longer_term = [&](const WatchlistHit& inner) {
    std::vector<std::string_view> outers;
    for (const WatchlistHit& outer : *hits) {
      if (outer.entry.kind == EntryKind::kDescriptionTerm && outer.field == inner.field &&
          outer.entry.points >= inner.entry.points &&
          IsWordsOf(inner.matched_value, outer.matched_value)) {
        outers.push_back(outer.matched_value);
      }
    }
    if (outers.empty()) return false;
    std::string buffer;
    const auto text = TermFieldText(parcel, inner, &buffer);
    return !text || !ReadOutsideLongerTerms(text->first, text->second, inner.matched_value, outers);
  };
  std::vector<bool> drop(hits->size(), false);
  for (size_t i = 0; i < hits->size(); ++i) {
    const WatchlistHit& hit = (*hits)[i];
    drop[i] = IsRuleTerm(hit.entry) &&
              ((!listed.empty() && listed.contains(WatchlistIndex::KeyOf(hit.entry))) ||
               inside_longer_term(hit));
  }
  size_t kept = 0;
  for (size_t i = 0; i < hits->size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) (*hits)[kept] = std::move((*hits)[i]);  // not onto itself
    ++kept;
  }
  hits->resize(kept);
}

// A hit of the rules' counterfeit vocabulary.
Reason ReasonForRuleTerm(WatchlistHit& hit) {
  const WatchlistEntry& entry = hit.entry;
  return Reason{std::string(reason::kCounterfeitTerm),
                absl::StrCat(hit.field, " carries counterfeit vocabulary \"", entry.value,
                             "\" (rules counterfeit_terms)"),
                entry.points, std::move(hit.field),
                absl::StrCat("entry=", entry.id, " value=", hit.matched_value), entry.referral};
}

// Takes the hit's field: each hit becomes one reason.
Reason ReasonForHit(WatchlistHit& hit) {
  if (IsRuleTerm(hit.entry)) return ReasonForRuleTerm(hit);
  const WatchlistEntry& entry = hit.entry;
  std::string message = absl::StrCat(hit.field, hit.review ? " probably matches" : " matches",
                                     " watchlist entry ", entry.id);
  // A probable name (every distinctive word of the listed one, generic
  // words or the city differing) is referred for review: screening at most,
  // not do-not-load, which is for the party itself (domain.md: suspected
  // risk → screening, confirmed risk → do not load).
  const Referral referral =
      hit.review ? std::min(entry.referral, Referral::kRequestForScreening) : entry.referral;
  if (hit.review) {
    absl::StrAppend(&message, ", its distinctive words with other generic words or place");
  }
  if (hit.misspelt) {
    // A brand misspelt on purpose weighs as the brand: the spelling is
    // chosen to slip past a filter, no sign of honest goods.
    absl::StrAppend(&message, ", brand \"", entry.value, "\" spelled \"", hit.matched_value, "\"");
  }
  if (!entry.note.empty()) absl::StrAppend(&message, " (", entry.note, ")");
  std::string evidence = absl::StrCat("entry=", entry.id, " value=", hit.matched_value);
  if (hit.misspelt) absl::StrAppend(&evidence, " spelling=one_edit_from_brand");
  if (hit.review) absl::StrAppend(&evidence, " match=distinctive_words");
  if (hit.similarity < 1.0) {
    // "%.2f" without a format parser: std::to_chars with a precision prints
    // as printf does.
    char digits[320];  // any double in fixed notation fits
    const auto printed = std::to_chars(std::begin(digits), std::end(digits), hit.similarity,
                                       std::chars_format::fixed, 2);
    absl::StrAppend(&evidence, " similarity=",
                    absl::string_view(digits, static_cast<size_t>(printed.ptr - digits)));
  }
  if (!entry.source.empty()) absl::StrAppend(&evidence, " source=", entry.source);
  return Reason{std::string(WatchlistReasonCode(entry.kind)), std::move(message), entry.points,
                std::move(hit.field), std::move(evidence), referral};
}

// Brand-term hits in one field count once, with the points of the
// strongest: "Nike Air Jordan 1" hits the entries "nike" and "air jordan",
// one brand named twice, and a description naming two brands is no more
// suspect than one naming a brand. The other hits stay in the verdict, with
// no points of their own and the entry that counted in their evidence;
// their referrals stand.
void CountBrandTermsOncePerField(std::vector<WatchlistHit>* hits) {
  for (size_t i = 0; i < hits->size(); ++i) {
    WatchlistHit& strongest = (*hits)[i];
    if (strongest.entry.kind != EntryKind::kBrandTerm || strongest.entry.points == 0) continue;
    for (size_t j = i + 1; j < hits->size(); ++j) {
      WatchlistHit& other = (*hits)[j];
      if (other.entry.kind != EntryKind::kBrandTerm || other.field != strongest.field) continue;
      WatchlistHit& weaker = other.entry.points > strongest.entry.points ? strongest : other;
      const WatchlistHit& counted = &weaker == &other ? strongest : other;
      weaker.entry.points = 0;
      absl::StrAppend(&weaker.matched_value, " counted_with=", counted.entry.id);
      if (&weaker == &strongest) break;  // this one no longer counts: the next i
    }
  }
}

// The brand-term hits of `read`, a description read again another way
// (SignsReadAsLetters), appended to `hits` as hits of item `item`'s
// description, each entry once: the watchlist reads it as it reads an
// item's description (MatchDescriptionTerms). Rare: the descriptions with a
// sign.
void MatchBrandTermsOfReading(const WatchlistIndex& watchlist, const std::string& read, size_t item,
                              const MatchOptions& options, std::vector<WatchlistHit>* hits) {
  std::vector<WatchlistHit> found;
  watchlist.MatchDescriptionTerms(read, static_cast<int>(item), &found, options);
  for (WatchlistHit& hit : found) {
    if (hit.entry.kind != EntryKind::kBrandTerm || hit.misspelt) continue;
    if (std::any_of(hits->begin(), hits->end(),
                    [&](const WatchlistHit& known) { return known.entry.id == hit.entry.id; })) {
      continue;
    }
    hits->push_back(std::move(hit));
  }
}

// A brand of the rules glued to its goods word or its words glued
// ("GucciBag", "LouisVuittonBag", "RolexWatch"): the goods rules read it as
// the brand (SplitGluedNames, brands25), but the watchlist reads whole
// words and glued fragments of 3 letters at most, so a BRAND_TERM entry
// "Gucci" was not found and the parcel scored the goods rules' points only
// (75 where the plain "Gucci bag" scored 100; detect26). The split reading
// is looked up as MatchBrandTermsOfReading looks up the signs' reading.
// Runs only for the items the goods rules found glued (their memo keeps the
// fact: a bit test a parcel otherwise). Only the rules' brands and products
// are split: a brand only the watchlist lists, glued ("ZanottiSneakers"),
// is still missed (the watchlist's term index cannot tell a brand's end
// inside a word without a probe per prefix).
ABSL_ATTRIBUTE_NOINLINE void AddWatchlistBrandsGlued(const NormalizedParcel& normalized,
                                                     const ScreeningConfig& config,
                                                     const WatchlistIndex& watchlist,
                                                     uint64_t glued_items,
                                                     const MatchOptions& options,
                                                     std::vector<WatchlistHit>* hits) {
  thread_local std::string split;
  for (size_t i = 0; i < normalized.folded_descriptions.size() && i < 64; ++i) {
    if ((glued_items >> i & 1) == 0) continue;
    if (SplitGluedBrandNames(normalized.folded_descriptions[i], config, &split)) {
      MatchBrandTermsOfReading(watchlist, split, i, options, hits);
    }
  }
}

// A brand that only the watchlist lists (a BRAND_TERM entry, no brand of the
// rules) written disguised in a description, a character for another
// ("Ch@nel", "R0lex-style", "Chan€l", "Gucc|"), is DISGUISED_BRAND as a
// rules' brand is (goods_rules.cc): the rules' reading knows only the rules'
// brands. The watchlist's term reading reads digits and "@", "$", "!" as
// letters already, so such a brand is among `hits`: BrandWrittenDisguised
// tells whether it took a character read as another to find it. The signs
// that reading does not read ("€", "|", and "*" for a rules' brand word)
// are read by SignsReadAsLetters, and that reading is looked up in the
// watchlist too (MatchBrandTermsOfReading): a brand found there only is
// added to `hits` (its WATCHLIST_BRAND_TERM) and is disguised. Costs a
// parcel a test per item and per hit; the rest runs for a description with
// such a sign (NormalizedParcel::has_sign_for_a_letter) or with a digit and
// a brand-term hit only. One DISGUISED_BRAND a parcel, as the goods rules
// report it: none when they did already.
ABSL_ATTRIBUTE_NOINLINE void AddWatchlistBrandsWrittenDisguised(
    const Consignment& parcel, const NormalizedParcel& normalized, const ScreeningConfig& config,
    const WatchlistIndex& watchlist, const MatchOptions& options, std::vector<WatchlistHit>* hits,
    std::vector<Reason>* reasons) {
  const size_t listed = hits->size();
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    if (!normalized.has_sign_for_a_letter[i] || normalized.first_same_description[i] != i) {
      continue;
    }
    thread_local std::string read;
    if (SignsReadAsLetters(parcel.items[i].description, config, &read)) {
      MatchBrandTermsOfReading(watchlist, read, i, options, hits);
    }
  }
  int disguised_item = -1;
  const WatchlistHit* disguised_hit = nullptr;
  size_t count = 0;
  for (size_t h = 0; h < hits->size(); ++h) {
    const WatchlistHit& hit = (*hits)[h];
    // A hit as misspelt counts too: "Zanott|" is one letter short of
    // "zanotti" as the watchlist reads it, which splits list items at "|".
    if (hit.entry.kind != EntryKind::kBrandTerm) continue;
    const int item = hit.item;
    if (item < 0 || static_cast<size_t>(item) >= parcel.items.size()) continue;
    const std::string& description = parcel.items[item].description;
    // Found in the signs' reading only, or found as written with a
    // character read as another: a digit or a sign (most descriptions that
    // name a brand have neither; FindDigit reads 16 bytes at a time), and
    // the words as the watchlist read them are not the description's as
    // folded ("nike" in "nike air max 90": told without folding again; a
    // misspelling's words as read are the misspelt ones, "Zanott|").
    const bool disguised =
        h >= listed ||
        ((normalized.has_sign_for_a_letter[item] ||
          FindDigit(description, 0) < description.size()) &&
         (hit.misspelt || !HoldsWords(normalized.folded_descriptions[item], hit.matched_value)) &&
         BrandWrittenDisguised(description, normalized.folded_descriptions[item],
                               WatchlistIndex::KeyOf(hit.entry), config));
    if (!disguised) continue;
    ++count;
    if (disguised_hit == nullptr) {
      disguised_item = item;
      disguised_hit = &hit;
    }
  }
  if (disguised_hit == nullptr ||
      std::any_of(reasons->begin(), reasons->end(),
                  [](const Reason& r) { return r.code == reason::kDisguisedBrand; })) {
    return;
  }
  const std::string& description = parcel.items[disguised_item].description;
  const WatchlistEntry& entry = disguised_hit->entry;
  Reason finding{std::string(reason::kDisguisedBrand),
                 absl::StrCat("brand written disguised, a character for another (\"",
                              Excerpt(description), "\", ", entry.value, ", watchlist entry ",
                              entry.id, "): a spelling meant to pass a filter"),
                 config.disguised_brand_points, disguised_hit->field,
                 absl::StrCat("value=", Excerpt(description), " brand_of=", entry.value,
                              " entry=", entry.id),
                 Referral::kNone};
  if (count > 1) absl::StrAppend(&finding.message, " (", count, " brands)");
  reasons->push_back(std::move(finding));
}

bool AsksForInformation(const Verdict& verdict) {
  return std::any_of(verdict.reasons.begin(), verdict.reasons.end(), [](const Reason& r) {
    return r.referral == Referral::kRequestForInformation;
  });
}

// An officer's resolution as the verdicts after it read it: the referral it
// lifted and the evidence it covered (core/hold_coverage.h), from the
// HOLD_RESOLVED reason of the resolution ("resolved_by=… previous_decision=…
// covers=…") or of a re-screen released under it, which carries it forward
// ("resolution=… covers=…").
struct Resolution {
  Referral referral = Referral::kNone;
  std::string decision_id;  // the officer's resolution
  // nullopt for a resolution recorded before coverage was: then the hold
  // verdict it lifted (previous_decision) tells what it covered.
  std::optional<std::string> covers;
  std::string previous_decision;
  // The consignment the officer examined (Verdict::held_consignment);
  // nullopt for a resolution recorded before versions kept it: it then
  // covers the reasons alone, as it did.
  std::optional<ConsignmentFacts> examined;
};

// Labels in HOLD_RESOLVED evidence (char arrays: Debian's absl::StrCat takes
// no std::string_view).
constexpr char kResolvedBy[] = "resolved_by=";
constexpr char kResolution[] = "resolution=";
constexpr char kCovers[] = " covers=";
constexpr char kPreviousDecision[] = "previous_decision=";

bool EvidenceStartsWith(std::string_view evidence, std::string_view prefix) {
  return evidence.substr(0, prefix.size()) == prefix;
}

// The word after the last `label` in `evidence` (the last: resolved_by is
// free text and comes first), or all the rest with `to_end` (covers=, whose
// tokens have no spaces, comes last).
std::optional<std::string> After(std::string_view evidence, std::string_view label,
                                 bool to_end) {
  const size_t at = evidence.rfind(label);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = evidence.substr(at + label.size());
  if (!to_end) rest = rest.substr(0, rest.find(' '));
  return std::string(rest);
}

std::optional<Resolution> LiftedByOfficer(const Verdict& latest) {
  for (const Reason& r : latest.reasons) {
    if (r.code != reason::kHoldResolved) continue;
    const std::string_view evidence = r.evidence;
    Resolution resolution;
    resolution.referral = r.referral;
    resolution.covers = After(evidence, kCovers, /*to_end=*/true);
    resolution.examined = latest.held_consignment;
    if (EvidenceStartsWith(evidence, kResolvedBy)) {
      resolution.decision_id = latest.decision_id;
      resolution.previous_decision =
          After(evidence, kPreviousDecision, /*to_end=*/false).value_or("");
      return resolution;
    }
    // A re-screen released under a resolution carries it forward. (Before
    // coverage was recorded such re-screens carried nothing: the next hold
    // verdict on the waybill was a new hold, and still is.)
    if (EvidenceStartsWith(evidence, kResolution) && resolution.covers.has_value()) {
      std::string_view id = evidence.substr(std::string_view(kResolution).size());
      resolution.decision_id = std::string(id.substr(0, id.find(' ')));
      return resolution;
    }
  }
  return std::nullopt;
}

// The referral of a hold on the score, by what carries the score: aviation
// security's indicators when they reach the threshold alone (they outrank
// the customs examination), else the customs indicators' when those do,
// else the family with more points (a tie goes to aviation security).
Referral ScoreReferral(int customs_points, int security_points, const ScreeningConfig& config) {
  if (security_points >= config.hold_score_threshold) return config.score_referral;
  if (customs_points >= config.hold_score_threshold || customs_points > security_points) {
    return config.customs_score_referral;
  }
  return config.score_referral;
}

// Nothing but spaces and invisible characters (what a carrier key drops):
// a resolved_by that names no one.
bool NamesNoOne(std::string_view name) { return IsBlankCarrier(name); }

}  // namespace

Screener::Screener(ScreeningConfig config, WatchlistIndex* watchlist,
                   DecisionStore* decisions, const Clock* clock, HistoryStore* history)
    : config_(std::make_shared<const ScreeningConfig>(std::move(config))),
      watchlist_(watchlist),
      decisions_(decisions),
      clock_(clock),
      history_(history) {
  // The data checks' placeholder words, indexed when the rules load rather
  // than at the first parcel (as in SetConfig and SetShadow).
  config_->Placeholders();
  watchlist_->SetRuleTerms(live_terms_, RuleTermEntries(*config_));
}

Screener::~Screener() {
  watchlist_->RemoveRuleTerms(live_terms_);
  watchlist_->RemoveRuleTerms(shadow_terms_);
}

absl::Mutex& Screener::WaybillLock(std::string_view house_waybill) const {
  return waybill_locks_[absl::HashOf(house_waybill) % waybill_locks_.size()];
}

std::shared_ptr<const ScreeningConfig> Screener::config() const {
  absl::MutexLock lock(&config_mu_);
  return config_;
}

void Screener::SetConfig(ScreeningConfig config) {
  auto next = std::make_shared<const ScreeningConfig>(std::move(config));
  next->Placeholders();
  watchlist_->SetRuleTerms(live_terms_, RuleTermEntries(*next));
  absl::MutexLock lock(&config_mu_);
  config_ = std::move(next);
}

std::shared_ptr<const ScreeningConfig> Screener::shadow_config() const {
  absl::MutexLock lock(&config_mu_);
  return shadow_;
}

void Screener::SetShadow(std::optional<ScreeningConfig> candidate, ShadowSink* sink) {
  std::shared_ptr<const ScreeningConfig> next;
  if (candidate.has_value()) {
    next = std::make_shared<const ScreeningConfig>(*std::move(candidate));
    next->Placeholders();
    watchlist_->SetRuleTerms(shadow_terms_, RuleTermEntries(*next));
  }
  {
    absl::MutexLock lock(&config_mu_);
    shadow_ = next;
    shadow_sink_ = shadow_ ? sink : nullptr;
  }
  if (!next) watchlist_->RemoveRuleTerms(shadow_terms_);
}

absl::StatusOr<Verdict> Screener::Judge(const Consignment& parcel, const ScreeningConfig& config,
                                        uint64_t rule_terms, absl::Time now, bool count,
                                        std::vector<WindowIncrement>* counted) const {
  // Built in the object returned (every return is of `judged`, so that it
  // is returned in place): a Verdict moved into a StatusOr was ~180
  // instructions a parcel (its strings, reasons and held facts).
  absl::StatusOr<Verdict> judged(absl::in_place);
  Verdict& verdict = *judged;
  verdict.request_id = parcel.request_id;
  verdict.house_waybill = parcel.house_waybill;
  verdict.carrier_id = parcel.carrier_id;
  verdict.ruleset_version = config.ruleset_version;
  // Room for the reasons of most parcels, so that adding them rarely
  // regrows the vector (each regrowth moves every reason).
  verdict.reasons.reserve(4);

  // Every rule reads the parcel's names, addresses and contacts normalised
  // once, here, into buffers kept per thread (their room reused: no
  // allocation per key once grown). Judge never runs inside itself.
  thread_local NormalizedParcel normalized;
  NormalizeParcel(parcel, &normalized);
  CheckData(parcel, normalized, config, now, &verdict.reasons);
  uint64_t glued_items = 0;
  AddGoodsIndicators(parcel, normalized, config, &verdict.reasons, &glued_items);
  std::vector<WatchlistHit> hits;
  verdict.watchlist_version = watchlist_->Match(
      parcel, normalized, &hits,
      {.name_similarity_threshold = config.name_similarity_threshold, .rule_terms = rule_terms});
  // Out of line, behind a test of what every parcel has at hand: a sign
  // in a description or a brand-term hit (inline, the pass cost Judge
  // ~150 instructions a parcel on core_benchmark).
  if (config.disguised_brand_points > 0 &&
      (std::any_of(normalized.has_sign_for_a_letter.begin(),
                   normalized.has_sign_for_a_letter.end(), [](uint8_t sign) { return sign != 0; }) ||
       std::any_of(hits.begin(), hits.end(), [](const WatchlistHit& hit) {
         return hit.entry.kind == EntryKind::kBrandTerm;
       }))) {
    AddWatchlistBrandsWrittenDisguised(
        parcel, normalized, config, *watchlist_,
        {.name_similarity_threshold = config.name_similarity_threshold, .rule_terms = rule_terms},
        &hits, &verdict.reasons);
  }
  // After the disguise pass: a brand glued to its goods word is written
  // plainly, not disguised.
  if (glued_items != 0) {
    AddWatchlistBrandsGlued(
        normalized, config, *watchlist_, glued_items,
        {.name_similarity_threshold = config.name_similarity_threshold, .rule_terms = rule_terms},
        &hits);
  }
  CountBrandTermsOncePerField(&hits);
  DropRuleTermsListedToo(parcel, &hits);
  for (WatchlistHit& hit : hits) verdict.reasons.push_back(ReasonForHit(hit));
  if (history_ != nullptr) {
    absl::Status patterns =
        AddPatternIndicators(parcel, normalized, config, history_, now, count,
                             &verdict.reasons, counted);
    if (!patterns.ok()) {
      judged = std::move(patterns);
      return judged;
    }
  }
  DiscountForVerifiedConsignor(parcel, normalized, config, &verdict.reasons);

  BoundReasonText(&verdict.reasons);

  int points = 0;
  // The points of reasons that ask for no referral of their own: what adds
  // up to a suspicion. A data problem asks for information and a watchlist
  // entry for its own referral; their points do not make a screening
  // request. The threshold asks for the parcel to be examined: a reason
  // that has it examined already (IPR, screening, do not load) answers
  // that, but a request for information examines nothing, so a missing city
  // must not take the screening request away: it stands beside it.
  int indicator_points = 0;
  int customs_points = 0;  // of those, the customs indicators'
  Referral referral = Referral::kNone;
  for (const Reason& r : verdict.reasons) {
    points += r.points;
    if (r.referral == Referral::kNone && r.points != 0) {
      indicator_points += r.points;
      if (config.customs_indicators.contains(r.code)) customs_points += r.points;
    }
    referral = Stronger(referral, r.referral);
  }
  verdict.risk_score = std::clamp(points, 0, config.max_risk_score);
  if (indicator_points >= config.hold_score_threshold &&
      Stronger(referral, Referral::kRequestForInformation) == Referral::kRequestForInformation) {
    referral = ScoreReferral(customs_points, indicator_points - customs_points, config);
    // Quoted on the verdict's scale (capped), as risk_score is: "risk score
    // 105" beside a risk_score of 100 read as two scores (review24). The
    // points before the cap are said too, as what they are.
    const int quoted = std::min(indicator_points, config.max_risk_score);
    const bool capped = quoted != indicator_points;
    verdict.reasons.push_back(Reason{
        std::string(reason::kRiskScoreThreshold),
        absl::StrCat("risk score ", quoted,
                     capped ? absl::StrCat(" (", indicator_points, " before the cap)") : "",
                     " reaches the hold threshold ", config.hold_score_threshold,
                     referral == config.customs_score_referral &&
                             referral != config.score_referral
                         ? " on customs indicators"
                         : ""),
        0, "",
        absl::StrCat("score=", quoted, capped ? absl::StrCat(" uncapped=", indicator_points) : "",
                     " threshold=", config.hold_score_threshold, " customs=", customs_points),
        referral});
  }
  verdict.referral = referral;
  verdict.decision = referral == Referral::kNone ? Decision::kRelease : Decision::kHold;
  verdict.hold_status = verdict.decision == Decision::kHold ? HoldStatus::kNew : HoldStatus::kNone;
  return judged;
}

void Screener::ApplyHoldState(const std::optional<Verdict>& latest, const Consignment& parcel,
                              const ScreeningConfig& config, Verdict* verdict) const {
  if (!latest.has_value()) return;
  if (IsOpenHold(*latest)) {
    if (latest->referral == Referral::kRequestForInformation &&
        verdict->decision == Decision::kRelease) {
      // The data asked for has come: the RFI is answered (7I).
      verdict->hold_status = HoldStatus::kResolved;
      verdict->reasons.push_back(Reason{
          std::string(reason::kHoldResolved),
          "request for information answered: the parcel was sent again complete", 0, "",
          absl::StrCat("previous_decision=", latest->decision_id), latest->referral});
      return;
    }
    if (verdict->decision == Decision::kHold &&
        Stronger(verdict->referral, latest->referral) != latest->referral) {
      // A stronger referral than the open hold's (information → do not
      // load) is a new hold: carriers act on NEW, and must not read a new
      // do-not-load as the old request still in place.
      return;
    }
    // The hold stays until an officer lifts it (7J/8J/6J); new findings can
    // only make it stronger (see above).
    verdict->decision = Decision::kHold;
    verdict->referral = Stronger(verdict->referral, latest->referral);
    verdict->hold_status = HoldStatus::kStillInPlace;
    verdict->reasons.push_back(Reason{
        std::string(reason::kHoldStillInPlace),
        absl::StrCat("an earlier hold on this house waybill is still in place (decision ",
                     latest->decision_id, ")"),
        0, "house_waybill", absl::StrCat("previous_decision=", latest->decision_id),
        latest->referral});
    return;
  }
  // An officer's resolution covers what the officer examined: the referral
  // and the evidence of the hold it lifted. A re-screen that finds no
  // stronger risk, no missing data and no other evidence stays released; a
  // different watchlist hit or a new indicator is a new hold.
  std::optional<Resolution> lifted = LiftedByOfficer(*latest);
  if (!lifted.has_value() || verdict->decision != Decision::kHold ||
      verdict->referral > lifted->referral || AsksForInformation(*verdict)) {
    return;
  }
  if (!lifted->covers.has_value()) {
    // Resolved before coverage was recorded: it covers the evidence of the
    // hold verdict it lifted, as the decision log has it; nothing when that
    // cannot be read (a new hold, for an officer to look at again).
    absl::StatusOr<Verdict> held = decisions_->GetDecision(lifted->previous_decision);
    lifted->covers = held.ok() ? EvidenceOfHold(*held) : std::string();
  }
  if (HasEvidenceBeyond(*verdict, *lifted->covers)) return;
  if (lifted->examined.has_value()) {
    // The same reasons on more goods than the officer examined (200 pairs
    // where one was seen) are goods nobody examined: a new hold, asking
    // for what the resolved hold asked for.
    const std::string changed =
        ChangesBeyondExamined(*lifted->examined, FactsOfConsignment(parcel, config));
    if (!changed.empty()) {
      verdict->referral = Stronger(verdict->referral, lifted->referral);
      verdict->reasons.push_back(Reason{
          std::string(reason::kConsignmentChangedSinceResolution),
          absl::StrCat("the consignment is not the one the officer examined before lifting "
                       "the hold (decision ",
                       lifted->decision_id, "): ", changed),
          0, "", absl::StrCat(kResolution, lifted->decision_id, " ", changed),
          lifted->referral});
      return;
    }
  }
  verdict->decision = Decision::kRelease;
  verdict->referral = Referral::kNone;
  verdict->hold_status = HoldStatus::kResolved;
  verdict->reasons.push_back(Reason{
      std::string(reason::kHoldResolved),
      absl::StrCat("the hold on this house waybill was lifted by an officer (decision ",
                   lifted->decision_id, ")"),
      0, "house_waybill",
      absl::StrCat(kResolution, lifted->decision_id, kCovers, *lifted->covers),
      lifted->referral});
  // Carried on, so that re-filings growing a little each time are held to
  // what the officer examined, not to the last of them.
  verdict->held_consignment = std::move(lifted->examined);
}

absl::StatusOr<Verdict> Screener::Screen(const Consignment& parcel) const {
  const absl::Time now = clock_->Now();
  // The window increments of this parcel: counted in memory while judging,
  // durable in the one write that records the verdict, taken back if it
  // never is.
  std::vector<WindowIncrement> counted;
  const std::shared_ptr<const ScreeningConfig> rules = config();
  // Completed in place and returned as judged, by every return (a Verdict's
  // move is ~170 instructions: its strings, reasons and held facts).
  absl::StatusOr<Verdict> judged = Judge(parcel, *rules, live_terms_, now, /*count=*/true, &counted);
  // On a failure: the counts taken back and the status put in `judged`.
  const auto fail = [&](absl::Status status) {
    if (!counted.empty()) history_->Uncount(counted);
    judged = std::move(status);
  };
  if (!judged.ok()) {
    fail(judged.status());
    return judged;
  }
  Verdict& verdict = *judged;
  // Holds are kept on the waybill as HoldWaybillKey normalises it, so that
  // " bbx0000 " finds the hold of "BBX0000". A blank waybill is a missing
  // one: there is no hold state to keep (the verdict asks for the number).
  const std::string hold_key = HoldWaybillKey(parcel.house_waybill);
  const bool has_waybill = !hold_key.empty();
  std::optional<absl::MutexLock> lock;
  if (has_waybill) {
    lock.emplace(&WaybillLock(hold_key));
    // Only this carrier's hold: waybill numbers are per carrier, and another
    // carrier's hold (or its decision id) is none of this carrier's business.
    absl::StatusOr<std::optional<Verdict>> latest =
        decisions_->LatestHold(parcel.carrier_id, parcel.house_waybill);
    if (!latest.ok()) {
      fail(latest.status());
      return judged;
    }
    if (IsBlankCarrier(parcel.carrier_id) &&
        !(latest->has_value() && IsOpenHold(**latest))) {
      // A parcel that names no carrier (unauthenticated mode: carrier_id is
      // the caller's word) could be any carrier's: the strongest open hold
      // of any carrier on the number holds it too, so that leaving
      // carrier_id out does not slip past a hold placed under one.
      absl::StatusOr<std::vector<Verdict>> holds =
          decisions_->HoldsOnWaybill(parcel.house_waybill);
      if (!holds.ok()) {
        fail(holds.status());
        return judged;
      }
      for (Verdict& hold : *holds) {
        if (!IsOpenHold(hold)) continue;
        if (latest->has_value() && IsOpenHold(**latest) &&
            Stronger(hold.referral, (*latest)->referral) == (*latest)->referral) {
          continue;
        }
        *latest = std::move(hold);
      }
    }
    ApplyHoldState(*latest, parcel, *rules, &verdict);
    // What a resolution of this hold will cover (rare: holds only).
    if (IsOpenHold(verdict)) verdict.held_consignment = HeldFactsOfConsignment(parcel, *rules);
  } else if (verdict.decision == Decision::kHold) {
    verdict.hold_status = HoldStatus::kNone;  // nothing to keep it on
  }
  verdict.decided_at = now;
  verdict.decision_id = ids_.Next(verdict.decided_at);
  if (absl::Status recorded = decisions_->Record(verdict, counted); !recorded.ok()) {
    fail(recorded);
    return judged;
  }
  lock.reset();
  JudgeInShadow(parcel, verdict, now);
  return judged;
}

Verdict Screener::ScreeningUnavailable(const Consignment& parcel, const absl::Status& cause,
                                       FailMode mode) const {
  Verdict verdict = ScreeningUnavailableVerdict(parcel, cause, mode);
  verdict.ruleset_version = config()->ruleset_version;
  verdict.watchlist_version = watchlist_->version();
  verdict.decided_at = clock_->Now();
  verdict.decision_id = ids_.Next(verdict.decided_at);
  return verdict;
}

void Screener::JudgeInShadow(const Consignment& parcel, const Verdict& live,
                             absl::Time now) const {
  std::shared_ptr<const ScreeningConfig> shadow;
  ShadowSink* sink = nullptr;
  {
    absl::MutexLock lock(&config_mu_);
    shadow = shadow_;
    sink = shadow_sink_;
  }
  if (!shadow || sink == nullptr) return;
  // The rules alone, on the windows as the live verdict left them: hold
  // state is the live ruleset's business.
  std::vector<WindowIncrement> counted;  // stays empty: nothing is counted
  absl::StatusOr<Verdict> judged;
  {
    const TextCacheCountingPaused not_the_live_stream;
    judged = Judge(parcel, *shadow, shadow_terms_, now, /*count=*/false, &counted);
  }
  if (!counted.empty()) history_->Uncount(counted);
  if (!judged.ok()) return;  // a shadow never fails the live call
  judged->decision_id = live.decision_id;
  judged->decided_at = now;
  sink->OnShadowVerdict(live, *judged);
}

std::string Screener::EvidenceOfHold(const Verdict& held) const {
  // A bound on the walk: a carrier re-sending one held waybill thousands of
  // times must not make a resolution read them all (the latest ones, what
  // the officer saw last, are read first).
  constexpr size_t kMaxVerdictsRead = 100;
  std::vector<Verdict> verdicts = {held};
  while (verdicts.size() < kMaxVerdictsRead &&
         verdicts.back().hold_status == HoldStatus::kStillInPlace) {
    std::optional<std::string> previous;
    for (const Reason& r : verdicts.back().reasons) {
      if (r.code == reason::kHoldStillInPlace &&
          EvidenceStartsWith(r.evidence, kPreviousDecision)) {
        previous = r.evidence.substr(std::string_view(kPreviousDecision).size());
      }
    }
    if (!previous.has_value()) break;
    absl::StatusOr<Verdict> before = decisions_->GetDecision(*previous);
    if (!before.ok()) break;
    verdicts.push_back(*std::move(before));
  }
  return HoldEvidence(verdicts);
}

// The open hold that ResolveHold lifts: the named carrier's, or, with no
// carrier named, the only carrier's with an open hold on the waybill
// (INVALID_ARGUMENT on carrier_id when several have one). nullopt: none open.
absl::StatusOr<std::optional<Verdict>> Screener::OpenHoldToResolve(
    std::optional<std::string_view> carrier_id, const std::string& house_waybill) const {
  if (carrier_id.has_value()) {
    absl::StatusOr<std::optional<Verdict>> latest =
        decisions_->LatestHold(*carrier_id, house_waybill);
    if (!latest.ok()) return latest.status();
    if (latest->has_value() && !IsOpenHold(**latest)) return std::optional<Verdict>();
    return latest;
  }
  absl::StatusOr<std::vector<Verdict>> holds = decisions_->HoldsOnWaybill(house_waybill);
  if (!holds.ok()) return holds.status();
  std::optional<Verdict> open;
  std::vector<std::string> carriers;
  for (Verdict& hold : *holds) {
    if (!IsOpenHold(hold)) continue;
    carriers.push_back(absl::StrCat("\"", hold.carrier_id, "\""));
    open = std::move(hold);
  }
  if (carriers.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "carrier_id: is required: house waybill ", house_waybill, " has open holds of ",
        carriers.size(), " carriers (", absl::StrJoin(carriers, ", "), ")"));
  }
  return open;
}

absl::StatusOr<Verdict> Screener::ResolveHold(std::optional<std::string_view> carrier_id,
                                              std::string_view house_waybill_view,
                                              std::string_view resolved_by_view,
                                              std::string_view note_view) const {
  // Debian's Abseil has its own string_view: absl::StrCat takes std::string.
  const std::string house_waybill(house_waybill_view);
  const std::string resolved_by(resolved_by_view);
  const std::string note(note_view);
  const std::string hold_key = HoldWaybillKey(house_waybill);
  if (hold_key.empty()) return absl::InvalidArgumentError("house_waybill: is required");
  if (NamesNoOne(resolved_by)) return absl::InvalidArgumentError("resolved_by: is required");
  absl::MutexLock lock(&WaybillLock(hold_key));
  absl::StatusOr<std::optional<Verdict>> latest = OpenHoldToResolve(carrier_id, house_waybill);
  if (!latest.ok()) return latest.status();
  if (!latest->has_value()) {
    return absl::FailedPreconditionError(
        carrier_id.has_value()
            ? absl::StrCat("house waybill ", house_waybill, " has no open hold of carrier \"",
                           std::string(*carrier_id), "\"")
            : absl::StrCat("house waybill ", house_waybill, " has no open hold"));
  }
  const Verdict& held = **latest;
  Verdict verdict;
  verdict.house_waybill = held.house_waybill;  // listed beside the hold it lifts
  verdict.carrier_id = held.carrier_id;
  // The parcel the officer examined: the hold's latest filing (nullopt for
  // a hold recorded before versions kept it: the reasons alone are covered).
  verdict.held_consignment = held.held_consignment;
  verdict.decision = Decision::kRelease;
  verdict.referral = Referral::kNone;
  verdict.hold_status = HoldStatus::kResolved;
  verdict.ruleset_version = config()->ruleset_version;
  verdict.watchlist_version = watchlist_->version();
  std::string message = absl::StrCat("hold lifted by ", resolved_by);
  if (!note.empty()) absl::StrAppend(&message, ": ", note);
  verdict.reasons.push_back(Reason{
      std::string(reason::kHoldResolved), std::move(message), 0, "house_waybill",
      // What the officer examined: a re-screen finding more is a new hold.
      absl::StrCat(kResolvedBy, resolved_by, " ", kPreviousDecision, held.decision_id, kCovers,
                   EvidenceOfHold(held)),
      held.referral});
  verdict.decided_at = clock_->Now();
  verdict.decision_id = ids_.Next(verdict.decided_at);
  if (absl::Status recorded = decisions_->Record(verdict); !recorded.ok()) return recorded;
  return verdict;
}

}  // namespace placi::core
