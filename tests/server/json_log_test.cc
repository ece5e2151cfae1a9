// server/json_log: JSON lines that any JSON parser reads, whatever bytes the
// values hold; readable text lines; one write per line, whole lines from
// many threads.
#include "server/json_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/wrappers.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "server/repeat_limiter.h"
#include "tests/server/server_test_env.h"

namespace placi::server {
namespace {

// The line as a google.protobuf.Struct: a strict JSON parse.
google::protobuf::Struct Parse(const std::string& line) {
  google::protobuf::Struct out;
  auto status = google::protobuf::util::JsonStringToMessage(line, &out);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << line;
  return out;
}

// Options for the duration of one test.
class ScopedLogOptions {
 public:
  explicit ScopedLogOptions(const LogOptions& options) : saved_(GetLogOptions()) {
    SetLogOptions(options);
  }
  ~ScopedLogOptions() { SetLogOptions(saved_); }

 private:
  const LogOptions saved_;
};

LogOptions Json() {
  LogOptions o;
  o.format = LogFormat::kJson;
  return o;
}

LogOptions Text() {
  LogOptions o;
  o.format = LogFormat::kText;
  return o;
}

TEST(JsonLogTest, JsonLineHasTimestampLevelEventMessageAndTypedFields) {
  ScopedLogOptions scoped(Json());
  LogEvent event(LogLevel::kWarning, "verdict", "a message");
  event.Str("decision_id", "01ABC")
      .Int("risk_score", -40)
      .Uint("watchlist_version", 18446744073709551615u)
      .Double("ratio", 0.25)
      .Double("nan", std::nan(""))
      .Bool("agrees", true)
      .List("reasons", std::vector<std::string>{"A_B", "C"},
            [](const std::string& s) { return std::string_view(s); });
  const std::string& line = event.Line();
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_EQ(line.rfind("{\"ts\":\"", 0), 0u) << line;
  EXPECT_NE(line.find("\"level\":\"warning\",\"event\":\"verdict\",\"msg\":\"a message\""),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("\"watchlist_version\":18446744073709551615"), std::string::npos);
  EXPECT_NE(line.find("\"nan\":null"), std::string::npos);

  google::protobuf::Struct parsed = Parse(line);
  const auto& f = parsed.fields();
  EXPECT_EQ(f.at("decision_id").string_value(), "01ABC");
  EXPECT_EQ(f.at("risk_score").number_value(), -40);
  EXPECT_EQ(f.at("ratio").number_value(), 0.25);
  EXPECT_TRUE(f.at("agrees").bool_value());
  ASSERT_EQ(f.at("reasons").list_value().values_size(), 2);
  EXPECT_EQ(f.at("reasons").list_value().values(0).string_value(), "A_B");
  // 2026-11-29T06:47:33.123456Z
  const std::string ts = f.at("ts").string_value();
  EXPECT_EQ(ts.size(), 27u) << ts;
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_EQ(ts[10], 'T');
}

TEST(JsonLogTest, AnyBytesInValuesStayValidJsonOnOneLine) {
  ScopedLogOptions scoped(Json());
  std::string nasty = "quote\" backslash\\ newline\n cr\r tab\t nul";
  nasty.push_back('\0');
  nasty += " bell\a del\x7f ü€😀 bad\xff\xfe lone\xc3 surrogate\xed\xa0\x80 overlong\xc0\xaf";
  LogEvent event(LogLevel::kError, "e\"vent", nasty);
  event.Str("value", nasty);
  const std::string& line = event.Line();
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  google::protobuf::Struct parsed = Parse(line);
  const std::string value = parsed.fields().at("value").string_value();
  EXPECT_EQ(parsed.fields().at("event").string_value(), "e\"vent");
  EXPECT_NE(value.find("quote\" backslash\\ newline\n cr\r tab\t nul"), std::string::npos);
  EXPECT_NE(value.find(std::string("nul\0 bell", 9)), std::string::npos);
  EXPECT_NE(value.find("ü€😀"), std::string::npos);
  // Invalid UTF-8 becomes U+FFFD, byte by byte.
  EXPECT_NE(value.find("bad\xEF\xBF\xBD\xEF\xBF\xBD lone\xEF\xBF\xBD surrogate"),
            std::string::npos)
      << value;
  EXPECT_EQ(parsed.fields().at("msg").string_value(), value);
}

TEST(JsonLogTest, LongValuesAreCutOnACharacterBoundary) {
  std::string out;
  std::string value(kMaxValueBytes - 1, 'a');
  value += "€€€";  // the first € would straddle the limit
  AppendJsonEscaped(&out, value, kMaxValueBytes);
  EXPECT_EQ(out, std::string(kMaxValueBytes - 1, 'a') + "...");

  ScopedLogOptions scoped(Json());
  LogEvent event(LogLevel::kInfo, "long");
  event.Str("body", std::string(1 << 20, 'x'));  // a 1 MiB value is not logged whole
  EXPECT_LT(event.Line().size(), 512u);
  EXPECT_EQ(Parse(event.Line()).fields().at("body").string_value(),
            std::string(kMaxValueBytes, 'x') + "...");
}

TEST(JsonLogTest, TextLinesAreReadableAndQuoteWhatNeedsIt) {
  ScopedLogOptions scoped(Text());
  LogEvent verdict(LogLevel::kInfo, "verdict");
  verdict.Str("decision_id", "01ABC")
      .Str("carrier_id", "")
      .Str("error", "a: b = \"c\"\nd")
      .Int("risk_score", 40)
      .List("reasons", std::vector<std::string>{"A", "B"},
            [](const std::string& s) { return std::string_view(s); });
  const std::string line = verdict.Line();
  // 2026-11-29T06:47:33.123456Z INFO verdict decision_id=01ABC ...
  EXPECT_EQ(line.substr(27),
            " INFO verdict decision_id=01ABC carrier_id=\"\" error=\"a: b = \\\"c\\\"\\nd\" "
            "risk_score=40 reasons=A,B\n");

  LogEvent start(LogLevel::kError, "start", "placi-screen serving gRPC on 127.0.0.1:1\nx");
  EXPECT_EQ(start.Line().substr(27), " ERROR placi-screen serving gRPC on 127.0.0.1:1\\nx\n");
}

TEST(JsonLogTest, ParseLogFormat) {
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(*ParseLogFormat("text"), LogFormat::kText);
  EXPECT_FALSE(ParseLogFormat("JSON").ok());
  EXPECT_FALSE(ParseLogFormat("").ok());
}

TEST(JsonLogTest, ConcurrentWritersNeverInterleaveLines) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/log";
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  ASSERT_GE(fd, 0);
  LogOptions options = Json();
  options.fd = fd;
  constexpr int kThreads = 8;
  constexpr int kLines = 2000;
  {
    ScopedLogOptions scoped(options);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([t] {
        for (int i = 0; i < kLines; ++i) {
          LogEvent(LogLevel::kInfo, "verdict")
              .Str("decision_id", absl::StrCat(t, "-", i))
              .Str("padding", std::string(100 + (i % 100), 'p'))
              .Write();
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  close(fd);

  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = absl::StrSplit(text.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kLines));
  std::vector<int> next(kThreads, 0);
  for (const std::string& line : lines) {
    google::protobuf::Struct parsed = Parse(line);
    std::vector<std::string> id =
        absl::StrSplit(parsed.fields().at("decision_id").string_value(), '-');
    ASSERT_EQ(id.size(), 2u) << line;
    const int t = std::stoi(id[0]);
    // Each thread's lines arrive whole and in its order.
    EXPECT_EQ(std::stoi(id[1]), next[t]++) << line;
  }
}

TEST(JsonLogTest, WriteHappensOnceAndOptionsAreProcessWide) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/log";
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  LogOptions options = Json();
  options.fd = fd;
  options.verdicts = false;
  {
    ScopedLogOptions scoped(options);
    EXPECT_FALSE(LogVerdicts());
    LogEvent event(LogLevel::kInfo, "once");
    event.Write();
    event.Write();
  }
  EXPECT_TRUE(LogVerdicts());  // restored
  close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = absl::StrSplit(text.str(), '\n', absl::SkipEmpty());
  EXPECT_EQ(lines.size(), 1u);
}

}  // namespace
}  // namespace placi::server

namespace placi::server {
namespace {

std::vector<std::string> LinesOf(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return absl::StrSplit(text.str(), '\n', absl::SkipEmpty());
}

TEST(RepeatLimiterTest, FirstLineThenOnePerIntervalWithTheCountHeldBack) {
  RepeatLimiter limiter(absl::Minutes(1));
  const absl::Time start = absl::FromUnixSeconds(1'800'000'000);
  int64_t held_back = -1;
  ASSERT_TRUE(limiter.Admit(start, &held_back));
  EXPECT_EQ(held_back, 0);
  EXPECT_FALSE(limiter.Admit(start + absl::Seconds(1), &held_back));
  EXPECT_FALSE(limiter.Admit(start + absl::Seconds(59), &held_back));
  ASSERT_TRUE(limiter.Admit(start + absl::Seconds(60), &held_back));
  EXPECT_EQ(held_back, 2);
  // The interval counts from the last line let through.
  EXPECT_FALSE(limiter.Admit(start + absl::Seconds(119), &held_back));
  ASSERT_TRUE(limiter.Admit(start + absl::Seconds(181), &held_back));
  EXPECT_EQ(held_back, 1);
  EXPECT_FALSE(limiter.Admit(start + absl::Seconds(182), &held_back));
  limiter.Reset();
  ASSERT_TRUE(limiter.Admit(start + absl::Seconds(183), &held_back));
  EXPECT_EQ(held_back, 0);
}

// A client sending invalid UTF-8 in every request must not get one protobuf
// ERROR line per request; protobuf's other lines are all kept.
TEST(JsonLogTest, ProtobufInvalidUtf8LinesAreLimitedOtherLinesKept) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/log";
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  LogOptions options = Json();
  options.fd = fd;
  {
    ScopedLogOptions scoped(options);
    google::protobuf::LogHandler* const saved = google::protobuf::SetLogHandler(nullptr);
    RouteProtobufLogs();
    // google.protobuf.StringValue{value: "\xff"}: field 1, length 1.
    const std::string invalid_utf8("\x0a\x01\xff", 3);
    for (int i = 0; i < 5; ++i) {
      google::protobuf::StringValue message;
      EXPECT_FALSE(message.ParseFromString(invalid_utf8));
    }
    GOOGLE_LOG(WARNING) << "another protobuf line";
    GOOGLE_LOG(WARNING) << "another protobuf line";
    google::protobuf::SetLogHandler(saved);
  }
  close(fd);

  int utf8_lines = 0;
  int other_lines = 0;
  for (const std::string& line : LinesOf(path)) {
    google::protobuf::Struct parsed = Parse(line);
    ASSERT_EQ(parsed.fields().at("event").string_value(), "protobuf") << line;
    const std::string& msg = parsed.fields().at("msg").string_value();
    if (msg.find("invalid UTF-8") != std::string::npos) {
      ++utf8_lines;
    } else {
      EXPECT_EQ(msg, "another protobuf line");
      ++other_lines;
    }
  }
  // RouteProtobufLogs starts the limiter afresh: exactly the first passes.
  EXPECT_EQ(utf8_lines, 1);
  EXPECT_EQ(other_lines, 2);
}

}  // namespace
}  // namespace placi::server
