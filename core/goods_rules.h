// Rules on what a parcel declares about its goods, beyond completeness:
// HS chapters where fakes concentrate, a description that does not fit its
// HS code (a watch brand under a T-shirt heading), value per kg far below
// what such goods cost, values just under the destination's de-minimis
// threshold, and a "gift" or "sample" sent by an e-commerce seller.
// Each finding is a Reason with points and no referral of its own: these
// indicators add up (see ScreeningConfig::hold_score_threshold); only a
// branded item declared at a tiny fraction of its floor weighs enough alone
// (ScreeningConfig::far_undervalued_points).
#ifndef PLACI_CORE_GOODS_RULES_H_
#define PLACI_CORE_GOODS_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/consignment.h"
#include "core/normalized_parcel.h"
#include "core/screening_config.h"
#include "core/verdict.h"

namespace placi::core {

// Appends one reason per finding to `reasons`. `normalized` is
// NormalizeParcel(parcel). When `glued_items` is not null, it is set to a
// bit per item (of the first 64) whose description names a brand or product
// glued to a goods word or its words glued ("GucciBag", "LouisVuitton"),
// read from the goods rules' memo: the screener looks those descriptions up
// in the watchlist again as SplitGluedBrandNames writes them.
void AddGoodsIndicators(const Consignment& parcel, const NormalizedParcel& normalized,
                        const ScreeningConfig& config, std::vector<Reason>* reasons,
                        uint64_t* glued_items = nullptr);
// The same, normalising the parcel itself.
void AddGoodsIndicators(const Consignment& parcel, const ScreeningConfig& config,
                        std::vector<Reason>* reasons);

// `folded` (FoldText of a description) with each word that is a brand's or
// product's name of the rules glued to a goods word, or a name's words
// glued, written apart ("guccibag" → "gucci bag", "louisvuittonbag" →
// "louis vuitton bag"), into *split; false when no word is.
bool SplitGluedBrandNames(const std::string& folded, const ScreeningConfig& config,
                          std::string* split);

// Descriptions whose goods categories each thread keeps, to read a
// description that comes back (a listing sells to many buyers) once
// (default 4,096; 0: none). Process-wide; the server sets it at start from
// --text_cache_descriptions. Takes effect at each thread's next lookup.
inline constexpr size_t kDefaultGoodsDescriptionMemo = 4096;
void SetGoodsDescriptionMemoSize(size_t texts);

// Total declared value of the parcel in EUR (a zero amount in a currency is
// declared: 0); nullopt when nothing is declared or a currency has no
// configured rate. CheckData (data_checks.h) reports such a currency, so the
// value rules are never skipped without a reason in the verdict.
std::optional<double> DeclaredValueEur(const Consignment& parcel, const ScreeningConfig& config);

// The destination's de-minimis threshold in EUR, if it has one.
std::optional<double> DeMinimisEur(std::string_view country_code, const ScreeningConfig& config);

}  // namespace placi::core

#endif  // PLACI_CORE_GOODS_RULES_H_
