"""Word pools, places and goods for tools/eval/gen_stream.py.

Everything is fictional: names, streets, phones, e-mails (under example.*
domains), seller ids. Brand names are real, heavily counterfeited brands;
listing them says nothing about the brand owners.
"""

# EUR per unit, as in core/screening_config.cc (value plausibility only).
EUR_PER_UNIT = {
    "EUR": 1.0, "USD": 0.92, "GBP": 1.17, "CNY": 0.13, "HKD": 0.12, "JPY": 0.0062,
    "CAD": 0.67, "AUD": 0.60, "NZD": 0.55, "CHF": 1.05, "TRY": 0.027, "INR": 0.011,
    "SGD": 0.69, "AED": 0.25, "KRW": 0.00068, "PLN": 0.23, "SEK": 0.088, "VND": 0.000036,
}

# The value under which a destination relieves duty (its "one person, one
# day" threshold); elsewhere the engine's default daily threshold, EUR 150.
DE_MINIMIS = {"GB": ("GBP", 135), "CA": ("CAD", 150), "AU": ("AUD", 1000),
              "JP": ("JPY", 10000), "NZ": ("NZD", 1000)}
DEFAULT_DAILY_THRESHOLD_EUR = 150.0

# ---------------------------------------------------------------------------
# Destinations: consignees (people) with local names, streets, postcodes,
# phones. phone: (country calling code, trunk prefix, national-number maker).
# ---------------------------------------------------------------------------

def _digits(r, n):
    return "".join(str(r.randrange(10)) for _ in range(n))


DESTINATIONS = {
    "US": dict(
        weight=0.20, currency="USD", airports=["JFK", "ORD", "LAX", "MIA", "CVG", "SDF", "MEM"],
        first=["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda",
               "Daniel", "Emily", "Chris", "Ashley", "Kevin", "Megan", "Brian", "Laura", "Tyler",
               "Jessica", "Jason", "Sarah", "Marcus", "Olivia", "Ethan", "Hannah", "Luis", "Maria"],
        last=["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
              "Rodriguez", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore",
              "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
              "Walker", "Hall", "Young", "King", "Wright", "Lopez", "Hill", "Scott", "Green"],
        streets=["Maple Ave", "Oak Street", "Pine Rd", "Cedar Lane", "Elm Street", "Washington Blvd",
                 "Lakeview Dr", "Sunset Blvd", "Main Street", "Park Ave", "Highland Ave",
                 "Willow Way", "River Rd", "Hillcrest Dr", "Meadow Lane", "Broadway"],
        cities=[("Brooklyn", "NY", "112"), ("Chicago", "IL", "606"), ("Austin", "TX", "787"),
                ("Denver", "CO", "802"), ("Seattle", "WA", "981"), ("Miami", "FL", "331"),
                ("Columbus", "OH", "432"), ("Portland", "OR", "972"), ("Phoenix", "AZ", "850"),
                ("Atlanta", "GA", "303"), ("San Diego", "CA", "921"), ("Boston", "MA", "021")],
        phone=("1", "", lambda r: str(r.choice([212, 312, 512, 303, 206, 305, 614, 503, 602, 404, 619, 617]))
               + "555" + _digits(r, 4)),
        email_domain="example.com"),
    "GB": dict(
        weight=0.12, currency="GBP", airports=["LHR", "EMA", "STN", "MAN"],
        first=["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Charlie",
               "Grace", "Thomas", "Freya", "Alfie", "Sophie", "Oscar", "Ella", "Rhys", "Niamh"],
        last=["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
              "Roberts", "Walker", "Wright", "Robinson", "Thompson", "Hughes", "Edwards",
              "Green", "Hall", "Wood", "Harris", "Clarke", "Patel", "Khan", "Murphy", "Price"],
        streets=["Station Road", "High Street", "Church Lane", "Victoria Road", "Mill Lane",
                 "Queens Road", "Park Road", "Green Lane", "Manor Road", "Kings Road",
                 "York Street", "Grove Road", "Albert Road", "Springfield Avenue"],
        cities=[("London", "SW", None), ("Manchester", "M", None), ("Leeds", "LS", None),
                ("Bristol", "BS", None), ("Birmingham", "B", None), ("Glasgow", "G", None),
                ("Cardiff", "CF", None), ("Nottingham", "NG", None), ("Brighton", "BN", None)],
        phone=("44", "0", lambda r: "7" + str(r.choice([400, 700, 800, 900, 500])) + _digits(r, 6)),
        email_domain="example.co.uk"),
    "DE": dict(
        weight=0.12, currency="EUR", airports=["FRA", "LEJ", "MUC", "CGN"],
        first=["Lukas", "Anna", "Jonas", "Lena", "Felix", "Marie", "Paul", "Sophie", "Leon",
               "Laura", "Maximilian", "Julia", "Tim", "Katharina", "Jan", "Sarah", "Niklas",
               "Hannah", "Tobias", "Miriam", "Emre", "Aylin"],
        last=["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
              "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
              "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Yılmaz", "Kaya"],
        streets=["Hauptstraße", "Lindenallee", "Bahnhofstraße", "Gartenweg", "Schillerstraße",
                 "Goethestraße", "Berliner Straße", "Ringstraße", "Am Markt", "Kirchweg",
                 "Bergstraße", "Waldstraße", "Dorfstraße", "Mozartstraße", "Rosenweg"],
        cities=[("Berlin", "10", None), ("Hamburg", "20", None), ("München", "80", None),
                ("Köln", "50", None), ("Frankfurt am Main", "60", None), ("Leipzig", "04", None),
                ("Stuttgart", "70", None), ("Dresden", "01", None), ("Bremen", "28", None)],
        phone=("49", "0", lambda r: "1" + str(r.choice([51, 52, 57, 60, 62, 70, 76])) + _digits(r, 8)),
        email_domain="example.de"),
    "FR": dict(
        weight=0.08, currency="EUR", airports=["CDG", "LYS"],
        first=["Lucas", "Emma", "Hugo", "Chloé", "Louis", "Léa", "Gabriel", "Manon", "Arthur",
               "Camille", "Jules", "Inès", "Nathan", "Zoé", "Théo", "Sarah"],
        last=["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
              "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier",
              "Girard", "Bonnet", "Dupont", "Lambert"],
        streets=["rue de la Paix", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Voltaire",
                 "rue des Lilas", "rue du Moulin", "place de la République", "rue Pasteur",
                 "chemin des Vignes", "rue de la Gare"],
        cities=[("Paris", "750", None), ("Lyon", "690", None), ("Marseille", "130", None),
                ("Toulouse", "310", None), ("Nantes", "440", None), ("Lille", "590", None),
                ("Bordeaux", "330", None)],
        phone=("33", "0", lambda r: str(r.choice([6, 7])) + _digits(r, 8)),
        email_domain="example.fr"),
    "NL": dict(
        weight=0.05, currency="EUR", airports=["AMS"],
        first=["Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Tess", "Finn", "Sophie"],
        last=["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser",
              "Smit", "Meijer", "de Boer", "Mulder", "Bos"],
        streets=["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Schoolstraat",
                 "Julianastraat", "Beatrixlaan", "Prinsengracht"],
        cities=[("Amsterdam", "10", None), ("Rotterdam", "30", None), ("Utrecht", "35", None),
                ("Eindhoven", "56", None), ("Groningen", "97", None)],
        phone=("31", "0", lambda r: "6" + _digits(r, 8)),
        email_domain="example.nl"),
    "IT": dict(
        weight=0.05, currency="EUR", airports=["MXP", "FCO"],
        first=["Francesco", "Giulia", "Alessandro", "Sofia", "Lorenzo", "Aurora", "Matteo",
               "Chiara", "Andrea", "Martina"],
        last=["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
              "Marino", "Greco", "Bruno", "Gallo"],
        streets=["Via Roma", "Via Garibaldi", "Via Mazzini", "Corso Italia", "Via Verdi",
                 "Via Dante", "Piazza Cavour", "Via Marconi"],
        cities=[("Milano", "201", None), ("Roma", "001", None), ("Torino", "101", None),
                ("Bologna", "401", None), ("Napoli", "801", None)],
        phone=("39", "", lambda r: "3" + str(r.choice([20, 33, 40, 47, 88])) + _digits(r, 7)),
        email_domain="example.it"),
    "ES": dict(
        weight=0.05, currency="EUR", airports=["MAD", "BCN"],
        first=["Hugo", "Lucía", "Martín", "Sofía", "Pablo", "María", "Álvaro", "Paula", "Diego",
               "Carmen"],
        last=["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
              "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz"],
        streets=["Calle Mayor", "Calle del Sol", "Avenida de la Constitución", "Calle Real",
                 "Paseo de Gracia", "Calle de Alcalá", "Calle Nueva", "Plaza de España"],
        cities=[("Madrid", "280", None), ("Barcelona", "080", None), ("Valencia", "460", None),
                ("Sevilla", "410", None), ("Bilbao", "480", None)],
        phone=("34", "", lambda r: str(r.choice([6, 7])) + _digits(r, 8)),
        email_domain="example.es"),
    "PL": dict(
        weight=0.04, currency="EUR", airports=["WAW", "KTW"],
        first=["Jakub", "Zuzanna", "Antoni", "Julia", "Jan", "Maja", "Filip", "Zofia", "Kacper",
               "Hanna"],
        last=["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
              "Zieliński", "Szymański", "Woźniak"],
        streets=["ul. Marszałkowska", "ul. Długa", "ul. Polna", "ul. Leśna", "ul. Słoneczna",
                 "ul. Krótka", "ul. Szkolna", "ul. Ogrodowa"],
        cities=[("Warszawa", "00", None), ("Kraków", "30", None), ("Wrocław", "50", None),
                ("Gdańsk", "80", None), ("Poznań", "60", None)],
        phone=("48", "", lambda r: str(r.choice([50, 51, 60, 66, 69, 72, 79])) + _digits(r, 7)),
        email_domain="example.pl"),
    "BE": dict(
        weight=0.03, currency="EUR", airports=["LGG", "BRU"],
        first=["Noah", "Olivia", "Arthur", "Emma", "Louis", "Louise", "Jules", "Elena"],
        last=["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
              "Dubois", "Lambert"],
        streets=["Kerkstraat", "Rue de l'Église", "Stationsstraat", "Rue de la Station",
                 "Nieuwstraat", "Avenue Louise"],
        cities=[("Antwerpen", "20", None), ("Gent", "90", None), ("Bruxelles", "10", None),
                ("Liège", "40", None), ("Leuven", "30", None)],
        phone=("32", "0", lambda r: "4" + str(r.choice([70, 75, 77, 85, 95])) + _digits(r, 6)),
        email_domain="example.be"),
    "SE": dict(
        weight=0.03, currency="EUR", airports=["ARN"],
        first=["William", "Alice", "Liam", "Maja", "Noah", "Elsa", "Hugo", "Astrid"],
        last=["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
              "Persson"],
        streets=["Storgatan", "Drottninggatan", "Kungsgatan", "Skolgatan", "Västra vägen",
                 "Björkvägen"],
        cities=[("Stockholm", "11", None), ("Göteborg", "41", None), ("Malmö", "21", None),
                ("Uppsala", "75", None)],
        phone=("46", "0", lambda r: "7" + str(r.choice([0, 2, 3, 6])) + _digits(r, 7)),
        email_domain="example.se"),
    "IE": dict(
        weight=0.02, currency="EUR", airports=["DUB", "SNN"],
        first=["Jack", "Emily", "Conor", "Aoife", "Seán", "Saoirse", "Cian", "Niamh"],
        last=["Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor"],
        streets=["Main Street", "Church Road", "Strand Road", "Harbour View", "Castle Street"],
        cities=[("Dublin", "D0", None), ("Cork", "T12", None), ("Galway", "H91", None),
                ("Limerick", "V94", None)],
        phone=("353", "0", lambda r: "8" + str(r.choice([3, 5, 6, 7])) + _digits(r, 7)),
        email_domain="example.ie"),
    "CA": dict(
        weight=0.07, currency="CAD", airports=["YYZ", "YVR", "YUL"],
        first=["Liam", "Olivia", "Noah", "Emma", "William", "Charlotte", "Benjamin", "Chloé",
               "Mathieu", "Sophie", "Ryan", "Priya"],
        last=["Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Gagnon",
              "Taylor", "Campbell", "Anderson", "Singh", "Nguyen", "Leblanc"],
        streets=["King Street W", "Queen Street E", "Yonge Street", "Maple Crescent",
                 "Rue Sainte-Catherine", "Granville Street", "Bloor Street W", "Main Street"],
        cities=[("Toronto", "ON", "M"), ("Vancouver", "BC", "V"), ("Montréal", "QC", "H"),
                ("Calgary", "AB", "T"), ("Ottawa", "ON", "K"), ("Halifax", "NS", "B")],
        phone=("1", "", lambda r: str(r.choice([416, 604, 514, 403, 613, 902])) + "555" + _digits(r, 4)),
        email_domain="example.ca"),
    "AU": dict(
        weight=0.06, currency="AUD", airports=["SYD", "MEL", "BNE"],
        first=["Oliver", "Charlotte", "Jack", "Amelia", "William", "Isla", "Noah", "Mia",
               "Lachlan", "Chloe", "Cooper", "Ruby"],
        last=["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson",
              "Martin", "White", "Anderson", "Walker", "Kelly", "Ryan"],
        streets=["George Street", "Beach Road", "Victoria Street", "Station Street",
                 "Bay Road", "Pacific Highway", "Church Street", "Hill Street"],
        cities=[("Sydney", "NSW", "20"), ("Melbourne", "VIC", "30"), ("Brisbane", "QLD", "40"),
                ("Perth", "WA", "60"), ("Adelaide", "SA", "50")],
        phone=("61", "0", lambda r: "4" + _digits(r, 8)),
        email_domain="example.com.au"),
    "JP": dict(
        weight=0.05, currency="JPY", airports=["NRT", "KIX", "HND"],
        first=["Haruto", "Yui", "Sota", "Hina", "Yuto", "Aoi", "Riku", "Sakura", "Ren", "Mei"],
        last=["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
              "Kobayashi", "Kato"],
        streets=["Shibuya", "Jingumae", "Minami-Aoyama", "Umeda", "Sakae", "Tenjin", "Nishiki",
                 "Ebisu"],
        cities=[("Tokyo", "15", None), ("Osaka", "53", None), ("Nagoya", "46", None),
                ("Fukuoka", "81", None), ("Yokohama", "22", None)],
        phone=("81", "0", lambda r: str(r.choice([70, 80, 90])) + _digits(r, 8)),
        email_domain="example.jp"),
    "NZ": dict(
        weight=0.03, currency="NZD", airports=["AKL", "CHC"],
        first=["Oliver", "Isla", "Jack", "Charlotte", "Leo", "Amelia", "Nikau", "Aria"],
        last=["Smith", "Wilson", "Williams", "Brown", "Taylor", "Thompson", "Ngata", "Walker"],
        streets=["Queen Street", "Ponsonby Road", "Colombo Street", "Victoria Avenue",
                 "Riccarton Road", "Great North Road"],
        cities=[("Auckland", "10", None), ("Wellington", "60", None), ("Christchurch", "80", None),
                ("Hamilton", "32", None)],
        phone=("64", "0", lambda r: "2" + str(r.choice([1, 2, 7])) + _digits(r, 7)),
        email_domain="example.co.nz"),
}

# ---------------------------------------------------------------------------
# Origins: shippers (companies) with their naming customs.
# ---------------------------------------------------------------------------
PINYIN = [
    "Jinhui", "Xingchen", "Huaxin", "Tianyu", "Hongda", "Ruifeng", "Mingyang", "Jiayi", "Xinyuan",
    "Haoyun", "Longsheng", "Fuxing", "Yongsheng", "Baoli", "Dingsheng", "Zhongxin", "Huamei",
    "Kaida", "Shengtai", "Weilong", "Yuanfang", "Jintai", "Hengtong", "Lianfa", "Chuangxin",
    "Jiahe", "Meilin", "Xiangrui", "Haitian", "Boya", "Qiaoxing", "Runze", "Yinghe", "Deli",
    "Anxin", "Fengyuan", "Guanghui", "Hongxing", "Jiaxin", "Kangda", "Lixin", "Mingzhu",
    "Nanfang", "Oufeng", "Pengcheng", "Qianli", "Ruixin", "Shunfa", "Taihe", "Wanjia", "Xinhe",
    "Yida", "Zhengda", "Aoli", "Beisite", "Chenguang", "Dongfang", "Erma", "Feiyang", "Gaoke",
    "Haoda", "Jiamei", "Kunlun", "Lantian", "Meida", "Nuoya", "Puhui", "Qingfeng", "Rongsheng",
    "Sanhe", "Tongda", "Wenxin", "Xusheng", "Yaxin", "Zhihui", "Baicheng", "Caifu", "Dahua",
    "Enke", "Fuhua", "Guoxin", "Huida", "Jingyi", "Kaixuan", "Liangpin", "Minghao", "Ningyuan",
    "Qixin", "Ruida", "Shangpin", "Tianfu", "Weixing", "Xinda", "Yunhai", "Zhongtian",
]
# Chinese trade names are mostly two syllables written as one word ("Huaxin").
SYLLABLES = ["Hua", "Xin", "Jia", "Tian", "Hong", "Rui", "Ming", "Yuan", "Hao", "Long", "Sheng", "Fu",
             "Bao", "Ding", "Zhong", "Mei", "Kai", "Tai", "Wei", "Jin", "Heng", "Tong", "Lian", "Chuang",
             "He", "Lin", "Xiang", "Hai", "Bo", "Qiao", "Run", "Ying", "Li", "An", "Feng", "Guang", "Kang",
             "Ou", "Peng", "Qian", "Shun", "Wan", "Yi", "Da", "Zheng", "Cheng", "Dong", "Fei", "Gao",
             "Kun", "Lan", "Nuo", "Pu", "Qing", "Rong", "San", "Wen", "Xu", "Ya", "Zhi", "Cai", "En",
             "Guo", "Hui", "Jing", "Xuan", "Liang", "Ning", "Yun", "Tian", "Shang", "Bai", "Chen",
             "Xing", "Yong", "Le", "Mao", "Sen", "Tao", "Yu", "Zhan", "Ke", "Ai", "Bin", "Chao"]
CN_CITIES = [("Shenzhen", "518", "SZX", "Nanshan District"), ("Guangzhou", "510", "CAN", "Baiyun District"),
             ("Yiwu", "322", "HGH", "Futian Street"), ("Dongguan", "523", "CAN", "Humen Town"),
             ("Hangzhou", "310", "HGH", "Binjiang District"), ("Ningbo", "315", "NGB", "Yinzhou District"),
             ("Xiamen", "361", "XMN", "Huli District"), ("Quanzhou", "362", "XMN", "Jinjiang"),
             ("Putian", "351", "XMN", "Licheng District"), ("Suzhou", "215", "PVG", "Wuzhong District"),
             ("Shanghai", "200", "PVG", "Minhang District"), ("Foshan", "528", "CAN", "Nanhai District")]
CN_ROADS = ["Keyuan Road", "Huangpu Avenue West", "Chouzhou North Road", "Shennan Avenue",
            "Jiangnan Road", "Xueyuan Road", "Binhai Avenue", "Zhongshan Road", "Jinhu Road",
            "Gongye Road", "Xinhua Street", "Renmin Road"]
CN_INDUSTRY = ["Trading", "Electronic Technology", "Garment", "Apparel", "Shoes", "Leather Products",
               "Import & Export", "E-commerce", "Household Products", "Crafts", "Watch", "Jewelry",
               "Sporting Goods", "Toys", "Cosmetics", "Technology", "Textile", "Bags", "Optical",
               "Digital Technology", "Home Furnishing", "Outdoor Products", "Pet Products"]
CN_LEGAL = ["Co., Ltd.", "Co., Ltd.", "Co. Ltd", "Company Limited", "Co.,Ltd"]

ORIGINS = {
    # weight, currencies, airports, company naming
    "CN": dict(weight=0.37, currencies=["USD", "USD", "USD", "CNY", "EUR"]),
    "HK": dict(weight=0.07, currencies=["USD", "HKD"], airports=["HKG"]),
    "US": dict(weight=0.08, currencies=["USD"], airports=["JFK", "LAX", "ORD", "MEM", "SDF"]),
    "GB": dict(weight=0.05, currencies=["GBP"], airports=["LHR", "EMA"]),
    "DE": dict(weight=0.05, currencies=["EUR"], airports=["FRA", "LEJ"]),
    "NL": dict(weight=0.03, currencies=["EUR"], airports=["AMS"]),
    "FR": dict(weight=0.02, currencies=["EUR"], airports=["CDG"]),
    "IT": dict(weight=0.03, currencies=["EUR"], airports=["MXP"]),
    "JP": dict(weight=0.04, currencies=["JPY", "USD"], airports=["NRT", "KIX"]),
    "KR": dict(weight=0.04, currencies=["USD", "KRW"], airports=["ICN"]),
    "TR": dict(weight=0.03, currencies=["USD", "EUR", "TRY"], airports=["IST"]),
    "IN": dict(weight=0.04, currencies=["USD", "INR"], airports=["DEL", "BOM"]),
    "VN": dict(weight=0.03, currencies=["USD"], airports=["SGN", "HAN"]),
    "TW": dict(weight=0.02, currencies=["USD"], airports=["TPE"]),
    "SG": dict(weight=0.01, currencies=["SGD", "USD"], airports=["SIN"]),
    "CA": dict(weight=0.02, currencies=["CAD"], airports=["YYZ"]),
    "AU": dict(weight=0.02, currencies=["AUD"], airports=["SYD"]),
    "PL": dict(weight=0.02, currencies=["EUR"], airports=["WAW"]),
    "ES": dict(weight=0.02, currencies=["EUR"], airports=["MAD"]),
    "SE": dict(weight=0.01, currencies=["EUR"], airports=["ARN"]),
}

ADJ = ["Blue", "North", "Bright", "Silver", "Green", "Oak", "Harbour", "Summit", "Cedar", "Golden",
       "Red", "Urban", "Wild", "Pure", "Little", "Coastal", "Maple", "Stone", "True", "Happy",
       "Nordic", "Alpine", "Sunny", "Clever", "Honest", "Lucky", "Crystal", "Velvet", "Iron"]
NOUN = ["River", "Fox", "Peak", "Anchor", "Lantern", "Meadow", "Orchard", "Finch", "Harbor",
        "Willow", "Atlas", "Compass", "Pebble", "Bridge", "Beacon", "Thread", "Bloom", "Wave",
        "Trail", "Hive", "Ember", "Forge", "Nest", "Cove", "Sparrow", "Arrow", "Mill", "Canvas"]
WEST_INDUSTRY = ["Outfitters", "Supply", "Goods", "Trading", "Home", "Studio", "Apparel", "Tech",
                 "Crafts", "Sports", "Books", "Beauty", "Electronics", "Kids", "Gear", "Design"]
LEGAL_BY_COUNTRY = {"US": ["Inc.", "LLC", "Co."], "GB": ["Ltd", "Ltd.", "Limited"],
                    "DE": ["GmbH", "GmbH & Co. KG"], "NL": ["B.V."], "FR": ["SAS", "SARL"],
                    "IT": ["S.r.l.", "S.p.A."], "CA": ["Inc.", "Ltd."], "AU": ["Pty Ltd"],
                    "PL": ["Sp. z o.o."], "ES": ["S.L."], "SE": ["AB"], "SG": ["Pte. Ltd."],
                    "HK": ["Limited", "Co., Limited"], "JP": ["Co., Ltd.", "K.K."],
                    "KR": ["Co., Ltd."], "TR": ["Ltd. Şti.", "A.Ş."], "IN": ["Pvt. Ltd.", "LLP"],
                    "VN": ["Company Limited", "JSC"], "TW": ["Co., Ltd."]}
JP_WORDS = ["Sakura", "Fuji", "Yamato", "Hikari", "Midori", "Kaze", "Nippon", "Aozora", "Tsubasa"]
KR_WORDS = ["Hanbit", "Saerom", "Daehan", "Mirae", "Haneul", "Seoul", "Nara", "Bitna"]
TR_WORDS = ["Anadolu", "Yıldız", "Güneş", "Marmara", "Ege", "Boğaziçi", "Çınar", "Kartal",
            "Deniz", "Özgür", "Akdeniz", "Altın", "Bereket", "Doğan", "Erciyes", "Fırat", "Gökkuşağı",
            "Hilal", "Işık", "Kardelen", "Lale", "Mavi", "Nur", "Ofis", "Pamuk", "Rüzgar", "Sedef",
            "Toros", "Umut", "Vatan", "Yakut", "Zeytin", "Başak", "Çağdaş", "Demir", "Efe", "Filiz",
            "Gül", "Hazal", "İpek", "Karadeniz", "Kuzey", "Merter", "Osmanlı", "Palmiye", "Saray"]
TR_INDUSTRY = ["Tekstil", "Deri", "Moda", "Ayakkabı", "Dış Ticaret", "Konfeksiyon", "Çanta", "Giyim",
               "Örme", "Triko", "İç Giyim", "Aksesuar"]
IN_WORDS = ["Shree", "Ganesh", "Lakshmi", "Surya", "Kaveri", "Himalaya", "Ganga", "Vardhman"]
IN_INDUSTRY = ["Exports", "Handicrafts", "Textiles", "Overseas", "Fashions", "Impex"]
VN_WORDS = ["Minh Phat", "Thanh Cong", "Hoang Long", "Phu Thinh", "An Binh", "Viet Tien"]

WEST_STREETS = {
    "US": ["Commerce Way", "Industrial Pkwy", "Distribution Dr", "Market Street", "Harbor Blvd"],
    "GB": ["Enterprise Way", "Riverside Park", "Trade Street", "Unit 4 Castle Court"],
    "DE": ["Industriestraße", "Gewerbepark", "Logistikring", "Hafenstraße"],
    "NL": ["Industrieweg", "Havenstraat", "Transportweg"],
    "FR": ["rue de l'Industrie", "ZA des Portes", "avenue du Commerce"],
    "IT": ["Via dell'Industria", "Via del Lavoro", "Zona Industriale"],
    "JP": ["Ariake", "Heiwajima", "Shinkiba"],
    "KR": ["Teheran-ro", "Gangnam-daero", "Sejong-daero"],
    "TR": ["Laleli Cd.", "Merter Sk.", "Osmanbey Cd."],
    "IN": ["MIDC Road", "Okhla Phase II", "Sector 63"],
    "VN": ["Nguyen Van Linh", "Le Loi", "Tran Hung Dao"],
    "TW": ["Zhongzheng Rd.", "Minsheng E. Rd.", "Xinyi Rd."],
    "SG": ["Ubi Avenue", "Jurong West Street", "Changi South Lane"],
    "CA": ["Commerce Road", "Industrial Crescent", "Logistics Drive"],
    "AU": ["Export Drive", "Industrial Road", "Airport Drive"],
    "PL": ["ul. Przemysłowa", "ul. Logistyczna"], "ES": ["Calle de la Industria", "Polígono Sur"],
    "SE": ["Industrivägen", "Lagervägen"], "HK": ["Kwai Chung Road", "Hung To Road", "Tai Yip Street"],
}
ORIGIN_CITIES = {
    "US": [("Los Angeles", "900"), ("Newark", "071"), ("Dallas", "752"), ("Reno", "895")],
    "GB": [("Leicester", "LE"), ("Milton Keynes", "MK"), ("Manchester", "M")],
    "DE": [("Hamburg", "21"), ("Leipzig", "04"), ("Köln", "51")], "NL": [("Venlo", "59"), ("Tilburg", "50")],
    "FR": [("Lyon", "69"), ("Roissy", "95")], "IT": [("Milano", "20"), ("Prato", "59")],
    "JP": [("Tokyo", "13"), ("Osaka", "55")], "KR": [("Seoul", "06"), ("Incheon", "22")],
    "TR": [("İstanbul", "34"), ("Bursa", "16")], "IN": [("New Delhi", "110"), ("Mumbai", "400"), ("Jaipur", "302")],
    "VN": [("Ho Chi Minh City", "70"), ("Hanoi", "10")], "TW": [("Taipei", "10"), ("Taichung", "40")],
    "SG": [("Singapore", "40")], "CA": [("Mississauga", "L5"), ("Richmond", "V6")],
    "AU": [("Sydney", "21"), ("Melbourne", "30")], "PL": [("Poznań", "62"), ("Łódź", "90")],
    "ES": [("Madrid", "28"), ("Valencia", "46")], "SE": [("Borås", "50"), ("Stockholm", "12")],
    "HK": [("Kwai Chung", ""), ("Kowloon Bay", ""), ("Kwun Tong", "")],
}
ORIGIN_PHONE = {"CN": "86", "HK": "852", "US": "1", "GB": "44", "DE": "49", "NL": "31", "FR": "33",
                "IT": "39", "JP": "81", "KR": "82", "TR": "90", "IN": "91", "VN": "84", "TW": "886",
                "SG": "65", "CA": "1", "AU": "61", "PL": "48", "ES": "34", "SE": "46", "AE": "971"}

PLATFORMS = [("AliExpress", "AE"), ("Temu", "TM"), ("Shein", "SH"), ("Amazon", "AMZ"),
             ("eBay", "EB"), ("Etsy", "ETS"), ("Shopee", "SP"), ("Joom", "JM"), ("Wish", "WS")]

CARRIERS_EXPRESS = ["DHL-EXP", "FEDEX", "UPS", "CAINIAO", "YUNEXPRESS", "SF-EXPRESS", "ARAMEX"]
AIRLINE_PREFIX = ["784", "176", "235", "020", "160", "297", "618", "074", "057", "125", "172", "999"]
TRANSIT_HUBS = [("AE", "DXB"), ("HK", "HKG"), ("SG", "SIN"), ("DE", "LEJ"), ("QA", "DOH"),
                ("TR", "IST"), ("KR", "ICN")]
CN_AIRPORTS = ["CAN", "SZX", "PVG", "HGH", "NGB", "XMN"]

# ---------------------------------------------------------------------------
# Goods: (key, description forms, HS codes, unit value EUR range, unit kg,
# category). Descriptions are ICS2-precise; HS codes fit them.
# ---------------------------------------------------------------------------
GOODS = [
    # apparel (61/62)
    ("tshirt", ["men's cotton t-shirt, crew neck", "women's organic cotton T-shirt", "graphic print tee, 100% cotton, short sleeve"], ["610910", "6109.10.00"], (5, 25), 0.2, "apparel"),
    ("cardigan", ["women's knitted cardigan, acrylic", "wool blend cardigan, button front"], ["611030", "611020"], (15, 60), 0.45, "apparel"),
    ("jeans", ["men's denim jeans, slim fit", "women's high-waist denim jeans"], ["620342", "620462"], (20, 70), 0.6, "apparel"),
    ("blouse", ["women's polyester blouse, long sleeve", "viscose blouse with floral print"], ["620640", "620640"], (12, 45), 0.2, "apparel"),
    ("hoodie", ["fleece hoodie, cotton-polyester", "unisex pullover hoodie, brushed fleece"], ["611030", "611020"], (15, 55), 0.55, "apparel"),
    ("shorts", ["running shorts, polyester, with inner brief", "men's cotton chino shorts"], ["610463", "620342"], (8, 35), 0.2, "apparel"),
    ("socks", ["cotton ankle socks, 5 pairs", "merino wool hiking socks, 2 pairs"], ["611595", "611594"], (6, 25), 0.2, "apparel"),
    ("raincoat", ["waterproof hiking jacket, polyamide", "women's lightweight rain jacket"], ["620193", "620293"], (35, 140), 0.6, "apparel"),
    ("leggings", ["yoga leggings, nylon-elastane", "children's cotton leggings, 3 pack"], ["610463", "610463"], (10, 40), 0.25, "apparel"),
    ("babysuit", ["baby bodysuit, organic cotton, 3 pack", "infant sleepsuit, cotton"], ["611120", "611120"], (10, 30), 0.25, "apparel"),
    ("dress", ["women's summer dress, viscose", "knitted midi dress, cotton"], ["620444", "610442"], (15, 80), 0.35, "apparel"),
    ("scarf", ["wool scarf, knitted", "silk scarf, printed, 90 x 90 cm"], ["611710", "621410"], (10, 60), 0.15, "apparel"),
    # footwear (64)
    ("boots", ["men's leather ankle boots", "women's suede chelsea boots"], ["640351", "640391"], (40, 150), 1.4, "footwear"),
    ("sneakers", ["women's canvas sneakers, rubber sole", "running shoes, mesh upper"], ["640419", "640411"], (25, 110), 0.9, "footwear"),
    ("rainboots", ["children's rubber rain boots", "wellington boots, natural rubber"], ["640192", "640192"], (12, 40), 1.0, "footwear"),
    ("sandals", ["leather sandals, flat", "women's sandals with cork footbed"], ["640399", "640359"], (20, 80), 0.6, "footwear"),
    ("slippers", ["house slippers, felt", "memory foam slippers, textile upper"], ["640520", "640420"], (8, 30), 0.4, "footwear"),
    # bags and leather (42)
    ("wallet", ["leather wallet, bifold", "RFID blocking card holder, leather"], ["420231", "420232"], (10, 60), 0.12, "bags"),
    ("backpack", ["canvas backpack, 20 litre", "hiking daypack, nylon, 25 L"], ["420292", "420292"], (15, 80), 0.7, "bags"),
    ("handbag", ["women's handbag, PU leather", "crossbody handbag, textile outer"], ["420222", "420222"], (15, 70), 0.6, "bags"),
    ("laptopsleeve", ["laptop sleeve, neoprene, 14 inch", "padded laptop case, polyester"], ["420292", "420212"], (10, 35), 0.35, "bags"),
    ("belt", ["leather belt, pin buckle", "braided canvas belt"], ["420330", "621790"], (10, 45), 0.2, "bags"),
    # watches (91)
    ("watch", ["quartz wristwatch, stainless steel case", "analogue watch with leather strap"], ["910211", "910219"], (25, 180), 0.2, "watches"),
    ("watchstrap", ["silicone watch strap, 22 mm", "replacement watch band, stainless mesh"], ["911390", "911320"], (5, 25), 0.05, "watches"),
    ("wallclock", ["wall clock, wooden frame, quartz movement"], ["910521"], (15, 45), 0.8, "watches"),
    # jewellery (71)
    ("necklace", ["sterling silver necklace, pendant", "925 silver chain necklace"], ["711311"], (20, 90), 0.05, "jewellery"),
    ("earrings", ["gold-plated hoop earrings", "fashion earrings, alloy, 6 pairs"], ["711719", "711719"], (5, 25), 0.04, "jewellery"),
    ("bracelet", ["beaded bracelet, natural stone", "stainless steel bangle bracelet"], ["711719", "711719"], (6, 30), 0.05, "jewellery"),
    # eyewear (9004)
    ("sunglasses", ["polarised sunglasses, acetate frame", "sports sunglasses, UV400"], ["900410"], (15, 90), 0.1, "sunglasses"),
    ("readingglasses", ["reading glasses +1.5, 3 pack"], ["900490"], (8, 25), 0.12, "sunglasses"),
    # perfume and cosmetics (33)
    ("perfume", ["eau de parfum, 50 ml", "eau de toilette spray, 100 ml"], ["330300"], (25, 120), 0.3, "perfume"),
    ("lipstick", ["matte lipstick set, 6 shades", "lip gloss, 4 pieces"], ["330410"], (8, 30), 0.1, "cosmetics"),
    ("facecream", ["face moisturiser cream, 50 ml", "vitamin C serum, 30 ml"], ["330499"], (10, 60), 0.15, "cosmetics"),
    ("shampoo", ["solid shampoo bar, 80 g", "argan oil hair mask, 250 ml"], ["330510", "330590"], (6, 25), 0.3, "cosmetics"),
    # electronics (84/85)
    ("charger", ["USB-C charger, 65 W, GaN", "wall charger with 2 USB ports"], ["850440"], (12, 50), 0.15, "electronics"),
    ("earbuds", ["wireless earbuds with charging case", "bluetooth in-ear headphones"], ["851830"], (20, 120), 0.12, "electronics"),
    ("speaker", ["portable bluetooth speaker, 10 W", "smart speaker with voice assistant"], ["851822", "851822"], (25, 120), 0.6, "electronics"),
    ("keyboard", ["mechanical keyboard, USB, RGB backlight", "wireless keyboard and mouse set"], ["847160"], (30, 140), 1.0, "electronics"),
    ("mouse", ["wireless computer mouse, 2.4 GHz", "ergonomic vertical mouse"], ["847160"], (10, 45), 0.12, "electronics"),
    ("smartphone", ["smartphone, 128 GB, dual SIM", "Android smartphone, 6.5 inch display"], ["851713"], (120, 600), 0.4, "electronics"),
    ("hdmicable", ["HDMI cable, 2 m", "USB-C to USB-C cable, 1 m, braided"], ["854442"], (6, 18), 0.08, "electronics"),
    ("powerbank", ["power bank 10000 mAh, lithium-ion", "power bank 20000 mAh with PD"], ["850760"], (15, 50), 0.3, "electronics"),
    ("memorycard", ["microSD memory card, 128 GB", "USB flash drive, 64 GB"], ["852351"], (8, 30), 0.03, "electronics"),
    ("smartwatch", ["smartwatch with heart-rate monitor", "fitness tracker band, AMOLED"], ["851762"], (25, 150), 0.15, "electronics"),
    ("camera", ["action camera, 4K, waterproof case", "webcam 1080p with microphone"], ["852580", "852589"], (25, 180), 0.35, "electronics"),
    # toys (95)
    ("puzzle", ["jigsaw puzzle, 1000 pieces", "wooden puzzle for toddlers"], ["950300"], (8, 30), 0.7, "toys"),
    ("plush", ["plush teddy bear, 30 cm", "soft plush toy, unicorn"], ["950300"], (8, 30), 0.3, "toys"),
    ("rccar", ["remote control car, 1:16, with battery", "RC stunt car, rechargeable"], ["950300"], (20, 70), 0.9, "toys"),
    ("boardgame", ["board game, family strategy", "card game for 2-6 players"], ["950490"], (12, 50), 0.9, "toys"),
    ("blocks", ["building blocks set, 500 pieces, ABS", "magnetic building tiles, 60 pieces"], ["950300"], (15, 60), 1.0, "toys"),
    # home and kitchen
    ("mugs", ["ceramic coffee mugs, 350 ml, set of 4", "porcelain tea cups with saucers"], ["691200", "691110"], (12, 40), 1.8, "home"),
    ("knives", ["stainless steel kitchen knife set, 5 pieces", "chef's knife, 20 cm blade"], ["821191", "821192"], (20, 90), 0.9, "home"),
    ("bedsheets", ["cotton bed sheets, double, 2 pillowcases", "linen duvet cover set"], ["630221", "630239"], (25, 90), 1.4, "home"),
    ("candle", ["scented soy candle in glass jar", "beeswax candles, 6 pack"], ["340600"], (8, 30), 0.5, "home"),
    ("bakingmat", ["silicone baking mats, 2 pieces", "silicone muffin moulds, 12 pieces"], ["392410"], (6, 20), 0.3, "home"),
    ("containers", ["glass food containers with lids, 5 pieces", "borosilicate glass meal prep boxes"], ["701337"], (15, 40), 2.2, "home"),
    ("cuttingboard", ["bamboo cutting board, large", "olive wood serving board"], ["441919", "441990"], (10, 40), 0.9, "home"),
    ("stringlights", ["LED string lights, 10 m, USB powered", "solar garden lights, 4 pack"], ["940540", "940542"], (8, 35), 0.4, "home"),
    ("waterbottle", ["stainless steel water bottle, 750 ml", "insulated travel mug, 450 ml"], ["732393"], (10, 35), 0.4, "home"),
    ("cushioncover", ["linen cushion covers, 45 x 45 cm, 2 pieces", "velvet throw pillow cover"], ["630493", "630492"], (8, 30), 0.3, "home"),
    ("desklamp", ["LED desk lamp with USB port", "clip-on reading lamp"], ["940521"], (15, 50), 0.8, "home"),
    # books, media, crafts
    ("novel", ["paperback novel, English", "hardcover cookbook"], ["490199"], (8, 35), 0.5, "books"),
    ("vinyl", ["vinyl record LP, 180 g", "music CD album"], ["852380", "852349"], (12, 35), 0.3, "books"),
    ("artprints", ["art prints, A3, set of 3", "photo calendar 2027"], ["491191", "491000"], (10, 40), 0.3, "books"),
    ("paints", ["acrylic paint set, 24 colours", "watercolour brushes, 10 pieces"], ["321310", "960330"], (10, 40), 0.6, "crafts"),
    ("yarn", ["merino wool knitting yarn, 5 skeins", "cotton embroidery thread, 50 colours"], ["510910", "520420"], (10, 45), 0.5, "crafts"),
    # sports, tools, auto, pets, health
    ("yogamat", ["yoga mat, TPE, 6 mm", "cork yoga block, 2 pieces"], ["950691", "450490"], (12, 45), 1.1, "sports"),
    ("bands", ["resistance bands set, latex, 5 levels"], ["950691"], (8, 25), 0.4, "sports"),
    ("lures", ["fishing lure set, 30 pieces", "carbon fishing rod, 2.1 m"], ["950790", "950710"], (10, 60), 0.5, "sports"),
    ("gloves", ["cycling gloves, half finger", "ski gloves, waterproof"], ["611693", "621610"], (10, 45), 0.2, "sports"),
    ("drill", ["cordless drill 18 V with 2 batteries"], ["846721"], (45, 150), 2.5, "tools"),
    ("brakepads", ["brake pads for car, front axle, ceramic", "engine air filter for car"], ["870830", "842131"], (20, 70), 1.6, "auto"),
    ("sparkplugs", ["spark plugs, iridium, set of 4"], ["851110"], (15, 45), 0.25, "auto"),
    ("dogcollar", ["dog collar, nylon, adjustable", "cat harness with leash"], ["420100"], (8, 25), 0.15, "pets"),
    ("vitamins", ["vitamin D3 supplement, 90 capsules", "magnesium tablets, 120 pieces"], ["210690"], (8, 30), 0.2, "health"),
    ("thermometer", ["digital fever thermometer", "kitchen thermometer with probe"], ["902519"], (8, 25), 0.1, "health"),
    ("phonecase", ["phone case, silicone, for 6.1 inch phones", "tempered glass screen protector, 2 pack"], ["392690", "700719"], (5, 20), 0.08, "accessories"),
]
GOODS_BY_KEY = {g[0]: g for g in GOODS}
# Kinds of goods where counterfeits concentrate (domain.md).
RISKY_KEYS = ["sneakers", "boots", "sandals", "handbag", "wallet", "backpack", "watch", "necklace",
              "bracelet", "sunglasses", "perfume", "earbuds", "charger", "tshirt", "hoodie",
              "raincoat", "smartwatch", "powerbank", "belt", "scarf"]

# Shipper specialities: goods a shipper sells.
SPECIALITIES = [
    ["tshirt", "hoodie", "leggings", "shorts", "dress", "socks"],
    ["sneakers", "sandals", "slippers", "boots", "rainboots"],
    ["handbag", "wallet", "backpack", "belt", "laptopsleeve"],
    ["watch", "watchstrap", "necklace", "earrings", "bracelet", "sunglasses"],
    ["charger", "earbuds", "hdmicable", "powerbank", "memorycard", "mouse", "phonecase"],
    ["speaker", "keyboard", "smartwatch", "camera", "smartphone"],
    ["puzzle", "plush", "rccar", "boardgame", "blocks"],
    ["mugs", "knives", "candle", "bakingmat", "containers", "cuttingboard", "waterbottle"],
    ["stringlights", "cushioncover", "desklamp", "bedsheets", "wallclock"],
    ["lipstick", "facecream", "shampoo", "perfume"],
    ["novel", "vinyl", "artprints"],
    ["paints", "yarn"],
    ["yogamat", "bands", "lures", "gloves", "raincoat"],
    ["drill", "brakepads", "sparkplugs"],
    ["dogcollar", "vitamins", "thermometer", "readingglasses"],
    ["cardigan", "scarf", "babysuit", "jeans", "blouse"],
]

# Genuine branded goods, correctly declared and valued, shipped from the
# brand's own distribution country (honest look-alikes).
GENUINE_BRANDED = [
    ("Nike Pegasus 41 running shoes, men's", "640411", (110, 150), 1.1, ["NL", "BE", "US"]),
    ("adidas Ultraboost 5 running shoes", "640411", (150, 190), 1.1, ["DE", "NL", "US"]),
    ("New Balance 990v6 sneakers, suede/mesh", "640411", (180, 220), 1.2, ["US", "GB"]),
    ("Apple AirPods Pro (2nd generation)", "851830", (220, 280), 0.3, ["CN", "NL", "US"]),
    ("Samsung Galaxy Buds3 wireless earbuds", "851830", (140, 180), 0.25, ["KR", "NL", "VN"]),
    ("Ray-Ban Wayfarer sunglasses, polarised", "900410", (140, 190), 0.25, ["IT", "NL"]),
    ("Oakley Holbrook sunglasses", "900410", (120, 170), 0.25, ["US", "IT"]),
    ("Michael Kors crossbody handbag, saffiano leather", "420221", (180, 300), 0.8, ["US", "NL"]),
    ("Pandora sterling silver charm bracelet", "711311", (60, 110), 0.1, ["DE", "GB", "US"]),
    ("Tissot PRX quartz watch, stainless steel", "910211", (320, 420), 0.4, ["CH", "DE"]),
    ("LEGO Technic set 42151", "950300", (40, 60), 0.9, ["DE", "US", "GB"]),
    ("The North Face Nuptse down jacket", "620193", (280, 340), 1.2, ["NL", "US"]),
    ("Lacoste polo shirt, cotton piqué", "610510", (85, 110), 0.35, ["FR", "NL"]),
    ("Ralph Lauren oxford shirt, cotton", "620520", (110, 150), 0.4, ["US", "IT"]),
    ("Moncler down vest", "620193", (600, 900), 0.8, ["IT"]),
    ("Swarovski crystal pendant necklace", "711719", (90, 150), 0.1, ["DE", "AT", "CH"]),
    ("Bose QuietComfort headphones", "851830", (300, 380), 0.7, ["US", "NL"]),
    ("JBL Flip 6 portable speaker", "851822", (110, 140), 0.8, ["NL", "DE", "CN"]),
    ("Chanel N°5 eau de parfum, 50 ml", "330300", (120, 150), 0.4, ["FR"]),
    ("Converse Chuck Taylor All Star high top, canvas", "640419", (70, 90), 1.0, ["NL", "US"]),
    ("Puma Suede Classic sneakers", "640419", (80, 100), 1.0, ["DE", "NL"]),
    ("Burberry cashmere scarf", "611710", (450, 550), 0.3, ["GB", "IT"]),
]
# Ordinary words that are brand terms elsewhere (honest look-alikes).
WORD_COLLISIONS = [
    ("omega-3 fish oil capsules, 120 pieces", "210690", (12, 30), 0.3),
    ("apple cider vinegar gummies, 60 pieces", "210690", (12, 25), 0.3),
    ("AAA alkaline batteries, 8 pack", "850610", (5, 12), 0.2),
    ("A4 copy paper, 500 sheets", "480256", (6, 10), 2.5),
    ("1:18 scale diecast model car, replica of a 1967 roadster", "950300", (35, 90), 1.2),
    ("official home replica jersey, football club, polyester", "611030", (60, 90), 0.3),
    ("replica vintage movie poster, A2", "491191", (10, 25), 0.3),
]

# ---------------------------------------------------------------------------
# The watchlist's brand terms and counterfeit vocabulary.
# ---------------------------------------------------------------------------
BRANDS = [
    # (term as listed, category key for goods of that brand)
    ("Nike", "sneakers"), ("adidas", "sneakers"), ("Yeezy", "sneakers"), ("New Balance", "sneakers"),
    ("Louboutin", "sandals"), ("Gucci", "handbag"), ("Louis Vuitton", "handbag"), ("Chanel", "handbag"),
    ("Prada", "handbag"), ("Hermes", "handbag"), ("Dior", "handbag"), ("Balenciaga", "sneakers"),
    ("Michael Kors", "handbag"), ("Fendi", "handbag"), ("Goyard", "wallet"), ("Rolex", "watch"),
    ("Omega", "watch"), ("Cartier", "watch"), ("Hublot", "watch"), ("Patek Philippe", "watch"),
    ("Audemars Piguet", "watch"), ("Ray-Ban", "sunglasses"), ("Oakley", "sunglasses"),
    ("Tiffany", "necklace"), ("Pandora", "bracelet"), ("Bvlgari", "bracelet"),
    ("Apple", "earbuds"), ("AirPods", "earbuds"), ("Beats", "earbuds"), ("Moncler", "raincoat"),
    ("Canada Goose", "raincoat"), ("The North Face", "raincoat"), ("Supreme", "hoodie"),
    ("Off-White", "hoodie"), ("Burberry", "scarf"), ("Lacoste", "tshirt"), ("Stone Island", "hoodie"),
    ("Swarovski", "necklace"), ("Pokemon", "plush"),
]
# Brand words the goods rules know as a category (core/screening_config.cc),
# folded; the rest are found by the watchlist only.
VOCAB_LISTED = ["replica", "replicas", "1:1", "AAA quality", "AAA grade", "mirror quality",
                "mirror grade", "super fake", "high copy", "top copy", "copy watch", "knockoff",
                "knock-off", "unauthorized authentic", "UA quality", "1:1 copy"]
# Slang a watchlist does not list yet.
VOCAB_UNLISTED = ["reps", "AAAAA", "best version", "UA", "PK batch", "original box dupe"]

# Watchlisted parties: companies of counterfeit flows, and persons (mules,
# reshipping agents). Person names come with the other script they are
# written in on parcels.
WL_PERSONS_CYRILLIC = [
    ("Dmitriy Sokolov", "Дмитрий Соколов"), ("Sergey Kuznetsov", "Сергей Кузнецов"),
    ("Aleksandr Shcherbakov", "Александр Щербаков"), ("Yevgeniy Zhukov", "Евгений Жуков"),
    ("Oleksandr Kovalenko", "Олександр Коваленко"), ("Natalya Vorobyova", "Наталья Воробьёва"),
    ("Mikhail Orlov", "Михаил Орлов"), ("Tatyana Belova", "Татьяна Белова"),
    ("Andrey Morozov", "Андрей Морозов"), ("Yuliya Kravchenko", "Юлия Кравченко"),
]
WL_PERSONS_GREEK = [
    ("Georgios Papadopoulos", "Γεώργιος Παπαδόπουλος"), ("Dimitrios Nikolaidis", "Δημήτριος Νικολαΐδης"),
    ("Konstantinos Georgiou", "Κωνσταντίνος Γεωργίου"),
]
WL_COMPANIES_TURKISH = [
    ("Yildiz Deri Canta Sanayi Ltd. Sti.", "Yıldız Deri Çanta Sanayi Ltd. Şti."),
    ("Gunes Moda Tekstil Dis Ticaret A.S.", "Güneş Moda Tekstil Dış Ticaret A.Ş."),
    ("Ozgur Ayakkabi Konfeksiyon Ltd. Sti.", "Özgür Ayakkabı Konfeksiyon Ltd. Şti."),
    ("Cinar Bogazici Tekstil Ltd. Sti.", "Çınar Boğaziçi Tekstil Ltd. Şti."),
]
WL_COMPANIES_HAN = [
    ("Shenzhen Huaqiang Jinfeng Dianzi", "深圳华强金丰电子"),
    ("Yiwu Jinqiao Maoyi", "义乌金桥贸易"),
    ("Guangzhou Baiyun Xingchen Fushi", "广州白云星辰服饰"),
    ("Putian Hongxing Xieye", "莆田红星鞋业"),
]
