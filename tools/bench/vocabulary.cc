// Word lists of the generators; see vocabulary.h.
#include "tools/bench/vocabulary.h"

#include <cctype>
#include <iterator>

namespace placi::bench {
namespace {

constexpr absl::string_view kSyllables[] = {
    "ka", "ro", "zen", "tri", "vo", "lu", "mar", "sen", "qui", "do",  "bel", "fa", "ni", "tor",
    "xa", "pe", "lin", "gro", "ve", "sha", "mo", "ru", "ti", "ex", "an", "dor", "ki", "sol",
    "ba", "ne", "cor", "vi", "la", "mi", "ze", "pa", "hu", "ok", "ja", "wen"};
constexpr uint64_t kSyllableCount = std::size(kSyllables);

constexpr City kOriginCities[] = {
    {"CN", "Shenzhen", "SZX", 6},  {"CN", "Guangzhou", "CAN", 6}, {"CN", "Yiwu", "HGH", 6},
    {"CN", "Shanghai", "PVG", 6},  {"CN", "Hangzhou", "HGH", 6},  {"CN", "Dongguan", "CAN", 6},
    {"CN", "Ningbo", "NGB", 6},    {"CN", "Xiamen", "XMN", 6},    {"CN", "Qingdao", "TAO", 6},
    {"CN", "Chengdu", "CTU", 6},   {"CN", "Suzhou", "PVG", 6},    {"HK", "Kwai Chung", "HKG", 0},
    {"HK", "Kowloon Bay", "HKG", 0}, {"HK", "Tsuen Wan", "HKG", 0}, {"TR", "Istanbul", "IST", 5},
    {"TR", "Izmir", "ADB", 5},     {"US", "Newark", "EWR", 5},    {"US", "Los Angeles", "LAX", 5},
    {"GB", "Manchester", "MAN", 0}, {"VN", "Ho Chi Minh City", "SGN", 6},
    {"IN", "Mumbai", "BOM", 6},    {"IN", "Tiruppur", "MAA", 6},
};
// Origin weights follow e-commerce volumes into the EU: mostly China.
constexpr int kOriginWeights[] = {9, 8, 6, 6, 5, 4, 3, 3, 2, 2, 2, 4, 3, 2, 4, 2, 3, 2, 3, 3, 2, 1};
static_assert(std::size(kOriginWeights) == std::size(kOriginCities));

constexpr City kDestinationCities[] = {
    {"DE", "Berlin", "BER", 5},    {"DE", "Hamburg", "HAM", 5},   {"DE", "Munich", "MUC", 5},
    {"DE", "Cologne", "CGN", 5},   {"DE", "Leipzig", "LEJ", 5},   {"FR", "Paris", "CDG", 5},
    {"FR", "Lyon", "LYS", 5},      {"NL", "Amsterdam", "AMS", 4}, {"NL", "Rotterdam", "AMS", 4},
    {"BE", "Liege", "LGG", 4},     {"BE", "Brussels", "BRU", 4},  {"IT", "Milan", "MXP", 5},
    {"IT", "Rome", "FCO", 5},      {"ES", "Madrid", "MAD", 5},    {"ES", "Barcelona", "BCN", 5},
    {"PL", "Warsaw", "WAW", 5},    {"AT", "Vienna", "VIE", 4},    {"IE", "Dublin", "DUB", 0},
    {"SE", "Stockholm", "ARN", 5}, {"DK", "Copenhagen", "CPH", 4}, {"CZ", "Prague", "PRG", 5},
    {"HU", "Budapest", "BUD", 4},  {"PT", "Lisbon", "LIS", 4},    {"FI", "Helsinki", "HEL", 5},
};

constexpr absl::string_view kFirstNames[] = {
    "Jonas", "Lena", "Felix", "Anna", "Lukas", "Marie", "Paul", "Sophie", "Maximilian", "Emma",
    "Louis", "Chloe", "Lucas", "Camille", "Hugo", "Ines", "Daan", "Sanne", "Giulia", "Marco",
    "Francesca", "Alessandro", "Lucia", "Pablo", "Carmen", "Javier", "Katarzyna", "Piotr",
    "Agnieszka", "Tomasz", "Elias", "Hannah", "Noah", "Mia", "Liam", "Olivia", "Ana", "Joao",
    "Erik", "Astrid", "Mikkel", "Freja", "Jan", "Tereza", "Bence", "Zsofia", "Aoife", "Sean",
    "Matti", "Aino", "Wei", "Li", "Mehmet", "Ayse", "Priya", "Arjun", "Nguyen", "Linh",
    "Sarah", "David", "Laura", "Thomas", "Julia", "Stefan", "Eva", "Martin", "Clara", "Simon",
    // Names as EU consignees write them: about one in eight with diacritics.
    "Jürgen", "Zoë", "José", "Françoise", "Łukasz", "Søren", "Léa", "Björn", "Inês"};

constexpr absl::string_view kLastNames[] = {
    "Hoffmann", "Richter", "Neumann", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
    "Becker", "Schulz", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "de Vries",
    "Jansen", "Bakker", "Visser", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Garcia",
    "Fernandez", "Lopez", "Martinez", "Sanchez", "Nowak", "Kowalski", "Wisniewski", "Wojcik",
    "Gruber", "Huber", "Murphy", "Kelly", "Andersson", "Johansson", "Nielsen", "Jensen",
    "Novak", "Svoboda", "Nagy", "Horvath", "Silva", "Santos", "Korhonen", "Virtanen", "Peeters",
    "Maes", "Lehmann", "Koch", "Bauer", "Klein", "Wolf", "Schroeder", "Zimmermann", "Braun",
    "Kruger", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Schmid", "Roux",
    "Müller", "Schäfer", "Jiménez", "Lefèvre", "Wójcik", "Dvořák", "Øster", "Gonçalves",
    "Nuñez"};

constexpr absl::string_view kStreetNames[] = {
    "Linden", "Garten", "Schiller", "Goethe", "Berliner", "Haupt", "Bahnhof", "Kirch", "Wald",
    "Rosen", "Victor Hugo", "Pasteur", "de la Paix", "Keizers", "Prinsen", "Via Roma",
    "Via Garibaldi", "Mayor", "Gran Via", "Marszalkowska", "Kings", "Queens", "Harbour",
    "Keyuan", "Huangpu", "Renmin", "Jiefang", "Zhongshan", "Kwai Fung", "Nathan", "Istiklal",
    "Ataturk", "Ogletown", "Market", "Station", "Park", "Mill", "Church", "Bridge", "River",
    "Königs", "Mühlen", "Schloß", "de l'Église", "Señora", "Świętokrzyska"};

constexpr absl::string_view kStreetTypes[] = {"Road", "Street", "Avenue", "Strasse", "Weg",
                                             "Allee", "Rue", "Straat", "Lane", "Boulevard"};

constexpr absl::string_view kCompanyWords[] = {
    "Bright", "Harbour", "Sunrise", "Golden", "Bridge", "Star", "Ocean", "Pearl", "Dragon",
    "Phoenix", "Jade", "Silver", "Lucky", "Grand", "Fortune", "Eastern", "Pacific", "Great",
    "Wall", "Summit", "Crystal", "Maple", "Lotus", "Blue", "Sky", "Green", "Valley", "Rising",
    "Unity", "Prosper", "Evergreen", "Horizon", "Royal", "Crown", "Delta", "Victory", "Noble",
    "Rainbow", "Orient", "Harmony"};

constexpr absl::string_view kIndustries[] = {
    "Electronics", "Garment", "Household Products", "Trading", "Import & Export", "Technology",
    "Textile", "Industrial", "Supply Chain", "Logistics", "Commerce", "Footwear",
    "Leather Goods", "Cosmetics", "Toys", "Hardware", "Lighting", "Furniture", "Apparel",
    "Sports Goods", "Jewellery", "Watch", "Digital", "E-commerce"};

constexpr absl::string_view kLegalForms[] = {"Co., Ltd.", "Limited", "Trading Co.", "LLC",
                                            "GmbH",      "Ltd. Sti.", "Inc.", "FZE"};

constexpr absl::string_view kPlatforms[] = {"AliExpress", "Temu", "Shein", "Amazon",
                                           "eBay",       "Wish", "Joom", "Etsy"};

constexpr absl::string_view kTermNouns[] = {"powder", "extract", "tablets", "capsules",
                                           "scales", "pellets", "crystals", "resin",
                                           "replica", "copy",    "imitation", "seeds"};

constexpr Product kProducts[] = {
    {"men's cotton t-shirt, short sleeve, crew neck", "610910", 6, 25, 0.2},
    {"women's knitted wool sweater, long sleeve", "611011", 15, 60, 0.5},
    {"ceramic coffee mugs, 350 ml, set of 4", "691200", 10, 30, 1.6},
    {"silicone phone case for 6.1 inch smartphone", "392690", 2, 12, 0.05},
    {"stainless steel kitchen knife set, 5 pieces", "821192", 15, 70, 1.2},
    {"children's plastic building blocks, 500 pieces", "950300", 8, 40, 0.9},
    {"usb-c charging cable, 1 m, braided nylon", "854442", 2, 10, 0.05},
    {"wireless bluetooth earphones with charging case", "851830", 8, 45, 0.1},
    {"led desk lamp with adjustable arm, 10 w", "940520", 12, 40, 0.8},
    {"women's polyester running leggings", "611430", 6, 30, 0.2},
    {"men's leather belt with metal buckle", "420330", 5, 35, 0.25},
    {"cotton bed sheet set, queen size, 4 pieces", "630221", 15, 55, 1.5},
    {"yoga mat, tpe foam, 6 mm thick", "392190", 8, 30, 1.0},
    {"ballpoint pens, blue ink, pack of 20", "960810", 2, 8, 0.2},
    {"acrylic paint set, 24 colours, 12 ml tubes", "321310", 6, 25, 0.5},
    {"men's denim jeans, slim fit", "620342", 12, 50, 0.7},
    {"bamboo cutting board, 40 x 30 cm", "441990", 6, 25, 1.1},
    {"phone screen protector, tempered glass, pack of 3", "700719", 2, 10, 0.05},
    {"women's canvas sneakers with rubber sole", "640299", 10, 45, 0.8},
    {"plastic storage boxes with lids, set of 6", "392490", 8, 30, 1.4},
    {"stainless steel water bottle, 750 ml, vacuum insulated", "732393", 6, 25, 0.4},
    {"hair dryer, 1800 w, with diffuser", "851631", 12, 50, 0.7},
    {"printed paper notebooks, a5, pack of 3", "482020", 3, 12, 0.6},
    {"cotton baby bodysuits, pack of 5", "611120", 8, 25, 0.3},
    {"electric toothbrush with two brush heads", "850980", 10, 45, 0.4},
    {"aluminium laptop stand, adjustable height", "847330", 10, 35, 0.9},
    {"mechanical keyboard with rgb backlight", "847160", 20, 80, 1.0},
    {"glass perfume atomiser bottles, 10 ml, pack of 4", "701090", 3, 12, 0.2},
    {"men's quartz wristwatch with leather strap", "910211", 10, 60, 0.15},
    {"polyester backpack for 15 inch laptop", "420292", 10, 45, 0.7},
    {"dog chew toys, natural rubber, set of 3", "401699", 4, 18, 0.4},
    {"garden hose nozzle, zinc alloy, 8 patterns", "842490", 4, 18, 0.3},
    {"car phone holder for air vent", "870829", 3, 15, 0.1},
    {"reading glasses, plastic frame, +2.0", "900490", 3, 15, 0.05},
    {"cordless drill driver, 18 v, with battery", "846721", 30, 90, 1.8},
    {"wooden jigsaw puzzle, 1000 pieces", "950590", 8, 25, 0.8},
    {"knitted cotton scarf, 180 x 30 cm", "611710", 5, 20, 0.2},
    {"embroidery thread, 100 skeins, assorted colours", "520420", 4, 15, 0.4},
    {"resistance bands for exercise, set of 5", "950691", 5, 20, 0.3},
    {"vitamin c gummies, 60 count bottle", "210690", 5, 20, 0.2},
};

constexpr absl::string_view kVague[] = {"gift", "goods", "sample", "parts", "clothes",
                                       "electronics", "accessories", "general merchandise"};

}  // namespace

std::string PseudoWord(uint64_t n) {
  // Below 40^4, n is first scattered by a bijection (an affine map mod 40^4
  // with a multiplier prime to 2 and 5), so that consecutive numbers give
  // unrelated words ("Vobelti", "Qaxaru") instead of a shared stem.
  constexpr uint64_t kFour = kSyllableCount * kSyllableCount * kSyllableCount * kSyllableCount;
  int min_syllables = 1;
  if (n < kFour) {
    n = (n * 1'234'567 + 987'654) % kFour;
    min_syllables = 4;
  }
  std::string word;
  int syllables = 0;
  do {
    const absl::string_view syllable = kSyllables[n % kSyllableCount];
    word.append(syllable.data(), syllable.size());
    n /= kSyllableCount;
    ++syllables;
  } while (n > 0 || syllables < min_syllables);
  word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return word;
}

absl::Span<const City> OriginCities() {
  // Expanded by weight once, so that Pick() is weighted.
  static const auto* const kWeighted = [] {
    auto* cities = new std::vector<City>();
    for (size_t i = 0; i < std::size(kOriginCities); ++i) {
      for (int w = 0; w < kOriginWeights[i]; ++w) cities->push_back(kOriginCities[i]);
    }
    return cities;
  }();
  return *kWeighted;
}
absl::Span<const City> DestinationCities() { return kDestinationCities; }
absl::Span<const absl::string_view> FirstNames() { return kFirstNames; }
absl::Span<const absl::string_view> LastNames() { return kLastNames; }
absl::Span<const absl::string_view> StreetNames() { return kStreetNames; }
absl::Span<const absl::string_view> StreetTypes() { return kStreetTypes; }
absl::Span<const absl::string_view> CompanyWords() { return kCompanyWords; }
absl::Span<const absl::string_view> Industries() { return kIndustries; }
absl::Span<const absl::string_view> LegalForms() { return kLegalForms; }
absl::Span<const absl::string_view> Platforms() { return kPlatforms; }
absl::Span<const absl::string_view> TermNouns() { return kTermNouns; }
absl::Span<const Product> Products() { return kProducts; }
absl::Span<const absl::string_view> VagueDescriptions() { return kVague; }

}  // namespace placi::bench
