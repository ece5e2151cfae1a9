// placi-screen: the command-line client of placi-screen-server.
//
//   placi-screen [--target=127.0.0.1:50051] [--timeout_ms=10000] <command> ...
//
// See UsageText() below, or run `placi-screen --help`.
#include <fstream>
#include <iostream>
#include <sstream>
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
  decision list HOUSE_WAYBILL [--all|--limit=N]
                                    a house waybill's newest 1,000 verdicts (every one
                                    with --all, the newest N with --limit), oldest
                                    first; says so on stderr when older ones exist
  hold resolve HOUSE_WAYBILL --by=NAME [--note=TEXT] [--carrier_id=ID]
                                    lift the open hold on a house waybill (of that
                                    carrier; needed when several carriers hold it)
  hold watch [--carrier_id=ID] [--max=N]
                                    print each hold resolution as it happens (one
                                    verdict a line; "watching" on stderr once it
                                    watches) until interrupted, N printed, or
                                    --timeout_ms elapsed (then exit 0, saying on
                                    stderr "no hold resolved in N ms" or how many)
  keygen PRINCIPAL ROLE             a new API key (stdout line 1) and its line for the
                                    server's --api_keys_file (line 2); ROLE carrier,
                                    officer or admin; needs no server

flags:
  --target=HOST:PORT   server address (default 127.0.0.1:50051, env PLACI_SCREEN_TARGET)
  --timeout_ms=N       deadline of each call in ms (default 10000); bounds the whole
                       stream of `screen --stream` and `hold watch` only when given
  --api_key=KEY        sent as "authorization: Bearer KEY" (default env PLACI_API_KEY)
  --tls_ca=FILE        connect with TLS, trusting this PEM CA bundle
  --tls_cert=FILE      with --tls_key: client certificate for mutual TLS (PEM)
  --tls_key=FILE       private key of --tls_cert (PEM)
exit status: 0 ok, 1 an RPC or an input line failed, 2 usage error
)";

// The contents of a PEM file named by --`flag`; false when unreadable.
bool ReadPemFlag(const Cli& cli, const char* flag, std::string* out) {
  const std::string path = cli.args.Flag(flag);
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  *out = text.str();
  return true;
}

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
  const std::string& command = pos[0];
  std::vector<std::string> rest(pos.begin() + 1, pos.end());
  if (command == "keygen") return RunKeygen(cli, rest);

  const char* env_key = std::getenv("PLACI_API_KEY");
  cli.api_key = cli.args.Flag("api_key", env_key != nullptr ? env_key : "");
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (cli.args.Has("tls_ca") || cli.args.Has("tls_cert") || cli.args.Has("tls_key")) {
    if (cli.args.Has("tls_cert") != cli.args.Has("tls_key")) {
      return UsageError("--tls_cert and --tls_key go together");
    }
    grpc::SslCredentialsOptions tls;
    for (auto [flag, field] :
         {std::pair{"tls_ca", &tls.pem_root_certs}, std::pair{"tls_cert", &tls.pem_cert_chain},
          std::pair{"tls_key", &tls.pem_private_key}}) {
      if (cli.args.Has(flag) && !ReadPemFlag(cli, flag, field)) {
        return UsageError(std::string("cannot read --") + flag + " file " + cli.args.Flag(flag));
      }
    }
    credentials = grpc::SslCredentials(tls);
  }
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(64 << 20);
  cli.channel = grpc::CreateCustomChannel(cli.target, credentials, channel_args);

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
