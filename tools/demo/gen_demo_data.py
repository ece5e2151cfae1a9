#!/usr/bin/env python3
"""Writes deploy/demo/manifest.jsonl, expected.jsonl and invalid.jsonl.

The demo parcels and what each one must get from the default ruleset with the
demo watchlist (deploy/demo/watchlist.jsonl) seeded. Run from anywhere:

    python3 tools/demo/gen_demo_data.py          # rewrites the files
    python3 tools/demo/gen_demo_data.py --table  # prints the README table

Plain JSON (no protobuf needed); field names are the proto field names, which
every proto3 JSON parser accepts.
"""
import copy
import json
import os
import sys

DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "deploy", "demo")
DEPARTURE = "2026-12-01T08:30:00Z"


def money(units, cur="EUR", nanos=0):
    m = {"currency_code": cur, "units": str(units)}
    if nanos:
        m["nanos"] = nanos
    return m


def party(name, street, city, postal, cc, phone="", email="", tax_id="", account_id=""):
    p = {"name": name, "address": {"street": street, "city": city, "country_code": cc}}
    if postal:
        p["address"]["postal_code"] = postal
    for k, v in (("phone", phone), ("email", email), ("tax_id", tax_id), ("account_id", account_id)):
        if v:
            p[k] = v
    return p


def item(desc, hs, qty, value, cur="EUR"):
    return {"description": desc, "hs_code": hs, "quantity": qty, "declared_value": money(value, cur)}


def route(origin_cc, origin_ap, dest_ap, flight, transit=()):
    r = {"origin_country_code": origin_cc, "origin_airport": origin_ap, "destination_airport": dest_ap,
         "flight_number": flight, "scheduled_departure": DEPARTURE}
    if transit:
        r["transit_country_codes"] = list(transit)
    return r


SHIPPER_CN = party("Guangzhou Sunrise Garment Co., Ltd.", "No. 18 Huangpu Avenue West, Tianhe District",
                   "Guangzhou", "510620", "CN", phone="+86 20 3712 4455", email="orders@sunrise-garment.example.com",
                   tax_id="91440106MA5D2KQ81P", account_id="ACC-CN-20931")
SHIPPER_SZ = party("Shenzhen Bright Harbour Household Products Co., Ltd.", "Room 1502, 3 Keyuan Road, Nanshan District",
                   "Shenzhen", "518057", "CN", phone="+86 755 8610 2233", email="export@brightharbour.example.com",
                   tax_id="91440300MA5EQ7N21K", account_id="ACC-CN-33810")
SHIPPERS = [SHIPPER_CN, SHIPPER_SZ]

# One consignee per parcel, so that no velocity or aggregation rule sees the
# demo as "many parcels to one person".
FIRST = ["Maria", "Jonas", "Lena", "Felix", "Sofia", "Paul", "Emma", "Lukas", "Hannah", "Noah", "Mia"]
LAST = ["Schneider", "Fischer", "Becker", "Hoffmann", "Wagner", "Koch", "Richter", "Klein", "Wolf", "Neumann"]
CITIES = [("Leipzig", "04109"), ("Berlin", "10115"), ("Hamburg", "20095"), ("Munich", "80331"),
          ("Cologne", "50667"), ("Frankfurt am Main", "60311"), ("Dresden", "01067")]
STREETS = ["Bergstrasse", "Lindenallee", "Gartenweg", "Schillerstrasse", "Am Markt", "Rosenweg"]


def consignee_de(n):
    first, last = FIRST[n % len(FIRST)], LAST[(n * 3) % len(LAST)]
    city, postal = CITIES[n % len(CITIES)]
    return party("%s %s" % (first, last), "%s %d" % (STREETS[n % len(STREETS)], 3 + n), city, postal, "DE",
                 phone="+49 151 2345 %04d" % (6700 + n), email="%s.%s%d@example.de" % (first.lower(), last.lower(), n))

ROUTE_CN_DE = route("CN", "CAN", "LEJ", "CZ8031")


def clean(rid, desc, hs, qty=1, value=12, weight=0.4, pieces=1, **over):
    """A parcel with full 7+1 data and a precise description."""
    c = {
        "request_id": rid,
        "carrier_id": "DEMO-EXPRESS",
        "house_waybill": "DEMO" + rid[-3:] + "0001",
        "master_waybill": "784-31250006",
        "consignor": copy.deepcopy(SHIPPERS[int(rid[-3:]) % 2]),
        "consignee": consignee_de(int(rid[-3:])),
        "pieces": pieces,
        "gross_weight_kg": weight,
        "items": [item(desc, hs, qty, value)],
        "route": copy.deepcopy(ROUTE_CN_DE),
    }
    for k, v in over.items():
        c[k] = v
    return c


PARCELS = []  # (consignment, expectation, what it shows)


def add(c, decision, referral, reasons=(), hold_status=None, note=""):
    exp = {"request_id": c["request_id"], "decision": "DECISION_" + decision, "referral": "REFERRAL_" + referral,
           "reasons": list(reasons)}
    if hold_status:
        exp["hold_status"] = "HOLD_STATUS_" + hold_status
    PARCELS.append((c, exp, note))


def build():
    # --- Clean: full data, precise descriptions, no watchlist hit: RELEASE ---
    add(clean("demo-001", "men's cotton t-shirt, short sleeve, crew neck", "610910", qty=3, value=18, weight=0.6),
        "RELEASE", "NONE", note="clean apparel, HS 610910")
    add(clean("demo-002", "ceramic coffee mugs, 350 ml, set of 4", "691200", value=16, weight=1.8),
        "RELEASE", "NONE", note="clean tableware")
    add(clean("demo-003", "silicone phone case for 6.1 inch smartphone", "392690", qty=2, value=6, weight=0.2),
        "RELEASE", "NONE", note="clean plastic article")
    add(clean("demo-004", "bamboo cutting board, 38 x 28 cm", "441912", value=9, weight=1.1),
        "RELEASE", "NONE", note="clean kitchenware")
    add(clean("demo-005", "women's knitted wool scarf", "611710", value=14, weight=0.3),
        "RELEASE", "NONE", note="clean knitwear")
    add(clean("demo-006", "printed children's picture books, paperback", "490300", qty=5, value=20, weight=1.4),
        "RELEASE", "NONE", note="clean printed matter")
    add(clean("demo-007", "LED desk lamp with USB charging port", "940521", value=22, weight=1.2),
        "RELEASE", "NONE", note="clean lighting")
    add(clean("demo-008", "TPE yoga mat, 6 mm thick", "950691", value=15, weight=1.0),
        "RELEASE", "NONE", note="clean sports article")
    c = clean("demo-009", "printed cotton canvas tote bag", "420222", value=7, weight=0.25,
              postal_category="POSTAL_CATEGORY_SALE_OF_GOODS")
    c["house_waybill"] = "RR123456785CN"
    add(c, "RELEASE", "NONE", note="clean postal item (sale of goods), item id as waybill")
    add(clean("demo-010", "stainless steel insulated water bottle, 750 ml", "732393", value=11, weight=0.5,
              ecommerce={"platform": "demo-marketplace", "seller_id": "SELLER-55120987",
                         "seller_name": "Sunrise Home Store",
                         "listing_url": "https://marketplace.example.com/item/insulated-steel-bottle-750ml",
                         "order_id": "ORD-2026-448812"}),
        "RELEASE", "NONE", note="clean e-commerce parcel with platform data")
    add(clean("demo-011", "turkish cotton bath towels, set of 2", "630260", value=24, weight=1.3,
              consignor=party("Denizli Pamuk Havlu Sanayi A.S.", "Organize Sanayi Bolgesi 4. Cadde No 7",
                              "Denizli", "20330", "TR", phone="+90 258 269 11 22", tax_id="TR2950117734"),
              route=route("TR", "IST", "LEJ", "TK6391")),
        "RELEASE", "NONE", note="clean parcel from Turkiye")
    add(clean("demo-012", "handwoven silk saree with blouse piece", "500720", value=85, weight=0.7,
              consignor=party("Varanasi Silk Weavers Cooperative", "B 21/118 Kamachha", "Varanasi", "221010",
                              "IN", phone="+91 542 245 7788"),
              route=route("IN", "DEL", "LEJ", "AI1173")),
        "RELEASE", "NONE", note="clean parcel from India")
    c = clean("demo-013", "wooden jigsaw puzzle, 500 pieces", "950590", value=13, weight=0.9)
    del c["master_waybill"]
    add(c, "RELEASE", "NONE", note="master waybill not yet known (allowed at first filing)")

    # --- Watchlisted ---
    add(clean("demo-014", "men's mesh running shoes", "640411", value=19, weight=0.9,
              consignor=party("LUCKY STAR TRADING (GUANGZHOU BAIYUN) CO LTD", "Building 3, 66 Baiyun Road",
                              "Guangzhou", "510440", "CN", phone="+86 20 3366 7788")),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_PARTY_NAME"],
        note="shipper name of demo-party-01 in another case, order and punctuation")
    add(clean("demo-015", "men's hooded sweatshirt, cotton blend", "611020", value=16, weight=0.7,
              consignor=party("Pearl River Outdoor Goods Co.", "12 Jiefang North Road", "Guangzhou", "510030",
                              "CN", phone="0086-20-8888-1234")),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_PHONE"], note="phone of demo-phone-01 written 0086-20-8888-1234")
    add(clean("demo-016", "men's leather sneakers, white", "640399", value=25, weight=1.0,
              ecommerce={"platform": "demo-marketplace", "seller_id": "a2xq7-luxstar-9", "seller_name": "Lux Star",
                         "order_id": "ORD-2026-771203"}),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_SELLER_ID"], note="seller id of demo-seller-01, lower case with dashes")
    add(clean("demo-017", "Rolex Submariner replica watch, stainless steel", "910221", value=35, weight=0.3),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_BRAND_TERM", "WATCHLIST_DESCRIPTION_TERM"],
        note="brand + 'replica' in the description")
    add(clean("demo-018", "Nike Air Max running shoes, men's size 42", "640411", value=45, weight=1.1),
        "RELEASE", "NONE", ["WATCHLIST_BRAND_TERM"], note="a brand alone (30 points) is no proof: released with a reason")
    add(clean("demo-019", "G.U.C.C.I shoulder bag AAA quality", "420221", value=28, weight=0.8,
              ecommerce={"platform": "demo-social", "seller_id": "SELLER-90017345",
                         "listing_url": "https://shop.example.com/p/mirror-quality-shoulder-bag"}),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_BRAND_TERM", "WATCHLIST_DESCRIPTION_TERM"],
        note="obfuscated brand + 'AAA quality', 'mirror quality' in the listing URL")
    add(clean("demo-020", "women's viscose summer dress", "620442", value=21, weight=0.4,
              consignor=party("Bosphorus Apparel Export", "Mimar Kemalettin Mah. Ordu Cad. No 41", "Istanbul",
                              "34130", "TR", email="EXPORT.DEPT@LALELI-MODA.EXAMPLE.COM"),
              route=route("TR", "IST", "LEJ", "TK6391")),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_EMAIL"], note="e-mail of demo-email-02 in upper case")
    add(clean("demo-021", "women's cotton leggings", "610462", value=9, weight=0.3,
              consignor=party("Baiyun Fashion Wholesale", "88 Sanyuanli Avenue", "Guangzhou", "510405", "CN",
                              tax_id="9144 0101 MA59 LK7Q 3X")),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_TAX_ID"], note="tax id of demo-tax-01 with spaces")
    add(clean("demo-022", "women's canvas sneakers", "640299", value=17, weight=0.8,
              consignee=party("Jonas Weber", "LAGERSTRASSE 17", "NEUSS", "41460", "DE", phone="+49 170 555 0142")),
        "HOLD", "IPR_EXAMINATION", ["WATCHLIST_ADDRESS"], note="consignee at reshipper address demo-addr-02")
    add(clean("demo-023", "industrial pressure gauges, 0-10 bar", "902620", value=240, weight=6.5, pieces=2,
              consignor=party("NORTHGATE INDUSTRIAL SUPPLIES, FZE", "Plot S30812, Jebel Ali Free Zone", "Dubai",
                              "", "AE"),
              route=route("AE", "DXB", "LEJ", "EK9907")),
        "HOLD", "DO_NOT_LOAD", ["WATCHLIST_PARTY_NAME"], note="aviation-security alert shipper demo-party-06")
    add(clean("demo-024", "electric motor, 750 W, single phase", "850152", value=180, weight=9.0,
              consignor=party("Gulf Machinery Spares", "Al Quoz Industrial Area 3", "Dubai", "", "AE",
                              phone="00971-4-5550199"),
              route=route("AE", "DXB", "LEJ", "EK9907")),
        "HOLD", "DO_NOT_LOAD", ["WATCHLIST_PHONE"], note="phone of demo-phone-04 (aviation alert) in another format")
    add(clean("demo-025", "aircraft cabin reading light assemblies", "940542", value=620, weight=4.2, pieces=2,
              consignee=party("KESTREL AVIONICS PARTS TRADING", "Hafenstrasse 3", "Hamburg", "20457", "DE",
                              phone="+49 40 555 0190")),
        "HOLD", "REQUEST_FOR_SCREENING", ["WATCHLIST_PARTY_NAME"], note="suspicious consignee demo-party-07")
    c = clean("demo-026", "Louis Vuitton monogram canvas handbag", "420222", value=60, weight=1.2)
    c["items"].append(item("Gucci leather card wallet", "420231", 1, 25))
    add(c, "HOLD", "IPR_EXAMINATION", ["WATCHLIST_BRAND_TERM", "RISK_SCORE_THRESHOLD"],
        note="two brands, 30 points each: the score reaches the threshold 60 on customs indicators")
    add(clean("demo-027", "women's polyester rain jacket", "620293", value=19, weight=0.6,
              consignor=party("EVERBRIGHT GLOBAL SUPPLY CHAIN (HONG KONG) LTD", "Unit 2, 9 Cheung Yee Street",
                              "Cheung Sha Wan", "", "HK", phone="+852 2555 0134"),
              consignee=party("Daniel Miller", "4410 Ogletown Rd Suite 12", "Newark", "19713", "US",
                              phone="+1 302 555 0148"),
              route=route("HK", "HKG", "PHL", "CX2086")),
        "HOLD", "REQUEST_FOR_SCREENING", ["WATCHLIST_PARTY_NAME", "WATCHLIST_ADDRESS", "RISK_SCORE_THRESHOLD"],
        note="reshipping agent (40) to a forwarding address (40): the score reaches the threshold")

    # --- Incomplete 7+1 data: HOLD + RFI, one reason per missing element ---
    c = clean("demo-028", "men's cotton t-shirt, long sleeve", "610910", value=12, weight=0.4)
    del c["consignee"]["address"]
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["MISSING_CONSIGNEE_ADDRESS"], note="no consignee address")
    add(clean("demo-029", "ceramic dinner plates, set of 6", "691200", value=30, weight=3.5, pieces=0),
        "HOLD", "REQUEST_FOR_INFORMATION", ["MISSING_PIECES"], note="pieces 0")
    add(clean("demo-030", "cotton bed sheet, 160 x 200 cm", "630231", value=18, weight=0),
        "HOLD", "REQUEST_FOR_INFORMATION", ["MISSING_GROSS_WEIGHT"], note="gross weight 0")
    c = clean("demo-031", "stainless steel cooking pot, 5 litre", "732393", value=26, weight=2.2)
    del c["house_waybill"]
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["MISSING_HOUSE_WAYBILL"], note="no house waybill")
    add(clean("demo-032", "", "610910", value=12, weight=0.4),
        "HOLD", "REQUEST_FOR_INFORMATION", ["MISSING_GOODS_DESCRIPTION"], note="empty goods description")
    c = clean("demo-033", "glass flower vase, 25 cm", "701399", value=14, weight=1.5)
    del c["consignor"]["address"]
    c["consignee"]["name"] = ""
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["MISSING_CONSIGNOR_ADDRESS", "MISSING_CONSIGNEE_NAME"],
        note="two elements missing: two reasons")
    c = clean("demo-034", "acrylic paint set, 24 colours", "321310", value=16, weight=0.9)
    c["consignee"]["address"] = {"street": "Bergstrasse 12", "country_code": "DE"}  # no city
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["INCOMPLETE_CONSIGNEE_ADDRESS"], note="consignee address without city")

    # --- Vague descriptions ---
    add(clean("demo-035", "gift", "950300", value=10, weight=0.5, postal_category="POSTAL_CATEGORY_GIFT"),
        "HOLD", "REQUEST_FOR_INFORMATION", ["VAGUE_GOODS_DESCRIPTION"], note="'gift'")
    add(clean("demo-036", "parts", "847330", value=40, weight=1.0),
        "HOLD", "REQUEST_FOR_INFORMATION", ["VAGUE_GOODS_DESCRIPTION"], note="'parts'")
    add(clean("demo-037", "Accessories", "392690", value=8, weight=0.3),
        "HOLD", "REQUEST_FOR_INFORMATION", ["VAGUE_GOODS_DESCRIPTION"], note="'Accessories'")
    add(clean("demo-038", "12345", "610910", value=8, weight=0.3),
        "HOLD", "REQUEST_FOR_INFORMATION", ["VAGUE_GOODS_DESCRIPTION"], note="digits only")

    # --- Unacceptable party names ---
    c = clean("demo-039", "wireless computer mouse", "847160", value=12, weight=0.2)
    c["consignee"]["name"] = "unknown"
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["UNACCEPTABLE_PARTY_NAME"], note="consignee 'unknown'")
    c = clean("demo-040", "wireless computer keyboard", "847160", value=18, weight=0.6)
    c["consignor"]["name"] = "N/A"
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["UNACCEPTABLE_PARTY_NAME"], note="consignor 'N/A'")

    # --- Other data problems ---
    add(clean("demo-041", "cotton baby bodysuits, pack of 3", "AB12", value=12, weight=0.3),
        "HOLD", "REQUEST_FOR_INFORMATION", ["INVALID_HS_CODE"], note="HS code not 6-10 digits")
    c = clean("demo-042", "linen table cloth, 140 x 240 cm", "630251", value=22, weight=0.8)
    c["consignee"]["address"]["country_code"] = "GERMANY"
    add(c, "HOLD", "REQUEST_FOR_INFORMATION", ["INVALID_COUNTRY_CODE"], note="country code not ISO alpha-2")

    # --- Re-submissions: a hold is state per house waybill ---
    c = clean("demo-043", "stainless steel wrist watch", "910221", value=35, weight=0.3)
    c["house_waybill"] = "DEMO0170001"
    add(c, "HOLD", "IPR_EXAMINATION", ["HOLD_STILL_IN_PLACE"], hold_status="STILL_IN_PLACE",
        note="demo-017's waybill again with a cleaned-up description: the IPR hold stays until resolved")
    c = clean("demo-044", "ceramic dinner plates, set of 6", "691200", value=30, weight=3.5, pieces=1)
    c["house_waybill"] = "DEMO0290001"
    add(c, "RELEASE", "NONE", ["HOLD_RESOLVED"], hold_status="RESOLVED",
        note="demo-029's waybill again with pieces given: an information-only hold is lifted")


def invalid_lines():
    """Lines that are not parcels: the CLI must report them, the server refuses them."""
    neg = clean("demo-bad-001", "men's cotton t-shirt", "610910", weight=-1.5, house_waybill="DEMOBAD0001")
    ok = clean("demo-bad-003", "ceramic coffee mug", "691200", house_waybill="DEMOBAD0003")
    return [json.dumps(neg, separators=(",", ":")),
            '{"request_id": "demo-bad-002", "pieces": ',
            json.dumps(ok, separators=(",", ":"))]


def main():
    build()
    if "--table" in sys.argv:
        print("| request_id | decision | referral | reasons | what it shows |")
        print("|---|---|---|---|---|")
        for c, e, note in PARCELS:
            r = e["referral"].replace("REFERRAL_", "")
            d = e["decision"].replace("DECISION_", "")
            if "hold_status" in e:
                d += " (" + e["hold_status"].replace("HOLD_STATUS_", "") + ")"
            print("| %s | %s | %s | %s | %s |" % (c["request_id"], d, r, ", ".join(e["reasons"]) or "-", note))
        return
    with open(os.path.join(DEMO, "manifest.jsonl"), "w") as f:
        for c, _, _ in PARCELS:
            f.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(os.path.join(DEMO, "expected.jsonl"), "w") as f:
        for _, e, _ in PARCELS:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")
    with open(os.path.join(DEMO, "invalid.jsonl"), "w") as f:
        f.write("\n".join(invalid_lines()) + "\n")
    print("wrote %d parcels" % len(PARCELS))


if __name__ == "__main__":
    main()
