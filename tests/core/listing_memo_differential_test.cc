// Differential check of the listing URL memo (WatchlistIndex's
// RecentListings): indexes that keep 1, 2, 7 and 4,096 shapes must give, for
// every parcel, the hits of an index that keeps none, in the same order,
// across upserts and deletes. Random terms (with digits, numbers, leet,
// unicode, a shape's own words) and random URLs of few repeating shapes
// (digits in host, path and query, leet digits, unicode, percent-encoding,
// readings near the 256-byte limit, empty, only digits).
// PLACI_LISTING_FUZZ_ROUNDS sets the rounds (default 4, a few seconds;
// PLACI_LISTING_FUZZ_SEED another seed).
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/text_cache_stats.h"
#include "core/watchlist_index.h"
#include "gtest/gtest.h"

namespace placi::core {
namespace {

const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = {
      "kozmo", "lux",  "wear",  "iphone", "n1ke",   "nike",   "nlke", "3m",      "item",
      "pro",   "max",  "shop",  "deal",   "zeta",   "https",  "www",  "com",     "example",
      "p",     "q",    "ref",   "café",   "müller", "東京",   "ab",   "abc",     "x1",
      "a1b2",  "t0x",  "r0lex", "ro1ex",  "gucci",  "g",      "u",    "c",       "i",
      "usb",   "cable", "v2",   "mp3",    "4k",     "1",      "0",    "o",       "l",
      "１５",  "n１ke", "٣m",   "x²",     "%31",    "%E2%80%8B", "ⅰphone", "0x1f", "00"};
  return words;
}

std::string Digits(std::mt19937& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
  return s;
}

std::string Separator(std::mt19937& rng) {
  static const char* const seps[] = {"/", "-", ".", "?", "=", "&", "_", "%2F", " ", "//", "%20",
                                     "+", "/", "-", "/"};
  return seps[rng() % (sizeof(seps) / sizeof(seps[0]))];
}

// A template: pieces, '#' runs are digits drawn afresh per URL.
std::string MakeTemplate(std::mt19937& rng) {
  std::string t;
  if (rng() % 8 == 0) {  // dense: past the 64th token within 256 bytes
    // Numbers mostly past the 64th token, where they alone make a hit.
    const size_t tokens = 62 + rng() % 30;
    static const char* const small[] = {"#", "#", "a", "p", "#a", "x", "##", "n1", "q"};
    for (size_t i = 0; i < tokens; ++i) {
      if (i) t += rng() % 10 ? "/" : "-";
      t += i < 60 && rng() % 8 ? "a" : small[rng() % 9];
    }
    return t;
  }
  switch (rng() % 4) {
    case 0: t = "https://"; break;
    case 1: t = "http://"; break;
    default: break;
  }
  const size_t pieces = 1 + rng() % 14;
  const bool long_one = rng() % 6 == 0;
  const size_t target = long_one ? 230 + rng() % 60 : 0;
  for (size_t i = 0; i < pieces || t.size() < target; ++i) {
    if (i > 0 || !t.empty()) t += Separator(rng);
    switch (rng() % 6) {
      case 0:
      case 1: t += std::string(1 + rng() % 9, '#'); break;
      case 2: t += Words()[rng() % Words().size()] + std::string(rng() % 3, '#'); break;
      case 3: {  // a word with a digit inside (leet)
        std::string w = Words()[rng() % Words().size()];
        w.insert(rng() % (w.size() + 1), "#");
        t += w;
        break;
      }
      default: t += Words()[rng() % Words().size()]; break;
    }
  }
  return t;
}

std::string Instantiate(std::mt19937& rng, const std::string& tmpl) {
  std::string url;
  for (char c : tmpl) {
    if (c == '#') {
      // Mostly random digits; sometimes digits that make a term.
      url += rng() % 8 == 0 ? std::string(1, "1503"[rng() % 4]) : Digits(rng, 1);
    } else {
      url.push_back(c);
    }
  }
  return url;
}

std::string MakeTerm(std::mt19937& rng, const std::vector<std::string>& urls) {
  switch (rng() % 6) {
    case 0: return Digits(rng, 1 + rng() % 4);  // a pure number
    case 1: {  // words of a URL, as they come
      const std::string& url = urls[rng() % urls.size()];
      if (url.empty()) return "kozmo";
      const size_t at = rng() % url.size();
      return url.substr(at, 1 + rng() % 12);
    }
    default: {
      std::string term;
      const size_t n = 1 + rng() % 3;
      for (size_t i = 0; i < n; ++i) {
        if (i) term += " ";
        term += rng() % 4 == 0 ? Digits(rng, 1 + rng() % 3) : Words()[rng() % Words().size()];
      }
      return term;
    }
  }
}

WatchlistEntry Entry(std::string id, std::string value, std::mt19937& rng) {
  return WatchlistEntry{std::move(id),
                        rng() % 2 ? EntryKind::kBrandTerm : EntryKind::kDescriptionTerm,
                        std::move(value),
                        Referral::kRequestForScreening,
                        50,
                        "test",
                        ""};
}

// One round's script: upserts, deletes and the parcels matched after each.
struct Step {
  std::vector<WatchlistEntry> upsert;
  std::vector<std::string> remove;
  std::vector<Consignment> parcels;
};

std::vector<std::string> RunScript(size_t cached_texts, const std::vector<Step>& script) {
  WatchlistIndex::Options options;
  options.cached_texts = cached_texts;
  WatchlistIndex index(options);
  std::vector<std::string> found;
  uint64_t version = 0;
  for (const Step& step : script) {
    if (!step.upsert.empty()) index.Upsert(step.upsert, ++version);
    if (!step.remove.empty()) index.Delete(step.remove, ++version);
    for (int pass = 0; pass < 2; ++pass) {
      for (const Consignment& parcel : step.parcels) {
        std::vector<WatchlistHit> hits;
        index.Match(parcel, &hits);
        found.push_back("|");
        for (const WatchlistHit& hit : hits) {
          found.push_back(hit.entry.id + "@" + hit.field + "=" + hit.matched_value);
        }
      }
    }
  }
  return found;
}

TEST(ListingMemoDifferentialTest, KeepingShapesFindsWhatReadingFinds) {
  const char* env = std::getenv("PLACI_LISTING_FUZZ_ROUNDS");
  const int rounds = env ? std::atoi(env) : 4;
  const char* seed_env = std::getenv("PLACI_LISTING_FUZZ_SEED");
  const unsigned seed0 = seed_env ? static_cast<unsigned>(std::atoi(seed_env)) : 1;
  size_t urls_checked = 0, hits_seen = 0;
  uint64_t memo_hits = 0;
  for (int round = 0; round < rounds; ++round) {
    std::mt19937 rng(seed0 * 1000003u + static_cast<unsigned>(round));
    static const size_t kShapeCounts[] = {1, 2, 3, 8, 40, 5000};
    const size_t shape_count = kShapeCounts[rng() % 6];
    std::vector<std::string> templates;
    for (size_t i = 0; i < shape_count; ++i) templates.push_back(MakeTemplate(rng));
    const size_t parcels_per_step = shape_count > 100 ? 1500 : 150;
    const auto url = [&] {
      switch (rng() % 40) {
        case 0: return std::string();
        case 1: return Digits(rng, 1 + rng() % 300);
        case 2: return MakeTemplate(rng);  // a shape of its own
        default: return Instantiate(rng, templates[rng() % templates.size()]);
      }
    };
    std::vector<Step> script(4 + rng() % 3);
    size_t next_id = 0;
    std::vector<std::string> live;
    for (size_t s = 0; s < script.size(); ++s) {
      Step& step = script[s];
      for (size_t i = 0; i < parcels_per_step; ++i) {
        Consignment& parcel = step.parcels.emplace_back();
        parcel.items.emplace_back().description = "cotton shirt";
        parcel.ecommerce.listing_url = url();
      }
      std::vector<std::string> urls;
      for (const Consignment& p : step.parcels) urls.push_back(p.ecommerce.listing_url);
      const size_t adds = s == 0 ? 30 + rng() % 60 : rng() % 12;
      for (size_t i = 0; i < adds; ++i) {
        // Sometimes an id again (a replace).
        std::string id = !live.empty() && rng() % 5 == 0 ? live[rng() % live.size()]
                                                         : "e" + std::to_string(next_id++);
        step.upsert.push_back(Entry(id, MakeTerm(rng, urls), rng));
        live.push_back(id);
      }
      if (s > 0 && !live.empty()) {
        for (size_t i = rng() % 8; i > 0; --i) step.remove.push_back(live[rng() % live.size()]);
      }
    }
    const std::vector<std::string> expected = RunScript(0, script);
    for (const std::string& f : expected) hits_seen += f != "|";
    for (size_t cached : {size_t{1}, size_t{2}, size_t{7}, size_t{4096}}) {
      const uint64_t hits_before = TextCacheTotals()[Index(TextCache::kListingGrams)][Index(CacheResult::kHit)];
      const std::vector<std::string> got = RunScript(cached, script);
      ASSERT_EQ(got.size(), expected.size()) << "round " << round << " cached " << cached;
      size_t parcel = 0;
      for (size_t i = 0; i < got.size(); ++i) {
        if (expected[i] == "|") ++parcel;
        ASSERT_EQ(got[i], expected[i]) << "round " << round << " cached " << cached
                                       << " parcel " << parcel;
      }
      memo_hits += TextCacheTotals()[Index(TextCache::kListingGrams)][Index(CacheResult::kHit)] -
                   hits_before;
    }
    for (const Step& step : script) urls_checked += 2 * step.parcels.size();
  }
  std::printf(
      "listing memo differential: %d rounds, %zu URLs matched per index size, %zu hits, "
      "%llu readings from the memo\n",
      rounds, urls_checked, hits_seen, static_cast<unsigned long long>(memo_hits));
  EXPECT_GT(memo_hits, urls_checked / 10) << "the memo must answer many readings";
}

}  // namespace
}  // namespace placi::core
