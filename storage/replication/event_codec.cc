// See event_codec.h.
#include "storage/replication/event_codec.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "placi/convert/convert.h"
#include "placi/internal/v1/events.pb.h"

namespace placi::storage::replication {
namespace {

namespace ipb = ::placi::internal::v1;
namespace pb = ::placi::screening::v1;

void IncrementsToProto(const std::vector<WindowIncrement>& in,
                       google::protobuf::RepeatedPtrField<ipb::WindowIncrement>* out) {
  out->Reserve(static_cast<int>(in.size()));
  for (const WindowIncrement& inc : in) {
    ipb::WindowIncrement* p = out->Add();
    p->set_key(inc.key);
    p->set_bucket_width_seconds(inc.bucket_width_seconds);
    p->set_bucket(inc.bucket);
    p->set_delta(inc.delta);
  }
}

std::vector<WindowIncrement> IncrementsFromProto(
    const google::protobuf::RepeatedPtrField<ipb::WindowIncrement>& in) {
  std::vector<WindowIncrement> out;
  out.reserve(in.size());
  for (const ipb::WindowIncrement& p : in) {
    out.push_back({p.key(), p.bucket_width_seconds(), p.bucket(), p.delta()});
  }
  return out;
}

absl::Status Unreadable(const char* what) {
  return absl::DataLossError(absl::StrCat("replicated event: unreadable ", what));
}

}  // namespace

std::string EncodeEvent(const Event& event, std::string_view origin, std::string_view node_id) {
  ipb::Event proto;
  proto.set_origin(std::string(origin));
  proto.set_node_id(std::string(node_id));
  if (const auto* e = std::get_if<WatchlistUpsert>(&event)) {
    auto* out = proto.mutable_watchlist_upsert();
    for (const core::WatchlistEntry& entry : e->entries) {
      convert::EntryToProto(entry, out->add_entries());
    }
  } else if (const auto* e = std::get_if<WatchlistDelete>(&event)) {
    auto* out = proto.mutable_watchlist_delete();
    for (const std::string& id : e->ids) out->add_ids(id);
  } else if (const auto* e = std::get_if<VerdictRecorded>(&event)) {
    convert::VerdictToProto(e->verdict, proto.mutable_verdict_recorded()->mutable_verdict());
    IncrementsToProto(e->window_increments, proto.mutable_verdict_recorded()->mutable_increments());
  } else if (const auto* e = std::get_if<WindowIncrements>(&event)) {
    IncrementsToProto(e->increments, proto.mutable_window_increments()->mutable_increments());
  } else if (const auto* e = std::get_if<ShadowVerdictRecorded>(&event)) {
    convert::VerdictToProto(e->verdict,
                            proto.mutable_shadow_verdict_recorded()->mutable_verdict());
  }
  return proto.SerializeAsString();
}

absl::StatusOr<DecodedEvent> DecodeEvent(std::string_view bytes) {
  ipb::Event proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Unreadable("bytes");
  }
  DecodedEvent out{proto.origin(), proto.node_id(), WindowIncrements{}};
  switch (proto.kind_case()) {
    case ipb::Event::kWatchlistUpsert: {
      WatchlistUpsert upsert;
      for (const pb::WatchlistEntry& p : proto.watchlist_upsert().entries()) {
        core::WatchlistEntry entry;
        if (convert::EntryFromProto(p, "", &entry).has_value()) return Unreadable("entry");
        upsert.entries.push_back(std::move(entry));
      }
      out.event = std::move(upsert);
      break;
    }
    case ipb::Event::kWatchlistDelete: {
      WatchlistDelete del;
      del.ids.assign(proto.watchlist_delete().ids().begin(), proto.watchlist_delete().ids().end());
      out.event = std::move(del);
      break;
    }
    case ipb::Event::kVerdictRecorded: {
      VerdictRecorded recorded;
      if (!convert::VerdictFromProto(proto.verdict_recorded().verdict(), &recorded.verdict)) {
        return Unreadable("verdict");
      }
      recorded.window_increments = IncrementsFromProto(proto.verdict_recorded().increments());
      out.event = std::move(recorded);
      break;
    }
    case ipb::Event::kWindowIncrements:
      out.event = WindowIncrements{IncrementsFromProto(proto.window_increments().increments())};
      break;
    case ipb::Event::kShadowVerdictRecorded: {
      ShadowVerdictRecorded recorded;
      if (!convert::VerdictFromProto(proto.shadow_verdict_recorded().verdict(),
                                     &recorded.verdict)) {
        return Unreadable("shadow verdict");
      }
      out.event = std::move(recorded);
      break;
    }
    default:
      return Unreadable("kind (written by a newer build?)");
  }
  return out;
}

}  // namespace placi::storage::replication
