// Differential check of the shipper memos: RecentParties (a consignor's
// normalised forms) and RecentPartyHits (what the index found for it). For
// random scripts of parcels whose shippers come back with the same name at
// other addresses, phones, e-mails, tax ids and countries, in other case,
// spacing and scripts, with watchlist upserts (new ids and ids again with
// other values) and deletes between them, and the name threshold changed
// now and then (a rules reload):
//   - every consignor's forms are what normalising it gives;
//   - indexes keeping 1, 2, 7 and 8,192 shippers' hits, matched on a fresh
//     thread and again on the test's, now and then after matching another
//     index (another generation), give the hits of an index keeping none
//     fed the forms normalised afresh: entry, field, value, similarity, in
//     their order.
// PLACI_PARTY_FUZZ_ROUNDS sets the rounds (default 2, well under a second;
// PLACI_PARTY_FUZZ_SEED another seed).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/normalized_parcel.h"
#include "core/recent_parties.h"
#include "core/text_cache_stats.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

template <typename T>
const T& Pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[rng() % from.size()];
}

// Names whose tokens permute ("Zhang Wei" / "Wei Zhang": one name key, two
// glued keys), with legal forms, typos, other scripts and case.
const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {"Shenzhen Golden Harbour Electronics Co., Ltd.",
                                                 "Golden Harbour Shenzhen Electronics",
                                                 "Zhang Wei",
                                                 "Wei Zhang",
                                                 "ZHANG  WEI",
                                                 "zhangwei",
                                                 "Zhang Wie",
                                                 "Acme Trading GmbH",
                                                 "ACME TRADING",
                                                 "Acme Tradng GmbH",
                                                 "Müller Logistik GmbH",
                                                 "Mueller Logistik",
                                                 "Иван Петров",
                                                 "Петров Иван",
                                                 "深圳华强电子",
                                                 "深圳 华强 电子",
                                                 "O'Brien & Sons Ltd",
                                                 "OBrien and Sons",
                                                 "A.Ş. Deniz Ticaret",
                                                 "Kim Min-jun",
                                                 "Kim Minjun",
                                                 "Nguyễn Văn An",
                                                 "Nguyen Van An",
                                                 "",
                                                 "Co., Ltd.",
                                                 "x"};
  return names;
}

const std::vector<std::string>& Streets() {
  static const std::vector<std::string> streets = {"1203, 88 Harbour Rd, Building 7",
                                                   "88 Harbour Road, Bldg 7, Unit 1203",
                                                   "#1203, 88 Harbour Rd, Building 7",
                                                   "Königstraße 12",
                                                   "Koenigstrasse 12",
                                                   "12 Königstr.",
                                                   "1 Main St",
                                                   "1 Main Street",
                                                   "1 MAIN ST ",
                                                   "Room 5, Floor 3, 10 Nanjing Rd",
                                                   "",
                                                   "PO Box 17"};
  return streets;
}

const std::vector<std::string>& Phones() {
  static const std::vector<std::string> phones = {"+86 755 1234 5678",
                                                  "0755 1234 5678",
                                                  "755-1234-5678",
                                                  "+49 30 1234567",
                                                  "030 1234567",
                                                  "+1 (212) 555-0100",
                                                  "212.555.0100",
                                                  "",
                                                  "12345"};
  return phones;
}

const std::vector<std::string>& Emails() {
  static const std::vector<std::string> emails = {"Export.Sales+eu@shipper.example.com",
                                                  "export.sales@shipper.example.com",
                                                  "EXPORT.SALES@SHIPPER.EXAMPLE.COM",
                                                  "info@acme.example",
                                                  "info@acme.example ",
                                                  "",
                                                  "müller@beispiel.example"};
  return emails;
}

const std::vector<std::string>& TaxIds() {
  static const std::vector<std::string> ids = {
      "91440300MB00012345", "91440300-MB00012345", "de 123 456 789", "DE123456789", "", "0"};
  return ids;
}

const std::vector<std::string>& Countries() {
  static const std::vector<std::string> countries = {"CN", "DE", "US", "", "cn", "GB"};
  return countries;
}

// A small change of a field: case, spacing, an accent, a byte, a byte's
// 0x20 bit (a letter's case; or a digit into a control byte, '@' into '`').
std::string Edit(std::mt19937& rng, std::string s) {
  switch (rng() % 8) {
    case 0:
      for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      break;
    case 1:
      s.insert(s.empty() ? 0 : rng() % s.size(), " ");
      break;
    case 2:
      s += rng() % 2 ? "  " : "\t";
      break;
    case 3:
      s.insert(0, "\xC2\xA0");
      break;  // a no-break space
    case 4:
      s += "é";
      break;
    case 5:
      if (!s.empty()) s.pop_back();
      break;  // may cut a UTF-8 sequence
    case 6:
      if (!s.empty()) s[rng() % s.size()] ^= 0x20;
      break;
    default:
      s.clear();
      break;
  }
  return s;
}

// A name of the same words otherwise put: their order turned, glued,
// joined by a hyphen, a word split. Names often share a name key (the
// words sorted) or a glued key and differ in the other.
std::string Twin(std::mt19937& rng, const std::string& name) {
  std::vector<std::string> words = absl::StrSplit(name, ' ', absl::SkipEmpty());
  if (words.empty()) return name;
  switch (rng() % 4) {
    case 0:
      std::reverse(words.begin(), words.end());
      return absl::StrJoin(words, " ");
    case 1:
      return absl::StrJoin(words, "");
    case 2:
      return absl::StrJoin(words, "-");
    default: {
      std::string& w = words[rng() % words.size()];
      if (w.size() > 2) w.insert(w.size() / 2, " ");  // may split a UTF-8 sequence
      return absl::StrJoin(words, " ");
    }
  }
}

Party RandomShipper(std::mt19937& rng) {
  Party p;
  p.name = Pick(rng, Names());
  p.address = {Pick(rng, Streets()), rng() % 2 ? "Shenzhen" : "Berlin",
               rng() % 2 ? "518000" : "10115", Pick(rng, Countries())};
  p.phone = Pick(rng, Phones());
  p.email = Pick(rng, Emails());
  p.tax_id = Pick(rng, TaxIds());
  p.account_id = std::to_string(rng() % 3);  // no form is made from it
  return p;
}

// The shipper again with one or two fields other (another address of the
// same name, another country for the same phone, an edit).
Party Variant(std::mt19937& rng, Party p) {
  for (int n = 1 + rng() % 2; n > 0; --n) {
    std::string* const fields[] = {&p.name,
                                   &p.address.street,
                                   &p.address.postal_code,
                                   &p.address.city,
                                   &p.address.country_code,
                                   &p.phone,
                                   &p.email,
                                   &p.tax_id,
                                   &p.account_id};
    const size_t f = rng() % std::size(fields);
    if (rng() % 2) {
      *fields[f] = Edit(rng, *fields[f]);
      continue;
    }
    switch (f) {
      case 0:
        p.name = Pick(rng, Names());
        break;
      case 1:
        p.address.street = Pick(rng, Streets());
        break;
      case 4:
        p.address.country_code = Pick(rng, Countries());
        break;
      case 5:
        p.phone = Pick(rng, Phones());
        break;
      case 6:
        p.email = Pick(rng, Emails());
        break;
      case 7:
        p.tax_id = Pick(rng, TaxIds());
        break;
      default:
        *fields[f] = Edit(rng, *fields[f]);
        break;
    }
  }
  return p;
}

// What normalising `party` gives, without the memo: NormalizeParcel
// normalises the consignee every time.
void NormalizeAfresh(const Party& party, NormalizedParty* out) {
  thread_local Consignment parcel;
  thread_local NormalizedParcel forms;
  parcel.consignee = party;
  NormalizeParcel(parcel, &forms);
  *out = forms.consignee;
}

std::string FormsText(const NormalizedParty& f) {
  return absl::StrCat(f.folded_name, "|", f.name_key, "|", f.glued_name, "|", f.address_key, "|",
                      f.phone_key, "|", f.email_key, "|", f.tax_id_key);
}

// NormalizeAfresh, kept by every field of the party (the test's own memo,
// by the whole party: ICU's fold of other scripts takes tens of µs).
const NormalizedParty& FreshForms(const Party& party) {
  thread_local std::map<std::vector<std::string>, NormalizedParty> known;
  std::vector<std::string> key = {party.name,
                                  party.address.street,
                                  party.address.city,
                                  party.address.postal_code,
                                  party.address.country_code,
                                  party.phone,
                                  party.email,
                                  party.tax_id,
                                  party.account_id};
  auto [it, added] = known.try_emplace(std::move(key));
  if (added) NormalizeAfresh(party, &it->second);
  return it->second;
}

WatchlistEntry RandomEntry(std::mt19937& rng, std::string id, const std::vector<Party>& shippers) {
  const Party& p = Pick(rng, shippers);
  WatchlistEntry e;
  e.id = std::move(id);
  e.referral = rng() % 3 ? Referral::kRequestForScreening : Referral::kDoNotLoad;
  e.points = static_cast<int>(rng() % 101);
  e.source = "test";
  e.note = absl::StrCat("note ", rng() % 1000);
  switch (rng() % 6) {
    case 0:
    case 1:  // a name as it is, permuted, edited or from the list (fuzzy hits)
      e.kind = EntryKind::kPartyName;
      switch (rng() % 4) {
        case 0:
          e.value = p.name;
          break;
        case 1:
          e.value = Twin(rng, p.name);
          break;
        case 2:
          e.value = Edit(rng, p.name);
          break;
        default:
          e.value = Pick(rng, Names());
          break;
      }
      break;
    case 2:
      e.kind = EntryKind::kAddress;
      e.value = absl::StrCat(p.address.street, ", ", p.address.postal_code, " ", p.address.city,
                             ", ", p.address.country_code);
      break;
    case 3:
      e.kind = EntryKind::kPhone;
      e.value = rng() % 2 ? p.phone : Pick(rng, Phones());
      break;
    case 4:
      e.kind = EntryKind::kEmail;
      e.value = rng() % 2 ? p.email : Edit(rng, p.email);
      break;
    default:
      e.kind = EntryKind::kTaxId;
      e.value = p.tax_id;
      break;
  }
  return e;
}

struct PartyStep {
  std::vector<WatchlistEntry> upsert;
  std::vector<std::string> remove;
  std::vector<Consignment> parcels;
  std::vector<double> thresholds;  // per parcel
  std::vector<bool> other_index;   // per parcel: match another index first
};

std::vector<PartyStep> MakeScript(std::mt19937& rng) {
  // A third are twins of another: the same fields, the name's words put
  // otherwise (the memos must tell them apart by every key).
  std::vector<Party> shippers(3 + rng() % 40);
  for (size_t i = 0; i < shippers.size(); ++i) {
    shippers[i] = RandomShipper(rng);
    if (i > 0 && rng() % 3 == 0) {
      shippers[i] = shippers[rng() % i];
      shippers[i].name = Twin(rng, shippers[i].name);
    }
  }
  const double thresholds[] = {0.90, 0.85, 0.80, 0.95, 1.0, 0.5};
  double threshold = 0.90;
  std::vector<PartyStep> script(5);
  std::vector<std::string> live;
  size_t next_id = 0;
  for (size_t s = 0; s < script.size(); ++s) {
    PartyStep& step = script[s];
    for (size_t i = s == 0 ? 40 : rng() % 10; i > 0; --i) {
      std::string id = !live.empty() && rng() % 4 == 0 ? Pick(rng, live)  // a replace
                                                       : absl::StrCat("w", next_id++);
      step.upsert.push_back(RandomEntry(rng, id, shippers));
      live.push_back(id);
    }
    if (s > 0 && !live.empty()) {
      for (size_t i = rng() % 6; i > 0; --i) step.remove.push_back(Pick(rng, live));
    }
    for (size_t i = 0; i < 150; ++i) {
      if (rng() % 40 == 0) threshold = thresholds[rng() % std::size(thresholds)];
      // Skewed: a few shippers send most parcels, mostly as they were.
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      const Party& shipper = shippers[static_cast<size_t>(u * u * u * shippers.size())];
      Consignment& parcel = step.parcels.emplace_back();
      parcel.consignor = rng() % 5 == 0 ? Variant(rng, shipper) : shipper;
      // The consignee is not memoised: mostly plain (and quick), now and
      // then a shipper, whose entries the consignor's hits then hold.
      if (rng() % 8 == 0) {
        parcel.consignee = Pick(rng, shippers);
      } else {
        parcel.consignee.name = "Maria Schneider";
      }
      parcel.items.emplace_back().description = "cotton shirt";
      step.thresholds.push_back(threshold);
      step.other_index.push_back(rng() % 30 == 0);
    }
  }
  return script;
}

std::string HitText(const WatchlistHit& hit) {
  const WatchlistEntry& e = hit.entry;
  return absl::StrFormat("%s/%d/%s/%d/%d/%s@%s=%s~%a", e.id, static_cast<int>(e.kind), e.value,
                         static_cast<int>(e.referral), e.points, e.note, hit.field,
                         hit.matched_value, hit.similarity);
}

// Runs `script` against an index keeping `cached_parties` shippers' hits,
// on the calling thread; one line of hits per parcel. `afresh`: the
// consignor's forms are normalised afresh (the memo of forms is not read).
// Forms that differ from normalising afresh are reported in `errors`;
// those that came from the memo are counted in `forms_found`.
std::vector<std::string> RunPartyScript(const std::vector<PartyStep>& script, size_t cached_parties,
                                        bool afresh, std::vector<std::string>* errors,
                                        size_t* forms_found) {
  WatchlistIndex::Options options;
  options.cached_parties = cached_parties;
  if (afresh) options.cached_texts = 0;
  WatchlistIndex index(options);
  WatchlistIndex other;  // another generation on this thread
  std::vector<std::string> lines;
  uint64_t version = 0;
  NormalizedParcel forms;
  for (const PartyStep& step : script) {
    if (!step.upsert.empty()) index.Upsert(step.upsert, ++version);
    if (!step.remove.empty()) index.Delete(step.remove, ++version);
    for (size_t i = 0; i < step.parcels.size(); ++i) {
      const Consignment& parcel = step.parcels[i];
      std::vector<WatchlistHit> hits;
      if (step.other_index[i]) other.Match(parcel, &hits);
      NormalizeParcel(parcel, &forms);
      const NormalizedParty& fresh = FreshForms(parcel.consignor);
      if (FormsText(forms.consignor) != FormsText(fresh)) {
        errors->push_back(absl::StrCat("forms of ", parcel.consignor.name, ": ",
                                       FormsText(forms.consignor), " != ", FormsText(fresh)));
      }
      *forms_found += forms.consignor.seen_lately();
      if (afresh) forms.consignor = fresh;  // seen_lately false
      hits.clear();
      index.Match(parcel, forms, &hits, {.name_similarity_threshold = step.thresholds[i]});
      std::string line;
      for (const WatchlistHit& hit : hits) absl::StrAppend(&line, HitText(hit), " ");
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

uint64_t MemoHits(TextCache cache) {
  return TextCacheTotals()[Index(cache)][Index(CacheResult::kHit)];
}

TEST(PartyMemoDifferentialTest, KeepingShippersFindsWhatLookingUpFinds) {
  const char* env = std::getenv("PLACI_PARTY_FUZZ_ROUNDS");
  const int rounds = env ? std::atoi(env) : 2;
  const char* seed_env = std::getenv("PLACI_PARTY_FUZZ_SEED");
  const unsigned seed0 = seed_env ? static_cast<unsigned>(std::atoi(seed_env)) : 1;
  size_t forms_found = 0;
  const uint64_t hits_before = MemoHits(TextCache::kPartyHits);
  size_t parcels = 0, consignor_hits = 0;
  for (int round = 0; round < rounds; ++round) {
    std::mt19937 rng(seed0 * 1000003u + static_cast<unsigned>(round));
    const std::vector<PartyStep> script = MakeScript(rng);
    constexpr size_t kSizes[] = {0, 1, 2, 7, 8192};
    std::vector<std::vector<std::string>> lines(std::size(kSizes));
    std::vector<std::vector<std::string>> errors(std::size(kSizes));
    std::vector<size_t> forms(std::size(kSizes));
    {
      // The index keeping none on a thread, those keeping some in turn on
      // another (ICU's transliterator, made once a thread, takes ~50 ms):
      // their memos start empty and die with it.
      std::thread none([&] { lines[0] = RunPartyScript(script, 0, true, &errors[0], &forms[0]); });
      std::thread some([&] {
        for (size_t k = 1; k < std::size(kSizes); ++k) {
          lines[k] = RunPartyScript(script, kSizes[k], false, &errors[k], &forms[k]);
        }
      });
      none.join();
      some.join();
    }
    for (size_t f : forms) forms_found += f;
    for (size_t k = 0; k < std::size(kSizes); ++k) {
      ASSERT_TRUE(errors[k].empty()) << "round " << round << ": " << errors[k][0];
      ASSERT_EQ(lines[k].size(), lines[0].size());
      for (size_t i = 0; i < lines[k].size(); ++i) {
        ASSERT_EQ(lines[k][i], lines[0][i])
            << "round " << round << " cached_parties " << kSizes[k] << " parcel " << i;
      }
    }
    // And once more on this thread, whose memos outlive the round.
    std::vector<std::string> again_errors;
    ASSERT_EQ(RunPartyScript(script, 8192, false, &again_errors, &forms_found), lines[0])
        << "round " << round;
    ASSERT_TRUE(again_errors.empty()) << again_errors[0];
    parcels += lines[0].size();
    for (const std::string& line : lines[0]) {
      for (size_t at = line.find("@consignor."); at != std::string::npos;
           at = line.find("@consignor.", at + 1)) {
        ++consignor_hits;
      }
    }
  }
  const uint64_t hits_found = MemoHits(TextCache::kPartyHits) - hits_before;
  std::printf(
      "party memo differential: %d rounds, %zu parcels a run, %zu consignor hits, %zu forms and "
      "%llu hits from the memos\n",
      rounds, parcels, consignor_hits, forms_found, static_cast<unsigned long long>(hits_found));
  EXPECT_GT(consignor_hits, parcels / 4) << "the watchlist must know the shippers";
  EXPECT_GT(forms_found, parcels) << "the memo of forms must answer many parcels";
  EXPECT_GT(hits_found, parcels / 2) << "the memo of hits must answer many parcels";
}

// RecentParties alone, at sizes that empty it often, fed the same parties.
TEST(PartyMemoDifferentialTest, SmallMemosOfFormsGiveWhatNormalisingGives) {
  std::mt19937 rng(20261130);
  std::vector<Party> shippers(30);
  for (Party& p : shippers) p = RandomShipper(rng);
  for (size_t size : {1, 2, 3, 7, 64}) {
    RecentParties recent(size);
    NormalizedParty out, fresh;
    for (int n = 0; n < 2000; ++n) {
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      const Party& shipper = shippers[static_cast<size_t>(u * u * shippers.size())];
      const Party party = rng() % 4 == 0 ? Variant(rng, shipper) : shipper;
      recent.FormsOf(party, &out, NormalizeAfresh);
      NormalizeAfresh(party, &fresh);
      ASSERT_EQ(FormsText(out), FormsText(fresh)) << "size " << size << " party " << n;
      ASSERT_LE(recent.size(), size);
    }
  }
}

}  // namespace
}  // namespace placi::core
