// The words of one name or address as views into its folded text, for the
// keys normalize.cc makes of every party of every parcel. Most names and
// addresses have fewer than 16 words, which live in the list itself; a
// longer one moves to the heap. It does only what making keys needs:
// appending, reading and writing in place, sorting through its pointers,
// and cutting its tail. absl::InlinedVector, used before, decoded its
// size and an "allocated" flag from one packed word at every append and
// read (~7% of normalising a parcel); here they are plain members.
#ifndef PLACI_CORE_WORD_LIST_H_
#define PLACI_CORE_WORD_LIST_H_

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string_view>

namespace placi::core {

class WordList {
 public:
  WordList() {}  // the inline room is left unwritten until used
  WordList(const WordList& other) { *this = other; }
  WordList& operator=(const WordList& other) {
    if (this == &other) return *this;
    size_ = 0;
    Reserve(other.size_);
    std::copy(other.begin(), other.end(), data_);
    size_ = other.size_;
    return *this;
  }

  void push_back(std::string_view word) {
    if (size_ == capacity_) Reserve(2 * capacity_);
    data_[size_++] = word;
  }
  void emplace_back(std::string_view word) { push_back(word); }  // as AppendWords calls it

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view* begin() { return data_; }
  std::string_view* end() { return data_ + size_; }
  const std::string_view* begin() const { return data_; }
  const std::string_view* end() const { return data_ + size_; }
  std::string_view& operator[](size_t i) { return data_[i]; }
  const std::string_view& operator[](size_t i) const { return data_[i]; }
  const std::string_view& back() const { return data_[size_ - 1]; }

  // Keeps the first `size` words (no more than it has).
  void Truncate(size_t size) { size_ = std::min(size, size_); }

 private:
  static constexpr size_t kInline = 16;

  // Room for at least `capacity` words, the words kept.
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    auto heap = std::make_unique_for_overwrite<std::string_view[]>(capacity);
    std::copy(begin(), end(), heap.get());
    heap_ = std::move(heap);
    data_ = heap_.get();
    capacity_ = capacity;
  }

  union {  // no constructor runs: the words are written before they are read
    std::string_view inline_[kInline];
  };
  std::unique_ptr<std::string_view[]> heap_;
  std::string_view* data_ = inline_;
  size_t size_ = 0;
  size_t capacity_ = kInline;
};

}  // namespace placi::core

#endif  // PLACI_CORE_WORD_LIST_H_
