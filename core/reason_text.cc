// Bounds on reason text. See reason_text.h.
#include "core/reason_text.h"

namespace placi::core {
namespace {

// The length of text's first bytes, at most max_bytes, that end on a whole
// UTF-8 character (not inside one: no continuation byte 10xxxxxx follows).
size_t WholeCharacters(std::string_view text, size_t max_bytes) {
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

void Cut(std::string* text, size_t max_bytes) {
  if (text->size() <= max_bytes) return;
  text->resize(WholeCharacters(*text, max_bytes));
  text->append("…");
}

}  // namespace

std::string Excerpt(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::string excerpt(text.substr(0, WholeCharacters(text, max_bytes)));
  excerpt.append("…");
  return excerpt;
}

void BoundReasonText(std::vector<Reason>* reasons) {
  for (Reason& reason : *reasons) {
    Cut(&reason.message, kMaxReasonTextBytes);
    Cut(&reason.evidence, kMaxReasonTextBytes);
  }
}

}  // namespace placi::core
