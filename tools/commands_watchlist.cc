// `placi-screen watchlist import|info|get|list|delete`.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/intake_limits.h"
#include "core/watchlist_entry.h"
#include "placi/convert/convert.h"
#include "placi/screening/v1/screening.grpc.pb.h"
#include "tools/cli.h"
#include "tools/jsonl.h"

namespace placi::tools {
namespace {

namespace pb = ::placi::screening::v1;

constexpr int kImportBatch = 1000;

// "FILE:LINE: entry.value: has fewer than 6 digits" for a server message
// "entries[I].value: has fewer than 6 digits" about entries[batch_start +
// I]; empty when the message names no entry of the batch.
std::string AtFileLine(const std::string& message, const std::string& path,
                       const std::vector<int>& line_of_entry, size_t batch_start) {
  constexpr std::string_view kPrefix = "entries[";
  if (message.rfind(kPrefix, 0) != 0) return "";
  const size_t close = message.find(']');
  if (close == std::string::npos || close == kPrefix.size()) return "";
  size_t index = 0;
  for (size_t i = kPrefix.size(); i < close; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(message[i]))) return "";
    index = index * 10 + static_cast<size_t>(message[i] - '0');
    if (index > line_of_entry.size()) return "";
  }
  if (batch_start + index >= line_of_entry.size()) return "";
  return path + ":" + std::to_string(line_of_entry[batch_start + index]) + ": entry" +
         message.substr(close + 1);
}

// Each bad line's error, as "FILE:LINE: ..."; the first kMaxLineErrors
// are printed, then how many more there were.
constexpr int kMaxLineErrors = 50;

class LineErrors {
 public:
  void Add(const std::string& message) {
    if (++count_ <= kMaxLineErrors) std::cerr << "error: " << message << std::endl;
  }
  int count() const { return count_; }
  void PrintRest() const {
    if (count_ > kMaxLineErrors) {
      std::cerr << "error: ... and " << (count_ - kMaxLineErrors) << " more bad line(s)"
                << std::endl;
    }
  }

 private:
  int count_ = 0;
};

// Reads and checks every line first, with the server's own entry checks
// (convert::EntryFromCaller) and one id per file, so that a bad line imports
// nothing and every bad line is named at once. Before (ingest26) the lines
// went in batches of 1,000 and the server checked each batch: a bad entry on
// line 2,201 left lines 1-2,000 imported and named only itself, and an id on
// two lines of different batches was stored over, counted twice.
int Import(const Cli& cli, pb::WatchlistService::Stub* stub, const std::string& path) {
  JsonLineReader reader;
  std::string error;
  if (!reader.Open(path, &error)) {
    std::cerr << "error: " << error << std::endl;
    return kExitError;
  }
  std::vector<pb::WatchlistEntry> entries;
  std::vector<int> line_of_entry;  // the file line of entries[i], for errors
  LineErrors bad_lines;
  std::unordered_map<std::string, int> line_of_id;
  std::string line;
  while (reader.Next(&line)) {
    pb::WatchlistEntry entry;
    if (!ParseJsonLine(line, &entry, &error)) {
      bad_lines.Add(reader.where() + ": " + error);
      continue;
    }
    core::WatchlistEntry checked;
    if (std::optional<core::FieldViolation> bad =
            convert::EntryFromCaller(entry, "entry", core::IntakeLimits{}, &checked)) {
      bad_lines.Add(reader.where() + ": " + bad->field + ": " + bad->description);
      continue;
    }
    if (const auto [first, added] = line_of_id.try_emplace(entry.id(), reader.line_number());
        !added) {
      bad_lines.Add(reader.where() + ": entry.id: \"" + entry.id() + "\" is also the id of line " +
                    std::to_string(first->second) + "; one entry per id");
      continue;
    }
    entries.push_back(std::move(entry));
    line_of_entry.push_back(reader.line_number());
  }
  if (reader.failed()) {
    std::cerr << "error: reading " << path << " failed after line " << reader.line_number()
              << std::endl;
    return kExitError;
  }
  if (bad_lines.count() > 0) {
    bad_lines.PrintRest();
    std::cerr << "error: " << bad_lines.count() << " bad line(s): nothing imported" << std::endl;
    return kExitError;
  }
  uint64_t version = 0;
  size_t upserted = 0;
  int batches = 0;
  for (size_t start = 0; start < entries.size(); start += kImportBatch) {
    pb::UpsertEntriesRequest request;
    size_t end = std::min(entries.size(), start + kImportBatch);
    for (size_t i = start; i < end; ++i) *request.add_entries() = entries[i];
    grpc::ClientContext context;
    cli.Prepare(&context);
    pb::UpsertEntriesResponse response;
    grpc::Status status = stub->UpsertEntries(&context, request, &response);
    if (!status.ok()) {
      // The server names the entry of the batch ("entries[700].value: …"):
      // said as the file's line, which is what the operator edits (review
      // bb3 L4).
      const std::string located = AtFileLine(status.error_message(), path, line_of_entry, start);
      if (located.empty()) {
        RpcError(status);
      } else {
        std::cerr << "error: " << located << " (" << CodeName(status.error_code()) << ")"
                  << std::endl;
      }
      std::cerr << "error: lines " << line_of_entry[start] << " to the end were not imported; "
                << upserted << " entries of the lines before them were" << std::endl;
      return kExitError;
    }
    upserted += response.upserted_count();
    version = response.watchlist_version();
    ++batches;
  }
  std::cout << "upserted " << upserted << " entries in " << batches
            << (batches == 1 ? " batch" : " batches") << ", watchlist version " << version
            << std::endl;
  return kExitOk;
}

int Info(const Cli& cli, pb::WatchlistService::Stub* stub) {
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::GetWatchlistInfoResponse response;
  grpc::Status status = stub->GetWatchlistInfo(&context, pb::GetWatchlistInfoRequest(), &response);
  if (!status.ok()) return RpcError(status);
  std::cout << "entries " << response.entry_count() << ", version " << response.version()
            << std::endl;
  return kExitOk;
}

int Get(const Cli& cli, pb::WatchlistService::Stub* stub, const std::string& id) {
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::GetEntryRequest request;
  request.set_id(id);
  pb::GetEntryResponse response;
  grpc::Status status = stub->GetEntry(&context, request, &response);
  if (!status.ok()) return RpcError(status);
  std::cout << ToJson(response.entry()) << std::endl;
  return kExitOk;
}

// "ENTRY_KIND_PHONE", "PHONE" or "phone".
bool ParseKind(std::string text, pb::EntryKind* kind) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (text.rfind("ENTRY_KIND_", 0) != 0) text = "ENTRY_KIND_" + text;
  return pb::EntryKind_Parse(text, kind) && *kind != pb::ENTRY_KIND_UNSPECIFIED;
}

int List(const Cli& cli, pb::WatchlistService::Stub* stub) {
  pb::ListEntriesRequest request;
  if (cli.args.Has("kind")) {
    pb::EntryKind kind;
    if (!ParseKind(cli.args.Flag("kind"), &kind)) {
      return UsageError("--kind must be an EntryKind such as ENTRY_KIND_PHONE, got \"" +
                        cli.args.Flag("kind") + "\"");
    }
    request.set_kind(kind);
  }
  long long page_size = 0;
  std::string error;
  if (!cli.args.IntFlag("page_size", 1000, &page_size, &error)) return UsageError(error);
  if (page_size < 1 || page_size > 1000) return UsageError("--page_size must be 1..1000");
  request.set_page_size(static_cast<int>(page_size));
  do {
    grpc::ClientContext context;
    cli.Prepare(&context);
    pb::ListEntriesResponse response;
    grpc::Status status = stub->ListEntries(&context, request, &response);
    if (!status.ok()) return RpcError(status);
    for (const pb::WatchlistEntry& entry : response.entries()) std::cout << ToJson(entry) << '\n';
    if (!response.next_page_token().empty() &&
        response.next_page_token() == request.page_token()) {
      std::cerr << "error: server returned the same page token twice" << std::endl;
      return kExitError;
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  std::cout.flush();
  return kExitOk;
}

int Delete(const Cli& cli, pb::WatchlistService::Stub* stub, const std::vector<std::string>& ids) {
  grpc::ClientContext context;
  cli.Prepare(&context);
  pb::DeleteEntriesRequest request;
  for (const std::string& id : ids) request.add_ids(id);
  pb::DeleteEntriesResponse response;
  grpc::Status status = stub->DeleteEntries(&context, request, &response);
  if (!status.ok()) return RpcError(status);
  std::cout << "deleted " << response.deleted_count() << " entries, watchlist version "
            << response.watchlist_version() << std::endl;
  return kExitOk;
}

}  // namespace

int RunWatchlist(const Cli& cli, const std::vector<std::string>& args) {
  if (args.empty()) return UsageError("watchlist needs a subcommand: import|info|get|list|delete");
  const std::string& sub = args[0];
  auto stub = pb::WatchlistService::NewStub(cli.channel);
  if (sub == "list") {
    if (int rc = CheckFlags(cli, {"kind", "page_size"}); rc != kExitOk) return rc;
    if (args.size() != 1) return UsageError("watchlist list takes no arguments");
    return List(cli, stub.get());
  }
  if (int rc = CheckFlags(cli, {}); rc != kExitOk) return rc;
  if (sub == "import") {
    if (args.size() != 2) return UsageError("watchlist import needs exactly one FILE (or -)");
    return Import(cli, stub.get(), args[1]);
  }
  if (sub == "info") {
    if (args.size() != 1) return UsageError("watchlist info takes no arguments");
    return Info(cli, stub.get());
  }
  if (sub == "get") {
    if (args.size() != 2) return UsageError("watchlist get needs exactly one ID");
    return Get(cli, stub.get(), args[1]);
  }
  if (sub == "delete") {
    if (args.size() < 2) return UsageError("watchlist delete needs at least one ID");
    return Delete(cli, stub.get(), std::vector<std::string>(args.begin() + 1, args.end()));
  }
  return UsageError("unknown watchlist subcommand \"" + sub + "\"");
}

}  // namespace placi::tools
