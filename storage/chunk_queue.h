// A bounded hand-over of work chunks from one producer to consumer threads,
// for loading at open: RocksDB iteration and parsing on one thread, indexing
// on another, so that the two overlap.
//
//   ChunkQueue<std::vector<Entry>> queue(/*capacity=*/4);
//   std::thread consumer([&] { std::vector<Entry> c; while (queue.Pop(&c)) Index(c); });
//   for (...) queue.Push(std::move(chunk));   // waits while `capacity` are queued
//   queue.Close();                            // Pop returns false once drained
//   consumer.join();
#ifndef PLACI_STORAGE_CHUNK_QUEUE_H_
#define PLACI_STORAGE_CHUNK_QUEUE_H_

#include <cstddef>
#include <deque>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace placi::storage {

// Thread-safe.
template <typename Chunk>
class ChunkQueue {
 public:
  explicit ChunkQueue(size_t capacity) : capacity_(capacity) {}

  // Queues `chunk`, first waiting while `capacity` chunks are queued (memory
  // stays bounded when consumers are slower).
  void Push(Chunk chunk) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &ChunkQueue::HasRoom));
    chunks_.push_back(std::move(chunk));
  }

  // No more chunks will come.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // The oldest chunk, waiting for one; false once closed and drained.
  bool Pop(Chunk* chunk) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &ChunkQueue::CanPop));
    if (chunks_.empty()) return false;
    *chunk = std::move(chunks_.front());
    chunks_.pop_front();
    return true;
  }

 private:
  bool HasRoom() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return chunks_.size() < capacity_; }
  bool CanPop() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return closed_ || !chunks_.empty(); }

  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<Chunk> chunks_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace placi::storage

#endif  // PLACI_STORAGE_CHUNK_QUEUE_H_
