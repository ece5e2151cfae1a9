// Goods, value and route indicators. See goods_rules.h.
#include "core/goods_rules.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <atomic>
#include <cstdint>
#include <string_view>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "core/category_words.h"
#include "core/code_spellings.h"
#include "core/disguised_brands.h"
#include "core/iso_codes.h"
#include "core/normalize.h"
#include "core/reason_text.h"
#include "core/recent_keys.h"
#include "core/text_cache_stats.h"

namespace placi::core {
namespace {

// The digits of a code the goods rules can read (6 to 10), or "".
std::string HsDigits(std::string_view hs_code) {
  std::string digits = HsCodeDigits(hs_code);
  return digits.size() >= 6 && digits.size() <= 10 ? digits : "";
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  // The first byte before the call to memcmp: an item's HS code is held
  // against every category's and risk's prefixes, and most differ there
  // (the calls were ~2% of BM_ScreenCore).
  if (text.size() < prefix.size()) return false;
  if (prefix.empty()) return true;
  return text[0] == prefix[0] && text.compare(0, prefix.size(), prefix) == 0;
}

bool StartsWithAny(const std::string& digits, const std::vector<std::string>& prefixes) {
  for (const std::string& prefix : prefixes) {
    if (StartsWith(digits, prefix)) return true;
  }
  return false;
}

// The words of folded text and their runs of one to three consecutive words
// (its "grams"), as views into it, each run with the index of its first
// word. Nothing is allocated for descriptions of up to 16 words.
class WordRuns {
 public:
  struct Run {
    std::string_view text;
    size_t first_word;
  };

  explicit WordRuns(const std::string& folded) {
    absl::InlinedVector<std::pair<size_t, size_t>, 16> words;  // [begin, end) in text_
    for (size_t begin = 0; begin < folded.size();) {
      size_t end = folded.find(' ', begin);
      if (end == std::string::npos) end = folded.size();
      if (end > begin) words.emplace_back(begin, end);
      begin = end + 1;
    }
    // A run of words is a substring when words are one space apart, as
    // FoldText leaves them; anything else is rejoined so first.
    bool single_spaced = true;
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      single_spaced &= words[i + 1].first == words[i].second + 1;
    }
    text_ = folded;
    if (!single_spaced) {
      for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) rejoined_.push_back(' ');
        const size_t begin = rejoined_.size();
        rejoined_.append(folded, words[i].first, words[i].second - words[i].first);
        words[i] = {begin, rejoined_.size()};
      }
      text_ = rejoined_;
    }
    for (size_t i = 0; i < words.size(); ++i) {
      words_.push_back(text_.substr(words[i].first, words[i].second - words[i].first));
      for (size_t n = 0; n < 3 && i + n < words.size(); ++n) {
        runs_.push_back({text_.substr(words[i].first, words[i + n].second - words[i].first), i});
      }
    }
  }

  absl::Span<const std::string_view> words() const { return words_; }
  absl::Span<const Run> runs() const { return runs_; }

 private:
  std::string rejoined_;
  std::string_view text_;
  absl::InlinedVector<std::string_view, 16> words_;
  absl::InlinedVector<Run, 48> runs_;
};

// Words after an accessory's head noun that say what it is for ("case for
// smartphone", "Hülle für Mobiltelefon", "funda para teléfono móvil") and
// words that add another article ("smartphone with case", "Damenuhr mit
// Armband"), folded, in the languages of default_categories.cc.
bool IsPurposeWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "for", "fits", "fit", "compatible", "fur", "fuer", "kompatibel", "pour", "para",
      "per", "compatibile", "voor"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}
bool IsAddedArticleWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "with", "plus", "including", "incl", "mit", "inkl", "avec", "con", "met", "ile"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Purpose words that a "with" may follow without adding an article
// ("case compatible with iPhone 15", "Hülle kompatibel mit iPhone") and
// that may stand before the head noun, after what it serves ("Gucci
// compatible phone case").
bool IsCompatibilityWord(std::string_view word) {
  return word == "compatible" || word == "kompatibel" || word == "compatibile";
}

// A word saying that the word before it comes in the parcel too ("cover
// for handbag, bag included", "Uhrenbox, Uhr inbegriffen"): that word is
// an added article, as after "with" (review bb3 L14).
bool IsIncludedWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "included", "inclusive", "enclosed", "inbegriffen", "inklusive", "inclus", "incluse",
      "incluido", "incluida", "incluidos", "incluidas", "incluso", "inclusa", "inclusi",
      "inbegrepen", "dahil"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// "model" before a model number labels the number ("Rolex watch model
// 126610"), it is no head noun: a "coach bus model" is a model, and so is a
// "coach bus model 1:87", the scale folded to "1 87" (goods20: read as a
// model number, it made a Coach bag of a toy bus).
bool IsModelNumberLabel(absl::Span<const std::string_view> words, size_t at) {
  if (words[at] != "model" && words[at] != "models" && words[at] != "ref") return false;
  if (at + 1 >= words.size()) return false;
  const std::string_view next = words[at + 1];
  const auto is_number = [](std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), absl::ascii_isdigit);
  };
  if (next == "1" && at + 2 < words.size() && is_number(words[at + 2])) return false;  // a scale
  return std::any_of(next.begin(), next.end(), absl::ascii_isdigit);
}

// Whether `word` after `previous` names a machine, not a part or supply
// ("vacuum cleaner", "steam cleaner": the accessory word "cleaner" is for
// "jewelry cleaner", "shoe cleaner"). Review8d: "Dyson V15 cordless vacuum
// cleaner" at 10 USD was read as a cleaner serving a Dyson and released.
bool NamesAMachine(std::string_view previous, std::string_view word) {
  if (word != "cleaner" && word != "cleaners") return false;
  return previous == "vacuum" || previous == "steam" || previous == "pressure" ||
         previous == "ultrasonic" || previous == "robot";
}

// How many leading words of a description only say what device an accessory
// serves: the words up to its head noun, and the "for …" clause after it
// ("silicone phone case for 6.1 inch smartphone": all of them). An
// accessory of a device is not the device, so these words name no category.
// The head noun is the last accessory word before the first "for", "with",
// "and", … (commas are gone from folded text: "smartphone case, silicone");
// 0 when there is none there: "smartphone with case" still reads as a
// smartphone. An accessory word may be two words: Chinese, folded one
// syllable a word, names a phone's case 机壳 "ji ke" (手机壳 "shou ji ke"),
// and its syllables alone are other words too ("ke" is also 克, grams).
// `words` are views into one single-spaced text (WordRuns), so two
// neighbours are one view. `*head` (when given) is the head noun's index.
size_t AccessoryWords(absl::Span<const std::string_view> words, const ScreeningConfig& config,
                      size_t* head = nullptr) {
  const auto is_accessory = [&](std::string_view run) {
    return config.accessory_words.contains(absl::string_view(run.data(), run.size()));
  };
  size_t head_end = 0;  // one past the accessory word
  size_t phrase_end = 0;
  for (; phrase_end < words.size(); ++phrase_end) {
    const std::string_view word = words[phrase_end];
    // "iPhone 15 Plus case", "Galaxy S24 Plus cover": a model's name.
    if (word == "plus" && phrase_end > 0 &&
        std::any_of(words[phrase_end - 1].begin(), words[phrase_end - 1].end(),
                    absl::ascii_isdigit)) {
      continue;
    }
    // "Gucci compatible phone case": the head noun is still to come.
    if (head_end == 0 && IsCompatibilityWord(word) && phrase_end + 1 < words.size() &&
        !IsAddedArticleWord(words[phrase_end + 1])) {
      continue;
    }
    if (IsPurposeWord(word) || IsAddedArticleWord(word) || word == "and") break;
    const bool pair_is_accessory =
        phrase_end > 0 &&
        is_accessory(std::string_view(words[phrase_end - 1].data(),
                                      word.data() + word.size() - words[phrase_end - 1].data()));
    if ((is_accessory(word) && !IsModelNumberLabel(words, phrase_end) &&
         !(phrase_end > 0 && NamesAMachine(words[phrase_end - 1], word))) ||
        pair_is_accessory) {
      head_end = phrase_end + 1;
    }
  }
  if (head_end == 0) return 0;
  if (head != nullptr) *head = head_end - 1;
  if (phrase_end == words.size() || !IsPurposeWord(words[phrase_end])) return head_end;
  size_t clause_end = phrase_end + 1;
  while (clause_end < words.size() &&
         (!IsAddedArticleWord(words[clause_end]) || IsCompatibilityWord(words[clause_end - 1])) &&
         !(clause_end + 1 < words.size() && IsIncludedWord(words[clause_end + 1]))) {
    ++clause_end;
  }
  return clause_end;
}

// Brands and words written to slip past a reader, as they were meant:
// letters spaced or dotted apart ("g u c c i", "gu cci": short fragments
// glued), digits for letters ("gucc1", "r0lex"; a two-word brand's words
// glued, "lou1s vu1tton" → "louisvuitton"), and "l" and "i" for each other
// ("nlke", "roiex": a capital I and a small l look alike). Calls fn(candidate,
// at, substituted) for each such reading of words from `first_word` on, `at`
// the index of its first word, `substituted` whether a character was read
// as another: a digit in a word of more letters than digits (not "b05e", a
// part number), or "l"/"i" (the glued fragments substitute nothing).
// A letter read as another names only brands (Unmasking::kLetterSwap):
// "bail" is no "ball", nor "mail" a "mall".
enum class Unmasking { kGlued, kDigits, kDigitsUnsure, kLetterSwap };
template <typename Fn>
void ForEachUnmaskedWord(absl::Span<const std::string_view> words, size_t first_word, Fn&& fn) {
  // Fragments of an obfuscated word are this short; longer words are never
  // glued, so that ordinary words do not merge into a brand.
  constexpr size_t kMaxFragment = 3;
  constexpr size_t kMinGlued = 4;
  constexpr size_t kMaxFragments = 12;  // bounds the glued runs read
  std::string glued;
  for (size_t begin = first_word; begin < words.size(); ++begin) {
    glued.clear();
    for (size_t end = begin; end < words.size() && end - begin < kMaxFragments &&
                             words[end].size() <= kMaxFragment;
         ++end) {
      glued.append(words[end].data(), words[end].size());
      if (end > begin && glued.size() >= kMinGlued) {
        fn(std::string_view(glued), begin, Unmasking::kGlued);
      }
    }
  }
  // Digits and letters counted: 0 digits, or not a letter, reads as is.
  const auto mixed = [](std::string_view word, bool* more_letters) {
    size_t digits = 0, letters = 0;
    for (char c : word) {
      digits += absl::ascii_isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
      letters += absl::ascii_isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
    }
    *more_letters = letters > digits;
    return digits > 0 && letters > 0;
  };
  std::string unmasked, pair;
  const auto digits = [](bool sure) { return sure ? Unmasking::kDigits : Unmasking::kDigitsUnsure; };
  for (size_t w = first_word; w < words.size(); ++w) {
    const std::string_view word = words[w];
    bool more_letters = false;
    if (!mixed(word, &more_letters)) continue;
    bool unused;
    for (bool one_as_l : {false, true}) {
      unmasked.assign(word.data(), word.size());
      ReadDigitsAsLetters(one_as_l, &unmasked);
      fn(std::string_view(unmasked), w, digits(more_letters));
      // With the word after it, its digits read too: two-word brands.
      if (w + 1 < words.size()) {
        pair.assign(unmasked);
        const size_t next_begin = pair.size();
        pair.append(words[w + 1].data(), words[w + 1].size());
        bool next_more_letters = true;
        if (mixed(words[w + 1], &next_more_letters)) {
          std::string next(words[w + 1]);
          ReadDigitsAsLetters(one_as_l, &next);
          pair.replace(next_begin, std::string::npos, next);
        }
        fn(std::string_view(pair), w, digits(more_letters && next_more_letters));
      }
      if (w > first_word && !mixed(words[w - 1], &unused)) {
        pair.assign(words[w - 1].data(), words[w - 1].size());
        pair.append(unmasked);
        fn(std::string_view(pair), w - 1, digits(more_letters));
      }
    }
  }
  // "l" read as "i" and "i" as "l", one at a time, in words of letters of
  // at least 4 (kMinGlued): no English word of the default rules' brand
  // lengths becomes a brand so (checked against /usr/share/dict/words).
  for (size_t w = first_word; w < words.size(); ++w) {
    const std::string_view word = words[w];
    if (word.size() < kMinGlued || word.size() > 24) continue;
    for (size_t at = word.find_first_of("il"); at != std::string_view::npos;
         at = word.find_first_of("il", at + 1)) {
      if (!std::all_of(word.begin(), word.end(), absl::ascii_isalpha)) break;
      unmasked.assign(word.data(), word.size());
      unmasked[at] = word[at] == 'l' ? 'i' : 'l';
      fn(std::string_view(unmasked), w, Unmasking::kLetterSwap);
    }
  }
}

// SetGoodsDescriptionMemoSize's value: the texts a thread's
// RecentDescriptions keeps at most.
std::atomic<size_t> goods_description_memo_size{kDefaultGoodsDescriptionMemo};

// The categories (Namings, in the config's order) named by the goods
// descriptions read lately on this thread, by folded text: the same
// descriptions come back parcel after parcel (a listing sells to many
// buyers), and reading their runs of words was a third of the goods rules.
// Kept for one config's word index at a time (its stamp) and emptied when
// full.
struct RecentDescriptions {
  // Longer texts are read every time: the key is the whole text, and 4,096
  // of them (the default count) at intake's 4,096-byte limit would keep 16 MB
  // a thread.
  static constexpr size_t kMaxTextBytes = 256;
  struct Named {
    uint32_t first;  // into categories
    uint32_t count;
  };
  uint64_t stamp = 0;
  RecentKeys texts;  // → into named
  std::vector<Named> named;
  std::vector<uint32_t> categories;  // each text's, back to back

  void Clear() {
    texts.Clear();
    named.clear();
    categories.clear();
  }
  absl::Span<const uint32_t> CategoriesOf(uint32_t at) const {
    return absl::MakeConstSpan(categories.data() + named[at].first, named[at].count);
  }
  // Files `text` (not filed yet) with `indexes`; returns where.
  uint32_t Add(std::string_view text, absl::Span<const uint32_t> indexes) {
    const uint32_t at = static_cast<uint32_t>(named.size());
    texts.Add(text, at);
    named.push_back(
        Named{static_cast<uint32_t>(categories.size()), static_cast<uint32_t>(indexes.size())});
    categories.insert(categories.end(), indexes.begin(), indexes.end());
    return at;
  }
};

// This thread's memo for the config whose word index has `stamp`. Two per
// thread: a shadow ruleset judges every parcel after the live one
// (Screener::JudgeInShadow), and with one memo each would empty the other's
// at every parcel. A third config takes the memo used least lately.
RecentDescriptions& RecentDescriptionsOf(uint64_t stamp) {
  thread_local RecentDescriptions memos[2];
  thread_local int used_last = 0;
  int at = memos[0].stamp == stamp ? 0 : memos[1].stamp == stamp ? 1 : -1;
  if (at < 0) {
    at = 1 - used_last;
    memos[at].Clear();
    memos[at].stamp = stamp;
  }
  used_last = at;
  return memos[at];
}

// Head nouns of printed matter (HS chapter 49). A book's title may name a
// brand or goods ("Shoe Dog: A Memoir by the Creator of Nike", "House of
// Gucci paperback"): the book is still a book.
bool IsPrintedMatterWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "book", "books", "paperback", "paperbacks", "hardcover", "hardcovers", "hardback",
      "hardbacks", "novel", "novels", "memoir", "memoirs", "biography", "autobiography",
      "poster", "posters", "magazine", "magazines", "comic", "comics", "manga", "cookbook",
      "cookbooks", "catalogue", "catalog", "calendar", "calendars", "atlas", "encyclopedia",
      "dictionary", "guidebook", "brochure", "report", "reports", "journal", "periodical",
      "newspaper", "yearbook"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Whether a description's head noun is printed matter: a printed-matter
// word that begins or ends it ("Book: …", "… hardcover book") or that a
// "by", "about", "of" or "on" follows ("a memoir by …"). A printed word
// inside other words ("book bag", "Gucci handbag with notebook") is not one.
bool IsPrintedMatter(absl::Span<const std::string_view> words) {
  if (words.empty()) return false;
  if (IsPrintedMatterWord(words.front()) || IsPrintedMatterWord(words.back())) return true;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string_view next = words[i + 1];
    if (IsPrintedMatterWord(words[i]) &&
        (next == "by" || next == "about" || next == "of" || next == "on")) {
      return true;
    }
  }
  return false;
}

// Words that say the goods are not new ("used", "second-hand", "pre-owned",
// "worn", "empty", folded): a resale between people, whose value a new
// article's price says little about.
bool SaysUsed(absl::Span<const std::string_view> words) {
  static constexpr std::string_view kWords[] = {
      "used", "worn", "empty", "secondhand", "preowned", "preloved", "refurbished",
      "gebraucht", "getragen", "usado", "usada", "usato", "usata", "ikinci"};
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords)) return true;
    if (i + 1 < words.size() && ((word == "second" && words[i + 1] == "hand") ||
                                 (word == "pre" && (words[i + 1] == "owned" ||
                                                    words[i + 1] == "loved")))) {
      return true;
    }
  }
  return false;
}

// A category as a description names it, kept in the memo as one number:
// the category's index << 1, and 1 when a brand implies it (a word of the
// category names it otherwise).
constexpr uint32_t Naming(size_t category, bool by_brand) {
  return static_cast<uint32_t>(category << 1) | (by_brand ? 1u : 0u);
}
// Two more facts of a description kept with its Namings (no category index
// comes near them): its head noun is an accessory of goods a category's
// word names ("watch strap", "phone case"), and it says the goods are used.
constexpr uint32_t kNamesAnAccessory = 0xFFFFFFFFu;
constexpr uint32_t kSaysUsed = 0xFFFFFFFEu;
// And it was read as an accessory: words before a head noun, or of what it
// serves, were left out (AccessoryWords).
constexpr uint32_t kReadAsAccessory = 0xFFFFFFFDu;
// And the words naming a branded product name a part of it, or a thing that
// goes with it, as the goods ("iPhone 15 Pro LCD screen", "Rolex box"):
// NamesPartOfTheProduct.
constexpr uint32_t kNamesAProductPart = 0xFFFFFFFCu;
// And a brand is written disguised, a character for another ("R0lex",
// "Nlke", "Ch@nel"): ForEachUnmaskedWord, ReadSignsAsLetters.
constexpr uint32_t kDisguisedBrand = 0xFFFFFFFBu;
// And a brand or product was read misspelt ("gucchi"; ForEachMisspeltName):
// a sign read as a letter that names it right is still a disguise ("Chane|"
// is "chane", a slip of "chanel", as written).
constexpr uint32_t kMisspeltBrand = 0xFFFFFFFAu;
// And a brand's or product's name was read glued to a goods word or its own
// words glued ("guccibag", "louisvuitton"; SplitGluedNames): the screener
// looks the split reading up in the watchlist too (detect26).
constexpr uint32_t kGluedName = 0xFFFFFFF9u;
// A branded product (ScreeningConfig::branded_products) named: its index <<
// 8 | the index of the name read | kProductNaming (below the facts
// above; no rules list 2^23 products).
constexpr uint32_t kProductNaming = 0x80000000u;
constexpr size_t kMaxProducts = 0x7FFFFEu;

// Words that say a description's branded product is what the goods serve
// or come from, not the goods ("PS5 compatible controller", "replacement
// screen, iPhone 15", "iPhone 7 broken, for parts"): such a description
// names no product. Folded, in the languages of default_categories.cc.
bool SaysNotTheProduct(absl::Span<const std::string_view> words) {
  static constexpr std::string_view kWords[] = {
      "compatible",   "kompatibel", "compatibile", "replacement", "replacements", "ersatz",
      "remplacement", "repuesto",   "recambio",    "ricambio",    "broken",       "defective",
      "faulty",       "defekt",     "kaputt",      "damaged",     "parts",        "spares"};
  for (const std::string_view word : words) {
    if (std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords)) return true;
  }
  return false;
}

// Head nouns of goods that go with a branded product but are not it, read
// before any "for"/"with" clause ("PS5 game FIFA 25", "Dyson V8 filter",
// "iPhone charger 20W"): a description naming one names no product. They
// matter where no HS code tells the goods apart (CheckProductValue; review
// bb5 H1): a game is media (8523), a filter a part (8421), a charger 8504,
// whatever the product's floor; the electronics category's words, which
// name chargers too, cannot tell them from the phone. Folded, in the
// languages of default_categories.cc. Out of line: ReadCategories reaches
// it only for a description naming a product.
ABSL_ATTRIBUTE_NOINLINE bool NamesGoodsBesideTheProduct(absl::Span<const std::string_view> words,
                                                        size_t end) {
  static constexpr std::string_view kWords[] = {
      "game",      "games",      "spiel",     "spiele",     "jeu",        "jeux",
      "juego",     "juegos",     "gioco",     "giochi",     "filter",     "filters",
      "filtre",    "filtres",    "filtro",    "filtri",     "charger",    "chargers",
      "adapter",   "adapters",   "adaptor",   "adaptors",   "powerbank",  "powerbanks",
      "ladegerat", "netzteil",   "chargeur",  "chargeurs",  "adaptateur", "cargador",
      "cargadores", "caricabatterie", "alimentatore", "oplader", "sarj", "sarji",
      "ladowarka",
      // Food supplements named after a fatty acid ("Omega-3 fish oil"),
      // whatever their heading: no watch.
      "oil", "oils", "softgel", "softgels", "tablets", "supplement", "supplements",
      // Children's sizes cost a fraction of the adult article the product's
      // floor is set by (an Air Jordan 1 crib bootie ~50 EUR).
      "kids", "kid", "toddler", "toddlers", "baby", "babies", "infant", "infants", "crib",
      "junior", "youth", "children", "childrens", "child", "kinder", "enfant", "enfants",
      "nino", "ninos", "bambino", "bambini"};
  for (size_t w = 0; w < end && w < words.size(); ++w) {
    if (std::find(std::begin(kWords), std::end(kWords), words[w]) != std::end(kWords)) return true;
  }
  return false;
}

// Head nouns of a branded product's parts and of things sold with it, read
// before any "for"/"with" clause ("iPhone 15 Pro LCD screen", "MacBook Air
// logic board", "AirPods Pro ear tips", "Rolex box and papers", "Louis
// Vuitton dust bag", "Dyson V11 wand"): the product's own heading tells
// them from the product, so they matter only where the heading is missing
// or is not the product's (CheckProductValue; brands19): there, a
// description naming one names a part, which may cost little. Under the
// product's own heading the declarant says it is the product, and these
// words (a phone's "display") are its features. Folded, in the languages of
// default_categories.cc. Only on a memo miss, for a description naming a
// product.
ABSL_ATTRIBUTE_NOINLINE bool NamesPartOfTheProduct(absl::Span<const std::string_view> words,
                                                   size_t end) {
  static constexpr std::string_view kWords[] = {
      // Electronics' parts.
      "screen", "screens", "display", "displays", "lcd", "oled", "digitizer", "touchscreen",
      "glass", "housing", "housings", "frame", "frames", "chassis", "motherboard", "mainboard",
      "board", "flex", "connector", "connectors", "port", "button", "buttons", "tray", "antenna",
      "module", "modules", "assembly", "panel", "panels", "lens", "lenses", "speaker",
      "loudspeaker", "earpiece", "microphone", "mic", "vibrator", "motor", "sensor", "chip",
      "keyboard", "trackpad", "touchpad", "hinge", "keycaps", "fan", "heatsink", "shell",
      "faceplate", "thumbstick", "thumbsticks", "joystick", "trigger", "triggers", "tips",
      "eartips", "cushion", "cushions", "pads", "earpads", "left", "right", "single", "dummy",
      "dummies", "mockup",
      // A vacuum cleaner's or a styler's.
      "brush", "brushes", "head", "nozzle", "nozzles", "attachment", "attachments", "wand",
      "bin", "hose",
      // Packaging and paraphernalia of luxury goods, sold on resale sites.
      "box", "boxes", "packaging", "dust", "dustbag", "dustbags", "paper", "ribbon", "receipt",
      "tag", "tags", "card", "cards", "certificate", "manual", "booklet", "charm", "charms",
      "pin", "pins", "patch", "patches", "badge", "badges", "logo", "emblem", "decal",
      // The same in German, French, Spanish, Italian (folded).
      "bildschirm", "gehause", "akku", "ecran", "pantalla", "schermo", "bateria", "batteria",
      "karton", "boite", "caja", "scatola"};
  for (size_t w = 0; w < end && w < words.size(); ++w) {
    if (std::find(std::begin(kWords), std::end(kWords), words[w]) != std::end(kWords)) return true;
  }
  return false;
}

// Brands written as their common abbreviations (brands19, review bb5: "LV
// Neverfull bag" was no Louis Vuitton). An abbreviation of two or three
// letters is many other things ("LV" is Latvia's country code and a
// low-voltage mark, "CK" a chicken, "MK" a mark or Macedonia, "AJ" a name),
// so it reads as the brand only where the goods it names follow it within
// three words ("LV bag", "LV Neverfull MM bag", "MK Jet Set handbag", "CK
// One perfume", "AJ1 Retro High sneakers", "D&G sunglasses"), and not after
// words of provenance ("made in LV"), nor before a postcode ("LV-1050", a
// Latvian one). "AJ" takes a model number ("AJ1", "AJ 11"); "D&G" folds to
// "d g". Calls fn(what to look up, index of the abbreviation's word) for
// each brand read: its name, and for Air Jordan the brand ("jordan") too.
// Folded, in the languages of default_categories.cc where the goods words
// differ; 包 "bao" and 鞋 "xie" as Chinese descriptions write them after a
// brand ("LV包"). Only on a memo miss (ReadCategories).
template <typename Fn>
ABSL_ATTRIBUTE_NOINLINE void ForEachAbbreviatedBrand(absl::Span<const std::string_view> words,
                                                     size_t first_word, Fn&& fn) {
  static constexpr std::string_view kBags[] = {
      "bag", "bags", "handbag", "handbags", "purse", "purses", "wallet", "wallets", "tote",
      "totes", "backpack", "backpacks", "clutch", "crossbody", "shoulder", "belt", "belts",
      "bao", "tasche", "handtasche", "sac", "bolso", "borsa", "canta"};
  static constexpr std::string_view kLouisVuittonLines[] = {
      "neverfull", "speedy", "keepall", "alma", "pochette", "monogram", "damier", "onthego"};
  static constexpr std::string_view kShoes[] = {
      "sneakers", "sneaker", "shoes", "shoe", "trainers", "retro", "high", "low", "mid", "og",
      "basketball", "xie", "schuhe", "turnschuhe", "chaussures", "zapatillas", "scarpe"};
  static constexpr std::string_view kPerfume[] = {"perfume", "parfum", "eau", "cologne",
                                                  "fragrance", "lipstick", "xiang"};
  static constexpr std::string_view kClothes[] = {
      "underwear", "boxer", "boxers", "briefs", "jeans", "tshirt", "t", "shirt", "shirts",
      "hoodie", "bra", "dress"};
  static constexpr std::string_view kWatches[] = {"watch", "watches", "uhr", "montre"};
  static constexpr std::string_view kEyewear[] = {"sunglasses", "glasses", "eyewear"};
  static constexpr std::string_view kProvenance[] = {"in", "from", "made", "to", "via",
                                                     "ex", "origin", "country"};
  const auto in = [](std::string_view word, const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
  };
  for (size_t w = first_word; w < words.size(); ++w) {
    const std::string_view word = words[w];
    if (word.empty() || word.size() > 5) continue;
    if (w > 0 && in(words[w - 1], kProvenance)) continue;
    size_t last = w;  // the abbreviation's last word
    std::string_view brand, also;
    bool bags = false, lv_lines = false, shoes = false, perfume = false, clothes = false,
         watches = false, eyewear = false;
    if (word == "lv") {
      brand = "louis vuitton";
      bags = lv_lines = true;
    } else if (word == "ysl") {
      brand = "saint laurent";
      bags = shoes = perfume = true;
    } else if (word == "mk") {
      brand = "michael kors";
      bags = watches = true;
    } else if (word == "ck") {
      brand = "calvin klein";
      perfume = clothes = watches = true;
    } else if (word == "d" && w + 1 < words.size() && words[w + 1] == "g") {
      brand = "dolce gabbana";
      last = w + 1;
      bags = perfume = eyewear = shoes = clothes = true;
    } else if (word.size() >= 2 && word[0] == 'a' && word[1] == 'j' &&
               std::all_of(word.begin() + 2, word.end(), absl::ascii_isdigit)) {
      brand = "air jordan";
      also = "jordan";
      shoes = true;
      // "AJ 1", "AJ 11": the model's number, then the goods.
      if (word.size() == 2 && w + 1 < words.size() && words[w + 1].size() <= 2 &&
          std::all_of(words[w + 1].begin(), words[w + 1].end(), absl::ascii_isdigit)) {
        last = w + 1;
      }
    } else {
      continue;
    }
    // A postcode after it ("LV-1050"): a place.
    if (last + 1 < words.size() && words[last + 1].size() == 4 &&
        std::all_of(words[last + 1].begin(), words[last + 1].end(), absl::ascii_isdigit)) {
      continue;
    }
    bool goods_follow = false;
    for (size_t n = last + 1; n < words.size() && n <= last + 3 && !goods_follow; ++n) {
      const std::string_view next = words[n];
      goods_follow = (bags && in(next, kBags)) || (lv_lines && in(next, kLouisVuittonLines)) ||
                     (shoes && in(next, kShoes)) || (perfume && in(next, kPerfume)) ||
                     (clothes && in(next, kClothes)) || (watches && in(next, kWatches)) ||
                     (eyewear && in(next, kEyewear));
    }
    if (!goods_follow) continue;
    fn(brand, w);
    if (!also.empty()) fn(also, w);
  }
}

// Whether a word from `first` on, or two neighbours, is an accessory's head
// noun ("with watch strap", "dust bag cover included").
bool NamesAnAccessoryFrom(absl::Span<const std::string_view> words, size_t first,
                          const ScreeningConfig& config) {
  for (size_t w = first; w < words.size(); ++w) {
    const std::string_view word = words[w];
    if (config.accessory_words.contains(absl::string_view(word.data(), word.size())) &&
        !(w > first && NamesAMachine(words[w - 1], word))) {
      return true;
    }
    if (w > first) {
      const std::string_view pair(words[w - 1].data(),
                                  word.data() + word.size() - words[w - 1].data());
      if (config.accessory_words.contains(absl::string_view(pair.data(), pair.size()))) {
        return true;
      }
    }
  }
  return false;
}

// Words that say an added article is not in the parcel ("with no watch",
// "phone not included"), folded.
bool SaysNotIncluded(absl::Span<const std::string_view> words) {
  static constexpr std::string_view kWords[] = {
      "no", "not", "without", "excluded", "excl", "nicht", "ohne", "kein", "keine", "exkl",
      "sans", "pas", "sin", "senza", "non", "niet", "zonder", "geen", "yok", "haric"};
  for (const std::string_view word : words) {
    if (std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords)) return true;
  }
  return false;
}

// Whether an added word names again the article an accessory's words name:
// the same word, or the tail of a compound there ("bag" of "handbag",
// "phone" of "iPhone", "Uhr" of "Armbanduhr"). Words of three letters or
// more, not the linking ones ("with", "included") nor articles.
bool NamesTheServedArticle(std::string_view added, absl::Span<const std::string_view> served) {
  static constexpr std::string_view kFunctionWords[] = {
      "the", "and", "its", "one", "der", "die", "das", "und", "les", "des", "une", "del",
      "los", "las", "una", "uno", "het", "een", "bir", "ve"};
  if (added.size() < 3 || !std::all_of(added.begin(), added.end(), absl::ascii_isalpha) ||
      IsAddedArticleWord(added) || IsIncludedWord(added) || IsPurposeWord(added) ||
      std::find(std::begin(kFunctionWords), std::end(kFunctionWords), added) !=
          std::end(kFunctionWords)) {
    return false;
  }
  for (const std::string_view word : served) {
    if (word.size() >= added.size() &&
        word.compare(word.size() - added.size(), added.size(), added) == 0) {
      return true;
    }
  }
  return false;
}

// An accessory's description that adds, after the words of what it serves,
// the branded article itself ("cover for Gucci Dionysus handbag, bag
// included", "display box for Rolex, with watch", "Uhrenbox für Rolex mit
// Uhr") declares that article: the brands of the accessory's words are its
// brands, and their branded floor applies (review bb3 L14). The added
// article is the served one when the added words name a kind that a brand
// there implies ("watch": Rolex), or name that article again ("bag" of
// "handbag"). The accessory alone ("case for iPhone 15"), with another
// accessory ("with watch strap") or with what is said not to be there
// ("phone not included") adds nothing. Only on a memo miss (CategoriesIn).
// `named` is [category][by_brand] as ReadCategories marks it; the words
// before `first_word` are the accessory's.
template <typename Named>
void MarkBrandsOfAddedArticle(const WordRuns& runs, size_t first_word, const CategoryWords& words,
                              const ScreeningConfig& config, Named* named) {
  const absl::Span<const std::string_view> served = runs.words().first(first_word);
  const absl::Span<const std::string_view> added = runs.words().subspan(first_word);
  if (added.empty() || SaysNotIncluded(added) ||
      NamesAnAccessoryFrom(runs.words(), first_word, config)) {
    return;
  }
  // What the accessory's words name: [category][by_brand].
  absl::InlinedVector<std::array<bool, 2>, 16> serves(named->size(), {false, false});
  const auto mark = [&](size_t category, bool by_brand) {
    if (category < serves.size()) serves[category][by_brand ? 1 : 0] = true;
  };
  for (const WordRuns::Run& run : runs.runs()) {
    if (run.first_word < first_word) words.ForEachCategoryNaming(run.text, mark);
  }
  ForEachUnmaskedWord(served, 0, [&](std::string_view candidate, size_t, Unmasking how) {
    if (how == Unmasking::kLetterSwap) return;
    words.ForEachCategoryNamingGlued(candidate, mark);
  });
  const bool names_it_again = std::any_of(added.begin(), added.end(), [&](std::string_view word) {
    return NamesTheServedArticle(word, served);
  });
  for (size_t c = 0; c < serves.size(); ++c) {
    if (names_it_again) {
      (*named)[c][0] = (*named)[c][0] || serves[c][0];
      (*named)[c][1] = (*named)[c][1] || serves[c][1];
    } else if ((*named)[c][0] && serves[c][1]) {
      (*named)[c][1] = true;
    }
  }
}

// The categories named in `folded`, in the config's order, as Namings
// (words before brands for one category), over *namings: by its runs of
// words, by the brands and words that its obfuscated words stand for, and
// not by the words that only say what an accessory is for. Printed matter
// names none: its words are a title.
// Whether words[word] is "omega" naming a fatty acid ("Omega-3 fish oil",
// "omega 6", "Omega 3-6-9": the number follows), not the watch house: the
// supplements are everyday e-commerce goods, and reading the brand held them
// as watches far below a watch's floor, under any heading (brands19).
bool NamesAFattyAcid(absl::Span<const std::string_view> words, size_t word) {
  if (words[word] != "omega" || word + 1 >= words.size()) return false;
  const std::string_view next = words[word + 1];
  return next == "3" || next == "6" || next == "7" || next == "9" || next == "369";
}

// Whether words[word] is a brand's name used as the ordinary word it also
// is (review8d: honest goods held as a brand's far below its floor, under
// a heading the brand does not make): "apple" before what the fruit names
// ("apple slicer", "apple print pyjamas", "apple peeler corer"), and
// "jordan" as the country after a word of provenance ("Dead Sea mud mask
// from Jordan", "olive oil soap, made in Jordan", "product of Jordan").
bool NamesTheFruitOrThePlace(absl::Span<const std::string_view> words, size_t word) {
  static constexpr std::string_view kFruitWords[] = {
      "slicer", "slicers", "peeler", "peelers", "corer", "corers", "cutter", "cutters",
      "print", "printed", "pattern", "shaped", "tree", "trees", "seed", "seeds", "cider",
      "vinegar", "juice", "pie", "jam", "sauce", "wood", "blossom", "scented", "scent"};
  static constexpr std::string_view kProvenance[] = {"from", "in", "of", "made", "ex"};
  const std::string_view name = words[word];
  if (name == "apple") {
    return word + 1 < words.size() && std::find(std::begin(kFruitWords), std::end(kFruitWords),
                                                words[word + 1]) != std::end(kFruitWords);
  }
  if (name == "jordan") {
    return word > 0 && std::find(std::begin(kProvenance), std::end(kProvenance),
                                 words[word - 1]) != std::end(kProvenance);
  }
  return false;
}

// `folded` with each word that is a brand's or product's name glued to a
// goods word ("guccibag", "louisvuittonbag": "GucciBag" folded) or of
// several words glued ("louisvuitton") written as its words
// (CategoryWords::SplitGluedName), into *split; false, *split untouched,
// when no word is.
bool SplitGluedNames(absl::Span<const std::string_view> folded_words, const CategoryWords& words,
                     std::string* split) {
  std::string first_split;
  size_t first = 0;
  while (first < folded_words.size() && !words.SplitGluedName(folded_words[first], &first_split)) {
    ++first;
  }
  if (first == folded_words.size()) return false;  // most descriptions
  for (size_t w = 0; w < folded_words.size(); ++w) {
    if (w > 0) split->push_back(' ');
    if (w == first) {
      split->append(first_split);
    } else if (w < first || !words.SplitGluedName(folded_words[w], split)) {
      split->append(folded_words[w].data(), folded_words[w].size());
    }
  }
  return true;
}

void ReadCategories(const std::string& folded, const CategoryWords& words,
                    const ScreeningConfig& config, absl::InlinedVector<uint32_t, 2>* namings) {
  namings->clear();
  const WordRuns runs(folded);
  // A brand glued to its goods word, or its own words glued, is read as the
  // words (brands25: "GucciBag" and "LouisVuittonBag" at 40 EUR were
  // released).
  if (std::string split; SplitGluedNames(runs.words(), words, &split)) {
    ReadCategories(split, words, config, namings);
    namings->push_back(kGluedName);
    return;
  }
  if (IsPrintedMatter(runs.words())) return;
  if (SaysUsed(runs.words())) namings->push_back(kSaysUsed);
  size_t head = 0;
  const size_t first_word = AccessoryWords(runs.words(), config, &head);
  if (first_word > 0) namings->push_back(kReadAsAccessory);
  // A head noun right after a category's word is an accessory of such goods
  // ("watch strap", "phone case"), which their heading may include (9113).
  // Not a feature named after a comma: "wristwatch, stainless steel case".
  if (head > 0) {
    bool serves_category = false;
    words.ForEachCategoryNaming(runs.words()[head - 1],
                                [&](size_t, bool by_brand) { serves_category |= !by_brand; });
    if (serves_category) namings->push_back(kNamesAnAccessory);
  }
  // [category][by_brand]
  absl::InlinedVector<std::array<bool, 2>, 16> named(config.categories.size(), {false, false});
  const auto mark = [&](size_t category, bool by_brand) {
    // Always in range while a used config's categories stay as they
    // were (category_words.h); the check keeps a config changed
    // against that rule from writing past `named`.
    if (category < named.size()) named[category][by_brand ? 1 : 0] = true;
  };
  // Branded products named, with the word where each was read.
  absl::InlinedVector<std::pair<uint32_t, size_t>, 2> products;
  size_t at = 0;
  const auto mark_product = [&](size_t product, size_t name) {
    products.emplace_back(
        static_cast<uint32_t>(std::min(product, kMaxProducts) << 8 | name) | kProductNaming, at);
  };
  for (const WordRuns::Run& run : runs.runs()) {
    if (run.first_word < first_word || NamesAFattyAcid(runs.words(), run.first_word) ||
        NamesTheFruitOrThePlace(runs.words(), run.first_word)) {
      continue;
    }
    at = run.first_word;
    words.ForEachNaming(run.text, mark, mark_product);
  }
  // A brand read only by taking a character for another ("r0lex", "nlke")
  // was disguised on purpose (kDisguisedBrand).
  bool disguised = false;
  ForEachUnmaskedWord(runs.words(), first_word, [&](std::string_view candidate, size_t word,
                                                    Unmasking how) {
    if (NamesAFattyAcid(runs.words(), word) || NamesTheFruitOrThePlace(runs.words(), word)) {
      return;
    }
    at = word;
    const bool substituted = how == Unmasking::kDigits || how == Unmasking::kLetterSwap;
    words.ForEachNamingGlued(
        candidate,
        [&](size_t category, bool by_brand) {
          if (how == Unmasking::kLetterSwap && !by_brand) return;
          mark(category, by_brand);
          disguised |= substituted && by_brand;
        },
        [&](size_t product, size_t name) {
          mark_product(product, name);
          disguised |= substituted;
        });
  });
  if (disguised) namings->push_back(kDisguisedBrand);
  // A brand or product misspelt by a slip ("Gucchi", "Louis Vitton"), as the
  // watchlist's brand terms are read (brand_typos.h): the brand's floors and
  // headings apply as to the brand written right (brands25).
  bool misspelt = false;
  words.ForEachMisspeltName(runs.words(), first_word, [&](std::string_view name, size_t word) {
    if (NamesAFattyAcid(runs.words(), word) || NamesTheFruitOrThePlace(runs.words(), word)) return;
    at = word;
    misspelt = true;
    words.ForEachNaming(name, mark, mark_product);
  });
  if (misspelt) namings->push_back(kMisspeltBrand);
  ForEachAbbreviatedBrand(runs.words(), first_word, [&](std::string_view brand, size_t word) {
    at = word;
    words.ForEachNaming(brand, mark, mark_product);
  });
  if (first_word > 0) MarkBrandsOfAddedArticle(runs, first_word, words, config, &named);
  for (size_t c = 0; c < named.size(); ++c) {
    for (const bool by_brand : {false, true}) {
      if (named[c][by_brand ? 1 : 0]) namings->push_back(Naming(c, by_brand));
    }
  }
  if (products.empty() || SaysNotTheProduct(runs.words())) return;
  // A branded product is the goods when named before any "for …" or "with
  // …" clause: a "controller for PS5" serves one, "smartphone with AirPods"
  // names a second article, which the value of the first says nothing of.
  size_t products_end = 0;
  while (products_end < runs.words().size() && !IsPurposeWord(runs.words()[products_end]) &&
         !IsAddedArticleWord(runs.words()[products_end])) {
    ++products_end;
  }
  if (NamesGoodsBesideTheProduct(runs.words(), products_end)) return;
  if (NamesPartOfTheProduct(runs.words(), products_end)) namings->push_back(kNamesAProductPart);
  const size_t first_product = namings->size();
  for (const auto& [naming, word] : products) {
    if (word < products_end &&
        std::find(namings->begin() + first_product, namings->end(), naming) == namings->end()) {
      namings->push_back(naming);
    }
  }
}

// What an item's description names: the categories its own words name
// ("silk scarf": apparel) and those its brands imply ("Hermes": bags).
struct DescribedGoods {
  absl::InlinedVector<const GoodsCategory*, 2> by_words;
  absl::InlinedVector<const GoodsCategory*, 2> by_brands;
  bool accessory = false;  // an accessory of a category's goods ("watch strap")
  bool used = false;       // used, second-hand, worn, empty
  bool read_as_accessory = false;  // words of what an accessory serves left out
  bool names_product_part = false;  // a part of a product named (NamesPartOfTheProduct)
  bool disguised_brand = false;  // a brand written disguised (kDisguisedBrand)
  bool misspelt_brand = false;   // a brand read misspelt (kMisspeltBrand)
  bool glued_name = false;       // a name read glued (kGluedName)
  // The branded products it names as the goods ("iPhone 15 Pro"), each
  // with the name read.
  struct NamedProduct {
    const BrandedProduct* product;
    const std::string* name;
  };
  absl::InlinedVector<NamedProduct, 1> products;
};

// The categories whose words or brands occur in the text, as whole runs of
// one to three words, in the config's order. `folded` is FoldText of the
// text. Each run is looked up in the config's word index (one lookup a run,
// instead of every category word checked against the runs).
DescribedGoods CategoriesIn(const std::string& folded, const ScreeningConfig& config) {
  const CategoryWords& words =
      config.category_words.Get(config.categories, config.branded_products);
  RecentDescriptions& recent = RecentDescriptionsOf(words.stamp());
  absl::InlinedVector<uint32_t, 2> read;
  absl::Span<const uint32_t> namings;
  const size_t max_texts = goods_description_memo_size.load(std::memory_order_relaxed);
  if (const uint32_t known = recent.texts.Find(folded); known != RecentKeys::kNone) {
    CountTextCacheLookup(TextCache::kGoodsCategories, CacheResult::kHit);
    namings = recent.CategoriesOf(known);
  } else if (folded.size() <= RecentDescriptions::kMaxTextBytes && max_texts > 0) {
    CountTextCacheLookup(TextCache::kGoodsCategories, CacheResult::kMiss);
    if (recent.texts.size() >= max_texts) recent.Clear();
    ReadCategories(folded, words, config, &read);
    namings = recent.CategoriesOf(recent.Add(folded, read));
  } else {
    CountTextCacheLookup(TextCache::kGoodsCategories, CacheResult::kNotCached);
    ReadCategories(folded, words, config, &read);
    namings = read;
  }
  DescribedGoods found;
  for (uint32_t naming : namings) {
    found.accessory |= naming == kNamesAnAccessory;
    found.used |= naming == kSaysUsed;
    found.read_as_accessory |= naming == kReadAsAccessory;
    found.names_product_part |= naming == kNamesAProductPart;
    found.disguised_brand |= naming == kDisguisedBrand;
    found.misspelt_brand |= naming == kMisspeltBrand;
    found.glued_name |= naming == kGluedName;
    if (naming < kGluedName && (naming & kProductNaming) != 0) {
      const size_t p = (naming & ~kProductNaming) >> 8;
      const size_t n = naming & 0xFF;
      if (p < config.branded_products.size() && n < config.branded_products[p].names.size()) {
        const BrandedProduct& product = config.branded_products[p];
        found.products.push_back({&product, &product.names[n]});
      }
      continue;
    }
    const size_t c = naming >> 1;
    if (c >= config.categories.size()) continue;
    (naming & 1 ? found.by_brands : found.by_words).push_back(&config.categories[c]);
  }
  return found;
}

// Whether a "+" stands alone between words ("cover for Gucci handbag +
// bag", "smartphone + case"): it adds an article, as "with" does, which
// folding drops with the sign. A "+" in a model's name ("Galaxy S24+") is
// the name's.
bool HasPlusBetweenWords(std::string_view description) {
  for (size_t at = description.find('+'); at != std::string_view::npos;
       at = description.find('+', at + 1)) {
    if (at > 0 && at + 1 < description.size() && description[at - 1] == ' ' &&
        description[at + 1] == ' ') {
      return true;
    }
  }
  return false;
}

// A description read as an accessory ("cover for Gucci handbag bag" once
// folded) is read again, into *described, with "with" for a "+" between its
// words (the word "plus" would read as a model's after a number: "iPhone 15
// Plus case"): the sign matters only there. Apart from CheckItems, so that
// the parcels without an accessory pay one test for it (a search in every
// description cost 60 instructions a parcel).
ABSL_ATTRIBUTE_NOINLINE void ReadAgainWithPlus(const GoodsItem& item,
                                               const ScreeningConfig& config,
                                               DescribedGoods* described) {
  if (!HasPlusBetweenWords(item.description)) return;
  *described = CategoriesIn(
      FoldDescription(absl::StrReplaceAll(
          absl::string_view(item.description.data(), item.description.size()),
          {{" + ", " with "}})),
      config);
}

// A description with signs written for letters (SignsReadAsLetters), read
// as meant. When the reading names a brand or branded product that the
// description as written does not, it replaces *described, marked
// disguised_brand: a brand written so is meant to pass a filter. Only for
// the few descriptions with such a sign (told by the fold:
// NormalizedParcel::has_sign_for_a_letter), or with Latin words that mix in
// Cyrillic or Greek look-alikes ("Gucсi"); "5* hotel", "user@mail", "50$",
// "Wow!" and "T-shirt | cotton" substitute nothing.
ABSL_ATTRIBUTE_NOINLINE void ReadSignsAsLetters(const GoodsItem& item,
                                                const ScreeningConfig& config,
                                                DescribedGoods* described) {
  // Cyrillic or Greek look-alikes in a Latin word ("Gucсi"), read as the
  // Latin letters they imitate, as the watchlist's terms read them
  // (review24: transliterated, Cyrillic "с" made "gucsi", no brand).
  const bool look_alikes = MixesLatinWithLookAlikes(item.description);
  const std::string unmasked = look_alikes ? UnmaskLookAlikes(item.description) : std::string();
  const std::string_view text = look_alikes ? std::string_view(unmasked) : item.description;
  std::string read;
  if (!SignsReadAsLetters(text, config, &read) && !look_alikes) return;
  DescribedGoods meant = CategoriesIn(FoldDescription(read), config);
  // Look-alikes are compared with the description without them:
  // transliteration reads some right ("Rоlex" with Cyrillic "о"), and the
  // brand was still written disguised; a brand written plainly beside
  // Cyrillic in one word ("Samsung-телефон") still reads without them.
  DescribedGoods without;
  if (look_alikes) {
    without = CategoriesIn(FoldDescription(WithoutLookAlikes(item.description)), config);
  }
  const DescribedGoods& before = look_alikes ? without : *described;
  const bool names_more =
      std::any_of(meant.by_brands.begin(), meant.by_brands.end(),
                  [&](const GoodsCategory* c) {
                    return std::find(before.by_brands.begin(), before.by_brands.end(), c) ==
                           before.by_brands.end();
                  }) ||
      meant.products.size() > before.products.size() ||
      (before.misspelt_brand && !meant.misspelt_brand &&
       (!meant.by_brands.empty() || !meant.products.empty()));
  if (!names_more) return;
  *described = std::move(meant);
  described->disguised_brand = true;
}

// The first category (in the config's order) with an HS prefix that
// `digits` starts with, or null. Only the categories listed under its
// chapter can have one (CategoryWords::CategoriesOfChapter).
const GoodsCategory* CategoryOfHs(const std::string& digits, const ScreeningConfig& config) {
  const CategoryWords& words =
      config.category_words.Get(config.categories, config.branded_products);
  for (const uint32_t c : words.CategoriesOfChapter(digits)) {
    const GoodsCategory& category = config.categories[c];
    if (StartsWithAny(digits, category.hs_prefixes)) return &category;
  }
  return nullptr;
}

Reason Indicator(std::string_view code, int points, std::string field, std::string message,
                 std::string evidence) {
  return Reason{std::string(code), std::move(message), points, std::move(field),
                std::move(evidence), Referral::kNone};
}

// The findings of one indicator over a parcel's items, reported as one
// reason: its points count once a parcel (the strongest item's), so that a
// parcel of many lines is not held for its line count, and a verdict of 999
// lines does not carry 999 copies of one finding.
class ItemFindings {
 public:
  // Keeps `finding`, made for item `item`, when it outweighs those before.
  void Add(size_t item, Reason finding) {
    if (items_.size() < kItemsNamed) items_.push_back(item);
    ++count_;
    if (count_ == 1 || finding.points > strongest_.points) {
      strongest_ = std::move(finding);
      strongest_item_ = item;
    }
  }

  // The one reason, naming the items (the first kItemsNamed) and their count.
  void AppendTo(std::vector<Reason>* reasons) {
    if (count_ == 0) return;
    if (count_ > 1) {
      // The message is the strongest item's own (review26: "HS 71
      // (jewellery) ... (3 items)" read as three jewellery items for a
      // ring, a wallet and a toy car).
      absl::StrAppend(&strongest_.message, " (items[", strongest_item_, "], the strongest of ",
                      count_, " items)");
      absl::StrAppend(&strongest_.evidence, " items=", absl::StrJoin(items_, ","),
                      count_ > items_.size() ? ",…" : "", " count=", count_);
    }
    reasons->push_back(std::move(strongest_));
  }

 private:
  static constexpr size_t kItemsNamed = 10;
  absl::InlinedVector<size_t, 4> items_;
  size_t count_ = 0;
  size_t strongest_item_ = 0;
  Reason strongest_;
};

// HS chapters where a brand's name is an ordinary word rather than a maker
// of goods: food and drink (01-24: "apple juice", "Jordan almonds") and
// printed matter (49: "Supreme Court law report", a book on Rolex). A brand
// alone implies no goods category under these.
bool BrandsImplyNothingUnder(std::string_view hs_digits) {
  if (hs_digits.size() < 2) return false;
  const int chapter = (hs_digits[0] - '0') * 10 + (hs_digits[1] - '0');
  return chapter <= 24 || chapter == 49;
}

bool SameChapter(std::string_view hs_digits, const GoodsCategory& category) {
  for (const std::string& prefix : category.hs_prefixes) {
    if (prefix.size() >= 2 && hs_digits.size() >= 2 &&
        prefix.compare(0, 2, hs_digits.substr(0, 2)) == 0) {
      return true;
    }
  }
  return false;
}

// The categories an item is taken to be, and whether its HS code fits them.
// The description's own words outrank what its brands imply: a "Hermes silk
// scarf" is a scarf, whatever else Hermes makes. A brand alone names its
// maker, not the heading: it fits an HS code of the same chapter ("Samsung TV
// remote control" under 8543), and implies nothing under food or printed
// matter (BrandsImplyNothingUnder).
struct ItemGoods {
  absl::InlinedVector<const GoodsCategory*, 2> categories;
  bool fits = true;
};
ItemGoods ReadItemGoods(const DescribedGoods& described, const std::string& hs_digits) {
  ItemGoods goods;
  if (!described.by_words.empty()) {
    goods.categories = described.by_words;
    if (hs_digits.empty()) return goods;
    goods.fits = false;
    for (const GoodsCategory* c : goods.categories) {
      goods.fits |= StartsWithAny(hs_digits, c->hs_prefixes);
    }
    return goods;
  }
  if (!hs_digits.empty() && BrandsImplyNothingUnder(hs_digits)) return goods;
  goods.categories = described.by_brands;
  if (hs_digits.empty() || goods.categories.empty()) return goods;
  goods.fits = false;
  for (const GoodsCategory* c : goods.categories) goods.fits |= SameChapter(hs_digits, *c);
  // A house makes more than the kind the rules list it under: Chanel
  // lipstick (3304), Adidas footballs (9506), Gucci perfume (3303). A brand
  // alone under a heading of its category's other lines
  // (brand_line_hs_prefixes) is such an article; under any other (a Rolex
  // as a T-shirt or a toy) it is the misdeclaration that hides a fake.
  // Such an article is of another kind than the category: neither the
  // category's value floors nor its heading judge it (a 5 EUR Chanel
  // lipstick is no 5 EUR bag).
  if (goods.fits) return goods;
  for (const GoodsCategory* c : goods.categories) {
    goods.fits |= StartsWithAny(hs_digits, c->brand_line_hs_prefixes);
  }
  if (goods.fits) goods.categories.clear();
  return goods;
}

// An item's declared value in EUR, if it has one in a currency with a rate.
std::optional<double> ItemValueEur(const GoodsItem& item, const ScreeningConfig& config) {
  const Money& m = item.declared_value;
  if (m.units == 0 && m.nanos == 0 && m.currency_code.empty()) return std::nullopt;
  auto rate = config.eur_per_unit.find(absl::AsciiStrToUpper(m.currency_code));
  if (rate == config.eur_per_unit.end()) return std::nullopt;
  return (static_cast<double>(m.units) + m.nanos / 1e9) * rate->second;
}

// An item's value per unit below what one genuine article of its category
// costs: weight says nothing of a watch, a phone or a bag, and an average
// over the parcel would let a 5 EUR Rolex hide beside a 500 EUR book. Only
// for an item that its description names as one category (an HS code alone
// says "watches" of a 5 EUR strap too); the branded floor when it names a
// brand.
//
// Used goods ("used", "pre-owned", "worn", "empty") are held to the
// unbranded floor: a worn pair of Nike sells for less than a new one. A
// branded item under far_undervalued_fraction of its branded floor is
// undervalued with far_undervalued_points, used or not: no genuine article
// of the brand changes hands for so little (a 2 EUR Dior perfume).
void CheckValuePerUnit(size_t i, const GoodsItem& item, const ItemGoods& goods, bool branded,
                       bool used, const ScreeningConfig& config, ItemFindings* findings) {
  if (goods.categories.size() != 1) return;  // mixed or unnamed: no single reference
  const GoodsCategory& category = *goods.categories.front();
  const double branded_floor =
      std::max(category.min_value_eur_per_unit, category.min_branded_value_eur_per_unit);
  const double floor = branded && !used ? branded_floor : category.min_value_eur_per_unit;
  const double far_floor = branded ? config.far_undervalued_fraction * branded_floor : 0;
  if (floor <= 0 && far_floor <= 0) return;
  const std::optional<double> value_eur = ItemValueEur(item, config);
  if (!value_eur) return;
  const uint32_t units = std::max<uint32_t>(item.quantity, 1);
  const double per_unit = *value_eur / units;
  const bool far_below = per_unit < far_floor;
  if (!far_below && per_unit >= floor) return;
  const std::string_view condition = used ? "used " : "";
  findings->Add(i, Indicator(
      reason::kUndervaluedGoods,
      far_below ? std::max(config.far_undervalued_points, config.undervalued_points)
                : config.undervalued_points,
      absl::StrCat("items[", i, "].declared_value"),
      far_below
          ? absl::StrFormat("declared value %.2f EUR a unit is under %.0f%% of the least a "
                            "genuine branded %s costs (%.0f EUR a unit)",
                            per_unit, 100 * config.far_undervalued_fraction, category.name,
                            branded_floor)
          : absl::StrFormat("declared value %.2f EUR a unit is far below genuine %s%s%s (at "
                            "least %.0f EUR a unit)",
                            per_unit, absl::string_view(condition.data(), condition.size()),
                            branded ? "branded " : "", category.name, floor),
      absl::StrFormat("value_eur=%.2f quantity=%u%s", *value_eur, units,
                      used ? " condition=used" : "")));
}

// Whether every category an item's own words name shares a heading with
// the product's ("Canada Goose down parka": apparel, 62; "iPhone 15 Pro":
// none named), and the item is no accessory of such goods.
ABSL_ATTRIBUTE_NOINLINE bool WordsFitTheProduct(const DescribedGoods& described,
                                                const BrandedProduct& product) {
  if (described.accessory) return false;
  for (const GoodsCategory* category : described.by_words) {
    bool shares = false;
    for (const std::string& ours : category->hs_prefixes) {
      for (const std::string& theirs : product.hs_prefixes) {
        // Not StartsWith: a second caller made the compiler stop inlining
        // it into the HS loops of every item (+150 instructions a parcel).
        const size_t common = std::min(ours.size(), theirs.size());
        shares |= ours.compare(0, common, theirs, 0, common) == 0;
      }
    }
    if (!shares) return false;
  }
  return true;
}

// Whether a description naming `product` names, in its own words, goods
// that `hs_digits` covers other than the product's own kind: a word of a
// category whose headings include it ("wallet" under 4202.31), not one of
// the product's kind_words ("smartphone", "handbag") nor inside one or
// inside the product's name. Without kind words (a rules file's product
// listing none), or for a description read as an accessory, every word of
// such a category counts, as before goods20. Only for an item naming a
// product under a heading not its own.
bool NamesOtherGoodsUnder(const std::string& hs_digits, const DescribedGoods& described,
                          const BrandedProduct& product, const std::string& folded,
                          const ScreeningConfig& config) {
  const auto covers = [&](const GoodsCategory& category) {
    return StartsWithAny(hs_digits, category.hs_prefixes);
  };
  if (product.kind_words.empty() || described.read_as_accessory) {
    return std::any_of(described.by_words.begin(), described.by_words.end(),
                       [&](const GoodsCategory* category) { return covers(*category); });
  }
  const WordRuns runs(folded);
  const size_t word_count = runs.words().size();
  const auto words_in = [](std::string_view run) {
    return static_cast<size_t>(std::count(run.begin(), run.end(), ' ')) + 1;
  };
  // The words a kind word or the product's name covers.
  std::vector<bool> covered(word_count, false);
  for (const WordRuns::Run& run : runs.runs()) {
    const bool kind = std::find(product.kind_words.begin(), product.kind_words.end(),
                                run.text) != product.kind_words.end() ||
                      std::find(product.names.begin(), product.names.end(), run.text) !=
                          product.names.end();
    if (!kind) continue;
    for (size_t w = run.first_word; w < run.first_word + words_in(run.text); ++w) {
      covered[w] = true;
    }
  }
  const CategoryWords& words =
      config.category_words.Get(config.categories, config.branded_products);
  bool other = false;
  for (const WordRuns::Run& run : runs.runs()) {
    const size_t end = run.first_word + words_in(run.text);
    bool all_covered = true;
    for (size_t w = run.first_word; w < end; ++w) all_covered &= covered[w];
    if (all_covered) continue;
    words.ForEachCategoryNaming(run.text, [&](size_t c, bool by_brand) {
      other |= !by_brand && c < config.categories.size() && covers(config.categories[c]);
    });
    if (other) return true;
  }
  return false;
}

// Whether an item naming `product` under a heading that is not the
// product's own is the product declared under another heading to hide it
// (brands19, review bb5 H1: "Apple iPhone 15 Pro" at 20 USD under 8471,
// 8517.79 or 8543 was released). The description decides, as with no HS
// code (WordsFitTheProduct, no part named), unless:
//  - the heading is food, drink or printed matter, where a product's name is
//    an ordinary word or a title ("Omega-3", a book on Rolex), or media
//    (8523), where it names the platform of a game ("PS5 FIFA 25");
//  - the description's own words name goods the heading covers, other than
//    the product's own kind (BrandedProduct::kind_words;
//    NamesOtherGoodsUnder): "Louis Vuitton Zippy wallet" under 4202.31 is a
//    wallet, not a handbag, while "iPhone 15 Pro smartphone" under 8471 is
//    a phone (goods20: the electronics' words cover computers too, and it
//    was released);
//  - the heading is one of the other lines of the house the description's
//    brands name (GoodsCategory::brand_line_hs_prefixes): "Chanel Rouge
//    lipstick" under 3304, "Moncler sneakers" under 6404.
// Out of line: only for an item naming a product under another heading.
ABSL_ATTRIBUTE_NOINLINE bool ProductUnderAForeignHeading(const DescribedGoods& described,
                                                         const BrandedProduct& product,
                                                         const std::string& hs_digits,
                                                         const std::string& folded,
                                                         const ScreeningConfig& config) {
  if (described.names_product_part || BrandsImplyNothingUnder(hs_digits) ||
      hs_digits.compare(0, 4, "8523") == 0 || !WordsFitTheProduct(described, product)) {
    return false;
  }
  if (NamesOtherGoodsUnder(hs_digits, described, product, folded, config)) return false;
  for (const GoodsCategory* category : described.by_brands) {
    if (StartsWithAny(hs_digits, category->brand_line_hs_prefixes)) return false;
  }
  return true;
}

// A new branded product (ScreeningConfig::branded_products) that an item's
// description names as the goods, declared under one of the product's own
// headings at under far_undervalued_fraction of its floor: far undervalued,
// as a branded item far below its category's branded floor is
// (CheckValuePerUnit), against the product's floor, since its category's
// is set by the brand's cheap lines (a 5 EUR iPhone is 62% of the branded
// electronics floor, which a genuine charger must pass). Used goods are
// left to the category floors: a used phone may be worth little. Without an
// HS code (PLACI 7+1 asks for none) the description decides alone (review
// bb5 H1: leaving the code out let a 5 EUR iPhone through): the product
// counts unless the description's own words name goods of another heading
// ("iPhone charger" is a charger), nor a part of the product ("iPhone 15
// Pro LCD screen"); under another heading, as ProductUnderAForeignHeading
// says. Returns whether it reported the item.
// Out of line, called only for an item naming a new product (CheckItems
// tests that first), so that it leaves the per-item loop as it was.
ABSL_ATTRIBUTE_NOINLINE bool CheckProductValue(size_t i, const GoodsItem& item, const DescribedGoods& described,
                       const std::string& hs_digits, const std::string& folded,
                       const ScreeningConfig& config, ItemFindings* findings) {
  if (described.products.empty() || described.used) return false;
  const BrandedProduct* dearest = nullptr;
  const std::string* name = nullptr;
  for (const DescribedGoods::NamedProduct& named : described.products) {
    const BrandedProduct* product = named.product;
    const bool goods_fit =
        hs_digits.empty()
            ? !described.names_product_part && WordsFitTheProduct(described, *product)
            : StartsWithAny(hs_digits, product->hs_prefixes) ||
                  ProductUnderAForeignHeading(described, *product, hs_digits, folded, config);
    if (goods_fit &&
        (dearest == nullptr || product->min_value_eur_per_unit > dearest->min_value_eur_per_unit)) {
      dearest = product;
      name = named.name;
    }
  }
  if (dearest == nullptr) return false;
  const double far_floor = config.far_undervalued_fraction * dearest->min_value_eur_per_unit;
  if (far_floor <= 0) return false;
  const std::optional<double> value_eur = ItemValueEur(item, config);
  if (!value_eur) return false;
  const uint32_t units = std::max<uint32_t>(item.quantity, 1);
  const double per_unit = *value_eur / units;
  if (per_unit >= far_floor) return false;
  findings->Add(
      i,
      Indicator(reason::kUndervaluedGoods,
                std::max(config.far_undervalued_points, config.undervalued_points),
                absl::StrCat("items[", i, "].declared_value"),
                absl::StrFormat("declared value %.2f EUR a unit is under %.0f%% of the least a new "
                                "genuine %s costs (%.0f EUR a unit)",
                                per_unit, 100 * config.far_undervalued_fraction, *name,
                                dearest->min_value_eur_per_unit),
                absl::StrFormat("value_eur=%.2f quantity=%u product=%s", *value_eur, units, *name)));
  return true;
}

void CheckItems(const Consignment& parcel, const NormalizedParcel& normalized,
                const ScreeningConfig& config,
                std::vector<const GoodsCategory*>* parcel_categories,
                ItemFindings* undervalued, std::vector<Reason>* reasons,
                uint64_t* glued_items) {
  ItemFindings high_risk, mismatches;
  // Made only for a parcel that has one: its Reason's four strings cost
  // every parcel their construction otherwise.
  std::optional<ItemFindings> disguised;
  // The categories of each description read: a repeated one is not read
  // again (NormalizedParcel::first_same_description). Inline for the
  // parcels of a few items: no allocation of its own.
  absl::InlinedVector<DescribedGoods, 4> read(parcel.items.size());
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    const GoodsItem& item = parcel.items[i];
    const std::string digits = HsDigits(item.hs_code);
    const uint32_t first = normalized.first_same_description[i];
    if (first == i) {
      read[i] = CategoriesIn(normalized.folded_descriptions[i], config);
      if (read[i].read_as_accessory) ReadAgainWithPlus(item, config, &read[i]);
      if (normalized.has_sign_for_a_letter[i]) ReadSignsAsLetters(item, config, &read[i]);
      if (read[i].glued_name && i < 64) *glued_items |= uint64_t{1} << i;
    }
    const DescribedGoods& described = read[first];
    const ItemGoods goods = ReadItemGoods(described, digits);
    const GoodsCategory* declared = digits.empty() ? nullptr : CategoryOfHs(digits, config);
    // Built only for a reason: most items give none.
    const auto field = [i](std::string_view suffix) {
      return absl::StrCat("items[", i, "]", absl::string_view(suffix.data(), suffix.size()));
    };

    if (!digits.empty()) {
      const HsRisk* risk = nullptr;
      for (const HsRisk& r : config.hs_risks) {
        if (StartsWith(digits, r.prefix) && (!risk || r.prefix.size() > risk->prefix.size())) {
          risk = &r;
        }
      }
      if (risk) {
        high_risk.Add(i, Indicator(
            reason::kHighRiskHsCode, risk->points, field(".hs_code"),
            absl::StrCat("HS ", risk->prefix, " (", risk->label,
                         ") is a category where counterfeits concentrate"),
            absl::StrCat("hs_code=", item.hs_code)));
      }
      if (!goods.fits) {
        std::vector<std::string> names;
        for (const GoodsCategory* c : goods.categories) names.push_back(c->name);
        mismatches.Add(i, Indicator(
            reason::kHsDescriptionMismatch, config.hs_mismatch_points, field(".hs_code"),
            absl::StrCat("description reads as ", absl::StrJoin(names, " or "),
                         " but HS code ", item.hs_code, " is ",
                         declared ? declared->name : "another category"),
            absl::StrCat("hs_code=", Excerpt(item.hs_code), " description=",
                         Excerpt(item.description))));
      }
    }
    if (described.disguised_brand && config.disguised_brand_points > 0) {
      const std::string brand_of = !described.products.empty() ? *described.products.front().name
                                   : !described.by_brands.empty()
                                       ? described.by_brands.front()->name
                                       : std::string("brands");
      Reason finding = Indicator(
          reason::kDisguisedBrand, config.disguised_brand_points, field(".description"),
          absl::StrCat("brand written disguised, a character for another (\"",
                       Excerpt(item.description), "\", ", brand_of, "): a spelling meant to pass "
                       "a filter"),
          absl::StrCat("value=", Excerpt(item.description), " brand_of=", brand_of));
      if (!disguised) disguised.emplace();
      disguised->Add(i, std::move(finding));
    }
    if (described.products.empty() || described.used ||
        !CheckProductValue(i, item, described, digits, normalized.folded_descriptions[i], config,
                           undervalued)) {
      CheckValuePerUnit(i, item, goods, !described.by_brands.empty(), described.used, config,
                        undervalued);
    }
    // The parcel's value per kg is held to a category's floor for new goods,
    // and to the HS code's category only for goods the description does not
    // name otherwise: a watch strap under 9113 is no watch, though the
    // watches' headings include straps. A used item leaves the parcel
    // without a reference (nullptr: mixed).
    if (described.used) {
      parcel_categories->push_back(nullptr);
      continue;
    }
    for (const GoodsCategory* c : goods.categories) parcel_categories->push_back(c);
    if (goods.categories.empty() && declared && !described.accessory) {
      parcel_categories->push_back(declared);
    }
  }
  high_risk.AppendTo(reasons);
  mismatches.AppendTo(reasons);
  if (disguised) disguised->AppendTo(reasons);
}

// Value per kg below what genuine goods of the parcel's one category cost.
void CheckValuePerKg(const Consignment& parcel, const ScreeningConfig& config,
                     const std::vector<const GoodsCategory*>& categories,
                     std::optional<double> value_eur, std::vector<Reason>* reasons) {
  if (!value_eur || parcel.gross_weight_kg <= 0 || categories.empty()) return;
  const GoodsCategory* category = categories.front();
  for (const GoodsCategory* c : categories) {
    if (c != category) return;  // mixed goods: no single reference applies
  }
  if (category == nullptr || category->min_value_eur_per_kg <= 0) return;
  const double per_kg = *value_eur / parcel.gross_weight_kg;
  if (per_kg >= category->min_value_eur_per_kg) return;
  reasons->push_back(Indicator(
      reason::kUndervaluedGoods, config.undervalued_points, "items",
      absl::StrFormat("declared value %.2f EUR/kg is far below genuine %s (at least %.0f EUR/kg)",
                      per_kg, category->name, category->min_value_eur_per_kg),
      absl::StrFormat("value_eur=%.2f gross_weight_kg=%.3f", *value_eur,
                      parcel.gross_weight_kg)));
}

void CheckDeMinimis(const Consignment& parcel, const ScreeningConfig& config,
                    std::optional<double> value_eur, std::vector<Reason>* reasons) {
  if (!value_eur) return;
  const std::string destination = absl::AsciiStrToUpper(parcel.consignee.address.country_code);
  for (const DeMinimis& d : config.de_minimis) {
    if (d.country_code != destination) continue;
    auto rate = config.eur_per_unit.find(d.currency_code);
    if (rate == config.eur_per_unit.end() || rate->second <= 0) return;
    const double value = *value_eur / rate->second;  // in the threshold's currency
    if (value >= config.just_under_fraction * d.threshold && value < d.threshold) {
      reasons->push_back(Indicator(
          reason::kJustUnderDeMinimis, config.just_under_de_minimis_points, "items",
          absl::StrFormat("declared value %.2f %s is just under the %s de-minimis threshold "
                          "of %.2f",
                          value, d.currency_code, destination, d.threshold),
          absl::StrFormat("value=%.2f threshold=%.2f", value, d.threshold)));
    }
    return;
  }
}

// What shows an e-commerce seller behind a parcel: its seller id, seller
// name, platform order id or listing URL, the first given.
struct SellerEvidence {
  std::string_view name;  // "seller_id"
  const std::string* value;
};
std::optional<SellerEvidence> SellerShown(const Ecommerce& e) {
  const SellerEvidence fields[] = {{"seller_id", &e.seller_id},
                                   {"seller_name", &e.seller_name},
                                   {"order_id", &e.order_id},
                                   {"listing_url", &e.listing_url}};
  for (const SellerEvidence& field : fields) {
    if (std::any_of(field.value->begin(), field.value->end(),
                    [](char c) { return !absl::ascii_isspace(static_cast<unsigned char>(c)); })) {
      return field;
    }
  }
  return std::nullopt;
}

// Whether a folded description declares the goods a gift ("gift: silk
// scarf", "birthday present", "Geschenk"), as express parcels do without a
// postal category. A gift article for sale ("gift box", "gift card", "gift
// set") or its packing ("gift wrapped", "gift packaging") is no such
// declaration.
bool SaysGift(std::string_view folded) {
  static constexpr std::string_view kGiftWords[] = {
      "gift", "gifts", "present", "presents", "geschenk", "geschenke", "cadeau", "cadeaux",
      "regalo", "regali", "regalos", "podarok", "podarki", "hediye"};
  static constexpr std::string_view kGiftArticles[] = {
      "box", "boxes", "wrap", "wrapping", "card", "cards", "bag", "bags", "basket", "baskets",
      "paper", "tag", "tags", "ribbon", "ribbons", "voucher", "vouchers", "certificate", "set",
      "sets", "tin", "tins", "shop",
      // review26: how a purchase is packed or what comes with it ("LEGO
      // set, gift wrapped", "necklace in gift packaging", "gift receipt
      // included") claims no gift: 55 points, held with any 5 more.
      "wrapped", "packaging", "packed", "pack", "packs", "hamper", "hampers", "receipt",
      "note", "message"};
  // The first letters compared before the call to compare the rest: most
  // words of a description differ from every listed one there.
  const auto in = [](std::string_view word, const auto& list) {
    return !word.empty() && std::any_of(std::begin(list), std::end(list),
                                        [word](std::string_view listed) {
                                          return listed[0] == word[0] && listed == word;
                                        });
  };
  // Read word by word without splitting into a list: this runs for every
  // parcel that shows a seller.
  const auto word_at = [folded](size_t begin) {
    const size_t end = std::min(folded.find(' ', begin), folded.size());
    return folded.substr(begin, end - begin);
  };
  for (size_t begin = 0; begin < folded.size();) {
    const std::string_view word = word_at(begin);
    size_t next = begin + word.size() + 1;
    // 礼物 and 礼品 ("gift") fold to two words, "li wu" and "li pin".
    const std::string_view li_second = word == "li" && next < folded.size() ? word_at(next) : "";
    const bool li_wu = li_second == "wu" || li_second == "pin";
    if (li_wu) next += li_second.size() + 1;
    if (li_wu || (word.size() >= 4 && in(word, kGiftWords))) {
      if (next >= folded.size()) return true;
      const std::string_view article = word_at(next);
      // A gift article in Chinese, one syllable: 礼品盒, 礼品袋, 礼品卡,
      // 礼品店, 礼品包装 (box, bag, card, shop, wrapping).
      const bool chinese_article = li_wu && (article == "he" || article == "dai" ||
                                             article == "ka" || article == "dian" ||
                                             article == "bao");
      if (!chinese_article && !in(article, kGiftArticles)) return true;
    }
    begin = next;
  }
  return false;
}

// A gift or sample sent by an e-commerce seller is a misdeclared sale: a
// postal GIFT / COMMERCIAL_SAMPLE, or a description that says gift, on a
// parcel that shows a seller (its id, name, order id or listing).
void CheckGiftFromSeller(const Consignment& parcel, const NormalizedParcel& normalized,
                         const ScreeningConfig& config, std::vector<Reason>* reasons) {
  const auto seller = SellerShown(parcel.ecommerce);
  if (!seller) return;
  const bool postal_gift = parcel.postal_category == PostalCategory::kGift ||
                           parcel.postal_category == PostalCategory::kCommercialSample;
  std::string field = "postal_category";
  if (!postal_gift) {
    size_t i = 0;
    const std::vector<std::string>& descriptions = normalized.folded_descriptions;
    while (i < descriptions.size() && !SaysGift(descriptions[i])) ++i;
    if (i == descriptions.size()) return;
    field = absl::StrCat("items[", i, "].description");
  }
  reasons->push_back(Indicator(
      reason::kGiftFromSeller, config.gift_from_seller_points, std::move(field),
      "declared as a gift or sample although an e-commerce seller sells it",
      absl::StrCat(absl::string_view(seller->name.data(), seller->name.size()), "=",
                   Excerpt(*seller->value))));
}

void CheckRouteRisk(const Consignment& parcel, const ScreeningConfig& config,
                    std::vector<Reason>* reasons) {
  // The route's origin when it names a country, else the consignor's
  // country: a route origin of "China" (an INVALID_COUNTRY_CODE of its own)
  // must not hide the provenance. The reason names the field it read.
  std::string_view field = "route.origin_country_code";
  std::string origin = parcel.route.origin_country_code;
  if (!IsIsoCountryCode(origin)) {
    field = "consignor.address.country_code";
    origin = parcel.consignor.address.country_code;
  }
  origin = absl::AsciiStrToUpper(origin);
  if (auto it = config.origin_points.find(origin); it != config.origin_points.end()) {
    reasons->push_back(Indicator(reason::kHighRiskOrigin, it->second, std::string(field),
                                 absl::StrCat("origin ", origin,
                                              " is a main provenance of seized counterfeits"),
                                 absl::StrCat("origin=", origin)));
  }
  for (size_t i = 0; i < parcel.route.transit_country_codes.size(); ++i) {
    const std::string transit = absl::AsciiStrToUpper(parcel.route.transit_country_codes[i]);
    if (!config.free_zone_transit_countries.contains(transit)) continue;
    reasons->push_back(Indicator(
        reason::kFreeZoneTransit, config.free_zone_transit_points,
        absl::StrCat("route.transit_country_codes[", i, "]"),
        absl::StrCat("transit through ", transit, ", a free-trade-zone hub"),
        absl::StrCat("transit=", transit)));
    return;  // one transit flag is enough
  }
}

}  // namespace

void SetGoodsDescriptionMemoSize(size_t texts) {
  goods_description_memo_size.store(texts, std::memory_order_relaxed);
}

void AddGoodsIndicators(const Consignment& parcel, const ScreeningConfig& config,
                        std::vector<Reason>* reasons) {
  AddGoodsIndicators(parcel, NormalizeParcel(parcel), config, reasons);
}

void AddGoodsIndicators(const Consignment& parcel, const NormalizedParcel& normalized,
                        const ScreeningConfig& config, std::vector<Reason>* reasons,
                        uint64_t* glued_items) {
  uint64_t glued = 0;
  std::vector<const GoodsCategory*> categories;
  ItemFindings undervalued_items;
  CheckItems(parcel, normalized, config, &categories, &undervalued_items, reasons, &glued);
  if (glued_items != nullptr) *glued_items = glued;
  const std::optional<double> value_eur = DeclaredValueEur(parcel, config);
  // One UNDERVALUED_GOODS a parcel: an item below its unit floor says more
  // than the parcel's average per kg.
  const size_t before = reasons->size();
  undervalued_items.AppendTo(reasons);
  if (reasons->size() == before) CheckValuePerKg(parcel, config, categories, value_eur, reasons);
  CheckDeMinimis(parcel, config, value_eur, reasons);
  CheckGiftFromSeller(parcel, normalized, config, reasons);
  CheckRouteRisk(parcel, config, reasons);
}

bool SplitGluedBrandNames(const std::string& folded, const ScreeningConfig& config,
                          std::string* split) {
  split->clear();
  const WordRuns runs(folded);  // views into `folded`
  return SplitGluedNames(runs.words(),
                         config.category_words.Get(config.categories, config.branded_products),
                         split);
}

std::optional<double> DeclaredValueEur(const Consignment& parcel, const ScreeningConfig& config) {
  double total = 0;
  bool any = false;
  for (const GoodsItem& item : parcel.items) {
    const Money& m = item.declared_value;
    // No amount and no currency: no value declared. A zero in a currency is
    // a declared value, and the lowest there is.
    if (m.units == 0 && m.nanos == 0 && m.currency_code.empty()) continue;
    auto rate = config.eur_per_unit.find(absl::AsciiStrToUpper(m.currency_code));
    if (rate == config.eur_per_unit.end()) return std::nullopt;
    total += (static_cast<double>(m.units) + m.nanos / 1e9) * rate->second;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::optional<double> DeMinimisEur(std::string_view country_code, const ScreeningConfig& config) {
  const std::string destination = absl::AsciiStrToUpper(std::string(country_code));
  for (const DeMinimis& d : config.de_minimis) {
    if (d.country_code != destination) continue;
    auto rate = config.eur_per_unit.find(d.currency_code);
    if (rate == config.eur_per_unit.end()) return std::nullopt;
    return d.threshold * rate->second;
  }
  return std::nullopt;
}

}  // namespace placi::core
