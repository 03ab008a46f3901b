// The botocore copy of the AWS SigV4 suite (tests/data/sigv4/botocore-aws4,
// 34 cases, some in sub-folders), in full. Each case: NAME.req is signed
// with the suite's example credentials at the X-Amz-Date it carries, for
// region us-east-1 and service "service" (the scope of every .sts), and
// .creq, .sts, .authz and .sreq are checked.
//
// The session-token cases take their token from .sreq; when .creq does not
// sign it (post-sts-header-after) the token is added after signing
// (omit_session_token).
//
// Assertions skipped, with the reason:
//  - get-vanilla-with-session-token.sreq: its Authorization carries the
//    signature of get-vanilla (5fa00f...), not the one in the same case's
//    .authz (07ec16...); .creq, .sts and .authz agree with each other and
//    with the aws-c-auth copy of the case, so .sreq alone is wrong upstream.
//    The .sreq is still checked with the Authorization header left out.
#include "suite_reader.hpp"

#include <mailwarden/net/sigv4.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
namespace sigv4 = mailwarden::sigv4;
using namespace sigv4_test;

namespace {

const fs::path suite_dir = fs::path(MW_TEST_DATA_DIR) / "sigv4" / "botocore-aws4";

// case -> the assertion not made, and why (see the header comment).
const std::map<std::string, std::string> skipped_assertions = {
    {"get-vanilla-with-session-token",
     "sreq Authorization: upstream .sreq holds get-vanilla's signature, contradicting the case's own .authz"},
};

std::string strip_final_newline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

}  // namespace

TEST_CASE("botocore SigV4 suite: every case") {
    std::vector<fs::path> cases;
    for (const auto& e : fs::recursive_directory_iterator(suite_dir))
        if (e.is_regular_file() && e.path().extension() == ".req") cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() == 34);

    for (const auto& req_path : cases) {
        const std::string name = req_path.stem().string();
        INFO("case " << name);
        auto sibling = [&](const char* ext) { return fs::path(req_path).replace_extension(ext); };
        const auto request = parse_raw_request(read_file(req_path));
        REQUIRE(request.has_value());
        const auto expected_sreq = parse_raw_request(read_file(sibling(".sreq")));
        REQUIRE(expected_sreq.has_value());
        const std::string creq = read_file(sibling(".creq"));

        const auto dates = request->values("X-Amz-Date");
        REQUIRE(dates.size() == 1);
        const auto time = sigv4::parse_amz_date(dates[0]);
        REQUIRE(time.has_value());
        const auto tokens = expected_sreq->values("X-Amz-Security-Token");
        const std::string token = tokens.empty() ? std::string() : tokens[0];
        const mailwarden::aws::Credentials credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);

        sigv4::SigningConfig config;
        config.region = "us-east-1";
        config.service = "service";
        config.time = *time;
        config.omit_session_token = !token.empty() && creq.find("\nx-amz-security-token:") == std::string::npos;

        const auto headers = request->header_views();
        sigv4::Request req;
        req.method = request->method;
        req.path = request->path();
        req.query = request->query();
        req.headers = headers;
        req.body = request->body;
        sigv4::Signer signer;
        sigv4::SignedRequest out;
        REQUIRE_FALSE(signer.sign(req, credentials, config, out));

        CHECK(out.canonical_request() == creq);
        CHECK(out.string_to_sign() == read_file(sibling(".sts")));
        CHECK(out.authorization() == strip_final_newline(read_file(sibling(".authz"))));

        RawRequest ours = apply_signature(*request, out);
        RawRequest expected = *expected_sreq;
        if (skipped_assertions.count(name) != 0) {
            auto drop_auth = [](RawRequest& r) {
                std::erase_if(r.headers, [](const auto& kv) { return lower(kv.first) == "authorization"; });
            };
            drop_auth(ours);
            drop_auth(expected);
        }
        std::string why;
        CHECK_MESSAGE(same_request(ours, expected, why), why);
    }
    MESSAGE("botocore suite: " << cases.size() << " cases run; assertions skipped: " << skipped_assertions.size());
}
