// The Unicode half of FoldText (normalize.h): Latin letters with accents
// folded by a table, other scripts transliterated by ICU.
//
//   std::string out;
//   FoldLatin("Jürgen Łukasz Ærø", &out);  // true, out == "jurgen lukasz aero"
//   FoldWithIcu("Иван Татьяна");          // "ivan tatjana"
#ifndef PLACI_CORE_TEXT_FOLD_H_
#define PLACI_CORE_TEXT_FOLD_H_

#include <string>
#include <string_view>

namespace placi::core {

// Folds text made only of ASCII, Latin-1 Supplement and Latin Extended-A
// (U+0000..U+017F) exactly as FoldWithIcu would, without ICU: each code
// point through a table taken from NFKC, ICU's "Any-Latin; Latin-ASCII" and case
// folding ("ü" → "u", "ß" → "ss", "æ" → "ae", "ø" → "o", "ł" → "l",
// "œ" → "oe"). Returns false, leaving *out unspecified, for any other code
// point or invalid UTF-8: such text needs FoldWithIcu.
bool FoldLatin(std::string_view text, std::string* out);

// Any script to Latin, then to ASCII, case folded; runs of what is not a
// letter or digit become one space; trimmed ("Иван" → "ivan", "深圳" →
// "shen zhen"). Invalid UTF-8 counts as separators.
std::string FoldWithIcu(std::string_view text);

// Identifiers (phones, e-mails, tax and seller ids) that are not ASCII, as
// Unicode's NFKC_Casefold writes them, into *out: invisible characters
// dropped (zero-width space and joiners, soft hyphen, byte order mark, bidi
// marks and isolates, variation selectors), every Unicode space a " ",
// compatibility forms as their plain letters and digits (full-width
// "Ａ２＠", mathematical "𝟗𝟕𝟏", circled letters), case folded. Copied from
// web pages, PDFs and chat apps, identifiers carry these (review7: a listed
// phone typeset with thin spaces was another key). Scripts are not
// transliterated: an id in Chinese letters stays one. Invalid UTF-8 is
// replaced by U+FFFD.
void FoldIdentifierInto(std::string_view text, std::string* out);

// Builds the ICU transliterator for the calling thread now rather than on
// its first non-Latin text (the first one in the process takes ~0.1-0.7 s,
// each later thread's copy microseconds). Screening threads call it at start.
void WarmUpTextFolding();

}  // namespace placi::core

#endif  // PLACI_CORE_TEXT_FOLD_H_
