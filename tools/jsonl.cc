#include "tools/jsonl.h"

#include <iostream>

#include "google/protobuf/util/json_util.h"

namespace placi::tools {

bool JsonLineReader::Open(const std::string& path, std::string* error) {
  line_number_ = 0;
  name_ = path == "-" ? "<stdin>" : path;
  if (path == "-") {
    in_ = &std::cin;
    return true;
  }
  file_ = std::make_unique<std::ifstream>(path);
  if (!*file_) {
    *error = "cannot open " + path;
    return false;
  }
  in_ = file_.get();
  return true;
}

bool JsonLineReader::Next(std::string* line) {
  while (std::getline(*in_, *line)) {
    ++line_number_;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    // Files saved by Windows editors often start with a UTF-8 byte order
    // mark; JSON has no place for it.
    if (line_number_ == 1 && line->rfind("\xEF\xBB\xBF", 0) == 0) line->erase(0, 3);
    if (line->find_first_not_of(" \t") != std::string::npos) return true;
  }
  return false;
}

std::string JsonLineReader::where() const { return name_ + ":" + std::to_string(line_number_); }

bool ParseJsonLine(const std::string& line, google::protobuf::Message* message,
                   std::string* error) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(line, message, options);
  if (status.ok()) return true;
  *error = std::string(status.message());
  if (error->empty()) *error = "not a valid " + message->GetDescriptor()->full_name();
  return false;
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  options.preserve_proto_field_names = true;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return "{\"error\":\"cannot print " + message.GetDescriptor()->full_name() + "\"}";
  return out;
}

}  // namespace placi::tools
