// Thresholds, weights and word lists of the screening rules, with defaults
// that the server uses unless configured otherwise.
#ifndef PLACI_CORE_SCREENING_CONFIG_H_
#define PLACI_CORE_SCREENING_CONFIG_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "core/consignment.h"
#include "core/placeholder_words.h"
#include "core/verdict.h"

namespace placi::core {

// An HS code prefix (chapter "64", heading "9102", …) where counterfeits
// concentrate. The longest matching prefix applies.
struct HsRisk {
  std::string prefix;
  int points = 0;
  std::string label;  // "footwear"
};

// A kind of goods recognised in descriptions: its words, the brands that
// imply it, the HS prefixes it may be declared under, and the least a
// genuine article costs per kg and per unit (EUR), below which the value is
// implausible. The unit floors are for goods whose weight says nothing of
// their worth (a watch, earphones, a bag): they apply to an item that its
// description names as the category, the branded one when it names a brand.
struct GoodsCategory {
  std::string name;                      // "watches"
  std::vector<std::string> words;        // folded: "watch", "wristwatch"
  std::vector<std::string> brands;       // folded: "rolex", "omega"
  std::vector<std::string> hs_prefixes;  // "91"
  double min_value_eur_per_kg = 0;       // 0: no value check
  double min_value_eur_per_unit = 0;     // 0: no unit check
  double min_branded_value_eur_per_unit = 0;  // 0: the unbranded floor
  // HS prefixes of the other goods its brands make (a fashion house's
  // perfume, a sports brand's balls): a description naming only the brand
  // fits them as well as the category's own chapter.
  std::vector<std::string> brand_line_hs_prefixes = {};
};

// A brand's article whose genuine price is far above its category's
// branded unit floor: a phone among the electronics (where a charger "for
// iPhone" sets the floor), a games console, a luxury down jacket among
// T-shirts. Named in a description (outside what an accessory serves) and
// declared under one of its own headings, a new one under
// ScreeningConfig::far_undervalued_fraction of this floor is far
// undervalued: the counterfeit's price, not the article's.
struct BrandedProduct {
  std::vector<std::string> names;        // folded: "iphone", "playstation"
  // The headings of the article itself ("851713" phones), not of its parts
  // or accessories ("851779"): a 3 EUR back glass for an iPhone is a part.
  std::vector<std::string> hs_prefixes;
  double min_value_eur_per_unit = 0;     // the least a new genuine one costs
  // Folded words that name the article's own kind ("smartphone", "mobile
  // phone", "shou ji" for an iPhone; "handbag" for a Louis Vuitton): under
  // a heading not the product's own, a description naming the product with
  // such words is the product still ("iPhone 15 Pro smartphone" under 8471),
  // while one naming other goods the heading covers is those goods ("Louis
  // Vuitton Zippy wallet" under 4202.31). Empty: every category word counts
  // as other goods.
  std::vector<std::string> kind_words = {};
};

// A known consignor the administration has verified (rules
// verified_consignors; verified_consignor.h): its identity as the rules
// write it, and the keys a parcel's consignor is compared on, made by
// SetVerifiedConsignorKeys when the rules load.
struct VerifiedConsignor {
  std::string reference;  // the verification: AEO certificate, known-consignor number
  std::string name;
  Address address;
  std::string tax_id;  // empty: not compared
  // Where its parcels may leave from (ISO alpha-2, upper case); empty: the
  // address's country only.
  std::vector<std::string> origin_country_codes;
  std::string folded_name;   // FoldText(name)
  std::string address_key;   // AddressKey(address)
  std::string country_code;  // the address's, upper case
  std::string tax_id_key;    // TaxIdKey(tax_id)
};

class CategoryWords;  // category_words.h

// ScreeningConfig::categories and branded_products indexed by word
// (category_words.h), built at the config's first use by the goods rules and
// kept for its lifetime. A copy or an assignment starts without it, so that
// a copied config may be changed before its own first use; a config must not
// change its categories or branded products after its first use (the
// Screener holds its configs const).
class CategoryWordsCache {
 public:
  CategoryWordsCache() = default;
  CategoryWordsCache(const CategoryWordsCache&) {}
  CategoryWordsCache& operator=(const CategoryWordsCache&);
  ~CategoryWordsCache();

  // The index of `categories` and `products` (the config's own), built on
  // the first call.
  const CategoryWords& Get(const std::vector<GoodsCategory>& categories,
                           const std::vector<BrandedProduct>& products) const;

 private:
  mutable absl::Mutex mu_;  // held while building
  mutable std::atomic<const CategoryWords*> words_{nullptr};  // owned
};

// The value under which imports into a country are relieved of duty.
struct DeMinimis {
  std::string country_code;   // destination, ISO alpha-2
  std::string currency_code;  // of the threshold
  double threshold = 0;
};

// Patterns across parcels (pattern_rules.h): counts over sliding windows.
struct PatternConfig {
  // "One person, one day": the consignee's total value that a split
  // shipment stays under parcel by parcel. The destination's de-minimis
  // threshold when it has one, else this.
  double daily_value_threshold_eur = 150;
  int split_shipment_points = 50;
  int consignee_daily_parcels = 5;  // parcels to one consignee in a day
  int consignee_velocity_points = 25;
  int seller_consignee_weekly_parcels = 4;  // one seller to one consignee in a week
  int seller_consignee_points = 20;
  // One seller to one delivery address (address_key) in a week, whatever
  // the names: a purchase split over the names of one household. Not at an
  // address of address_weekly_names names or more (an apartment block, a
  // forwarder: RESHIPPER_ADDRESS speaks for those), nor on a parcel whose
  // consignee alone makes SELLER_CONSIGNEE_REPEAT.
  int seller_address_weekly_parcels = 4;
  int seller_address_points = 20;
  // SPLIT_SHIPMENT also adds up a household's day: the parcels from one
  // seller (or shipper) to one family name at one door (the address key and
  // its flat, unit and floor), at an address of fewer than
  // address_weekly_names names this week.
  bool split_by_household = true;
  int address_weekly_names = 5;  // distinct consignee names at one address in a week
  // Measured with tools/eval: many names at one door are held with risky
  // goods or provenance, not alone (forwarders are lawful).
  int reshipper_address_points = 50;
  int new_shipper_hourly_parcels = 20;  // a shipper unseen before this hour
  int new_shipper_burst_points = 30;
  int master_seller_address_parcels = 3;  // one master, one seller, one address
  int master_waybill_split_points = 30;
};

// A word or phrase of counterfeit vocabulary that the rules carry
// (ScreeningConfig::counterfeit_terms): matched in goods descriptions,
// listing URLs and names as a watchlist description term is (folded,
// obfuscated, inflected; WatchlistIndex::SetRuleTerms), with its own points
// and referral (kNone: points only, for words that honest goods use too).
struct CounterfeitTerm {
  std::string term;  // as written: "replica", "Fälschung", "高仿"
  int points = 0;
  Referral referral = Referral::kNone;
};

struct ScreeningConfig {
  // Named in every verdict so that a decision can be traced to its rules.
  std::string ruleset_version = "default-2026.11";

  // Points of each data problem (missing 7+1 element, vague description,
  // unacceptable party name, invalid HS code or country code). Data problems
  // always ask for REQUEST_FOR_INFORMATION, whatever their points.
  int data_problem_points = 10;

  // A parcel whose summed points reach this score is held even when no
  // reason asks for a referral of its own. The referral follows what carries
  // the score (Screener::Judge): `customs_score_referral` when the customs
  // indicators (below) reach the threshold alone, or outweigh the others
  // while neither family does; `score_referral` otherwise. PLACI proper is
  // aviation security: an X-ray finds no fake Rolex, and a customs officer
  // no bomb (domain.md).
  int hold_score_threshold = 60;
  Referral score_referral = Referral::kRequestForScreening;
  Referral customs_score_referral = Referral::kIprExamination;
  // Reason codes of the indicators of a customs or IP risk: counterfeit
  // brands and vocabulary, HS codes, values, provenance, gifts from sellers
  // and the splitting patterns. The others with points and no referral of
  // their own (watchlisted parties that ask for none, an unknown shipper's
  // burst) are aviation security's.
  absl::flat_hash_set<std::string> customs_indicators;

  // risk_score is the sum of points, capped here.
  int max_risk_score = 100;

  // Whole goods descriptions that are too vague (the ICS2 stop-word list, in
  // folded form). Matched against FoldText(description).
  absl::flat_hash_set<std::string> vague_descriptions;
  // Words that add no precision ("and", "assorted", "pcs", …). A description
  // made only of these and of the words of vague_descriptions is vague too:
  // "gifts and accessories", "2 pcs spare parts".
  absl::flat_hash_set<std::string> filler_words;
  // Party names that name nobody ("unknown", "private", "n a", "same as
  // above", …), folded. A one-word entry is a placeholder word: a party
  // name, street or city made only of such words names nobody or no place
  // ("Unknown Customer", "n/a"). The data checks' only list of them.
  absl::flat_hash_set<std::string> unacceptable_party_names;
  // Placeholder words a typo does not hide, folded: a word one edit from
  // one of these (of 5 letters or more) counts as it ("unkown",
  // "reciever"). Placeholder words too.
  absl::flat_hash_set<std::string> typo_tolerant_party_words;
  // The two lists above indexed (placeholder_words.h), at first use.
  PlaceholderWordsCache placeholder_words;
  const PlaceholderWords& Placeholders() const {
    return placeholder_words.Get(unacceptable_party_names, typo_tolerant_party_words);
  }
  // This config's identity for the per-thread memos of what its lists made
  // of a text (recent_text_answers.h): never the same for two configs in
  // one process. The placeholder index is built once per config (a copy
  // builds its own) and stamped, so its stamp serves.
  uint64_t MemoStamp() const { return Placeholders().stamp(); }

  // Goods rules (goods_rules.h). Points only: they add up towards the
  // hold threshold; no single one holds a parcel but a far-undervalued
  // branded item (far_undervalued_points).
  std::vector<HsRisk> hs_risks;
  std::vector<GoodsCategory> categories;
  CategoryWordsCache category_words;  // `categories` indexed, at first use
  // Head nouns of accessories ("case", "strap", "cable", folded): a
  // description whose head noun is one ("silicone phone case for
  // smartphone") is read without the words that say what device it serves
  // (goods_rules.cc), since a case for a phone is no phone.
  absl::flat_hash_set<std::string> accessory_words;
  // Counterfeit vocabulary the service ships, so that an install without a
  // watchlist still reads "replica" or "高仿" (COUNTERFEIT_TERM). Kept by
  // the Screener on its index per ruleset (WatchlistIndex::SetRuleTerms):
  // the live rules' for the live verdict, a shadow ruleset's for its own.
  std::vector<CounterfeitTerm> counterfeit_terms;
  // Verified known consignors: their brand-term hits and new-shipper
  // bursts count no points (verified_consignor.h). Empty by default.
  std::vector<VerifiedConsignor> verified_consignors;
  int hs_mismatch_points = 35;   // description or brand says one category, HS code another
  int undervalued_points = 35;   // value per kg or per unit below the category's minimum
  // A branded item declared at under this fraction of its category's
  // branded unit floor (a 2 EUR Dior perfume, a 0 EUR Rolex), or of its
  // branded product's floor (a 5 EUR iPhone), is undervalued
  // with far_undervalued_points instead: enough to hold it alone, the one
  // goods indicator that does, for it is the plainest undervaluation there
  // is (domain.md). 0: no such tier.
  double far_undervalued_fraction = 0.25;
  int far_undervalued_points = 60;
  // A brand written disguised, a character for another ("R0lex", "Ch@nel",
  // "G*cci", "Nlke"; goods_rules.h): DISGUISED_BRAND, with these points,
  // enough to hold it alone (the hold threshold's 60) as a customs
  // indicator, so for an IPR examination, as far_undervalued_points: a
  // seller who writes its brand so means it to pass a filter, at any price.
  // Not in the rules file (proto/ is fixed); 0: off.
  int disguised_brand_points = 60;
  // Articles whose genuine price is far above their category's branded
  // floor, each with its own floor for that tier (an iPhone, AirPods, a
  // PlayStation, a Canada Goose parka).
  std::vector<BrandedProduct> branded_products;
  std::vector<DeMinimis> de_minimis;
  double just_under_fraction = 0.85;  // value in [fraction × threshold, threshold)
  int just_under_de_minimis_points = 20;
  // A postal GIFT / COMMERCIAL_SAMPLE, or a description that says "gift",
  // on a parcel that shows a marketplace seller (seller id or name, order
  // id, listing URL) is a misdeclaration, held with one more indicator
  // (tools/eval measured it).
  int gift_from_seller_points = 55;
  // Provenance: origins where most seized fakes come from, and transit
  // countries with large free-trade zones (domain.md, OECD-EUIPO).
  absl::flat_hash_map<std::string, int> origin_points;  // "CN" → 5
  absl::flat_hash_set<std::string> free_zone_transit_countries;
  int free_zone_transit_points = 10;
  PatternConfig patterns;
  // Minimum NameSimilarity (similarity.h) of a fuzzy party-name match.
  double name_similarity_threshold = 0.90;
  // Currency conversion for value rules: EUR per unit of each currency.
  // Screening approximations (rounded, late 2026), not accounting rates: a
  // value rule asks "far below", which a few percent do not change. Unknown
  // currencies skip the value rules rather than guess (CURRENCY_WITHOUT_RATE).
  absl::flat_hash_map<std::string, double> eur_per_unit;

  // The defaults: ruleset "default-2026.11" with the ICS2 stop words.
  static ScreeningConfig Default();
};

}  // namespace placi::core

#endif  // PLACI_CORE_SCREENING_CONFIG_H_
