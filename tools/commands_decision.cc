// `placi-screen decision get|list` and `placi-screen hold resolve|watch`.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "placi/screening/v1/screening.grpc.pb.h"
#include "tools/cli.h"
#include "tools/jsonl.h"

namespace placi::tools {
namespace {

namespace pb = ::placi::screening::v1;

// The initial metadata key of a WatchHolds call that is watching
// (server/hold_watch.h, kWatchingMetadataKey; screening.proto).
constexpr char kWatchingMetadataKey[] = "placi-watching";

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

// The verdicts of one ListDecisions page request (`page_token` "" for the
// newest page), or an RPC error.
grpc::Status ListPage(const Cli& cli, pb::DecisionService::Stub* stub,
                      const std::string& house_waybill, int page_size,
                      const std::string& page_token, pb::ListDecisionsResponse* response) {
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::ListDecisionsRequest request;
  request.set_house_waybill(house_waybill);
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return stub->ListDecisions(&context, request, response);
}

// A waybill's newest `limit` verdicts (every one with limit 0, the newest
// 1,000 with limit 1000), oldest first. The server gives the newest page
// first, each page oldest first, and a token for the page before: the pages
// are collected and printed from the oldest. 1,000 a call (the server's
// largest page), fewer for a smaller limit.
int List(const Cli& cli, pb::DecisionService::Stub* stub, const std::string& house_waybill,
         long long limit) {
  constexpr long long kMaxPage = 1000;
  std::vector<pb::ListDecisionsResponse> pages;  // newest first
  long long listed = 0;
  std::string token;
  do {
    const long long wanted = limit == 0 ? kMaxPage : std::min(kMaxPage, limit - listed);
    pb::ListDecisionsResponse& page = pages.emplace_back();
    grpc::Status status =
        ListPage(cli, stub, house_waybill, static_cast<int>(wanted), token, &page);
    if (!status.ok()) return RpcError(status);
    listed += page.verdicts_size();
    token = page.next_page_token();
  } while (!token.empty() && (limit == 0 || listed < limit));
  for (auto page = pages.rbegin(); page != pages.rend(); ++page) {
    for (const pb::Verdict& verdict : page->verdicts()) std::cout << ToJson(verdict) << '\n';
  }
  std::cout.flush();
  // Say when older verdicts exist than those printed.
  if (!token.empty()) {
    std::cerr << "placi-screen: the " << listed
              << " newest verdicts; older ones were left out (--all lists every one)\n";
  }
  return kExitOk;
}

// `hold watch`: every resolution of a hold (the RELEASE verdict recording
// it), one JSON line each as it happens, until interrupted, --max=N
// printed, or --timeout_ms (when given) elapsed; those ends exit 0. The
// --timeout_ms end says so on stderr, with how many holds were resolved.
int WatchHolds(const Cli& cli) {
  std::string error;
  long long max = 0;
  if (!cli.args.IntFlag("max", 0, &max, &error)) return UsageError(error);
  auto stub = pb::DecisionService::NewStub(cli.channel);
  grpc::ClientContext context;
  cli.PrepareStream(&context);
  pb::WatchHoldsRequest request;
  // --carrier_id= names carrier "" (unauthenticated single-node mode).
  if (cli.args.Has("carrier_id")) {
    request.set_carrier_id(cli.args.IsBareSwitch("carrier_id") ? "" : cli.args.Flag("carrier_id"));
  }
  std::unique_ptr<grpc::ClientReader<pb::WatchHoldsResponse>> reader =
      stub->WatchHolds(&context, request);
  // The server sends its initial metadata, with "placi-watching", once it
  // is watching: a resolution made after this line is printed. A call
  // refused at once (no or a revoked key, another carrier's id, a server
  // without WatchHolds, none at all) returns here too, without the key: it
  // ends below with the error, and no "watching" before it.
  reader->WaitForInitialMetadata();
  const auto& metadata = context.GetServerInitialMetadata();
  const bool watching = metadata.find(grpc::string_ref(kWatchingMetadataKey)) != metadata.end();
  if (watching) std::cerr << "placi-screen: watching hold resolutions" << std::endl;
  long long printed = 0;
  pb::WatchHoldsResponse response;
  while ((max == 0 || printed < max) && reader->Read(&response)) {
    std::cout << ToJson(response.verdict()) << std::endl;
    ++printed;
  }
  const bool enough = max > 0 && printed >= max;
  if (enough) context.TryCancel();
  grpc::Status status = reader->Finish();
  if (enough || status.ok()) return kExitOk;
  if (watching && cli.timeout_given &&
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    // Watched for as long as asked. Said on stderr, so that an operator
    // who saw nothing on stdout knows the watch ended on time and found no
    // resolution, rather than wondering whether it watched at all.
    std::cerr << "placi-screen: ";
    if (printed == 0) {
      std::cerr << "no hold resolved";
    } else {
      std::cerr << printed << (printed == 1 ? " hold" : " holds") << " resolved";
    }
    std::cerr << " in " << cli.timeout_ms << " ms (--timeout_ms elapsed)" << std::endl;
    return kExitOk;
  }
  return RpcError(status);
}

int ResolveHold(const Cli& cli, const std::string& house_waybill) {
  const std::string by = cli.args.IsBareSwitch("by") ? "" : cli.args.Flag("by");
  if (by.empty()) return UsageError("hold resolve needs --by=NAME");
  const std::string note = cli.args.IsBareSwitch("note") ? "" : cli.args.Flag("note");
  auto stub = pb::DecisionService::NewStub(cli.channel);
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::ResolveHoldRequest request;
  request.set_house_waybill(house_waybill);
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

}  // namespace

int RunDecision(const Cli& cli, const std::vector<std::string>& args) {
  if (int rc = CheckFlags(cli, {"all", "limit"}); rc != kExitOk) return rc;
  if (args.empty()) return UsageError("decision needs a subcommand: get|list");
  auto stub = pb::DecisionService::NewStub(cli.channel);
  if (args[0] == "get") {
    if (cli.args.Has("all") || cli.args.Has("limit")) {
      return UsageError("--all and --limit are flags of decision list");
    }
    if (args.size() != 2) return UsageError("decision get needs exactly one DECISION_ID");
    return Get(cli, stub.get(), args[1]);
  }
  if (args[0] == "list") {
    if (args.size() != 2) return UsageError("decision list needs exactly one HOUSE_WAYBILL");
    if (cli.args.Has("all") && !cli.args.IsBareSwitch("all")) {
      return UsageError("--all takes no value");
    }
    if (cli.args.Has("all") && cli.args.Has("limit")) {
      return UsageError("decision list takes --all or --limit=N, not both");
    }
    std::string error;
    long long limit = 1000;  // one page, as before --all and --limit
    if (!cli.args.IntFlag("limit", 1000, &limit, &error)) return UsageError(error);
    if (cli.args.Has("limit") && limit == 0) return UsageError("--limit must be positive");
    if (cli.args.Has("all")) limit = 0;
    return List(cli, stub.get(), args[1], limit);
  }
  return UsageError("unknown decision subcommand \"" + args[0] + "\"");
}

int RunHold(const Cli& cli, const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "watch") {
    if (int rc = CheckFlags(cli, {"carrier_id", "max"}); rc != kExitOk) return rc;
    if (args.size() != 1) return UsageError("hold watch takes no positional argument");
    return WatchHolds(cli);
  }
  if (int rc = CheckFlags(cli, {"by", "note", "carrier_id"}); rc != kExitOk) return rc;
  if (args.empty() || args[0] != "resolve") {
    return UsageError("hold needs a subcommand: resolve|watch");
  }
  if (args.size() != 2) return UsageError("hold resolve needs exactly one HOUSE_WAYBILL");
  return ResolveHold(cli, args[1]);
}

}  // namespace placi::tools
