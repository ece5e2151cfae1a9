// See consignment_facts.h.
#include "core/consignment_facts.h"

#include <openssl/evp.h>

#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/code_spellings.h"
#include "core/consignment.h"
#include "core/goods_rules.h"
#include "core/screening_config.h"

namespace placi::core {
namespace {

// The tolerances of ChangesBeyondExamined (see the header for why).
constexpr double kWeightRatio = 0.10;
constexpr double kWeightKg = 0.5;
constexpr double kValueRatio = 0.10;
constexpr double kValueEur = 1.0;

constexpr size_t kHeadingDigits = 6;

// The first kHeadingDigits digits of the code (fewer when it has fewer).
std::string Heading(std::string_view hs_code) {
  std::string digits = HsCodeDigits(hs_code);
  if (digits.size() > kHeadingDigits) digits.resize(kHeadingDigits);
  return digits;
}

bool IsPrefix(std::string_view prefix, std::string_view s) {
  return s.substr(0, prefix.size()) == prefix;
}

// True when an examined heading equals `heading`, or one of them extends
// the other ("6404" examined covers "640411" re-filed, and the other way).
bool Examined(const std::vector<std::string>& examined, std::string_view heading) {
  return std::any_of(examined.begin(), examined.end(), [&](const std::string& seen) {
    return IsPrefix(seen, heading) || IsPrefix(heading, seen);
  });
}

// At most kMaxHeldHsHeadings headings joined by "+", then how many more:
// evidence is stored with every verdict.
std::string Headings(const std::vector<std::string>& headings) {
  if (headings.size() <= kMaxHeldHsHeadings) return absl::StrJoin(headings, "+");
  return absl::StrCat(absl::StrJoin(headings.begin(), headings.begin() + kMaxHeldHsHeadings, "+"),
                      "+", headings.size() - kMaxHeldHsHeadings, " more");
}

std::string Kg(double kg) { return absl::StrFormat("%g", kg); }
std::string Eur(std::optional<double> eur) {
  return eur.has_value() ? absl::StrFormat("%.2f", *eur) : std::string("unreadable");
}

double PerItem(double value, uint64_t quantity) {
  return value / static_cast<double>(std::max<uint64_t>(quantity, 1));
}

// The value rule: not above the examined value + tolerance ("declared_value_eur
// a -> b"), and not below the examined value per item - tolerance for the
// items now declared ("declared_value_eur_per_item a -> b"); "" within both.
std::string ValueChange(double examined, uint64_t examined_quantity,
                        const ConsignmentFacts& refiled) {
  const std::optional<double>& value = refiled.declared_value_eur;
  if (!value.has_value() || *value > examined + std::max(kValueRatio * examined, kValueEur)) {
    return absl::StrCat("declared_value_eur ", Eur(examined), " -> ", Eur(value));
  }
  if (examined_quantity == 0) return "";  // no quantity examined: no price per item
  const double per_item = PerItem(examined, examined_quantity);
  const double floor_per_item = std::min(per_item * (1 - kValueRatio), per_item - kValueEur);
  const double refiled_per_item = PerItem(*value, refiled.item_quantity);
  if (refiled_per_item < floor_per_item) {
    return absl::StrCat("declared_value_eur_per_item ", Eur(per_item), " -> ",
                        Eur(refiled_per_item));
  }
  return "";
}

}  // namespace

ConsignmentFacts FactsOfConsignment(const Consignment& parcel, const ScreeningConfig& config) {
  ConsignmentFacts facts;
  facts.pieces = parcel.pieces;
  facts.gross_weight_kg = parcel.gross_weight_kg;
  for (const GoodsItem& item : parcel.items) {
    facts.item_quantity += item.quantity;
    std::string heading = Heading(item.hs_code);
    if (!heading.empty()) facts.hs_headings.push_back(std::move(heading));
  }
  std::sort(facts.hs_headings.begin(), facts.hs_headings.end());
  facts.hs_headings.erase(std::unique(facts.hs_headings.begin(), facts.hs_headings.end()),
                          facts.hs_headings.end());
  facts.declared_value_eur = DeclaredValueEur(parcel, config);
  return facts;
}

std::string HsHeadingsDigest(const std::vector<std::string>& headings) {
  const std::string joined = absl::StrJoin(headings, "+");  // digits only: unambiguous
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(joined.data(), joined.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    return "";  // no digest: the kept headings alone are compared, as before
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

ConsignmentFacts HeldFactsOfConsignment(const Consignment& parcel, const ScreeningConfig& config) {
  ConsignmentFacts facts = FactsOfConsignment(parcel, config);
  if (facts.hs_headings.size() > kMaxHeldHsHeadings) {
    facts.hs_headings_digest = HsHeadingsDigest(facts.hs_headings);
    facts.hs_headings.resize(kMaxHeldHsHeadings);
    facts.hs_headings.shrink_to_fit();  // kept with the hold: not the 999 places
  }
  return facts;
}

std::string ChangesBeyondExamined(const ConsignmentFacts& examined,
                                  const ConsignmentFacts& refiled) {
  std::vector<std::string> changes;
  // A fact the examined filing lacked (none declared: 0) is not compared.
  if (examined.pieces > 0 && refiled.pieces > examined.pieces) {
    changes.push_back(absl::StrCat("pieces ", examined.pieces, " -> ", refiled.pieces));
  }
  const double weight_allowed =
      examined.gross_weight_kg + std::max(kWeightRatio * examined.gross_weight_kg, kWeightKg);
  if (examined.gross_weight_kg > 0 && refiled.gross_weight_kg > weight_allowed) {
    changes.push_back(absl::StrCat("gross_weight_kg ", Kg(examined.gross_weight_kg), " -> ",
                                   Kg(refiled.gross_weight_kg)));
  }
  if (examined.item_quantity > 0 && refiled.item_quantity > examined.item_quantity) {
    changes.push_back(
        absl::StrCat("item_quantity ", examined.item_quantity, " -> ", refiled.item_quantity));
  }
  if (examined.declared_value_eur.has_value()) {
    std::string value = ValueChange(*examined.declared_value_eur, examined.item_quantity, refiled);
    if (!value.empty()) changes.push_back(std::move(value));
  }
  bool other_goods = !examined.hs_headings.empty() &&
                     std::any_of(refiled.hs_headings.begin(), refiled.hs_headings.end(),
                                 [&](const std::string& heading) {
                                   return !Examined(examined.hs_headings, heading);
                                 });
  // Beyond the kept headings, but exactly the headings examined: the same
  // goods (hashed only here, for a hold of more than kMaxHeldHsHeadings).
  if (other_goods && !examined.hs_headings_digest.empty() &&
      HsHeadingsDigest(refiled.hs_headings) == examined.hs_headings_digest) {
    other_goods = false;
  }
  if (other_goods) {
    changes.push_back(absl::StrCat("hs_headings ", absl::StrJoin(examined.hs_headings, "+"), " -> ",
                                   Headings(refiled.hs_headings)));
  }
  return absl::StrJoin(changes, ", ");
}

}  // namespace placi::core
