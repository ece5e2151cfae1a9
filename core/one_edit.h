// Whether two words are one typing slip apart. Shared by the checks that
// forgive one slip: placeholder party names ("unkown", placeholder_words.h)
// and brands misspelt on purpose ("Nikee", brand_typos.h).
//
//   OneEditApart("unkown", "unknown");  // true: a letter left out
//   OneEditApart("gucci", "gucic");     // true: two neighbours swapped
#ifndef PLACI_CORE_ONE_EDIT_H_
#define PLACI_CORE_ONE_EDIT_H_

#include <string_view>
#include <utility>

namespace placi::core {

// Whether `a` becomes `b` by at most one insertion, deletion, substitution
// or swap of neighbours (equal words are too: callers that want exactly one
// compare first). Bytes, not characters: callers pass ASCII words.
inline bool OneEditApart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or one letter more at the end
  // After the first difference, the byte that the edit leaves next is
  // compared before the rest: most words tried differ there too, and a
  // memcmp call each was most of trying a placeholder's typos.
  if (a.size() < b.size()) return a[i] == b[i + 1] && a.substr(i) == b.substr(i + 1);
  if (i + 1 == a.size()) return true;  // the last letter substituted
  if (a[i + 1] == b[i + 1]) return a.substr(i + 1) == b.substr(i + 1);  // substituted
  return a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);  // swapped
}

}  // namespace placi::core

#endif  // PLACI_CORE_ONE_EDIT_H_
