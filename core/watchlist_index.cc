// In-memory watchlist: exact normalised keys for parties and contacts, token
// n-grams for terms inside goods text. See watchlist_index.h.
#include "core/watchlist_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "core/normalize.h"

namespace placi::core {
namespace {

// Keys of different kinds live in one map; a one-byte kind prefix keeps
// them apart ("acme" the name is not "acme" the brand).
std::string TypedKey(EntryKind kind, std::string_view key) {
  std::string typed;
  typed.reserve(key.size() + 2);
  typed.push_back(static_cast<char>('a' + static_cast<int>(kind)));
  typed.push_back(':');
  typed.append(key);
  return typed;
}

bool IsTerm(EntryKind kind) {
  return kind == EntryKind::kBrandTerm || kind == EntryKind::kDescriptionTerm;
}

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

// Glued keys share the map with spaced keys under their own prefix.
std::string GluedTypedKey(EntryKind kind, std::string_view glued) {
  std::string typed = TypedKey(kind, glued);
  typed[1] = '~';
  return typed;
}

// Every map key an entry is filed under: its typed key and, for terms, the
// glued form too.
// `key` is WatchlistIndex::KeyOf(entry), computed once by the caller.
std::vector<std::string> IndexKeysOf(const WatchlistEntry& entry, const std::string& key) {
  std::vector<std::string> keys;
  if (key.empty()) return keys;
  keys.push_back(TypedKey(entry.kind, key));
  if (IsTerm(entry.kind)) {
    if (std::string glued = GluedKey(key); !glued.empty()) {
      keys.push_back(GluedTypedKey(entry.kind, glued));
    }
  }
  if (entry.kind == EntryKind::kPartyName) {
    if (std::string glued = GluedNameKey(entry.value); glued.size() >= kMinGluedNameChars) {
      keys.push_back(GluedTypedKey(entry.kind, glued));
    }
  }
  return keys;
}

// Collects hits for one parcel, each entry once.
class HitCollector {
 public:
  HitCollector(const absl::flat_hash_map<std::string, WatchlistEntry>& by_id,
               const absl::flat_hash_map<std::string, std::vector<std::string>>& by_key,
               const NameMatcher& names, const std::vector<std::string>& id_by_name_slot,
               double name_threshold, std::vector<WatchlistHit>* hits)
      : by_id_(by_id), by_key_(by_key), names_(names), id_by_name_slot_(id_by_name_slot),
        name_threshold_(name_threshold), hits_(hits) {}

  // A party name: the exact key first, the words glued in their order
  // (other scripts split syllables differently), then names a few typos away.
  void LookupName(const std::string& name_key, const std::string& glued_name,
                  std::string_view field) {
    if (name_key.empty()) return;
    Lookup(EntryKind::kPartyName, name_key, field);
    if (glued_name.size() >= kMinGluedNameChars) {
      LookupTyped(GluedTypedKey(EntryKind::kPartyName, glued_name), glued_name, field);
    }
    fuzzy_.clear();
    names_.Find(name_key, name_threshold_, &fuzzy_);
    for (const NameMatcher::Match& match : fuzzy_) {
      const std::string& id = id_by_name_slot_[match.name];
      if (!seen_.insert(id).second) continue;
      auto entry = by_id_.find(id);
      if (entry == by_id_.end()) continue;
      hits_->push_back(WatchlistHit{entry->second, std::string(field), names_.KeyOf(match.name),
                                    match.similarity});
    }
  }

  void Lookup(EntryKind kind, const std::string& key, std::string_view field) {
    if (!key.empty()) LookupTyped(TypedKey(kind, key), key, field);
  }

  void LookupTyped(const std::string& typed_key, const std::string& key, std::string_view field) {
    auto it = by_key_.find(typed_key);
    if (it == by_key_.end()) return;
    for (const std::string& id : it->second) {
      if (!seen_.insert(id).second) continue;
      auto entry = by_id_.find(id);
      if (entry == by_id_.end()) continue;
      hits_->push_back(WatchlistHit{entry->second, std::string(field), key});
    }
  }

  // Looks up, as brand and description terms, every run of 1..max_tokens
  // consecutive tokens of goods text, and every run of short fragments glued
  // together (up to max_glued_chars), so that "N1ke", "G.u.c.c.i" and
  // "mirror-quality" are found. "1" is read both as "i" and as "l".
  void LookupTerms(std::string_view text, std::string_view field, size_t max_tokens,
                   size_t max_glued_chars) {
    if (max_tokens == 0 || text.empty()) return;
    std::vector<std::string> tokens = TermTokens(text);
    LookupTermTokens(tokens, field, max_tokens, max_glued_chars);
    if (text.find('1') != std::string_view::npos) {
      std::vector<std::string> with_l = TermTokens(text, /*one_as_l=*/true);
      if (with_l != tokens) LookupTermTokens(with_l, field, max_tokens, max_glued_chars);
    }
  }

 private:
  void LookupTermTokens(const std::vector<std::string>& tokens, std::string_view field,
                        size_t max_tokens, size_t max_glued_chars) {
    std::string gram;
    for (size_t start = 0; start < tokens.size(); ++start) {
      gram.clear();
      for (size_t n = 0; n < max_tokens && start + n < tokens.size(); ++n) {
        if (n > 0) gram.push_back(' ');
        gram += tokens[start + n];
        Lookup(EntryKind::kBrandTerm, gram, field);
        Lookup(EntryKind::kDescriptionTerm, gram, field);
      }
      gram.clear();
      for (size_t end = start; end < tokens.size(); ++end) {
        const bool single = end == start;
        if (!single && (tokens[end].size() > kMaxFragmentChars ||
                        tokens[start].size() > kMaxFragmentChars)) {
          break;
        }
        gram += tokens[end];
        if (gram.size() > max_glued_chars) break;
        if (single) continue;  // one token was looked up above
        LookupTyped(GluedTypedKey(EntryKind::kBrandTerm, gram), gram, field);
        LookupTyped(GluedTypedKey(EntryKind::kDescriptionTerm, gram), gram, field);
      }
      // Two words of any length glued back: "Bal*enciaga", "Chan-el".
      if (start + 1 < tokens.size()) {
        const std::string pair = tokens[start] + tokens[start + 1];
        if (pair.size() > kMaxFragmentChars + 1 && pair.size() <= max_glued_chars) {
          LookupTyped(GluedTypedKey(EntryKind::kBrandTerm, pair), pair, field);
          LookupTyped(GluedTypedKey(EntryKind::kDescriptionTerm, pair), pair, field);
        }
      }
      // A single token may be a multi-word term written as one word.
      if (tokens[start].size() >= kMinGluedChars) {
        LookupTyped(GluedTypedKey(EntryKind::kBrandTerm, tokens[start]), tokens[start], field);
        LookupTyped(GluedTypedKey(EntryKind::kDescriptionTerm, tokens[start]), tokens[start],
                    field);
      }
    }
  }

  const absl::flat_hash_map<std::string, WatchlistEntry>& by_id_;
  const absl::flat_hash_map<std::string, std::vector<std::string>>& by_key_;
  const NameMatcher& names_;
  const std::vector<std::string>& id_by_name_slot_;
  const double name_threshold_;
  std::vector<WatchlistHit>* const hits_;
  absl::flat_hash_set<std::string> seen_;
  std::vector<NameMatcher::Match> fuzzy_;
};

void LookupParty(const Party& party, const std::string& role, HitCollector* hits) {
  hits->LookupName(NameKey(party.name), GluedNameKey(party.name), role + ".name");
  hits->Lookup(EntryKind::kAddress, AddressKey(party.address), role + ".address");
  hits->Lookup(EntryKind::kPhone, PhoneKey(party.phone, party.address.country_code),
               role + ".phone");
  hits->Lookup(EntryKind::kEmail, EmailKey(party.email), role + ".email");
  hits->Lookup(EntryKind::kTaxId, IdKey(party.tax_id), role + ".tax_id");
}

}  // namespace

std::string WatchlistIndex::KeyOf(const WatchlistEntry& entry) {
  switch (entry.kind) {
    case EntryKind::kPartyName:
      return NameKey(entry.value);
    case EntryKind::kAddress:
      return AddressKey(std::string_view(entry.value));
    case EntryKind::kPhone:
      return PhoneKey(entry.value);
    case EntryKind::kEmail:
      return EmailKey(entry.value);
    case EntryKind::kTaxId:
    case EntryKind::kSellerId:
      return IdKey(entry.value);
    case EntryKind::kBrandTerm:
    case EntryKind::kDescriptionTerm:
      return absl::StrJoin(TermTokens(entry.value), " ");
  }
  return "";
}

void WatchlistIndex::Upsert(absl::Span<const WatchlistEntry> entries, uint64_t version) {
  absl::MutexLock lock(&mu_);
  for (const WatchlistEntry& entry : entries) {
    RemoveLocked(entry.id);
    const std::string key = KeyOf(entry);
    for (const std::string& typed : IndexKeysOf(entry, key)) by_key_[typed].push_back(entry.id);
    if (entry.kind == EntryKind::kPartyName && !key.empty()) {
      names_.Add(NewNameSlotLocked(entry.id), key);
    }
    if (IsTerm(entry.kind)) {
      max_term_tokens_ = std::max(max_term_tokens_, TokenCount(key));
      max_glued_chars_ = std::max(max_glued_chars_, GluedKey(key).size());
    }
    by_id_.insert_or_assign(entry.id, entry);
  }
  version_ = version;
}

void WatchlistIndex::Delete(absl::Span<const std::string> ids, uint64_t version) {
  absl::MutexLock lock(&mu_);
  for (const std::string& id : ids) RemoveLocked(id);
  version_ = version;
  // max_term_tokens_ only ever grows: a stale bound costs a few extra
  // lookups, recomputing it would cost a scan of the whole watchlist.
}

uint32_t WatchlistIndex::NewNameSlotLocked(const std::string& id) {
  uint32_t slot;
  if (!free_name_slots_.empty()) {
    slot = free_name_slots_.back();
    free_name_slots_.pop_back();
    id_by_name_slot_[slot] = id;
  } else {
    slot = static_cast<uint32_t>(id_by_name_slot_.size());
    id_by_name_slot_.push_back(id);
  }
  name_slot_by_id_[id] = slot;
  return slot;
}

void WatchlistIndex::RemoveLocked(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  if (auto slot = name_slot_by_id_.find(id); slot != name_slot_by_id_.end()) {
    names_.Remove(slot->second);
    id_by_name_slot_[slot->second].clear();
    free_name_slots_.push_back(slot->second);
    name_slot_by_id_.erase(slot);
  }
  for (const std::string& key : IndexKeysOf(it->second, KeyOf(it->second))) {
    auto ids = by_key_.find(key);
    if (ids == by_key_.end()) continue;
    std::erase(ids->second, id);
    if (ids->second.empty()) by_key_.erase(ids);
  }
  by_id_.erase(it);
}

uint64_t WatchlistIndex::Match(const Consignment& parcel, std::vector<WatchlistHit>* hits,
                               const MatchOptions& options) const {
  absl::ReaderMutexLock lock(&mu_);
  HitCollector collector(by_id_, by_key_, names_, id_by_name_slot_,
                         options.name_similarity_threshold, hits);
  LookupParty(parcel.consignor, "consignor", &collector);
  LookupParty(parcel.consignee, "consignee", &collector);
  collector.Lookup(EntryKind::kSellerId, IdKey(parcel.ecommerce.seller_id), "ecommerce.seller_id");
  collector.LookupName(NameKey(parcel.ecommerce.seller_name),
                       GluedNameKey(parcel.ecommerce.seller_name), "ecommerce.seller_name");
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    collector.LookupTerms(parcel.items[i].description, absl::StrCat("items[", i, "].description"),
                          max_term_tokens_, max_glued_chars_);
  }
  collector.LookupTerms(parcel.ecommerce.listing_url, "ecommerce.listing_url", max_term_tokens_,
                        max_glued_chars_);
  return version_;
}

uint64_t WatchlistIndex::version() const {
  absl::ReaderMutexLock lock(&mu_);
  return version_;
}

size_t WatchlistIndex::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return by_id_.size();
}

}  // namespace placi::core
