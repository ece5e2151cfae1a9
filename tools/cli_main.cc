// placi-screen: the command-line client of placi-screen-server.
//
//   placi-screen [--target=127.0.0.1:50051] [--timeout_ms=10000] <command> ...
//
// See UsageText() below, or run `placi-screen --help`.
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli.h"

namespace placi::tools {
namespace {

constexpr char kUsage[] = R"(usage: placi-screen [--target=HOST:PORT] [--timeout_ms=N] COMMAND ...

  screen [--stream] FILE|-          screen a JSON-lines manifest of Consignment; one
                                    verdict per line on stdout (compact proto3 JSON)
  watchlist import FILE|-           upsert WatchlistEntry JSON lines (batches of 1000)
  watchlist info                    entry count and version
  watchlist get ID                  one entry
  watchlist list [--kind=KIND] [--page_size=N]
                                    all entries (every page), one per line
  watchlist delete ID...            delete entries
  decision get DECISION_ID          one verdict from the decision log
  decision list HOUSE_WAYBILL       every verdict on a house waybill, oldest first
  hold resolve HOUSE_WAYBILL --by=NAME [--note=TEXT]
                                    lift the open hold on a house waybill

flags:
  --target=HOST:PORT   server address (default 127.0.0.1:50051, env PLACI_SCREEN_TARGET)
  --timeout_ms=N       deadline of each call in ms (default 10000); bounds the whole
                       stream of `screen --stream` only when given
exit status: 0 ok, 1 an RPC or an input line failed, 2 usage error
)";

}  // namespace

const char* UsageText() { return kUsage; }

}  // namespace placi::tools

int main(int argc, char** argv) {
  using namespace placi::tools;
  Cli cli;
  if (std::string error = cli.args.Parse(argc, argv); !error.empty()) return UsageError(error);
  if (cli.args.Has("help") || cli.args.Has("h")) {
    std::cout << UsageText();
    return kExitOk;
  }
  const char* env_target = std::getenv("PLACI_SCREEN_TARGET");
  cli.target = cli.args.Flag("target", env_target != nullptr ? env_target : "127.0.0.1:50051");
  if (cli.target.empty()) return UsageError("--target is empty");
  std::string error;
  if (!cli.args.IntFlag("timeout_ms", 10'000, &cli.timeout_ms, &error)) return UsageError(error);
  if (cli.timeout_ms == 0) return UsageError("--timeout_ms must be positive");
  cli.timeout_given = cli.args.Has("timeout_ms");

  const std::vector<std::string>& pos = cli.args.positional();
  if (pos.empty()) return UsageError("no command given");
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(64 << 20);
  cli.channel = grpc::CreateCustomChannel(cli.target, grpc::InsecureChannelCredentials(),
                                          channel_args);

  const std::string& command = pos[0];
  std::vector<std::string> rest(pos.begin() + 1, pos.end());
  if (command == "screen") return RunScreen(cli, rest);
  if (command == "watchlist") return RunWatchlist(cli, rest);
  if (command == "decision") return RunDecision(cli, rest);
  if (command == "hold") return RunHold(cli, rest);
  if (command == "help") {
    std::cout << UsageText();
    return kExitOk;
  }
  return UsageError("unknown command \"" + command + "\"");
}
