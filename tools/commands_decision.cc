// `placi-screen decision get|list` and `placi-screen hold resolve`.
#include <iostream>
#include <string>
#include <vector>

#include "placi/screening/v1/screening.grpc.pb.h"
#include "tools/cli.h"
#include "tools/jsonl.h"

namespace placi::tools {
namespace {

namespace pb = ::placi::screening::v1;

int Get(const Cli& cli, pb::DecisionService::Stub* stub, const std::string& id) {
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::GetDecisionRequest request;
  request.set_decision_id(id);
  pb::GetDecisionResponse response;
  grpc::Status status = stub->GetDecision(&context, request, &response);
  if (!status.ok()) return RpcError(status);
  std::cout << ToJson(response.verdict()) << std::endl;
  return kExitOk;
}

int List(const Cli& cli, pb::DecisionService::Stub* stub, const std::string& house_waybill) {
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::ListDecisionsRequest request;
  request.set_house_waybill(house_waybill);
  pb::ListDecisionsResponse response;
  grpc::Status status = stub->ListDecisions(&context, request, &response);
  if (!status.ok()) return RpcError(status);
  for (const pb::Verdict& verdict : response.verdicts()) std::cout << ToJson(verdict) << '\n';
  std::cout.flush();
  // The server lists a waybill's newest verdicts; say when older ones exist.
  if (!response.next_page_token().empty()) {
    std::cerr << "placi-screen: the " << response.verdicts_size()
              << " newest verdicts; older ones were left out\n";
  }
  return kExitOk;
}

}  // namespace

int RunDecision(const Cli& cli, const std::vector<std::string>& args) {
  if (int rc = CheckFlags(cli, {}); rc != kExitOk) return rc;
  if (args.empty()) return UsageError("decision needs a subcommand: get|list");
  auto stub = pb::DecisionService::NewStub(cli.channel);
  if (args[0] == "get") {
    if (args.size() != 2) return UsageError("decision get needs exactly one DECISION_ID");
    return Get(cli, stub.get(), args[1]);
  }
  if (args[0] == "list") {
    if (args.size() != 2) return UsageError("decision list needs exactly one HOUSE_WAYBILL");
    return List(cli, stub.get(), args[1]);
  }
  return UsageError("unknown decision subcommand \"" + args[0] + "\"");
}

int RunHold(const Cli& cli, const std::vector<std::string>& args) {
  if (int rc = CheckFlags(cli, {"by", "note", "carrier_id"}); rc != kExitOk) return rc;
  if (args.empty() || args[0] != "resolve") return UsageError("hold needs the subcommand resolve");
  if (args.size() != 2) return UsageError("hold resolve needs exactly one HOUSE_WAYBILL");
  const std::string by = cli.args.IsBareSwitch("by") ? "" : cli.args.Flag("by");
  if (by.empty()) return UsageError("hold resolve needs --by=NAME");
  const std::string note = cli.args.IsBareSwitch("note") ? "" : cli.args.Flag("note");
  auto stub = pb::DecisionService::NewStub(cli.channel);
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::ResolveHoldRequest request;
  request.set_house_waybill(args[1]);
  request.set_resolved_by(by);
  request.set_note(note);
  // Holds are per carrier; without --carrier_id the server picks the one
  // carrier with an open hold on the waybill. --carrier_id= names carrier "".
  if (cli.args.Has("carrier_id")) {
    request.set_carrier_id(cli.args.IsBareSwitch("carrier_id") ? "" : cli.args.Flag("carrier_id"));
  }
  pb::ResolveHoldResponse response;
  grpc::Status status = stub->ResolveHold(&context, request, &response);
  if (!status.ok()) return RpcError(status);
  std::cout << ToJson(response.verdict()) << std::endl;
  return kExitOk;
}

}  // namespace placi::tools
