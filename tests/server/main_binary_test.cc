// The placi-screen-server binary as operators run it: SIGTERM stops it with
// exit code 0; a startup error is one line on stderr and exit code 2.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
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
  // `prefix`, if given, runs the binary (e.g. {"setpriv", "--reuid=65534", ...}).
  Child(const std::vector<std::string>& args, const std::string& stderr_path,
        const std::vector<std::string>& prefix = {}) {
    std::vector<std::string> argv_storage = prefix;
    argv_storage.push_back(PLACI_SERVER_BINARY);
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int error = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(error, 0) << "spawn " << argv[0];
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
  // The file's version with a digest of its rules (server/ruleset_label.h).
  EXPECT_TRUE(absl::StartsWith(RulesVersion(rules_service.get()), "env-1+sha256:"));
  EXPECT_TRUE(std::ifstream(dir.path() + "/db/CURRENT").good()) << "PLACI_DATA_DIR not used";

  std::ofstream(rules) << "version: \"env-2\"\n";
  ASSERT_EQ(kill(child.pid(), SIGHUP), 0);
  EXPECT_TRUE(WaitFor(
      [&] { return absl::StartsWith(RulesVersion(rules_service.get()), "env-2+sha256:"); }))
      << ReadFile(log);

  ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
  EXPECT_EQ(child.WaitExit(absl::Seconds(20)), std::optional<int>(0)) << ReadFile(log);
  EXPECT_TRUE(absl::StrContains(ReadFile(log), "rules reloaded from")) << ReadFile(log);
}

}  // namespace
}  // namespace placi::server::testing

// Startup refusals: each is one line on stderr naming the problem, and exit
// code 2, before anything listens.
namespace placi::server::testing {
namespace {

struct Refusal {
  int exit_code = -1;
  std::string stderr_text;
  std::vector<std::string> lines;
};

Refusal StartExpectingRefusal(const TempDir& dir, const std::vector<std::string>& flags,
                              const std::vector<std::string>& prefix = {}) {
  const std::string log = dir.path() + "/refusal.stderr";
  std::vector<std::string> args = {"--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
                                   "--port_file=" + dir.path() + "/ports"};
  args.insert(args.end(), flags.begin(), flags.end());
  Child child(args, log, prefix);
  Refusal refusal;
  refusal.exit_code = child.WaitExit(absl::Seconds(30)).value_or(-100);
  refusal.stderr_text = ReadFile(log);
  refusal.lines = absl::StrSplit(refusal.stderr_text, '\n', absl::SkipEmpty());
  EXPECT_FALSE(std::ifstream(dir.path() + "/ports").good()) << "it served";
  return refusal;
}

#define EXPECT_REFUSED(refusal, text)                                                    \
  do {                                                                                   \
    EXPECT_EQ((refusal).exit_code, 2) << (refusal).stderr_text;                          \
    EXPECT_EQ((refusal).lines.size(), 1u) << (refusal).stderr_text;                      \
    EXPECT_TRUE(absl::StrContains((refusal).stderr_text, text)) << (refusal).stderr_text; \
  } while (0)

// A database made by a real start, then stopped.
std::string MakeDatabase(const TempDir& dir) {
  ServerOptions options = TestOptions(dir.path());
  auto app = ServerApp::Start(options);
  EXPECT_TRUE(app.ok()) << app.status();
  if (app.ok()) (*app)->Shutdown();
  return options.data_dir;
}

TEST(MainBinaryRefusalTest, CorruptCurrentFile) {
  TempDir dir;
  const std::string db = MakeDatabase(dir);
  std::ofstream(db + "/CURRENT", std::ios::trunc) << "garbage-without-newline";
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + db});
  EXPECT_REFUSED(refusal, "data dir " + db + " is corrupted");
}

TEST(MainBinaryRefusalTest, CorruptManifest) {
  TempDir dir;
  const std::string db = MakeDatabase(dir);
  std::string current = ReadFile(db + "/CURRENT");
  while (!current.empty() && current.back() == '\n') current.pop_back();
  ASSERT_FALSE(current.empty());
  // Same size, other bytes: the records' checksums fail.
  const std::string manifest = db + "/" + current;
  const std::string bytes = ReadFile(manifest);
  ASSERT_GT(bytes.size(), 16u);
  std::ofstream(manifest, std::ios::trunc | std::ios::binary) << std::string(bytes.size(), '\x5a');
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + db});
  EXPECT_REFUSED(refusal, "data dir " + db + " is corrupted");
}

TEST(MainBinaryRefusalTest, DataDirThatIsAFile) {
  TempDir dir;
  const std::string file = dir.path() + "/not-a-dir";
  std::ofstream(file) << "x";
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + file});
  EXPECT_REFUSED(refusal, "data dir " + file);
}

TEST(MainBinaryRefusalTest, MissingDataDirThatCannotBeCreated) {
  TempDir dir;
  const std::string file = dir.path() + "/a-file";
  std::ofstream(file) << "x";
  // Its parent is a regular file: the directory is missing and cannot be made.
  const std::string db = file + "/rocksdb";
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + db});
  EXPECT_REFUSED(refusal, "cannot create data dir " + db);
}

TEST(MainBinaryRefusalTest, UnwritableDataDir) {
  TempDir dir;
  // An empty directory the server may not write: mode 0555, and the server
  // run as nobody when the test runs as root (whom modes do not stop).
  const std::string db = dir.path() + "/readonly";
  std::filesystem::create_directories(db);
  std::filesystem::permissions(dir.path(), std::filesystem::perms(0777));
  std::filesystem::permissions(db, std::filesystem::perms(0555));
  std::vector<std::string> prefix;
  if (geteuid() == 0) {
    if (access("/usr/bin/setpriv", X_OK) != 0) GTEST_SKIP() << "root without setpriv";
    prefix = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + db}, prefix);
  EXPECT_REFUSED(refusal, "cannot open data dir " + db);
  EXPECT_TRUE(absl::StrContains(refusal.stderr_text, "Permission denied")) << refusal.stderr_text;
  std::filesystem::permissions(db, std::filesystem::perms(0755));
}

TEST(MainBinaryRefusalTest, DirectoryOfOtherFiles) {
  TempDir dir;
  const std::string db = dir.path() + "/home";
  std::filesystem::create_directories(db);
  std::ofstream(db + "/notes.txt") << "mine";
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + db});
  EXPECT_REFUSED(refusal, "is not a RocksDB database");
}

TEST(MainBinaryRefusalTest, RulesFileWithASyntaxError) {
  TempDir dir;
  const std::string rules = dir.path() + "/rules.textproto";
  std::ofstream(rules) << "version: \"bad-1\"\nhold_score_threshold: \"sixty\"\n";
  Refusal refusal =
      StartExpectingRefusal(dir, {"--data_dir=" + dir.path() + "/db", "--rules=" + rules});
  EXPECT_REFUSED(refusal, rules);
  EXPECT_TRUE(absl::StrContains(refusal.stderr_text, "line 2")) << refusal.stderr_text;
}

TEST(MainBinaryRefusalTest, RulesFileWithAValueOutOfRange) {
  TempDir dir;
  const std::string rules = dir.path() + "/rules.textproto";
  std::ofstream(rules) << "version: \"bad-2\"\nmax_risk_score: -5\n";
  Refusal refusal =
      StartExpectingRefusal(dir, {"--data_dir=" + dir.path() + "/db", "--rules=" + rules});
  EXPECT_REFUSED(refusal, "max_risk_score");
}

TEST(MainBinaryRefusalTest, MissingRulesFile) {
  TempDir dir;
  const std::string rules = dir.path() + "/no-such-rules.textproto";
  Refusal refusal =
      StartExpectingRefusal(dir, {"--data_dir=" + dir.path() + "/db", "--rules=" + rules});
  EXPECT_REFUSED(refusal, rules);
}

TEST(MainBinaryRefusalTest, KeysFileWithABadLineFromItsVariable) {
  TempDir dir;
  const std::string keys = dir.path() + "/keys.txt";
  std::ofstream(keys) << "# principals\n" << std::string(64, 'a') << " carrier-a\n";
  setenv("PLACI_API_KEYS_FILE", keys.c_str(), 1);
  Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + dir.path() + "/db"});
  unsetenv("PLACI_API_KEYS_FILE");
  EXPECT_REFUSED(refusal, keys + ":2: want 3 fields");
}

TEST(MainBinaryRefusalTest, TlsCertificateThatIsNotPem) {
  TempDir dir;
  const std::string cert = dir.path() + "/tls.crt";
  std::ofstream(cert) << "not a certificate\n";
  Refusal refusal = StartExpectingRefusal(
      dir, {"--data_dir=" + dir.path() + "/db", "--tls_cert=" + cert, "--tls_key=" + cert});
  EXPECT_REFUSED(refusal, "--tls_cert file " + cert + " is not PEM");
}

TEST(MainBinaryRefusalTest, MetricsPortInUse) {
  TempDir dir;
  auto first = ServerApp::Start(TestOptions(dir.path()));
  ASSERT_TRUE(first.ok()) << first.status();
  Refusal refusal = StartExpectingRefusal(
      dir, {"--data_dir=" + dir.path() + "/db2",
            absl::StrCat("--metrics_listen=127.0.0.1:", (*first)->metrics_port())});
  EXPECT_REFUSED(refusal, absl::StrCat("127.0.0.1:", (*first)->metrics_port()));
}

// Flags out of range stop the start with one line naming the flag (a
// review started a server with --hold_score_threshold=-5: every parcel held).
TEST(MainBinaryRefusalTest, FlagsOutOfRange) {
  for (const char* flag : {"--hold_score_threshold=-5", "--hold_score_threshold=0",
                           "--hold_score_threshold=1000", "--drain_seconds=-1",
                           "--shutdown_grace_seconds=nan", "--min_client_ping_seconds=-1",
                           "--min_client_ping_seconds=7200", "--screening_threads=100000"}) {
    TempDir dir;
    Refusal refusal = StartExpectingRefusal(dir, {"--data_dir=" + dir.path() + "/db", flag});
    const std::string name(absl::string_view(flag).substr(0, absl::string_view(flag).find('=')));
    EXPECT_REFUSED(refusal, name + " must be within");
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/db")) << flag;
  }
}

// A start that cannot serve stops before the data dir is created (review bb3
// L1: --listen equal to --metrics_listen failed on the second listener after
// seeding the demo watchlist, which a later start kept; 0 snapshot records
// was refused by the store after it created the directory).
TEST(MainBinaryRefusalTest, OnePortForBothListenersAndZeroSnapshotRecords) {
  const int port = [] {
    TempDir probe;
    auto app = ServerApp::Start(TestOptions(probe.path()));
    EXPECT_TRUE(app.ok()) << app.status();
    const int free_port = app.ok() ? (*app)->metrics_port() : 1;
    if (app.ok()) (*app)->Shutdown();
    return free_port;  // free again once the probe server stopped
  }();
  const std::string same = absl::StrCat("127.0.0.1:", port);
  const struct {
    std::vector<std::string> flags;
    std::string says;
  } cases[] = {
      {{"--listen=" + same, "--metrics_listen=" + same}, "are one port"},
      {{"--listen=" + same, absl::StrCat("--metrics_listen=0.0.0.0:", port)}, "are one port"},
      {{"--window_snapshot_records=0"}, "--window_snapshot_records must be positive"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    std::vector<std::string> flags = {"--data_dir=" + dir.path() + "/db"};
    flags.insert(flags.end(), c.flags.begin(), c.flags.end());
    Refusal refusal = StartExpectingRefusal(dir, flags);
    EXPECT_REFUSED(refusal, c.says);
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/db")) << c.says;
  }
}

// A duration out of range is quoted in seconds, as the flag is given (a
// review's --drain_seconds=4000 was reported as "got 1h6m40s").
TEST(MainBinaryRefusalTest, ADurationOutOfRangeIsQuotedInSeconds) {
  TempDir dir;
  Refusal refusal =
      StartExpectingRefusal(dir, {"--data_dir=" + dir.path() + "/db", "--drain_seconds=4000"});
  EXPECT_REFUSED(refusal, "--drain_seconds must be within 0..3600 seconds, got 4000");
}

// A flag that does not parse (unknown, or not a number) is refused by the
// flag parser before anything starts, with exit code 1 as README says; a
// start that cannot succeed is 2 (above).
TEST(MainBinaryRefusalTest, AFlagThatDoesNotParseExitsOne) {
  for (const char* flag : {"--no_such_flag=1", "--max_in_flight=many"}) {
    TempDir dir;
    const std::string log = dir.path() + "/stderr";
    Child child({"--data_dir=" + dir.path() + "/db", "--listen=127.0.0.1:0",
                 "--metrics_listen=127.0.0.1:0", flag},
                log);
    EXPECT_EQ(child.WaitExit(absl::Seconds(30)), std::optional<int>(1)) << flag;
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/db")) << flag;
  }
}

// --help lists the server's flags (Abseil looked for them in a file named
// after the binary and printed "No flags matched").
TEST(MainBinaryTest, HelpListsTheFlags) {
  FILE* pipe = popen((std::string(PLACI_SERVER_BINARY) + " --help 2>&1").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string text;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) text.append(buffer, n);
  pclose(pipe);
  EXPECT_FALSE(absl::StrContains(text, "No flags matched")) << text;
  for (const char* flag : {"--listen", "--data_dir", "--hold_score_threshold", "--api_keys_file"}) {
    EXPECT_TRUE(absl::StrContains(text, flag)) << flag << "\n" << text;
  }
  EXPECT_TRUE(absl::StrContains(text, "README.md")) << text;
}

}  // namespace
}  // namespace placi::server::testing
