// Process metrics from /proc; see process_metrics.h.
#include "server/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "prometheus/metric_type.h"
#include "server/metric_family.h"

namespace placi::server {
namespace {

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();  // procfs files report size 0: read to the end
  return text.str();
}

std::optional<double> Number(absl::string_view text) {
  double value = 0;
  if (!absl::SimpleAtod(text, &value)) return std::nullopt;
  return value;
}

// Fields of /proc/self/stat (proc(5)), counted from 1: the second is the
// command name in parentheses (which may hold spaces), so fields are
// counted from the last ')'.
struct StatFields {
  std::optional<double> utime_ticks;      // 14
  std::optional<double> stime_ticks;      // 15
  std::optional<double> starttime_ticks;  // 22, since boot
  std::optional<double> vsize_bytes;      // 23
  std::optional<double> rss_pages;        // 24
};

StatFields ParseStat(const std::string& text) {
  StatFields out;
  const size_t close = text.rfind(')');
  if (close == std::string::npos || close + 2 > text.size()) return out;
  std::vector<absl::string_view> fields =
      absl::StrSplit(absl::string_view(text).substr(close + 2), absl::ByAnyChar(" \n"),
                     absl::SkipEmpty());
  auto field = [&](size_t number) -> std::optional<double> {
    const size_t index = number - 3;  // fields[0] is field 3, the state
    return index < fields.size() ? Number(fields[index]) : std::nullopt;
  };
  out.utime_ticks = field(14);
  out.stime_ticks = field(15);
  out.starttime_ticks = field(22);
  out.vsize_bytes = field(23);
  out.rss_pages = field(24);
  return out;
}

// "btime <unix seconds>" of /proc/stat: when the machine booted.
std::optional<double> BootTime(const std::string& proc) {
  std::optional<std::string> text = ReadWholeFile(proc + "/stat");
  if (!text) return std::nullopt;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (absl::ConsumePrefix(&line, "btime ")) return Number(line);
  }
  return std::nullopt;
}

std::optional<double> OpenFds(const std::string& proc) {
  DIR* dir = opendir((proc + "/self/fd").c_str());
  if (dir == nullptr) return std::nullopt;
  double count = 0;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return count > 0 ? count - 1 : 0;  // not the listing's own descriptor
}

std::optional<double> MaxFds() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::nullopt;
  if (limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return static_cast<double>(limit.rlim_cur);
}

// Leaves the family out when the value could not be read.
void AddFamily(std::vector<prometheus::MetricFamily>* out, const char* name, const char* help,
               prometheus::MetricType type, const std::optional<double>& value) {
  if (value) AppendMetricFamily(out, name, help, type, *value);
}

}  // namespace

ProcessStats ReadProcessStats(const std::string& proc) {
  ProcessStats stats;
  const double ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page_bytes = static_cast<double>(sysconf(_SC_PAGESIZE));
  if (std::optional<std::string> text = ReadWholeFile(proc + "/self/stat")) {
    StatFields fields = ParseStat(*text);
    if (fields.utime_ticks && fields.stime_ticks && ticks_per_second > 0) {
      stats.cpu_seconds = (*fields.utime_ticks + *fields.stime_ticks) / ticks_per_second;
    }
    if (fields.rss_pages && page_bytes > 0) {
      stats.resident_memory_bytes = *fields.rss_pages * page_bytes;
    }
    stats.virtual_memory_bytes = fields.vsize_bytes;
    std::optional<double> boot = BootTime(proc);
    if (boot && fields.starttime_ticks && ticks_per_second > 0) {
      stats.start_time_seconds = *boot + *fields.starttime_ticks / ticks_per_second;
    }
  }
  stats.open_fds = OpenFds(proc);
  stats.max_fds = MaxFds();
  return stats;
}

ProcessCollector::ProcessCollector() : start_time_seconds_(ReadProcessStats().start_time_seconds) {}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  const ProcessStats stats = ReadProcessStats();
  std::vector<prometheus::MetricFamily> out;
  out.reserve(6);
  using prometheus::MetricType;
  AddFamily(&out, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
            MetricType::Counter, stats.cpu_seconds);
  AddFamily(&out, "process_resident_memory_bytes", "Resident memory size in bytes.",
            MetricType::Gauge, stats.resident_memory_bytes);
  AddFamily(&out, "process_virtual_memory_bytes", "Virtual memory size in bytes.",
            MetricType::Gauge, stats.virtual_memory_bytes);
  AddFamily(&out, "process_open_fds", "Number of open file descriptors.", MetricType::Gauge,
            stats.open_fds);
  AddFamily(&out, "process_max_fds", "Maximum number of open file descriptors.",
            MetricType::Gauge, stats.max_fds);
  AddFamily(&out, "process_start_time_seconds",
            "Start time of the process since unix epoch in seconds.", MetricType::Gauge,
            start_time_seconds_);
  return out;
}

}  // namespace placi::server
