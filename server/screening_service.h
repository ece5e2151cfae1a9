// placi.screening.v1.ScreeningService on the gRPC callback API: Screen (one
// parcel, answered inline) and ScreenStream (many parcels, one reactor per
// stream, see screen_stream_reactor.h).
#ifndef PLACI_SERVER_SCREENING_SERVICE_H_
#define PLACI_SERVER_SCREENING_SERVICE_H_

#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "server/metrics.h"
#include "server/parcel_intake.h"

namespace placi::server {

// Thread-safe; the intake and metrics outlive the server.
class ScreeningService final : public screening::v1::ScreeningService::CallbackService {
 public:
  ScreeningService(const ParcelIntake* intake, Metrics* metrics)
      : intake_(intake), metrics_(metrics) {}

  grpc::ServerUnaryReactor* Screen(grpc::CallbackServerContext* context,
                                   const screening::v1::ScreenRequest* request,
                                   screening::v1::ScreenResponse* response) override;

  grpc::ServerBidiReactor<screening::v1::ScreenStreamRequest,
                          screening::v1::ScreenStreamResponse>*
  ScreenStream(grpc::CallbackServerContext* context) override;

 private:
  const ParcelIntake* const intake_;
  Metrics* const metrics_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SCREENING_SERVICE_H_
