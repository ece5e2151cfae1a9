// The built-in goods categories. See default_categories.h.
//
// Descriptions come in the shipper's language (domain.md: China, Hong Kong,
// Türkiye, India; EU filers write German, French, Spanish, Italian, Dutch,
// Polish), so each category lists its common words in those languages too,
// singular and plural, written as a speaker writes them and folded here as
// descriptions are ("Damenuhr" → "damenuhr", "güneş gözlüğü" → "gunes
// gozlugu", 手表 → "shou biao"). A word is matched as a whole run of one to
// three folded words, never inside another word: German compounds are listed
// one by one ("Turnschuhe", "Damenuhr").
//
// Left out on purpose, because a false reading holds an honest parcel:
//  - words that are other words in English or in another carrier language:
//    "hose", "mantel", "robe" ("robe hook"), "pull", "baskets", "collar",
//    "hanger", "ring", "bot", "pop", "gonne"; "horloge" (a watch in Dutch, a
//    clock in French), "reloj" and "orologio" alone (a watch or a clock);
//    "canta" (a bag in Turkish, "sings" in Italian and Spanish); "saat" (a
//    watch in Turkish, also the hour);
//  - words for a neighbouring article under another heading: "Armband" (a
//    watch strap, a swimming band), "Anhänger" (a trailer), "Kette",
//    "collier" (a dog collar, 4201), "colgante" (a pendant lamp),
//    "pendientes" ("pending"), "bileklik" (a fitness band, 8517), "cuffie"
//    (swimming and shower caps), "audífonos" (hearing aids), "oordopjes"
//    (earplugs), "muñeca" (a wrist), "bebek" (a baby: nappies), "figurine"
//    (porcelain, 6913), "casque" (a helmet);
//  - bare phone words that head-first languages put after a case's noun
//    ("funda celular", "custodia cellulare"): the phone is named only in
//    the longer forms ("teléfono móvil"), which accessory_words and the
//    purpose words ("para", "pour", "per") keep out of accessories;
//  - Chinese single syllables (FoldText makes each character one word: 鞋
//    "xie" is also 写, 些, 谢) and two-syllable words whose folded form is a
//    common other word: 鞋子 "xie zi" (写字), 围巾 "wei jin" (违禁,
//    "prohibited"), 卫衣 "wei yi" (唯一), 毛衣 "mao yi" (贸易, "trade"), 首饰
//    "shou shi" (收拾). Accessories named with their device (手机壳 "shou ji
//    ke", a phone's case) are read by accessory_words.
#include "core/default_categories.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/normalize.h"

namespace placi::core {
namespace {

// The folded forms of `words`, each once, in their order.
std::vector<std::string> FoldedOnce(std::initializer_list<const char*> words) {
  std::vector<std::string> folded;
  for (const char* word : words) {
    std::string f = FoldText(word);
    if (!f.empty() && std::find(folded.begin(), folded.end(), f) == folded.end()) {
      folded.push_back(std::move(f));
    }
  }
  return folded;
}

}  // namespace

std::vector<GoodsCategory> DefaultCategories() {
  return {
      {"watches",
       FoldedOnce({
           "watch", "watches", "wristwatch", "wristwatches", "chronograph", "chronographs",
           // German ("Uhr" alone: a wall clock is a "Wanduhr")
           "Uhr", "Uhren", "Armbanduhr", "Armbanduhren", "Damenuhr", "Damenuhren", "Herrenuhr",
           "Herrenuhren", "Kinderuhr", "Kinderuhren", "Taschenuhr", "Taschenuhren", "Quarzuhr",
           "Quarzuhren",
           // French
           "montre", "montres", "chronographe", "chronographes",
           // Spanish, Italian: "reloj" and "orologio" alone are a clock too ("reloj de
           // pared", "orologio da parete": a wall clock read as a watch is held for its
           // value per kg), so only with what makes them a watch
           "reloj de pulsera", "relojes de pulsera", "reloj hombre", "reloj mujer",
           "reloj de hombre", "reloj de mujer", "reloj para hombre", "reloj para mujer",
           "relojes hombre", "relojes mujer", "cronógrafo", "cronógrafos", "orologio da polso",
           "orologi da polso", "orologio uomo", "orologio donna", "orologio da uomo",
           "orologio da donna", "orologi uomo", "orologi donna", "cronografi",
           // Dutch
           "polshorloge", "polshorloges", "dameshorloge", "dameshorloges", "herenhorloge",
           "herenhorloges",
           // Turkish, Polish, Chinese (手錶 folds the same)
           "kol saati", "kol saatleri", "zegarek", "zegarki", "手表", "腕表"}),
       {"rolex", "omega", "patek philippe", "audemars piguet", "tag heuer", "breitling",
        "hublot", "cartier", "tissot", "richard mille"},
       // Watches, their cases and straps; not clocks (9105), which cost far
       // less per kg and are rarely faked.
       {"9101", "9102", "9103", "9111", "9113"},
       100, 5, 50},
      {"footwear",
       FoldedOnce({
           "shoes", "shoe", "sneakers", "sneaker", "trainers", "boots", "sandals", "footwear",
           "slippers", "loafers",
           // German
           "Schuh", "Schuhe", "Turnschuh", "Turnschuhe", "Laufschuh", "Laufschuhe", "Sportschuh",
           "Sportschuhe", "Damenschuhe", "Herrenschuhe", "Kinderschuhe", "Lederschuhe",
           "Halbschuhe", "Wanderschuhe", "Hausschuhe", "Stiefel", "Stiefeletten", "Sandalen",
           "Pantoffeln",
           // French
           "chaussure", "chaussures", "bottes", "bottines", "sandales", "pantoufles",
           "escarpins", "mocassins",
           // Spanish
           "zapato", "zapatos", "zapatilla", "zapatillas", "botas", "botines", "sandalias",
           "pantuflas", "calzado",
           // Italian
           "scarpa", "scarpe", "stivali", "stivaletti", "sandali", "pantofole", "calzature",
           // Dutch
           "schoen", "schoenen", "sportschoenen", "hardloopschoenen", "laarzen", "pantoffels",
           // Turkish
           "ayakkabı", "ayakkabılar", "çizme", "çizmeler", "sandalet", "sandaletler", "terlik",
           "terlikler",
           // Polish
           "buty", "trampki",
           // Chinese: sports shoes, running shoes, trainers, high heels, leather shoes,
           // boots, sandals, slippers
           "运动鞋", "跑鞋", "球鞋", "高跟鞋", "皮鞋", "靴子", "凉鞋", "拖鞋"}),
       {"nike", "adidas", "jordan", "yeezy", "new balance", "converse", "puma", "vans",
        "louboutin", "asics", "ugg"},
       {"64"},
       12, 4, 20},
      {"bags",
       FoldedOnce({
           "handbag", "handbags", "purse", "purses", "wallet", "wallets", "backpack",
           "backpacks", "rucksack", "rucksacks", "tote", "clutch",
           // German
           "Handtasche", "Handtaschen", "Umhängetasche", "Umhängetaschen", "Schultertasche",
           "Schultertaschen", "Rucksäcke", "Geldbörse", "Geldbörsen", "Brieftasche",
           "Brieftaschen", "Portemonnaie", "Portemonnaies",
           // French
           "sac à main", "sacs à main", "sac à dos", "sacs à dos", "portefeuille",
           "portefeuilles", "porte-monnaie", "sacoche", "sacoches",
           // Spanish
           "bolso", "bolsos", "cartera", "carteras", "billetera", "billeteras", "monedero",
           "monederos", "mochila", "mochilas",
           // Italian
           "borsa", "borse", "borsetta", "borsette", "portafoglio", "portafogli", "zaino",
           "zaini",
           // Dutch
           "handtas", "handtassen", "schoudertas", "schoudertassen", "rugzak", "rugzakken",
           "portemonnee", "portemonnees",
           // Turkish: the possessive forms ("el çantası", "sırt çantası") and "çanta"
           // after who it is for or what it is made of
           "çantası", "çantalar", "çantaları", "deri çanta", "kadın çanta", "bayan çanta",
           "erkek çanta", "cüzdan", "cüzdanlar",
           // Polish
           "torebka", "torebki", "portfel", "portfele", "plecak", "plecaki",
           // Chinese: handbag, wallet, backpack, shoulder bags, leather bag, hand bag,
           // women's bag
           "手提包", "钱包", "背包", "双肩包", "挎包", "皮包", "手袋", "女包"}),
       {"louis vuitton", "gucci", "prada", "chanel", "hermes", "michael kors", "coach", "dior",
        "fendi", "balenciaga", "goyard", "saint laurent", "dolce gabbana"},
       {"42"},
       20, 4, 30},
      // Not "shades": eyeshadow and lipstick come in shades.
      {"sunglasses",
       FoldedOnce({"sunglasses", "Sonnenbrille", "Sonnenbrillen", "lunettes de soleil",
                   "gafas de sol", "lentes de sol", "anteojos de sol", "occhiali da sole",
                   "zonnebril", "zonnebrillen", "güneş gözlüğü", "güneş gözlükleri",
                   "okulary przeciwsłoneczne", "太阳镜", "墨镜"}),
       {"ray ban", "rayban", "oakley"},
       {"9004"},
       50, 2, 15},
      {"jewellery",
       FoldedOnce({
           "necklace", "necklaces", "bracelet", "bracelets", "earrings", "pendant", "pendants",
           "jewellery", "jewelry", "bangle", "bangles",
           // German
           "Schmuck", "Halskette", "Halsketten", "Ohrringe", "Ohrring", "Ohrstecker", "Armreif",
           "Armreifen",
           // French
           "bijou", "bijoux", "boucles d'oreilles", "boucle d'oreille", "pendentif",
           "pendentifs", "bague", "bagues",
           // Spanish
           "pulsera", "pulseras", "aretes", "joyas", "joyería", "anillo", "anillos",
           "brazalete", "brazaletes",
           // Italian
           "collana", "collane", "bracciale", "bracciali", "braccialetto", "braccialetti",
           "orecchini", "orecchino", "gioielli", "gioiello", "ciondolo", "ciondoli", "anello",
           "anelli",
           // Dutch
           "halsketting", "halskettingen", "armbanden", "oorbellen", "oorbel", "sieraden",
           "sieraad",
           // Turkish
           "kolye", "kolyeler", "küpe", "küpeler", "yüzük", "yüzükler", "mücevher",
           // Polish
           "naszyjnik", "naszyjniki", "bransoletka", "bransoletki", "kolczyki", "biżuteria",
           // Chinese: necklace, bracelet, earrings, ear studs, ring, jewellery, pendant
           "项链", "手链", "耳环", "耳钉", "戒指", "珠宝", "吊坠"}),
       {"tiffany", "pandora", "bvlgari", "bulgari", "van cleef", "swarovski"},
       {"71"},
       // No unbranded unit floor: fashion jewellery costs cents a piece.
       40, 0, 15},
      {"perfume",
       FoldedOnce({"perfume", "perfumes", "eau de parfum", "eau de toilette", "fragrance",
                   "cologne",
                   // German, French, Dutch, Turkish ("Parfüm")
                   "Parfum", "Parfums", "parfümler",
                   // Spanish, Italian
                   "fragancia", "fragancias", "colonia", "profumo", "profumi", "fragranza",
                   "fragranze",
                   // Turkish, Polish, Chinese
                   "kolonya", "perfumy", "香水"}),
       {},
       {"3303"},
       20, 3, 15},
      {"apparel",
       FoldedOnce({
           "t shirt", "tshirt", "shirt", "hoodie", "jacket", "jeans", "dress", "sweater",
           "tracksuit", "jersey", "leggings", "trousers", "coat", "scarf", "scarves", "shawl",
           "shawls", "t shirts", "tshirts", "shirts", "hoodies", "jackets", "dresses",
           "sweaters", "tracksuits", "blouse", "blouses",
           // brands25: outerwear ("Canada Goose parka" was no apparel)
           "parka", "parkas", "anorak", "anoraks", "gilet", "gilets", "puffer jacket",
           "puffer jackets", "down jacket", "down jackets",
           // German
           "Hemd", "Hemden", "Kleid", "Kleider", "Jacke", "Jacken", "Hosen", "Pullover",
           "Kapuzenpullover", "Strickjacke", "Strickjacken", "Bluse", "Blusen", "Schal", "Schals",
           "Trainingsanzug", "Trainingsanzüge", "Daunenjacke", "Daunenjacken", "Daunenmantel",
           // French
           "tee-shirt", "tee-shirts", "veste", "vestes", "pantalon", "pantalons", "jupe", "jupes",
           "écharpe", "écharpes", "foulard", "foulards", "manteau", "manteaux", "blouson",
           "blousons", "chemisier", "chemisiers", "survêtement", "survêtements", "doudoune",
           "doudounes",
           "sweat à capuche",
           // Spanish
           "camiseta", "camisetas", "camisa", "camisas", "vestido", "vestidos", "chaqueta",
           "chaquetas", "pantalones", "sudadera", "sudaderas", "abrigo", "abrigos", "bufanda",
           "bufandas", "falda", "faldas", "chándal", "blusa", "blusas",
           // Italian
           "maglietta", "magliette", "camicia", "camicie", "vestito", "giacca", "giacche",
           "pantaloni", "maglione", "maglioni", "cappotto", "cappotti", "sciarpa", "sciarpe",
           "camicetta", "camicette",
           // Dutch
           "overhemd", "overhemden", "jurk", "jurken", "broek", "broeken", "spijkerbroek",
           "spijkerbroeken", "trui", "truien", "sjaal", "sjaals", "donsjas", "donsjassen", "trainingspak",
           "trainingspakken",
           // Turkish
           "gömlek", "gömlekler", "elbise", "elbiseler", "ceket", "ceketler", "pantolon",
           "pantolonlar", "tişört", "tişörtler", "eşofman", "etek", "etekler",
           // Polish
           "koszulka", "koszulki", "sukienka", "sukienki", "kurtka", "kurtki", "spodnie",
           // Chinese: T-shirt, shirt, jacket, coat, dress, jeans, trousers, skirt, down
           // jacket
           "T恤", "衬衫", "夹克", "外套", "连衣裙", "牛仔裤", "裤子", "裙子", "羽绒服"}),
       {"supreme", "north face", "moncler", "canada goose", "ralph lauren", "lacoste", "burberry",
        "stone island", "off white", "calvin klein"},
       // Apparel of leather (4203: jackets, coats, trousers, gloves, belts)
       // and of furskin (4303) too (review24: a "men's leather jacket" under
       // 4203.10, its own heading, was an HS mismatch, "HS code 420310 is
       // bags").
       {"61", "62", "4203", "4303"},
       // No unit floors: a T-shirt costs a few EUR, and "off white" is a colour.
       8},
      {"electronics",
       FoldedOnce({
           "earphones", "earbuds", "headphones", "charger", "chargers", "smartphone",
           "smartphones", "power bank", "power banks", "powerbank", "powerbanks", "smartwatch",
           "smartwatches",
           // German
           "Kopfhörer", "Ohrhörer", "Ladegerät", "Ladegeräte", "Netzteil", "Netzteile",
           "Mobiltelefon", "Mobiltelefone",
           // French
           "écouteurs", "casque audio", "chargeur", "chargeurs", "batterie externe",
           "téléphone portable", "téléphones portables", "montre connectée",
           "montres connectées",
           // Spanish
           "auriculares", "cargador", "cargadores", "batería externa", "teléfono móvil",
           "teléfonos móviles", "teléfono celular", "teléfonos celulares",
           // Italian
           "auricolari", "caricabatterie", "telefono cellulare", "telefoni cellulari",
           // Dutch
           "koptelefoon", "koptelefoons", "oortjes", "oplader", "opladers", "mobiele telefoon",
           "mobiele telefoons",
           // Turkish
           "kulaklık", "kulaklıklar", "şarj aleti", "şarj cihazı", "cep telefonu",
           "cep telefonları", "akıllı telefon", "akıllı saat",
           // Polish
           "słuchawki", "ładowarka", "ładowarki",
           // Chinese: mobile phone, earphones, charger, power bank; 智能手表
           // (smartwatch) by its last three syllables, "neng shou biao": a run
           // is at most three words, and "shou biao" alone is a watch
           "手机", "耳机", "充电器", "充电宝", "能手表"}),
       {"apple", "airpods", "iphone", "samsung", "beats", "jbl", "bose"},
       // The headings of consumer electronics (computers, chargers, batteries,
       // phones, audio, cameras, displays), not all of chapters 84/85: a
       // cordless drill or a cable is no earphone, and its value per kg says
       // nothing about fakes. Nor media (8523: records, memory cards) or
       // integrated circuits (8542): earphones or a phone declared as either
       // is the misdeclaration the mismatch rule is for, and a CD's value per
       // kg is no phone's.
       {"8471", "8504", "8507", "8517", "8518", "8519", "8525", "8527", "8528"},
       // Branded: a charger "for iPhone" names the brand too, and costs ~10 EUR.
       30, 2, 8},
      // A scale model is a toy or collectible (9503), whatever its subject:
      // "coach bus scale model".
      {"toys",
       FoldedOnce({"toy", "toys", "doll", "dolls", "action figure", "action figures", "plush",
                   "scale model", "scale models", "model kit", "model car", "model cars",
                   // German
                   "Spielzeug", "Spielzeuge", "Puppe", "Puppen", "Plüsch", "Plüschtier",
                   "Plüschtiere", "Kuscheltier", "Kuscheltiere", "Actionfigur", "Actionfiguren",
                   "Modellauto", "Modellautos",
                   // French, Spanish, Italian
                   "jouet", "jouets", "poupée", "poupées", "peluche", "peluches", "juguete",
                   "juguetes", "giocattolo", "giocattoli", "bambola", "bambole", "pupazzo",
                   "pupazzi",
                   // Dutch, Turkish, Polish
                   "speelgoed", "knuffel", "knuffels", "poppen", "oyuncak", "oyuncaklar", "peluş",
                   "zabawka", "zabawki", "lalka", "lalki",
                   // Chinese: toy, doll (two words), building blocks
                   "玩具", "玩偶", "娃娃", "积木"}),
       {"lego", "barbie", "pokemon"},
       {"95"},
       5},
  };
}

}  // namespace placi::core
