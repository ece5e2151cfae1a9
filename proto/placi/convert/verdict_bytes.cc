// The Verdict message's wire format, written directly (see verdict_bytes.h).
// Field numbers are verdict.proto's; proto3 leaves out a singular field at
// its default (empty string, 0, a double whose bits are all 0) and writes
// fields in number order, submessages after their length.
#include "placi/convert/verdict_bytes.h"

#include <cstdint>
#include <cstring>
#include <string_view>

#include "google/protobuf/timestamp.pb.h"
#include "placi/screening/v1/verdict.pb.h"
#include "placi/convert/convert.h"

namespace placi::convert {
namespace {

constexpr int kVarint = 0;
constexpr int kFixed64 = 1;
constexpr int kLengthDelimited = 2;

size_t VarintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// An int32 or enum is written as its 64-bit sign extension (a negative one
// takes 10 bytes), as protobuf writes it.
uint64_t Int32Bits(int32_t v) { return static_cast<uint64_t>(static_cast<int64_t>(v)); }

uint64_t DoubleBits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

// Sizes of one field with its tag (every field number here is below 16: a
// one-byte tag).
size_t StringSize(std::string_view s) { return s.empty() ? 0 : 1 + VarintSize(s.size()) + s.size(); }
size_t VarintFieldSize(uint64_t v) { return v == 0 ? 0 : 1 + VarintSize(v); }
size_t DoubleFieldSize(double d) { return DoubleBits(d) == 0 ? 0 : 9; }
size_t MessageFieldSize(size_t size) { return 1 + VarintSize(size) + size; }

class Writer {
 public:
  explicit Writer(char* out) : out_(out) {}
  char* end() const { return out_; }

  void Varint(uint64_t v) {
    while (v >= 0x80) {
      *out_++ = static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    *out_++ = static_cast<char>(v);
  }
  void Tag(int field, int wire_type) { *out_++ = static_cast<char>((field << 3) | wire_type); }
  void String(int field, std::string_view s) {
    if (s.empty()) return;
    RepeatedString(field, s);
  }
  // An element of a repeated string field: written even when empty.
  void RepeatedString(int field, std::string_view s) {
    Tag(field, kLengthDelimited);
    Varint(s.size());
    std::memcpy(out_, s.data(), s.size());
    out_ += s.size();
  }
  void VarintField(int field, uint64_t v) {
    if (v == 0) return;
    Tag(field, kVarint);
    Varint(v);
  }
  void Double(int field, double d) {
    if (DoubleBits(d) == 0) return;
    PresentDouble(field, d);
  }
  // An optional double that is set: written whatever its value.
  void PresentDouble(int field, double d) {
    Tag(field, kFixed64);
    const uint64_t bits = DoubleBits(d);
    for (int i = 0; i < 8; ++i) *out_++ = static_cast<char>(bits >> (8 * i));
  }
  void MessageHeader(int field, size_t size) {
    Tag(field, kLengthDelimited);
    Varint(size);
  }

 private:
  char* out_;
};

// placi.screening.v1.Reason
size_t ReasonSize(const core::Reason& r) {
  return StringSize(r.code) + StringSize(r.message) + VarintFieldSize(Int32Bits(r.points)) +
         StringSize(r.field) + StringSize(r.evidence) +
         VarintFieldSize(Int32Bits(ReferralToProto(r.referral)));
}
void WriteReason(const core::Reason& r, Writer* w) {
  w->String(1, r.code);
  w->String(2, r.message);
  w->VarintField(3, Int32Bits(r.points));
  w->String(4, r.field);
  w->String(5, r.evidence);
  w->VarintField(6, Int32Bits(ReferralToProto(r.referral)));
}

// google.protobuf.Timestamp, clamped as VerdictToProto clamps it.
struct Timestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;
  size_t Size() const {
    return VarintFieldSize(static_cast<uint64_t>(seconds)) + VarintFieldSize(Int32Bits(nanos));
  }
  void Write(Writer* w) const {
    w->VarintField(1, static_cast<uint64_t>(seconds));
    w->VarintField(2, Int32Bits(nanos));
  }
};
Timestamp TimestampOf(absl::Time t) {
  google::protobuf::Timestamp proto;
  TimeToProto(t, &proto);
  return {proto.seconds(), proto.nanos()};
}

// placi.screening.v1.HeldConsignment
size_t HeldSize(const core::ConsignmentFacts& f) {
  size_t size = VarintFieldSize(f.pieces) + DoubleFieldSize(f.gross_weight_kg) +
                VarintFieldSize(f.item_quantity) + (f.declared_value_eur.has_value() ? 9 : 0) +
                StringSize(f.hs_headings_digest);
  for (const std::string& heading : f.hs_headings) {
    size += 1 + VarintSize(heading.size()) + heading.size();
  }
  return size;
}
void WriteHeld(const core::ConsignmentFacts& f, Writer* w) {
  w->VarintField(1, f.pieces);
  w->Double(2, f.gross_weight_kg);
  w->VarintField(3, f.item_quantity);
  if (f.declared_value_eur.has_value()) w->PresentDouble(4, *f.declared_value_eur);
  for (const std::string& heading : f.hs_headings) w->RepeatedString(5, heading);
  w->String(6, f.hs_headings_digest);
}

}  // namespace

VerdictBytes::VerdictBytes(const core::Verdict& v)
    : verdict_(v), has_time_(v.decided_at != absl::InfinitePast()) {
  if (has_time_) {
    const Timestamp decided_at = TimestampOf(v.decided_at);
    seconds_ = decided_at.seconds;
    nanos_ = decided_at.nanos;
  }
  held_size_ = v.held_consignment ? HeldSize(*v.held_consignment) : 0;
  const Timestamp decided_at{seconds_, nanos_};
  size_ = StringSize(v.request_id) + StringSize(v.decision_id) + StringSize(v.house_waybill) +
          VarintFieldSize(Int32Bits(DecisionToProto(v.decision))) +
          VarintFieldSize(Int32Bits(ReferralToProto(v.referral))) +
          VarintFieldSize(Int32Bits(HoldStatusToProto(v.hold_status))) +
          VarintFieldSize(Int32Bits(v.risk_score)) + StringSize(v.ruleset_version) +
          VarintFieldSize(v.watchlist_version) +
          (has_time_ ? MessageFieldSize(decided_at.Size()) : 0) + StringSize(v.carrier_id) +
          (v.held_consignment ? MessageFieldSize(held_size_) : 0);
  for (const core::Reason& r : v.reasons) size_ += MessageFieldSize(ReasonSize(r));
}

void VerdictBytes::Write(char* out) const {
  const core::Verdict& v = verdict_;
  Writer w(out);
  w.String(1, v.request_id);
  w.String(2, v.decision_id);
  w.String(3, v.house_waybill);
  w.VarintField(4, Int32Bits(DecisionToProto(v.decision)));
  w.VarintField(5, Int32Bits(ReferralToProto(v.referral)));
  w.VarintField(6, Int32Bits(HoldStatusToProto(v.hold_status)));
  w.VarintField(7, Int32Bits(v.risk_score));
  for (const core::Reason& r : v.reasons) {
    w.MessageHeader(8, ReasonSize(r));
    WriteReason(r, &w);
  }
  w.String(9, v.ruleset_version);
  w.VarintField(10, v.watchlist_version);
  if (has_time_) {
    const Timestamp decided_at{seconds_, nanos_};
    w.MessageHeader(11, decided_at.Size());
    decided_at.Write(&w);
  }
  w.String(12, v.carrier_id);
  if (v.held_consignment) {
    w.MessageHeader(13, held_size_);
    WriteHeld(*v.held_consignment, &w);
  }
}

void AppendVerdictBytes(const core::Verdict& v, std::string* out) {
  const VerdictBytes bytes(v);
  const size_t start = out->size();
  out->resize(start + bytes.size());
  bytes.Write(out->data() + start);
}

}  // namespace placi::convert
