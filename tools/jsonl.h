// JSON lines in and out: reading a file (or stdin for "-") line by line,
// proto3 JSON parsing that names the line, and compact proto3 JSON printing
// (proto field names, enum names, default values omitted).
//
//   JsonLineReader reader;
//   if (!reader.Open(path, &error)) ...
//   while (reader.Next(&line)) {
//     pb::Consignment parcel;
//     if (!ParseJsonLine(line, &parcel, &error)) report(reader.where(), error);
//   }
#ifndef PLACI_TOOLS_JSONL_H_
#define PLACI_TOOLS_JSONL_H_

#include <fstream>
#include <istream>
#include <memory>
#include <string>

#include "google/protobuf/message.h"

namespace placi::tools {

class JsonLineReader {
 public:
  // "-" reads stdin. False with `error` set when the file cannot be opened.
  bool Open(const std::string& path, std::string* error);
  // The next non-blank line (CR stripped); false at end of input.
  bool Next(std::string* line);
  // 1-based number of the line last returned by Next().
  int line_number() const { return line_number_; }
  // "FILE:LINE" of the line last returned by Next() ("<stdin>:LINE" for
  // "-"), as compilers and the server's seed loader name a line: an
  // operator importing several files sees which one to fix (review8a L1).
  std::string where() const;
  // True when reading stopped on an I/O error rather than end of file.
  bool failed() const { return in_ != nullptr && in_->bad(); }

 private:
  std::string name_;  // the path, or "<stdin>"
  std::unique_ptr<std::ifstream> file_;
  std::istream* in_ = nullptr;
  int line_number_ = 0;
};

// Strict proto3 JSON: unknown fields and bad enum names are errors.
bool ParseJsonLine(const std::string& line, google::protobuf::Message* message,
                   std::string* error);

// One line of compact proto3 JSON, no trailing newline.
std::string ToJson(const google::protobuf::Message& message);

}  // namespace placi::tools

#endif  // PLACI_TOOLS_JSONL_H_
