// Default rules. The vague-description list follows the ICS2 stop-word
// guidance (descriptions rejected when a stop word is the whole
// description); see README "Rules" for how to change them.
#include "core/screening_config.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
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
    "lorem ipsum", "see below", "see list", "see packing list", "packing list",
    "details in invoice", "details on invoice", "shipment", "part", "spare part",
    // What a web form or script writes for a field it never filled
    // (review24: "undefined", "NaN" and "[object Object]" were precise,
    // where "null" and "None" were vague).
    "undefined", "nan", "object object",
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
    "电子产品", "日用品", "文件", "杂货", "物品", "部件", "赠品",
    // review26: the Chinese of English stop words that were vague while
    // these were precise: "toys", "cosmetics", "jewellery", "bags", "food"
    // ("饰品", ornaments and accessories, folds as "shi pin" as "食品" does).
    "玩具", "化妆品", "饰品", "首饰", "包包", "食品",
    // ICS2 is filed in every EU language (review bb3 L3): Polish, Dutch,
    // Swedish, Danish, Finnish, Czech, Hungarian, Romanian, Greek; and the
    // languages of the main e-commerce provenances beyond Chinese.
    "prezent", "prezenty", "próbka", "próbki", "części", "odzież", "ubrania", "akcesoria",
    "towar", "towary", "produkty", "dokumenty",
    "cadeautje", "cadeautjes", "onderdelen", "kleding", "schoenen", "goederen", "artikelen",
    "gåva", "gåvor", "kläder", "reservdelar", "varor", "tillbehör",
    "gave", "gaver", "tøj", "reservedele", "varer",
    "lahja", "lahjat", "näyte", "vaatteet", "varaosat", "tavarat", "tarvikkeet",
    "dárek", "dárky", "vzorek", "vzorky", "oblečení", "náhradní díly", "díly", "zboží",
    "ajándék", "ajándékok", "alkatrészek", "ruházat", "áru", "áruk",
    "cadou", "cadouri", "mostră", "mostre", "haine", "piese", "piese de schimb", "marfă",
    "δώρο", "δώρα", "δείγμα", "ρούχα", "ανταλλακτικά", "εμπορεύματα",
    "プレゼント", "ギフト", "部品", "サンプル", "衣類", "雑貨", "商品サンプル",
    "선물", "부품", "샘플", "의류", "잡화",
    "هدية", "هدايا", "عينة", "ملابس", "قطع غيار", "بضائع",
    "quà tặng", "quà", "hàng hóa", "hadiah", "barang", "ของขวัญ", "उपहार",
    "muestra gratis", "muestra sin valor comercial", "cadeau sans valeur commerciale",
    // What was bought, not what it is.
    "e-commerce goods", "ecommerce goods", "online order", "online purchase", "online shopping",
    "order", "purchase", "parcel", "package",
    // goods20: the rest of the WCO / EU / CBP lists of unacceptable terms
    // (domain.md, "Vague descriptions"), one word each: a kind of goods, not
    // goods ("footwear": leather boots or rubber sandals?), and the compounds
    // of gift and household goods in German.
    "footwear", "jewelry", "jewellery", "appliances", "furniture", "pharmaceuticals",
    "supplies", "components", "caps", "produce", "geburtstagsgeschenk", "weihnachtsgeschenk",
    "haushaltswaren", "haushaltsartikel", "elektronikartikel",
    // vague24: "NCV" ("no commercial value") declares a value, not goods,
    // as the phrase above; and the WCO list's "parts" with only what was
    // done with them ("repair parts", "replacement parts"), which makes
    // "repair" and "replacement" filler words ("car repair parts for
    // Toyota brake pads" stays precise on its other words).
    "ncv", "repair parts", "repair part", "replacement parts", "replacement part",
    // review26: more of the CBP and ICS2 lists' single words, which were
    // precise: which toiletry, which medicine, what made of the material?
    "toiletries", "medicine", "medicines", "commodity", "material", "materials"};

// Stop-word phrases whose words alone are precise enough: "phone
// accessories" says nothing of what the goods are, but "mobile phone" and
// "phone case" do (a case is an article one can classify), so "phone",
// "mobile" and "case" must not become filler words. Vague only as the whole
// description.
constexpr const char* kVagueWholePhrases[] = {
    "phone accessories", "mobile accessories", "mobile phone accessories",
    "cell phone accessories", "phone parts", "mobile parts", "mobile phone parts",
    "computer accessories", "computer parts", "car accessories", "fashion accessories",
    // goods20: more of the lists' phrases and their e-commerce forms, whose
    // words alone may be precise ("leather", "beauty", "baby", "medical").
    "phone accessory", "mobile accessory", "computer accessory", "cell phone parts",
    "electronic accessories", "electrical goods", "electrical parts", "auto accessories",
    "medical supplies", "sporting goods", "sports goods", "leather goods", "leather articles",
    "beauty products", "beauty items", "hair products", "health products", "baby products",
    "baby items", "cosmetic products", "consumer goods", "retail goods", "fashion items",
    "digital products", "household articles", "kitchen items", "personal use",
    // The same with "items", "goods", "articles" (review detect22:
    // "cosmetic items" was precise while "cosmetic products" was vague).
    "cosmetic items", "cosmetic goods", "cosmetic articles", "cosmetic item", "makeup items",
    "makeup products", "beauty goods", "personal care items", "personal care products",
    "kitchen goods", "home items", "home goods", "daily items", "daily goods", "baby goods",
    "sports items", "sport items", "electronic items", "electronics items", "fashion goods",
    "xmas gift", "christmas present", "birthday present", "gift for family", "gifts for family",
    "cadeau d'anniversaire", "regalo de cumpleaños", "подарок на день рождения", "生日礼物",
    "ropa usada", "vêtements usagés", "articles de maison",
    "amazon order", "ebay order", "temu order", "shein order", "aliexpress order"};

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
    "person", "individual", "unnamed", "noname", "dummy", "nobody",
    // Review bb4 L4: fillers and roles in the languages carriers see most,
    // folded ("Empfänger" → "empfanger", "клиент" → "klient"); and words
    // written for a street or city.
    "to be advised", "as per invoice", "see attached", "privatperson", "particulier", "kunde",
    "empfanger", "destinatario", "klient", "address", "no address", "street", "city",
    // goods20: roles for a name in the carriers' languages ("Cliente",
    // "Destinataire", "Müşteri", "Alıcı", "Klant", "Odbiorca"; the shipper
    // as "Seller", "Verkäufer", "Absender", "Expéditeur", "Remitente"), a
    // title alone ("Mr.", "Madame"), and phrases written for a name.
    "resident", "occupant", "cliente", "destinataire", "musteri", "alici", "klant", "odbiorca",
    "seller", "merchant", "verkaufer", "absender", "expediteur", "remitente", "mittente",
    "afzender", "nadawca", "gonderici", "mr", "mrs", "ms", "madame", "monsieur", "herr", "frau",
    "no name", "valued customer", "amazon customer", "current resident", "the occupant",
    "see above",
    // review24: what a web form or script writes for a field it never
    // filled, as "null" and "None" (not "NaN": Nan is a given name).
    "undefined", "object object"};

// The long placeholder words, which a typo does not hide ("unkown",
// "reciever"): a word one edit from one of them counts as it.
constexpr const char* kTypoTolerantPartyWords[] = {
    "unknown",  "unbekannt", "desconocido", "sconosciuto", "neizvestno", "anonymous",
    "customer", "consignee", "consignor",   "receiver",    "recipient",  "addressee"};

// Indicators of a customs or IP risk (domain.md, "Risk indicators for
// counterfeit small parcels"): a score hold they carry asks for the customs
// examination, not for aviation-security screening.
constexpr const char* kCustomsIndicators[] = {
    "WATCHLIST_BRAND_TERM", "WATCHLIST_DESCRIPTION_TERM", "HIGH_RISK_HS_CODE",
    "HS_DESCRIPTION_MISMATCH", "UNDERVALUED_GOODS", "DISGUISED_BRAND", "JUST_UNDER_DE_MINIMIS",
    "GIFT_FROM_SELLER",
    "HIGH_RISK_ORIGIN", "FREE_ZONE_TRANSIT", "SPLIT_SHIPMENT", "CONSIGNEE_VELOCITY",
    "SELLER_CONSIGNEE_REPEAT", "SELLER_ADDRESS_REPEAT", "RESHIPPER_ADDRESS",
    "MASTER_WAYBILL_SPLIT",
    // The rules' counterfeit vocabulary, as the watchlist's description
    // terms above (review24: "dupe fake leather handbag" was held on the
    // points of its two terms and asked for screening, an X-ray).
    "COUNTERFEIT_TERM"};

// Parts, supplies and things named after the goods they serve or the
// article they depict, read as accessories are (kAccessoryWords): a
// "pendant lamp" is a lamp, a "watch battery" a battery, a "clutch kit" a
// motorcycle part, "shoe laces" laces, an "Omega 3 capsule" a supplement,
// "apple wood chips" wood, a "coach bus model" a toy.
constexpr const char* kPartWords[] = {
    "lamp", "lamps", "light", "lights", "bulb", "bulbs", "fixture", "fixtures", "battery",
    "batteries", "kit", "kits", "laces", "shoelaces", "cleaner", "cleaners", "insert", "inserts",
    "organizer", "organizers", "organiser", "organisers", "prints", "whistle", "whistles",
    "model", "models", "capsules", "capsule", "chips", "part", "parts", "clicker", "clickers",
    "refill", "refills", "plate", "plates", "links", "sticker", "stickers", "keychain",
    "keychains", "keyring", "keyrings",
    // goods20: boxes named after what they keep, read as two words (a box
    // alone may be a branded watch's "box and papers"): "jewelry box,
    // wooden" under 4420 read as jewellery, far below its value per kg.
    "jewelry box", "jewelry boxes", "jewellery box", "jewellery boxes", "watch box",
    "watch boxes", "watch winder", "watch winders"};

// The other lines of the default categories' brands, by category name:
// fashion houses make perfume and cosmetics (33), clothes, shoes,
// jewellery, sunglasses and watches; sports brands clothes, bags and sports
// goods (9506); clothing brands perfume, bags, shoes and sunglasses; jewellers
// watches and perfume. Watch and electronics brands make their own kind.
void AddBrandLines(std::vector<GoodsCategory>* categories) {
  struct Lines {
    const char* category;
    std::vector<std::string> hs_prefixes;
  };
  const Lines kLines[] = {
      {"bags", {"33", "61", "62", "64", "71", "9004", "9101", "9102"}},
      {"footwear", {"61", "62", "4202", "9506"}},
      {"apparel", {"33", "42", "64", "9004"}},
      {"jewellery", {"33", "9101", "9102"}}};
  for (GoodsCategory& category : *categories) {
    for (const Lines& lines : kLines) {
      if (category.name == lines.category) category.brand_line_hs_prefixes = lines.hs_prefixes;
    }
  }
}

// Branded articles whose genuine price is far above their category's
// branded unit floor (ScreeningConfig::branded_products). Each floor is the
// least a new genuine article of the name costs in the EU (late 2026,
// rounded down: the cheapest model still sold new, a controller rather than
// a console), so that a quarter of it (far_undervalued_fraction) is a price
// only a fake is sold at; used goods are left to the category floors (a
// description saying "used", "refurbished", … names no product). The
// headings are the article's own, never its parts' or accessories' (851779
// phone parts, 851890 ear tips, 850870 vacuum parts). Where a name covers
// cheap and dear models, the dear ones are listed apart with their own
// floor, and the dearest floor a description names applies: "iPhone 15
// Pro" is held to the Pro's floor, "iPhone 11" to the iPhone's.
//
// The floors, and what a quarter of each holds (brands19, after review bb5
// found a 40 EUR iPhone 15 Pro and 40-100 USD Air Jordans released):
//  - iPhone 300: the cheapest new iPhone costs ~600 EUR (an iPhone 16e),
//    old models sold new by resellers 350-450; held under 75 EUR, below a
//    used iPhone 11's resale. The Pro models of 2023-2025 700: Apple sells
//    them at 1,000-1,300 EUR, resellers' new stock of a 15 Pro ~800; held
//    under 175 EUR, below even a used 15 Pro's resale (~450).
//  - Samsung Galaxy 80 (a Galaxy A0x ~100 EUR); its S and Z flagships of
//    2024-2026 400 (an S24 ~600 new by late 2026, a Z Flip more): held
//    under 100 EUR.
//  - AirPods 100 (AirPods 4 ~130 EUR), AirPods Pro and Max 200 (a Pro 2
//    ~230 EUR at a discount): held under 25 and 50 EUR, where fakes are
//    declared (5-30 USD).
//  - Apple Watch 200 (an SE ~270), iPad 300 (the base iPad ~380), MacBook
//    700 (a MacBook Air ~1,000; refurbished ones ~700).
//  - Air Jordan 160 (footwear, 6402-6404): an adult Air Jordan 1 costs
//    130-190 EUR at retail (Low, Mid, High OG), 70-90 EUR at a deep sale;
//    held under 40 EUR (~43 USD), the price the replica sites sell at.
//    A 60-100 USD pair is not held by its value alone (a sale, a kids'
//    size): the brand and the other indicators decide. Kids' and babies'
//    sizes (a crib bootie ~50 EUR) name no product (goods_rules.cc).
struct DefaultProduct {
  std::initializer_list<const char*> names;
  std::initializer_list<const char*> hs_prefixes;
  double min_value_eur_per_unit;
  absl::Span<const char* const> kind_words = {};
};

// The words naming each product's own kind (BrandedProduct::kind_words), in
// the languages of default_categories.cc: under a heading not the product's
// own, "iPhone 15 Pro smartphone" is a phone and "Rolex Submariner watch"
// under 9113 (straps) a watch, while "Louis Vuitton Zippy wallet" under
// 4202.31 is a wallet (goods20). Chinese as the fold reads it: 手机 "shou
// ji", 耳机 "er ji", 手表 "shou biao", 手提包 "shou ti bao", 运动鞋 "yun dong
// xie".
constexpr const char* kPhoneWords[] = {
    "smartphone", "smartphones", "phone", "phones", "mobile phone", "mobile phones", "cell phone",
    "cellphone", "handy", "Mobiltelefon", "Mobiltelefone", "téléphone", "téléphone portable",
    "téléphones portables", "teléfono", "teléfono móvil", "teléfonos móviles", "teléfono celular",
    "teléfonos celulares", "celular", "telefono", "telefono cellulare", "telefoni cellulari",
    "mobiele telefoon", "mobiele telefoons", "cep telefonu", "cep telefonları", "akıllı telefon",
    "telefon", "smartfon", "手机", "智能手机"};
constexpr const char* kEarphoneWords[] = {
    "earphones", "earphone", "earbuds", "earbud", "headphones", "headphone", "headset", "Kopfhörer",
    "Ohrhörer", "écouteurs", "casque audio", "auriculares", "auricolari", "oortjes", "koptelefoon",
    "kulaklık", "słuchawki", "耳机"};
constexpr const char* kWatchWords[] = {
    "watch", "watches", "wristwatch", "wristwatches", "chronograph", "chronographs", "Uhr", "Uhren",
    "Armbanduhr", "Herrenuhr", "Damenuhr", "montre", "montres", "chronographe", "reloj de pulsera",
    "orologio da polso", "cronografo", "kol saati", "zegarek", "手表"};
constexpr const char* kHandbagWords[] = {
    "handbag", "handbags", "bag", "bags", "shoulder bag", "tote", "tote bag", "crossbody bag",
    "Handtasche", "Handtaschen", "Tasche", "sac", "sac à main", "bolso", "bolsos", "borsa", "borse",
    "handtas", "tas", "torebka", "手提包"};
constexpr const char* kSmartwatchWords[] = {
    "smartwatch", "smartwatches", "montre connectée", "akıllı saat", "智能手表", "watch", "watches",
    "wristwatch", "wristwatches", "chronograph", "chronographs", "Uhr", "Uhren", "Armbanduhr",
    "Herrenuhr", "Damenuhr", "montre", "montres", "chronographe", "reloj de pulsera",
    "orologio da polso", "cronografo", "kol saati", "zegarek", "手表"};
constexpr const char* kTabletWords[] = {"tablet", "tablets", "tablette", "tableta", "tablet pc"};
constexpr const char* kLaptopWords[] = {"laptop", "laptops", "notebook", "notebooks",
                                        "ordinateur portable"};
constexpr const char* kConsoleWords[] = {"console", "consoles", "game console", "Spielkonsole",
                                         "consola", "konsol"};
constexpr const char* kStylerWords[] = {
    "hair dryer", "hairdryer", "hair styler", "styler", "vacuum cleaner", "vacuum", "Föhn",
    "Haartrockner", "Staubsauger", "sèche-cheveux", "aspirateur", "secador", "aspiradora"};
constexpr const char* kSneakerWords[] = {
    "sneakers", "sneaker", "shoes", "shoe", "trainers", "basketball shoes", "Turnschuhe",
    "Schuhe", "Sneaker", "chaussures", "baskets", "zapatillas", "scarpe", "ayakkabı", "buty",
    "运动鞋", "球鞋"};
// detect26: the luxury houses' shoes, sunglasses and clothes, and their
// jewellery (below).
constexpr const char* kLuxuryShoeWords[] = {
    "sneakers", "sneaker", "shoes", "shoe", "trainers", "heels", "high heels", "pumps",
    "stilettos", "sandals", "slides", "loafers", "boots", "Turnschuhe", "Schuhe", "Sneaker",
    "Pumps", "chaussures", "escarpins", "baskets", "zapatillas", "zapatos", "tacones", "scarpe",
    "ayakkabı", "buty", "运动鞋", "球鞋", "高跟鞋"};
constexpr const char* kSunglassesWords[] = {
    "sunglasses", "Sonnenbrille", "Sonnenbrillen", "lunettes de soleil", "gafas de sol",
    "occhiali da sole", "zonnebril", "güneş gözlüğü", "okulary przeciwsłoneczne", "太阳镜", "墨镜"};
constexpr const char* kGarmentWords[] = {
    "t shirt", "tshirt", "t shirts", "tshirts", "shirt", "shirts", "hoodie", "hoodies",
    "sweatshirt", "sweater", "jacket", "jackets", "tracksuit", "polo", "polo shirt", "dress",
    "jeans", "T恤", "卫衣"};
constexpr const char* kJewelleryWords[] = {
    "bracelet", "bracelets", "necklace", "necklaces", "ring", "rings", "earrings", "pendant",
    "bangle", "Armband", "Halskette", "Ring", "Ohrringe", "bague", "collier", "pulsera",
    "collar", "anillo", "bracciale", "collana", "anello", "手链", "项链", "戒指", "耳环"};

const DefaultProduct kBrandedProducts[] = {
    // Phones: 8517.13/14 (8517.12 before HS 2022, still written).
    {{"iPhone"}, {"851712", "851713", "851714"}, 300, kPhoneWords},
    {{"iPhone 15 Pro", "iPhone 16 Pro", "iPhone 17 Pro"},
     {"851712", "851713", "851714"},
     700,
     kPhoneWords},
    {{"Samsung Galaxy"}, {"851712", "851713", "851714"}, 80, kPhoneWords},
    {{"Galaxy S24", "Galaxy S25", "Galaxy S26", "Galaxy Z Fold", "Galaxy Z Flip"},
     {"851712", "851713", "851714"},
     400,
     kPhoneWords},
    {{"AirPods"}, {"851830"}, 100, kEarphoneWords},
    {{"AirPods Pro", "AirPods Max"}, {"851830"}, 200, kEarphoneWords},
    {{"Apple Watch"},
     {"851762"},
     200,
     kSmartwatchWords},
    {{"iPad"}, {"847130"}, 300, kTabletWords},
    {{"MacBook"}, {"847130"}, 700, kLaptopWords},
    // Consoles and their controllers (9504.50); games are media (8523).
    {{"PlayStation", "PS5", "PS4", "Xbox"},
     {"950450"},
     50,
     kConsoleWords},
    // Hair stylers and dryers, vacuum cleaners, fans.
    {{"Dyson", "Airwrap"},
     {"851631", "851632", "850811", "850819", "850860", "841451"},
     150,
     kStylerWords},
    // The luxury outerwear houses' clothes, where apparel has no unit floor
    // (brands25: a 25 EUR "Canada Goose parka" was a quarter of the old 100
    // EUR floor and released). Their cheapest new garment, a T-shirt or a
    // polo, costs 150-300 EUR (Moncler, Canada Goose, Burberry) or ~120
    // (Stone Island): held under 37 and 25 EUR. Their down jackets, parkas
    // and coats, named with the house, cost 800-2,000 EUR new (a Moncler or
    // Canada Goose down vest ~600): held under 100 EUR. Scarves are
    // apparel's (6117, 6214): a Burberry scarf costs 350 EUR and more.
    {{"Canada Goose", "Moncler", "Burberry"}, {"61", "62"}, 150},
    {{"Stone Island"}, {"61", "62"}, 100},
    {{"Canada Goose parka", "Canada Goose jacket", "Canada Goose coat", "Canada Goose down",
      "Canada Goose vest", "Moncler parka", "Moncler jacket", "Moncler coat", "Moncler down",
      "Moncler puffer", "Moncler vest", "Moncler gilet", "Burberry trench", "Burberry coat",
      "Burberry jacket"},
     {"6101", "6102", "6201", "6202", "6211"},
     400},
    // Sneakers with rubber, leather or textile uppers (above).
    {{"Air Jordan"},
     {"6402", "6403", "6404"},
     160,
     kSneakerWords},
    // review8d: the models sellers of fakes name instead of the brand, which
    // a brand filter would catch ("Jordan 1 Retro High", "Yeezy Boost 350",
    // "Air Force 1", "Dunk Low", "Submariner", "Birkin 30", "Neverfull MM"),
    // held to their house's article floor. Only names no other goods carry:
    // a description without an HS code that names a model is held to it
    // unless its words name other goods, so "Speedy" and "Kelly" alone
    // (words), "Daytona" (a beach towel), "Nautilus" (a shell), "Royal Oak"
    // (a table), "Day-Date" (a cheap watch's display) and "GG Marmont" (a
    // belt too) are left out, and "Air Max" is read with its number. "Air
    // Force 1 model airplane" or a "Submariner strap" stays what it is
    // (part and accessory words). Jordans and Yeezys retail at 130-250 EUR
    // (held under 40), the Nike classics at 110-160 (held under 25).
    {{"Jordan 1", "Jordan 3", "Jordan 4", "Jordan 5", "Jordan 6", "Jordan 11", "Jordan 12",
      "Jordan 13", "Jordan Retro", "Yeezy"},
     {"6402", "6403", "6404"},
     160,
     kSneakerWords},
    {{"Air Force 1", "Dunk Low", "Dunk High", "SB Dunk", "Air Max 1", "Air Max 90", "Air Max 95",
      "Air Max 97", "Air Max Plus"},
     {"6402", "6403", "6404"},
     100,
     kSneakerWords},
    // Luxury watches and handbags (review bb5 H2): a fake is declared at what
    // it sold for, 30-300 EUR, far above a quarter of the category's
    // branded floor (a Swatch's, a Guess bag's) and far below the house's
    // cheapest new article (an Oyster Perpetual ~6,000 EUR, a Speedy ~1,500).
    // Wrist and pocket watches only (9101, 9102; not straps, 9113, nor an
    // "Omega 3" capsule); handbags only (4202.21/22/29; not wallets, 4202.31,
    // nor a house's perfume or clothes).
    {{"Rolex", "Patek Philippe", "Audemars Piguet", "Hublot", "Richard Mille"},
     {"9101", "9102"},
     4000,
     kWatchWords},
    {{"Omega", "Cartier", "Breitling", "Tudor", "IWC", "Panerai"},
     {"9101", "9102"},
     2000,
     kWatchWords},
    {{"TAG Heuer"}, {"9101", "9102"}, 1000, kWatchWords},
    // review8d: the luxury models named without their house (Rolex's,
    // Patek Philippe's, Audemars Piguet's; Omega's, Breitling's, Cartier's,
    // Panerai's).
    {{"Submariner", "Datejust", "GMT-Master", "Yacht-Master", "Sea-Dweller", "Aquanaut"},
     {"9101", "9102"},
     4000,
     kWatchWords},
    {{"Speedmaster", "Seamaster", "Navitimer", "Ballon Bleu"},
     {"9101", "9102"},
     2000,
     kWatchWords},
    {{"Hermes", "Chanel"}, {"420221", "420222", "420229"}, 1500, kHandbagWords},
    {{"Louis Vuitton", "Dior", "Goyard"},
     {"420221", "420222", "420229"},
     1000,
     kHandbagWords},
    {{"Gucci", "Prada"}, {"420221", "420222", "420229"}, 500, kHandbagWords},
    // detect26: the other luxury houses' bags, which had the bags' branded
    // floor (30 EUR) alone and were released at 30 EUR: a Fendi Baguette,
    // a Balenciaga Le Cagole or Hourglass, a Bottega Veneta Jodie, a Loewe
    // Puzzle cost 1,000-3,500 EUR new (houses' price lists, 2025): held
    // under 200. Not Saint Laurent (its beauty line, "Saint Laurent
    // concealer" without an HS code, would be held as a bag) nor Celine (a
    // first name: "Celine Dion CD").
    {{"Fendi", "Balenciaga", "Bottega Veneta", "Loewe"},
     {"420221", "420222", "420229"},
     800,
     kHandbagWords},
    // detect26: the luxury houses' sneakers and shoes, where footwear's
    // branded floor (20 EUR, set by Nike's and Puma's cheap lines) held none
    // of them at 30 EUR; footwear is 84-85% of its fakes in small parcels
    // (OECD-EUIPO 2018). A Balenciaga Triple S or Track, a Dior B23, a Louis
    // Vuitton Trainer cost ~1,000 EUR new, a Gucci Ace, a Prada or a
    // Louboutin pump or sneaker 600-800, an Alexander McQueen oversized
    // sneaker or a Golden Goose Super-Star ~450-550: held under 100 EUR.
    {{"Balenciaga", "Louboutin", "Christian Louboutin", "Gucci", "Dior", "Louis Vuitton", "Prada",
      "Alexander McQueen", "Golden Goose"},
     {"6402", "6403", "6404", "6405"},
     400,
     kLuxuryShoeWords},
    // detect26: the luxury houses' sunglasses (9004.10; 77% of their fakes
    // go by small parcel, OECD-EUIPO 2018), which had the sunglasses'
    // branded floor (15 EUR, Ray-Ban's and Oakley's cheap lines) alone: a
    // Gucci, Prada, Dior, Chanel, Louis Vuitton, Balenciaga, Fendi or Tom
    // Ford pair costs 250-600 EUR new, a Cartier one 700 and more: held
    // under 50 EUR. Not Ray-Ban nor Oakley, whose genuine pairs sell from
    // ~100 EUR (their category's floor holds them).
    {{"Gucci", "Prada", "Dior", "Chanel", "Louis Vuitton", "Balenciaga", "Fendi", "Tom Ford",
      "Cartier"},
     {"900410"},
     200,
     kSunglassesWords},
    // detect26: the luxury houses' clothes, where apparel has no unit
    // floor (as for the outerwear houses above): a Gucci, Dior, Louis
    // Vuitton, Prada, Balenciaga or Fendi T-shirt costs 450-800 EUR new, a
    // hoodie 900 and more: held under 50 EUR. Not Off-White ("off white" is
    // a colour), Supreme (a word) nor the mid-price houses (Lacoste, Ralph
    // Lauren, The North Face: a polo or a shirt ~100 EUR, genuine ones are
    // declared at that).
    {{"Gucci", "Dior", "Louis Vuitton", "Prada", "Balenciaga", "Fendi"},
     {"61", "62"},
     200,
     kGarmentWords},
    // detect26: the luxury jewellers' pieces (7113, precious metal), which
    // had jewellery's branded floor (15 EUR, Pandora's and Swarovski's
    // charms) alone: a Cartier Love or Juste un Clou bracelet costs 2,000
    // EUR and more, a Van Cleef & Arpels Alhambra piece ~1,500-5,000, a
    // Cartier Trinity ring ~1,000; a Bvlgari B.zero1 or Serpenti piece from
    // ~700 (silver from ~400). Held under 200 and 100 EUR. Not Tiffany (a
    // first name and a lamp), nor "Alhambra" alone (a palace's souvenirs).
    {{"Cartier", "Van Cleef", "Van Cleef Arpels", "Juste un Clou"}, {"7113"}, 800, kJewelleryWords},
    {{"Bvlgari", "Bulgari"}, {"7113"}, 400, kJewelleryWords},
    // review8d: the houses' best-known bags named without the house.
    {{"Birkin"}, {"420221", "420222", "420229"}, 1500, kHandbagWords},
    {{"Neverfull", "Keepall", "Pochette Metis", "Speedy 25", "Speedy 30", "Speedy 35",
      "Speedy Bandouliere", "Lady Dior"},
     {"420221", "420222", "420229"},
     1000,
     kHandbagWords},
};

constexpr const char* kFillerWords[] = {
    "a", "an", "and", "or", "of", "for", "the", "with", "other", "others", "assorted",
    "mixed", "new", "used", "set", "sets", "pcs", "pc", "piece", "pieces", "lot", "lots",
    "box", "boxes", "package", "packages", "parcel", "order", "etc", "some", "kind", "kinds",
    "all", "x", "qty", "unit", "units", "per", "to", "sku",
    // vague24: a count written for goods ("one parcel", "two boxes").
    "one", "two", "three",
    // The same in the main carrier languages, folded ("für" → "fur").
    "und", "fur", "stuck", "stk", "et", "pour", "y", "para", "e", "di", "per", "ve", "i",
    "dlya",
    // Whom a gift is for, which says nothing of what it is: "gift for mom",
    // "present for my wife", "Geschenk für Mama", "regalo para mamá" (a
    // precise article for them stays precise: "lipstick for mom").
    "my", "your", "his", "her", "our", "mom", "moms", "mum", "mums", "mommy", "mother",
    "mothers", "dad", "dads", "daddy", "father", "fathers", "parents", "wife", "husband",
    "girlfriend", "boyfriend", "friend", "friends", "sister", "brother", "son", "daughter",
    "grandma", "grandmother", "grandpa", "grandfather", "family", "mama", "papa", "maman",
    "mutter", "vater", "madre", "padre", "amigo", "amiga", "ami", "amie", "freund",
    "freundin"};

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
    "подделка", "高仿", "仿品", "精仿", "A货", "1比1", "スーパーコピー", "コピー品",
    // The other EU languages whose vague words the data checks read (review7:
    // "torebka podróbka", "kabelka padělek" were released where "Handtasche
    // Fälschung" is held): Polish, Czech, Hungarian, Romanian, Swedish,
    // Danish, Finnish, Dutch, Greek; each word's forms as listings write them.
    "podróbka", "podróbki", "podrobiony", "podrobiona", "podrobione", "padělek", "padělky",
    "padělaný", "padělaná", "hamisítvány", "hamisítványok", "hamisított", "contrafăcut",
    "contrafăcută", "contrafăcute", "contrafacere", "förfalskning", "förfalskad",
    "förfalskade", "piratkopia", "piratkopior", "forfalskning", "forfalsket", "forfalskede",
    "kopivare", "kopivarer", "väärennös", "väärennetty", "väärennetyt", "namaakproduct",
    "namaakproducten", "vervalst", "vervalste", "παραποιημένο", "παραποιημένα",
    // Korean ("jjak-tung", the everyday word for a fake), Vietnamese
    // ("imitation goods")
    "짝퉁", "hàng nhái",
    // review8d: the trade's own words in the other main provenances and
    // their buyers' languages, which a listing translates or keeps: India's
    // and the Gulf's "first copy" and "master copy" (English), the replica
    // watch trade's "super clone" and "mirror copy", German "Plagiat",
    // Indonesian "KW super" / "barang KW" (KW, "kwalitas", the grade of a
    // fake; "kW" alone is a kilowatt), Japanese "N級品" (the N-grade
    // copy), Russian "1в1" ("one to one") and "люкс копия", Arabic "هاي
    // كوبي", "ماستر كوبي", "كوبي ون" (high, master, first copy), Vietnamese
    // "hàng giả" (counterfeit goods) and "like auth", Korean "미러급"
    // (mirror grade).
    "first copy", "master copy", "super clone", "mirror copy", "Plagiat", "KW super",
    "barang KW", "N級品", "1в1", "1 в 1", "люкс копия", "هاي كوبي", "ماستر كوبي", "كوبي ون",
    "hàng giả", "like auth", "미러급",
    // detect22: Thai, the trade's words for a copy ("ก๊อป"): copy goods,
    // copy work, copy grade, fake goods (ของก๊อป, งานก๊อป, ก๊อปเกรด,
    // ของปลอม, สินค้าปลอม; "mirror grade", เกรดมิลเลอร์, is read as the
    // English term above, normalize.cc ReadThaiMirrorGrade); Vietnamese "hàng fake"
    // (fake goods); Spanish and Portuguese "réplica AAA" (the English order
    // is above). Each folds to 3 words at most, as every term must: the
    // longest term sets the runs every text is read in.
    "ของก๊อป", "งานก๊อป", "ก๊อปเกรด", "ของปลอม", "สินค้าปลอม", "hàng fake", "replica AAA",
    // vague24: Chinese 仿牌 ("imitation brand"), German "nachgemacht"
    // (imitated) in its forms, the grade written after "grade", and
    // "copy" before a fake's goods: "copy" alone or before "quality" is
    // also copy paper ("top quality copy paper").
    "仿牌", "nachgemacht", "nachgemachte", "nachgemachter", "nachgemachtes", "grade AAA",
    "copy bag", "copy handbag", "copy shoes", "copy sneakers"};
// Also words honest goods use: Dutch "namaak" (also "namaak bont", fake
// fur), Greek "imitation", Russian "copy" (as German "Kopie"), Korean
// "replica", "imitation" and "fake item", and "master quality" (also an
// audio format, MQA).
constexpr const char* kCounterfeitHints[] = {
    "counterfeit", "replica", "fake", "1:1", "dupe", "Imitat", "Nachbildung",
    "Kopie", "réplique", "imitación", "imitazione", "falso", "çakma", "taklit", "sahte",
    "复刻", "原单", "namaak", "απομίμηση", "копия", "레플리카", "이미테이션", "가품",
    "master quality",
    // goods20: Turkish "copy" ("kopya çanta", a copy bag; also carbon paper,
    // "kopya kağıdı"), and the dupe sellers' "designer inspired".
    "kopya", "designer inspired",
    // review8d: Turkish "birebir" ("one to one", also "exactly": "birebir
    // ölçü") and "A kalite" (A quality), Indonesian "palsu" (fake; also
    // "bulu mata palsu", false eyelashes), Arabic "تقليد" (imitation). Not
    // 莆田 (Putian, the fake-sneaker town): terms are read in shippers'
    // names too, and Putian's honest companies bear the city's name (the
    // eval's honest parcels held went 95 -> 116 with it).
    "birebir", "A kalite", "palsu", "تقليد",
    // detect22: Thai "copy" and "fake" alone (ก๊อปปี้ is also a photocopy,
    // ขนตาปลอม false eyelashes) and "mirror" as the copy trade writes it
    // (a mirror is กระจก); Portuguese "imitação" (also "imitação de couro",
    // imitation leather, as Spanish "imitación").
    "ก๊อป", "ก๊อปปี้", "ปลอม", "มิลเลอร์", "imitação"};

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
  for (const char* word : kPartWords) config.accessory_words.insert(word);
  config.hs_risks.assign(std::begin(kHsRisks), std::end(kHsRisks));
  config.categories = DefaultCategories();
  for (const char* term : kCounterfeitTerms) {
    config.counterfeit_terms.push_back({term, kCounterfeitPoints, Referral::kIprExamination});
  }
  for (const char* term : kCounterfeitHints) {
    config.counterfeit_terms.push_back({term, kCounterfeitHintPoints, Referral::kNone});
  }
  AddBrandLines(&config.categories);
  for (const DefaultProduct& product : kBrandedProducts) {
    BrandedProduct& added = config.branded_products.emplace_back();
    for (const char* name : product.names) added.names.push_back(FoldText(name));
    added.hs_prefixes.assign(product.hs_prefixes.begin(), product.hs_prefixes.end());
    added.min_value_eur_per_unit = product.min_value_eur_per_unit;
    for (const char* word : product.kind_words) {
      std::string folded = FoldText(word);
      if (std::find(added.kind_words.begin(), added.kind_words.end(), folded) ==
          added.kind_words.end()) {
        added.kind_words.push_back(std::move(folded));
      }
    }
  }
  // De-minimis reliefs in force on 2026-11-29. The US suspended its relief
  // in Aug 2025 and the EU ended its EUR 150 relief on 1 July 2026: no entry,
  // so no "just under" flag there. Change with the law, in configuration.
  config.de_minimis = {{"GB", "GBP", 135}, {"CA", "CAD", 150}, {"AU", "AUD", 1000},
                       {"JP", "JPY", 10000}, {"NZ", "NZD", 1000}};
  config.origin_points = {{"CN", 5}, {"HK", 5}, {"TR", 5}, {"IN", 3}, {"SG", 3}};
  config.free_zone_transit_countries = {"AE", "PA", "HK", "SG"};
  config.customs_indicators.insert(std::begin(kCustomsIndicators), std::end(kCustomsIndicators));
  // Approximate rates (EUR per unit, rounded) for screening only, for every
  // circulating ISO 4217 currency (iso_codes.cc): the value rules ask whether
  // a value is far below what goods cost, which a rate a few percent off
  // does not change. Not for duty or accounting. The common ones are late
  // 2026's; the others market rates of mid-2025 (fixed pegs at their peg:
  // XOF, XAF, KMF, CVE, XPF, BAM, STN to the euro; the Gulf ones to the
  // dollar), and for currencies that lose tens of percent a year (ARS, VES,
  // VED, IRR, SDG, SSP, LBP, SYP, MMK) the market rate, not the official
  // one. Operators override them in the rules file (eur_rates); a currency
  // left out there gets CURRENCY_WITHOUT_RATE.
  config.eur_per_unit = {
      {"AED", 0.25}, {"AFN", 0.013}, {"ALL", 0.0102}, {"AMD", 0.0024}, {"AOA", 0.001},
      {"ARS", 0.0007}, {"AUD", 0.6}, {"AWG", 0.51}, {"AZN", 0.54}, {"BAM", 0.511}, {"BBD", 0.46},
      {"BDT", 0.0071}, {"BHD", 2.45}, {"BIF", 0.00032}, {"BMD", 0.92}, {"BND", 0.69},
      {"BOB", 0.133}, {"BRL", 0.17}, {"BSD", 0.92}, {"BTN", 0.011}, {"BWP", 0.068}, {"BYN", 0.28},
      {"BZD", 0.46}, {"CAD", 0.67}, {"CDF", 0.00032}, {"CHF", 1.05}, {"CLP", 0.00092},
      {"CNY", 0.13}, {"COP", 0.00023}, {"CRC", 0.0018}, {"CUP", 0.038}, {"CVE", 0.00907},
      {"CZK", 0.041}, {"DJF", 0.0052}, {"DKK", 0.134}, {"DOP", 0.015}, {"DZD", 0.0069},
      {"EGP", 0.018}, {"ERN", 0.061}, {"ETB", 0.0071}, {"EUR", 1.0}, {"FJD", 0.41}, {"FKP", 1.17},
      {"GBP", 1.17}, {"GEL", 0.32}, {"GHS", 0.08}, {"GIP", 1.17}, {"GMD", 0.013},
      {"GNF", 0.000106}, {"GTQ", 0.12}, {"GYD", 0.0044}, {"HKD", 0.12}, {"HNL", 0.035},
      {"HTG", 0.007}, {"HUF", 0.0026}, {"IDR", 5.3e-05}, {"ILS", 0.26}, {"INR", 0.011},
      {"IQD", 0.0007}, {"IRR", 1.2e-06}, {"ISK", 0.0068}, {"JMD", 0.0059}, {"JOD", 1.3},
      {"JPY", 0.0062}, {"KES", 0.0067}, {"KGS", 0.0106}, {"KHR", 0.00023}, {"KMF", 0.00203},
      {"KPW", 0.001}, {"KRW", 0.00068}, {"KWD", 2.8}, {"KYD", 1.1}, {"KZT", 0.0017},
      {"LAK", 4.2e-05}, {"LBP", 1.03e-05}, {"LKR", 0.0029}, {"LRD", 0.0048}, {"LSL", 0.049},
      {"LYD", 0.17}, {"MAD", 0.093}, {"MDL", 0.052}, {"MGA", 0.0002}, {"MKD", 0.0163},
      {"MMK", 0.00025}, {"MNT", 0.00027}, {"MOP", 0.114}, {"MRU", 0.023}, {"MUR", 0.02},
      {"MVR", 0.06}, {"MWK", 0.00053}, {"MXN", 0.05}, {"MYR", 0.2}, {"MZN", 0.0144},
      {"NAD", 0.049}, {"NGN", 0.0006}, {"NIO", 0.025}, {"NOK", 0.086}, {"NPR", 0.0068},
      {"NZD", 0.55}, {"OMR", 2.39}, {"PAB", 0.92}, {"PEN", 0.25}, {"PGK", 0.23}, {"PHP", 0.015},
      {"PKR", 0.0031}, {"PLN", 0.23}, {"PYG", 0.00012}, {"QAR", 0.24}, {"RON", 0.2},
      {"RSD", 0.0085}, {"RUB", 0.011}, {"RWF", 0.00066}, {"SAR", 0.23}, {"SBD", 0.11},
      {"SCR", 0.066}, {"SDG", 0.0004}, {"SEK", 0.088}, {"SGD", 0.69}, {"SHP", 1.17},
      {"SLE", 0.041}, {"SOS", 0.0016}, {"SRD", 0.025}, {"SSP", 0.0002}, {"STN", 0.0408},
      {"SVC", 0.105}, {"SYP", 7e-05}, {"SZL", 0.049}, {"THB", 0.026}, {"TJS", 0.087},
      {"TMT", 0.26}, {"TND", 0.3}, {"TOP", 0.39}, {"TRY", 0.027}, {"TTD", 0.136}, {"TWD", 0.028},
      {"TZS", 0.00037}, {"UAH", 0.021}, {"UGX", 0.00025}, {"USD", 0.92}, {"UYU", 0.023},
      {"UZS", 7.2e-05}, {"VED", 0.006}, {"VES", 0.006}, {"VND", 3.6e-05}, {"VUV", 0.0077},
      {"WST", 0.34}, {"XAF", 0.001524}, {"XCD", 0.34}, {"XCG", 0.51}, {"XOF", 0.001524},
      {"XPF", 0.00838}, {"YER", 0.001}, {"ZAR", 0.049}, {"ZMW", 0.037}, {"ZWG", 0.034}};
  return config;
}

}  // namespace placi::core
