// Signer behaviour beyond the suites: which headers are signed, options,
// argument errors, presigning details, the signing-key cache and threads.
#include "net/sigv4/crypto.hpp"
#include "net/sigv4/signing_key_cache.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/net/sigv4.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace sigv4 = mailwarden::sigv4;
using mailwarden::aws::Credentials;

namespace {

const Credentials example("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

sigv4::SigningConfig config_at(std::string_view date = "20150830T123600Z", std::string_view region = "us-east-1",
                               std::string_view service = "service") {
    sigv4::SigningConfig c;
    c.region = region;
    c.service = service;
    c.time = *sigv4::parse_amz_date(date);
    return c;
}

std::string line(std::string_view text, int n) {
    std::size_t start = 0;
    for (int i = 0; i < n; ++i) start = text.find('\n', start) + 1;
    return std::string(text.substr(start, text.find('\n', start) - start));
}

sigv4::Request get_vanilla() {
    sigv4::Request r;
    r.method = "GET";
    r.host = "example.amazonaws.com";
    r.path = "/";
    return r;
}

}  // namespace

TEST_CASE("the host comes from Request::host when there is no Host header") {
    sigv4::Signer signer;
    sigv4::SignedRequest out;
    REQUIRE_FALSE(signer.sign(get_vanilla(), example, config_at(), out));
    // Same as the suite's get-vanilla, where Host is a header.
    CHECK(out.signature() == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CHECK(out.amz_date() == "20150830T123600Z");
    CHECK(out.credential_scope() == "20150830/us-east-1/service/aws4_request");
    CHECK(out.signed_headers() == "host;x-amz-date");
    CHECK(out.payload_hash() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    const auto added = out.headers_to_add();
    REQUIRE(added.size() == 2);
    CHECK(added.items[0].name == "X-Amz-Date");
    CHECK(added.items[0].value == "20150830T123600Z");
    CHECK(added.items[1].name == "Authorization");
    CHECK(added.items[1].value == out.authorization());

    auto no_host = get_vanilla();
    no_host.host = "";
    CHECK(signer.sign(no_host, example, config_at(), out) == mailwarden::errc::invalid_argument);
}

TEST_CASE("hop-by-hop and proxy headers are not signed; duplicates are joined") {
    const sigv4::Header headers[] = {
        {"User-Agent", "curl/8"},        {"Authorization", "old"},      {"Connection", "keep-alive"},
        {"Proxy-Authorization", "x"},    {"Sec-Fetch-Mode", "cors"},    {"X-Amzn-Trace-Id", "Root=1"},
        {"Transfer-Encoding", "chunked"}, {"Expect", "100-continue"},   {"X-Amz-Date", "19990101T000000Z"},
        {"My-Header", " b "},            {"my-header", "a"},            {"X-Custom", "1   2"},
    };
    auto r = get_vanilla();
    r.headers = headers;
    sigv4::SignedRequest out;
    REQUIRE_FALSE(sigv4::default_signer().sign(r, example, config_at(), out));
    CHECK(out.signed_headers() == "host;my-header;x-amz-date;x-custom");
    CHECK(line(out.canonical_request(), 3) == "host:example.amazonaws.com");
    CHECK(line(out.canonical_request(), 4) == "my-header:b,a");
    CHECK(line(out.canonical_request(), 5) == "x-amz-date:20150830T123600Z");
    CHECK(line(out.canonical_request(), 6) == "x-custom:1 2");
}

TEST_CASE("payload options: body hash, UNSIGNED-PAYLOAD, X-Amz-Content-Sha256, caller's hash") {
    auto r = get_vanilla();
    r.method = "POST";
    r.body = "Param1=value1";
    sigv4::Signer signer;
    sigv4::SignedRequest out;

    auto c = config_at();
    REQUIRE_FALSE(signer.sign(r, example, c, out));
    CHECK(out.payload_hash() == sigv4::sha256_hex("Param1=value1"));
    CHECK(out.content_sha256().empty());

    c.unsigned_payload = true;
    REQUIRE_FALSE(signer.sign(r, example, c, out));
    CHECK(out.payload_hash() == "UNSIGNED-PAYLOAD");
    CHECK(out.canonical_request().ends_with("\nhost;x-amz-date\nUNSIGNED-PAYLOAD"));

    c.content_sha256_header = true;
    REQUIRE_FALSE(signer.sign(r, example, c, out));
    CHECK(out.signed_headers() == "host;x-amz-content-sha256;x-amz-date");
    CHECK(out.content_sha256() == "UNSIGNED-PAYLOAD");
    const auto added = out.headers_to_add();
    REQUIRE(added.size() == 3);
    CHECK(added.items[1].name == "X-Amz-Content-Sha256");
    CHECK(added.items[1].value == "UNSIGNED-PAYLOAD");

    // A hash the caller declares in the request is the one signed.
    const std::string declared = sigv4::sha256_hex("streamed elsewhere");
    const sigv4::Header h[] = {{"x-amz-content-sha256", declared}};
    r.headers = h;
    REQUIRE_FALSE(signer.sign(r, example, c, out));
    CHECK(out.payload_hash() == declared);
    CHECK(out.content_sha256().empty());  // already in the request, not added again
    CHECK(out.signed_headers() == "host;x-amz-content-sha256;x-amz-date");

    // A precomputed hash instead of the body.
    r.headers = {};
    auto p = config_at();
    p.payload_hash = declared;
    REQUIRE_FALSE(signer.sign(r, example, p, out));
    CHECK(out.payload_hash() == declared);
    p.payload_hash = "not-a-hash";
    CHECK(signer.sign(r, example, p, out) == mailwarden::errc::invalid_argument);
}

TEST_CASE("session token: signed by default, added unsigned with omit_session_token") {
    const Credentials temp("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN/+=");
    sigv4::Signer signer;
    sigv4::SignedRequest out;
    auto c = config_at();
    REQUIRE_FALSE(signer.sign(get_vanilla(), temp, c, out));
    CHECK(out.signed_headers() == "host;x-amz-date;x-amz-security-token");
    CHECK(out.security_token() == "TOKEN/+=");
    auto added = out.headers_to_add();
    REQUIRE(added.size() == 3);
    CHECK(added.items[1].name == "X-Amz-Security-Token");
    const std::string signed_sig(out.signature());

    c.omit_session_token = true;
    REQUIRE_FALSE(signer.sign(get_vanilla(), temp, c, out));
    CHECK(out.signed_headers() == "host;x-amz-date");
    CHECK(out.security_token() == "TOKEN/+=");
    CHECK(out.headers_to_add().size() == 3);
    CHECK(out.signature() != signed_sig);
    // Without the token in the signature it is get-vanilla's signature.
    CHECK(out.signature() == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("presigning: query parameters, order, token, expiry bounds") {
    const Credentials temp("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "a/b+c=");
    auto r = get_vanilla();
    r.query = "z=1&a=%7e";
    sigv4::Signer signer;
    sigv4::SignedRequest out;
    auto c = config_at();
    c.expires = std::chrono::seconds(900);
    REQUIRE_FALSE(signer.presign(r, temp, c, out));
    CHECK(out.authorization().empty());
    CHECK(out.headers_to_add().size() == 0);
    CHECK(out.presigned_query() ==
          "z=1&a=%7e&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2F"
          "aws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=900&X-Amz-Security-Token=a%"
          "2Fb%2Bc%3D&X-Amz-Signature=" +
              std::string(out.signature()));
    CHECK(line(out.canonical_request(), 2) ==
          "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
          "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900&X-Amz-Security-Token=a%2Fb%2Bc%3D&X-Amz-SignedHeaders=host&a=~&"
          "z=1");

    c.expires = std::chrono::seconds(0);
    CHECK(signer.presign(r, temp, c, out) == mailwarden::errc::invalid_argument);
    c.expires = std::chrono::seconds(7 * 24 * 3600 + 1);
    CHECK(signer.presign(r, temp, c, out) == mailwarden::errc::invalid_argument);
    c.expires = std::chrono::seconds(7 * 24 * 3600);
    CHECK_FALSE(signer.presign(r, temp, c, out));
}

TEST_CASE("invalid arguments are errors, not crashes") {
    sigv4::Signer signer;
    sigv4::SignedRequest out;
    auto check_invalid = [&](const sigv4::Request& r, const Credentials& cr, const sigv4::SigningConfig& c) {
        CHECK(signer.sign(r, cr, c, out) == mailwarden::errc::invalid_argument);
        CHECK(signer.presign(r, cr, c, out) == mailwarden::errc::invalid_argument);
    };
    check_invalid(get_vanilla(), Credentials(), config_at());
    check_invalid(get_vanilla(), Credentials("AKID", ""), config_at());
    check_invalid(get_vanilla(), example, config_at("20150830T123600Z", "", "service"));
    check_invalid(get_vanilla(), example, config_at("20150830T123600Z", "us-east-1", ""));
    check_invalid(get_vanilla(), example, config_at("20150830T123600Z", "us/east", "service"));
    check_invalid(get_vanilla(), example, config_at("20150830T123600Z", "us-east-1", "ses ses"));
    auto r = get_vanilla();
    r.method = "";
    check_invalid(r, example, config_at());
    r.method = "GET /";
    check_invalid(r, example, config_at());
    for (const char* name : {"", "Bad Name", "X:Y", "X\r\nInjected"}) {
        const sigv4::Header h[] = {{name, "v"}};
        auto rh = get_vanilla();
        rh.headers = h;
        INFO(name);
        check_invalid(rh, example, config_at());
    }
    auto c = config_at();
    c.time = std::chrono::system_clock::time_point{} - std::chrono::seconds(1);
    check_invalid(get_vanilla(), example, c);
    // A failed call leaves the object usable.
    CHECK_FALSE(signer.sign(get_vanilla(), example, config_at(), out));
    CHECK(out.signature() == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("signing key derivation: AWS's documented example") {
    mailwarden::sigv4::detail::Digest key;
    mailwarden::sigv4::detail::derive_signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1",
                                                  "iam", key);
    char hex[64];
    mailwarden::sigv4::detail::to_hex(key, hex);
    CHECK(std::string(hex, 64) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST_CASE("signing keys are cached per secret, date, region and service") {
    sigv4::Signer signer;
    sigv4::SignedRequest out;
    const auto r = get_vanilla();
    REQUIRE_FALSE(signer.sign(r, example, config_at(), out));
    REQUIRE_FALSE(signer.sign(r, example, config_at(), out));
    CHECK(signer.key_derivations() == 1);
    CHECK(signer.cached_keys() == 1);

    // Same access key id, another secret (a rotated key): another key, and
    // the signature differs.
    const std::string first(out.signature());
    const Credentials rotated("AKIDEXAMPLE", "another-secret");
    REQUIRE_FALSE(signer.sign(r, rotated, config_at(), out));
    CHECK(signer.key_derivations() == 2);
    CHECK(out.signature() != first);
    REQUIRE_FALSE(signer.sign(r, example, config_at(), out));
    CHECK(out.signature() == first);

    // Another access key id with the same secret shares the key.
    const Credentials other_id("AKIDOTHER", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    REQUIRE_FALSE(signer.sign(r, other_id, config_at(), out));
    CHECK(signer.key_derivations() == 2);

    // Date, region and service each make a new key; the time of day does not.
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T235959Z"), out));
    CHECK(signer.key_derivations() == 2);
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150831T000000Z"), out));
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", "eu-west-1"), out));
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", "us-east-1", "ses"), out));
    CHECK(signer.key_derivations() == 5);
    CHECK(signer.cached_keys() == 5);

    signer.clear_cache();
    CHECK(signer.cached_keys() == 0);
    REQUIRE_FALSE(signer.sign(r, example, config_at(), out));
    CHECK(out.signature() == first);
    CHECK(signer.key_derivations() == 6);
}

TEST_CASE("the key cache is bounded and drops the least recently used") {
    sigv4::Signer signer(4);
    sigv4::SignedRequest out;
    const auto r = get_vanilla();
    const std::vector<std::string> regions = {"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"};
    for (const auto& region : regions) REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", region), out));
    CHECK(signer.cached_keys() == 4);
    CHECK(signer.key_derivations() == 10);
    // r7..r10 are held; touching r7 makes r8 the oldest.
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", "r7"), out));
    CHECK(signer.key_derivations() == 10);
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", "r11"), out));
    CHECK(signer.key_derivations() == 11);
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", "r7"), out));
    CHECK(signer.key_derivations() == 11);
    REQUIRE_FALSE(signer.sign(r, example, config_at("20150830T123600Z", "r8"), out));
    CHECK(signer.key_derivations() == 12);
    CHECK(signer.cached_keys() == 4);
}

TEST_CASE("one signer, many threads: same signatures as one thread") {
    const std::vector<Credentials> creds = {
        example,
        Credentials("AKIDEXAMPLE", "second-secret"),
        Credentials("AKID3", "third-secret", "token3"),
    };
    const std::vector<std::string> regions = {"us-east-1", "eu-west-1", "ap-south-1"};
    const sigv4::Header headers[] = {{"Content-Type", "application/json"}};
    auto request = [&](int i, std::string& body) {
        body = "{\"n\":" + std::to_string(i) + "}";
        sigv4::Request r = get_vanilla();
        r.method = "POST";
        r.headers = headers;
        r.body = body;
        return r;
    };
    constexpr int per_thread = 600;
    std::vector<std::string> expected(per_thread);
    {
        sigv4::Signer reference;
        sigv4::SignedRequest out;
        std::string body;
        for (int i = 0; i < per_thread; ++i) {
            const auto region = regions[static_cast<std::size_t>(i) % regions.size()];
            REQUIRE_FALSE(reference.sign(request(i, body), creds[static_cast<std::size_t>(i / 7) % creds.size()],
                                         config_at("20150830T123600Z", region), out));
            expected[static_cast<std::size_t>(i)] = out.authorization();
        }
    }
    sigv4::Signer shared(4);  // smaller than the 9 keys in use: evictions race with lookups
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            sigv4::SignedRequest out;
            std::string body;
            for (int k = 0; k < per_thread; ++k) {
                const int i = (k + t * 37) % per_thread;
                const auto region = regions[static_cast<std::size_t>(i) % regions.size()];
                const auto ec = shared.sign(request(i, body), creds[static_cast<std::size_t>(i / 7) % creds.size()],
                                            config_at("20150830T123600Z", region), out);
                if (ec || out.authorization() != expected[static_cast<std::size_t>(i)]) ++mismatches;
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(mismatches.load() == 0);
    CHECK(shared.cached_keys() <= 4);
}

TEST_CASE("SignedRequest copies and moves keep their artefacts") {
    sigv4::SignedRequest out;
    REQUIRE_FALSE(sigv4::default_signer().sign(get_vanilla(), example, config_at(), out));
    sigv4::SignedRequest copy = out;
    CHECK(copy.authorization() == out.authorization());
    CHECK(copy.headers_to_add().items[1].value == out.authorization());
    CHECK(copy.headers_to_add().items[1].value.data() != out.authorization().data());
    sigv4::SignedRequest moved = std::move(copy);
    CHECK(moved.signature() == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CHECK(copy.signature().empty());  // NOLINT(bugprone-use-after-move): documented moved-from state
    CHECK(copy.headers_to_add().size() == 0);
    // A moved-from object can sign again.
    REQUIRE_FALSE(sigv4::default_signer().sign(get_vanilla(), example, config_at(), copy));
    CHECK(copy.signature() == moved.signature());

    std::error_code ec;
    const auto once = sigv4::sign(get_vanilla(), example, config_at(), ec);
    REQUIRE(once.has_value());
    CHECK_FALSE(ec);
    CHECK(once->authorization() == out.authorization());
    CHECK_FALSE(sigv4::sign(get_vanilla(), Credentials(), config_at(), ec).has_value());
    CHECK(ec == mailwarden::errc::invalid_argument);
}
