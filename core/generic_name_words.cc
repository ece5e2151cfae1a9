// Generic words of company names. See generic_name_words.h.
#include "core/generic_name_words.h"

#include <algorithm>
#include <iterator>

namespace placi::core {
namespace {

// Was name_matcher.cc's list; "ventures", "marketing" and "sales" came
// from the entry checks' (intake_limits.cc), which had no other word this
// list lacked.
constexpr std::string_view kGenericNameWords[] = {
    // joining words NameKey keeps
    "of", "et", "de", "y", "ve",
    // organisation
    "group", "groups", "holding", "holdings", "international", "intl", "global", "worldwide",
    "enterprise", "enterprises", "business", "partners", "associates", "agency", "general",
    "management", "investment", "investments", "development", "solutions", "systems",
    "ventures", "marketing", "sales",
    "services", "service", "consulting", "center", "centre", "world", "universal",
    // trade
    "trading", "trade", "traders", "trader", "import", "imports", "export", "exports",
    "impex", "imp", "exp", "commerce", "ecommerce", "commercial", "wholesale", "retail",
    "distribution", "distributors", "distributor", "supply", "supplies", "supplier",
    "suppliers", "chain", "logistics", "shipping", "freight", "cargo", "express",
    "store", "stores", "shop", "online", "mart", "market", "sourcing",
    // industry and goods
    "industrial", "industries", "industry", "manufacturing", "manufacturer", "factory",
    "products", "product", "goods", "parts", "electronic", "electronics", "technology",
    "technologies", "tech", "digital", "garment", "garments", "apparel", "clothing",
    "fashion", "textile", "textiles", "shoes", "footwear", "leather", "bags", "jewelry",
    "jewellery", "watch", "watches", "cosmetics", "beauty", "toys", "crafts", "household",
    "home", "furnishing", "optical", "sporting", "sports", "outdoor", "materials",
    "equipment", "machinery", "accessories",
    // the same in pinyin, Turkish, German, Spanish, French
    "maoyi", "keji", "dianzi", "shiye", "fushi", "xieye", "jituan", "guoji", "shangmao",
    "ticaret", "dis", "sanayi", "tekstil", "moda", "deri", "konfeksiyon", "ayakkabi",
    "handel", "handels", "vertrieb", "technik", "logistik", "comercial", "importadora",
    "exportadora", "distribuidora", "industrias", "commerciale", "societe",
    // what the listed trade in, written as generic as "electronics"
    "aviation", "avionics", "aerospace",
    // forms of the words above, filed under them (kWordForms)
    "ind", "indl", "indus", "trdg", "mfg", "manufacturers", "product", "accessory", "material",
    "logistic", "shoe", "bag", "toy", "craft", "part", "equip", "eqpt", "svc", "svcs"};

}  // namespace

absl::Span<const std::string_view> GenericNameWords() { return kGenericNameWords; }

bool IsGenericNameWord(std::string_view folded_word) {
  return std::find(std::begin(kGenericNameWords), std::end(kGenericNameWords), folded_word) !=
         std::end(kGenericNameWords);
}

}  // namespace placi::core
