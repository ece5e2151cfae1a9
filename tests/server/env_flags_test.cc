// PLACI_* variables: applied to the flags they name, and the ones that name
// no flag found (with the flag meant) so that the server can warn of them.
#include "server/env_flags.h"

#include <cstdlib>
#include <initializer_list>
#include <utility>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, env_test_keys_file, "", "a flag of this test file");
ABSL_FLAG(int, env_test_threads, 2, "a flag of this test file");

namespace placi::server {
namespace {

constexpr char kThisFile[] = "tests/server/env_flags_test.cc";

// Sets variables for one test and removes them after it.
class ScopedVariables {
 public:
  ScopedVariables(std::initializer_list<std::pair<std::string, std::string>> variables)
      : variables_(variables) {
    for (const auto& [name, value] : variables_) setenv(name.c_str(), value.c_str(), 1);
  }
  ScopedVariables(const ScopedVariables&) = delete;
  ScopedVariables& operator=(const ScopedVariables&) = delete;
  ~ScopedVariables() {
    for (const auto& [name, value] : variables_) unsetenv(name.c_str());
  }

 private:
  std::vector<std::pair<std::string, std::string>> variables_;
};

TEST(EnvFlagsTest, AVariableSetsItsFlagUnlessTheCommandLineNamesIt) {
  ScopedVariables env({{"PLACI_ENV_TEST_KEYS_FILE", "/etc/keys.txt"},
                       {"PLACI_ENV_TEST_THREADS", "8"}});
  const char* argv[] = {"server", "--env_test_threads=4"};
  ASSERT_TRUE(ApplyFlagsFromEnvironment(kThisFile, 2, argv).ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_keys_file), "/etc/keys.txt");
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_threads), 2) << "named on the command line: not applied";
}

TEST(EnvFlagsTest, AValueThatDoesNotParseNamesTheVariable) {
  ScopedVariables env({{"PLACI_ENV_TEST_THREADS", "eight"}});
  const char* argv[] = {"server"};
  const absl::Status status = ApplyFlagsFromEnvironment(kThisFile, 1, argv);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(std::string(status.message()).find("PLACI_ENV_TEST_THREADS=eight"), std::string::npos)
      << status;
}

TEST(EnvFlagsTest, AMisspeltVariableIsFoundWithTheFlagItMeant) {
  ScopedVariables env({{"PLACI_ENV_TEST_KEY_FILE", "/etc/keys.txt"},  // "KEYS" misspelt
                       {"PLACI_ENV_TEST_KEYS_FILE", "/etc/keys.txt"},  // a flag's: not reported
                       {"PLACI_SOMETHING_ELSE_ENTIRELY", "1"},
                       {"NOT_PLACI_ENV_TEST_X", "1"}});
  std::vector<UnknownVariable> unknown = UnknownFlagVariables(kThisFile);
  // The environment may hold other PLACI_* variables (a test harness's).
  const auto find = [&](const std::string& name) -> const UnknownVariable* {
    for (const UnknownVariable& v : unknown) {
      if (v.name == name) return &v;
    }
    return nullptr;
  };
  const UnknownVariable* misspelt = find("PLACI_ENV_TEST_KEY_FILE");
  ASSERT_NE(misspelt, nullptr);
  EXPECT_EQ(misspelt->nearest, "PLACI_ENV_TEST_KEYS_FILE");
  const UnknownVariable* other = find("PLACI_SOMETHING_ELSE_ENTIRELY");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->nearest, "") << "nothing within three edits";
  EXPECT_EQ(find("PLACI_ENV_TEST_KEYS_FILE"), nullptr);
  EXPECT_EQ(find("NOT_PLACI_ENV_TEST_X"), nullptr);
}

}  // namespace
}  // namespace placi::server
