// Servers under test as child processes; see server_process.h.
#include "tools/bench/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "grpc/grpc.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace placi::bench {
namespace {

// Reads "<grpc_port> <metrics_port>" once the file exists.
bool ReadPortFile(const std::string& path, int* port) {
  std::ifstream in(path);
  if (!in) return false;
  int grpc_port = 0;
  if (!(in >> grpc_port) || grpc_port <= 0) return false;
  *port = grpc_port;
  return true;
}

}  // namespace

bool IsServing(const std::string& target, const std::string& service, absl::Duration timeout) {
  auto channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  // HealthCheckRequest{service = 1: string}, written by hand: this tool
  // needs no generated code for the one field.
  std::string request_bytes;
  if (!service.empty()) {
    request_bytes.push_back(0x0a);
    request_bytes.push_back(static_cast<char>(service.size()));  // < 128 bytes here
    request_bytes += service;
  }
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(timeout));
  absl::Notification done;
  grpc::Status status;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request,
                 &response, [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return false;
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const grpc::Slice& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  // HealthCheckResponse{status = 1: enum}; SERVING = 1.
  return bytes == std::string("\x08\x01", 2);
}

void HoldGrpcCallbackQueue() {
  static const bool held = [] {
    grpc_init();
    // Nothing listens on port 1: the call fails at once, but it has made the
    // channel take its reference on the callback queue, for good.
    auto* channel = new std::shared_ptr<grpc::Channel>(
        grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()));
    grpc::GenericStub stub(*channel);
    grpc::Slice slice(std::string{});
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
    absl::Notification done;
    stub.UnaryCall(&context, "/placi.bench.Hold/Hold", grpc::StubOptions(), &request, &response,
                   [&](grpc::Status) { done.Notify(); });
    done.WaitForNotification();
    return true;
  }();
  (void)held;
}

std::string TailOf(const std::string& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string out;
  for (const std::string& l : last) absl::StrAppend(&out, l, "\n");
  return out;
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(const Options& options) {
  const std::string port_file = absl::StrCat(options.work_dir, "/", options.name, ".port");
  const std::string log_path = absl::StrCat(options.work_dir, "/", options.name, ".log");
  std::remove(port_file.c_str());

  std::vector<std::string> args = {options.binary};
  args.insert(args.end(), options.args.begin(), options.args.end());
  args.push_back("--port_file=" + port_file);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) return absl::InternalError(absl::StrCat("cannot create ", log_path));

  auto process = std::unique_ptr<ServerProcess>(new ServerProcess());
  process->log_path_ = log_path;
  const absl::Time start = absl::Now();
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    // The child: no orphan servers if the benchmark dies.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(argv[0], argv.data());
    std::fprintf(stderr, "cannot run %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  close(log_fd);
  process->pid_ = pid;

  const absl::Time deadline = start + options.start_timeout;
  while (true) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      process->stopped_ = true;
      return absl::FailedPreconditionError(
          absl::StrCat(options.binary, " exited before serving (status ", status, "):\n",
                       TailOf(log_path)));
    }
    if (process->port_ == 0) ReadPortFile(port_file, &process->port_);
    // The port file is written once health says SERVING; the check
    // confirms it.
    if (process->port_ != 0 && IsServing(process->target())) break;
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat(options.binary, " did not serve within ",
                       absl::FormatDuration(options.start_timeout), ":\n", TailOf(log_path)));
    }
    absl::SleepFor(absl::Milliseconds(2));
  }
  process->start_time_ = absl::Now() - start;
  return process;
}

ServerProcess::~ServerProcess() { Stop(absl::Seconds(10)).IgnoreError(); }

std::string ServerProcess::target() const { return absl::StrCat("127.0.0.1:", port_); }

int64_t ServerProcess::RssBytes() const {
  std::ifstream in(absl::StrCat("/proc/", pid_, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) != 0) continue;
    std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    int64_t kb = 0;
    if (parts.size() >= 2 && absl::SimpleAtoi(parts[1], &kb)) return kb * 1024;
  }
  return -1;
}

double ServerProcess::CpuSeconds() const {
  std::ifstream in(absl::StrCat("/proc/", pid_, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) in parentheses.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::vector<std::string> fields = absl::StrSplit(text.substr(close + 2), ' ');
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
  int64_t utime = 0, stime = 0;
  if (fields.size() < 14 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime)) {
    return -1;
  }
  return static_cast<double>(utime + stime) / sysconf(_SC_CLK_TCK);
}

absl::Status ServerProcess::Stop(absl::Duration timeout) {
  if (stopped_ || pid_ <= 0) return absl::OkStatus();
  stopped_ = true;
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + timeout;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (absl::Now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      return absl::InternalError(absl::StrCat("pid ", pid_, " did not stop within ",
                                              absl::FormatDuration(timeout), "; killed"));
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat("pid ", pid_, " ended with status ", status, ":\n",
                                            TailOf(log_path_)));
  }
  return absl::OkStatus();
}

}  // namespace placi::bench
