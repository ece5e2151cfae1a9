#include "tools/cli_args.h"

#include <cerrno>
#include <cstdlib>

namespace placi::tools {

std::string CliArgs::Parse(int argc, char** argv) {
  bool flags_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (flags_done || arg.size() < 3 || arg.rfind("--", 0) != 0) {
      if (arg == "--") {
        flags_done = true;
        continue;
      }
      if (!flags_done && arg.size() > 1 && arg[0] == '-' && arg != "-") {
        return "unknown option " + arg + " (flags are written --name=value)";
      }
      positional_.push_back(arg);
      continue;
    }
    std::string body = arg.substr(2);
    std::string::size_type eq = body.find('=');
    std::string name = eq == std::string::npos ? body : body.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : body.substr(eq + 1);
    if (name.empty()) return "empty flag name in " + arg;
    for (char& c : name) {
      if (c == '-') c = '_';  // --timeout-ms == --timeout_ms
    }
    if (eq == std::string::npos) {
      bare_.insert(name);
    } else {
      bare_.erase(name);
    }
    flags_[name] = value;
  }
  return "";
}

std::string CliArgs::Flag(const std::string& name, const std::string& fallback) const {
  auto it = flags_.find(name);
  if (it == flags_.end()) return fallback;
  return bare_.count(name) > 0 ? "true" : it->second;
}

bool CliArgs::IsBareSwitch(const std::string& name) const {
  return bare_.count(name) > 0;
}

bool CliArgs::IntFlag(const std::string& name, long long fallback, long long* out,
                      std::string* error) const {
  auto it = flags_.find(name);
  if (it == flags_.end()) {
    *out = fallback;
    return true;
  }
  const std::string& text = it->second;
  char* end = nullptr;
  errno = 0;
  long long value = text.empty() ? -1 : std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || errno != 0 || *end != '\0' || value < 0) {
    *error = "--" + name + " needs a non-negative integer, got \"" + text + "\"";
    return false;
  }
  *out = value;
  return true;
}

std::string CliArgs::UnknownFlag(const std::set<std::string>& allowed) const {
  for (const auto& [name, value] : flags_) {
    if (allowed.count(name) == 0) return name;
  }
  return "";
}

}  // namespace placi::tools
