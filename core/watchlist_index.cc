// In-memory watchlist: exact normalised keys for parties and contacts, token
// n-grams for terms inside goods text. See watchlist_index.h.
#include "core/watchlist_index.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/byte_blocks.h"
#include "core/copy_short.h"
#include "core/key_hash.h"
#include "core/name_readings.h"
#include "core/normalize.h"
#include "core/recent_keys.h"
#include "core/recent_party_hits.h"
#include "core/seen_lately.h"
#include "core/term_inflections.h"
#include "core/text_cache_stats.h"
#include "core/thread_memo.h"

namespace placi::core {
namespace {

// Keys of different kinds live in one map: the kind and whether the key is
// glued are hashed with it ("acme" the name is not "acme" the brand).
struct IndexKey {
  EntryKind kind;
  bool glued;
  std::string key;
  bool operator==(const IndexKey&) const = default;
};

uint64_t KeyHash(EntryKind kind, bool glued, std::string_view key) {
  return KeyBytesHash(key, static_cast<uint64_t>(kind) * 2 + (glued ? 1 : 0));
}
uint64_t KeyHash(const IndexKey& key) { return KeyHash(key.kind, key.glued, key.key); }

// Terms of both kinds share one map and are hashed without their kind, so
// that a gram of goods text is looked up once for both (seeds apart from
// KeyHash's, though the maps are apart too). Never 0, so that the filter
// and the map (which files 0 as 1) see the same hash.
uint64_t TermHash(bool glued, std::string_view key) {
  const uint64_t hash = KeyBytesHash(key, glued ? 0x7e47 : 0x7e46);
  return hash == 0 ? 1 : hash;
}

bool IsTerm(EntryKind kind) {
  return kind == EntryKind::kBrandTerm || kind == EntryKind::kDescriptionTerm;
}

// The field a hit is reported at ("consignee.phone", "items[2].description"),
// built only for a hit: most lookups find nothing.
struct FieldName {
  std::string_view parent;  // "consignee", "items", "ecommerce"
  std::string_view leaf;    // "phone", "description"
  int item = -1;            // the index into parent, when it is a list
  std::string ToString() const {
    std::string name(parent);
    if (item >= 0) absl::StrAppend(&name, "[", item, "]");
    name.push_back('.');
    name.append(leaf);
    return name;
  }
};

size_t TokenCount(std::string_view key) {
  return key.empty() ? 0 : std::count(key.begin(), key.end(), ' ') + 1;
}

// Fragments of an obfuscated word ("g u c c i", "gu cci") are this short; a
// run of longer tokens is never glued together, so that ordinary words do
// not merge into a brand.
constexpr size_t kMaxFragmentChars = 3;
// A glued key shorter than this would merge innocent fragments too often.
constexpr size_t kMinGluedChars = 4;
// Glued party names shorter than this are left to the token match.
constexpr size_t kMinGluedNameChars = 10;

// The term with its tokens glued together ("mirror quality" →
// "mirrorquality"), or empty when gluing adds nothing or is too short.
std::string GluedKey(std::string_view spaced_key) {
  std::string glued;
  for (char c : spaced_key) {
    if (c != ' ') glued.push_back(c);
  }
  const bool has_letter = std::any_of(glued.begin(), glued.end(), absl::ascii_isalpha);
  if (glued.size() < kMinGluedChars || !has_letter) return "";
  return glued;
}

// Every map key an entry is filed under: its key and, for terms and long
// party names, the glued form too; for a party name in Hangul, Han,
// Arabic, Persian, Hebrew or Thai script, the keys of its Latin readings. `key` is WatchlistIndex::KeyOf(entry),
// computed once by the caller; so is `glued_name`, a party name's GluedNameKey, when not null.
std::vector<IndexKey> IndexKeysOf(EntryKind kind, std::string_view value, std::string key,
                                  const std::string* glued_name = nullptr) {
  std::vector<IndexKey> keys;
  if (key.empty()) return keys;
  if (IsTerm(kind)) {
    // Filed under its plurals and possessives too ("replicas", "copy
    // watches", "rolexs" for "Rolex's"), glued and not: goods text is
    // looked up as it is, so that an inflection costs a parcel nothing.
    for (std::string& form : TermInflections(key)) {
      if (std::string glued = GluedKey(form); !glued.empty()) {
        keys.push_back(IndexKey{kind, true, std::move(glued)});
      }
      keys.push_back(IndexKey{kind, false, std::move(form)});
    }
    if (std::string glued = GluedKey(key); !glued.empty()) {
      keys.push_back(IndexKey{kind, true, std::move(glued)});
    }
  }
  if (kind == EntryKind::kPartyName) {
    if (std::string glued = glued_name != nullptr ? *glued_name : GluedNameKey(value);
        glued.size() >= kMinGluedNameChars) {
      keys.push_back(IndexKey{kind, true, std::move(glued)});
    }
    // A name in Hangul, Han, Arabic, Hebrew or Thai script under its Latin
    // readings too ("김민준" under "kim minjun", "gim min jun", …), so that
    // the name filed in Latin is found by an exact key, costing a parcel
    // nothing (review bb4 M3). Only such entries have readings.
    const bool ascii = std::all_of(value.begin(), value.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
      std::vector<std::string> readings;
      AppendNameReadings(value, /*country_code=*/"", &readings);
      const auto add = [&](bool glued, std::string reading_key) {  // once each
        for (const IndexKey& k : keys) {
          if (k.glued == glued && k.key == reading_key) return;
        }
        if (!glued && reading_key == key) return;
        keys.push_back(IndexKey{kind, glued, std::move(reading_key)});
      };
      for (const std::string& reading : readings) {
        if (std::string glued = GluedNameKey(reading); glued.size() >= kMinGluedNameChars) {
          add(true, std::move(glued));
        }
        if (std::string reading_key = NameKey(reading); !reading_key.empty()) {
          add(false, std::move(reading_key));
        }
      }
    }
  }
  keys.push_back(IndexKey{kind, false, std::move(key)});
  return keys;
}

// One gram of goods text to look up: its bytes in TermScratch::text.
struct Gram {
  uint64_t hash;  // TermHash(glued, bytes), once the grams are listed (0 until then)
  uint32_t begin;
  uint32_t size;
  uint32_t field;  // into TermScratch::fields
  // The tokens of its reading it is made of, first to last (a listing
  // URL's grams are remembered by them: see RecentListings).
  uint32_t first_token;
  uint32_t last_token;
  bool glued;
  bool has_digit;  // one of its tokens has a digit (set for listing URLs only)
  // A probe of BrandTypos (hash is its probe hash, the bytes the word or
  // words as read), looked up there instead of as a term.
  bool typo;
};

// How a text's grams may be remembered from one parcel to the next.
enum class GramMemo : uint8_t {
  kNone,
  kByText,   // a goods description: by the whole text (RecentTexts)
  kByShape,  // a listing URL: by the shape of each reading (RecentListings)
};

// One reading of a listing URL read in full, to be remembered by its shape
// once the filter has said which of its grams pass.
struct ListingReading {
  uint32_t first_gram;
  uint32_t end_gram;
  uint32_t shape_begin;  // into TermScratch::shapes
  uint32_t shape_size;
};

// The grams of one parcel's goods text and the buffers they are read in
// (see HitCollector::CollectTerms).
struct TermScratch {
  std::string folded;            // FoldTermText of one text
  std::string reading;           // the fold with its digits read as letters
  std::string joined;            // a reading rejoined one space apart (see CollectGrams)
  std::vector<Gram> typo_grams;  // one description's BrandTypos probes, until its grams are listed
  std::vector<std::string_view> tokens;
  std::vector<FieldName> fields;
  std::vector<Gram> grams;
  std::string text;  // the bytes of the grams, back to back
  // Descriptions read in full (not from RecentTexts): the field and the
  // text, to be remembered with the grams the filter lets through.
  std::vector<std::pair<uint32_t, std::string_view>> to_remember;
  std::vector<GramMemo> memo_of_field;  // by field: how it is remembered, if read in full
  std::vector<uint32_t> passed;         // grams of to_remember's fields the filter let through
  // The same for listing URLs' readings.
  std::vector<ListingReading> listings_to_remember;
  std::string shapes;                    // their shapes, back to back
  std::string shape;                     // the shape of one reading (ShapeOf)
  std::vector<uint32_t> listing_passed;  // their grams the filter let through

  void Clear() {
    fields.clear();
    grams.clear();
    text.clear();
    to_remember.clear();
    memo_of_field.clear();
    passed.clear();
    listings_to_remember.clear();
    shapes.clear();
    listing_passed.clear();
  }
  std::string_view BytesOf(const Gram& gram) const { return {text.data() + gram.begin, gram.size}; }
};

// This thread's, its room reused call after call (Match and
// MatchDescriptionTerms share it: neither runs inside the other).
TermScratch& ThreadTermScratch() {
  thread_local TermScratch scratch;
  return scratch;
}

// An e-mail entry's key that lists a whole domain ("@shop.example").
bool IsEmailDomainKey(EntryKind kind, std::string_view key) {
  return kind == EntryKind::kEmail && key.size() > 1 && key[0] == '@';
}

// A SELLER_ID entry of one marketplace ("ALIEXPRESS:1102345678").
bool IsPlatformSellerKey(EntryKind kind, std::string_view key) {
  return kind == EntryKind::kSellerId && key.find(':') != std::string_view::npos;
}

uint64_t NextGeneration() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

// The goods descriptions read lately on this thread and, for each, the
// grams that the term filter let through, in their order (usually none):
// the same descriptions come back parcel after parcel (a listing sells to
// many buyers), and listing, hashing and filtering their grams was a tenth
// of judging a parcel. A description found here gives LookupTerms the same
// grams, in the same order, as reading it did, so the same lookups run.
// Emptied when the index changes (its generation: an Upsert adds to the
// filter) and when full. Listing URLs carry an order or item number and
// rarely repeat whole: RecentListings keeps them by their shape.
struct WatchlistIndex::RecentTexts {
  struct KnownGram {
    uint64_t hash;
    uint32_t begin;  // into bytes
    uint32_t size;
    bool glued;
    bool typo;
  };
  struct Entry {
    uint32_t first_gram;
    uint32_t gram_count;
  };

  RecentKeys by_text;  // → into entries
  std::vector<Entry> entries;
  std::vector<KnownGram> grams;
  std::string bytes;

  void Clear() {
    by_text.Clear();
    entries.clear();
    grams.clear();
    bytes.clear();
  }
  const Entry* Find(std::string_view text) const {
    const uint32_t at = by_text.Find(text);
    return at == RecentKeys::kNone ? nullptr : &entries[at];
  }
  // Longer texts are not kept: the key is the whole text, and 4,096 of them
  // at intake's 4,096-byte limit would keep 16 MB a thread.
  static constexpr size_t kMaxTextBytes = 256;

  // Files `text` with the grams of `scratch` at `passed` (indexes into its
  // grams). Keeps at most `max_texts` texts of up to kMaxTextBytes, 8 grams
  // and 256 bytes of them a text on average, emptied when one more would not
  // fit.
  void Add(std::string_view text, const TermScratch& scratch, std::span<const uint32_t> passed,
           size_t max_texts) {
    if (text.size() > kMaxTextBytes) return;
    size_t size = 0;
    for (uint32_t g : passed) size += scratch.grams[g].size;
    const size_t max_grams = 8 * max_texts;
    const size_t max_bytes = 256 * max_texts;
    if (max_texts == 0 || passed.size() > max_grams || size > max_bytes) return;
    if (by_text.size() >= max_texts || grams.size() + passed.size() > max_grams ||
        bytes.size() + size > max_bytes) {
      Clear();
    }
    if (!by_text.Add(text, static_cast<uint32_t>(entries.size()))) {
      return;  // the same text twice in one parcel
    }
    entries.push_back(
        Entry{static_cast<uint32_t>(grams.size()), static_cast<uint32_t>(passed.size())});
    for (uint32_t g : passed) {
      const Gram& gram = scratch.grams[g];
      grams.push_back(KnownGram{gram.hash, static_cast<uint32_t>(bytes.size()), gram.size,
                                gram.glued, gram.typo});
      bytes.append(scratch.BytesOf(gram));
    }
  }
};

// The shapes of the listing URLs read lately on this thread and, for each,
// the grams to look up for a reading of that shape. A listing URL carries
// an item or order number ("https://shop.example.com/item/4410872/usb-c-
// cable"), so the whole URL hardly ever comes back, but its shape does: the
// reading with every digit written as "0". Readings of one shape have the
// same tokens, of the same sizes, where the shape has no digit, and so the
// same grams in the same order; a gram of tokens without digits has the
// same bytes, hash and filter answer in every such reading. An entry keeps,
// in their order, the grams that touch a token with a digit (looked up
// afresh: their bytes differ) and those without that the filter let
// through (usually none), by their tokens; the grams without digits that
// the filter stopped are left out, as LookupTerms would skip them. Listing,
// hashing and filtering every gram of a URL was about a tenth of screening
// a parcel. A shape is filed the second time it is seen: on a stream whose
// listings never come back, filing every URL cost more than the memo
// saved (its lookups missing in a table grown big, and the cache lines it
// took from the rest), where a tag per shape seen lately costs a hash.
// Emptied when the index changes (its generation) and when full.
struct WatchlistIndex::RecentListings {
  struct ShapeGram {
    uint64_t hash;  // TermHash, for a gram without digits; 0: hash it afresh
    // A shape of at most kMaxShapeBytes has fewer tokens than this counts.
    uint16_t first_token;
    uint16_t last_token;
    bool glued;
  };
  struct Entry {
    uint32_t first_gram;
    uint32_t gram_count;
  };

  RecentKeys by_shape;  // → into entries
  std::vector<Entry> entries;
  std::vector<ShapeGram> grams;
  // The shapes seen lately: a shape is filed only when it was.
  SeenLately seen{/*seed=*/0x5ea};

  void Clear() {
    by_shape.Clear();
    entries.clear();
    grams.clear();
  }
  const Entry* Find(std::string_view shape) const {
    const uint32_t at = by_shape.Find(shape);
    return at == RecentKeys::kNone ? nullptr : &entries[at];
  }
  // Longer readings are not kept (the shape is the key; as RecentTexts).
  static constexpr size_t kMaxShapeBytes = 256;

  // Whether `shape` was seen lately; notes it.
  bool SeenBefore(std::string_view shape) { return seen.SeenBefore(shape); }

  // `reading`'s shape: its digits written as "0", over *shape.
  static void ShapeOf(std::string_view reading, std::string* shape) {
    shape->assign(reading);
    for (size_t block = 0; block < shape->size(); block += 16) {
      char copy[16];
      for (uint32_t digits = MaskOfDigits(BlockAt(*shape, block, copy)); digits != 0;
           digits &= digits - 1) {
        (*shape)[block + static_cast<size_t>(__builtin_ctz(digits))] = '0';
      }
    }
  }

  // Files `shape` with the grams of `reading` (a ListingReading of
  // `scratch`) that a reading of that shape must look up: those with a
  // digit, and those without that are in `passed` (sorted indexes into
  // scratch's grams: the grams the filter let through). Keeps at most
  // `max_shapes` shapes and 16 grams a shape on average, emptied when one
  // more would not fit.
  void Add(std::string_view shape, const ListingReading& reading, const TermScratch& scratch,
           std::span<const uint32_t> passed, size_t max_shapes) {
    size_t count = 0;
    size_t p = 0;
    const auto kept = [&](uint32_t g) {
      while (p < passed.size() && passed[p] < g) ++p;
      return scratch.grams[g].has_digit || (p < passed.size() && passed[p] == g);
    };
    for (uint32_t g = reading.first_gram; g < reading.end_gram; ++g) count += kept(g);
    const size_t max_grams = 16 * max_shapes;
    if (max_shapes == 0 || shape.size() > kMaxShapeBytes || count > max_grams) return;
    if (by_shape.size() >= max_shapes || grams.size() + count > max_grams) Clear();
    if (!by_shape.Add(shape, static_cast<uint32_t>(entries.size()))) {
      return;  // the same shape twice in one parcel
    }
    entries.push_back(Entry{static_cast<uint32_t>(grams.size()), static_cast<uint32_t>(count)});
    p = 0;
    for (uint32_t g = reading.first_gram; g < reading.end_gram; ++g) {
      if (!kept(g)) continue;
      const Gram& gram = scratch.grams[g];
      grams.push_back(ShapeGram{gram.has_digit ? 0 : gram.hash,
                                static_cast<uint16_t>(gram.first_token),
                                static_cast<uint16_t>(gram.last_token), gram.glued});
    }
  }
};

// The shipper and seller names read lately for description terms on this
// thread (HitCollector::LookupNameTerms), each with the grams the term filter
// let through (almost always none): a marketplace seller's name comes back
// with every parcel it sells, and folding and listing its grams afresh was
// ~5,400 instructions a parcel, the largest cost of session 14's fixes.
// Emptied with the index's generation, as RecentTexts.
struct WatchlistIndex::RecentNameTexts : WatchlistIndex::RecentTexts {};

WatchlistIndex::Slot::Slot(const WatchlistEntry& entry)
    : id_size_(static_cast<uint32_t>(entry.id.size())),
      value_size_(static_cast<uint32_t>(entry.value.size())),
      source_size_(static_cast<uint32_t>(entry.source.size())),
      note_size_(static_cast<uint32_t>(entry.note.size())),
      points_(entry.points),
      kind_(entry.kind),
      referral_(entry.referral) {
  const size_t size = std::max<size_t>(1, id_size_ + value_size_ + source_size_ + note_size_);
  text_ = std::make_unique_for_overwrite<char[]>(size);
  char* at = text_.get();
  for (const std::string* part : {&entry.id, &entry.value, &entry.source, &entry.note}) {
    std::memcpy(at, part->data(), part->size());
    at += part->size();
  }
}

WatchlistEntry WatchlistIndex::Slot::ToEntry() const {
  const char* at = text_.get();
  auto next = [&](uint32_t size) {
    std::string part(at, size);
    at += size;
    return part;
  };
  WatchlistEntry entry;
  entry.id = next(id_size_);
  entry.value = next(value_size_);
  entry.source = next(source_size_);
  entry.note = next(note_size_);
  entry.kind = kind_;
  entry.referral = referral_;
  entry.points = points_;
  return entry;
}

// Collects hits for one parcel, each entry once. Runs under the index's
// reader lock.
class WatchlistIndex::HitCollector {
 public:
  HitCollector(const WatchlistIndex& index, const MatchOptions& options,
               std::vector<WatchlistHit>* hits, TermScratch* terms, RecentTexts* recent,
               RecentListings* listings, RecentNameTexts* recent_names)
      : index_(index),
        name_threshold_(options.name_similarity_threshold),
        rule_terms_(options.rule_terms),
        hits_(hits),
        terms_(*terms),
        recent_(*recent),
        listings_(*listings),
        recent_names_(*recent_names) {
    terms_.Clear();
  }

  // A party name: the exact key first, the words glued in their order
  // (other scripts split syllables differently), then names a few typos away
  // (`fuzzy` is names_.Prepare of name_key).
  // Then each part of a name written two ways at once (`parts`, see
  // NamePartFormsOf), the same three ways: "Acme Co. (深圳阿克米有限公司)"
  // is found as "Acme Co." and as "深圳阿克米", and the matched value (the
  // part's key) tells which part it was.
  void LookupName(const std::string& name_key, const std::string& glued_name,
                  const NameMatcher::Query& fuzzy, const FieldName& field,
                  const std::vector<NameForms>& parts) ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (name_key.empty()) return;
    LookupNameKeys(name_key, glued_name, field);
    fuzzy_.clear();
    review_.clear();
    index_.names_.Find(fuzzy, name_threshold_, &fuzzy_, &review_);
    HitFuzzy(fuzzy_, field);
    // A name's Latin readings (up to kMaxNameReadings, the usual spellings
    // first) are all looked up by their keys, only the first few fuzzily:
    // the rest are spellings of the same words a letter or two apart.
    constexpr int kFuzzyReadings = 4;
    int fuzzy_readings = 0;
    for (const NameForms& part : parts) {
      if (part.key == name_key) continue;
      LookupNameKeys(part.key, part.glued, field);
      if (part.reading && ++fuzzy_readings > kFuzzyReadings) continue;
      fuzzy_.clear();
      index_.names_.Find(part.key, name_threshold_, &fuzzy_, &review_);
      HitFuzzy(fuzzy_, field);
    }
    // Probable matches last: a name matched for certain by one part is
    // not reported as probable from another.
    HitFuzzy(review_, field, /*review=*/true);
  }

  void LookupNameKeys(const std::string& name_key, const std::string& glued_name,
                      const FieldName& field) ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    Lookup(EntryKind::kPartyName, name_key, field);
    if (glued_name.size() >= kMinGluedNameChars) {
      Lookup(EntryKind::kPartyName, glued_name, field, /*glued=*/true);
    }
  }

  // The names in `matches` not reported yet.
  void HitFuzzy(const std::vector<NameMatcher::Match>& matches, const FieldName& field,
                bool review = false) ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    for (const NameMatcher::Match& match : matches) {
      if (!Seen(match.name)) {
        Hit(match.name, field, index_.names_.KeyOf(match.name), match.similarity);
        hits_->back().review = review;
      }
    }
  }

  // An address: the entries of its key whose units (a flat, a suite, a
  // floor; the key leaves them out) may be those of `address`. "Unit 7, 25
  // Kwai Fung Crescent" is not "Unit 12" of that building, and is "25 Kwai
  // Fung Crescent" without a unit. The units are read only for an entry
  // found by the key (few parcels).
  void LookupAddress(const Address& address, std::string_view key, const FieldName& field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (key.empty()) return;
    std::optional<AddressUnits> parcel_units;
    index_.by_key_.ForEach(KeyHash(EntryKind::kAddress, false, key), [&](uint32_t slot) {
      if (Seen(slot) || !HasKey(slot, EntryKind::kAddress, false, key)) return;
      if (!parcel_units) parcel_units = AddressUnitsOf(address);
      if (!UnitsMayBeOneDoor(AddressUnitsOf(index_.slots_[slot].value()), *parcel_units)) return;
      Hit(slot, field, std::string(key), 1.0);
    });
  }

  void Lookup(EntryKind kind, std::string_view key, const FieldName& field, bool glued = false)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (key.empty()) return;
    index_.by_key_.ForEach(KeyHash(kind, glued, key), [&](uint32_t slot) {
      if (Seen(slot) || !HasKey(slot, kind, glued, key)) return;
      Hit(slot, field, std::string(key), 1.0);
    });
  }

  // Lists, to be looked up as brand and description terms, every run of
  // 1..max_tokens consecutive tokens of goods text, and every run of short
  // fragments glued together (up to max_glued_chars), so that "N1ke",
  // "G.u.c.c.i" and "mirror-quality" are found. "1" is read both as "i" and
  // as "l": the second reading from the same fold, listed only when it
  // differs. The filter's cache lines for them are requested at once:
  // LookupTerms comes after the party lookups, by when they have arrived.
  // A description read lately (`memo` kByText) gives the grams the filter
  // let through then, from RecentTexts; a listing URL (kByShape), each
  // reading's from RecentListings.
  void CollectTerms(std::string_view text, const FieldName& field, GramMemo memo)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (index_.max_term_tokens_ == 0 || text.empty()) return;
    TermScratch& scratch = terms_;
    const uint32_t field_index = static_cast<uint32_t>(scratch.fields.size());
    scratch.fields.push_back(field);
    scratch.memo_of_field.push_back(GramMemo::kNone);
    if (memo == GramMemo::kByText) {
      if (const RecentTexts::Entry* known = recent_.Find(text)) {
        CountTextCacheLookup(TextCache::kDescriptionGrams, CacheResult::kHit);
        for (uint32_t g = known->first_gram; g < known->first_gram + known->gram_count; ++g) {
          const RecentTexts::KnownGram& gram = recent_.grams[g];
          Gram& added = scratch.grams.emplace_back();
          added.hash = gram.hash;
          added.begin = static_cast<uint32_t>(scratch.text.size());
          added.size = gram.size;
          added.field = field_index;
          added.glued = gram.glued;
          added.typo = gram.typo;
          scratch.text.append(recent_.bytes, gram.begin, gram.size);
          if (!gram.typo) index_.term_filter_.Prefetch(gram.hash);
        }
        return;
      }
      const bool kept = index_.cached_texts_ > 0 && text.size() <= RecentTexts::kMaxTextBytes;
      CountTextCacheLookup(TextCache::kDescriptionGrams,
                           kept ? CacheResult::kMiss : CacheResult::kNotCached);
      scratch.to_remember.emplace_back(field_index, text);
      scratch.memo_of_field.back() = GramMemo::kByText;
    }
    if (memo == GramMemo::kByShape) scratch.memo_of_field.back() = GramMemo::kByShape;
    const size_t first_gram = scratch.grams.size();
    scratch.typo_grams.clear();
    // A description is read item by item of a list ("bathroom mirror,
    // quality glass" holds no "mirror quality"); a listing URL whole.
    if (memo == GramMemo::kByShape) {
      ReadPart(text, field_index, memo);
    } else {
      ForEachListItem(text, [&](std::string_view item) { ReadPart(item, field_index, memo); });
    }
    // A description's words misspelling a brand come after every exact
    // gram: a brand written right anywhere in the text is reported as such.
    scratch.grams.insert(scratch.grams.end(), scratch.typo_grams.begin(), scratch.typo_grams.end());
    // Hashed in a pass of their own: hashing each gram as it is written
    // would read bytes still in flight to the cache, a stall per gram.
    // Grams from RecentListings without digits come hashed, typo probes too.
    for (size_t g = first_gram; g < scratch.grams.size(); ++g) {
      Gram& gram = scratch.grams[g];
      if (gram.typo) {
        index_.typos_.Prefetch(gram.hash);
        continue;
      }
      if (gram.hash == 0) gram.hash = TermHash(gram.glued, scratch.BytesOf(gram));
      index_.term_filter_.Prefetch(gram.hash);
    }
  }

  // The grams of one part of goods text (a list item of a description, a
  // whole listing URL), in its readings, and, for a description, the probes
  // for misspelt brands in its first reading ("N1kee" is "nikee").
  void ReadPart(std::string_view text, uint32_t field_index, GramMemo memo)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    TermScratch& scratch = terms_;
    FoldTermText(text, &scratch.folded);
    scratch.reading.assign(scratch.folded);
    ReadDigitsAsLetters(/*one_as_l=*/false, &scratch.reading);
    ReadGrams(scratch.reading, field_index, memo);
    if (memo == GramMemo::kByText) CollectTypoProbes(field_index);
    if (text.find('1') != std::string_view::npos) {
      std::string& with_l = scratch.folded;  // read in place: the fold is not needed after
      ReadDigitsAsLetters(/*one_as_l=*/true, &with_l);
      if (with_l != scratch.reading) ReadGrams(with_l, field_index, memo);
    }
  }

  // BrandTypos' probes of the reading CollectGrams read last (its tokens,
  // views into scratch.text), into scratch.typo_grams.
  void CollectTypoProbes(uint32_t field) ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    TermScratch& scratch = terms_;
    const std::vector<std::string_view>& tokens = scratch.tokens;
    index_.typos_.ForEachProbe(tokens, [&](uint64_t hash, size_t first, size_t last) {
      Gram& gram = scratch.typo_grams.emplace_back();
      gram.hash = hash;
      gram.begin = static_cast<uint32_t>(tokens[first].data() - scratch.text.data());
      gram.size =
          static_cast<uint32_t>(tokens[last].data() + tokens[last].size() - tokens[first].data());
      gram.field = field;
      gram.first_token = static_cast<uint32_t>(first);
      gram.last_token = static_cast<uint32_t>(last);
      gram.glued = false;
      gram.has_digit = false;
      gram.typo = true;
    });
  }

  void ReadGrams(std::string_view reading, uint32_t field, GramMemo memo)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (memo == GramMemo::kByShape) {
      ReadListing(reading, field);
    } else {
      CollectGrams(reading, field);
    }
  }

  // The grams of one reading of a listing URL: from RecentListings when a
  // reading of its shape was read lately, else read in full (CollectGrams)
  // and marked to be remembered once the filter has seen them.
  void ReadListing(std::string_view reading, uint32_t field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    TermScratch& scratch = terms_;
    const bool kept = index_.cached_texts_ > 0 && reading.size() <= RecentListings::kMaxShapeBytes;
    if (!kept) {
      CountTextCacheLookup(TextCache::kListingGrams, CacheResult::kNotCached);
      CollectGrams(reading, field);
      return;
    }
    RecentListings::ShapeOf(reading, &scratch.shape);
    if (!listings_.SeenBefore(scratch.shape)) {
      CountTextCacheLookup(TextCache::kListingGrams, CacheResult::kMiss);
      CollectGrams(reading, field);
      return;
    }
    if (const RecentListings::Entry* known = listings_.Find(scratch.shape)) {
      CountTextCacheLookup(TextCache::kListingGrams, CacheResult::kHit);
      std::vector<std::string_view>& tokens = scratch.tokens;
      tokens.clear();
      AppendWords(reading, &tokens);
      // Each gram as CollectGrams writes it: a run of tokens one space
      // apart, a glued gram without them. The text is sized for all of them
      // first and written through a pointer: an append per token (its
      // capacity check and memcpy call) was a third of reading a listing.
      const std::span<const RecentListings::ShapeGram> shaped_grams(
          listings_.grams.data() + known->first_gram, known->gram_count);
      const auto spaced = [](const RecentListings::ShapeGram& shaped, uint32_t t) {
        return t > shaped.first_token && !shaped.glued;
      };
      size_t bytes = 0;
      for (const RecentListings::ShapeGram& shaped : shaped_grams) {
        for (uint32_t t = shaped.first_token; t <= shaped.last_token; ++t) {
          bytes += tokens[t].size() + (spaced(shaped, t) ? 1 : 0);
        }
      }
      std::string& text = scratch.text;
      size_t begin = text.size();
      text.resize(begin + bytes);
      for (const RecentListings::ShapeGram& shaped : shaped_grams) {
        char* at = text.data() + begin;
        for (uint32_t t = shaped.first_token; t <= shaped.last_token; ++t) {
          if (spaced(shaped, t)) *at++ = ' ';
          CopyShort(tokens[t], at);
          at += tokens[t].size();
        }
        const size_t end = static_cast<size_t>(at - text.data());
        Gram& gram = scratch.grams.emplace_back();
        gram.hash = shaped.hash;
        gram.begin = static_cast<uint32_t>(begin);
        gram.size = static_cast<uint32_t>(end - begin);
        gram.field = field;
        gram.first_token = shaped.first_token;
        gram.last_token = shaped.last_token;
        gram.glued = shaped.glued;
        gram.has_digit = shaped.hash == 0;
        gram.typo = false;
        begin = end;
      }
      return;
    }
    CountTextCacheLookup(TextCache::kListingGrams, CacheResult::kMiss);
    ListingReading& listing = scratch.listings_to_remember.emplace_back();
    listing.first_gram = static_cast<uint32_t>(scratch.grams.size());
    listing.shape_begin = static_cast<uint32_t>(scratch.shapes.size());
    listing.shape_size = static_cast<uint32_t>(scratch.shape.size());
    scratch.shapes.append(scratch.shape);
    CollectGrams(reading, field);
    listing.end_gram = static_cast<uint32_t>(scratch.grams.size());
    // Which grams touch a token with a digit, from a bit per token (those
    // past the 64th count as having one: their grams are looked up afresh,
    // which finds what reading them finds). CollectGrams left the reading's
    // tokens in scratch.tokens.
    uint64_t digits = 0;
    for (size_t t = 0; t < scratch.tokens.size() && t < 64; ++t) {
      for (char c : scratch.tokens[t]) {
        if (static_cast<unsigned>(static_cast<unsigned char>(c) - '0') < 10u) {
          digits |= uint64_t{1} << t;
          break;
        }
      }
    }
    for (uint32_t g = listing.first_gram; g < listing.end_gram; ++g) {
      Gram& gram = scratch.grams[g];
      if (gram.last_token >= 64) {
        gram.has_digit = true;
        continue;
      }
      // Bits first_token to last_token.
      const uint64_t span =
          (~uint64_t{0} >> (63 - gram.last_token)) & ~((uint64_t{1} << gram.first_token) - 1);
      gram.has_digit = (digits & span) != 0;
    }
  }

  // Looks up the grams CollectTerms listed, in their order. Almost every
  // gram is in no term, which the filter tells from one cache line.
  // The descriptions read in full are remembered with the grams the
  // filter let through.
  void LookupTerms() ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    TermScratch& scratch = terms_;
    for (size_t g = 0; g < scratch.grams.size(); ++g) {
      const Gram& gram = scratch.grams[g];
      if (gram.typo) {
        // Remembered only when it finds a misspelt brand: a probe that
        // the filter lets through finds nothing far more often.
        if (index_.typos_.MayContain(gram.hash) &&
            LookupTypo(scratch.BytesOf(gram), gram.hash, scratch.fields[gram.field]) &&
            scratch.memo_of_field[gram.field] == GramMemo::kByText) {
          scratch.passed.push_back(static_cast<uint32_t>(g));
        }
        continue;
      }
      if (!index_.term_filter_.MayContain(gram.hash)) continue;
      switch (scratch.memo_of_field[gram.field]) {
        case GramMemo::kByText:
          scratch.passed.push_back(static_cast<uint32_t>(g));
          break;
        case GramMemo::kByShape:
          scratch.listing_passed.push_back(static_cast<uint32_t>(g));
          break;
        case GramMemo::kNone:
          break;
      }
      LookupBothTerms(scratch.BytesOf(gram), gram.hash, scratch.fields[gram.field], gram.glued);
    }
    // A field's grams are listed together: `passed` is in field order.
    size_t at = 0;
    for (const auto& [field, text] : scratch.to_remember) {
      const size_t begin = at;
      while (at < scratch.passed.size() && scratch.grams[scratch.passed[at]].field == field) ++at;
      recent_.Add(text, scratch,
                  std::span<const uint32_t>(scratch.passed.data() + begin, at - begin),
                  index_.cached_texts_);
    }
    for (const ListingReading& listing : scratch.listings_to_remember) {
      const std::string_view shape =
          std::string_view(scratch.shapes).substr(listing.shape_begin, listing.shape_size);
      listings_.Add(shape, listing, scratch, scratch.listing_passed, index_.cached_texts_);
    }
  }

  // Counterfeit vocabulary in a party's or seller's name ("Top AAA Replica
  // Watches Store", "Replica Watches Trading Co"): the description terms
  // of its grams, read as in a description (list items apart, inflections,
  // obfuscations; not the misspelt-brand probes nor the second reading of
  // "1"). Brand terms are no evidence in a name: a brand's own company
  // bears it. Looked up at once, with the party's other keys, so that a
  // shipper's hits are remembered with them (recent_party_hits.h).
  void LookupNameTerms(std::string_view name, const FieldName& field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (index_.max_term_tokens_ == 0 || name.empty()) return;
    if (const RecentTexts::Entry* known = recent_names_.Find(name)) {
      for (uint32_t g = known->first_gram; g < known->first_gram + known->gram_count; ++g) {
        const RecentTexts::KnownGram& gram = recent_names_.grams[g];
        LookupNameTerm(std::string_view(recent_names_.bytes).substr(gram.begin, gram.size),
                       gram.hash, gram.glued, field);
      }
      return;
    }
    TermScratch& scratch = terms_;
    const size_t first_gram = scratch.grams.size();
    const size_t text_size = scratch.text.size();
    ForEachListItem(name, [&](std::string_view item) {
      FoldTermText(item, &scratch.folded);
      ReadDigitsAsLetters(/*one_as_l=*/false, &scratch.folded);
      CollectGrams(scratch.folded, /*field=*/0);
    });
    for (size_t g = first_gram; g < scratch.grams.size(); ++g) {
      Gram& gram = scratch.grams[g];
      gram.hash = TermHash(gram.glued, scratch.BytesOf(gram));
      index_.term_filter_.Prefetch(gram.hash);
    }
    std::vector<uint32_t>& passed = name_passed_;
    passed.clear();
    for (size_t g = first_gram; g < scratch.grams.size(); ++g) {
      const Gram& gram = scratch.grams[g];
      if (!index_.term_filter_.MayContain(gram.hash)) continue;
      passed.push_back(static_cast<uint32_t>(g));
      LookupNameTerm(scratch.BytesOf(gram), gram.hash, gram.glued, field);
    }
    recent_names_.Add(name, scratch, passed, index_.cached_texts_);
    // The goods text's grams, listed before, are looked up after the
    // parties (LookupTerms): these are done.
    scratch.grams.resize(first_gram);
    scratch.text.resize(text_size);
  }

  // One gram of a name that the term filter let through: the description
  // terms it is.
  void LookupNameTerm(std::string_view bytes, uint64_t hash, bool glued, const FieldName& field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    index_.by_term_.ForEach(hash, [&](uint32_t slot) {
      if (Seen(slot) || index_.slots_[slot].kind() != EntryKind::kDescriptionTerm ||
          !HasKey(slot, EntryKind::kDescriptionTerm, glued, bytes)) {
        return;
      }
      if (OfOtherRuleset(slot)) {
        other_rule_terms_in_name_ = true;
        return;
      }
      Hit(slot, field, std::string(bytes), 1.0);
    });
  }

  // Requests the cache lines where the exact lookups of a party's keys
  // start, so that their misses into the big map overlap; the lookups come
  // after, in their order.
  void PrefetchParty(const NormalizedParty& party) const ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    Prefetch(EntryKind::kPartyName, party.name_key);
    if (party.glued_name.size() >= kMinGluedNameChars) {
      Prefetch(EntryKind::kPartyName, party.glued_name, /*glued=*/true);
    }
    Prefetch(EntryKind::kAddress, party.address_key);
    Prefetch(EntryKind::kPhone, party.phone_key);
    Prefetch(EntryKind::kEmail, party.email_key);
    Prefetch(EntryKind::kTaxId, party.tax_id_key);
  }

  void Prefetch(EntryKind kind, std::string_view key, bool glued = false) const
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (!key.empty()) index_.by_key_.Prefetch(KeyHash(kind, glued, key));
  }

  // `raw` is the party as the parcel gives it, `party` its forms. With
  // `read_name_terms`, the name is read for description terms too (review
  // bb3 M7: "Top AAA Replica Watches Store"): for the shipper, whose hits
  // are remembered (recent_party_hits.h), not for the buyer, whose name is
  // new on most parcels and never a shop's (folding it cost ~4,000
  // instructions a parcel).
  void LookupParty(const Party& raw, const NormalizedParty& party,
                   const NameMatcher::Query& fuzzy_name, const std::vector<NameForms>& name_parts,
                   std::string_view role, bool read_name_terms)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    LookupName(party.name_key, party.glued_name, fuzzy_name, {role, "name"}, name_parts);
    if (read_name_terms) LookupNameTerms(raw.name, {role, "name"});
    LookupAddress(raw.address, party.address_key, {role, "address"});
    Lookup(EntryKind::kPhone, party.phone_key, {role, "phone"});
    // A number without "+" or "00" is completed with the calling code of
    // the party's country; written by a party of another country it is as
    // often the international number without its "+" ("971 4 555 0199"
    // from a shipper in CN): looked up as written too.
    // (A national number with its trunk 0 is no international one: most
    // numbers without "+" stop at the first test.)
    if (const size_t first = raw.phone.find_first_of("+0123456789");
        first != std::string::npos && raw.phone[first] != '+' &&
        (raw.phone[first] != '0' || raw.phone.compare(first, 2, "00") == 0)) {
      const std::string as_written = PhoneKeyAsWritten(raw.phone);
      if (!as_written.empty() && as_written != party.phone_key) {
        Lookup(EntryKind::kPhone, as_written, {role, "phone"});
      }
    }
    Lookup(EntryKind::kEmail, party.email_key, {role, "email"});
    LookupEmailDomain(party.email_key, {role, "email"});
    Lookup(EntryKind::kTaxId, party.tax_id_key, {role, "tax_id"});
  }

  // The domain of an e-mail key, when the watchlist lists domains
  // ("@shop.example": a counterfeit shop changes mailbox more easily than
  // domain, review bb3 L13).
  void LookupEmailDomain(std::string_view email_key, const FieldName& field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (index_.email_domain_entries_ == 0) return;
    const size_t at = email_key.rfind('@');
    if (at == std::string_view::npos || at == 0) return;
    Lookup(EntryKind::kEmail, email_key.substr(at), field);
  }

  // A seller id (the parcel's, or one its listing URL names) as the entries
  // of its marketplace list it ("ALIEXPRESS:1102345678"), when the
  // watchlist has any: ids are issued per marketplace, so the same number
  // on another platform is another seller (review bb4 M1).
  // A parcel that names no platform is of the marketplace its listing URL
  // is on (review bb5 M3: carriers often send the listing, not the
  // platform's name).
  void LookupPlatformSeller(const Ecommerce& ecommerce, std::string_view seller_id_key,
                            const FieldName& field) ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (index_.platform_seller_entries_ == 0 || seller_id_key.empty()) return;
    thread_local std::string key;
    const std::string& platform = ecommerce.platform;
    const bool named = std::any_of(platform.begin(), platform.end(), [](char c) {
      return !absl::ascii_isspace(static_cast<unsigned char>(c));
    });
    SellerPlatformKeyInto(named ? platform : ecommerce.listing_url, &key);
    if (key.empty()) return;
    key.push_back(':');
    key.append(seller_id_key);
    Lookup(EntryKind::kSellerId, key, field);
  }

  // The first party of a parcel: from `recent` when it has the party (its
  // Find said so: `known`), else looked up and, when its forms came from
  // the memo of parties seen lately, filed there. First, so that its hits depend on no other
  // field's (no entry has been reported yet). A party whose name has parts (`name_parts`) is
  // neither found in `recent` nor filed there: the memo tells parties apart by their keys, which do
  // not say where a name's parts begin.
  void LookupFirstParty(const Party& raw, const NormalizedParty& party,
                        const NameMatcher::Query& fuzzy_name,
                        const std::vector<NameForms>& name_parts, std::string_view role,
                        RecentPartyHits* recent, const RecentPartyHits::Entry* known)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (!seen_.empty()) {  // not first after all: its hits would depend on those before
      if (known == nullptr) {
        LookupParty(raw, party, fuzzy_name, name_parts, role, /*read_name_terms=*/true);
        return;
      }
      // Match skipped preparing the fuzzy query of a known party: prepare
      // it now rather than match with whatever the query held before.
      thread_local NameMatcher::Query late_name;
      index_.names_.Prepare(party.name_key, &late_name);
      LookupParty(raw, party, late_name, name_parts, role, /*read_name_terms=*/true);
      return;
    }
    if (known != nullptr) {
      for (uint32_t h = known->first_hit; h < known->first_hit + known->hit_count; ++h) {
        const RecentPartyHits::KnownHit& hit = recent->hit(h);
        if (OfOtherRuleset(hit.slot)) continue;  // filed by another ruleset's judgement
        Hit(hit.slot, std::string(recent->BytesOf(hit.field_begin, hit.field_size)),
            std::string(recent->BytesOf(hit.value_begin, hit.value_size)), hit.similarity);
        hits_->back().review = hit.review;
      }
      return;
    }
    const size_t first = hits_->size();
    other_rule_terms_in_name_ = false;
    LookupParty(raw, party, fuzzy_name, name_parts, role, /*read_name_terms=*/true);
    if (index_.cached_parties_ == 0 || !party.seen_lately() || !name_parts.empty() ||
        other_rule_terms_in_name_ || !recent->MayFile()) {
      return;
    }
    party_hits_.clear();
    for (size_t h = 0; h < seen_.size(); ++h) {  // seen_ was empty: one slot a hit
      const WatchlistHit& hit = (*hits_)[first + h];
      party_hits_.push_back({seen_[h], hit.field, hit.matched_value, hit.similarity, hit.review});
    }
    recent->Add(party_hits_, index_.cached_parties_);
  }

 private:
  bool Seen(uint32_t slot) const {
    return std::find(seen_.begin(), seen_.end(), slot) != seen_.end();
  }

  // A term of a ruleset other than the one judging (SetRuleTerms): never
  // reported. Asked for term slots found by their key only (rare).
  bool OfOtherRuleset(uint32_t slot) const ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    if (index_.ruleset_of_slot_.empty()) return false;
    const auto it = index_.ruleset_of_slot_.find(slot);
    return it != index_.ruleset_of_slot_.end() && it->second != rule_terms_;
  }

  // The map is keyed by hashes: a hit counts only when the entry really
  // has the key (rare work, done for hits only).
  bool HasKey(uint32_t slot, EntryKind kind, bool glued, std::string_view key) const
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    const Slot& entry = index_.slots_[slot];
    if (entry.kind() != kind) return false;
    WatchlistEntry probe;
    probe.kind = kind;
    probe.value = std::string(entry.value());
    for (const IndexKey& k : IndexKeysOf(kind, entry.value(), KeyOf(probe))) {
      if (k.glued == glued && k.key == key) return true;
    }
    return false;
  }

  void Hit(uint32_t slot, const FieldName& field, std::string matched_value, double similarity)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    Hit(slot, field.ToString(), std::move(matched_value), similarity);
    hits_->back().item = field.item;  // only goods items are a list
  }
  void Hit(uint32_t slot, std::string field, std::string matched_value, double similarity)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    seen_.push_back(slot);
    hits_->push_back(WatchlistHit{index_.slots_[slot].ToEntry(), std::move(field),
                                  std::move(matched_value), similarity});
  }

  // The brand terms that `text` (a word or two of goods text) misspells,
  // among those filed under `hash` by BrandTypos; each is reported once.
  // Returns whether any is misspelt there, reported now or before.
  bool LookupTypo(std::string_view text, uint64_t hash, const FieldName& field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    bool found = false;
    index_.typos_.ForEachSlot(hash, [&](uint32_t slot) {
      const Slot& entry = index_.slots_[slot];
      if (entry.kind() != EntryKind::kBrandTerm) return;
      WatchlistEntry probe;
      probe.kind = entry.kind();
      probe.value = std::string(entry.value());
      if (!BrandTypos::IsTypoOf(text, KeyOf(probe)) || OfOtherRuleset(slot)) return;
      found = true;
      if (Seen(slot)) return;
      Hit(slot, field, std::string(text), 1.0);
      hits_->back().misspelt = true;
    });
    return found;
  }

  // One gram as a brand and as a description term; `hash` is its TermHash
  // and in the filter. Brands are reported before descriptions, as when
  // each kind had its own lookup.
  void LookupBothTerms(std::string_view gram, uint64_t hash, const FieldName& field, bool glued)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    descriptions_.clear();
    index_.by_term_.ForEach(hash, [&](uint32_t slot) {
      if (Seen(slot)) return;
      const EntryKind kind = index_.slots_[slot].kind();
      if (!IsTerm(kind) || !HasKey(slot, kind, glued, gram) || OfOtherRuleset(slot)) return;
      if (kind == EntryKind::kBrandTerm) {
        Hit(slot, field, std::string(gram), 1.0);
      } else {
        descriptions_.push_back(slot);
      }
    });
    for (uint32_t slot : descriptions_) {
      if (!Seen(slot)) Hit(slot, field, std::string(gram), 1.0);
    }
  }

  // Appends to terms_.grams, their bytes to terms_.text, what is looked up
  // for one reading of goods text (tokens apart by one space): from each
  // token on, the runs of up to max_term_tokens_ tokens; the runs of short
  // fragments glued; two words of any length glued ("Bal*enciaga",
  // "Chan-el"); and the token itself as a glued term (a multi-word term
  // written as one word).
  void CollectGrams(std::string_view reading, uint32_t field)
      ABSL_SHARED_LOCKS_REQUIRED(index_.mu_) {
    TermScratch* scratch = &terms_;
    std::string& text = scratch->text;
    const size_t max_tokens = index_.max_term_tokens_;
    const size_t max_glued_chars = index_.max_glued_chars_;
    // The reading is copied once: a run of tokens and a token read as a
    // glued term are views into that copy, only glued runs are written
    // (copying each run was a string append, a memcpy call, per gram).
    // Room for the most a reading's glued runs may add is made first, so
    // that the tokens' views into `text` stay valid: per token at most
    // max_glued_chars of fragments and as many for the pair.
    std::vector<std::string_view>& tokens = scratch->tokens;
    tokens.clear();
    AppendWords(reading, &tokens);
    // A run of tokens is a view only where they are one space apart, as
    // folding leaves them; anything else is rejoined so first.
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      if (tokens[i + 1].data() != tokens[i].data() + tokens[i].size() + 1) {
        scratch->joined.clear();
        for (std::string_view token : tokens) {
          if (!scratch->joined.empty()) scratch->joined.push_back(' ');
          scratch->joined.append(token);
        }
        reading = scratch->joined;
        tokens.clear();
        AppendWords(reading, &tokens);
        break;
      }
    }
    const size_t reading_at = text.size();
    text.reserve(reading_at + reading.size() + tokens.size() * 2 * max_glued_chars);
    text.append(reading);
    for (std::string_view& token : tokens) {
      token = std::string_view(text.data() + reading_at + (token.data() - reading.data()),
                               token.size());
    }
    const auto offset = [&](std::string_view token) {
      return static_cast<size_t>(token.data() - text.data());
    };
    // The gram of tokens `start` to `last` (glued or not) at `begin`.
    const auto add = [&](size_t begin, size_t size, bool glued, size_t start, size_t last) {
      // Written field by field in place: a Gram built on the stack and
      // copied is read back wider than it was written, a stall each.
      Gram& gram = scratch->grams.emplace_back();
      gram.hash = 0;
      gram.begin = static_cast<uint32_t>(begin);
      gram.size = static_cast<uint32_t>(size);
      gram.field = field;
      gram.first_token = static_cast<uint32_t>(start);
      gram.last_token = static_cast<uint32_t>(last);
      gram.glued = glued;
      gram.has_digit = false;
      gram.typo = false;
    };
    for (size_t start = 0; start < tokens.size(); ++start) {
      const size_t first = offset(tokens[start]);
      for (size_t n = 0; n < max_tokens && start + n < tokens.size(); ++n) {
        add(first, offset(tokens[start + n]) + tokens[start + n].size() - first,
            /*glued=*/false, start, start + n);
      }
      // Fragments glued: only a run of tokens of at most kMaxFragmentChars
      // each, up to max_glued_chars in all, of two tokens or more.
      if (tokens[start].size() <= kMaxFragmentChars && tokens[start].size() <= max_glued_chars) {
        size_t begin = text.size();
        for (size_t end = start + 1; end < tokens.size(); ++end) {
          if (tokens[end].size() > kMaxFragmentChars) break;
          if (end == start + 1) text.append(tokens[start]);
          if (text.size() - begin + tokens[end].size() > max_glued_chars) break;
          text.append(tokens[end]);
          add(begin, text.size() - begin, /*glued=*/true, start, end);
        }
      }
      if (start + 1 < tokens.size()) {
        const size_t size = tokens[start].size() + tokens[start + 1].size();
        if (size > kMaxFragmentChars + 1 && size <= max_glued_chars) {
          const size_t begin = text.size();
          text.append(tokens[start]);
          text.append(tokens[start + 1]);
          add(begin, size, /*glued=*/true, start, start + 1);
        }
      }
      if (tokens[start].size() >= kMinGluedChars) {
        add(first, tokens[start].size(), /*glued=*/true, start, start);
      }
    }
  }

  const WatchlistIndex& index_;
  const double name_threshold_;
  const uint64_t rule_terms_;  // MatchOptions::rule_terms
  // A term of another ruleset than rule_terms_ was found in the first
  // party's name: its hits are not filed (RecentPartyHits), for a judgement
  // by that ruleset would replay them without it.
  bool other_rule_terms_in_name_ = false;
  std::vector<WatchlistHit>* const hits_;
  std::vector<uint32_t> seen_;  // a handful per parcel
  std::vector<NameMatcher::Match> fuzzy_;
  std::vector<NameMatcher::Match> review_;           // probable names (WatchlistHit::review)
  std::vector<uint32_t> descriptions_;               // description-term hits of one gram
  std::vector<RecentPartyHits::NewHit> party_hits_;  // the first party's, to file
  TermScratch& terms_;                 // the parcel's grams (per thread: stops allocating)
  RecentTexts& recent_;                // this thread's, of this generation
  RecentListings& listings_;           // this thread's, of this generation
  RecentNameTexts& recent_names_;      // this thread's, of this generation
  std::vector<uint32_t> name_passed_;  // one name's grams the filter let through
};

std::string WatchlistIndex::KeyOf(const WatchlistEntry& entry) {
  switch (entry.kind) {
    case EntryKind::kPartyName:
      return NameKey(entry.value);
    case EntryKind::kAddress:
      return AddressKey(std::string_view(entry.value));
    case EntryKind::kPhone:
      return PhoneKey(entry.value);
    case EntryKind::kEmail: {
      // "*@shop.example" lists the domain, as "@shop.example" does.
      std::string key = EmailKey(entry.value);
      if (key.starts_with("*@")) key.erase(0, 1);
      return key;
    }
    case EntryKind::kTaxId:
      return TaxIdKey(entry.value);
    case EntryKind::kSellerId:
      return SellerIdEntryKey(entry.value);
    case EntryKind::kBrandTerm:
    case EntryKind::kDescriptionTerm:
      return absl::StrJoin(TermTokens(entry.value), " ");
  }
  return "";
}

namespace {

WatchlistIndex::EntryKeys FiledKeysOf(EntryKind kind, std::string_view value, std::string key,
                                      const std::string* glued_name) {
  WatchlistIndex::EntryKeys out;
  out.key = key;
  for (const IndexKey& k : IndexKeysOf(kind, value, std::move(key), glued_name)) {
    if (IsTerm(k.kind)) {
      out.filed.push_back({TermHash(k.glued, k.key),
                           static_cast<uint32_t>(k.glued ? k.key.size() : 0), true});
    } else {
      out.filed.push_back({KeyHash(k), 0, false});
    }
  }
  return out;
}

}  // namespace

WatchlistIndex::EntryKeys WatchlistIndex::KeysOf(const WatchlistEntry& entry) {
  if (entry.kind != EntryKind::kPartyName) return KeysOf(entry, KeyOf(entry));
  // NameKey and GluedNameKey each folded the name; NameFormsOf folds it once
  // for both (a tenth of a 1M-entry start went into the second fold).
  NameForms forms = NameFormsOf(entry.value);
  return FiledKeysOf(entry.kind, entry.value, std::move(forms.key), &forms.glued);
}

WatchlistIndex::EntryKeys WatchlistIndex::KeysOf(const WatchlistEntry& entry, std::string key) {
  return FiledKeysOf(entry.kind, entry.value, std::move(key), nullptr);
}

WatchlistIndex::WatchlistIndex(Options options)
    : cached_texts_(options.cached_texts),
      cached_parties_(options.cached_parties),
      generation_(NextGeneration()),
      names_(options.names) {}

uint32_t WatchlistIndex::IdHash(std::string_view id) {
  return static_cast<uint32_t>(KeyBytesHash(id, /*seed=*/0x1d) >> 32);
}

uint32_t WatchlistIndex::FindSlotLocked(std::string_view id, uint32_t id_hash) const {
  uint32_t found = kNoSlot;
  by_id_.ForEach(id_hash, [&](uint32_t slot) {
    if (slots_[slot].id() == id) found = slot;
  });
  return found;
}

void WatchlistIndex::Upsert(absl::Span<const WatchlistEntry> entries, uint64_t version) {
  Upsert(entries, absl::Span<const std::string>(), version);
}

void WatchlistIndex::Upsert(absl::Span<const WatchlistEntry> entries,
                            absl::Span<const std::string> keys, uint64_t version) {
  // Every map key of every entry before the lock (see EntryKeys).
  std::vector<EntryKeys> computed(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    computed[i] = keys.empty() ? KeysOf(entries[i]) : KeysOf(entries[i], keys[i]);
  }
  Upsert(entries, absl::Span<const EntryKeys>(computed), version);
}

void WatchlistIndex::Upsert(absl::Span<const WatchlistEntry> entries,
                            absl::Span<const EntryKeys> keys, uint64_t version) {
  // What needs no index state comes before the lock: the keys (given), the
  // id hashes, and the hash of each main key, by which the loop requests the
  // map slots of an entry a few ahead. The maps are far bigger than the
  // cache: without that, every insert waits for memory in turn.
  std::vector<uint32_t> id_hashes(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) id_hashes[i] = IdHash(entries[i].id);
  constexpr size_t kAhead = 8;  // entries between a slot's request and its use
  absl::MutexLock lock(&mu_);
  generation_ = NextGeneration();
  for (size_t i = 0; i < entries.size(); ++i) {
    if (const size_t ahead = i + kAhead; ahead < entries.size()) {
      by_id_.PrefetchForInsert(id_hashes[ahead]);
      if (!keys[ahead].filed.empty()) {
        const EntryKeys::Filed& main = keys[ahead].filed.back();
        (main.term ? by_term_ : by_key_).PrefetchForInsert(main.hash);
      }
    }
    const WatchlistEntry& entry = entries[i];
    const uint32_t id_hash = id_hashes[i];
    RemoveLocked(entry.id, id_hash);
    by_id_.Insert(id_hash, AddSlotLocked(entry, keys[i]));
  }
  version_ = version;
}

uint32_t WatchlistIndex::AddSlotLocked(const WatchlistEntry& entry, const EntryKeys& keys) {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = Slot(entry);
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back(entry);
  }
  const std::string& key = keys.key;
  if (entry.kind == EntryKind::kPartyName && !key.empty()) names_.Add(slot, key);
  if (entry.kind == EntryKind::kBrandTerm) typos_.Add(slot, key);
  if (IsTerm(entry.kind)) max_term_tokens_ = std::max(max_term_tokens_, TokenCount(key));
  if (IsEmailDomainKey(entry.kind, key)) ++email_domain_entries_;
  if (IsPlatformSellerKey(entry.kind, key)) ++platform_seller_entries_;
  for (const EntryKeys::Filed& filed : keys.filed) {
    if (filed.term) {
      max_glued_chars_ = std::max<size_t>(max_glued_chars_, filed.glued_chars);
      InsertTermKey(filed.hash, slot);
    } else {
      by_key_.Insert(filed.hash, slot);
    }
  }
  return slot;
}

uint64_t WatchlistIndex::NewRuleTermSet() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

void WatchlistIndex::SetRuleTerms(uint64_t ruleset, absl::Span<const WatchlistEntry> entries) {
  std::vector<EntryKeys> keys;
  keys.reserve(entries.size());
  for (const WatchlistEntry& entry : entries) keys.push_back(KeysOf(entry));
  absl::MutexLock lock(&mu_);
  // The same terms again (a reload that left them): nothing changes, and
  // the threads' memos stay valid.
  std::vector<const WatchlistEntry*> kept;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (IsTerm(entries[i].kind) && !keys[i].key.empty()) kept.push_back(&entries[i]);
  }
  if (kept.empty()) {
    RemoveRuleTermsLocked(ruleset);
    return;
  }
  std::vector<uint32_t>& slots = rule_slots_[ruleset];
  if (kept.size() == slots.size() &&
      std::equal(kept.begin(), kept.end(), slots.begin(),
                 [&](const WatchlistEntry* entry, uint32_t slot) {
                   const WatchlistEntry held = slots_[slot].ToEntry();
                   return held.id == entry->id && held.kind == entry->kind &&
                          held.value == entry->value && held.points == entry->points &&
                          held.referral == entry->referral && held.source == entry->source;
                 })) {
    return;
  }
  generation_ = NextGeneration();
  for (uint32_t slot : slots) {
    ruleset_of_slot_.erase(slot);
    EraseSlotLocked(slot);
  }
  slots.clear();
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!IsTerm(entries[i].kind) || keys[i].key.empty()) continue;
    const uint32_t slot = AddSlotLocked(entries[i], keys[i]);
    slots.push_back(slot);
    ruleset_of_slot_[slot] = ruleset;
  }
}

void WatchlistIndex::RemoveRuleTerms(uint64_t ruleset) {
  absl::MutexLock lock(&mu_);
  RemoveRuleTermsLocked(ruleset);
}

void WatchlistIndex::RemoveRuleTermsLocked(uint64_t ruleset) {
  auto it = rule_slots_.find(ruleset);
  if (it == rule_slots_.end()) return;  // none: the memos stay valid
  generation_ = NextGeneration();
  for (uint32_t slot : it->second) {
    ruleset_of_slot_.erase(slot);
    EraseSlotLocked(slot);
  }
  rule_slots_.erase(it);
}

void WatchlistIndex::InsertTermKey(uint64_t hash, uint32_t slot) {
  by_term_.Insert(hash, slot);
  if (term_filter_.keys() < term_filter_.capacity()) {
    term_filter_.Add(hash);
    return;
  }
  // Full (counting keys removed since, which it cannot forget): rebuilt
  // from the map with room for half as many again, so that a rebuild, a
  // scan of by_term_, comes once per that many inserts.
  term_filter_.Reset(by_term_.size() + by_term_.size() / 2);
  by_term_.ForEachPair([&](uint64_t key, uint32_t) { term_filter_.Add(key); });
}

void WatchlistIndex::Delete(absl::Span<const std::string> ids, uint64_t version) {
  absl::MutexLock lock(&mu_);
  generation_ = NextGeneration();
  for (const std::string& id : ids) RemoveLocked(id, IdHash(id));
  version_ = version;
  // max_term_tokens_ only ever grows: a stale bound costs a few extra
  // lookups, recomputing it would cost a scan of the whole watchlist.
}

void WatchlistIndex::RemoveLocked(std::string_view id, uint32_t id_hash) {
  const uint32_t slot = FindSlotLocked(id, id_hash);
  if (slot == kNoSlot) return;
  by_id_.Erase(id_hash, slot);
  EraseSlotLocked(slot);
}

void WatchlistIndex::EraseSlotLocked(uint32_t slot) {
  Slot& entry = slots_[slot];
  if (entry.kind() == EntryKind::kPartyName) names_.Remove(slot);
  WatchlistEntry probe;
  probe.kind = entry.kind();
  probe.value = std::string(entry.value());
  std::string key = KeyOf(probe);
  if (entry.kind() == EntryKind::kBrandTerm) typos_.Remove(slot, key);
  if (IsEmailDomainKey(entry.kind(), key)) --email_domain_entries_;
  if (IsPlatformSellerKey(entry.kind(), key)) --platform_seller_entries_;
  for (const IndexKey& k : IndexKeysOf(entry.kind(), entry.value(), std::move(key))) {
    // The filter keeps the term's hash until its next rebuild: a stale bit
    // costs a lookup that finds nothing.
    if (IsTerm(k.kind)) {
      by_term_.Erase(TermHash(k.glued, k.key), slot);
    } else {
      by_key_.Erase(KeyHash(k), slot);
    }
  }
  entry = Slot();
  free_slots_.push_back(slot);
}

uint64_t WatchlistIndex::Match(const Consignment& parcel, std::vector<WatchlistHit>* hits,
                               const MatchOptions& options) const {
  return Match(parcel, NormalizeParcel(parcel), hits, options);
}

uint64_t WatchlistIndex::Match(const Consignment& parcel, const NormalizedParcel& normalized,
                               std::vector<WatchlistHit>* hits, const MatchOptions& options) const {
  absl::ReaderMutexLock lock(&mu_);
  HitCollector collector(
      *this, options, hits, &ThreadTermScratch(), &ThreadMemo<RecentTexts>(generation_),
      &ThreadMemo<RecentListings>(generation_), &ThreadMemo<RecentNameTexts>(generation_));
  // A shipper that came lately: what its lookups found then.
  RecentPartyHits& recent_parties = ThreadMemo<RecentPartyHits>(generation_);
  // Names written two ways at once, part by part (almost every name is one
  // part, told in one pass over its bytes).
  thread_local std::vector<NameForms> consignor_parts, consignee_parts, seller_parts;
  // Names in Hangul, Han, Arabic, Hebrew or Thai script are looked up by
  // their Latin readings too, Han ones read as the party's country reads
  // them (the seller's: the country the parcel leaves).
  NamePartFormsOf(parcel.consignor.name, &consignor_parts, parcel.consignor.address.country_code);
  NamePartFormsOf(parcel.consignee.name, &consignee_parts, parcel.consignee.address.country_code);
  NamePartFormsOf(parcel.ecommerce.seller_name, &seller_parts, parcel.route.origin_country_code);
  const RecentPartyHits::Entry* known_consignor = nullptr;
  if (cached_parties_ > 0 && normalized.consignor.seen_lately() && consignor_parts.empty()) {
    known_consignor = recent_parties.Find(normalized.consignor, options.name_similarity_threshold);
    CountTextCacheLookup(TextCache::kPartyHits, known_consignor != nullptr ? CacheResult::kHit
                                                : recent_parties.MayFile()
                                                    ? CacheResult::kMiss
                                                    : CacheResult::kNotCached);
  }
  // Every lookup below waits on memory: what each will read first is
  // requested here, before any waits, so that the misses overlap. Hits
  // still come in the order of the lookups.
  if (known_consignor == nullptr) collector.PrefetchParty(normalized.consignor);
  collector.PrefetchParty(normalized.consignee);
  collector.Prefetch(EntryKind::kSellerId, normalized.seller_id_key);
  collector.Prefetch(EntryKind::kPartyName, normalized.seller_name_key);
  thread_local NameMatcher::Query consignor_name, consignee_name, seller_name;
  if (known_consignor == nullptr) names_.Prepare(normalized.consignor.name_key, &consignor_name);
  names_.Prepare(normalized.consignee.name_key, &consignee_name);
  names_.Prepare(normalized.seller_name_key, &seller_name);
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    // A description repeated in the parcel has the hits of its first item.
    if (normalized.first_same_description[i] != i) continue;
    collector.CollectTerms(parcel.items[i].description,
                           {"items", "description", static_cast<int>(i)}, GramMemo::kByText);
  }
  // "?q=mirror%20quality%20watch%201%3A1" is read as its words. Decoded
  // once: the terms and the seller ids below read the same text.
  thread_local std::string decoded_listing;
  const std::string_view listing = PercentDecoded(parcel.ecommerce.listing_url, &decoded_listing);
  collector.CollectTerms(listing, {"ecommerce", "listing_url"}, GramMemo::kByShape);

  collector.LookupFirstParty(parcel.consignor, normalized.consignor, consignor_name,
                             consignor_parts, "consignor", &recent_parties, known_consignor);
  collector.LookupParty(parcel.consignee, normalized.consignee, consignee_name, consignee_parts,
                        "consignee", /*read_name_terms=*/false);
  collector.Lookup(EntryKind::kSellerId, normalized.seller_id_key, {"ecommerce", "seller_id"});
  collector.LookupPlatformSeller(parcel.ecommerce, normalized.seller_id_key,
                                 {"ecommerce", "seller_id"});
  // A listing URL names its seller too ("/sp?seller=…", "/store/…").
  if (!listing.empty()) {
    thread_local std::vector<std::string> listing_sellers;
    ListingSellerIdKeys(listing, &listing_sellers);
    for (const std::string& seller : listing_sellers) {
      collector.Lookup(EntryKind::kSellerId, seller, {"ecommerce", "listing_url"});
      collector.LookupPlatformSeller(parcel.ecommerce, seller,
                                     {"ecommerce", "listing_url"});
    }
  }
  collector.LookupName(normalized.seller_name_key, normalized.seller_glued_name, seller_name,
                       {"ecommerce", "seller_name"}, seller_parts);
  collector.LookupNameTerms(parcel.ecommerce.seller_name, {"ecommerce", "seller_name"});
  collector.LookupTerms();
  return version_;
}

uint64_t WatchlistIndex::MatchDescriptionTerms(std::string_view description, int item,
                                               std::vector<WatchlistHit>* hits,
                                               const MatchOptions& options) const {
  absl::ReaderMutexLock lock(&mu_);
  HitCollector collector(
      *this, options, hits, &ThreadTermScratch(), &ThreadMemo<RecentTexts>(generation_),
      &ThreadMemo<RecentListings>(generation_), &ThreadMemo<RecentNameTexts>(generation_));
  collector.CollectTerms(description, {"items", "description", item}, GramMemo::kByText);
  collector.LookupTerms();
  return version_;
}

uint64_t WatchlistIndex::version() const {
  absl::ReaderMutexLock lock(&mu_);
  return version_;
}

std::vector<bool> WatchlistIndex::Contains(absl::Span<const std::string_view> ids) const {
  absl::ReaderMutexLock lock(&mu_);
  std::vector<bool> found(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    found[i] = FindSlotLocked(ids[i], IdHash(ids[i])) != kNoSlot;
  }
  return found;
}

size_t WatchlistIndex::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return by_id_.size();  // one pair per live entry
}

}  // namespace placi::core
