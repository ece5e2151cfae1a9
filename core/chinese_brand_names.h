// Brands as Chinese-language descriptions write them, read as their Latin
// names before a goods description is folded (normalized_parcel.cc).
//
// Descriptions of e-commerce parcels from CN and HK are often Chinese
// ("劳力士手表", a Rolex watch; "古驰包", a Gucci bag), and the goods rules
// know brands by their Latin names (the rules' categories and branded
// products). Folding cannot bridge the two: ICU spells 劳力士 "lao li shi",
// and glues syllables by context ("路易威登手提包" → "lu yi wei dengshou ti
// bao"), so a name cannot be listed folded. Chinese has no spaces between
// words either: the names are found in the text as written.
//
//   std::string spelled;
//   if (SpellChineseBrandsInLatin("古驰包", &spelled)) {
//     // spelled == " Gucci handbag": FoldText gives "gucci handbag"
//   }
#ifndef PLACI_CORE_CHINESE_BRAND_NAMES_H_
#define PLACI_CORE_CHINESE_BRAND_NAMES_H_

#include <string>
#include <string_view>

namespace placi::core {

// Writes `text` into *out with each brand's common Chinese name (simplified
// and, where it differs, traditional: 劳力士 and 勞力士) replaced by its Latin
// name between spaces, and a one-character goods word right after a name
// (包 a bag, 鞋 shoes, 表/錶 a watch) by its English word when no other
// character follows it ("古驰包" → " Gucci handbag", but "劳力士表带", a Rolex
// strap, keeps 表带). Returns false, leaving *out unspecified, when `text`
// names no such brand (at once for text without a CJK ideograph).
// Thread-safe.
bool SpellChineseBrandsInLatin(std::string_view text, std::string* out);

}  // namespace placi::core

#endif  // PLACI_CORE_CHINESE_BRAND_NAMES_H_
