// Request messages kept for the next parcel instead of freed. Parsing into
// a message that held a parcel before reuses its sub-messages and its
// strings' buffers: a fresh ScreenRequest costs some 40 allocations to parse
// and as many frees to destroy, ~4% of the server's CPU under load
// (docs/performance.md, perf26). Parsing replaces the whole message
// (ReadParcelRequest clears it first), so nothing of one parcel reaches the
// next.
//
//   RecycledMessages<pb::ScreenRequest>::Ptr request =
//       RecycledMessages<pb::ScreenRequest>::Shared().Take(request_bytes.Length());
//   absl::Status read = ReadParcelRequest(request_bytes, request.get(), &field);
//   // ... the message goes back when `request` is destroyed, on any thread.
#ifndef PLACI_SERVER_RECYCLED_MESSAGES_H_
#define PLACI_SERVER_RECYCLED_MESSAGES_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace placi::server {

// Thread-safe. Message is a protobuf message type.
template <typename Message>
class RecycledMessages {
 public:
  // A message whose request was larger than this is freed, not kept: a
  // kept message holds on to the capacity its largest parcel needed.
  static constexpr size_t kMaxKeptWireBytes = size_t{16} << 10;
  // At most this many wait for reuse (the parcels in flight at once are
  // bounded by the screening pool and the streams' windows).
  static constexpr size_t kMaxKept = 256;

  // Gives the message back to its recycler, or frees it without one.
  class Return {
   public:
    Return() = default;
    explicit Return(RecycledMessages* recycler) : recycler_(recycler) {}
    void operator()(Message* message) const {
      if (recycler_ != nullptr) {
        recycler_->Keep(message);
      } else {
        delete message;
      }
    }

   private:
    RecycledMessages* recycler_ = nullptr;
  };
  using Ptr = std::unique_ptr<Message, Return>;

  RecycledMessages() { kept_.reserve(kMaxKept); }
  RecycledMessages(const RecycledMessages&) = delete;
  RecycledMessages& operator=(const RecycledMessages&) = delete;
  ~RecycledMessages() {
    for (Message* message : kept_) delete message;
  }

  // The process's recycler of Message, never destroyed: a message may come
  // back from a screening thread at any time until the process exits.
  static RecycledMessages& Shared() {
    static RecycledMessages* const shared = new RecycledMessages();
    return *shared;
  }

  // A message to parse a request of `wire_bytes` into: the one kept last
  // (its memory the likeliest in cache), or a new one. Its contents are
  // whatever the previous parcel left: parse over them, never merge.
  Ptr Take(size_t wire_bytes) {
    if (wire_bytes > kMaxKeptWireBytes) return Ptr(new Message(), Return());
    Message* message = nullptr;
    {
      absl::MutexLock lock(&mu_);
      if (!kept_.empty()) {
        message = kept_.back();
        kept_.pop_back();
      }
    }
    if (message == nullptr) message = new Message();
    return Ptr(message, Return(this));
  }

  // How many messages wait for reuse (for tests).
  size_t kept() const {
    absl::MutexLock lock(&mu_);
    return kept_.size();
  }

 private:
  void Keep(Message* message) {
    {
      absl::MutexLock lock(&mu_);
      if (kept_.size() < kMaxKept) {
        kept_.push_back(message);
        return;
      }
    }
    delete message;
  }

  mutable absl::Mutex mu_;
  std::vector<Message*> kept_ ABSL_GUARDED_BY(mu_);
};

}  // namespace placi::server

#endif  // PLACI_SERVER_RECYCLED_MESSAGES_H_
