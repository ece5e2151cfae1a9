// placi.screening.v1.ScreeningService on the gRPC callback API: Screen (one
// parcel) and ScreenStream (many parcels, one reactor per stream, see
// screen_stream_reactor.h). Parcels are admitted by a ScreeningPool: its
// bound on parcels in flight (screening_pool.h) refuses past it at once with
// RESOURCE_EXHAUSTED. A unary parcel is screened on the gRPC thread that
// received it while the pool is idle enough (one gRPC thread always stays
// free), else on the pool's threads.
//
// Both methods take their messages as bytes (parcel_wire.h) and parse them
// here, so that a request that does not parse (a string that is not UTF-8)
// is INVALID_ARGUMENT naming the field, not gRPC's UNIMPLEMENTED; on a
// stream it is that parcel's ParcelError and the stream goes on.
#ifndef PLACI_SERVER_SCREENING_SERVICE_H_
#define PLACI_SERVER_SCREENING_SERVICE_H_

#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "absl/time/time.h"
#include "server/auth.h"
#include "server/call_ending.h"
#include "server/metrics.h"
#include "server/parcel_intake.h"
#include "server/screening_pool.h"

namespace placi::server {

// Callers are checked by `authorizer` (auth.h): a carrier's parcels are
// screened under its own carrier id.
//
// Thread-safe; the intake, metrics and authorizer outlive it. Destroy it only after the
// grpc::Server has stopped (Shutdown and Wait): its destructor runs the
// parcels already accepted and joins the screening threads.
class ScreeningService final
    : public screening::v1::ScreeningService::WithRawCallbackMethod_Screen<
          screening::v1::ScreeningService::WithRawCallbackMethod_ScreenStream<
              screening::v1::ScreeningService::Service>> {
 public:
  ScreeningService(const ParcelIntake* intake, Metrics* metrics, const Authorizer* authorizer,
                   ScreeningPool::Options pool = {});

  // `request` is a ScreenRequest's bytes, `response` gets a ScreenResponse's.
  grpc::ServerUnaryReactor* Screen(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;

  // ScreenStreamRequest in, ScreenStreamResponse out, as bytes.
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* ScreenStream(
      grpc::CallbackServerContext* context) override;

  ScreeningPool& pool() { return pool_; }

  // From `when` on, the calls still in progress are cancelled because the
  // server stops (the end of Server::Shutdown's grace): their clients see
  // UNAVAILABLE, and they are counted so (call_ending.h). Call it before
  // Server::Shutdown.
  void ServerStopsAt(absl::Time when) { ending_.ServerStopsAt(when); }

 private:
  const ParcelIntake* const intake_;
  Metrics* const metrics_;
  const Authorizer* const authorizer_;
  CallEnding ending_;
  ScreeningPool pool_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_SCREENING_SERVICE_H_
