#include "core/recent_parties.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/normalize.h"
#include "core/normalized_parcel.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

// NormalizeParty as normalized_parcel.cc does it, counting its calls: a
// party the memo gives back costs none.
int normalize_calls = 0;
void CountingNormalize(const Party& party, NormalizedParty* out) {
  ++normalize_calls;
  NameFormsInto(party.name, &out->folded_name, &out->name_key, &out->glued_name);
  AddressKeyInto(party.address, &out->address_key);
  PhoneKeyInto(party.phone, party.address.country_code, &out->phone_key);
  EmailKeyInto(party.email, &out->email_key);
  IdKeyInto(party.tax_id, &out->tax_id_key);
}

NormalizedParty Fresh(const Party& party) {
  NormalizedParty forms;
  CountingNormalize(party, &forms);
  return forms;
}

void ExpectSameForms(const NormalizedParty& a, const NormalizedParty& b) {
  EXPECT_EQ(a.folded_name, b.folded_name);
  EXPECT_EQ(a.name_key, b.name_key);
  EXPECT_EQ(a.glued_name, b.glued_name);
  EXPECT_EQ(a.address_key, b.address_key);
  EXPECT_EQ(a.phone_key, b.phone_key);
  EXPECT_EQ(a.email_key, b.email_key);
  EXPECT_EQ(a.tax_id_key, b.tax_id_key);
}

Party Shipper() {
  Party p;
  p.name = "Shenzhen Golden Harbour Electronics Co., Ltd.";
  p.address = {"1203, 88 Harbour Rd, Building 7", "Shenzhen", "518000", "CN"};
  p.phone = "+86 755 1234 5678";
  p.email = "Export.Sales+eu@shipper.example.com";
  p.tax_id = "91440300MB00012345";
  return p;
}

// How many times `normalize` ran for `party` looked up through `recent`, and
// that the forms are those normalising gives.
int CallsFor(RecentParties* recent, const Party& party, NormalizedParty* out) {
  const int before = normalize_calls;
  recent->FormsOf(party, out, CountingNormalize);
  const int calls = normalize_calls - before;
  ExpectSameForms(*out, Fresh(party));
  EXPECT_EQ(out->seen_lately(), calls == 0);
  return calls;
}

// A party is filed the second time its name is seen, and found from the
// third on; what it gives is what normalising gives, over a reused object
// that held a longer party's forms.
TEST(RecentPartiesTest, APartySeenTwiceIsFoundTheThirdTime) {
  RecentParties recent(16);
  NormalizedParty out;
  Party longer = Shipper();
  longer.name += " International Holdings Group";
  longer.address.street += ", Futian District, Industrial Park West";
  CallsFor(&recent, longer, &out);
  EXPECT_EQ(CallsFor(&recent, Shipper(), &out), 1);
  EXPECT_EQ(recent.size(), 0u);
  EXPECT_EQ(CallsFor(&recent, Shipper(), &out), 1);
  EXPECT_EQ(recent.size(), 1u);
  EXPECT_EQ(CallsFor(&recent, Shipper(), &out), 0);
  EXPECT_EQ(CallsFor(&recent, Shipper(), &out), 0);
}

// A party of a filed name that differs in any field the forms are made of,
// or whose fields split the same bytes differently, is normalised afresh.
TEST(RecentPartiesTest, ADifferenceInAnyFieldIsAnotherParty) {
  std::vector<Party> others;
  for (int field = 0; field < 7; ++field) {
    Party p = Shipper();
    std::string* const fields[] = {&p.address.street, &p.address.postal_code,
                                   &p.address.city,   &p.address.country_code,
                                   &p.phone,          &p.email,
                                   &p.tax_id};
    fields[field]->push_back('9');
    others.push_back(p);
    fields[field]->clear();
    others.push_back(p);
  }
  Party moved = Shipper();  // "Shenzhen" + "518000" as "Shenzhen5" + "18000"
  moved.address.city += moved.address.postal_code.substr(0, 1);
  moved.address.postal_code.erase(0, 1);
  others.push_back(moved);
  Party unit = Shipper();  // "#" is read as "unit": the address key changes
  unit.address.street = "#1203, 88 Harbour Rd, Building 7";
  others.push_back(unit);

  for (const Party& other : others) {
    RecentParties recent(16);
    NormalizedParty out;
    for (int i = 0; i < 2; ++i) CallsFor(&recent, Shipper(), &out);
    ASSERT_EQ(CallsFor(&recent, Shipper(), &out), 0);
    // Filed at once beside the shipper: its name was seen before.
    EXPECT_EQ(CallsFor(&recent, other, &out), 1);
    EXPECT_EQ(CallsFor(&recent, other, &out), 0);
    EXPECT_EQ(CallsFor(&recent, Shipper(), &out), 0);
  }
}

// Parties sharing a name are kept up to a few; the rest are normalised
// every time, and all give what normalising gives.
TEST(RecentPartiesTest, ManyPartiesOfOneName) {
  RecentParties recent(64);
  NormalizedParty out;
  int found = 0;
  for (int round = 0; round < 4; ++round) {
    for (int door = 0; door < 10; ++door) {
      Party p = Shipper();
      p.address.street = absl::StrCat(door, " Harbour Rd");
      found += CallsFor(&recent, p, &out) == 0;
    }
  }
  EXPECT_GT(found, 0);
  EXPECT_LE(recent.size(), 10u);
}

// Too long a party is never kept; a memo of size 0 keeps nothing.
TEST(RecentPartiesTest, LongPartiesAndAnEmptyMemoAreNormalisedEveryTime) {
  RecentParties recent(16);
  RecentParties none(0);
  NormalizedParty out;
  Party long_party = Shipper();
  long_party.address.street = std::string(600, 'x');
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(CallsFor(&recent, long_party, &out), 1);
    EXPECT_EQ(CallsFor(&none, Shipper(), &out), 1);
  }
  EXPECT_EQ(recent.size(), 0u);
}

// Random parties from a small population of skewed shippers, one field of
// some changed at random (a byte added, removed or replaced, a field
// emptied), against memos of 1, 2, 7 and 4,096 parties, which are emptied
// when full: every lookup gives what normalising gives.
TEST(RecentPartiesTest, RandomPartiesGiveWhatNormalisingGives) {
  std::mt19937_64 rng(20261130);
  std::vector<Party> population;
  const char* const names[] = {"Acme Trading Co., Ltd.", "ACME TRADING", "Müller GmbH",
                               "Иван Петров", "A.Ş. Deniz", "O'Brien & Sons Ltd", "",
                               "深圳华强电子", "acme trading co ltd"};
  for (int i = 0; i < 40; ++i) {
    Party p = Shipper();
    p.name = names[i % std::size(names)];
    if (i % 3 == 0) p.address.street = absl::StrCat(i, " Königstraße, 3rd Floor #", i);
    if (i % 4 == 0) p.phone = absl::StrCat("0", 2110000 + i);
    if (i % 5 == 0) p.address.country_code = "DE";
    population.push_back(p);
  }
  for (size_t size : {1, 2, 7, 4096}) {
    RecentParties recent(size);
    NormalizedParty out;
    for (int n = 0; n < 3000; ++n) {
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      Party p = population[static_cast<size_t>(u * u * population.size())];
      if (rng() % 4 == 0) {
        std::string* const fields[] = {&p.name,  &p.address.street, &p.address.postal_code,
                                       &p.address.city, &p.address.country_code,
                                       &p.phone, &p.email, &p.tax_id};
        std::string& f = *fields[rng() % std::size(fields)];
        switch (rng() % 4) {
          case 0: f.push_back(static_cast<char>('a' + rng() % 3)); break;
          case 1: if (!f.empty()) f.pop_back(); break;
          case 2: if (!f.empty()) f[rng() % f.size()] = '#'; break;
          default: f.clear();
        }
      }
      recent.FormsOf(p, &out, CountingNormalize);
      const NormalizedParty fresh = Fresh(p);
      ASSERT_EQ(out.folded_name, fresh.folded_name) << size << " " << n;
      ASSERT_EQ(out.name_key, fresh.name_key) << size << " " << n;
      ASSERT_EQ(out.glued_name, fresh.glued_name) << size << " " << n;
      ASSERT_EQ(out.address_key, fresh.address_key) << size << " " << n;
      ASSERT_EQ(out.phone_key, fresh.phone_key) << size << " " << n;
      ASSERT_EQ(out.email_key, fresh.email_key) << size << " " << n;
      ASSERT_EQ(out.tax_id_key, fresh.tax_id_key) << size << " " << n;
      ASSERT_LE(recent.size(), size);
    }
  }
}

}  // namespace
}  // namespace placi::core
