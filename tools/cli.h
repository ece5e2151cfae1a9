// Shared state and helpers of the placi-screen subcommands: the channel, the
// per-call deadline, exit codes and the "error: <CODE>: <message>" format.
#ifndef PLACI_TOOLS_CLI_H_
#define PLACI_TOOLS_CLI_H_

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "tools/cli_args.h"

namespace placi::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // an RPC failed or input was bad
inline constexpr int kExitUsage = 2;  // the command line was wrong

struct Cli {
  CliArgs args;
  std::string target;
  long long timeout_ms = 10'000;
  bool timeout_given = false;  // --timeout_ms on the command line
  std::shared_ptr<grpc::Channel> channel;
  // --api_key or $PLACI_API_KEY; sent as "authorization: Bearer KEY".
  std::string api_key;

  // Sets the credentials and the deadline of one unary call.
  void Prepare(grpc::ClientContext* context) const {
    PrepareStream(context);
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::milliseconds(timeout_ms));
  }
  // The credentials of a stream, and its deadline only if --timeout_ms was given.
  void PrepareStream(grpc::ClientContext* context) const {
    if (!api_key.empty()) context->AddMetadata("authorization", "Bearer " + api_key);
    if (timeout_given) {
      context->set_deadline(std::chrono::system_clock::now() +
                            std::chrono::milliseconds(timeout_ms));
    }
  }
};

// "INVALID_ARGUMENT", "NOT_FOUND", …
std::string CodeName(grpc::StatusCode code);

// Prints "error: <CODE>: <message>" to stderr and returns kExitError.
int RpcError(const grpc::Status& status);

// Prints "usage error: <message>" and the usage text to stderr; returns kExitUsage.
int UsageError(const std::string& message);

// kExitUsage (after printing) when a flag outside the global ones and
// `own_flags` was given; kExitOk otherwise.
int CheckFlags(const Cli& cli, const std::set<std::string>& own_flags);

const char* UsageText();

// Subcommands. `args` are the positionals after the subcommand word.
int RunScreen(const Cli& cli, const std::vector<std::string>& args);
int RunWatchlist(const Cli& cli, const std::vector<std::string>& args);
int RunDecision(const Cli& cli, const std::vector<std::string>& args);
int RunHold(const Cli& cli, const std::vector<std::string>& args);
// Needs no server: prints a new API key and its principals file line.
int RunKeygen(const Cli& cli, const std::vector<std::string>& args);

}  // namespace placi::tools

#endif  // PLACI_TOOLS_CLI_H_
