// Drives a ScreeningService over gRPC (the callback client API) and
// measures what a carrier feels: throughput and the latency distribution.
//
// Four shapes of load:
//   unary,  closed loop: `in_flight` Screen calls outstanding at all times;
//                        each reply sends the next parcel.
//   stream, closed loop: `streams` ScreenStream calls, each with `window`
//                        parcels outstanding; replies are correlated to their
//                        parcels by request_id, not by order.
//   unary or stream, open loop (rate > 0): parcel n is due at
//                        start + n / rate, whatever happened to earlier ones;
//                        its latency counts from that due time, so a server
//                        (or client) stall shows in full in the percentiles
//                        instead of slowing the load down (no coordinated
//                        omission). Stream parcels go round robin over the
//                        streams.
// A warmup phase runs first and is not measured. A parcel is measured when it
// is sent (closed loop) or due (open loop) inside the measured phase; every
// measured parcel is waited for (up to drain_timeout) before RunLoad returns.
//
//   LoadOptions options;
//   options.api = LoadOptions::Api::kStream;
//   options.rate = 5000;
//   absl::StatusOr<LoadResult> r = RunLoad("127.0.0.1:50051", parcels, options);
//   r->latency_ns.ValueAtPercentile(99);
#ifndef PLACI_TOOLS_BENCH_LOAD_DRIVER_H_
#define PLACI_TOOLS_BENCH_LOAD_DRIVER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "placi/screening/v1/consignment.pb.h"
#include "tools/bench/hdr_histogram.h"
#include "tools/bench/parcel_generator.h"

namespace placi::bench {

// Where the parcels of a run come from: a pool of templates, used in turn.
// Each send copies one and gives it a fresh request_id and house_waybill, so
// that every send is a new parcel to the server. Immutable; thread-safe.
class ParcelSource {
 public:
  // `pool` parcels from the generator (Parcel(0) .. Parcel(pool - 1)).
  static ParcelSource Generated(const ParcelGenerator::Options& options, size_t pool = 200'000);
  // The parcels of a manifest, in file order.
  static ParcelSource FromParcels(std::vector<pb::Consignment> parcels);

  const pb::Consignment& Template(uint64_t n) const { return (*parcels_)[n % parcels_->size()]; }
  // Parcel n of the stream: its template, and past the first pass over a
  // generated pool, renewed as parcel n (ParcelGenerator::Renew: a buyer of
  // its own). A manifest's parcels are sent as they are, pass after pass.
  void ParcelAt(uint64_t n, pb::Consignment* parcel) const {
    *parcel = Template(n);
    if (generator_ != nullptr) generator_->Renew(n % parcels_->size(), n, parcel);
  }
  size_t size() const { return parcels_->size(); }

 private:
  ParcelSource(std::shared_ptr<const std::vector<pb::Consignment>> parcels,
               std::shared_ptr<const ParcelGenerator> generator)
      : parcels_(std::move(parcels)), generator_(std::move(generator)) {}
  std::shared_ptr<const std::vector<pb::Consignment>> parcels_;
  std::shared_ptr<const ParcelGenerator> generator_;  // null for a manifest
};

struct LoadOptions {
  enum class Api { kUnary, kStream };
  Api api = Api::kUnary;
  int in_flight = 32;  // unary closed loop: calls outstanding
  int streams = 16;    // stream: concurrent ScreenStream calls
  int window = 8;      // stream closed loop: parcels outstanding per stream
  // > 0: open loop at this many parcels per second (over all calls or
  // streams); in_flight and window are then not used.
  double rate = 0;
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(10);
  // > 0: the measured phase ends after this many parcels instead of after
  // `duration` (open loop: they are due at the rate).
  int64_t max_parcels = 0;
  // gRPC channels (TCP connections) the calls and streams are spread over.
  int channels = 1;
  absl::Duration connect_timeout = absl::Seconds(10);
  absl::Duration call_deadline = absl::Seconds(30);  // per unary call
  // How long to wait for the replies still outstanding once sending stops.
  absl::Duration drain_timeout = absl::Seconds(30);
  // Open loop: parcels outstanding beyond which the sender waits (the wait
  // counts in their latency). A safety net for a server that stops answering.
  int64_t max_outstanding = 50'000;
  // Where in the parcel pool this run starts: consecutive runs against one
  // server should go on where the last stopped, so that no consignee comes
  // back (and trips the velocity rules) before the pool is used up.
  uint64_t first_parcel = 0;
  // Prefix of request ids and house waybills; each send appends a counter.
  // Distinct per run, so that waybills never repeat across runs on one server.
  std::string id_prefix = "b";
  // Count the reason codes of the measured verdicts (LoadResult::reasons):
  // what the parcels were held for. Costs a little client CPU.
  bool reason_stats = false;
};

struct LoadResult {
  int64_t sent = 0;      // measured parcels sent
  int64_t received = 0;  // replies to them: verdicts, parcel errors, refusals
  int64_t verdicts = 0;
  int64_t holds = 0;          // verdicts that hold the parcel
  int64_t parcel_errors = 0;  // INVALID_ARGUMENT (unary) or ParcelError (stream)
  // Shed at once by the server (RESOURCE_EXHAUSTED, or a stream ParcelError
  // with that code): answered, but kept out of the latency figures.
  int64_t refused = 0;
  int64_t failed = 0;         // lost: a failed call, a broken stream, or never answered
  int64_t unmatched = 0;      // replies whose request_id matched no parcel outstanding
  int64_t scheduled = 0;      // open loop: measured parcels the schedule called for
  double elapsed_seconds = 0;  // from the start of the measured phase to its last reply
  double throughput = 0;       // (verdicts + parcel errors) / elapsed_seconds, per second
  uint64_t max_send_lag_ns = 0;  // open loop: the furthest the sender fell behind schedule
  int64_t total_sent = 0;         // parcels sent, warmup included
  double client_cpu_seconds = 0;  // this process's CPU time over the run, warmup included
  HdrHistogram latency_ns;       // per measured verdict or parcel error
  std::map<std::string, int64_t> reasons;  // with reason_stats: code -> verdicts with it
};

// Runs one load against `target` (host:port, insecure). UNAVAILABLE when the
// target does not accept a connection within connect_timeout; otherwise OK,
// with losses reported in the result.
absl::StatusOr<LoadResult> RunLoad(const std::string& target, const ParcelSource& parcels,
                                   const LoadOptions& options);

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_LOAD_DRIVER_H_
