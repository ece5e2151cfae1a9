// What a held consignment was, as an officer's resolution covers it: its
// pieces, gross weight, item quantity, declared value and HS headings. An
// officer lifts a hold after examining one parcel (one pair of shoes in a
// 0.5 kg box); a re-filing of the waybill that declares more than that (200
// pairs, 20 pieces, 150 kg) describes goods nobody examined, and is a new
// hold however alike its reasons are (core/hold_coverage.h covers those).
//
//   ConsignmentFacts held = HeldFactsOfConsignment(parcel, config);  // on the hold
//   ...
//   std::string changed = ChangesBeyondExamined(held, FactsOfConsignment(refiled, config));
//   if (!changed.empty()) { /* a new hold: "pieces 1 -> 20, ..." */ }
#ifndef PLACI_CORE_CONSIGNMENT_FACTS_H_
#define PLACI_CORE_CONSIGNMENT_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace placi::core {

struct Consignment;
struct ScreeningConfig;

struct ConsignmentFacts {
  uint32_t pieces = 0;
  double gross_weight_kg = 0;
  uint64_t item_quantity = 0;  // summed over the items
  // Summed over the items in EUR at the rules' rates; nullopt when no value
  // was declared or a currency has no rate (DeclaredValueEur).
  std::optional<double> declared_value_eur;
  // The items' HS codes cut to their first 6 digits (the international
  // heading), sorted, without repeats; items without a code add none. Kept
  // with a hold: at most kMaxHeldHsHeadings of them.
  std::vector<std::string> hs_headings;
  // When a hold cut hs_headings to kMaxHeldHsHeadings: the SHA-256 (32
  // bytes) of all the consignment's distinct headings, sorted and joined by
  // "+" (HsHeadingsDigest), so that a re-filing of exactly those headings is
  // known for the goods examined. Empty when nothing was cut, and on holds
  // stored before it was kept (they compare the kept headings alone).
  std::string hs_headings_digest;

  bool operator==(const ConsignmentFacts&) const = default;
};

// The most distinct HS headings a hold keeps (HeldFactsOfConsignment): the
// lowest in sort order. Every hold verdict is stored and kept with its hold,
// and a 999-item parcel of distinct codes kept ~8 KB of headings with each.
// 64 is far beyond the variety of an honest small parcel (most hold 10 items
// or fewer: domain.md) and bounds the list at ~0.5 KB stored.
// Beside the kept list the hold keeps a digest of the whole set
// (hs_headings_digest): a re-filing with exactly the examined headings is the
// same goods. Otherwise a re-filing is compared with the kept list as if it
// were all the officer saw (conservative): a heading of the re-filing that is
// not among the kept ones is a change (ChangesBeyondExamined), even when it
// was one of those dropped from the examined filing (a re-filing of only some
// of the dropped headings is a new hold, for an officer to look at again:
// rather that than release goods under a resolution that cannot show they
// were examined).
inline constexpr size_t kMaxHeldHsHeadings = 64;

// The SHA-256 of `headings` (sorted, distinct) joined by "+", as 32 bytes;
// empty if libcrypto fails. Cryptographic on purpose: a re-filing whose
// headings digest alike is released under the resolution, so a filer must
// not be able to find other headings with the same digest.
std::string HsHeadingsDigest(const std::vector<std::string>& headings);

// The facts of `parcel`, its value at `config`'s currency rates, all its
// distinct HS headings: what a re-filing is compared with.
ConsignmentFacts FactsOfConsignment(const Consignment& parcel, const ScreeningConfig& config);

// FactsOfConsignment as a hold keeps them: at most kMaxHeldHsHeadings HS
// headings, the lowest in sort order, and the digest of them all when more
// were declared.
ConsignmentFacts HeldFactsOfConsignment(const Consignment& parcel, const ScreeningConfig& config);

// How `refiled` goes beyond the `examined` consignment, one "name old ->
// new" per fact, joined by ", " (e.g. "pieces 1 -> 20, gross_weight_kg 0.5
// -> 150"); empty when it stays within it. A smaller consignment is not new
// risk; what the officer did not see is:
//   pieces         more than examined;
//   gross_weight   more than examined + 10% or + 0.5 kg, whichever is more
//                  (scales differ, and carriers round weights up to 0.5 kg);
//   item_quantity  more than examined;
//   declared value more than examined + 10% or + 1 EUR (goods of more value
//                  than those examined), or, per item, less than the
//                  examined value per item - 10% or - 1 EUR (the same goods
//                  declared cheaper: the examined value is scaled to the
//                  quantity now declared, so fewer items at the same price
//                  stay within it), or no longer readable in EUR;
//   hs_headings    a heading that no examined one equals or extends, nor is
//                  extended by (other goods under a code the officer did not
//                  see: sneakers examined, watches re-filed); the examined
//                  headings are those kept (kMaxHeldHsHeadings), or all of
//                  them when the re-filing's whole set has the examined
//                  hs_headings_digest. The evidence lists at most
//                  kMaxHeldHsHeadings re-filed headings.
// A fact that the examined filing lacked (0 pieces, no weight, no item
// quantity, no value or one in a currency without a rate, no HS codes) is
// not compared: there is nothing the officer saw to hold it to, and the
// rules judge it on the re-filing (a value without an examined quantity is
// held to the examined total only).
std::string ChangesBeyondExamined(const ConsignmentFacts& examined,
                                  const ConsignmentFacts& refiled);

}  // namespace placi::core

#endif  // PLACI_CORE_CONSIGNMENT_FACTS_H_
