// A per-thread memo of the keys of names seen lately (NameFormsInto's
// name_key and glued_name). NormalizeParcel keeps the e-commerce seller's
// name here: a marketplace seller's name comes back with every parcel it
// sells, and reading it again (a legal form to drop, letters to fold) was
// ~3% of screening a parcel. A name is filed the second time it is seen
// lately (SeenLately), as RecentParties files parties: a stream of names
// that never repeat costs a hash each, not a copy.
//
//   RecentNameForms& recent = RecentNameForms::ForThisThread();
//   recent.KeysOf(seller_name, &name_key, &glued_name);
#ifndef PLACI_CORE_RECENT_NAME_FORMS_H_
#define PLACI_CORE_RECENT_NAME_FORMS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/recent_keys.h"
#include "core/seen_lately.h"

namespace placi::core {

class RecentNameForms {
 public:
  // Keeps up to `max_names` (0: none), emptied when one more would not fit.
  explicit RecentNameForms(size_t max_names) : max_names_(max_names) {}
  RecentNameForms(const RecentNameForms&) = delete;
  RecentNameForms& operator=(const RecentNameForms&) = delete;

  // Room for a carrier's marketplace sellers; ~100 bytes a name.
  static constexpr size_t kDefaultNames = 4096;
  static RecentNameForms& ForThisThread();

  // What NameFormsInto(name, &folded, key, glued) writes to `key` and
  // `glued` (their room reused), from the memo when `name` is there.
  void KeysOf(std::string_view name, std::string* key, std::string* glued);

  size_t size() const { return by_name_.size(); }

 private:
  // Names longer than this are not kept (no seller's name is this long;
  // intake allows kilobytes).
  static constexpr size_t kMaxNameBytes = 256;

  const size_t max_names_;
  RecentKeys by_name_;  // → the offset of the name's keys in keys_
  // Per name: the key's size (2 bytes), the key, the glued key's size, the
  // glued key.
  std::string keys_;
  SeenLately seen_{/*seed=*/0x5e11};
  std::string folded_;  // NameFormsInto's fold, not kept
};

}  // namespace placi::core

#endif  // PLACI_CORE_RECENT_NAME_FORMS_H_
