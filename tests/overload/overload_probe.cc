// Offers Screen calls to a server at a fixed rate (open loop: a call is sent
// on schedule whether or not earlier ones were answered, as independent
// carriers would), each with a deadline, and reports what came back: the
// rate served, the p50/p99 latency of served calls, refusals by code.
//
//   overload_probe --server=build/server/placi-screen-server --rate=20000 --seconds=10
//   overload_probe --target=127.0.0.1:50051 --rate=5000
//
// With --server it starts that binary on a temp data dir (ports 0) with
// --server_args, and stops it with SIGTERM at the end. Prints one JSON line.
// Exit code 0 unless the probe itself fails (the figures are for people and
// for --max_p99_ms / --min_served checks).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "placi/convert/convert.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "tests/test_util/parcels.h"

extern char** environ;

ABSL_FLAG(std::string, target, "", "host:port of a running server");
ABSL_FLAG(std::string, server, "", "server binary to start instead of --target");
ABSL_FLAG(std::string, server_args, "", "extra server flags, space separated");
ABSL_FLAG(double, rate, 2000, "calls offered per second");
ABSL_FLAG(double, seconds, 5, "how long to offer calls");
ABSL_FLAG(int, deadline_ms, 1000, "deadline of each call");
ABSL_FLAG(int, channels, 8, "channels (connections) the calls are spread over");
ABSL_FLAG(int, max_outstanding, 200000, "calls in flight at most on the client side");
ABSL_FLAG(double, max_p99_ms, 0, "if > 0: exit 1 when the p99 of served calls is higher");
ABSL_FLAG(double, min_served, 0, "if > 0: exit 1 when fewer calls per second were served");

namespace pb = ::placi::screening::v1;

namespace {

struct Stats {
  absl::Mutex mu;
  std::vector<double> ok_ms ABSL_GUARDED_BY(mu);
  std::map<std::string, int64_t> codes ABSL_GUARDED_BY(mu);
};

struct Call {
  grpc::ClientContext context;
  pb::ScreenRequest request;
  pb::ScreenResponse response;
  absl::Time start;
};

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t i = static_cast<size_t>(p * (v.size() - 1));
  std::nth_element(v.begin(), v.begin() + i, v.end());
  return v[i];
}

// The server binary as a child, on a temp data dir, ports from --port_file.
class ServerChild {
 public:
  bool Start(const std::string& binary, const std::string& extra, std::string* target) {
    char pattern[] = "/tmp/placi_overload_XXXXXX";
    if (mkdtemp(pattern) == nullptr) return false;
    dir_ = pattern;
    const std::string port_file = dir_ + "/ports";
    std::vector<std::string> args = {binary,
                                     "--listen=127.0.0.1:0",
                                     "--metrics_listen=127.0.0.1:0",
                                     "--data_dir=" + dir_ + "/db",
                                     "--port_file=" + port_file,
                                     "--drain_seconds=0",
                                     "--shutdown_grace_seconds=2",
                                     "--seed_watchlist=none"};
    for (absl::string_view a : absl::StrSplit(extra, ' ', absl::SkipEmpty())) {
      args.emplace_back(a);
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = dir_ + "/server.log";
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) return false;
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (absl::Now() < deadline) {
      std::ifstream in(port_file);
      std::string grpc_port;
      if (in >> grpc_port) {
        *target = "127.0.0.1:" + grpc_port;
        return true;
      }
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }
  ~ServerChild() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

 private:
  pid_t pid_ = -1;
  std::string dir_;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::string target = absl::GetFlag(FLAGS_target);
  ServerChild child;
  if (!absl::GetFlag(FLAGS_server).empty()) {
    if (!child.Start(absl::GetFlag(FLAGS_server), absl::GetFlag(FLAGS_server_args), &target)) {
      std::fprintf(stderr, "overload_probe: cannot start %s\n",
                   absl::GetFlag(FLAGS_server).c_str());
      return 2;
    }
  }
  if (target.empty()) {
    std::fprintf(stderr, "overload_probe: --target or --server is required\n");
    return 2;
  }

  std::vector<std::unique_ptr<pb::ScreeningService::Stub>> stubs;
  for (int i = 0; i < absl::GetFlag(FLAGS_channels); ++i) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", i);  // distinct channels, not one shared subchannel
    stubs.push_back(pb::ScreeningService::NewStub(
        grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args)));
  }
  // Warm up: connect every channel.
  for (auto& stub : stubs) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context.set_wait_for_ready(true);
    pb::ScreenRequest request;
    placi::convert::ConsignmentToProto(placi::testing::CleanParcel("HAWB-WARM"),
                                       request.mutable_consignment());
    pb::ScreenResponse response;
    grpc::Status status = stub->Screen(&context, request, &response);
    if (!status.ok()) {
      std::fprintf(stderr, "overload_probe: warm-up call failed: %s\n",
                   status.error_message().c_str());
      return 2;
    }
  }

  const double rate = absl::GetFlag(FLAGS_rate);
  const int64_t total = static_cast<int64_t>(rate * absl::GetFlag(FLAGS_seconds));
  const auto deadline = std::chrono::milliseconds(absl::GetFlag(FLAGS_deadline_ms));
  const int max_outstanding = absl::GetFlag(FLAGS_max_outstanding);
  Stats stats;
  std::atomic<int64_t> outstanding{0};
  int64_t offered = 0, skipped = 0;
  pb::Consignment base;
  placi::convert::ConsignmentToProto(placi::testing::CleanParcel(), &base);

  const absl::Time begin = absl::Now();
  for (int64_t i = 0; i < total; ++i) {
    const absl::Time due = begin + absl::Seconds(i / rate);
    const absl::Duration wait = due - absl::Now();
    if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    if (outstanding.load() >= max_outstanding) {
      ++skipped;
      continue;
    }
    ++offered;
    auto* call = new Call;
    *call->request.mutable_consignment() = base;
    call->request.mutable_consignment()->set_house_waybill(absl::StrCat("HAWB-OVL-", i));
    call->request.mutable_consignment()->set_request_id(absl::StrCat("ovl-", i));
    call->request.mutable_consignment()->mutable_consignee()->set_email(
        absl::StrCat("c", i % 5000, "@example.de"));
    call->context.set_deadline(std::chrono::system_clock::now() + deadline);
    call->start = absl::Now();
    outstanding.fetch_add(1);
    stubs[i % stubs.size()]->async()->Screen(
        &call->context, &call->request, &call->response,
        [call, &stats, &outstanding](grpc::Status status) {
          const double ms = absl::ToDoubleMilliseconds(absl::Now() - call->start);
          {
            absl::MutexLock lock(&stats.mu);
            if (status.ok()) stats.ok_ms.push_back(ms);
            ++stats.codes[CodeName(status.error_code())];
          }
          delete call;
          outstanding.fetch_sub(1);
        });
  }
  const absl::Duration offering = absl::Now() - begin;
  // Every call ends by its deadline at the latest.
  while (outstanding.load() > 0) absl::SleepFor(absl::Milliseconds(10));

  absl::MutexLock lock(&stats.mu);
  const double seconds = absl::ToDoubleSeconds(offering);
  const double served = stats.ok_ms.size() / seconds;
  const double p50 = Percentile(stats.ok_ms, 0.50);
  const double p99 = Percentile(stats.ok_ms, 0.99);
  const double max = stats.ok_ms.empty() ? 0 : *std::max_element(stats.ok_ms.begin(), stats.ok_ms.end());
  std::string codes;
  for (const auto& [code, n] : stats.codes) {
    absl::StrAppend(&codes, codes.empty() ? "" : ",", "\"", code, "\":", n);
  }
  std::printf(
      "{\"offered_per_s\":%.0f,\"served_per_s\":%.0f,\"served_p50_ms\":%.2f,"
      "\"served_p99_ms\":%.2f,\"served_max_ms\":%.2f,\"deadline_ms\":%d,\"offered\":%lld,"
      "\"client_skipped\":%lld,\"codes\":{%s}}\n",
      offered / seconds, served, p50, p99, max, absl::GetFlag(FLAGS_deadline_ms),
      static_cast<long long>(offered), static_cast<long long>(skipped), codes.c_str());
  if (absl::GetFlag(FLAGS_max_p99_ms) > 0 && p99 > absl::GetFlag(FLAGS_max_p99_ms)) return 1;
  if (absl::GetFlag(FLAGS_min_served) > 0 && served < absl::GetFlag(FLAGS_min_served)) return 1;
  return 0;
}
