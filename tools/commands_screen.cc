// `placi-screen screen [--stream] FILE|-`: one verdict per parcel line.
//
// stdout gets one compact JSON object per parcel that reached the server: the
// Verdict, or {"error":{request_id, code, message, field}} (a stream's
// ParcelError, or the status of a failed unary call). Lines that are not JSON
// of a Consignment are reported on stderr as FILE:LINE and not
// sent. The exit status is 1 when any line or parcel failed.
#include <atomic>
#include <iostream>
#include <string>
#include <thread>

#include "placi/screening/v1/screening.grpc.pb.h"
#include "tools/cli.h"
#include "tools/jsonl.h"

namespace placi::tools {
namespace {

namespace pb = ::placi::screening::v1;

// Errors about one parcel: the next parcel may well succeed.
bool IsParcelError(grpc::StatusCode code) {
  return code == grpc::StatusCode::INVALID_ARGUMENT ||
         code == grpc::StatusCode::FAILED_PRECONDITION ||
         code == grpc::StatusCode::OUT_OF_RANGE || code == grpc::StatusCode::NOT_FOUND ||
         code == grpc::StatusCode::ALREADY_EXISTS ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

// "gross_weight_kg: must be >= 0" → "gross_weight_kg" (the server's
// "<field>: <description>" form); "" when the message has no field prefix.
std::string FieldOf(const std::string& message) {
  std::string::size_type colon = message.find(": ");
  if (colon == std::string::npos || colon == 0) return "";
  std::string field = message.substr(0, colon);
  return field.find(' ') == std::string::npos ? field : "";
}

// "error: FILE:LINE: …", the file named as the reader names it.
void BadLine(const JsonLineReader& reader, const std::string& error) {
  std::cerr << "error: " << reader.where() << ": " << error << std::endl;
}

int ScreenUnary(const Cli& cli, JsonLineReader* reader) {
  auto stub = pb::ScreeningService::NewStub(cli.channel);
  int failures = 0;
  std::string line;
  while (reader->Next(&line)) {
    pb::ScreenRequest request;
    std::string error;
    if (!ParseJsonLine(line, request.mutable_consignment(), &error)) {
      BadLine(*reader, error);
      ++failures;
      continue;
    }
    grpc::ClientContext context;
    cli.Prepare(&context);
    pb::ScreenResponse response;
    grpc::Status status = stub->Screen(&context, request, &response);
    if (status.ok()) {
      std::cout << ToJson(response.verdict()) << '\n';
      continue;
    }
    if (!IsParcelError(status.error_code())) {
      std::cout.flush();
      RpcError(status);
      std::cerr << "error: stopped at " << reader->where() << "; later lines were not screened"
                << std::endl;
      return kExitError;
    }
    pb::ScreenStreamResponse as_error;
    pb::ParcelError* parcel_error = as_error.mutable_error();
    parcel_error->set_request_id(request.consignment().request_id());
    parcel_error->set_code(static_cast<int>(status.error_code()));
    parcel_error->set_message(status.error_message());
    parcel_error->set_field(FieldOf(status.error_message()));
    std::cout << ToJson(as_error) << '\n';
    BadLine(*reader,
            CodeName(status.error_code()) + ": " + status.error_message());
    ++failures;
  }
  std::cout.flush();
  if (reader->failed()) {
    std::cerr << "error: reading input failed after line " << reader->line_number() << std::endl;
    return kExitError;
  }
  return failures == 0 ? kExitOk : kExitError;
}

int ScreenStream(const Cli& cli, JsonLineReader* reader) {
  auto stub = pb::ScreeningService::NewStub(cli.channel);
  grpc::ClientContext context;
  cli.PrepareStream(&context);
  auto stream = stub->ScreenStream(&context);

  std::atomic<long> sent{0};
  std::atomic<int> bad_lines{0};
  std::atomic<bool> write_failed{false};
  // Writes while the main thread reads: the stream's flow control bounds
  // how far the writer runs ahead of the verdicts.
  std::thread writer([&] {
    std::string line;
    while (reader->Next(&line)) {
      pb::ScreenStreamRequest request;
      std::string error;
      if (!ParseJsonLine(line, request.mutable_consignment(), &error)) {
        BadLine(*reader, error);
        ++bad_lines;
        continue;
      }
      if (!stream->Write(request)) {
        write_failed = true;  // the server ended the stream; Finish says why
        return;
      }
      ++sent;
    }
    stream->WritesDone();
  });

  long received = 0;
  int parcel_errors = 0;
  pb::ScreenStreamResponse response;
  while (stream->Read(&response)) {
    ++received;
    if (response.has_error()) {
      std::cout << ToJson(response) << '\n';
      ++parcel_errors;
    } else {
      std::cout << ToJson(response.verdict()) << '\n';
    }
  }
  std::cout.flush();
  writer.join();
  grpc::Status status = stream->Finish();
  if (!status.ok()) return RpcError(status);
  if (write_failed || received != sent) {
    std::cerr << "error: stream ended after " << received << " verdicts for " << sent
              << " parcels sent" << std::endl;
    return kExitError;
  }
  if (reader->failed()) {
    std::cerr << "error: reading input failed after line " << reader->line_number() << std::endl;
    return kExitError;
  }
  return bad_lines == 0 && parcel_errors == 0 ? kExitOk : kExitError;
}

}  // namespace

int RunScreen(const Cli& cli, const std::vector<std::string>& args) {
  if (int rc = CheckFlags(cli, {"stream"}); rc != kExitOk) return rc;
  if (args.size() != 1) return UsageError("screen needs exactly one FILE (or - for stdin)");
  const std::string stream_flag = cli.args.Flag("stream", "false");
  if (stream_flag != "true" && stream_flag != "false") {
    return UsageError("--stream takes no value (or =true/=false)");
  }
  JsonLineReader reader;
  std::string error;
  if (!reader.Open(args[0], &error)) {
    std::cerr << "error: " << error << std::endl;
    return kExitError;
  }
  return stream_flag == "true" ? ScreenStream(cli, &reader) : ScreenUnary(cli, &reader);
}

}  // namespace placi::tools
