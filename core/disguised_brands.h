// Brands written disguised, a character for another ("Ch@nel", "Chan€l",
// "Gucc|"): the reading of a description's signs as letters, which the goods
// rules look up in the rules' brands (goods_rules.cc, DISGUISED_BRAND).
//
//   std::string read;
//   if (SignsReadAsLetters("Ch@nel bag", config, &read)) { /* read == "Chanel bag" */ }
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

}  // namespace placi::core

#endif  // PLACI_CORE_DISGUISED_BRANDS_H_
