// The per-thread memo of names' keys. See recent_name_forms.h.
#include "core/recent_name_forms.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "core/normalize.h"
#include "core/sized_bytes.h"
#include "core/text_cache_stats.h"

namespace placi::core {
namespace {

// The bytes AppendSized wrote at `*at`, and `*at` moved past them.
std::string_view ReadSized(const std::string& from, size_t* at) {
  const size_t size = SizeAt(from.data() + *at);
  const std::string_view bytes(from.data() + *at + kSizedBytesHeader, size);
  *at += kSizedBytesHeader + size;
  return bytes;
}

}  // namespace

RecentNameForms& RecentNameForms::ForThisThread() {
  thread_local RecentNameForms recent(kDefaultNames);
  return recent;
}

void RecentNameForms::KeysOf(std::string_view name, std::string* key, std::string* glued) {
  if (name.empty()) {  // no seller: nothing looked up, nothing counted
    key->clear();
    glued->clear();
    return;
  }
  if (max_names_ > 0) {
    if (const uint32_t at = by_name_.Find(name); at != RecentKeys::kNone) {
      size_t read = at;
      const std::string_view filed_key = ReadSized(keys_, &read);
      key->assign(filed_key.data(), filed_key.size());
      const std::string_view filed_glued = ReadSized(keys_, &read);
      glued->assign(filed_glued.data(), filed_glued.size());
      CountTextCacheLookup(TextCache::kSellerForms, CacheResult::kHit);
      return;
    }
  }
  NameFormsInto(name, &folded_, key, glued);
  // Keys are at most a few times the name's bytes; a size field holds 64K.
  const bool keepable = max_names_ > 0 && name.size() <= kMaxNameBytes &&
                        key->size() < 0x10000 && glued->size() < 0x10000;
  if (!keepable) {
    CountTextCacheLookup(TextCache::kSellerForms, CacheResult::kNotCached);
    return;
  }
  CountTextCacheLookup(TextCache::kSellerForms, CacheResult::kMiss);
  if (!seen_.SeenBefore(name)) return;
  if (by_name_.size() >= max_names_) {
    by_name_.Clear();
    keys_.clear();
  }
  by_name_.Add(name, static_cast<uint32_t>(keys_.size()));
  AppendSized(*key, &keys_);
  AppendSized(*glued, &keys_);
}

}  // namespace placi::core
