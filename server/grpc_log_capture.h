// Holds back gRPC's own log lines while the server starts, so that a failed
// bind ends in one clear line of ours ("cannot listen on 127.0.0.1:50051:
// address already in use") instead of gRPC's multi-line JSON error dump.
//
// gRPC has one process-wide log function; Install() replaces it with one
// that writes the same information to stderr except while a capture is open.
//
//   GrpcLogCapture capture;            // installs on first use
//   std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
//   std::vector<std::string> lines = capture.Lines();
#ifndef PLACI_SERVER_GRPC_LOG_CAPTURE_H_
#define PLACI_SERVER_GRPC_LOG_CAPTURE_H_

#include <string>
#include <vector>

namespace placi::server {

// While an instance lives, gRPC log lines are collected instead of printed.
// Captures do not nest across threads meaningfully: lines from any thread
// go to every open capture, which is what startup wants.
class GrpcLogCapture {
 public:
  GrpcLogCapture();
  ~GrpcLogCapture();
  GrpcLogCapture(const GrpcLogCapture&) = delete;
  GrpcLogCapture& operator=(const GrpcLogCapture&) = delete;

  // The messages logged since construction.
  std::vector<std::string> Lines() const;

 private:
  int id_;
};

}  // namespace placi::server

#endif  // PLACI_SERVER_GRPC_LOG_CAPTURE_H_
