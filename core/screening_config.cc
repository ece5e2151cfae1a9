// Default rules. The vague-description list follows the ICS2 stop-word
// guidance (descriptions rejected when a stop word is the whole
// description); see README "Rules" for how to change them.
#include "core/screening_config.h"

#include <string>

#include "core/normalize.h"

namespace placi::core {
namespace {

constexpr const char* kVagueDescriptions[] = {
    "accessories", "accessory", "apparel", "articles", "as ordered", "as per invoice",
    "auto parts", "bag", "bags", "belongings", "car parts", "chemicals", "clothes",
    "clothing", "commodities", "consolidated", "consolidated cargo", "consolidation",
    "cosmetics", "daily necessities", "daily use items", "document", "documents",
    "electronic", "electronic goods", "electronic parts", "electronics", "equipment",
    "fabric", "fabrics", "fak", "food", "foodstuff", "foodstuffs", "freight of all kinds",
    "garments", "general cargo", "general merchandise", "gift", "gift box", "gifts", "goods",
    "hardware", "household goods", "household items", "industrial products", "item", "items",
    "machine", "machine parts", "machinery", "machines", "merchandise", "metal", "metals",
    "misc", "miscellaneous", "new goods", "other", "parts", "personal effects",
    "personal items", "plastic", "plastics", "present", "presents", "product", "products",
    "said to contain", "sample", "samples", "shoes", "spare parts", "stc", "stuff",
    "sundries", "textile", "textiles", "tools", "toys", "various", "various goods",
    "wearing apparel", "n a", "na", "none", "tbd", "tba", "unknown"};

constexpr const char* kUnacceptablePartyNames[] = {
    "unknown", "unknown unknown", "private", "private person", "private individual",
    "n a", "na", "none", "null", "nil", "tbd", "tba", "test", "xxx", "x", "anonymous",
    "customer", "consignee", "consignor", "shipper", "receiver", "sender", "to order",
    "same as above", "as above", "see invoice", "various"};

constexpr const char* kFillerWords[] = {
    "a", "an", "and", "or", "of", "for", "the", "with", "other", "others", "assorted",
    "mixed", "new", "used", "set", "sets", "pcs", "pc", "piece", "pieces", "lot", "lots",
    "box", "boxes", "package", "packages", "parcel", "order", "etc", "some", "kind", "kinds",
    "all", "x", "qty", "unit", "units", "per", "to"};

}  // namespace

ScreeningConfig ScreeningConfig::Default() {
  ScreeningConfig config;
  for (const char* words : kVagueDescriptions) {
    config.vague_descriptions.insert(FoldText(words));
    // The words of a vague phrase are no more precise on their own: "spare"
    // in "2 pcs spare parts".
    for (std::string& word : FoldTokens(words)) config.filler_words.insert(std::move(word));
  }
  for (const char* word : kFillerWords) config.filler_words.insert(word);
  for (const char* name : kUnacceptablePartyNames) {
    config.unacceptable_party_names.insert(FoldText(name));
  }
  return config;
}

}  // namespace placi::core
