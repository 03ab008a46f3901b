// Credentials and their providers: the secret never shows, the environment,
// the shared files (INI dialect, profiles, precedence, errors), the default
// chain and the region.
#include <mailwarden/net/credentials.hpp>
#include <mailwarden/net/sigv4.hpp>

#include "temp_home.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace mailwarden::aws;
using sigv4_test::env_of;
using sigv4_test::TempHome;
using sigv4_test::Vars;

namespace {

// Distinctive values: any appearance in text is a leak.
constexpr const char* secret = "SeCrEt/Kq9+Zy8wXv7UtS6rQp5OnM4lKj3IhG2fE";
constexpr const char* token = "ToKeN//////////wEaCXVzLWVhc3QtMSJGMEQCIExampleSessionToken";

bool leaks(std::string_view text) {
    return text.find(secret) != std::string_view::npos || text.find(token) != std::string_view::npos ||
           text.find("SeCrEt") != std::string_view::npos;
}

}  // namespace

TEST_CASE("the secret never appears in to_string, to_json, operator<<") {
    const Credentials c("AKIDEXAMPLE", secret, token, "environment");
    CHECK(c.secret_access_key() == secret);
    CHECK(c.session_token() == token);
    CHECK(c.to_string() == "AKIDEXAMPLE (secret: redacted, session token: redacted, source: environment)");
    CHECK(c.to_json() ==
          R"({"access_key_id":"AKIDEXAMPLE","secret_access_key":"redacted","session_token":"redacted","source":"environment"})");
    std::ostringstream s;
    s << c;
    CHECK(s.str() == c.to_string());
    for (const std::string& text : {c.to_string(), c.to_json(), s.str()}) CHECK_FALSE(leaks(text));

    const Credentials plain("AKID", secret);
    CHECK(plain.to_string() == "AKID (secret: redacted, session token: none, source: explicit)");
    CHECK(Credentials().to_string() == "(no access key id) (secret: none, session token: none)");
    CHECK(Credentials().empty());
    CHECK(Credentials("AKID", "").empty());
    CHECK_FALSE(plain.empty());
}

TEST_CASE("the secret never appears in signing artefacts") {
    const Credentials c("AKIDEXAMPLE", secret);
    mailwarden::sigv4::Request r;
    r.host = "email.us-east-1.amazonaws.com";
    r.path = "/v2/email/outbound-emails";
    mailwarden::sigv4::SigningConfig config;
    config.region = "us-east-1";
    config.service = "ses";
    config.time = *mailwarden::sigv4::parse_amz_date("20260101T000000Z");
    mailwarden::sigv4::SignedRequest out;
    REQUIRE_FALSE(mailwarden::sigv4::default_signer().sign(r, c, config, out));
    for (const auto text : {out.authorization(), out.canonical_request(), out.string_to_sign(), out.signature()})
        CHECK_FALSE(leaks(text));
    REQUIRE_FALSE(mailwarden::sigv4::default_signer().presign(r, c, config, out));
    CHECK_FALSE(leaks(out.presigned_query()));
}

TEST_CASE("copies and moves keep the values; moved-from credentials are empty") {
    Credentials a("AKID", secret, token, "explicit");
    Credentials b = a;
    CHECK(b.secret_access_key() == secret);
    CHECK(b.secret_fingerprint() == a.secret_fingerprint());
    Credentials c = std::move(a);
    CHECK(c.secret_access_key() == secret);
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move)
    CHECK(a.secret_access_key().empty());
    b = Credentials("AKID2", "other");
    CHECK(b.secret_access_key() == "other");
    CHECK(b.secret_fingerprint() != c.secret_fingerprint());
    b = c;
    CHECK(b.secret_access_key() == secret);
}

TEST_CASE("environment provider") {
    auto r = make_environment_provider(env_of({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", secret}}))
                 ->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDENV");
    CHECK(r.credentials->secret_access_key() == secret);
    CHECK_FALSE(r.credentials->has_session_token());
    CHECK(r.credentials->source() == "environment");

    r = make_environment_provider(env_of({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                          {"AWS_SECRET_ACCESS_KEY", secret},
                                          {"AWS_SESSION_TOKEN", token}}))
            ->resolve();
    REQUIRE(r);
    CHECK(r.credentials->session_token() == token);

    r = make_environment_provider(env_of({}))->resolve();
    CHECK_FALSE(r);
    CHECK(r.error == CredentialsErrc::no_credentials);
    CHECK(r.message == "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");

    r = make_environment_provider(env_of({{"AWS_SECRET_ACCESS_KEY", secret}, {"AWS_ACCESS_KEY_ID", ""}}))->resolve();
    CHECK(r.error == CredentialsErrc::incomplete);
    CHECK(r.message == "environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
    CHECK_FALSE(leaks(r.message));
    CHECK(r.error.category().name() == std::string("mailwarden.aws.credentials"));
    CHECK(r.error.message() == "incomplete AWS credentials");
}

TEST_CASE("INI dialect of the shared files") {
    const auto p = parse_shared_config(
        "\xEF\xBB\xBF# comment\r\n"
        "; another\r\n"
        "[default]  # trailing comment\r\n"
        "  aws_access_key_id   =   AKID1  \r\n"
        "AWS_Secret_Access_Key=abc#not-a-comment ; a comment\n"
        "\n"
        "[ profile  ci ]\n"
        "region = eu-west-1\n"
        "s3 =\n"
        "    max_concurrent_requests = 10\n"
        "    addressing_style=path\n"
        "note = first\n"
        "   second line\n"
        "[default]\n"
        "region = us-east-1\n"
        "aws_access_key_id = AKID2\n"
        "empty =\n");
    REQUIRE(p);
    REQUIRE(p.sections.size() == 2);
    const auto* d = p.find("default");
    REQUIRE(d != nullptr);
    CHECK(d->values.at("aws_access_key_id") == "AKID2");  // repeated section: later keys win
    CHECK(d->values.at("aws_secret_access_key") == "abc#not-a-comment");
    CHECK(d->values.at("region") == "us-east-1");
    CHECK(d->values.at("empty").empty());
    const auto* ci = p.find("profile  ci");
    REQUIRE(ci != nullptr);
    CHECK(ci->values.at("region") == "eu-west-1");
    CHECK(ci->values.at("s3.max_concurrent_requests") == "10");
    CHECK(ci->values.at("s3.addressing_style") == "path");
    CHECK(ci->values.at("note") == "first\nsecond line");
    CHECK(p.find("ci") == nullptr);

    // Keys at the same indentation are keys, not continuations.
    const auto indented = parse_shared_config("[x]\n  a = 1\n  b = 2\n");
    REQUIRE(indented);
    CHECK(indented.sections[0].values.size() == 2);

    CHECK(parse_shared_config("").sections.empty());
    CHECK(parse_shared_config("\n\n# only comments\n").sections.empty());
}

TEST_CASE("INI errors name the line, never its text") {
    struct Bad {
        const char* text;
        std::size_t line;
        const char* message;
    };
    const Bad cases[] = {
        {"aws_secret_access_key = SeCrEt\n", 1, "line 1: 'key = value' before any [section]"},
        {"[default]\nSeCrEtWithoutEquals\n", 2, "line 2: expected 'key = value'"},
        {"[default\nx=1\n", 1, "line 1: section header without ']'"},
        {"[]\n", 1, "line 1: empty section name"},
        {"[a] SeCrEt\n", 1, "line 1: text after the section header"},
        {"[a]\n = SeCrEt\n", 2, "line 2: empty key"},
        {"[a]\nb =\n  = SeCrEt\n", 3, "line 3: empty key"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto p = parse_shared_config(c.text);
        CHECK_FALSE(p);
        CHECK(p.error == CredentialsErrc::malformed_file);
        CHECK(p.error_line == c.line);
        CHECK(p.message == c.message);
        CHECK(p.sections.empty());
        CHECK_FALSE(leaks(p.message));
    }
}

TEST_CASE("shared files provider: profiles, precedence, paths") {
    TempHome home;
    home.write(".aws/credentials",
               "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = " + std::string(secret) +
                   "\n[ci]\naws_access_key_id=AKIDCI\naws_secret_access_key=ci-secret\naws_session_token=ci-token\n");
    home.write(".aws/config",
               "[default]\nregion = eu-central-1\n[profile ci]\nregion = eu-west-1\naws_access_key_id = IGNORED\n"
               "aws_secret_access_key = ignored\n[profile only-config]\naws_access_key_id = AKIDCFG\n"
               "aws_secret_access_key = cfg-secret\nregion=ap-south-1\n[profile role]\nrole_arn = arn:aws:iam::1:role/x\n"
               "[profile half]\naws_secret_access_key = " +
                   std::string(secret) + "\n");

    auto r = make_shared_files_provider({}, env_of(home.vars()))->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDDEFAULT");
    CHECK(r.credentials->secret_access_key() == secret);
    CHECK(r.credentials->source() == "shared credentials file " + home.path(".aws/credentials") + " [default]");

    // AWS_PROFILE; the credentials file wins over the config file.
    r = make_shared_files_provider({}, env_of(home.vars({{"AWS_PROFILE", "ci"}})))->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDCI");
    CHECK(r.credentials->session_token() == "ci-token");

    // [profile x] of the config file when the credentials file lacks x.
    r = make_shared_files_provider({"only-config", "", ""}, env_of(home.vars({{"AWS_PROFILE", "ci"}})))->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDCFG");
    CHECK(r.credentials->source() == "shared config file " + home.path(".aws/config") + " [only-config]");

    r = make_shared_files_provider({"nope", "", ""}, env_of(home.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::profile_not_found);
    CHECK(r.message == "shared files: profile 'nope' not found in " + home.path(".aws/credentials") + " or " +
                           home.path(".aws/config"));

    r = make_shared_files_provider({"role", "", ""}, env_of(home.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::no_credentials);
    r = make_shared_files_provider({"half", "", ""}, env_of(home.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::incomplete);
    CHECK_FALSE(leaks(r.message));

    // File locations from the environment, with ~ expanded.
    home.write("alt-credentials", "[default]\naws_access_key_id = AKIDALT\naws_secret_access_key = alt\n");
    r = make_shared_files_provider({}, env_of(home.vars({{"AWS_SHARED_CREDENTIALS_FILE", "~/alt-credentials"}})))
            ->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDALT");
    r = make_shared_files_provider({"", home.path("alt-credentials"), home.path("missing")}, env_of(home.vars()))
            ->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDALT");
}

TEST_CASE("shared files provider: missing, unreadable and malformed files") {
    TempHome home;
    // No files at all: nothing found, the default profile is not "missing".
    auto r = make_shared_files_provider({}, env_of(home.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::no_credentials);
    r = make_shared_files_provider({}, env_of(home.vars({{"AWS_PROFILE", "prod"}})))->resolve();
    CHECK(r.error == CredentialsErrc::profile_not_found);

    // A directory where a file should be.
    fs::create_directories(home.dir / ".aws" / "credentials");
    r = make_shared_files_provider({}, env_of(home.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::unreadable_file);
    CHECK(r.message == home.path(".aws/credentials") + ": cannot be read");
    fs::remove(home.dir / ".aws" / "credentials");

    home.write(".aws/config", "[default]\nregion = x\n" + std::string(secret) + "\n");
    r = make_shared_files_provider({}, env_of(home.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::malformed_file);
    CHECK(r.message == home.path(".aws/config") + ": line 3: expected 'key = value'");
    CHECK_FALSE(leaks(r.message));
}

TEST_CASE("default chain: environment first, then shared files") {
    TempHome home;
    home.write(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n");
    const Vars env_creds = {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", secret}};

    auto r = make_default_chain({}, env_of(home.vars(env_creds)))->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDENV");

    r = make_default_chain({}, env_of(home.vars()))->resolve();
    REQUIRE(r);
    CHECK(r.credentials->access_key_id() == "AKIDFILE");

    // A half-set environment is a mistake worth stopping at.
    r = make_default_chain({}, env_of(home.vars({{"AWS_ACCESS_KEY_ID", "AKIDENV"}})))->resolve();
    CHECK(r.error == CredentialsErrc::incomplete);

    TempHome empty;
    r = make_default_chain({}, env_of(empty.vars()))->resolve();
    CHECK(r.error == CredentialsErrc::no_credentials);
    CHECK(r.message.starts_with("no AWS credentials: environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not "
                                "set; shared files: profile 'default' not found in "));
    r = make_default_chain({}, env_of(empty.vars({{"AWS_PROFILE", "prod"}})))->resolve();
    CHECK(r.error == CredentialsErrc::profile_not_found);

    CHECK(make_default_chain()->name() == "default chain");
    CHECK(make_static_provider(Credentials("A", "B"))->resolve());
    CHECK(make_static_provider(Credentials())->resolve().error == CredentialsErrc::incomplete);
}

TEST_CASE("region: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region") {
    TempHome home;
    home.write(".aws/config", "[default]\nregion = eu-central-1\n[profile ci]\nregion = eu-west-1\n[profile none]\n");
    auto r = resolve_region({}, env_of(home.vars({{"AWS_REGION", "us-west-2"}, {"AWS_DEFAULT_REGION", "us-east-2"}})));
    REQUIRE(r);
    CHECK(*r.region == "us-west-2");
    r = resolve_region({}, env_of(home.vars({{"AWS_DEFAULT_REGION", "us-east-2"}})));
    CHECK(*r.region == "us-east-2");
    r = resolve_region({}, env_of(home.vars()));
    CHECK(*r.region == "eu-central-1");
    r = resolve_region({}, env_of(home.vars({{"AWS_PROFILE", "ci"}})));
    CHECK(*r.region == "eu-west-1");
    r = resolve_region({"none", "", ""}, env_of(home.vars()));
    CHECK(r.error == CredentialsErrc::no_region);
    r = resolve_region({"absent", "", ""}, env_of(home.vars()));
    CHECK(r.error == CredentialsErrc::profile_not_found);
    TempHome empty;
    r = resolve_region({}, env_of(empty.vars()));
    CHECK(r.error == CredentialsErrc::no_region);
}
