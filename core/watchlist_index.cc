// In-memory watchlist: exact normalised keys for parties and contacts, token
// n-grams for terms inside goods text. See watchlist_index.h.
#include "core/watchlist_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
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

// Collects hits for one parcel, each entry once.
class HitCollector {
 public:
  HitCollector(const absl::flat_hash_map<std::string, WatchlistEntry>& by_id,
               const absl::flat_hash_map<std::string, std::vector<std::string>>& by_key,
               std::vector<WatchlistHit>* hits)
      : by_id_(by_id), by_key_(by_key), hits_(hits) {}

  void Lookup(EntryKind kind, const std::string& key, std::string_view field) {
    if (key.empty()) return;
    auto it = by_key_.find(TypedKey(kind, key));
    if (it == by_key_.end()) return;
    for (const std::string& id : it->second) {
      if (!seen_.insert(id).second) continue;
      auto entry = by_id_.find(id);
      if (entry == by_id_.end()) continue;
      hits_->push_back(WatchlistHit{entry->second, std::string(field), key});
    }
  }

  // Every run of 1..max_tokens consecutive tokens of `text` is looked up as
  // a brand term and as a description term.
  void LookupTerms(std::string_view text, std::string_view field, size_t max_tokens) {
    if (max_tokens == 0 || text.empty()) return;
    const std::vector<std::string> tokens = FoldTokens(text);
    std::string gram;
    for (size_t start = 0; start < tokens.size(); ++start) {
      gram.clear();
      for (size_t n = 0; n < max_tokens && start + n < tokens.size(); ++n) {
        if (n > 0) gram.push_back(' ');
        gram += tokens[start + n];
        Lookup(EntryKind::kBrandTerm, gram, field);
        Lookup(EntryKind::kDescriptionTerm, gram, field);
      }
    }
  }

 private:
  const absl::flat_hash_map<std::string, WatchlistEntry>& by_id_;
  const absl::flat_hash_map<std::string, std::vector<std::string>>& by_key_;
  std::vector<WatchlistHit>* const hits_;
  absl::flat_hash_set<std::string> seen_;
};

void LookupParty(const Party& party, const std::string& role, HitCollector* hits) {
  hits->Lookup(EntryKind::kPartyName, NameKey(party.name), role + ".name");
  hits->Lookup(EntryKind::kAddress, AddressKey(party.address), role + ".address");
  hits->Lookup(EntryKind::kPhone, PhoneKey(party.phone), role + ".phone");
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
      return FoldText(entry.value);
  }
  return "";
}

void WatchlistIndex::Upsert(absl::Span<const WatchlistEntry> entries, uint64_t version) {
  absl::MutexLock lock(&mu_);
  for (const WatchlistEntry& entry : entries) {
    RemoveLocked(entry.id);
    const std::string key = KeyOf(entry);
    if (!key.empty()) {
      by_key_[TypedKey(entry.kind, key)].push_back(entry.id);
      if (IsTerm(entry.kind)) max_term_tokens_ = std::max(max_term_tokens_, TokenCount(key));
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

void WatchlistIndex::RemoveLocked(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  const std::string key = KeyOf(it->second);
  if (!key.empty()) {
    auto ids = by_key_.find(TypedKey(it->second.kind, key));
    if (ids != by_key_.end()) {
      std::erase(ids->second, id);
      if (ids->second.empty()) by_key_.erase(ids);
    }
  }
  by_id_.erase(it);
}

uint64_t WatchlistIndex::Match(const Consignment& parcel, std::vector<WatchlistHit>* hits) const {
  absl::ReaderMutexLock lock(&mu_);
  HitCollector collector(by_id_, by_key_, hits);
  LookupParty(parcel.consignor, "consignor", &collector);
  LookupParty(parcel.consignee, "consignee", &collector);
  collector.Lookup(EntryKind::kSellerId, IdKey(parcel.ecommerce.seller_id), "ecommerce.seller_id");
  collector.Lookup(EntryKind::kPartyName, NameKey(parcel.ecommerce.seller_name),
                   "ecommerce.seller_name");
  for (size_t i = 0; i < parcel.items.size(); ++i) {
    collector.LookupTerms(parcel.items[i].description, absl::StrCat("items[", i, "].description"),
                          max_term_tokens_);
  }
  collector.LookupTerms(parcel.ecommerce.listing_url, "ecommerce.listing_url", max_term_tokens_);
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
