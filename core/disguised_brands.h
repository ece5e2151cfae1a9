// Brands written disguised, a character for another ("Ch@nel", "R0lex",
// "Chan€l", "Gucc|"): the reading of a description's signs as letters, which
// the goods rules look up in the rules' brands (goods_rules.cc,
// DISGUISED_BRAND) and the Screener in the watchlist's brand terms, and
// whether a brand term a description names is written so.
//
//   std::string read;
//   if (SignsReadAsLetters("Ch@nel bag", config, &read)) { /* read == "Chanel bag" */ }
//   BrandWrittenDisguised("R0lex watch", "r0lex watch", "rolex", config);  // true
//   BrandWrittenDisguised("Rolex watch", "rolex watch", "rolex", config);  // false
#ifndef PLACI_CORE_DISGUISED_BRANDS_H_
#define PLACI_CORE_DISGUISED_BRANDS_H_

#include <string>
#include <string_view>

#include "core/screening_config.h"

namespace placi::core {

// A goods description with the signs written for letters read as meant,
// into *read: "@", "$" as "a", "s" and "!" as "i" between letters ("Ch@nel",
// "$upreme", "N!ke"); "€" against a letter as "e" ("Chan€l", "Nik€"); "|"
// against a letter as "1", which readings of digits for letters take for an
// "l" and an "i" ("Chane|", "Lou|s"; between spaces it is a separator,
// "T-shirt | cotton"); a word with "*" for letters as the rules' brand word
// it spells ("G*cci", `config`'s brands and branded products). Returns
// whether a sign was read so (else *read is the text as written). For the
// descriptions with such a sign only (NormalizedParcel::has_sign_for_a_letter).
bool SignsReadAsLetters(std::string_view description, const ScreeningConfig& config,
                        std::string* read);

// Whether a brand (`brand_key`: its words folded, one space apart, as
// WatchlistIndex::KeyOf keys a BRAND_TERM entry) is written disguised in a
// description, a character for another, as DISGUISED_BRAND says of the
// rules' brands: absent from the description as written (`folded`, its
// FoldDescription: signs part words, digits stay; letters spaced apart are
// the brand as written, "G.u.c.c.i"), present once its signs are read as
// letters (SignsReadAsLetters) or the digits of a word of more letters than
// digits ("R0lex", "Lou1s", not "B05E"). A brand found another way (a
// plural, a typo) is not. Meant for the brand terms found in a description
// with a sign or a digit: it folds the text again.
bool BrandWrittenDisguised(std::string_view description, std::string_view folded,
                           std::string_view brand_key, const ScreeningConfig& config);

}  // namespace placi::core

#endif  // PLACI_CORE_DISGUISED_BRANDS_H_
