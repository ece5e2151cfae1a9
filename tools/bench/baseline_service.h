// The baseline of every load figure: placi.screening.v1.ScreeningService on
// the same gRPC callback API, builder options and stream flow control as
// the real server (server/screening_service.*, screen_stream_reactor.*),
// that parses each parcel (gRPC does, into the request message) and answers
// one constant RELEASE verdict, echoing request_id, house_waybill and
// carrier_id. So real / baseline measures exactly what screening adds to
// the transport.
//
//   BaselineScreeningService service;
//   absl::StatusOr<BaselineServer> server = StartBaselineServer("127.0.0.1:0", &service);
//   ... server->port ...
//   server->server->Shutdown();
#ifndef PLACI_TOOLS_BENCH_BASELINE_SERVICE_H_
#define PLACI_TOOLS_BENCH_BASELINE_SERVICE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"

namespace placi::bench {

namespace pb = ::placi::screening::v1;

// Thread-safe.
class BaselineScreeningService final : public pb::ScreeningService::CallbackService {
 public:
  // Misbehaviours for the load generator's tests; the benchmark uses none.
  struct Options {
    // A stream answers each pair of parcels in swapped order, so that a
    // client that matched replies by order instead of request_id is caught.
    bool reverse_pairs = false;
    // Every answer names a request_id that was never sent.
    bool wrong_ids = false;
  };

  BaselineScreeningService() : BaselineScreeningService(Options{}) {}
  explicit BaselineScreeningService(Options options) : options_(options) {}

  grpc::ServerUnaryReactor* Screen(grpc::CallbackServerContext* context,
                                   const pb::ScreenRequest* request,
                                   pb::ScreenResponse* response) override;
  grpc::ServerBidiReactor<pb::ScreenStreamRequest, pb::ScreenStreamResponse>* ScreenStream(
      grpc::CallbackServerContext* context) override;

  // The constant verdict for `parcel`.
  void Answer(const pb::Consignment& parcel, pb::Verdict* verdict) const;

 private:
  const Options options_;
};

struct BaselineServer {
  std::unique_ptr<grpc::Server> server;
  int port = 0;
};

// Listens on `listen` (port 0: any free port) with the real server's
// builder options: health and reflection services, SO_REUSEPORT off, the
// same largest message. UNAVAILABLE when it cannot listen.
absl::StatusOr<BaselineServer> StartBaselineServer(const std::string& listen,
                                                   BaselineScreeningService* service,
                                                   int max_receive_message_bytes = 4 << 20);

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_BASELINE_SERVICE_H_
