// The aws-c-auth SigV4 suite (tests/data/sigv4/aws-c-auth-v4, 38 cases), in
// full: for each case both the header-signing and the query-presigning
// variant, checking canonical request, string to sign, signature and the
// signed request. context.json's options are mapped onto SigningConfig:
// normalize -> normalize_path, sign_body -> content_sha256_header,
// omit_session_token -> omit_session_token, expiration_in_seconds -> expires.
// No case is skipped.
#include "suite_reader.hpp"

#include <mailwarden/net/sigv4.hpp>

#include <boost/json/parse.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <set>

namespace fs = std::filesystem;
namespace sigv4 = mailwarden::sigv4;
using namespace sigv4_test;

namespace {

const fs::path suite_dir = fs::path(MW_TEST_DATA_DIR) / "sigv4" / "aws-c-auth-v4";

// Cases not run, with the reason. Empty: every case runs.
const std::set<std::string> skipped = {};

struct Context {
    mailwarden::aws::Credentials credentials;
    sigv4::SigningConfig config;
    std::string region;
    std::string service;
};

Context read_context(const fs::path& dir) {
    const auto v = boost::json::parse(read_file(dir / "context.json"));
    const auto& o = v.as_object();
    const auto& c = o.at("credentials").as_object();
    Context ctx;
    std::string token;
    if (const auto* t = c.if_contains("token")) token = std::string(t->as_string());
    ctx.credentials = mailwarden::aws::Credentials(std::string(c.at("access_key_id").as_string()),
                                                   std::string(c.at("secret_access_key").as_string()), token);
    ctx.region = std::string(o.at("region").as_string());
    ctx.service = std::string(o.at("service").as_string());
    ctx.config.region = ctx.region;
    ctx.config.service = ctx.service;
    const auto time = sigv4::parse_amz_date(std::string(o.at("timestamp").as_string()));
    REQUIRE(time.has_value());
    ctx.config.time = *time;
    ctx.config.normalize_path = o.at("normalize").as_bool();
    ctx.config.content_sha256_header = o.at("sign_body").as_bool();
    if (const auto* omit = o.if_contains("omit_session_token")) ctx.config.omit_session_token = omit->as_bool();
    ctx.config.expires = std::chrono::seconds(o.at("expiration_in_seconds").to_number<long long>());
    return ctx;
}

void check_variant(const fs::path& dir, const std::string& variant, const RawRequest& request, const Context& ctx) {
    INFO("case " << dir.filename().string() << ", " << variant << " signing");
    const auto headers = request.header_views();
    sigv4::Request req;
    req.method = request.method;
    req.path = request.path();
    req.query = request.query();
    req.headers = headers;
    req.body = request.body;

    sigv4::Signer signer;
    sigv4::SignedRequest out;
    const auto ec = variant == "header" ? signer.sign(req, ctx.credentials, ctx.config, out)
                                        : signer.presign(req, ctx.credentials, ctx.config, out);
    REQUIRE_FALSE(ec);
    CHECK(out.canonical_request() == read_file(dir / (variant + "-canonical-request.txt")));
    CHECK(out.string_to_sign() == read_file(dir / (variant + "-string-to-sign.txt")));
    CHECK(out.signature() == read_file(dir / (variant + "-signature.txt")));

    const auto expected = parse_raw_request(read_file(dir / (variant + "-signed-request.txt")));
    REQUIRE(expected.has_value());
    const RawRequest ours = apply_signature(request, out);
    std::string why;
    CHECK_MESSAGE(same_request(ours, *expected, why), why);
    if (variant == "header") {
        const auto auth = expected->values("Authorization");
        REQUIRE(auth.size() == 1);
        CHECK(out.authorization() == auth[0]);
    } else {
        CHECK(out.authorization().empty());
        CHECK(out.headers_to_add().size() == 0);
    }
}

}  // namespace

TEST_CASE("aws-c-auth SigV4 suite: every case, header and query variants") {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(suite_dir))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() == 38);

    std::size_t ran = 0;
    for (const auto& dir : cases) {
        if (skipped.count(dir.filename().string()) != 0) continue;
        const auto request = parse_raw_request(read_file(dir / "request.txt"));
        REQUIRE_MESSAGE(request.has_value(), dir.string());
        const Context ctx = read_context(dir);
        check_variant(dir, "header", *request, ctx);
        check_variant(dir, "query", *request, ctx);
        ++ran;
    }
    CHECK(ran + skipped.size() == cases.size());
    MESSAGE("aws-c-auth suite: " << ran << " cases run (x2 variants), " << skipped.size() << " skipped");
}
