// server/api_keys: the principals file, key hashing and new keys.
#include "server/api_keys.h"

#include <string>

#include "gtest/gtest.h"

namespace placi::server {
namespace {

TEST(ApiKeysTest, Sha256HexMatchesTheStandardVectors) {
  // FIPS 180-2 examples.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ApiKeysTest, NewKeysAreLongAndDifferent) {
  const std::string a = NewApiKey();
  const std::string b = NewApiKey();
  EXPECT_EQ(a.rfind("placi_", 0), 0u);
  EXPECT_EQ(a.size(), 6u + 48u);
  EXPECT_NE(a, b);
}

TEST(ApiKeysTest, AKeygenLineAdmitsItsKeyAndNoOther) {
  const std::string key = NewApiKey();
  const std::string line = PrincipalsLine(key, "carrier-a", Role::kCarrier);
  EXPECT_EQ(line.find(key), std::string::npos) << "the file must not hold the key itself";
  absl::StatusOr<PrincipalTable> table = ParsePrincipals(line + "\n", "keys");
  ASSERT_TRUE(table.ok()) << table.status();
  const Principal* found = table->FindKey(key);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->name, "carrier-a");
  EXPECT_EQ(found->role, Role::kCarrier);
  EXPECT_EQ(table->FindKey(key + "x"), nullptr);
  EXPECT_EQ(table->FindKey(""), nullptr);
}

TEST(ApiKeysTest, ParsesCommentsCertificatesAndUpperCaseHashes) {
  const std::string text =
      "# credential principal role\n"
      "\n"
      "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD  admin-1  admin  # ok\n"
      "cert:officer1.customs.example\tofficer-jane\tofficer\n";
  absl::StatusOr<PrincipalTable> table = ParsePrincipals(text, "keys");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->size(), 2u);
  ASSERT_NE(table->FindKey("abc"), nullptr);
  EXPECT_EQ(table->FindKey("abc")->role, Role::kAdmin);
  const Principal* officer = table->FindCertificate("officer1.customs.example");
  ASSERT_NE(officer, nullptr);
  EXPECT_EQ(officer->name, "officer-jane");
  EXPECT_EQ(officer->role, Role::kOfficer);
  EXPECT_EQ(table->FindCertificate("other.example"), nullptr);
}

TEST(ApiKeysTest, ErrorsNameTheLineAndNeverTheCredential) {
  const std::string hash = Sha256Hex("k");
  struct Case {
    std::string text;
    std::string want;
  };
  for (const Case& c : {
           Case{"# only\n" + hash + " a root\n", "keys.txt:2: unknown role \"root\""},
           Case{hash + " a\n", "keys.txt:1: want 3 fields"},
           Case{"deadbeef a admin\n", "keys.txt:1: credential is neither"},
           Case{hash + " a admin\n" + hash + " b carrier\n", "keys.txt:2: key hash listed twice"},
           Case{"cert: a admin\n", "keys.txt:1: empty certificate identity"},
           Case{"# nothing\n", "keys.txt: no principals"},
       }) {
    absl::StatusOr<PrincipalTable> table = ParsePrincipals(c.text, "keys.txt");
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(table.status().message()).rfind(c.want, 0), 0u) << table.status();
    EXPECT_EQ(std::string(table.status().message()).find(hash), std::string::npos);
  }
}

TEST(ApiKeysTest, AMissingFileIsNamed) {
  absl::StatusOr<PrincipalTable> table = LoadPrincipalsFile("/nonexistent/keys.txt");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(), "cannot read keys file /nonexistent/keys.txt");
}

}  // namespace
}  // namespace placi::server
