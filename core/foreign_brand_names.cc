// Russian, Japanese, Korean, Arabic, Hebrew, Hindi and Thai brand names read
// as Latin ones. See
// foreign_brand_names.h.
#include "core/foreign_brand_names.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/utf8.h"

namespace placi::core {
namespace {

enum class Matched {
  kWholeWord,  // Cyrillic, Arabic: written with spaces between words
  kAnywhere,   // katakana, Hangul: brand and goods are often glued
};

struct ForeignName {
  std::string_view written;  // UTF-8, as descriptions write it
  std::string_view latin;    // a brand or product name of the default rules
};

// The names listings and buyers use for the brands of the default rules'
// categories and branded products (core/default_categories.cc,
// core/screening_config.cc) whose transliteration is not the Latin name
// (ICU: "Ролекс" → "roleks", "ロレックス" → "rorekkusu"). Left out: names
// that are ordinary words of their language ("Коуч"/"コーチ", a coach;
// "Пума", a puma, folds to "puma" anyway; "Джордан" and "ジョーダン" alone, a
// person's name), and names that fold right already ("Гуччи", "Адидас",
// "Прада", "Фенди", "Версаче").
constexpr ForeignName kCyrillic[] = {
    {"Ролекс", "Rolex"},          {"Шанель", "Chanel"},        {"Луи Виттон", "Louis Vuitton"},
    {"Луи Вюиттон", "Louis Vuitton"}, {"Луи Витон", "Louis Vuitton"}, {"Найк", "Nike"},
    {"Найки", "Nike"},            {"Эрмес", "Hermes"},         {"Гермес", "Hermes"},
    {"Диор", "Dior"},             {"Картье", "Cartier"},       {"Омега", "Omega"},
    {"Патек Филипп", "Patek Philippe"}, {"Майкл Корс", "Michael Kors"}, {"Рэй Бэн", "Ray Ban"},
    {"Рей Бен", "Ray Ban"},       {"Монклер", "Moncler"},      {"Баленсиага", "Balenciaga"},
    {"Барберри", "Burberry"},     {"Бёрберри", "Burberry"},    {"Берберри", "Burberry"},
    {"Эйр Джордан", "Air Jordan"}, {"Айфон", "iPhone"},        {"Эппл", "Apple"},
    {"Хублот", "Hublot"},         {"Брайтлинг", "Breitling"},  {"Тиффани", "Tiffany"},
    {"Сваровски", "Swarovski"},   {"Булгари", "Bvlgari"},      {"Ив Сен Лоран", "Saint Laurent"},
    {"Сен Лоран", "Saint Laurent"}, {"Дольче Габбана", "Dolce Gabbana"},
    {"Кельвин Кляйн", "Calvin Klein"}, {"Ральф Лорен", "Ralph Lauren"},
    {"Стоун Айленд", "Stone Island"}, {"Канада Гус", "Canada Goose"}, {"Дайсон", "Dyson"},
};
constexpr ForeignName kArabic[] = {
    {"رولكس", "Rolex"},     {"شانيل", "Chanel"},   {"لويس فيتون", "Louis Vuitton"},
    {"نايك", "Nike"},       {"اديداس", "Adidas"},
    {"أديداس", "Adidas"},   {"غوتشي", "Gucci"},    {"قوتشي", "Gucci"},
    {"جوتشي", "Gucci"},     {"هيرميس", "Hermes"},  {"برادا", "Prada"},
    {"ديور", "Dior"},       {"كارتير", "Cartier"}, {"كارتييه", "Cartier"},
    {"أوميغا", "Omega"},    {"اوميغا", "Omega"},   {"ايفون", "iPhone"},
    {"آيفون", "iPhone"},    {"مايكل كورس", "Michael Kors"}, {"راي بان", "Ray Ban"},
};
// brands25: Hebrew writes no vowels (ICU: "רולקס" → "rwlqs", "גוצ'י" →
// "gwzy") and Devanagari an inherent vowel the Latin name has not
// ("रोलेक्स" → "roleksa"; "गुच्ची", "प्राडा", "ओमेगा" fold right and are
// left out). Whole words, as Cyrillic: Hebrew glues its prefixes ("ו",
// "and"; "ה", "the") to a word, which then goes unread.
constexpr ForeignName kHebrewAndDevanagari[] = {
    {"רולקס", "Rolex"},
    {"גוצ'י", "Gucci"},
    {"גוצ׳י", "Gucci"},
    {"גוצי", "Gucci"},
    {"שאנל", "Chanel"},
    {"לואי ויטון", "Louis Vuitton"},
    {"נייקי", "Nike"},
    {"נייק", "Nike"},
    {"אדידס", "Adidas"},
    {"פראדה", "Prada"},
    {"דיור", "Dior"},
    {"הרמס", "Hermes"},
    {"אייפון", "iPhone"},
    {"מונקלר", "Moncler"},
    {"קרטייה", "Cartier"},
    {"ברברי", "Burberry"},
    {"בלנסיאגה", "Balenciaga"},
    {"מייקל קורס", "Michael Kors"},
    {"रोलेक्स", "Rolex"},
    {"नाइकी", "Nike"},
    {"एडिडास", "Adidas"},
    {"शनेल", "Chanel"},
    {"लुई वुइटन", "Louis Vuitton"},
    {"लुई विटॉन", "Louis Vuitton"},
    {"आईफोन", "iPhone"},
    {"आईफ़ोन", "iPhone"},
    {"डायर", "Dior"},
    {"कार्टियर", "Cartier"},
    {"मोंक्लर", "Moncler"},
    {"बरबेरी", "Burberry"},
};
// Thai is written without spaces between words, and ICU cuts it into
// syllables ("กุชชี่" → "kuch chi", "โรเล็กซ์" → "ro lek s"): found inside
// words, as katakana.
constexpr ForeignName kThaiBrands[] = {
    {"กุชชี่", "Gucci"},
    {"กุชชี", "Gucci"},
    {"โรเล็กซ์", "Rolex"},
    {"ชาแนล", "Chanel"},
    {"หลุยส์ วิตตอง", "Louis Vuitton"},
    {"หลุยส์วิตตอง", "Louis Vuitton"},
    {"ไนกี้", "Nike"},
    {"อาดิดาส", "Adidas"},
    {"ปราด้า", "Prada"},
    {"ดิออร์", "Dior"},
    {"แอร์เมส", "Hermes"},
    {"ไอโฟน", "iPhone"},
    {"คาร์เทียร์", "Cartier"},
    {"โอเมก้า", "Omega"},
    {"เบอร์เบอรี่", "Burberry"},
    {"มองแคลร์", "Moncler"},
    {"บาเลนเซียก้า", "Balenciaga"},
};
constexpr ForeignName kKanaAndHangul[] = {
    // Japanese
    {"ロレックス", "Rolex"}, {"シャネル", "Chanel"}, {"ルイヴィトン", "Louis Vuitton"},
    {"ルイ・ヴィトン", "Louis Vuitton"}, {"ヴィトン", "Louis Vuitton"}, {"ナイキ", "Nike"},
    {"アディダス", "Adidas"}, {"グッチ", "Gucci"}, {"エルメス", "Hermes"}, {"プラダ", "Prada"},
    {"ディオール", "Dior"}, {"カルティエ", "Cartier"}, {"オメガ", "Omega"},
    {"パテックフィリップ", "Patek Philippe"}, {"マイケルコース", "Michael Kors"},
    {"レイバン", "Ray Ban"}, {"モンクレール", "Moncler"}, {"バレンシアガ", "Balenciaga"},
    {"バーバリー", "Burberry"}, {"フェンディ", "Fendi"}, {"エアジョーダン", "Air Jordan"},
    {"アイフォン", "iPhone"}, {"ティファニー", "Tiffany"}, {"ウブロ", "Hublot"},
    {"ブライトリング", "Breitling"}, {"サンローラン", "Saint Laurent"},
    {"カナダグース", "Canada Goose"}, {"ダイソン", "Dyson"}, {"スワロフスキー", "Swarovski"},
    {"ブルガリ", "Bvlgari"},
    // Korean
    {"롤렉스", "Rolex"}, {"샤넬", "Chanel"}, {"루이비통", "Louis Vuitton"},
    {"루이 비통", "Louis Vuitton"}, {"나이키", "Nike"}, {"아디다스", "Adidas"}, {"구찌", "Gucci"},
    {"에르메스", "Hermes"}, {"프라다", "Prada"}, {"디올", "Dior"}, {"까르띠에", "Cartier"},
    {"오메가", "Omega"}, {"파텍필립", "Patek Philippe"}, {"마이클코어스", "Michael Kors"},
    {"레이밴", "Ray Ban"}, {"몽클레어", "Moncler"}, {"몽클레르", "Moncler"},
    {"발렌시아가", "Balenciaga"}, {"버버리", "Burberry"}, {"펜디", "Fendi"},
    {"에어조던", "Air Jordan"}, {"아이폰", "iPhone"}, {"티파니", "Tiffany"}, {"위블로", "Hublot"},
    {"브라이틀링", "Breitling"}, {"생로랑", "Saint Laurent"}, {"캐나다구스", "Canada Goose"},
    {"다이슨", "Dyson"},
};

bool IsCyrillicLetter(int32_t c) { return c >= 0x0400 && c <= 0x04FF; }
bool IsArabicLetter(int32_t c) { return c >= 0x0620 && c <= 0x06FF; }
bool IsKanaOrHangul(int32_t c) {
  return (c >= 0x30A0 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7A3);
}
bool IsHebrewLetter(int32_t c) { return c >= 0x05D0 && c <= 0x05F4; }
bool IsDevanagari(int32_t c) { return c >= 0x0900 && c <= 0x097F; }
bool IsThai(int32_t c) { return c >= 0x0E00 && c <= 0x0E7F; }
// A letter of any script, for the word boundary before a Cyrillic or Arabic
// name: ASCII letters and digits, Latin with accents, Cyrillic, Arabic.
bool IsWordCharacter(int32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= 0xC0 && c <= 0x024F) || IsCyrillicLetter(c) || IsArabicLetter(c) ||
         IsHebrewLetter(c) || IsDevanagari(c);
}

struct Candidate {
  const ForeignName* name;
  Matched matched;
};

// Every name by its first character, longest first.
const absl::flat_hash_map<int32_t, std::vector<Candidate>>& CandidatesByFirstLetter() {
  static const auto* by_first = [] {
    auto* map = new absl::flat_hash_map<int32_t, std::vector<Candidate>>;
    const auto add = [map](const auto& names, Matched matched) {
      for (const ForeignName& name : names) {
        size_t length;
        (*map)[CodePointAt(name.written, 0, &length)].push_back({&name, matched});
      }
    };
    add(kCyrillic, Matched::kWholeWord);
    add(kArabic, Matched::kWholeWord);
    add(kKanaAndHangul, Matched::kAnywhere);
    add(kHebrewAndDevanagari, Matched::kWholeWord);
    add(kThaiBrands, Matched::kAnywhere);
    for (auto& [first, candidates] : *map) {
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.name->written.size() > b.name->written.size();
      });
    }
    return map;
  }();
  return *by_first;
}

// Whether a lead byte starts a character of the scripts listed: Cyrillic
// (U+0400..U+04FF: D0-D3), Hebrew (U+05D0..U+05F4: D7), Arabic
// (U+0600..U+06FF: D8-DB), Devanagari and Thai (U+0900..U+097F,
// U+0E00..U+0E7F: E0, with the other Indic scripts), katakana
// (U+30A0..U+30FF: E3) and Hangul syllables (U+AC00..U+D7A3: EA-ED).
bool MayStartListedScript(unsigned char byte) {
  return (byte >= 0xD0 && byte <= 0xD3) || (byte >= 0xD7 && byte <= 0xDB) || byte == 0xE0 ||
         byte == 0xE3 || (byte >= 0xEA && byte <= 0xED);
}

// The end of a whole-word match of `written` at text[at], or 0: no letter
// right before it, and after it no letter, or (Cyrillic) a case ending of
// at most two Cyrillic letters before the word ends ("Ролекса").
size_t WholeWordEnd(std::string_view text, size_t at, std::string_view written, int32_t previous) {
  if (IsWordCharacter(previous)) return 0;
  size_t end = at + written.size();
  size_t length;
  const bool cyrillic = IsCyrillicLetter(CodePointAt(written, 0, &length));
  for (int ending = 0; end < text.size(); ++ending) {
    const int32_t next = CodePointAt(text, end, &length);
    if (!IsWordCharacter(next)) break;
    if (!cyrillic || !IsCyrillicLetter(next) || ending == 2) return 0;
    end += length;
  }
  return end;
}

}  // namespace

bool SpellForeignBrandsInLatin(std::string_view text, std::string* out) {
  // Most descriptions have no character of these scripts: one pass over
  // their bytes.
  if (std::none_of(text.begin(), text.end(), [](char c) {
        return MayStartListedScript(static_cast<unsigned char>(c));
      })) {
    return false;
  }
  const auto& by_first = CandidatesByFirstLetter();
  out->clear();
  bool found = false;
  int32_t previous = ' ';
  for (size_t at = 0; at < text.size();) {
    size_t length;
    const int32_t c = CodePointAt(text, at, &length);
    size_t end = 0;
    const ForeignName* name = nullptr;
    if (IsCyrillicLetter(c) || IsArabicLetter(c) || IsKanaOrHangul(c) || IsHebrewLetter(c) ||
        IsDevanagari(c) || IsThai(c)) {
      const auto it = by_first.find(c);
      if (it != by_first.end()) {
        for (const Candidate& candidate : it->second) {
          const std::string_view written = candidate.name->written;
          if (text.compare(at, written.size(), written) != 0) continue;
          end = candidate.matched == Matched::kAnywhere
                    ? at + written.size()
                    : WholeWordEnd(text, at, written, previous);
          if (end == 0) continue;
          name = candidate.name;
          break;
        }
      }
    }
    if (name == nullptr) {
      out->append(text.substr(at, length));
      previous = c;
      at += length;
      continue;
    }
    found = true;
    out->push_back(' ');
    out->append(name->latin);
    out->push_back(' ');
    previous = ' ';
    at = end;
  }
  return found;
}

}  // namespace placi::core
