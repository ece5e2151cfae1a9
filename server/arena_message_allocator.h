// A gRPC callback MessageAllocator that puts each call's request and
// response on one protobuf Arena. A request of many small messages (an
// UpsertEntries of 10,000 entries) is then built from a few large blocks and
// freed in one go, instead of a malloc and a free for every message and
// every string object in it.
//
//   ArenaMessageAllocator<pb::UpsertEntriesRequest, pb::UpsertEntriesResponse> allocator_;
//   SetMessageAllocatorFor_UpsertEntries(&allocator_);  // in the service's constructor
#ifndef PLACI_SERVER_ARENA_MESSAGE_ALLOCATOR_H_
#define PLACI_SERVER_ARENA_MESSAGE_ALLOCATOR_H_

#include <cstddef>

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace placi::server {

// Thread-safe (stateless); must outlive the server it is registered with.
template <typename Request, typename Response>
class ArenaMessageAllocator : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

 private:
  class Holder : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options()) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    static google::protobuf::ArenaOptions Options() {
      google::protobuf::ArenaOptions options;
      // Blocks grow from the default start up to this size: a 2 MB request
      // takes a few dozen blocks, a small one stays small.
      options.max_block_size = std::size_t{256} << 10;
      return options;
    }
    google::protobuf::Arena arena_;
  };
};

}  // namespace placi::server

#endif  // PLACI_SERVER_ARENA_MESSAGE_ALLOCATOR_H_
