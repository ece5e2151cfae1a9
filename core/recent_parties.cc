// The per-thread memo of parties' normalised forms. See recent_parties.h.
#include "core/recent_parties.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/key_hash.h"
#include "core/sized_bytes.h"
#include "core/text_cache_stats.h"

namespace placi::core {
namespace {

// The forms of a party (a NormalizedParty, const or not) in the order a
// Head keeps their sizes.
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
  for (uint32_t at = first; at != kNone; ++same_name) {
    const Head head = HeadAt(at);
    if (!SameFields(at, head, party)) {
      at = head.next;
      continue;
    }
    const char* bytes = records_.data() + at + sizeof(Head) + head.fields_size;
    const auto forms = FormsIn(out);
    for (int f = 0; f < kForms; ++f) {
      forms[f]->assign(bytes, head.form_sizes[f]);
      bytes += head.form_sizes[f];
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

void RecentParties::PrefetchRecord(const Party& party) const {
  const uint32_t at = by_name_.PrefetchLikely(party.name);
  if (at == kNone) return;
  // A shipper's record (head, fields, forms) is mostly 200-400 bytes.
  constexpr size_t kLine = 64;
  constexpr size_t kRecordLines = 6;
  const char* record = records_.data() + at;
  const char* const end = records_.data() + records_.size();
  for (size_t line = 0; line < kRecordLines && record + line * kLine < end; ++line) {
    __builtin_prefetch(record + line * kLine);
  }
}

size_t RecentParties::FieldBytes(const Party& party) {
  size_t size = party.name.size();
  for (const std::string* field : FieldsOf(party)) size += 2 + field->size();
  return size;
}

RecentParties::Head RecentParties::HeadAt(uint32_t record) const {
  Head head;
  std::memcpy(&head, records_.data() + record, sizeof head);  // records_ is not aligned
  return head;
}

bool RecentParties::SameFields(uint32_t record, const Head& head, const Party& party) const {
  // Each field as filed: AppendSized.
  const char* filed = records_.data() + record + sizeof(Head);
  const char* const end = filed + head.fields_size;
  for (const std::string* field : FieldsOf(party)) {
    if (end - filed < static_cast<ptrdiff_t>(kSizedBytesHeader)) return false;
    const size_t size = SizeAt(filed);
    filed += kSizedBytesHeader;
    if (size != field->size() || static_cast<size_t>(end - filed) < size ||
        std::memcmp(filed, field->data(), size) != 0) {
      return false;
    }
    filed += size;
  }
  return filed == end;
}


bool RecentParties::Add(const Party& party, const NormalizedParty& forms, uint32_t same_name) {
  const size_t fields_size = FieldBytes(party) - party.name.size();
  const auto strings = FormsIn(&forms);
  size_t forms_size = 0;
  for (const std::string* form : strings) forms_size += form->size();
  // Forms may come out longer than the fields ("st" → "street"), but on
  // average they are shorter: a record takes at most twice the bytes a
  // party may have, on average.
  const size_t record_size = sizeof(Head) + fields_size + forms_size;
  const size_t max_records_bytes = 2 * kMaxPartyBytes * max_parties_;
  if (record_size > max_records_bytes) return false;
  if (parties_ >= max_parties_ || records_.size() + record_size > max_records_bytes) {
    Clear();
    same_name = kNone;
  }
  const uint32_t at = static_cast<uint32_t>(records_.size());
  Head head{static_cast<uint32_t>(fields_size), {}, kNone};
  for (int f = 0; f < kForms; ++f) head.form_sizes[f] = static_cast<uint32_t>(strings[f]->size());
  if (same_name == kNone) {
    by_name_.Add(party.name, at);
  } else {
    // Second in the chain: the first stays where by_name_ points.
    Head first = HeadAt(same_name);
    head.next = first.next;
    first.next = at;
    std::memcpy(records_.data() + same_name, &first, sizeof first);
  }
  records_.append(reinterpret_cast<const char*>(&head), sizeof head);
  for (const std::string* field : FieldsOf(party)) {
    AppendSized(*field, &records_);
  }
  for (const std::string* form : strings) records_.append(*form);
  ++parties_;
  return true;
}

void RecentParties::Clear() {
  fill_ = NextFill();  // the ids handed out so far name parties no longer here
  by_name_.Clear();
  records_.clear();
  parties_ = 0;
}

}  // namespace placi::core
