// Placeholder words of party names and addresses. See placeholder_words.h.
#include "core/placeholder_words.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "core/byte_blocks.h"
#include "core/memo_stamp.h"
#include "core/one_edit.h"

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

}  // namespace

bool IsListedPlaceholderInScript(std::string_view text) {
  const absl::string_view trimmed =
      absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
  for (std::string_view placeholder : kPlaceholdersInScript) {
    if (trimmed == absl::string_view(placeholder.data(), placeholder.size())) return true;
  }
  return false;
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
