// The placi-screen-server binary as operators run it: SIGTERM stops it with
// exit code 0; a startup error is one line on stderr and exit code 2.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_env.h"

extern char** environ;

namespace placi::server::testing {
namespace {

// A child process of the server binary with stderr in a file.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::string& stderr_path) {
    std::vector<std::string> argv_storage = {PLACI_SERVER_BINARY};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(error, 0) << "spawn " << PLACI_SERVER_BINARY;
    if (error != 0) pid_ = -1;
  }
  ~Child() {
    if (pid_ > 0 && !exit_status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  pid_t pid() const { return pid_; }

  // The exit code once the child exited within `timeout`; -1 when it was
  // killed by a signal.
  std::optional<int> WaitExit(absl::Duration timeout) {
    WaitFor(
        [&] {
          int status = 0;
          if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
          }
          return exit_status_.has_value();
        },
        timeout);
    return exit_status_;
  }

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(MainBinaryTest, ServesThenStopsOnSigtermWithExitZero) {
  TempDir dir;
  const std::string port_file = dir.path() + "/ports";
  const std::string log = dir.path() + "/stderr";
  Child child({"--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
               "--data_dir=" + dir.path() + "/db", "--port_file=" + port_file,
               "--drain_seconds=0", "--shutdown_grace_seconds=2"},
              log);
  ASSERT_GT(child.pid(), 0);
  ASSERT_TRUE(WaitFor([&] { return !ReadFile(port_file).empty(); }, absl::Seconds(30)))
      << ReadFile(log);

  std::vector<std::string> ports = absl::StrSplit(ReadFile(port_file), absl::ByAnyChar(" \n"),
                                                  absl::SkipEmpty());
  ASSERT_EQ(ports.size(), 2u);
  std::optional<std::string> metrics = HttpGet(std::stoi(ports[1]), "/metrics");
  ASSERT_TRUE(metrics.has_value());
  // The demo watchlist is seeded by default.
  std::optional<double> entries = MetricValue(*metrics, "placi_watchlist_entries");
  ASSERT_TRUE(entries.has_value());
  EXPECT_GT(*entries, 0);

  auto channel = grpc::CreateChannel("127.0.0.1:" + ports[0], grpc::InsecureChannelCredentials());
  auto screening = pb::ScreeningService::NewStub(channel);
  grpc::ClientContext context;
  pb::ScreenResponse response;
  ASSERT_TRUE(screening->Screen(&context, ScreenRequestFor(CleanConsignment()), &response).ok());

  ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
  EXPECT_EQ(child.WaitExit(absl::Seconds(20)), std::optional<int>(0)) << ReadFile(log);
  const std::string stderr_text = ReadFile(log);
  EXPECT_TRUE(absl::StrContains(stderr_text, "placi-screen serving gRPC on 127.0.0.1:" + ports[0]))
      << stderr_text;
  EXPECT_TRUE(absl::StrContains(stderr_text, "placi-screen stopped")) << stderr_text;
}

TEST(MainBinaryTest, PortInUseIsOneLineAndExitTwo) {
  TempDir dir;
  auto first = ServerApp::Start(TestOptions(dir.path() + ""));
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string log = dir.path() + "/stderr";
  Child child({absl::StrCat("--listen=127.0.0.1:", (*first)->grpc_port()),
               "--metrics_listen=127.0.0.1:0", "--data_dir=" + dir.path() + "/db2"},
              log);
  ASSERT_GT(child.pid(), 0);
  EXPECT_EQ(child.WaitExit(absl::Seconds(30)), std::optional<int>(2));
  const std::string stderr_text = ReadFile(log);
  std::vector<std::string> lines = absl::StrSplit(stderr_text, '\n', absl::SkipEmpty());
  EXPECT_EQ(lines.size(), 1u) << stderr_text;
  EXPECT_TRUE(absl::StrContains(stderr_text, "address already in use")) << stderr_text;
}

TEST(MainBinaryTest, LockedDataDirIsOneLineAndExitTwo) {
  TempDir dir;
  ServerOptions options = TestOptions(dir.path());
  auto first = ServerApp::Start(options);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string log = dir.path() + "/stderr";
  Child child({"--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
               "--data_dir=" + options.data_dir},
              log);
  ASSERT_GT(child.pid(), 0);
  EXPECT_EQ(child.WaitExit(absl::Seconds(30)), std::optional<int>(2));
  const std::string stderr_text = ReadFile(log);
  std::vector<std::string> lines = absl::StrSplit(stderr_text, '\n', absl::SkipEmpty());
  EXPECT_EQ(lines.size(), 1u) << stderr_text;
  EXPECT_TRUE(absl::StrContains(stderr_text, "cannot open data dir")) << stderr_text;
}

}  // namespace
}  // namespace placi::server::testing

namespace placi::server::testing {
namespace {

std::string RulesVersion(pb::RulesService::Stub* rules) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  pb::GetRulesResponse response;
  if (!rules->GetRules(&context, pb::GetRulesRequest(), &response).ok()) return "";
  return response.ruleset_version();
}

TEST(MainBinaryTest, FlagsComeFromPlaciVariablesAndSighupReloadsTheRules) {
  TempDir dir;
  const std::string port_file = dir.path() + "/ports";
  const std::string log = dir.path() + "/stderr";
  const std::string rules = dir.path() + "/rules.textproto";
  std::ofstream(rules) << "version: \"env-1\"\n";
  // Set for the child only: it inherits the environment at spawn.
  setenv("PLACI_RULES", rules.c_str(), 1);
  setenv("PLACI_DATA_DIR", (dir.path() + "/db").c_str(), 1);
  setenv("PLACI_LISTEN", "127.0.0.1:1", 1);  // the command line below wins
  Child child({"--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0", "--port_file=" + port_file,
               "--drain_seconds=0", "--shutdown_grace_seconds=2"},
              log);
  unsetenv("PLACI_RULES");
  unsetenv("PLACI_DATA_DIR");
  unsetenv("PLACI_LISTEN");
  ASSERT_GT(child.pid(), 0);
  ASSERT_TRUE(WaitFor([&] { return !ReadFile(port_file).empty(); }, absl::Seconds(30)))
      << ReadFile(log);
  std::vector<std::string> ports = absl::StrSplit(ReadFile(port_file), absl::ByAnyChar(" \n"),
                                                  absl::SkipEmpty());
  ASSERT_EQ(ports.size(), 2u);
  auto channel = grpc::CreateChannel("127.0.0.1:" + ports[0], grpc::InsecureChannelCredentials());
  auto rules_service = pb::RulesService::NewStub(channel);
  EXPECT_EQ(RulesVersion(rules_service.get()), "env-1");
  EXPECT_TRUE(std::ifstream(dir.path() + "/db/CURRENT").good()) << "PLACI_DATA_DIR not used";

  std::ofstream(rules) << "version: \"env-2\"\n";
  ASSERT_EQ(kill(child.pid(), SIGHUP), 0);
  EXPECT_TRUE(WaitFor([&] { return RulesVersion(rules_service.get()) == "env-2"; }))
      << ReadFile(log);

  ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
  EXPECT_EQ(child.WaitExit(absl::Seconds(20)), std::optional<int>(0)) << ReadFile(log);
  EXPECT_TRUE(absl::StrContains(ReadFile(log), "rules reloaded from")) << ReadFile(log);
}

}  // namespace
}  // namespace placi::server::testing
