// The per-thread memo of parties' normalised forms. See recent_parties.h.
#include "core/recent_parties.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/key_hash.h"
#include "core/text_cache_stats.h"

namespace placi::core {
namespace {

// The forms of a party (a NormalizedParty, const or not) in the order an
// Entry keeps their sizes.
template <typename Forms>
auto FormsIn(Forms* party) {
  return std::array{&party->folded_name, &party->name_key,  &party->glued_name,
                    &party->address_key, &party->phone_key, &party->email_key,
                    &party->tax_id_key};
}

// The fields besides the name that a party's forms are made from.
std::array<const std::string*, 7> FieldsOf(const Party& party) {
  return {&party.address.street,       &party.address.postal_code, &party.address.city,
          &party.address.country_code, &party.phone,               &party.email,
          &party.tax_id};
}

}  // namespace

RecentParties::RecentParties(size_t max_parties) : max_parties_(max_parties) {}

RecentParties& RecentParties::ForThisThread() {
  thread_local RecentParties recent(kDefaultParties);
  return recent;
}

uint32_t RecentParties::NextFill() {
  // From 1: a memo_id of 0 means "not from the memo". 2^32 fills, each of
  // up to kDefaultParties parties, outlast any process.
  static std::atomic<uint32_t> fills{0};
  return fills.fetch_add(1, std::memory_order_relaxed) + 1;
}

void RecentParties::FormsOf(const Party& party, NormalizedParty* out, Normalize normalize) {
  out->memo_id = 0;
  if (max_parties_ == 0) {
    normalize(party, out);
    CountTextCacheLookup(TextCache::kPartyForms, CacheResult::kNotCached);
    return;
  }
  const uint32_t first = by_name_.Find(party.name);
  int same_name = 0;
  for (uint32_t at = first; at != kNone; at = entries_[at].next, ++same_name) {
    const Entry& entry = entries_[at];
    if (!SameFields(entry, party)) continue;
    const char* bytes = forms_.data() + entry.forms_offset;
    const auto forms = FormsIn(out);
    for (int f = 0; f < kForms; ++f) {
      forms[f]->assign(bytes, entry.form_sizes[f]);
      bytes += entry.form_sizes[f];
    }
    out->memo_id = uint64_t{fill_} << 32 | at;
    CountTextCacheLookup(TextCache::kPartyForms, CacheResult::kHit);
    return;
  }
  normalize(party, out);
  CacheResult result = CacheResult::kMiss;
  if (same_name >= kMaxSameName || FieldBytes(party) > kMaxPartyBytes) {
    result = CacheResult::kNotCached;
  } else if (seen_.SeenBefore(party.name) && !Add(party, *out, first)) {
    result = CacheResult::kNotCached;
  }
  CountTextCacheLookup(TextCache::kPartyForms, result);
}

size_t RecentParties::FieldBytes(const Party& party) {
  size_t size = party.name.size();
  for (const std::string* field : FieldsOf(party)) size += 2 + field->size();
  return size;
}

bool RecentParties::SameFields(const Entry& entry, const Party& party) const {
  // Each field as filed: its size (2 bytes) and its bytes.
  const char* filed = fields_.data() + entry.fields_offset;
  const char* const end = filed + entry.fields_size;
  for (const std::string* field : FieldsOf(party)) {
    if (end - filed < 2) return false;
    const size_t size = static_cast<unsigned char>(filed[0]) |
                        static_cast<size_t>(static_cast<unsigned char>(filed[1])) << 8;
    if (size != field->size() || static_cast<size_t>(end - filed - 2) < size ||
        std::memcmp(filed + 2, field->data(), size) != 0) {
      return false;
    }
    filed += 2 + size;
  }
  return filed == end;
}


bool RecentParties::Add(const Party& party, const NormalizedParty& forms, uint32_t same_name) {
  const size_t fields_size = FieldBytes(party) - party.name.size();
  const auto strings = FormsIn(&forms);
  size_t forms_size = 0;
  for (const std::string* form : strings) forms_size += form->size();
  // Forms may come out longer than the fields ("st" → "street"), but on
  // average they are shorter.
  const size_t max_forms_bytes = kMaxPartyBytes * max_parties_;
  if (forms_size > max_forms_bytes) return false;
  if (entries_.size() >= max_parties_ || forms_.size() + forms_size > max_forms_bytes) {
    Clear();
    same_name = kNone;
  }
  const uint32_t at = static_cast<uint32_t>(entries_.size());
  Entry entry{static_cast<uint32_t>(fields_.size()), static_cast<uint32_t>(fields_size),
              static_cast<uint32_t>(forms_.size()), {}, kNone};
  for (const std::string* field : FieldsOf(party)) {
    fields_.push_back(static_cast<char>(field->size() & 0xff));
    fields_.push_back(static_cast<char>(field->size() >> 8));
    fields_.append(*field);
  }
  for (int f = 0; f < kForms; ++f) {
    entry.form_sizes[f] = static_cast<uint32_t>(strings[f]->size());
    forms_.append(*strings[f]);
  }
  if (same_name == kNone) {
    by_name_.Add(party.name, at);
  } else {
    // Second in the chain: the first stays where by_name_ points.
    entry.next = entries_[same_name].next;
    entries_[same_name].next = at;
  }
  entries_.push_back(entry);
  return true;
}

void RecentParties::Clear() {
  fill_ = NextFill();  // the ids handed out so far name parties no longer here
  by_name_.Clear();
  entries_.clear();
  fields_.clear();
  forms_.clear();
}

}  // namespace placi::core
