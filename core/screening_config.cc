// Default rules. The vague-description list follows the ICS2 stop-word
// guidance (descriptions rejected when a stop word is the whole
// description); see README "Rules" for how to change them.
#include "core/screening_config.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/default_categories.h"
#include "core/normalize.h"

namespace placi::core {
namespace {

constexpr const char* kVagueDescriptions[] = {
    "accessories", "accessory", "apparel", "articles", "as ordered", "as per invoice",
    "auto parts", "bag", "bags", "belongings", "car parts", "chemicals", "clothes",
    "clothing", "commodities", "consolidated", "consolidated cargo", "consolidation",
    "cosmetics", "daily necessities", "daily use items", "document", "documents",
    "electronic", "electronic goods", "electronic parts", "electronics", "equipment",
    "fabric", "fabrics", "fak", "food", "foodstuff", "foodstuffs", "freight of all kinds",
    "garments", "general cargo", "general merchandise", "gift", "gift box", "gifts", "goods",
    "hardware", "household goods", "household items", "industrial products", "item", "items",
    "machine", "machine parts", "machinery", "machines", "merchandise", "metal", "metals",
    "misc", "miscellaneous", "new goods", "other", "parts", "personal effects",
    "personal items", "plastic", "plastics", "present", "presents", "product", "products",
    "said to contain", "sample", "samples", "shoes", "spare parts", "stc", "stuff",
    "sundries", "textile", "textiles", "tools", "toys", "various", "various goods",
    "wearing apparel", "n a", "na", "none", "tbd", "tba", "unknown",
    // Near forms of the English stop words: a gift or a sample is no more
    // precise for whom or why it is sent.
    "garment", "apparels", "gadget", "gadgets", "souvenir", "souvenirs", "gift items",
    "gift for friend", "gifts for friends", "gift for you", "birthday gift", "christmas gift",
    "personal gift", "free sample", "free samples", "no commercial value",
    "gift no commercial value", "sample no commercial value",
    // Filler written where a description should be.
    "x", "xx", "xxx", "xxxx", "asdf", "test", "tbc", "see invoice", "see attached",
    "as attached", "as described", "see description", "null", "nil", "description",
    "lorem ipsum",
    // The same stop words in the languages carriers see most (and Portuguese). Folded with the
    // description (FoldText: "Zubehör" → "zubehor", "подарок" → "podarok",
    // "礼物" → "li wu"), so the rules file lists the folded forms.
    // German
    "geschenk", "geschenke", "muster", "warenmuster", "ersatzteile", "teile", "zubehör",
    "kleidung", "bekleidung", "schuhe", "ware", "waren", "elektronik", "dokumente",
    "sonstiges", "diverses", "artikel",
    // French
    "cadeau", "cadeaux", "échantillon", "échantillons", "vêtements", "accessoires",
    "pièces détachées", "pièces", "marchandise", "marchandises", "chaussures", "divers",
    "articles divers", "produits", "électronique",
    // Spanish
    "regalo", "regalos", "muestra", "muestras", "ropa", "accesorios", "repuestos", "piezas",
    "mercancía", "mercancías", "productos", "zapatos", "varios", "artículos", "documentos",
    // Portuguese
    "presente", "presentes", "amostra", "amostras", "roupas", "peças", "mercadoria",
    // Italian
    "campione", "campioni", "abbigliamento", "vestiti", "accessori", "ricambi",
    "pezzi di ricambio", "merce", "merci", "prodotti", "articoli", "scarpe", "varie", "documenti",
    // Russian
    "подарок", "подарки", "образец", "образцы", "одежда", "аксессуары", "запчасти",
    "запасные части", "товар", "товары", "обувь", "электроника", "документы", "посылка",
    // Turkish
    "hediye", "numune", "giysi", "kıyafet", "giyim", "aksesuar", "yedek parça", "eşya",
    "ürün", "ürünler", "ayakkabı", "belge", "tekstil",
    // Chinese
    "礼物", "礼品", "样品", "配件", "服装", "衣服", "鞋", "鞋子", "商品", "货物", "零件",
    "电子产品", "日用品", "文件", "杂货", "物品", "部件"};

// Stop-word phrases whose words alone are precise enough: "phone
// accessories" says nothing of what the goods are, but "mobile phone" and
// "phone case" do (a case is an article one can classify), so "phone",
// "mobile" and "case" must not become filler words. Vague only as the whole
// description.
constexpr const char* kVagueWholePhrases[] = {
    "phone accessories", "mobile accessories", "mobile phone accessories",
    "cell phone accessories", "phone parts", "mobile parts", "mobile phone parts",
    "computer accessories", "computer parts", "car accessories", "fashion accessories"};

// Whole names, and (one word each) the placeholder words a name or an
// address part made only of names nobody: in other languages and
// transliterated ("неизвестно" → "neizvestno", 未知 → "weizhi"), roles
// written for a name ("customer", "receiver"), fillers ("tbd", "dummy").
constexpr const char* kUnacceptablePartyNames[] = {
    "unknown", "unknown unknown", "private", "private person", "private individual",
    "n a", "na", "none", "null", "nil", "tbd", "tba", "test", "xxx", "x", "anonymous",
    "customer", "consignee", "consignor", "shipper", "receiver", "sender", "to order",
    "same as above", "as above", "see invoice", "various",
    "unknow", "unbekannt", "inconnu", "desconocido", "desconhecido", "sconosciuto", "nieznany",
    "neznamy", "onbekend", "okand", "bilinmiyor", "neizvestno", "neizvestnyj", "weizhi", "fumei",
    "nn", "xx", "anonym", "anon", "privat", "client", "recipient", "buyer", "addressee", "name",
    "person", "individual", "unnamed", "noname", "dummy", "nobody"};

// The long placeholder words, which a typo does not hide ("unkown",
// "reciever"): a word one edit from one of them counts as it.
constexpr const char* kTypoTolerantPartyWords[] = {
    "unknown",  "unbekannt", "desconocido", "sconosciuto", "neizvestno", "anonymous",
    "customer", "consignee", "consignor",   "receiver",    "recipient",  "addressee"};

constexpr const char* kFillerWords[] = {
    "a", "an", "and", "or", "of", "for", "the", "with", "other", "others", "assorted",
    "mixed", "new", "used", "set", "sets", "pcs", "pc", "piece", "pieces", "lot", "lots",
    "box", "boxes", "package", "packages", "parcel", "order", "etc", "some", "kind", "kinds",
    "all", "x", "qty", "unit", "units", "per", "to",
    // The same in the main carrier languages, folded ("für" → "fur").
    "und", "fur", "stuck", "stk", "et", "pour", "y", "para", "e", "di", "per", "ve", "i",
    "dlya"};

// Accessories named after the device they serve ("phone case", "watch
// strap", "charging cable for iphone"), singular and plural.
constexpr const char* kAccessoryWords[] = {
    "case", "cases", "cover", "covers", "holder", "holders", "stand", "stands", "mount",
    "mounts", "protector", "protectors", "strap", "straps", "band", "bands", "pouch",
    "pouches", "sleeve", "sleeves", "skin", "skins", "bumper", "bumpers", "cable", "cables",
    "cord", "cords", "lanyard", "lanyards", "film", "films", "grip", "grips", "dock", "docks",
    "cradle", "cradles",
    // The same, folded, in the languages of default_categories.cc, so that
    // "Hülle für Mobiltelefon", "funda para teléfono móvil" and "cep telefonu
    // kılıfı" read as a case, not a phone. Head-first languages name the
    // device after a purpose word ("für", "para"; goods_rules.cc).
    "hulle", "hullen", "schutzhulle", "schutzhullen", "etui", "etuis", "halterung",
    "halterungen", "schutzfolie", "schutzfolien", "panzerglas", "armband", "armbander",
    "ladekabel",  // German
    "coque", "coques", "housse", "housses",  // French
    "funda", "fundas", "carcasa", "carcasas", "soporte", "soportes", "correa", "correas",
    "custodia", "custodie", "supporto", "supporti", "cinturino", "cinturini", "pellicola",
    "pellicole", "cavo", "cavi",  // Spanish, Italian
    "hoesje", "hoesjes", "hoes", "hoezen", "houder", "houders", "bandje", "bandjes",
    "screenprotector", "screenprotectors",  // Dutch
    "kilif", "kilifi", "kiliflar", "kiliflari", "kapak", "kapagi", "tutucu", "tutucusu",
    "kordon", "kordonu", "kayis", "kayisi", "kablo", "kablosu", "koruyucu",
    "koruyucusu",  // Turkish
    "pokrowiec", "uchwyt", "pasek", "paski",  // Polish
    // Chinese, one syllable a word as FoldText makes it, by two syllables
    // (goods_rules.cc): a syllable alone is many words ("ke": 壳 a case, 克
    // grams). A device's case, film, sleeve, cable (机壳, 机膜, 机套, 机线:
    // 手机壳, 耳机线), stand (支架), protective film and case (保护膜,
    // 钢化膜, 保护壳), data and charging cable (数据线, 电线), a watch's strap
    // and box (表带, 表盒), shoelaces (鞋带), a glasses case and pouch (镜盒,
    // 镜袋), a perfume bottle (水瓶).
    "ji ke", "ji mo", "ji tao", "ji xian", "zhi jia", "hu mo", "hua mo", "hu ke", "ju xian",
    "dian xian", "biao dai", "biao he", "xie dai", "jing he", "jing dai", "shui ping"};

// Where fakes concentrate (OECD-EUIPO; domain.md). Small points: an HS
// chapter says little alone, it adds to other indicators.
// Sunglasses are 9004.10: reading glasses and other spectacles (9004.90)
// are not where fakes concentrate.
// Counterfeit vocabulary in the languages of the main provenances and
// destinations (domain.md: China, Hong Kong, Türkiye; EU customs), as the
// service folds it ("Fälschung" = "falschung", "高仿" = "gao fang").
// Words no honest goods are described by ask for an IPR examination;
// words honest goods use too ("replica jersey", "1:18 replica model car",
// "fake fur", "counterfeit money detector", "Leder-Imitat", "复刻" for a
// re-issued sneaker, "çakma" also "hammered") add points only, towards the
// hold threshold with other indicators. Left out: "AAA" alone (AAA
// batteries), "1:1 copy" and such (four words read: every text would be
// read in runs of four; "1:1" is a hint and "copy watch" a term), English
// and French "imitation" (HS 7117 is "imitation
// jewellery", and "imitation leather" is a material: with a category's
// value floor it held honest goods), and the sneaker slang "reps" (sales
// reps, repetitions).
constexpr int kCounterfeitPoints = 60;
constexpr int kCounterfeitHintPoints = 25;
constexpr const char* kCounterfeitTerms[] = {
    "counterfeit goods", "knockoff", "knock-off", "super copy", "super fake", "mirror quality",
    "mirror grade", "AAA quality", "AAA grade", "AAA replica", "UA version", "UA quality", "unauthorized authentic", "high copy",
    "top copy", "copy watch", "replica watch", "replica bag", "replica handbag",
    // German, French, Spanish, Italian
    "Fälschung", "gefälscht", "gefälschte", "Super Kopie", "contrefaçon", "contrefait",
    "contrefaite", "qualité miroir", "falsificación", "falsificado", "falsificada",
    "calidad espejo", "contraffazione", "contraffatto", "contraffatta",
    // Russian, Chinese, Japanese
    "подделка", "高仿", "仿品", "精仿", "A货", "1比1", "スーパーコピー", "コピー品"};
constexpr const char* kCounterfeitHints[] = {
    "counterfeit", "replica", "fake", "1:1", "dupe", "Imitat", "Nachbildung",
    "Kopie", "réplique", "imitación", "imitazione", "falso", "çakma", "taklit", "sahte",
    "复刻", "原单"};

const HsRisk kHsRisks[] = {
    {"64", 10, "footwear"},          {"900410", 10, "sunglasses"},
    {"91", 10, "watches"},           {"42", 10, "leather goods and bags"},
    {"71", 10, "jewellery"},         {"33", 5, "perfume and cosmetics"},
    {"95", 5, "toys"},               {"61", 5, "knitted apparel"},
    {"62", 5, "woven apparel"},      {"8517", 5, "phones"},
    {"8518", 5, "earphones and speakers"}, {"8504", 5, "chargers"}};

}  // namespace

ScreeningConfig ScreeningConfig::Default() {
  ScreeningConfig config;
  for (const char* words : kVagueDescriptions) {
    config.vague_descriptions.insert(FoldText(words));
    // The words of a vague phrase are no more precise on their own: "spare"
    // in "2 pcs spare parts". Not the syllables a word written without
    // spaces folds to: "礼物" → "li wu", and "li" is no filler word.
    const std::string_view raw(words);
    const bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return (c & 0x80) == 0; });
    if (!ascii && raw.find(' ') == std::string_view::npos) continue;
    for (std::string& word : FoldTokens(words)) config.filler_words.insert(std::move(word));
  }
  for (const char* phrase : kVagueWholePhrases) config.vague_descriptions.insert(FoldText(phrase));
  for (const char* word : kFillerWords) config.filler_words.insert(word);
  for (const char* name : kUnacceptablePartyNames) {
    config.unacceptable_party_names.insert(FoldText(name));
  }
  for (const char* word : kTypoTolerantPartyWords) {
    config.typo_tolerant_party_words.insert(FoldText(word));
  }
  for (const char* word : kAccessoryWords) config.accessory_words.insert(word);
  config.hs_risks.assign(std::begin(kHsRisks), std::end(kHsRisks));
  config.categories = DefaultCategories();
  for (const char* term : kCounterfeitTerms) {
    config.counterfeit_terms.push_back({term, kCounterfeitPoints, Referral::kIprExamination});
  }
  for (const char* term : kCounterfeitHints) {
    config.counterfeit_terms.push_back({term, kCounterfeitHintPoints, Referral::kNone});
  }
  // De-minimis reliefs in force on 2026-11-29. The US suspended its relief
  // in Aug 2025 and the EU ended its EUR 150 relief on 1 July 2026: no entry,
  // so no "just under" flag there. Change with the law, in configuration.
  config.de_minimis = {{"GB", "GBP", 135}, {"CA", "CAD", 150}, {"AU", "AUD", 1000},
                       {"JP", "JPY", 10000}, {"NZ", "NZD", 1000}};
  config.origin_points = {{"CN", 5}, {"HK", 5}, {"TR", 5}, {"IN", 3}, {"SG", 3}};
  config.free_zone_transit_countries = {"AE", "PA", "HK", "SG"};
  // Approximate rates (EUR per unit, rounded, late 2026) for screening only:
  // the value rules ask whether a value is far below what goods cost, which
  // a rate a few percent off does not change. Not for duty or accounting.
  // Currencies carriers commonly declare; one missing here gets
  // CURRENCY_WITHOUT_RATE (a note) and its value is not judged. Left out on
  // purpose: currencies whose rate moves by tens of percent a year (ARS).
  config.eur_per_unit = {{"EUR", 1.0},   {"USD", 0.92},  {"GBP", 1.17},   {"CNY", 0.13},
                         {"HKD", 0.12},  {"JPY", 0.0062}, {"CAD", 0.67},  {"AUD", 0.60},
                         {"NZD", 0.55},  {"CHF", 1.05},  {"TRY", 0.027},  {"INR", 0.011},
                         {"SGD", 0.69},  {"AED", 0.25},  {"KRW", 0.00068}, {"PLN", 0.23},
                         {"SEK", 0.088}, {"DKK", 0.134}, {"NOK", 0.086},  {"MXN", 0.05},
                         {"BRL", 0.17},  {"VND", 0.000036}, {"THB", 0.026}, {"MYR", 0.2},
                         {"CZK", 0.041}, {"HUF", 0.0026}, {"RON", 0.20},
                         {"ISK", 0.0068}, {"RSD", 0.0085}, {"UAH", 0.021}, {"RUB", 0.011},
                         {"KZT", 0.0017}, {"GEL", 0.32},  {"ZAR", 0.049},  {"EGP", 0.018},
                         {"MAD", 0.093}, {"NGN", 0.0006}, {"KES", 0.0067}, {"TWD", 0.028},
                         {"IDR", 0.000053}, {"PHP", 0.015}, {"PKR", 0.0031}, {"BDT", 0.0071},
                         {"LKR", 0.0029}, {"SAR", 0.23},  {"QAR", 0.24},   {"KWD", 2.8},
                         {"ILS", 0.26},  {"CLP", 0.00092}, {"COP", 0.00023}, {"PEN", 0.25}};
  return config;
}

}  // namespace placi::core
