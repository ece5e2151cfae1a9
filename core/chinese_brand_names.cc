// Chinese brand names read as Latin ones. See chinese_brand_names.h.
#include "core/chinese_brand_names.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace placi::core {
namespace {

struct ChineseName {
  std::string_view written;  // UTF-8, as descriptions write it
  std::string_view latin;    // a brand or product name of the default rules
};

// The names Chinese e-commerce listings use for the brands and products of
// the default rules' categories and branded products (core/default_categories.cc,
// core/screening_config.cc), simplified and traditional (Taiwan's and Hong
// Kong's own name where it differs: 耐吉 for Nike, 愛迪達 for Adidas).
//
// Left out, because they are ordinary words or other brands: 苹果 alone (an
// apple; only 苹果手机/苹果手表, "Apple phone/watch", are Apple's), 三星 alone
// ("three stars"; 三星手机 is a Samsung phone), 乔丹 (Qiaodan, a Chinese
// sportswear brand of its own, not Nike's Jordan), 椰子 (Yeezy's nickname,
// and a coconut), 北面 (The North Face, and "the north side"), 爱彼 (Audemars
// Piguet, and the start of 爱彼迎, Airbnb), 万国 (IWC, and "all nations").
constexpr ChineseName kNames[] = {
    // Watches
    {"劳力士", "Rolex"}, {"勞力士", "Rolex"}, {"欧米茄", "Omega"}, {"歐米茄", "Omega"},
    {"百达翡丽", "Patek Philippe"}, {"百達翡麗", "Patek Philippe"}, {"宇舶", "Hublot"},
    {"卡地亚", "Cartier"}, {"卡地亞", "Cartier"}, {"百年灵", "Breitling"},
    {"百年靈", "Breitling"}, {"泰格豪雅", "TAG Heuer"}, {"天梭", "Tissot"}, {"帝舵", "Tudor"},
    {"沛纳海", "Panerai"}, {"沛納海", "Panerai"}, {"理查德米勒", "Richard Mille"},
    {"理查德·米勒", "Richard Mille"},
    // Footwear
    {"耐克", "Nike"}, {"耐吉", "Nike"}, {"阿迪达斯", "Adidas"}, {"阿迪達斯", "Adidas"},
    {"愛迪達", "Adidas"}, {"新百伦", "New Balance"}, {"新百倫", "New Balance"},
    {"匡威", "Converse"}, {"彪马", "Puma"}, {"彪馬", "Puma"}, {"万斯", "Vans"}, {"萬斯", "Vans"},
    {"亚瑟士", "Asics"}, {"亞瑟士", "Asics"}, {"鲁布托", "Louboutin"}, {"魯布托", "Louboutin"},
    // Bags and fashion houses
    {"路易威登", "Louis Vuitton"}, {"古驰", "Gucci"}, {"古馳", "Gucci"}, {"普拉达", "Prada"},
    {"普拉達", "Prada"}, {"香奈儿", "Chanel"}, {"香奈兒", "Chanel"}, {"爱马仕", "Hermes"},
    {"愛馬仕", "Hermes"}, {"迈克高仕", "Michael Kors"}, {"邁克高仕", "Michael Kors"},
    {"蔻驰", "Coach"}, {"蔻馳", "Coach"}, {"迪奥", "Dior"}, {"迪奧", "Dior"}, {"芬迪", "Fendi"},
    {"巴黎世家", "Balenciaga"}, {"戈雅", "Goyard"}, {"圣罗兰", "Saint Laurent"},
    {"聖羅蘭", "Saint Laurent"}, {"杜嘉班纳", "Dolce Gabbana"}, {"杜嘉班納", "Dolce Gabbana"},
    // Sunglasses, jewellery
    {"雷朋", "Ray Ban"}, {"欧克利", "Oakley"}, {"歐克利", "Oakley"}, {"蒂芙尼", "Tiffany"},
    {"潘多拉", "Pandora"}, {"宝格丽", "Bvlgari"}, {"寶格麗", "Bvlgari"},
    {"梵克雅宝", "Van Cleef"}, {"梵克雅寶", "Van Cleef"}, {"施华洛世奇", "Swarovski"},
    {"施華洛世奇", "Swarovski"},
    // Apparel
    {"巴宝莉", "Burberry"}, {"巴寶莉", "Burberry"}, {"博柏利", "Burberry"},
    {"盟可睐", "Moncler"}, {"盟可睞", "Moncler"}, {"加拿大鹅", "Canada Goose"},
    {"加拿大鵝", "Canada Goose"}, {"拉夫劳伦", "Ralph Lauren"}, {"拉夫勞倫", "Ralph Lauren"},
    {"石头岛", "Stone Island"}, {"石頭島", "Stone Island"}, {"卡尔文克莱因", "Calvin Klein"},
    {"卡爾文克萊因", "Calvin Klein"},
    // Electronics: Apple's and Samsung's names only with the goods they make.
    {"苹果手机", "Apple iPhone 手机"}, {"蘋果手機", "Apple iPhone 手機"},
    {"苹果手表", "Apple Watch"}, {"蘋果手錶", "Apple Watch"}, {"苹果耳机", "Apple 耳机"},
    {"蘋果耳機", "Apple 耳機"}, {"三星手机", "Samsung 手机"}, {"三星手機", "Samsung 手機"},
    {"戴森", "Dyson"},
};

// One-character goods words as they follow a brand ("古驰包", a Gucci bag).
// Alone each is many words' part (包 in 包装, packaging; 表 in 表带, a watch
// strap): only right after a name, and only with no ideograph after it.
constexpr ChineseName kGoodsCharacters[] = {
    {"包", "handbag"}, {"鞋", "shoes"}, {"表", "watch"}, {"錶", "watch"}};

// The length in bytes of the UTF-8 character at text[at] when it is a CJK
// unified ideograph (U+4E00..U+9FFF: lead bytes E4..E9), else 0.
size_t IdeographAt(std::string_view text, size_t at) {
  if (at + 3 > text.size()) return 0;
  const auto lead = static_cast<unsigned char>(text[at]);
  return lead >= 0xE4 && lead <= 0xE9 ? 3 : 0;
}

// kNames by their first character (its three UTF-8 bytes), longest first.
const absl::flat_hash_map<absl::string_view, std::vector<const ChineseName*>>& NamesByFirst() {
  static const auto* by_first = [] {
    auto* map = new absl::flat_hash_map<absl::string_view, std::vector<const ChineseName*>>;
    for (const ChineseName& name : kNames) {
      (*map)[absl::string_view(name.written.data(), 3)].push_back(&name);
    }
    for (auto& [first, names] : *map) {
      std::sort(names.begin(), names.end(), [](const ChineseName* a, const ChineseName* b) {
        return a->written.size() > b->written.size();
      });
    }
    return map;
  }();
  return *by_first;
}

}  // namespace

bool SpellChineseBrandsInLatin(std::string_view text, std::string* out) {
  // Most descriptions have no ideograph: one pass over their bytes.
  if (std::none_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0xE4 && byte <= 0xE9;
      })) {
    return false;
  }
  const auto& by_first = NamesByFirst();
  out->clear();
  bool found = false;
  for (size_t at = 0; at < text.size();) {
    const ChineseName* name = nullptr;
    if (IdeographAt(text, at) > 0) {
      const auto it = by_first.find(absl::string_view(text.data() + at, 3));
      if (it != by_first.end()) {
        for (const ChineseName* candidate : it->second) {
          if (text.compare(at, candidate->written.size(), candidate->written) == 0) {
            name = candidate;
            break;
          }
        }
      }
    }
    if (name == nullptr) {
      out->push_back(text[at]);
      ++at;
      continue;
    }
    found = true;
    out->push_back(' ');
    out->append(name->latin);
    out->push_back(' ');
    at += name->written.size();
    for (const ChineseName& goods : kGoodsCharacters) {
      const size_t end = at + goods.written.size();
      if (text.compare(at, goods.written.size(), goods.written) == 0 &&
          IdeographAt(text, end) == 0) {
        out->append(goods.latin);
        out->push_back(' ');
        at = end;
        break;
      }
    }
  }
  return found;
}

}  // namespace placi::core
