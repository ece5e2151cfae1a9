// The load generator; see load_driver.h.
#include "tools/bench/load_driver.h"

#include <errno.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/grpcpp.h"
#include "placi/screening/v1/screening.grpc.pb.h"

namespace placi::bench {
namespace {

using Stub = pb::ScreeningService::Stub;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// CPU time (user + system) of this process so far.
double ProcessCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

// Sleeps until steady-clock time `ns` (steady_clock is CLOCK_MONOTONIC).
void SleepUntilNs(int64_t ns) {
  timespec ts;
  ts.tv_sec = ns / 1'000'000'000;
  ts.tv_nsec = ns % 1'000'000'000;
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
}

// What one reply was.
// kRefused: the server shed the parcel at once (RESOURCE_EXHAUSTED, its
// --max_in_flight bound); answered, but not a verdict, so kept out of the
// latency figures.
enum class Reply { kRelease, kHold, kParcelError, kRefused, kFailed, kUnmatched };

// Latencies and counts of the measured replies, sharded so that the gRPC
// callback threads rarely meet on a lock.
class Recorder {
 public:
  void Record(Reply reply, int64_t latency_ns) {
    Shard& shard = shards_[ShardIndex()];
    absl::MutexLock lock(&shard.mu);
    switch (reply) {
      case Reply::kRelease:
      case Reply::kHold:
        ++shard.verdicts;
        if (reply == Reply::kHold) ++shard.holds;
        shard.latency.Record(static_cast<uint64_t>(std::max<int64_t>(latency_ns, 0)));
        break;
      case Reply::kParcelError:
        ++shard.parcel_errors;
        shard.latency.Record(static_cast<uint64_t>(std::max<int64_t>(latency_ns, 0)));
        break;
      case Reply::kRefused:
        ++shard.refused;
        break;
      case Reply::kFailed:
        ++shard.failed;
        break;
      case Reply::kUnmatched:
        ++shard.unmatched;
        break;
    }
  }

  // Counts each reason code of a measured verdict once.
  void RecordReasons(const pb::Verdict& verdict) {
    Shard& shard = shards_[ShardIndex()];
    absl::MutexLock lock(&shard.mu);
    for (const pb::Reason& reason : verdict.reasons()) ++shard.reasons[reason.code()];
  }

  void CollectInto(LoadResult* result) {
    for (Shard& shard : shards_) {
      absl::MutexLock lock(&shard.mu);
      result->verdicts += shard.verdicts;
      result->holds += shard.holds;
      result->parcel_errors += shard.parcel_errors;
      result->refused += shard.refused;
      result->failed += shard.failed;
      result->unmatched += shard.unmatched;
      result->latency_ns.Merge(shard.latency);
      for (const auto& [code, n] : shard.reasons) result->reasons[code] += n;
    }
    result->received = result->verdicts + result->parcel_errors + result->refused;
  }

 private:
  static constexpr int kShards = 8;
  struct Shard {
    absl::Mutex mu;
    HdrHistogram latency ABSL_GUARDED_BY(mu);
    int64_t verdicts ABSL_GUARDED_BY(mu) = 0;
    int64_t holds ABSL_GUARDED_BY(mu) = 0;
    int64_t parcel_errors ABSL_GUARDED_BY(mu) = 0;
    int64_t refused ABSL_GUARDED_BY(mu) = 0;
    int64_t failed ABSL_GUARDED_BY(mu) = 0;
    int64_t unmatched ABSL_GUARDED_BY(mu) = 0;
    absl::flat_hash_map<std::string, int64_t> reasons ABSL_GUARDED_BY(mu);
  };
  static int ShardIndex() {
    static std::atomic<int> next{0};
    thread_local const int index = next.fetch_add(1) % kShards;
    return index;
  }
  std::array<Shard, kShards> shards_;
};

// The state of one run that every call and stream shares.
class Run {
 public:
  Run(const ParcelSource& parcels, const LoadOptions& options)
      : parcels_(parcels), options_(options) {
    t0_ = NowNs();
    measure_start_ = t0_ + absl::ToInt64Nanoseconds(options.warmup);
    measure_end_ = options.max_parcels > 0
                       ? std::numeric_limits<int64_t>::max()
                       : measure_start_ + absl::ToInt64Nanoseconds(options.duration);
  }

  const LoadOptions& options() const { return options_; }
  int64_t t0() const { return t0_; }
  int64_t measure_start() const { return measure_start_; }
  int64_t measure_end() const { return measure_end_; }
  Recorder& recorder() { return recorder_; }

  // Closed loop: may a parcel be sent now, and is it measured? Once this
  // says stop, it says stop for good. With `hold`, an admitted parcel is
  // counted outstanding before this returns (the caller then sends it
  // without Started()): counted first and checked after, against Stop()'s
  // flag, so that a drain that saw nothing outstanding after Stop() can
  // never meet a parcel admitted late.
  enum class Admit { kWarmup, kMeasured, kStop };
  Admit AdmitNow(bool hold = false) {
    if (hold) outstanding_.fetch_add(1);
    const Admit admit = Decide();
    if (hold && admit == Admit::kStop) Finished(1);
    return admit;
  }
  // No parcel is admitted after this.
  void Stop() { stopping_ = true; }

 private:
  Admit Decide() {
    if (stopping_.load()) return Admit::kStop;
    const int64_t now = NowNs();
    if (now < measure_start_) return Admit::kWarmup;
    if (now >= measure_end_) {
      stopping_ = true;
      return Admit::kStop;
    }
    if (options_.max_parcels > 0) {
      const int64_t n = measured_sent_.fetch_add(1);
      if (n >= options_.max_parcels) {
        measured_sent_.fetch_sub(1);
        stopping_ = true;
        return Admit::kStop;
      }
      return Admit::kMeasured;
    }
    measured_sent_.fetch_add(1);
    return Admit::kMeasured;
  }

 public:
  // Whether the closed loop has stopped admitting parcels (no side effect).
  bool Stopped() const {
    return stopping_.load(std::memory_order_relaxed) || NowNs() >= measure_end_;
  }
  // Open loop: the sender counts its own measured sends.
  void CountMeasuredSend() { measured_sent_.fetch_add(1); }
  int64_t measured_sent() const { return measured_sent_.load(); }
  int64_t total_sent() const { return static_cast<int64_t>(next_seq_.load()); }

  // The next parcel to send: a copy of the next template with fresh ids.
  void NextParcel(pb::Consignment* parcel, std::string* request_id) {
    const uint64_t seq = next_seq_.fetch_add(1);
    parcels_.ParcelAt(options_.first_parcel + seq, parcel);
    *request_id = absl::StrCat(options_.id_prefix, seq);
    parcel->set_request_id(*request_id);
    parcel->set_house_waybill(absl::StrCat("W", options_.id_prefix, seq));
  }

  // A reply (or loss) of a parcel sent at / due at `due_ns`.
  void Replied(Reply reply, int64_t due_ns, bool measured) {
    if (measured) {
      const int64_t now = NowNs();
      recorder_.Record(reply, now - due_ns);
      int64_t last = last_reply_ns_.load(std::memory_order_relaxed);
      while (now > last && !last_reply_ns_.compare_exchange_weak(last, now)) {
      }
    }
    Finished(1);
  }
  // A reply that matched no parcel: counted, and nothing is finished.
  void Unmatched() { recorder_.Record(Reply::kUnmatched, 0); }

  // Parcels in flight: sent and neither answered nor lost.
  void Started() { outstanding_.fetch_add(1); }
  void Finished(int64_t n) {
    const int64_t left = outstanding_.fetch_sub(n) - n;
    if (left == 0 || left == options_.max_outstanding - 1) {
      std::lock_guard<std::mutex> lock(wait_mu_);
      wait_cv_.notify_all();
    }
  }
  // Waits until fewer than `limit` parcels are outstanding, or the deadline.
  bool WaitOutstandingBelow(int64_t limit, int64_t deadline_ns) {
    std::unique_lock<std::mutex> lock(wait_mu_);
    const auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadline_ns));
    return wait_cv_.wait_until(lock, deadline, [&] { return outstanding_.load() < limit; });
  }
  int64_t outstanding() const { return outstanding_.load(); }
  int64_t last_reply_ns() const { return last_reply_ns_.load(); }

 private:
  const ParcelSource& parcels_;
  const LoadOptions& options_;
  int64_t t0_ = 0;
  int64_t measure_start_ = 0;
  int64_t measure_end_ = 0;
  Recorder recorder_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> next_seq_{0};
  std::atomic<int64_t> measured_sent_{0};
  std::atomic<int64_t> outstanding_{0};
  std::atomic<int64_t> last_reply_ns_{0};
  std::mutex wait_mu_;
  std::condition_variable wait_cv_;
};

Reply ReplyOf(const pb::Verdict& verdict) {
  return verdict.decision() == pb::DECISION_HOLD ? Reply::kHold : Reply::kRelease;
}

// --- Unary ------------------------------------------------------------------

// One Screen call in flight; deletes itself when answered.
struct UnaryCall {
  grpc::ClientContext context;
  pb::ScreenRequest request;
  pb::ScreenResponse response;
  std::string request_id;
  int64_t due_ns = 0;
  bool measured = false;
};

// Sends one parcel by Screen; `then` runs after its reply is recorded, on a
// gRPC thread.
template <typename Then>
void SendUnary(Run* run, Stub* stub, int64_t due_ns, bool measured, Then then) {
  auto* call = new UnaryCall;
  run->NextParcel(call->request.mutable_consignment(), &call->request_id);
  call->due_ns = due_ns;
  call->measured = measured;
  call->context.set_deadline(std::chrono::system_clock::now() +
                             absl::ToChronoNanoseconds(run->options().call_deadline));
  run->Started();
  stub->async()->Screen(&call->context, &call->request, &call->response,
                        [run, call, then = std::move(then)](grpc::Status status) mutable {
                          Reply reply = Reply::kFailed;
                          if (status.ok()) {
                            reply = ReplyOf(call->response.verdict());
                            if (call->measured && run->options().reason_stats) {
                              run->recorder().RecordReasons(call->response.verdict());
                            }
                            if (call->response.verdict().request_id() != call->request_id) {
                              run->Unmatched();
                            }
                          } else if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
                            reply = Reply::kParcelError;
                          } else if (status.error_code() ==
                                     grpc::StatusCode::RESOURCE_EXHAUSTED) {
                            reply = Reply::kRefused;
                          }
                          run->Replied(reply, call->due_ns, call->measured);
                          delete call;
                          then();
                        });
}

// Closed loop: one "slot" keeps one call in flight until the run stops.
class UnarySlot {
 public:
  UnarySlot(Run* run, Stub* stub, absl::Notification* done) : run_(run), stub_(stub), done_(done) {}
  void Next() {
    const Run::Admit admit = run_->AdmitNow();
    if (admit == Run::Admit::kStop) {
      done_->Notify();
      return;
    }
    SendUnary(run_, stub_, NowNs(), admit == Run::Admit::kMeasured, [this] { Next(); });
  }

 private:
  Run* const run_;
  Stub* const stub_;
  absl::Notification* const done_;
};

// --- Streams ----------------------------------------------------------------

// One ScreenStream call. Parcels are queued by Send (from the open-loop
// sender thread or from this stream's own OnReadDone) and written one at a
// time; replies are matched to parcels by request_id.
class StreamClient final
    : public grpc::ClientBidiReactor<pb::ScreenStreamRequest, pb::ScreenStreamResponse> {
 public:
  // Closed loop: called after each reply with this stream, on a gRPC thread.
  using OnReply = std::function<void(StreamClient*)>;

  StreamClient(Run* run, Stub* stub, OnReply on_reply) : run_(run), on_reply_(std::move(on_reply)) {
    stub->async()->ScreenStream(&context_, this);
    StartRead(&response_);
    // Sends come from outside reactions (the open-loop sender): the hold
    // keeps OnDone away until Close().
    AddHold();
    StartCall();
  }

  // `counted`: the parcel is already outstanding (Run::AdmitNow(true)).
  void Send(int64_t due_ns, bool measured, bool counted = false) {
    auto request = std::make_unique<pb::ScreenStreamRequest>();
    std::string request_id;
    run_->NextParcel(request->mutable_consignment(), &request_id);
    if (!counted) run_->Started();
    {
      absl::MutexLock lock(&mu_);
      if (!broken_ && !closing_) {
        pending_.emplace(std::move(request_id), Pending{due_ns, measured});
        queue_.push_back(std::move(request));
        if (!writing_) {
          writing_ = true;
          StartWrite(queue_.front().get());
        }
        return;
      }
    }
    run_->Replied(Reply::kFailed, due_ns, measured);  // the stream is gone
  }

  // No more sends: half-closes once the queue is written. Idempotent.
  void Close() {
    absl::MutexLock lock(&mu_);
    closing_ = true;
    MaybeFinishWritesLocked();
  }
  void Cancel() { context_.TryCancel(); }
  void WaitDone() { done_.WaitForNotification(); }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    queue_.pop_front();
    if (!ok) {
      BreakLocked();
      return;
    }
    if (!queue_.empty()) {
      StartWrite(queue_.front().get());
      return;
    }
    writing_ = false;
    MaybeFinishWritesLocked();
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      // The server finished the stream (after our half-close) or it broke.
      absl::MutexLock lock(&mu_);
      BreakLocked();
      return;
    }
    const std::string& id = response_.has_error() ? response_.error().request_id()
                                                  : response_.verdict().request_id();
    Reply reply = ReplyOf(response_.verdict());
    if (response_.has_error()) {
      reply = response_.error().code() == static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED)
                  ? Reply::kRefused
                  : Reply::kParcelError;
    }
    std::optional<Pending> matched;
    {
      absl::MutexLock lock(&mu_);
      auto it = pending_.find(id);
      if (it != pending_.end()) {
        matched = it->second;
        pending_.erase(it);
      }
    }
    if (matched && matched->measured && run_->options().reason_stats) {
      run_->recorder().RecordReasons(response_.verdict());
    }
    StartRead(&response_);  // response_ is not read below this line
    if (matched) {
      run_->Replied(reply, matched->due_ns, matched->measured);
    } else {
      run_->Unmatched();
    }
    if (on_reply_) on_reply_(this);
  }

  void OnDone(const grpc::Status& status) override {
    {
      absl::MutexLock lock(&mu_);
      BreakLocked();
    }
    done_.Notify();
  }

 private:
  struct Pending {
    int64_t due_ns;
    bool measured;
  };

  void MaybeFinishWritesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!closing_ || writing_ || writes_done_ || broken_) return;
    writes_done_ = true;
    StartWritesDone();
    ReleaseHoldLocked();
  }
  // The stream can carry no more parcels: those outstanding are lost.
  void BreakLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!broken_) {
      broken_ = true;
      for (const auto& [id, p] : pending_) run_->Replied(Reply::kFailed, p.due_ns, p.measured);
      pending_.clear();
    }
    ReleaseHoldLocked();
  }
  void ReleaseHoldLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (hold_released_) return;
    hold_released_ = true;
    RemoveHold();
  }

  Run* const run_;
  const OnReply on_reply_;
  grpc::ClientContext context_;
  pb::ScreenStreamResponse response_;  // one read in flight at a time
  absl::Notification done_;

  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Pending> pending_ ABSL_GUARDED_BY(mu_);
  std::deque<std::unique_ptr<pb::ScreenStreamRequest>> queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool writes_done_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool hold_released_ ABSL_GUARDED_BY(mu_) = false;
};

// --- The run ----------------------------------------------------------------

std::vector<std::shared_ptr<grpc::Channel>> Connect(const std::string& target, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < std::max(count, 1); ++i) {
    grpc::ChannelArguments args;
    // A subchannel pool of its own: a TCP connection per channel.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("placi.bench.channel", i);
    channels.push_back(
        grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

// The open-loop schedule: parcel n is due at t0 + n / rate. Sends each when
// due (or at once when behind) through `send`, until the measured phase has
// all its parcels.
template <typename Send>
void RunSchedule(Run* run, LoadResult* result, Send send) {
  const LoadOptions& options = run->options();
  prctl(PR_SET_TIMERSLACK, 1UL);  // wake up on time, not up to 50 µs late
  const double interval_ns = 1e9 / options.rate;
  for (uint64_t n = 0;; ++n) {
    const int64_t due = run->t0() + static_cast<int64_t>(std::llround(n * interval_ns));
    const bool measured = due >= run->measure_start();
    if (measured) {
      const bool done = options.max_parcels > 0 ? result->scheduled >= options.max_parcels
                                                : due >= run->measure_end();
      if (done) break;
      ++result->scheduled;
    }
    if (NowNs() < due) SleepUntilNs(due);
    if (run->outstanding() >= options.max_outstanding) {
      // Bounded: a server that answers nothing must not hang the run.
      run->WaitOutstandingBelow(options.max_outstanding,
                                NowNs() + absl::ToInt64Nanoseconds(options.drain_timeout));
    }
    if (measured) {
      run->CountMeasuredSend();
      result->max_send_lag_ns =
          std::max<uint64_t>(result->max_send_lag_ns, static_cast<uint64_t>(std::max<int64_t>(NowNs() - due, 0)));
    }
    send(n, due, measured);
  }
}

}  // namespace

ParcelSource ParcelSource::Generated(const ParcelGenerator::Options& options, size_t pool) {
  auto generator = std::make_shared<const ParcelGenerator>(options);
  auto parcels = std::make_shared<std::vector<pb::Consignment>>();
  parcels->reserve(pool);
  for (size_t i = 0; i < std::max<size_t>(pool, 1); ++i) parcels->push_back(generator->Parcel(i));
  return ParcelSource(std::move(parcels), std::move(generator));
}

ParcelSource ParcelSource::FromParcels(std::vector<pb::Consignment> parcels) {
  return ParcelSource(std::make_shared<const std::vector<pb::Consignment>>(std::move(parcels)),
                      nullptr);
}

absl::StatusOr<LoadResult> RunLoad(const std::string& target, const ParcelSource& parcels,
                                   const LoadOptions& options) {
  std::vector<std::shared_ptr<grpc::Channel>> channels = Connect(target, options.channels);
  std::vector<std::unique_ptr<Stub>> stubs;
  for (const auto& channel : channels) {
    if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                   absl::ToChronoNanoseconds(options.connect_timeout))) {
      return absl::UnavailableError(absl::StrCat("cannot connect to ", target));
    }
    stubs.push_back(pb::ScreeningService::NewStub(channel));
  }

  LoadResult result;
  const double cpu_start = ProcessCpuSeconds();
  Run run(parcels, options);
  const bool open_loop = options.rate > 0;

  if (options.api == LoadOptions::Api::kUnary) {
    if (open_loop) {
      size_t next_stub = 0;
      RunSchedule(&run, &result, [&](uint64_t, int64_t due, bool measured) {
        SendUnary(&run, stubs[next_stub++ % stubs.size()].get(), due, measured, [] {});
      });
    } else {
      const int slots = std::max(options.in_flight, 1);
      std::vector<std::unique_ptr<absl::Notification>> done;
      std::vector<std::unique_ptr<UnarySlot>> loop;
      for (int i = 0; i < slots; ++i) {
        done.push_back(std::make_unique<absl::Notification>());
        loop.push_back(
            std::make_unique<UnarySlot>(&run, stubs[i % stubs.size()].get(), done.back().get()));
      }
      for (auto& slot : loop) slot->Next();
      for (auto& d : done) d->WaitForNotification();  // calls have deadlines: this ends
    }
    // Every call ends by its deadline; the callbacks still touch `run`.
    while (!run.WaitOutstandingBelow(1, NowNs() + 1'000'000'000)) {
    }
  } else {
    const int count = std::max(options.streams, 1);
    std::vector<std::unique_ptr<StreamClient>> streams;
    StreamClient::OnReply on_reply;
    if (!open_loop) {
      // Streams are closed only after the drain below: a stream closed here
      // could race a Send that the main thread's first windows admitted.
      on_reply = [&run](StreamClient* stream) {
        const Run::Admit admit = run.AdmitNow(/*hold=*/true);
        if (admit != Run::Admit::kStop) {
          stream->Send(NowNs(), admit == Run::Admit::kMeasured, /*counted=*/true);
        }
      };
    }
    for (int i = 0; i < count; ++i) {
      streams.push_back(
          std::make_unique<StreamClient>(&run, stubs[i % stubs.size()].get(), on_reply));
    }
    if (open_loop) {
      RunSchedule(&run, &result, [&](uint64_t n, int64_t due, bool measured) {
        streams[n % streams.size()]->Send(due, measured);
      });
    } else {
      for (auto& stream : streams) {
        for (int w = 0; w < std::max(options.window, 1); ++w) {
          const Run::Admit admit = run.AdmitNow(/*hold=*/true);
          if (admit == Run::Admit::kStop) break;
          stream->Send(NowNs(), admit == Run::Admit::kMeasured, /*counted=*/true);
        }
      }
      // Wait for the closed loop to run out of time (or parcels).
      while (!run.Stopped()) absl::SleepFor(absl::Milliseconds(5));
      run.Stop();
    }
    const int64_t drain_deadline = NowNs() + absl::ToInt64Nanoseconds(options.drain_timeout);
    const bool drained = run.WaitOutstandingBelow(1, drain_deadline);
    for (auto& stream : streams) {
      if (!drained) stream->Cancel();
      stream->Close();
    }
    for (auto& stream : streams) stream->WaitDone();
  }

  run.recorder().CollectInto(&result);
  result.sent = run.measured_sent();
  result.total_sent = run.total_sent();
  result.client_cpu_seconds = ProcessCpuSeconds() - cpu_start;
  if (!open_loop) result.scheduled = 0;
  const int64_t last = run.last_reply_ns();
  result.elapsed_seconds = last > run.measure_start() ? (last - run.measure_start()) / 1e9 : 0;
  // Refusals are answers but not screening: they do not count as throughput.
  result.throughput = result.elapsed_seconds > 0
                          ? (result.verdicts + result.parcel_errors) / result.elapsed_seconds
                          : 0;
  return result;
}

}  // namespace placi::bench
