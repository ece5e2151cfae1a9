// A server under test as a child process: started with a port file, waited
// for until it serves (port file written, then grpc.health.v1 SERVING),
// measured (time to serving, resident memory) and stopped with SIGTERM.
// Works for placi-screen-server and placi-bench-baseline alike; both write
// "<grpc_port> <metrics_port>" to --port_file once serving.
//
//   auto server = ServerProcess::Start({.binary = path,
//                                       .args = {"--listen=127.0.0.1:0", ...},
//                                       .work_dir = tmp});
//   if (!server.ok()) ...
//   RunLoad((*server)->target(), ...);
//   (*server)->RssBytes();
//   (*server)->Stop();
#ifndef PLACI_TOOLS_BENCH_SERVER_PROCESS_H_
#define PLACI_TOOLS_BENCH_SERVER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace placi::bench {

class ServerProcess {
 public:
  struct Options {
    std::string binary;
    // Flags; --port_file=<work_dir>/<name>.port is added.
    std::vector<std::string> args;
    // Holds the port file and the log (<name>.log: the child's stdout and
    // stderr). Must exist.
    std::string work_dir;
    std::string name = "server";
    absl::Duration start_timeout = absl::Minutes(5);
  };

  // Starts the child and waits until it serves. DEADLINE_EXCEEDED after
  // start_timeout, FAILED_PRECONDITION when the child exits first (the
  // message ends with its log's last lines).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const Options& options);

  // Stops the child if still running.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  std::string target() const;  // "127.0.0.1:<port>"
  // From fork to health SERVING.
  absl::Duration start_time() const { return start_time_; }
  // VmRSS from /proc/<pid>/status; -1 when it cannot be read.
  int64_t RssBytes() const;
  // CPU time (user + system) the child has used so far; -1 when unknown.
  double CpuSeconds() const;
  const std::string& log_path() const { return log_path_; }

  // SIGTERM, then waits up to `timeout` (SIGKILL after it). INTERNAL when the
  // child did not exit 0. Idempotent.
  absl::Status Stop(absl::Duration timeout = absl::Seconds(30));

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  int port_ = 0;
  absl::Duration start_time_;
  std::string log_path_;
  bool stopped_ = false;
};

// grpc.health.v1.Health/Check of `service` ("" is the whole server) at
// `target`: whether it answers SERVING within `timeout`.
bool IsServing(const std::string& target, const std::string& service = "",
               absl::Duration timeout = absl::Seconds(2));

// Keeps gRPC's callback completion queue alive for the rest of the process.
// Where gRPC polls on a queue of its own ("nexting_thread", not epoll1's
// background poller), every channel that made a callback call holds that
// queue, and the last one to go shuts it down; a channel made right then
// can race the shutdown and crash in grpc_completion_queue_next (gRPC 1.51,
// seen about one placi-bench run in five). One channel that is never
// destroyed avoids the cycle. Call once, early; idempotent.
void HoldGrpcCallbackQueue();

// The last `lines` lines of a text file ("" when unreadable).
std::string TailOf(const std::string& path, int lines = 20);

}  // namespace placi::bench

#endif  // PLACI_TOOLS_BENCH_SERVER_PROCESS_H_
