// storage::Event ⇄ bytes (placi.internal.v1.Event, proto/placi/internal/v1/
// events.proto), as the replicas of the clustered mode exchange them. Each
// event carries the origin (the replica database that applied it first) so
// that a replica can skip its own events when the log delivers them back.
//
//   std::string bytes = EncodeEvent(event, origin, node_id);
//   absl::StatusOr<DecodedEvent> back = DecodeEvent(bytes);
#ifndef PLACI_STORAGE_REPLICATION_EVENT_CODEC_H_
#define PLACI_STORAGE_REPLICATION_EVENT_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace placi::storage::replication {

struct DecodedEvent {
  std::string origin;
  std::string node_id;
  Event event;
};

std::string EncodeEvent(const Event& event, std::string_view origin, std::string_view node_id);

// DATA_LOSS for bytes that are not an event this build understands.
absl::StatusOr<DecodedEvent> DecodeEvent(std::string_view bytes);

}  // namespace placi::storage::replication

#endif  // PLACI_STORAGE_REPLICATION_EVENT_CODEC_H_
