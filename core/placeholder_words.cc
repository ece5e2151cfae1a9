// Placeholder words of party names and addresses. See placeholder_words.h.
#include "core/placeholder_words.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "core/byte_blocks.h"
#include "core/memo_stamp.h"
#include "core/normalize.h"
#include "core/one_edit.h"
#include "unicode/normalizer2.h"
#include "unicode/unistr.h"

namespace placi::core {
namespace {

// Placeholders in scripts whose transliteration reads as a name (see
// IsPlaceholderInScript). Latin-script ones ("unbekannt", "desconocido",
// "inconnu") and those that fold to no name ("неизвестно" → "neizvestno")
// are in the rules' folded lists instead (ScreeningConfig::
// unacceptable_party_names), where a typo does not hide them.
constexpr std::string_view kPlaceholdersInScript[] = {
    "未知", "不详", "不明", "无", "なし", "미상", "알수없음",
    // Review bb4 L4: "customer", "anonymous", "recipient"; Russian "none",
    // "recipient".
    "客户", "匿名", "收件人", "нет", "получатель",
    // goods20: "seller", "buyer" (卖家 and 买家 read "mai jia", also 麦家, a
    // writer), "sender", "merchant".
    "卖家", "买家", "发件人", "寄件人", "商家",
    // review25: "unknown", "none", "nameless", "don't know", "to be
    // decided" in traditional Chinese, Chinese, Japanese, Korean, Ukrainian,
    // Arabic, Persian, Hebrew, Thai, Greek and Hindi.
    "不詳", "無", "不知道", "无名", "無名", "没有", "沒有", "待定", "無し", "未定", "名無し",
    "알 수 없음", "없음", "모름", "невідомо", "немає", "مجهول", "غير معروف", "لا يوجد",
    "نامعلوم", "לא ידוע", "ไม่ทราบ", "ไม่มี", "άγνωστο", "άγνωστος", "अज्ञात"};

// `text` in NFKC with case folded (NFKC_Casefold: decomposed Hangul
// jamo and Greek accents composed, full-width and half-width forms and the
// ideographic space made ordinary, capitals small, zero-width characters
// dropped), ASCII spaces around it dropped.
std::string PlaceholderCompareForm(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || nfkc_cf == nullptr) return std::string(text);
  const icu::UnicodeString normalized = nfkc_cf->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
      status);
  if (U_FAILURE(status)) return std::string(text);
  std::string utf8;
  normalized.toUTF8String(utf8);
  return std::string(absl::StripAsciiWhitespace(utf8));
}

// The in-script placeholders as FoldText reads them (a cheap gate: FoldText
// normalises a spelling's variants to the same fold) and in their compare
// form.
struct PlaceholdersInScriptForms {
  absl::flat_hash_set<std::string> folded;
  absl::flat_hash_set<std::string> compared;
  // Bit min(size, 63) by a fold's first byte: most names' folds end at it,
  // without hashing (a hash lookup for every name beyond ASCII was +50
  // instructions a parcel on core_benchmark).
  uint64_t sizes_by_first[256] = {};
  bool MayBeFolded(std::string_view folded_text) const {
    const size_t first = folded_text.empty() ? 0 : static_cast<unsigned char>(folded_text[0]);
    return (sizes_by_first[first] >> std::min<size_t>(folded_text.size(), 63) & 1) != 0;
  }
};

const PlaceholdersInScriptForms& ListedForms() {
  static const PlaceholdersInScriptForms* const kForms = [] {
    auto* forms = new PlaceholdersInScriptForms;
    for (std::string_view placeholder : kPlaceholdersInScript) {
      const std::string folded = FoldText(placeholder);
      const size_t first = folded.empty() ? 0 : static_cast<unsigned char>(folded[0]);
      forms->sizes_by_first[first] |= uint64_t{1} << std::min<size_t>(folded.size(), 63);
      forms->folded.insert(folded);
      forms->compared.insert(PlaceholderCompareForm(placeholder));
    }
    return forms;
  }();
  return *kForms;
}

}  // namespace

bool IsListedPlaceholderInScript(std::string_view text, std::string_view folded) {
  const absl::string_view trimmed =
      absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
  for (std::string_view placeholder : kPlaceholdersInScript) {
    if (trimmed == absl::string_view(placeholder.data(), placeholder.size())) return true;
  }
  // Written another way than the list's (detect26): decomposed (NFD, as
  // some macOS and Korean input paths write Hangul: 미상 as its jamo),
  // with full-width or ideographic spaces around it, in capitals
  // ("ΆΓΝΩΣΤΟ", "НЕТ"), with a zero-width space inside. Byte for byte each
  // passed as a name. FoldText reads every such spelling as it reads the
  // listed one, so a name whose fold is no listed placeholder's (nearly
  // every name) ends at one hash lookup; the others are compared in
  // NFKC_Casefold (a real name folding alike, 魏志 "wei zhi", is compared
  // and differs).
  const PlaceholdersInScriptForms& forms = ListedForms();
  if (!forms.MayBeFolded(folded) ||
      !forms.folded.contains(absl::string_view(folded.data(), folded.size()))) {
    return false;
  }
  return forms.compared.contains(PlaceholderCompareForm(text));
}

PlaceholderWords::PlaceholderWords(const absl::flat_hash_set<std::string>& names,
                                   const absl::flat_hash_set<std::string>& typo_words)
    : stamp_(NextMemoStamp()) {
  for (const std::string& name : names) {
    if (!name.empty() && name.find(' ') == std::string::npos) words_.insert(name);
  }
  for (const std::string& word : typo_words) {
    if (word.empty() || word.find(' ') != std::string::npos) continue;
    words_.insert(word);
    if (typo_words_by_size_.size() <= word.size()) typo_words_by_size_.resize(word.size() + 1);
    typo_words_by_size_[word.size()].push_back(word);
  }
  for (const std::string& word : words_) {
    const size_t slot = ExactSlot(word);
    exact_bits_[slot / 64] |= uint64_t{1} << (slot % 64);
  }
  for (std::vector<std::string>& same_size : typo_words_by_size_) {
    std::sort(same_size.begin(), same_size.end());  // the same order from one list
    for (const std::string& word : same_size) {
      for (size_t size = word.size() - 1; size <= word.size() + 1; ++size) {
        Set(word[0], size);
        if (word.size() > 1) Set(word[1], size);
      }
    }
  }
}

void PlaceholderWords::Set(char first, size_t size) {
  bits_[static_cast<unsigned char>(first)] |= uint64_t{1} << std::min<size_t>(size, 63);
}

size_t PlaceholderWords::ExactSlot(std::string_view word) {
  const uint32_t first = static_cast<unsigned char>(word.front());
  const uint32_t last = static_cast<unsigned char>(word.back());
  const uint32_t key = first << 14 | last << 6 | static_cast<uint32_t>(std::min<size_t>(word.size(), 63));
  // Fibonacci hashing: the top bits of the product spread the 22-bit key.
  return (key * 0x9E3779B1u) >> (32 - 14);
}

bool PlaceholderWords::MayBe(std::string_view word) const {
  if (word.empty()) return false;
  if ((bits_[static_cast<unsigned char>(word[0])] >> std::min<size_t>(word.size(), 63) & 1) != 0) {
    return true;
  }
  const size_t slot = ExactSlot(word);
  return (exact_bits_[slot / 64] >> (slot % 64) & 1) != 0;
}

bool PlaceholderWords::IsPlaceholderToken(std::string_view word) const {
  if (!MayBe(word)) return false;
  if (words_.contains(absl::string_view(word.data(), word.size()))) return true;
  // A typo in a shorter word makes another word too often.
  if (word.size() < 5) return false;
  const size_t past_last = std::min(word.size() + 2, typo_words_by_size_.size());
  for (size_t size = word.size() - 1; size < past_last; ++size) {
    for (const std::string& placeholder : typo_words_by_size_[size]) {
      if (OneEditApart(word, placeholder)) return true;
    }
  }
  return false;
}

bool PlaceholderWords::IsPlaceholder(std::string_view folded) const {
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (!IsPlaceholderToken(folded.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

PlaceholderWordsCache::~PlaceholderWordsCache() { delete words_.load(std::memory_order_acquire); }

PlaceholderWordsCache& PlaceholderWordsCache::operator=(const PlaceholderWordsCache&) {
  delete words_.exchange(nullptr, std::memory_order_acq_rel);
  return *this;
}

const PlaceholderWords& PlaceholderWordsCache::Get(
    const absl::flat_hash_set<std::string>& names,
    const absl::flat_hash_set<std::string>& typo_words) const {
  if (const PlaceholderWords* words = words_.load(std::memory_order_acquire)) return *words;
  absl::MutexLock lock(&mu_);
  // Acquire, though the mutex orders it already (see CategoryWordsCache).
  const PlaceholderWords* words = words_.load(std::memory_order_acquire);
  if (words == nullptr) {
    words = new PlaceholderWords(names, typo_words);
    words_.store(words, std::memory_order_release);
  }
  return *words;
}

}  // namespace placi::core
