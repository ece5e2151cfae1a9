// The way of one parcel through the server, shared by Screen and
// ScreenStream: proto → domain (convert), intake limits, core screening,
// domain → proto, and the per-parcel metrics. No business rule lives here;
// that is core::Screener's job.
//
//   ParcelIntake intake(&screener, &metrics);
//   pb::Verdict verdict;
//   std::string field;
//   absl::Status s = intake.Screen(Method::kScreen, request.consignment(), &verdict, &field);
#ifndef PLACI_SERVER_PARCEL_INTAKE_H_
#define PLACI_SERVER_PARCEL_INTAKE_H_

#include <string>

#include "absl/status/status.h"
#include "core/intake_limits.h"
#include "core/screener.h"
#include "placi/screening/v1/consignment.pb.h"
#include "placi/screening/v1/verdict.pb.h"
#include "server/metrics.h"

namespace placi::server {

// Thread-safe; the screener and metrics outlive it.
class ParcelIntake {
 public:
  ParcelIntake(const core::Screener* screener, Metrics* metrics, core::IntakeLimits limits = {})
      : screener_(screener), metrics_(metrics), limits_(limits) {}

  // Screens one parcel received by `method` and fills `verdict`. A message
  // that cannot be a parcel is INVALID_ARGUMENT "<field>: <description>" with
  // the field path also in `*field`; a screener (storage) error comes back
  // with its own code and `*field` empty. Nothing is recorded on error.
  // Blocks for the decision-log write (a RocksDB WAL append, synced only
  // with --sync_decisions): microseconds, so it runs on the reaction thread.
  absl::Status Screen(Method method, const screening::v1::Consignment& in,
                      screening::v1::Verdict* verdict, std::string* field) const;

 private:
  absl::Status Fail(absl::Status status) const;

  const core::Screener* const screener_;
  Metrics* const metrics_;
  const core::IntakeLimits limits_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_PARCEL_INTAKE_H_
