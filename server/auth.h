// Who may do what: identifies the caller of every call (an API key in
// `authorization: Bearer KEY` metadata, or the client certificate of a
// mutual-TLS connection) and checks the caller's role against the method.
//
// Roles (principals file: api_keys.h):
//   carrier  Screen, ScreenStream; GetDecision and ListDecisions of its own
//            verdicts only (another carrier's decision is NOT_FOUND). The
//            carrier id of its parcels is its principal name: a parcel with
//            no carrier_id gets it, one naming another carrier is refused
//            (PERMISSION_DENIED).
//   officer  GetDecision, ListDecisions (all carriers), ResolveHold.
//   admin    everything: WatchlistService, RulesService, and the above.
// A call without credentials, or with a key or certificate the file does not
// list, is UNAUTHENTICATED; a role that does not allow the method is
// PERMISSION_DENIED. grpc.health.v1 is never checked (it is served by gRPC
// itself); server reflection is not served while authentication is on.
// Refusals are counted in placi_auth_refused_total{reason} and logged as
// "auth_refused" events that name the principal, never a key.
//
// Authentication is opt-in: an Authorizer made with Off() allows every call
// as an unrestricted caller (the service as it was before authentication).
//
//   Authorizer auth = Authorizer::On(std::move(table), metrics.registry().get());
//   absl::StatusOr<Caller> caller = auth.Authorize(*context, Method::kScreen);
//   if (!caller.ok()) return ToGrpcStatus(caller.status());
#ifndef PLACI_SERVER_AUTH_H_
#define PLACI_SERVER_AUTH_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"
#include "server/api_keys.h"
#include "server/metrics.h"

namespace placi::server {

// The caller of one call, as far as authorization cares.
struct Caller {
  // nullopt when authentication is off: the caller may do everything.
  std::optional<Principal> principal;
  // The call it was authorized on, for the peer address of a later refusal
  // (carrier_mismatch, other_carrier) and a stream's re-check after a keys
  // reload (Authorizer::StillAuthorized); read only then, so that an allowed
  // call pays nothing for it. Outlives the Caller (a call's context outlives
  // its handler and reactor); null when authentication is off.
  const grpc::ServerContextBase* context = nullptr;
  // The Authorizer::generation() the caller was identified under: a long
  // call (a stream) re-checks its caller when the principals changed since.
  uint64_t generation = 0;

  // The carrier whose data alone this caller may touch; empty: all.
  std::string_view carrier() const {
    return principal && principal->role == Role::kCarrier ? std::string_view(principal->name)
                                                          : std::string_view();
  }
  // For logs: the principal name, or "" when authentication is off.
  std::string_view name() const {
    return principal ? std::string_view(principal->name) : std::string_view();
  }
};

// Whether `role` may call `method`.
bool RoleAllows(Role role, Method method);

// A long call (ScreenStream, WatchHolds) told at once when the principals
// are replaced, so that one whose credential was revoked ends then, not at
// its next message: an idle stream of a revoked key would otherwise stay
// open for as long as its client keeps it (review: session 16's L8 fix
// re-checked only at the next parcel).
class PrincipalsWatcher {
 public:
  // Called by Authorizer::ReplacePrincipals on the reloading thread (never a
  // gRPC reaction), after generation() advanced, under the authorizer's
  // lock of its watchers: it must not block (starting gRPC operations and
  // Finish is fine) nor add or remove watchers.
  virtual void OnPrincipalsReplaced() = 0;

 protected:
  ~PrincipalsWatcher() = default;
};

// Thread-safe; only ReplacePrincipals changes it.
class Authorizer {
 public:
  // Authentication off: every call is allowed.
  static std::unique_ptr<Authorizer> Off();
  // Authentication on with the callers of `principals`; refusals are counted
  // on `registry`, which outlives the authorizer.
  static std::unique_ptr<Authorizer> On(PrincipalTable principals, prometheus::Registry* registry);

  bool enabled() const { return enabled_; }

  // Puts `principals` in force (a rotated or revoked key, on SIGHUP),
  // advances generation() and tells every watcher (AddWatcher), on the
  // calling thread. Unary calls already authorized finish under their
  // caller; a stream re-checks its caller then (StillAuthorized) and, when
  // its credential is gone, ends. FAILED_PRECONDITION when authentication is
  // off: a reload cannot turn it on.
  absl::Status ReplacePrincipals(PrincipalTable principals);

  // `watcher` is told of every ReplacePrincipals from now on, until
  // RemoveWatcher(watcher) returns; after that it is neither being told nor
  // told again, so it may be deleted. Nothing happens when authentication is
  // off (no reload can happen). Not from inside OnPrincipalsReplaced.
  void AddWatcher(PrincipalsWatcher* watcher) const;
  void RemoveWatcher(PrincipalsWatcher* watcher) const;

  // Advanced by every ReplacePrincipals. A stream compares it with its
  // Caller::generation for each message (one atomic load) and calls
  // StillAuthorized only when it changed.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Whether the credentials `caller` was authorized with (its call's key or
  // certificate) still name the same principal, with the same role, in the
  // principals in force. UNAUTHENTICATED (counted and logged, reason
  // "revoked") when the credential is gone or now names another principal
  // or role: the stream ends, and the client opens a new one with a valid
  // key (review bb3 L8: a revoked key screened on for as long as its stream
  // stayed open). Read generation() before calling, and keep it as the one
  // checked when this is OK. The call's context must still be alive (before
  // the reactor's Finish).
  absl::Status StillAuthorized(const Caller& caller, Method method) const;

  // The caller of `context`, allowed to call `method`; UNAUTHENTICATED or
  // PERMISSION_DENIED (counted and logged) otherwise.
  absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context, Method method) const;

  // Checks the carrier_id a parcel of `caller` names (`payload`): a
  // carrier may leave it empty or name itself; PERMISSION_DENIED (counted,
  // reason "carrier_mismatch") when it names another carrier. The parcel is
  // then screened under caller.carrier() (ParcelIntake::Screen).
  absl::Status CheckParcelCarrier(const Caller& caller, std::string_view payload,
                                  Method method) const;

  // Whether `caller` may read a verdict of `verdict_carrier`. A refusal is
  // counted (reason "other_carrier"); the caller is told NOT_FOUND, so that
  // it learns nothing of other carriers' parcels.
  bool MayRead(const Caller& caller, std::string_view verdict_carrier, Method method) const;

  // Whether `caller` may read shadow verdicts (officers and admins: a
  // shadow ruleset is not the carriers' business). A carrier's refusal is
  // counted and logged as a role that does not allow it (reason
  // "wrong_role"), as every other PERMISSION_DENIED is (review bb2 L5).
  bool MayReadShadow(const Caller& caller, Method method) const;

 private:
  enum Reason {
    kNoCredentials,
    kBadCredentials,
    kWrongRole,
    kCarrierMismatch,
    kOtherCarrier,
    kRevoked,
    kReasonCount
  };

  explicit Authorizer(std::optional<PrincipalTable> principals);
  std::shared_ptr<const PrincipalTable> Principals() const;
  std::optional<Principal> Identify(const grpc::ServerContextBase& context, Reason* failure) const;
  void Refused(Reason reason, Method method, std::string_view principal,
               const std::string& peer) const;

  const bool enabled_;
  mutable absl::Mutex mu_;
  // Swapped whole by ReplacePrincipals; a call holds its own reference
  // while it looks its caller up. Null when authentication is off.
  std::shared_ptr<const PrincipalTable> principals_ ABSL_GUARDED_BY(mu_);
  // Advanced after each swap of principals_, so that a caller that reads a
  // generation before its table never pairs a new generation with an old
  // table.
  std::atomic<uint64_t> generation_{0};
  prometheus::Counter* refused_[kReasonCount] = {};
  // Held while watchers are told of a reload, so that RemoveWatcher waits
  // for a watcher being told. Taken before mu_ (a watcher's re-check reads
  // the principals), never after.
  mutable absl::Mutex watchers_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  mutable absl::flat_hash_set<PrincipalsWatcher*> watchers_ ABSL_GUARDED_BY(watchers_mu_);
};

}  // namespace placi::server

#endif  // PLACI_SERVER_AUTH_H_
