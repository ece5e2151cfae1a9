// placi-bench-baseline: the constant-verdict ScreeningService (see
// baseline_service.h) as a process, started by placi-bench beside the real
// server so that both pay the same process and scheduling costs.
//
//   placi-bench-baseline --listen=127.0.0.1:0 --port_file=/tmp/p
//
// Writes "<port> 0\n" to --port_file (atomically) once serving, like
// placi-screen-server; stops on SIGTERM or SIGINT, exit 0.
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "tools/bench/baseline_service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "gRPC address, host:port (port 0: any free)");
ABSL_FLAG(std::string, port_file, "", "If set, '<grpc_port> 0' is written here once serving");
ABSL_FLAG(int, max_receive_message_bytes, 4 * 1024 * 1024, "Largest request message accepted");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Constant-verdict ScreeningService: the baseline of placi-bench's figures.");
  absl::ParseCommandLine(argc, argv);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  placi::bench::BaselineScreeningService service;
  auto server = placi::bench::StartBaselineServer(
      absl::GetFlag(FLAGS_listen), &service, absl::GetFlag(FLAGS_max_receive_message_bytes));
  if (!server.ok()) {
    std::fprintf(stderr, "placi-bench-baseline: %s\n", server.status().ToString().c_str());
    return 2;
  }
  server->server->GetHealthCheckService()->SetServingStatus(true);
  if (const std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    const std::string tmp = path + ".tmp";
    std::ofstream(tmp, std::ios::trunc) << server->port << " 0\n";
    std::error_code error;
    std::filesystem::rename(tmp, path, error);
    if (error) {
      std::fprintf(stderr, "placi-bench-baseline: cannot write %s\n", path.c_str());
      return 2;
    }
  }
  std::fprintf(stderr, "placi-bench-baseline serving on port %d\n", server->port);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  server->server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  server->server->Wait();
  return 0;
}
