// The HTTP client's pure parts: URL splitting, the retry rule, error mapping,
// certificate failure wording. No sockets.
#include "net/http/http_client.hpp"
#include "net/http/io_errors.hpp"
#include "net/http/retry_rule.hpp"
#include "net/http/tls.hpp"
#include "net/http/url.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>

using namespace mailwarden::http;

namespace {

Target parse_ok(std::string_view url, bool plaintext = true) {
    Target t;
    std::string message;
    const auto ec = parse_target(url, plaintext, t, message);
    INFO(url << ": " << message);
    CHECK(!ec);
    return t;
}

std::error_code parse_fail(std::string_view url, bool plaintext, std::string& message) {
    Target t;
    return parse_target(url, plaintext, t, message);
}

Error failure(http_errc code, Phase phase) {
    Error e;
    e.code = make_error_code(code);
    e.phase = phase;
    return e;
}

}  // namespace

TEST_CASE("URLs split into connection target, request target, Host and pool key") {
    auto t = parse_ok("https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails");
    CHECK(t.tls);
    CHECK(t.host == "email.eu-west-1.amazonaws.com");
    CHECK(!t.host_is_ip);
    CHECK(t.port == 443);
    CHECK(t.path == "/v2/email/outbound-emails");
    CHECK(t.host_header == "email.eu-west-1.amazonaws.com");
    CHECK(t.pool_key == "https://email.eu-west-1.amazonaws.com:443");

    t = parse_ok("HTTP://LocalHost:8080?x=1&y=%2F#frag");
    CHECK(!t.tls);
    CHECK(t.host == "localhost");
    CHECK(t.port == 8080);
    CHECK(t.path == "/?x=1&y=%2F");
    CHECK(t.host_header == "localhost:8080");
    CHECK(t.pool_key == "http://localhost:8080");

    t = parse_ok("https://127.0.0.1:8443/a%20b/");
    CHECK(t.host_is_ip);
    CHECK(t.host == "127.0.0.1");
    CHECK(t.path == "/a%20b/");
    CHECK(t.host_header == "127.0.0.1:8443");

    t = parse_ok("https://[::1]/x");
    CHECK(t.host_is_ip);
    CHECK(t.host == "::1");
    CHECK(t.host_header == "[::1]");
    CHECK(t.pool_key == "https://[::1]:443");

    t = parse_ok("http://example.com:80/");
    CHECK(t.host_header == "example.com");  // default port left out, as SigV4 signers expect
    t = parse_ok("https://example.com./");
    CHECK(t.host == "example.com");

    CHECK(host_header("https://email.us-east-1.amazonaws.com/v2/") == "email.us-east-1.amazonaws.com");
    CHECK(host_header("http://127.0.0.1:4566/") == "127.0.0.1:4566");
    CHECK(host_header("mailto:x@example.com") == "");
}

TEST_CASE("unusable URLs are refused before any I/O") {
    std::string message;
    CHECK(parse_fail("ftp://example.com/", true, message) == http_errc::invalid_url);
    CHECK(message.find("ftp") != std::string::npos);
    CHECK(parse_fail("example.com/path", true, message) == http_errc::invalid_url);
    CHECK(parse_fail("https:///path", true, message) == http_errc::invalid_url);
    CHECK(parse_fail("https://user:secret@example.com/", true, message) == http_errc::invalid_url);
    CHECK(parse_fail("https://example.com:0/", true, message) == http_errc::invalid_url);
    CHECK(parse_fail("https://example.com:99999/", true, message) == http_errc::invalid_url);
    CHECK(parse_fail("https://exa%41mple.com/", true, message) == http_errc::invalid_url);
    CHECK(parse_fail("https://exa mple.com/", true, message) == http_errc::invalid_url);

    CHECK(parse_fail("http://127.0.0.1:4566/", false, message) == http_errc::insecure_scheme_refused);
    CHECK(message.find("allow_plaintext") != std::string::npos);
}

TEST_CASE("idempotent methods per RFC 9110") {
    for (const char* m : {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}) CHECK(is_idempotent_method(m));
    for (const char* m : {"POST", "PATCH", "CONNECT", "get", ""}) CHECK(!is_idempotent_method(m));
}

TEST_CASE("retry rule: only a reused connection the server closed, and only when safe") {
    // Write failed on a pooled connection: the server never had the whole
    // request. Safe even for POST.
    for (auto code : {http_errc::connection_reset, http_errc::connection_closed}) {
        CHECK(may_retry_on_fresh_connection({failure(code, Phase::write), true, false}, false));
        CHECK(may_retry_on_fresh_connection({failure(code, Phase::write), true, false}, true));
    }
    // Closed before the first response byte, after the request was written:
    // the server may have acted on it. Idempotent requests only.
    for (auto code : {http_errc::connection_reset, http_errc::connection_closed}) {
        CHECK(may_retry_on_fresh_connection({failure(code, Phase::read_header), true, false}, true));
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::read_header), true, false}, false));
        // Part of a response came: never.
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::read_header), true, true}, true));
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::read_body), true, true}, true));
        // A fresh connection failing says nothing about pooling: caller's policy.
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::write), false, false}, true));
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::read_header), false, false}, true));
    }
    // Other failures are not a stale connection.
    for (auto code : {http_errc::timeout, http_errc::malformed_response, http_errc::body_too_large,
                      http_errc::io_error, http_errc::cancelled}) {
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::write), true, false}, true));
        CHECK(!may_retry_on_fresh_connection({failure(code, Phase::read_header), true, false}, true));
    }
}

TEST_CASE("I/O errors map to http_errc by phase") {
    namespace aerr = boost::asio::error;
    namespace herr = boost::beast::http;
    using boost::system::error_code;
    CHECK(classify_io_error(boost::beast::error::timeout, Phase::read_header) == http_errc::timeout);
    CHECK(classify_io_error(boost::beast::error::timeout, Phase::connect) == http_errc::timeout);
    CHECK(classify_io_error(aerr::operation_aborted, Phase::write) == http_errc::cancelled);
    CHECK(classify_io_error(aerr::connection_refused, Phase::connect) == http_errc::connect_failed);
    CHECK(classify_io_error(aerr::host_not_found, Phase::resolve) == http_errc::resolve_failed);
    CHECK(classify_io_error(aerr::eof, Phase::tls_handshake) == http_errc::tls_handshake_failed);
    CHECK(classify_io_error(aerr::connection_reset, Phase::read_body) == http_errc::connection_reset);
    CHECK(classify_io_error(aerr::broken_pipe, Phase::write) == http_errc::connection_reset);
    CHECK(classify_io_error(aerr::eof, Phase::read_header) == http_errc::connection_closed);
    CHECK(classify_io_error(herr::error::end_of_stream, Phase::read_header) == http_errc::connection_closed);
    CHECK(classify_io_error(herr::error::partial_message, Phase::read_body) == http_errc::connection_closed);
    CHECK(classify_io_error(boost::asio::ssl::error::stream_truncated, Phase::read_body) ==
          http_errc::connection_closed);
    CHECK(classify_io_error(herr::error::header_limit, Phase::read_header) == http_errc::header_too_large);
    CHECK(classify_io_error(herr::error::body_limit, Phase::read_header) == http_errc::body_too_large);
    CHECK(classify_io_error(herr::error::bad_version, Phase::read_header) == http_errc::malformed_response);
    CHECK(classify_io_error(herr::error::bad_chunk, Phase::read_body) == http_errc::malformed_response);
    CHECK(classify_io_error(aerr::no_buffer_space, Phase::read_body) == http_errc::io_error);
}

TEST_CASE("certificate failures are named") {
    auto text = describe_verify_failure(X509_V_ERR_HOSTNAME_MISMATCH, "localhost");
    CHECK(text.find("hostname mismatch") != std::string::npos);
    CHECK(text.find("localhost") != std::string::npos);
    CHECK(describe_verify_failure(X509_V_ERR_IP_ADDRESS_MISMATCH, "127.0.0.1").find("hostname mismatch") !=
          std::string::npos);
    CHECK(describe_verify_failure(X509_V_ERR_CERT_HAS_EXPIRED, "h").find("expired (certificate has expired)") !=
          std::string::npos);
    CHECK(describe_verify_failure(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "h").find("unknown CA") !=
          std::string::npos);
    CHECK(describe_verify_failure(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "h").find("unknown CA") != std::string::npos);
    CHECK(describe_verify_failure(X509_V_ERR_CERT_NOT_YET_VALID, "h").find("not yet valid") != std::string::npos);
}

TEST_CASE("error category and header lookup") {
    const std::error_code ec = http_errc::certificate_verify_failed;
    CHECK(std::string(ec.category().name()) == "mailwarden.http");
    CHECK(ec.message() == "certificate verification failed");
    CHECK(ec.value() == 7);
    CHECK(std::error_code(http_errc::timeout).message() == "timed out");
    CHECK(to_string(Phase::read_header) == "read header");

    const Headers h{{"Content-Type", "application/json"}, {"retry-after", "1"}, {"Retry-After", "2"}};
    CHECK(find_header(h, "RETRY-AFTER") == "1");
    CHECK(find_header(h, "content-type") == "application/json");
    CHECK(!find_header(h, "x-amzn-requestid"));
}
