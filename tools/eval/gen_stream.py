#!/usr/bin/env python3
"""Writes a labelled synthetic parcel stream and the watchlist it is judged with.

    gen_stream.py --seed 7 --parcels 20000 --bad-rate 0.02 --out /tmp/stream7

DIR/watchlist.jsonl  one placi.screening.v1.WatchlistEntry per line (proto3 JSON),
                     ids "ev-…": parties, phones, e-mails, sellers, addresses,
                     brand terms and counterfeit vocabulary (not the demo watchlist)
DIR/stream.jsonl     one parcel per line, in replay order:
                     {"label": "<pattern>|honest", "variant": "...", "case": "...",
                      "consignment": {… placi.screening.v1.Consignment, proto3 JSON …}}
DIR/meta.json        seed, sizes, parcels and cases per label

A stream stands for one day of traffic at a gateway, replayed in a minute:
the server judges its windows on its own clock, so every parcel of a stream
falls in the same hour, day and week. Hence:
  - parcels of one multi-parcel scheme (split shipment, reshipper address)
    share a case id and are interleaved with the rest of the day;
  - an honest shipper sends at most --max-per-shipper parcels (default 15,
    under the engine's new-shipper burst of 20 an hour): a real repeat shipper
    has history before the day, which a compressed replay cannot give it;
  - an honest consignee gets one parcel, sometimes two (never a split).

Labels (bad patterns; "variant" says how each was disguised):
  wl_party_typo       watchlisted party name with typos, legal-form and case noise
  wl_party_reorder    watchlisted party name with tokens reordered (or one dropped)
  wl_party_translit   watchlisted party written in Cyrillic, Greek, Turkish letters, Han
  wl_phone            watchlisted phone in another format (international or national)
  wl_email            watchlisted e-mail in another case, with spaces or a plus-tag
  wl_seller           watchlisted marketplace seller id, other case or separators
  wl_address          watchlisted warehouse / forwarding address written another way
  brand_obfuscated    obfuscated brand (N1ke, G.u.c.c.i, accents, homoglyphs) with
                      counterfeit vocabulary in the description or listing URL
  brand_hs_mismatch   brand goods declared under an unrelated HS code, undervalued
  gift_from_seller    postal GIFT / COMMERCIAL_SAMPLE from a marketplace seller, undervalued
  split_shipment      one consignee, 2-5 parcels in the day, each under the destination
                      threshold, together over it (identity sometimes written differently)
  reshipper_address   6-10 consignee names at one delivery address in the day
Honest variants: plain, repeat_consignee, shared_address, c2c_gift, genuine_brand,
word_collision (omega-3, AAA batteries, replica jersey…).

Plain Python 3, no dependencies. Same seed, same files.
"""
import argparse
import json
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pools as P  # noqa: E402

GENERATOR_VERSION = "eval-gen-1"

# Share of bad parcels per pattern (the default mix).
PATTERN_MIX = [
    ("wl_party_typo", 0.08), ("wl_party_reorder", 0.05), ("wl_party_translit", 0.07),
    ("wl_phone", 0.07), ("wl_email", 0.05), ("wl_seller", 0.07), ("wl_address", 0.05),
    ("brand_obfuscated", 0.14), ("brand_hs_mismatch", 0.10), ("gift_from_seller", 0.08),
    ("split_shipment", 0.14), ("reshipper_address", 0.10),
]

BASE_DAY = datetime(2026, 12, 2, tzinfo=timezone.utc)

MODEL_NAMES = {
    "Nike": ["Air Max 90", "Air Force 1", "Dunk Low", "Air Jordan 1"], "adidas": ["Samba", "Gazelle", "Superstar"],
    "Yeezy": ["Boost 350 V2", "Slide"], "New Balance": ["550", "9060"], "Balenciaga": ["Triple S", "Track"],
    "Gucci": ["Marmont", "Dionysus", "Jackie 1961"], "Louis Vuitton": ["Neverfull", "Speedy 30", "Keepall"],
    "Chanel": ["Classic Flap", "Boy bag"], "Prada": ["Re-Edition", "Galleria"], "Hermes": ["Birkin 30", "Kelly"],
    "Dior": ["Saddle", "Book Tote"], "Michael Kors": ["Jet Set"], "Fendi": ["Baguette", "Peekaboo"],
    "Goyard": ["Saint Sulpice"], "Rolex": ["Submariner", "Daytona", "Datejust"], "Omega": ["Seamaster", "Speedmaster"],
    "Cartier": ["Santos", "Tank"], "Hublot": ["Big Bang"], "Patek Philippe": ["Nautilus"],
    "Audemars Piguet": ["Royal Oak"], "Ray-Ban": ["Wayfarer", "Aviator"], "Oakley": ["Holbrook", "Radar"],
    "Tiffany": ["Return to Tiffany"], "Pandora": ["Moments"], "Bvlgari": ["Serpenti"],
    "Apple": ["AirPods Pro", "Watch Ultra"], "AirPods": ["Pro 2", "Max"], "Beats": ["Studio Pro", "Solo 4"],
    "Moncler": ["Maya"], "Canada Goose": ["Expedition"], "The North Face": ["Nuptse 1996"],
    "Supreme": ["Box Logo"], "Off-White": ["Arrows"], "Burberry": ["Check"], "Lacoste": ["L.12.12"],
    "Stone Island": ["Compass"], "Swarovski": ["Millenia"], "Pokemon": ["Pikachu"],
}
# HS codes a smuggler hides goods under (cover chapters far from the goods).
COVER_HS = ["392690", "630790", "610910", "950300", "711719", "482090", "732690", "691200", "420292", "640299"]
CATEGORY_HS_PREFIX = {"sneakers": "64", "sandals": "64", "boots": "64", "handbag": "42", "wallet": "42",
                      "backpack": "42", "watch": "91", "sunglasses": "9004", "necklace": "71",
                      "bracelet": "71", "earbuds": "85", "raincoat": "62", "hoodie": "61", "scarf": "61",
                      "tshirt": "61", "plush": "95"}
NON_CATEGORY_KEYS = ["phonecase", "stringlights", "bakingmat", "candle", "cushioncover", "yogamat", "bands"]
KEYBOARD_NEIGHBOURS = {
    "a": "qsz", "b": "vgn", "c": "xdv", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht", "h": "gjy",
    "i": "uok", "j": "hku", "k": "jli", "l": "ko", "m": "nj", "n": "bmh", "o": "ipl", "p": "ol",
    "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij", "v": "cbf", "w": "qes", "x": "zcs",
    "y": "tuh", "z": "xa",
}
LEET = {"i": "1", "o": "0", "e": "3", "a": "4", "s": "5", "l": "1"}
ACCENTS = {"a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù", "c": "ç", "n": "ñ"}
HOMOGLYPHS = {"o": "\u043e", "a": "\u0430", "e": "\u0435", "c": "\u0441", "p": "\u0440"}


def pick_weighted(r, items):
    """items: [(value, weight)]"""
    total = sum(w for _, w in items)
    x = r.random() * total
    for value, w in items:
        x -= w
        if x <= 0:
            return value
    return items[-1][0]


def s10_check_digit(serial8):
    weights = [8, 6, 4, 2, 3, 5, 9, 7]
    s = sum(int(d) * w for d, w in zip(serial8, weights))
    c = 11 - s % 11
    return {10: 0, 11: 5}.get(c, c)


class Gen:
    def __init__(self, seed, parcels, bad_rate, max_per_shipper):
        self.r = random.Random(seed)
        self.seed = seed
        self.total = parcels
        self.bad_rate = bad_rate
        self.max_per_shipper = max_per_shipper
        self.used_names = set()
        self.watchlist = []
        self.wl = {}  # pools of watchlisted records by kind
        self.serial = 0
        self.masters = {}
        self.phone_serial = 0

    # -- small helpers ------------------------------------------------------------------
    def next_serial(self):
        self.serial += 1
        return self.serial

    def unique_digits(self, n):
        self.phone_serial += 1
        # Distinct numbers across the stream: a serial mixed into random digits.
        body = "%0*d" % (n, (self.phone_serial * 7919 + self.r.randrange(10 ** (n - 3))) % (10 ** n))
        return body

    def money(self, eur, currency):
        amount = eur / P.EUR_PER_UNIT[currency]
        if currency in ("JPY", "KRW", "VND"):
            return {"currency_code": currency, "units": str(int(round(amount)))}
        cents = int(round(amount * 100))
        m = {"currency_code": currency, "units": str(cents // 100)}
        if cents % 100:
            m["nanos"] = (cents % 100) * 10_000_000
        return m

    # -- people and companies -------------------------------------------------------------
    def phone_of(self, country, style=None):
        """A phone record: cc, nsn (national significant number), trunk."""
        if country in P.DESTINATIONS:
            cc, trunk, make = P.DESTINATIONS[country]["phone"]
            nsn = make(self.r)
            # Unique tail so that two people never share a number by chance.
            nsn = nsn[:-4] + self.unique_digits(4)
            return {"cc": cc, "nsn": nsn, "trunk": trunk}
        cc = P.ORIGIN_PHONE.get(country, "86")
        if country == "CN":
            if self.r.random() < 0.5:
                area = self.r.choice(["755", "20", "579", "769", "571", "574", "592", "21"])
                return {"cc": cc, "nsn": area + self.unique_digits(8), "trunk": "0"}
            return {"cc": cc, "nsn": self.r.choice(["138", "139", "135", "186", "159", "177"]) + self.unique_digits(8), "trunk": ""}
        if country in ("HK", "SG"):
            return {"cc": cc, "nsn": self.r.choice("2369") + self.unique_digits(7), "trunk": ""}
        if country in ("US", "CA"):
            return {"cc": cc, "nsn": str(self.r.randrange(201, 989)) + "555" + self.unique_digits(4), "trunk": ""}
        return {"cc": cc, "nsn": str(self.r.randrange(2, 9)) + self.unique_digits(8), "trunk": "0"}

    def format_phone(self, p, style="intl"):
        cc, nsn, trunk = p["cc"], p["nsn"], p["trunk"]
        groups = " ".join([nsn[:3], nsn[3:6], nsn[6:]]).strip()
        if style == "intl":
            return "+%s %s" % (cc, groups)
        if style == "intl_compact":
            return "+%s%s" % (cc, nsn)
        if style == "intl_00":
            return "00%s %s" % (cc, nsn)
        if style == "intl_dashes":
            return "+%s-%s-%s-%s" % (cc, nsn[:3], nsn[3:6], nsn[6:])
        if style == "no_plus":
            return "%s %s" % (cc, groups)
        if style == "paren_cc":
            return "(+%s) %s" % (cc, nsn)
        if style == "intl_dots":
            return "+%s.%s.%s" % (cc, nsn[:3], nsn[3:])
        if style == "trunk_paren":
            return "+%s (0)%s" % (cc, groups)
        if style == "national":
            return "%s%s %s" % (trunk, nsn[:3], nsn[3:])
        raise ValueError(style)

    def person(self, country):
        d = P.DESTINATIONS[country]
        for _ in range(50):
            first, last = self.r.choice(d["first"]), self.r.choice(d["last"])
            if self.r.random() < 0.15:
                first = first + " " + self.r.choice(d["first"])
            name = "%s %s" % (first, last)
            if (name, country) not in self.used_names or self.r.random() < 0.05:
                break
        self.used_names.add((name, country))
        phone = self.phone_of(country)
        return {
            "name": name, "first": first, "last": last, "country": country,
            "address": self.address(country), "phone": phone,
            "phone_text": self.format_phone(phone, "intl" if self.r.random() < 0.8 else "national"),
            "email": self.email_for(first, last, d["email_domain"]) if self.r.random() < 0.85 else "",
        }

    def email_for(self, first, last, domain):
        def ascii_(s):
            import unicodedata
            return "".join(c for c in unicodedata.normalize("NFKD", s) if ord(c) < 128 and (c.isalnum() or c in ".-"))
        local = self.r.choice(["%s.%s", "%s%s", "%s_%s"]) % (ascii_(first.split()[0]).lower(), ascii_(last).lower().replace(" ", ""))
        return "%s%d@%s" % (local, self.r.randrange(1, 999), domain)

    def address(self, country, apartment=None):
        d = P.DESTINATIONS[country]
        street = self.r.choice(d["streets"])
        num = self.r.randrange(1, 220)
        city, region, zip_prefix = self.r.choice(d["cities"])
        if country == "US":
            apt = " Apt %d%s" % (self.r.randrange(1, 40), self.r.choice("ABCD")) if self.r.random() < 0.45 else ""
            return {"street": "%d %s%s" % (num, street, apt), "city": "%s, %s" % (city, region),
                    "postal_code": "%s%02d" % (zip_prefix, self.r.randrange(100)), "country_code": "US"}
        if country == "CA":
            return {"street": "%d %s%s" % (num, street, (" Unit %d" % self.r.randrange(1, 900)) if self.r.random() < 0.4 else ""),
                    "city": "%s, %s" % (city, region),
                    "postal_code": "%s%d%s %d%s%d" % (zip_prefix, self.r.randrange(10), self.r.choice("ABCEGHJ"),
                                                      self.r.randrange(10), self.r.choice("KLMNPR"), self.r.randrange(10)),
                    "country_code": "CA"}
        if country == "AU":
            return {"street": "%s%d %s" % (("%d/" % self.r.randrange(1, 30)) if self.r.random() < 0.3 else "", num, street),
                    "city": "%s %s" % (city, region), "postal_code": "%s%02d" % (zip_prefix, self.r.randrange(100)),
                    "country_code": "AU"}
        if country == "GB":
            flat = ("Flat %d, " % self.r.randrange(1, 30)) if self.r.random() < 0.25 else ""
            return {"street": "%s%d %s" % (flat, num, street), "city": city,
                    "postal_code": "%s%d %d%s" % (region, self.r.randrange(1, 20), self.r.randrange(1, 10),
                                                  "".join(self.r.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))),
                    "country_code": "GB"}
        if country == "JP":
            return {"street": "%d-%d-%d %s" % (self.r.randrange(1, 6), self.r.randrange(1, 30), self.r.randrange(1, 20), street),
                    "city": city, "postal_code": "%s%d-%04d" % (region, self.r.randrange(10), self.r.randrange(10000)),
                    "country_code": "JP"}
        if country in ("FR", "IE", "NZ", "ES", "IT", "PL"):
            if country in ("FR",):
                street_line = "%d %s" % (num, street)
            elif country == "IE":
                street_line = "%d %s" % (num, street)
            elif country == "NZ":
                street_line = "%d %s" % (num, street)
            else:
                street_line = "%s %d" % (street, num)
            if self.r.random() < 0.3 and country in ("ES", "IT", "PL", "FR"):
                street_line += ", %s %d" % ({"ES": "piso", "IT": "int.", "PL": "m.", "FR": "apt"}[country], self.r.randrange(1, 40))
            pc = {"FR": "%s%02d", "ES": "%s%02d", "IT": "%s%02d", "PL": "%s-%03d"}.get(country)
            if country == "IE":
                postal = "%s %s" % (region, "".join(self.r.choice("ACDEFHKNPRTVWXY0123456789") for _ in range(4)))
            elif country == "NZ":
                postal = "%s%02d" % (region, self.r.randrange(100))
            else:
                postal = pc % (region, self.r.randrange(100 if country != "PL" else 1000))
            return {"street": street_line, "city": city, "postal_code": postal, "country_code": country}
        # DE, NL, BE, SE: "Street 12"
        apt = ""
        if self.r.random() < 0.2:
            apt = self.r.choice([" a", " b", ", Whg. %d" % self.r.randrange(1, 30)])
        return {"street": "%s %d%s" % (street, num, apt), "city": city,
                "postal_code": "%s%03d" % (region, self.r.randrange(1000)) if country != "NL"
                else "%s%02d %s" % (region, self.r.randrange(100), "".join(self.r.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(2))),
                "country_code": country}

    def trade_name(self):
        a, b = self.r.sample(P.SYLLABLES, 2)
        return a + b.lower()

    def company_name(self, country):
        r = self.r
        for _ in range(100):
            if country == "CN":
                city = r.choice(P.CN_CITIES)[0]
                words = [self.trade_name(), self.trade_name()]
                name = "%s %s %s %s %s" % (city, words[0], words[1], r.choice(P.CN_INDUSTRY), r.choice(P.CN_LEGAL))
                if r.random() < 0.4:
                    name = "%s %s %s %s" % (city, words[0], r.choice(P.CN_INDUSTRY), r.choice(P.CN_LEGAL))
            elif country == "HK":
                name = "%s %s %s %s" % (self.trade_name(), r.choice(P.ADJ + P.NOUN), r.choice(["Trading", "International", "Global Supply", "E-commerce", "Industrial"]), r.choice(P.LEGAL_BY_COUNTRY["HK"]))
            elif country == "JP":
                name = "%s %s %s" % (r.choice(P.JP_WORDS), r.choice(["Shoji", "Trading", "Store", "Crafts"]), r.choice(P.LEGAL_BY_COUNTRY["JP"]))
            elif country == "KR":
                name = "%s %s %s" % (r.choice(P.KR_WORDS), r.choice(["Cosmetics", "Trading", "Tech", "Fashion"]), r.choice(P.LEGAL_BY_COUNTRY["KR"]))
            elif country == "TR":
                name = "%s %s %s" % (r.choice(P.TR_WORDS), r.choice(P.TR_INDUSTRY), r.choice(P.LEGAL_BY_COUNTRY["TR"]))
            elif country == "IN":
                name = "%s %s %s" % (r.choice(P.IN_WORDS), r.choice(P.IN_INDUSTRY), r.choice(P.LEGAL_BY_COUNTRY["IN"]))
            elif country == "VN":
                name = "%s %s %s" % (r.choice(P.VN_WORDS), r.choice(["Garment", "Footwear", "Trading", "Handicraft"]), r.choice(P.LEGAL_BY_COUNTRY["VN"]))
            elif country == "TW":
                name = "%s %s %s" % (r.choice(P.PINYIN), r.choice(["Electronics", "Precision", "Trading"]), "Co., Ltd.")
            else:
                name = "%s %s %s %s" % (r.choice(P.ADJ), r.choice(P.NOUN), r.choice(P.WEST_INDUSTRY), r.choice(P.LEGAL_BY_COUNTRY.get(country, ["Ltd"])))
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return name + " %d" % r.randrange(1000)

    def origin_address(self, country, name=""):
        r = self.r
        if country == "CN":
            cities = [c for c in P.CN_CITIES if name.startswith(c[0])] or P.CN_CITIES
            city, pc, airport, district = r.choice(cities)
            return {"street": "Room %d, No. %d %s, %s" % (r.randrange(101, 2999), r.randrange(1, 300), r.choice(P.CN_ROADS), district),
                    "city": city, "postal_code": "%s%03d" % (pc, r.randrange(1000)), "country_code": "CN"}, airport
        info = P.ORIGINS[country]
        airport = r.choice(info["airports"])
        city, pc = r.choice(P.ORIGIN_CITIES[country])
        street = "%d %s" % (r.randrange(1, 400), r.choice(P.WEST_STREETS[country]))
        if country == "HK":
            street = "Unit %d, %d/F, %s Industrial Building, %d %s" % (
                r.randrange(1, 20), r.randrange(2, 30), r.choice(P.PINYIN), r.randrange(1, 200), r.choice(P.WEST_STREETS["HK"]))
        postal = "" if not pc else pc + "%03d" % r.randrange(1000)
        return {"street": street, "city": city, "postal_code": postal, "country_code": country}, airport

    def company(self, country, marketplace=None, postal=None, speciality=None):
        r = self.r
        name = self.company_name(country)
        address, airport = self.origin_address(country, name)
        phone = self.phone_of(country)
        # Mail domains are ASCII (IDNs travel as punycode): "Boğaziçi" → "bogazici".
        import unicodedata
        folded = unicodedata.normalize("NFKD", name.lower().replace("ı", "i"))
        slug = "".join(c for c in folded.split(" co")[0] if c.isascii() and c.isalnum())[:18]
        email = "%s@%s.example.%s" % (r.choice(["sales", "export", "service", "orders", "info", "cs"]), slug or "shop",
                                       r.choice(["com", "net", "cn" if country == "CN" else "com"]))
        if marketplace is None:
            marketplace = country in ("CN", "HK") and r.random() < 0.75 or r.random() < 0.3
        seller = None
        if marketplace:
            platform, prefix = r.choice(P.PLATFORMS)
            seller = {"platform": platform, "seller_id": "%s-%d" % (prefix, r.randrange(10 ** 6, 10 ** 9)),
                      "seller_name": name.split(" Co")[0].split(" Ltd")[0] + (" Store" if r.random() < 0.5 else "")}
        return {
            "name": name, "country": country, "address": address, "airport": airport,
            "phone": phone, "phone_text": self.format_phone(phone, r.choice(["intl", "intl", "intl_00", "intl_dashes"])),
            "email": email, "seller": seller,
            "postal": (r.random() < 0.25) if postal is None else postal,
            "speciality": speciality or r.choice(P.SPECIALITIES),
            "currency": r.choice(P.ORIGINS.get(country, {"currencies": ["USD"]})["currencies"]),
            "sent": 0,
        }

    # -- goods --------------------------------------------------------------------------
    def item(self, key, currency, value_scale=1.0, qty=None, description=None, hs=None):
        g = P.GOODS_BY_KEY[key]
        _, descs, hss, (lo, hi), kg, cat = g
        qty = qty or (1 if self.r.random() < 0.75 else self.r.randint(2, 3))
        # Skewed to the cheap end: most e-commerce parcels are worth little.
        unit_eur = (lo + (hi - lo) * self.r.random() ** 2) * value_scale
        item = {"description": description or self.r.choice(descs), "hs_code": hs or self.r.choice(hss),
                "quantity": qty, "declared_value": self.money(unit_eur * qty, currency)}
        return item, kg * qty, unit_eur * qty

    # -- parcels ------------------------------------------------------------------------
    def waybill(self, postal, origin):
        n = self.next_serial()
        if postal:
            serial = "%08d" % ((self.seed % 97) * 1_000_000 + n)
            return "%s%s%d%s" % (self.r.choice(["LX", "RR", "UA", "LP", "RS"]), serial, s10_check_digit(serial), origin)
        return "%03d%07d" % (self.seed % 1000, n)

    def master(self, carrier, origin_airport, dest_airport):
        key = (carrier, origin_airport, dest_airport, self.r.random() < 0.5)
        if key not in self.masters:
            self.masters[key] = "%s-%08d" % (self.r.choice(P.AIRLINE_PREFIX), self.r.randrange(10 ** 8))
        return self.masters[key]

    def parcel(self, shipper, consignee, items, weight_kg, *, postal=None, postal_category=None,
               ecommerce=True, listing_slug=None, consignor_override=None, consignee_override=None,
               transit=None):
        r = self.r
        postal = shipper["postal"] if postal is None else postal
        origin = shipper["country"]
        dest = consignee["country"]
        carrier = ("POST-" + origin) if postal else r.choice(P.CARRIERS_EXPRESS)
        origin_airport = shipper["airport"] if origin != "CN" else r.choice(P.CN_AIRPORTS)
        dest_airport = r.choice(P.DESTINATIONS[dest]["airports"])
        consignor = consignor_override or {
            "name": shipper["name"], "address": dict(shipper["address"]),
            "phone": shipper["phone_text"], "email": shipper["email"]}
        consignee_party = consignee_override or {
            "name": consignee["name"], "address": dict(consignee["address"]),
            "phone": consignee["phone_text"]}
        if not consignee_override and consignee.get("email"):
            consignee_party["email"] = consignee["email"]
        c = {
            "carrier_id": carrier,
            "house_waybill": self.waybill(postal, origin),
            "master_waybill": self.master(carrier, origin_airport, dest_airport) if r.random() < 0.93 else "",
            "consignor": consignor,
            "consignee": consignee_party,
            "pieces": 1 if r.random() < 0.92 else 2,
            "gross_weight_kg": round(weight_kg + r.uniform(0.05, 0.35), 3),
            "items": items,
            "route": {"origin_country_code": origin, "origin_airport": origin_airport,
                      "destination_airport": dest_airport,
                      "flight_number": "%s%d" % (r.choice(["CZ", "CX", "EK", "LH", "5Y", "FX", "QR", "TK", "KE", "CA"]), r.randrange(100, 9999))},
        }
        if transit is None and r.random() < 0.18:
            hub = r.choice(P.TRANSIT_HUBS)
            if hub[0] not in (origin, dest):
                transit = [hub[0]]
        if transit:
            c["route"]["transit_country_codes"] = transit
        if not c["master_waybill"]:
            del c["master_waybill"]
        seller = shipper.get("seller")
        if ecommerce and seller:
            e = dict(seller)
            e["order_id"] = "%d" % r.randrange(10 ** 11, 10 ** 12)
            slug = listing_slug
            if slug is None and r.random() < 0.6:
                slug = "-".join("".join(ch for ch in w if ch.isalnum()) for w in items[0]["description"].lower().split()[:6])
            e["listing_url"] = "https://%s.example/item/%s%d.html" % (
                e["platform"].lower(), (slug + "-") if slug else "", r.randrange(10 ** 9, 10 ** 10))
            c["ecommerce"] = e
        if postal:
            c["postal_category"] = postal_category or "POSTAL_CATEGORY_SALE_OF_GOODS"
        elif postal_category:
            c["postal_category"] = postal_category
        return c

    def goods_parcel(self, shipper, consignee, keys=None, value_scale=1.0, **kw):
        keys = keys or [self.r.choice(shipper["speciality"])]
        items, kg = [], 0.0
        for key in keys:
            it, w, _ = self.item(key, shipper["currency"], value_scale)
            items.append(it)
            kg += w
        return self.parcel(shipper, consignee, items, kg, **kw)

    def destination(self):
        return pick_weighted(self.r, [(k, v["weight"]) for k, v in P.DESTINATIONS.items()])

    def origin(self, exclude=None):
        while True:
            o = pick_weighted(self.r, [(k, v["weight"]) for k, v in P.ORIGINS.items()])
            if o != exclude:
                return o

    # =================================================================================
    # The watchlist
    # =================================================================================
    def add_entry(self, kind, value, referral, points, note):
        n = len(self.watchlist) + 1
        entry = {"id": "ev-%s-%03d" % (kind.split("_", 2)[2].lower().replace("_", "-"), n),
                 "kind": kind, "value": value, "referral": referral, "points": points,
                 "source": "eval-gen seed %d" % self.seed, "note": note}
        self.watchlist.append(entry)
        return entry

    def build_watchlist(self):
        r = self.r
        # Companies of counterfeit flows: name, and for many also phone, e-mail, seller id.
        companies = []
        for i in range(24):
            country = "CN" if i < 16 else ("HK" if i < 21 else "TR")
            co = self.company(country, marketplace=True)
            co["wl_name"] = co["name"]
            referral, points = "REFERRAL_IPR_EXAMINATION", 70
            if i in (3, 17):
                referral, points = "REFERRAL_DO_NOT_LOAD", 100
            elif i in (7, 20):
                referral, points = "REFERRAL_REQUEST_FOR_SCREENING", 70
            self.add_entry("ENTRY_KIND_PARTY_NAME", co["name"], referral, points,
                           "shipper in repeated counterfeit seizures (synthetic)")
            companies.append(co)
        self.wl["companies"] = companies
        # Persons: mules and agents, listed in Latin letters.
        persons = []
        for latin, other in P.WL_PERSONS_CYRILLIC:
            persons.append({"name": latin, "other": other, "script": "cyrillic"})
        for latin, other in P.WL_PERSONS_GREEK:
            persons.append({"name": latin, "other": other, "script": "greek"})
        for p in persons:
            self.add_entry("ENTRY_KIND_PARTY_NAME", p["name"], "REFERRAL_IPR_EXAMINATION", 70,
                           "consignee collecting counterfeit parcels for resale (synthetic)")
        self.wl["persons"] = persons
        turkish = []
        for ascii_name, native in P.WL_COMPANIES_TURKISH:
            listed = ascii_name if r.random() < 0.6 else native
            shown = native if listed == ascii_name else ascii_name
            self.add_entry("ENTRY_KIND_PARTY_NAME", listed, "REFERRAL_IPR_EXAMINATION", 70,
                           "exporter of counterfeit leather goods and apparel (synthetic)")
            turkish.append({"name": listed, "other": shown, "script": "turkish"})
        self.wl["turkish"] = turkish
        han = []
        for pinyin, hanzi in P.WL_COMPANIES_HAN:
            self.add_entry("ENTRY_KIND_PARTY_NAME", pinyin, "REFERRAL_IPR_EXAMINATION", 70,
                           "manufacturer of counterfeit goods (synthetic)")
            han.append({"name": pinyin, "other": hanzi, "script": "han"})
        self.wl["han"] = han
        # Contacts and ids of some of those companies.
        phones, emails, sellers = [], [], []
        for i, co in enumerate(companies):
            if i % 3 != 2:
                e = self.add_entry("ENTRY_KIND_PHONE", self.format_phone(co["phone"], "intl"),
                                   "REFERRAL_IPR_EXAMINATION", 50, "contact number of %s" % co["name"])
                phones.append((co, e))
            if i % 2 == 0:
                e = self.add_entry("ENTRY_KIND_EMAIL", co["email"], "REFERRAL_IPR_EXAMINATION", 50,
                                   "contact e-mail of %s" % co["name"])
                emails.append((co, e))
            if i % 3 != 1:
                e = self.add_entry("ENTRY_KIND_SELLER_ID", co["seller"]["seller_id"], "REFERRAL_IPR_EXAMINATION", 60,
                                   "marketplace store of %s on %s" % (co["name"], co["seller"]["platform"]))
                sellers.append((co, e))
        self.wl["phones"], self.wl["emails"], self.wl["sellers"] = phones, emails, sellers
        # Addresses: consolidation warehouses (consignor side) and forwarding
        # addresses (consignee side).
        addresses = []
        for i in range(5):
            unit, floor, num = r.randrange(1, 20), r.randrange(3, 28), r.randrange(1, 120)
            bldg = "%s Industrial Building" % r.choice(P.PINYIN)
            road = r.choice(["Tai Lin Pai Road", "Hing Wah Street", "Kwai Fung Crescent", "Wang Chiu Road", "Hoi Yuen Road"])
            city = r.choice(["Kwai Chung", "Kowloon Bay", "Kwun Tong", "Tsuen Wan"])
            rec = {"side": "consignor", "country": "HK", "style": "hk",
                   "parts": {"unit": unit, "floor": floor, "bldg": bldg, "num": num, "road": road, "city": city}}
            rec["value"] = "Unit %d, %d/F, %s, %d %s, %s, HK" % (unit, floor, bldg, num, road, city)
            e = self.add_entry("ENTRY_KIND_ADDRESS", rec["value"], "REFERRAL_IPR_EXAMINATION", 50,
                               "consolidation warehouse of counterfeit parcels (synthetic)")
            addresses.append((rec, e))
        for i in range(5):
            country = ["US", "US", "GB", "DE", "AU"][i]
            if country == "US":
                num = r.randrange(100, 9900)
                street = r.choice(["Industrial Pkwy", "Commerce Dr", "Airport Rd", "Logistics Blvd"])
                suite = r.randrange(100, 400)
                city, st, zip_ = r.choice([("Wilmington", "DE", "19801"), ("Miami", "FL", "33166"), ("Portland", "OR", "97230"), ("Newark", "NJ", "07114")])
                rec = {"side": "consignee", "country": "US", "style": "us",
                       "parts": {"num": num, "street": street, "suite": suite, "city": city, "st": st, "zip": zip_}}
                rec["value"] = "%d %s, Suite %d, %s, %s, %s, US" % (num, street, suite, city, st, zip_)
            elif country == "GB":
                num = r.randrange(1, 80)
                rec = {"side": "consignee", "country": "GB", "style": "gb",
                       "parts": {"unit": r.randrange(1, 30), "num": num, "street": r.choice(["Enterprise Way", "Mill Road", "Station Road"]),
                                 "city": r.choice(["Leicester", "Luton", "Bradford"]), "pc": "LE%d %d%s" % (r.randrange(1, 9), r.randrange(1, 9), "".join(r.choice("ABDEFGHJ") for _ in range(2)))}}
                p = rec["parts"]
                rec["value"] = "Unit %d, %d %s, %s, %s, GB" % (p["unit"], p["num"], p["street"], p["city"], p["pc"])
            elif country == "DE":
                rec = {"side": "consignee", "country": "DE", "style": "de",
                       "parts": {"street": r.choice(["Industriestraße", "Hafenstraße", "Gewerbering"]), "num": r.randrange(1, 90),
                                 "city": r.choice(["Frankfurt am Main", "Hamburg", "Duisburg"]), "pc": "%05d" % r.randrange(10000, 99999)}}
                p = rec["parts"]
                rec["value"] = "%s %d, %s %s, DE" % (p["street"], p["num"], p["pc"], p["city"])
            else:
                rec = {"side": "consignee", "country": "AU", "style": "au",
                       "parts": {"unit": r.randrange(1, 20), "num": r.randrange(1, 200), "street": r.choice(["Export Drive", "Airport Road"]),
                                 "city": r.choice(["Sydney NSW", "Melbourne VIC"]), "pc": "%04d" % r.randrange(2000, 3999)}}
                p = rec["parts"]
                rec["value"] = "Unit %d, %d %s, %s, %s, AU" % (p["unit"], p["num"], p["street"], p["city"], p["pc"])
            e = self.add_entry("ENTRY_KIND_ADDRESS", rec["value"], "REFERRAL_REQUEST_FOR_SCREENING", 60,
                               "forwarding address used by counterfeit buyers (synthetic)")
            addresses.append((rec, e))
        self.wl["addresses"] = addresses
        for term, _ in P.BRANDS:
            self.add_entry("ENTRY_KIND_BRAND_TERM", term, "REFERRAL_NONE", 30,
                           "heavily counterfeited brand; a brand alone is no proof")
        for term in P.VOCAB_LISTED:
            self.add_entry("ENTRY_KIND_DESCRIPTION_TERM", term, "REFERRAL_IPR_EXAMINATION", 60,
                           "counterfeit vocabulary")

    # =================================================================================
    # Name disguises
    # =================================================================================
    def typo(self, token):
        r = self.r
        if len(token) < 5:
            return token
        i = r.randrange(1, len(token) - 1)
        op = r.choice(["sub", "del", "ins", "swap", "double"])
        c = token[i].lower()
        if op == "sub":
            return token[:i] + r.choice(KEYBOARD_NEIGHBOURS.get(c, "e")) + token[i + 1:]
        if op == "del":
            return token[:i] + token[i + 1:]
        if op == "ins":
            return token[:i] + r.choice(KEYBOARD_NEIGHBOURS.get(c, "e")) + token[i:]
        if op == "swap":
            return token[:i] + token[i + 1] + token[i] + token[i + 2:]
        return token[:i] + token[i] + token[i:]

    @staticmethod
    def split_legal(name):
        for form in sorted(P.CN_LEGAL + ["Limited", "Co., Limited", "Ltd. Sti.", "A.S.", "Ltd. Şti.", "A.Ş."], key=len, reverse=True):
            if name.endswith(" " + form) or name.endswith(form):
                return name[: -len(form)].strip().rstrip(","), form
        return name, ""

    def legal_variant(self, form):
        if not form:
            return ""
        return self.r.choice([form, "Co., Ltd.", "Co Ltd", "Company Limited", "Limited", "LTD", ""])

    def case_variant(self, text):
        x = self.r.random()
        if x < 0.25:
            return text.upper()
        if x < 0.35:
            return text.lower()
        return text

    # =================================================================================
    # Bad patterns. Each returns (variant, [consignment dicts]).
    # =================================================================================
    def front_company(self, country):
        """A shipper that looks new: fresh name, address and contacts."""
        return self.company(country, marketplace=True, speciality=[k for k in P.RISKY_KEYS])

    def p_wl_party_typo(self):
        r = self.r
        if r.random() < 0.75:
            co = r.choice(self.wl["companies"])
            body, form = self.split_legal(co["wl_name"])
            tokens = body.split()
            edits = 1 if r.random() < 0.6 else 2
            idx = [i for i, t in enumerate(tokens) if len(t) >= 5]
            for i in r.sample(idx, min(edits, len(idx))):
                tokens[i] = self.typo(tokens[i])
            name = self.case_variant(" ".join(tokens) + (" " + self.legal_variant(form) if form else "")).strip()
            front = self.front_company(co["country"])
            front["name"] = name
            variant = "company_%d_edit%s" % (edits, "s" if edits > 1 else "")
            return variant, [self.goods_parcel(front, self.person(self.destination()))]
        p = r.choice(self.wl["persons"])
        tokens = p["name"].split()
        i = r.randrange(len(tokens))
        tokens[i] = self.typo(tokens[i])
        dest = self.destination()
        consignee = self.person(dest)
        consignee["name"] = self.case_variant(" ".join(tokens))
        shipper = self.front_company(r.choice(["CN", "HK", "TR"]))
        return "person_1_edit", [self.goods_parcel(shipper, consignee)]

    def p_wl_party_reorder(self):
        r = self.r
        if r.random() < 0.7:
            co = r.choice(self.wl["companies"])
            body, form = self.split_legal(co["wl_name"])
            tokens = body.replace("&", " & ").split()
            variant = "company_reordered"
            while True:
                shuffled = tokens[:]
                r.shuffle(shuffled)
                if shuffled != tokens or len(tokens) < 2:
                    break
            if len(shuffled) >= 4 and r.random() < 0.3:
                shuffled.pop(r.randrange(len(shuffled)))
                variant = "company_reordered_one_dropped"
            if r.random() < 0.3 and len(shuffled) >= 3:
                name = "%s (%s)" % (" ".join(shuffled[1:]), shuffled[0])
            else:
                name = " ".join(shuffled)
            name = self.case_variant(name + (", " + self.legal_variant(form) if form else "")).strip(", ")
            front = self.front_company(co["country"])
            front["name"] = name
            return variant, [self.goods_parcel(front, self.person(self.destination()))]
        p = r.choice(self.wl["persons"])
        first, *rest = p["name"].split()
        consignee = self.person(self.destination())
        consignee["name"] = self.case_variant("%s, %s" % (" ".join(rest), first) if r.random() < 0.5 else "%s %s" % (" ".join(rest), first))
        return "person_surname_first", [self.goods_parcel(self.front_company(r.choice(["CN", "HK"])), consignee)]

    def p_wl_party_translit(self):
        r = self.r
        kind = pick_weighted(r, [("cyrillic", 0.40), ("greek", 0.15), ("turkish", 0.30), ("han", 0.15)])
        if kind in ("cyrillic", "greek"):
            p = r.choice([x for x in self.wl["persons"] if x["script"] == kind])
            consignee = self.person(self.destination())
            consignee["name"] = p["other"]
            return kind + "_person", [self.goods_parcel(self.front_company(r.choice(["CN", "HK"])), consignee)]
        rec = r.choice(self.wl[kind])
        front = self.front_company("TR" if kind == "turkish" else "CN")
        front["name"] = rec["other"]
        variant = kind + "_company"
        if kind == "turkish":
            variant += "_native_letters" if rec["other"] != P.WL_COMPANIES_TURKISH[0][0] and any(ord(c) > 127 for c in rec["other"]) else "_ascii_letters"
        return variant, [self.goods_parcel(front, self.person(self.destination()))]

    def p_wl_phone(self):
        r = self.r
        co, entry = r.choice(self.wl["phones"])
        style = pick_weighted(r, [("intl_00", 0.2), ("intl_dashes", 0.15), ("no_plus", 0.12), ("paren_cc", 0.1),
                                  ("intl_compact", 0.1), ("intl_dots", 0.08), ("trunk_paren", 0.08), ("national", 0.17)])
        front = self.front_company(co["country"])
        front["phone_text"] = self.format_phone(co["phone"], style)
        return style, [self.goods_parcel(front, self.person(self.destination()))]

    def p_wl_email(self):
        r = self.r
        co, entry = r.choice(self.wl["emails"])
        email = co["email"]
        local, domain = email.split("@")
        style = pick_weighted(r, [("upper", 0.35), ("mixed_case", 0.15), ("spaces", 0.15), ("plus_tag", 0.25), ("plus_tag_upper", 0.10)])
        if style == "upper":
            email = email.upper()
        elif style == "mixed_case":
            email = local.capitalize() + "@" + domain.capitalize()
        elif style == "spaces":
            email = " %s " % email
        else:
            email = "%s+%s@%s" % (local, r.choice(["eu", "shop", "order%d" % r.randrange(100), "2026"]), domain)
            if style == "plus_tag_upper":
                email = email.upper()
        front = self.front_company(co["country"])
        front["email"] = email
        return style, [self.goods_parcel(front, self.person(self.destination()))]

    def p_wl_seller(self):
        r = self.r
        co, entry = r.choice(self.wl["sellers"])
        sid = co["seller"]["seller_id"]
        style = pick_weighted(r, [("exact", 0.2), ("lower", 0.3), ("no_separator", 0.25), ("spaces", 0.25)])
        if style == "lower":
            sid = sid.lower()
        elif style == "no_separator":
            sid = sid.replace("-", "")
        elif style == "spaces":
            sid = sid.replace("-", " ")
        front = self.front_company(co["country"])
        front["seller"] = {"platform": co["seller"]["platform"], "seller_id": sid,
                           "seller_name": self.company_name(co["country"]).split(" Co")[0] + " Shop"}
        return style, [self.goods_parcel(front, self.person(self.destination()))]

    def wl_address_written(self, rec):
        """The listed address as a parcel writes it: (variant, Address dict)."""
        r = self.r
        p = rec["parts"]
        if rec["style"] == "hk":
            style = pick_weighted(r, [("as_listed", 0.25), ("abbreviated", 0.3), ("reordered", 0.2),
                                      ("floor_spelled_out", 0.15), ("unit_dropped", 0.10)])
            unit, floor = "Unit %d" % p["unit"], "%d/F" % p["floor"]
            bldg, road = p["bldg"], "%d %s" % (p["num"], p["road"])
            if style == "abbreviated":
                unit = "Rm %d" % p["unit"] if False else unit
                bldg = bldg.replace("Building", "Bldg").replace("Industrial", "Ind")
                road = road.replace("Road", "Rd").replace("Street", "St")
            if style == "floor_spelled_out":
                floor = "%dth Floor" % p["floor"]
            parts = [unit, floor, bldg, road]
            if style == "reordered":
                parts = [bldg, floor, unit, road]
            if style == "unit_dropped":
                parts = [floor, bldg, road]
            return style, {"street": ", ".join(parts), "city": p["city"], "country_code": "HK"}
        if rec["style"] == "us":
            style = pick_weighted(r, [("as_listed", 0.3), ("abbreviated", 0.3), ("suite_hash", 0.2), ("zip_plus4", 0.2)])
            street = "%d %s" % (p["num"], p["street"])
            suite = "Suite %d" % p["suite"]
            zip_ = p["zip"]
            if style == "abbreviated":
                street = street.replace("Pkwy", "Parkway").replace("Dr", "Drive").replace("Rd", "Road").replace("Blvd", "Boulevard")
                suite = "Ste %d" % p["suite"]
            elif style == "suite_hash":
                suite = "#%d" % p["suite"]
            elif style == "zip_plus4":
                zip_ = "%s-%04d" % (zip_, r.randrange(10000))
            return style, {"street": "%s, %s" % (street, suite), "city": "%s, %s" % (p["city"], p["st"]),
                           "postal_code": zip_, "country_code": "US"}
        if rec["style"] == "gb":
            style = pick_weighted(r, [("as_listed", 0.4), ("abbreviated", 0.4), ("unit_dropped", 0.2)])
            street = "%d %s" % (p["num"], p["street"])
            if style == "abbreviated":
                street = street.replace("Road", "Rd")
            unit = "" if style == "unit_dropped" else "Unit %d, " % p["unit"]
            return style, {"street": unit + street, "city": p["city"], "postal_code": p["pc"], "country_code": "GB"}
        if rec["style"] == "de":
            style = pick_weighted(r, [("as_listed", 0.5), ("abbreviated", 0.5)])
            street = p["street"]
            if style == "abbreviated":
                street = street.replace("straße", "str.").replace("Straße", "Str.")
            return style, {"street": "%s %d" % (street, p["num"]), "city": p["city"], "postal_code": p["pc"], "country_code": "DE"}
        style = pick_weighted(r, [("as_listed", 0.5), ("abbreviated", 0.5)])
        street = "%d %s" % (p["num"], p["street"])
        if style == "abbreviated":
            street = street.replace("Drive", "Dr").replace("Road", "Rd")
        return style, {"street": "Unit %d, %s" % (p["unit"], street), "city": p["city"], "postal_code": p["pc"], "country_code": "AU"}

    def p_wl_address(self):
        r = self.r
        rec, entry = r.choice(self.wl["addresses"])
        style, addr = self.wl_address_written(rec)
        if rec["side"] == "consignor":
            front = self.front_company("HK")
            front["address"] = addr
            return "consignor_" + style, [self.goods_parcel(front, self.person(self.destination()))]
        consignee = self.person(rec["country"])
        consignee["address"] = addr
        return "consignee_" + style, [self.goods_parcel(self.front_company(r.choice(["CN", "HK"])), consignee)]

    def obfuscate(self, word, style):
        r = self.r
        letters = [i for i, c in enumerate(word) if c.isalpha()]
        if style == "leet":
            cands = [i for i in letters if word[i].lower() in LEET]
            if not cands:
                return self.obfuscate(word, "dots")
            out = list(word)
            for i in r.sample(cands, min(len(cands), r.choice([1, 1, 2]))):
                out[i] = LEET[word[i].lower()]
            return "".join(out)
        if style == "dots":
            return ".".join(word) if len(word) <= 9 else word[:3] + "." + word[3:]
        if style == "spaced":
            return " ".join(word.upper())
        if style == "accent":
            cands = [i for i in letters if word[i].lower() in ACCENTS]
            out = list(word)
            for i in r.sample(cands, min(len(cands), 2)):
                out[i] = ACCENTS[word[i].lower()]
            return "".join(out)
        if style == "homoglyph":
            cands = [i for i in letters if word[i].lower() in HOMOGLYPHS and word[i].islower()]
            out = list(word)
            for i in r.sample(cands, min(len(cands), 2)):
                out[i] = HOMOGLYPHS[word[i]]
            return "".join(out)
        if style == "hyphen_split":
            if len(word) < 6:
                return word[:2] + "-" + word[2:]
            cut = len(word) // 2
            return word[:cut] + "-" + word[cut:]
        if style == "star":
            i = r.randrange(1, len(word) - 1)
            return word[:i] + "*" + word[i:]
        return word

    def obfuscate_brand(self, brand, style):
        words = brand.split()
        i = max(range(len(words)), key=lambda k: len(words[k]))
        words[i] = self.obfuscate(words[i], style)
        return " ".join(words)

    def counterfeit_shipper(self):
        return self.front_company(pick_weighted(self.r, [("CN", 0.7), ("HK", 0.15), ("TR", 0.1), ("IN", 0.05)]))

    def p_brand_obfuscated(self):
        r = self.r
        brand, key = r.choice(P.BRANDS)
        style = pick_weighted(r, [("leet", 0.3), ("dots", 0.15), ("spaced", 0.1), ("accent", 0.1),
                                  ("homoglyph", 0.1), ("star", 0.1), ("hyphen_split", 0.15)])
        shown = self.obfuscate_brand(brand, style)
        vocab_kind = pick_weighted(r, [("listed", 0.65), ("listed_obfuscated", 0.15), ("unlisted", 0.15), ("none", 0.05)])
        if vocab_kind == "listed":
            vocab = r.choice(P.VOCAB_LISTED)
        elif vocab_kind == "listed_obfuscated":
            vocab = r.choice(["rep1ica", "r3plica", "m1rror quality", "AAA qua1ity", "1:1 c0py", "h1gh copy", "super f4ke"])
        elif vocab_kind == "unlisted":
            vocab = r.choice(P.VOCAB_UNLISTED)
        else:
            vocab = ""
        g = P.GOODS_BY_KEY[key]
        generic = r.choice(g[1])
        model = r.choice(MODEL_NAMES.get(brand, [""]))
        where = pick_weighted(r, [("description", 0.55), ("listing_url", 0.3), ("both", 0.15)])
        desc_with = " ".join(x for x in [shown, model, generic.split(",")[0], vocab] if x)
        shipper = self.counterfeit_shipper()
        if shipper["seller"] is None:
            shipper["seller"] = {"platform": "Shopee", "seller_id": "SP-%d" % r.randrange(10 ** 8), "seller_name": "Top Brand Outlet"}
        item, kg, _ = self.item(key, shipper["currency"], value_scale=r.uniform(0.08, 0.35),
                                description=desc_with if where in ("description", "both") else generic)
        slug = None
        if where in ("listing_url", "both"):
            slug = "-".join(w for w in (shown.lower().replace(" ", "-") + " " + model.lower() + " " + vocab.lower()).replace(":", "-").split())
        c = self.parcel(shipper, self.person(self.destination()), [item], kg, listing_slug=slug)
        return "%s_%s_in_%s" % (style, vocab_kind, where), [c]

    def p_brand_hs_mismatch(self):
        r = self.r
        brand, key = r.choice(P.BRANDS)
        style = pick_weighted(r, [("brand_and_goods_word", 0.7), ("brand_model_only", 0.15), ("obfuscated_brand_goods_word", 0.15)])
        g = P.GOODS_BY_KEY[key]
        model = r.choice(MODEL_NAMES.get(brand, [""]))
        generic = r.choice(g[1]).split(",")[0]
        shown = brand if style != "obfuscated_brand_goods_word" else self.obfuscate_brand(brand, r.choice(["leet", "dots", "accent"]))
        if style == "brand_model_only":
            desc = ("%s %s %s" % (brand, model, r.choice(["", "new", "2026"]))).strip()
        else:
            desc = "%s %s %s" % (shown, model, generic)
        prefix = CATEGORY_HS_PREFIX.get(key, "")
        hs = r.choice([h for h in COVER_HS if not h.startswith(prefix)])
        shipper = self.counterfeit_shipper()
        item, kg, _ = self.item(key, shipper["currency"], value_scale=r.uniform(0.03, 0.12), description=desc.replace("  ", " "), hs=hs)
        return style, [self.parcel(shipper, self.person(self.destination()), [item], kg)]

    def p_gift_from_seller(self):
        r = self.r
        shipper = self.counterfeit_shipper()
        shipper["postal"] = True
        if shipper["seller"] is None:
            shipper["seller"] = {"platform": "AliExpress", "seller_id": "AE-%d" % r.randrange(10 ** 8), "seller_name": "Fashion Store"}
        category = "GIFT" if r.random() < 0.8 else "COMMERCIAL_SAMPLE"
        risky = r.random() < 0.85
        key = r.choice(P.RISKY_KEYS if risky else NON_CATEGORY_KEYS)
        item, kg, _ = self.item(key, shipper["currency"], value_scale=r.uniform(0.08, 0.3))
        c = self.parcel(shipper, self.person(self.destination()), [item], kg, postal=True,
                        postal_category="POSTAL_CATEGORY_" + category)
        return "%s_%s" % (category.lower(), "risky_goods" if risky else "other_goods"), [c]

    def threshold_eur(self, dest):
        if dest in P.DE_MINIMIS:
            cur, t = P.DE_MINIMIS[dest]
            return t * P.EUR_PER_UNIT[cur]
        return P.DEFAULT_DAILY_THRESHOLD_EUR

    def name_variant(self, person):
        r = self.r
        first, last = person["first"], person["last"]
        options = ["%s. %s" % (first[0], last), "%s %s" % (first.split()[0], last), "%s %s" % (first.upper(), last.upper()),
                   "%s %s" % (first[0], last)]
        if " " in first:
            options.append("%s %s" % (first.split()[1], last))
        v = r.choice(options)
        return v

    def p_split_shipment(self):
        r = self.r
        dest = self.destination()
        consignee = self.person(dest)
        if not consignee["email"]:
            consignee["email"] = self.email_for(consignee["first"], consignee["last"], P.DESTINATIONS[dest]["email_domain"])
        t = self.threshold_eur(dest)
        k = pick_weighted(r, [(2, 0.2), (3, 0.4), (4, 0.25), (5, 0.15)])
        while True:
            shares = [r.uniform(0.45, 0.95) for _ in range(k)]
            if sum(shares) >= 1.1:
                break
        identity = pick_weighted(r, [("same_identity", 0.55), ("name_varies_same_phone", 0.2),
                                     ("name_and_phone_vary_same_email", 0.15), ("only_address_shared", 0.10)])
        one_seller = r.random() < 0.7
        shipper = self.counterfeit_shipper() if r.random() < 0.8 else self.company(self.origin(exclude=dest), marketplace=True)
        parcels = []
        for i, share in enumerate(shares):
            if not one_seller and i > 0:
                shipper = self.counterfeit_shipper()
            key = r.choice(P.RISKY_KEYS if r.random() < 0.8 else shipper["speciality"])
            g = P.GOODS_BY_KEY[key]
            value_eur = share * t
            unit_kg = g[4]
            qty = max(1, min(20, int(value_eur / ((g[3][0] + g[3][1]) / 2))))
            item = {"description": r.choice(g[1]), "hs_code": r.choice(g[2]), "quantity": qty,
                    "declared_value": self.money(value_eur * 0.999, shipper["currency"])}
            party = {"name": consignee["name"], "address": dict(consignee["address"]),
                     "phone": consignee["phone_text"], "email": consignee["email"]}
            if i > 0 and identity != "same_identity":
                party["name"] = self.name_variant(consignee)
                if identity in ("name_and_phone_vary_same_email", "only_address_shared"):
                    party["phone"] = self.format_phone(consignee["phone"], "national" if r.random() < 0.5 else "intl_compact")
                    if consignee["phone"]["trunk"] == "" and party["phone"].startswith(consignee["phone"]["nsn"][:3]):
                        party["phone"] = self.format_phone(consignee["phone"], "national")
                if identity == "only_address_shared":
                    del party["email"]
            parcels.append(self.parcel(shipper, consignee, [item], unit_kg * qty, consignee_override=party))
        return "%d_parcels_%s" % (k, identity), parcels

    def p_reshipper_address(self):
        r = self.r
        dest = pick_weighted(r, [("US", 0.4), ("GB", 0.2), ("DE", 0.15), ("AU", 0.1), ("CA", 0.1), ("NL", 0.05)])
        base = self.address(dest)
        # A drop address: no apartment, so that it is one door.
        if dest == "US":
            base["street"] = "%d %s" % (r.randrange(100, 9999), r.choice(["Commerce Way", "Industrial Pkwy", "NW 25th St", "Distribution Dr"]))
        n = r.randint(6, 10)
        style = pick_weighted(r, [("same_door", 0.6), ("same_door_abbreviations", 0.2), ("suite_code_per_name", 0.2)])
        shippers = [self.counterfeit_shipper() for _ in range(r.randint(1, 3))]
        parcels = []
        for i in range(n):
            person = self.person(dest)
            addr = dict(base)
            if style == "same_door_abbreviations" and r.random() < 0.5:
                addr["street"] = (addr["street"].replace("Street", "St").replace("Road", "Rd").replace("Avenue", "Ave")
                                  .replace("straße", "str.").replace("Drive", "Dr").replace("Parkway", "Pkwy"))
                addr["city"] = addr["city"].upper()
            if style == "suite_code_per_name":
                addr["street"] = "%s, Suite 100 #%s%04d" % (addr["street"], "".join(r.choice("ABCDEFGHJK") for _ in range(2)), r.randrange(10000))
            person["address"] = addr
            parcels.append(self.goods_parcel(r.choice(shippers), person, keys=[r.choice(P.RISKY_KEYS)]))
        return "%d_names_%s" % (n, style), parcels

    # =================================================================================
    # Honest traffic
    # =================================================================================
    def honest_world(self, n_honest):
        r = self.r
        n_shippers = max(60, n_honest // 7)
        self.shippers = []
        for _ in range(n_shippers):
            self.shippers.append(self.company(self.origin()))
        # Zipf-like popularity.
        self.shipper_weights = [1.0 / (i + 1) ** 0.6 for i in range(n_shippers)]

    def pick_shipper(self, exclude_country=None):
        r = self.r
        for _ in range(200):
            s = r.choices(self.shippers, weights=self.shipper_weights)[0]
            if s["sent"] < self.max_per_shipper and s["country"] != exclude_country:
                s["sent"] += 1
                return s
        s = self.company(self.origin(exclude=exclude_country))
        self.shippers.append(s)
        self.shipper_weights.append(0.0)
        s["sent"] = 1
        return s

    def honest(self, n):
        """Yields (variant, consignment, time) for n honest parcels."""
        r = self.r
        out = []
        offices = []
        while len(out) < n:
            x = r.random()
            dest = self.destination()
            t = r.uniform(0, 86400)
            if x < 0.03:  # genuine branded goods, correctly declared
                desc, hs, (lo, hi), kg, origins = r.choice(P.GENUINE_BRANDED)
                origin = r.choice([o for o in origins if o != dest] or ["NL"])
                shipper = self.company(origin if origin in P.ORIGINS else "DE", marketplace=False)
                if origin not in P.ORIGINS:
                    shipper["country"], shipper["currency"] = origin, "EUR"
                    shipper["address"]["country_code"] = origin
                cur = P.DESTINATIONS[dest]["currency"] if r.random() < 0.5 else shipper["currency"]
                item = {"description": desc, "hs_code": hs, "quantity": 1, "declared_value": self.money(r.uniform(lo, hi), cur)}
                out.append(("genuine_brand", self.parcel(shipper, self.person(dest), [item], kg), t))
            elif x < 0.034:  # ordinary words that are brand terms or vocabulary elsewhere
                desc, hs, (lo, hi), kg = r.choice(P.WORD_COLLISIONS)
                shipper = self.pick_shipper(exclude_country=dest)
                item = {"description": desc, "hs_code": hs, "quantity": 1, "declared_value": self.money(r.uniform(lo, hi), shipper["currency"])}
                out.append(("word_collision", self.parcel(shipper, self.person(dest), [item], kg), t))
            elif x < 0.074:  # a gift between people
                sender_country = r.choice([c for c in P.DESTINATIONS if c != dest])
                sender = self.person(sender_country)
                shipper = {"name": sender["name"], "country": sender_country, "address": sender["address"],
                           "airport": r.choice(P.DESTINATIONS[sender_country]["airports"]), "phone": sender["phone"],
                           "phone_text": sender["phone_text"], "email": sender["email"], "seller": None, "postal": True,
                           "currency": P.DESTINATIONS[sender_country]["currency"]}
                key = r.choice(["scarf", "cardigan", "novel", "candle", "mugs", "plush", "puzzle", "artprints", "babysuit", "vitamins"])
                item, kg, _ = self.item(key, shipper["currency"])
                if r.random() < 0.4:
                    item["description"] = "%s, %s" % (item["description"], r.choice(["birthday present", "Christmas gift", "for my grandson"]))
                out.append(("c2c_gift", self.parcel(shipper, self.person(dest), [item], kg, postal=True,
                                                    postal_category="POSTAL_CATEGORY_GIFT"), t))
            elif x < 0.134 and n - len(out) >= 2:  # one consignee, two parcels today
                consignee = self.person(dest)
                for _ in range(2):
                    shipper = self.pick_shipper(exclude_country=dest)
                    out.append(("repeat_consignee", self.goods_parcel(shipper, consignee), r.uniform(0, 86400)))
            elif x < 0.154:  # colleagues at one office address
                if not offices or r.random() < 0.4:
                    offices.append({"country": dest, "address": self.address(dest), "names": 0})
                office = r.choice([o for o in offices if o["names"] < 3] or [offices[-1]])
                consignee = self.person(office["country"])
                consignee["address"] = dict(office["address"])
                office["names"] += 1
                shipper = self.pick_shipper(exclude_country=office["country"])
                out.append(("shared_address", self.goods_parcel(shipper, consignee), t))
            else:
                shipper = self.pick_shipper(exclude_country=dest)
                keys = [r.choice(shipper["speciality"])]
                if r.random() < 0.2:
                    keys.append(r.choice(shipper["speciality"]))
                out.append(("plain", self.goods_parcel(shipper, self.person(dest), keys=keys), t))
        return out[:n]

    # =================================================================================
    def generate(self):
        r = self.r
        self.build_watchlist()
        n_bad_target = int(round(self.total * self.bad_rate))
        bad = []  # (label, variant, case, consignment, t)
        case_no = 0
        # Largest remainder allocation of bad parcels over the mix.
        shares = [(label, w * n_bad_target) for label, w in PATTERN_MIX]
        alloc = {label: int(math.floor(x)) for label, x in shares}
        left = n_bad_target - sum(alloc.values())
        for label, x in sorted(shares, key=lambda s: s[1] - math.floor(s[1]), reverse=True)[:left]:
            alloc[label] += 1
        for label, _ in PATTERN_MIX:
            want = alloc[label]
            made = 0
            fn = getattr(self, "p_" + label)
            while made < want:
                variant, parcels = fn()
                if made + len(parcels) > want and made > 0 and len(parcels) > 1:
                    # Keep the total near the target; a last, smaller case would change the pattern.
                    if made + len(parcels) - want > len(parcels) // 2:
                        break
                case_no += 1
                case = "%s-%04d" % (label, case_no)
                for c in parcels:
                    bad.append((label, variant, case, c, r.uniform(0, 86400)))
                made += len(parcels)
        self.honest_world(self.total - len(bad))
        honest = [("honest", v, "", c, t) for v, c, t in self.honest(self.total - len(bad))]
        rows = bad + honest
        rows.sort(key=lambda row: row[4])
        lines = []
        for i, (label, variant, case, c, t) in enumerate(rows):
            c = dict(c)
            ordered = {"request_id": "ev%d-%06d" % (self.seed, i + 1)}
            ordered.update(c)
            dep = BASE_DAY + timedelta(seconds=t + r.uniform(2, 8) * 3600)
            ordered["route"]["scheduled_departure"] = dep.strftime("%Y-%m-%dT%H:%M:00Z")
            line = {"label": label, "variant": variant}
            if case:
                line["case"] = case
            line["consignment"] = ordered
            lines.append(line)
        return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--parcels", type=int, default=20000)
    ap.add_argument("--bad-rate", type=float, default=0.02)
    ap.add_argument("--max-per-shipper", type=int, default=15,
                    help="most parcels one honest shipper sends in the stream (default 15)")
    ap.add_argument("--out", required=True, help="output directory (created)")
    args = ap.parse_args(argv)
    if args.parcels < 100:
        ap.error("--parcels: at least 100")
    if not 0 <= args.bad_rate < 0.5:
        ap.error("--bad-rate: in [0, 0.5)")
    gen = Gen(args.seed, args.parcels, args.bad_rate, args.max_per_shipper)
    lines = gen.generate()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "watchlist.jsonl"), "w", encoding="utf-8") as f:
        for e in gen.watchlist:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    counts = {}
    with open(os.path.join(args.out, "stream.jsonl"), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
            c = counts.setdefault(line["label"], {"parcels": 0, "cases": set()})
            c["parcels"] += 1
            c["cases"].add(line.get("case") or line["consignment"]["request_id"])
    meta = {"generator": GENERATOR_VERSION, "seed": args.seed, "parcels": len(lines), "bad_rate": args.bad_rate,
            "max_per_shipper": args.max_per_shipper, "watchlist_entries": len(gen.watchlist),
            "labels": {k: {"parcels": v["parcels"], "cases": len(v["cases"])} for k, v in sorted(counts.items())}}
    with open(os.path.join(args.out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    bad = sum(v["parcels"] for k, v in counts.items() if k != "honest")
    print("wrote %s: %d parcels (%d bad, %.2f%%), %d watchlist entries"
          % (args.out, len(lines), bad, 100.0 * bad / len(lines), len(gen.watchlist)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
