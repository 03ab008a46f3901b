// HttpClient over TLS, against stunnel with a throw-away CA in front of the
// fault server: certificate and host name verification, TLS version floor,
// keep-alive and idle reconnects through TLS.
#include "net/http/http_client.hpp"

#include "peers.hpp"
#include "../../support/eventually.hpp"

#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <string>
#include <thread>

using namespace mailwarden::http;
using namespace std::chrono_literals;
using mw_test::tls_terminator;

namespace {

HttpOptions tls_options() {
    HttpOptions o;
    o.ca_file = tls_terminator().ca_file();
    o.connect_timeout = 2s;
    o.tls_handshake_timeout = 5s;
    o.read_timeout = 5s;
    return o;
}

Request get(const std::string& url) {
    Request r;
    r.url = url;
    return r;
}

Error expect_verify_failure(const Result& r, const char* reason) {
    REQUIRE(r.has_error());
    const Error e = r.error();
    INFO("message: " << e.message);
    CHECK(e.code == http_errc::certificate_verify_failed);
    CHECK(e.phase == Phase::tls_handshake);
    CHECK(!e.may_have_reached_server);
    CHECK(e.message.find(reason) != std::string::npos);
    return e;
}

}  // namespace

TEST_CASE("a certificate from the trusted CA, for the host asked, passes") {
    HttpClient client(tls_options());
    for (const char* host : {"127.0.0.1", "localhost"}) {
        auto r = client.send(get(tls_terminator().url("good", "/ok", host)));
        INFO(host << ": " << (r.has_error() ? r.error().message : ""));
        REQUIRE(r.has_value());
        CHECK(r->status == 200);
        CHECK(r->body == "ok");
    }
}

TEST_CASE("keep-alive through TLS: one handshake for several requests") {
    HttpClient client(tls_options());
    std::string first_id;
    for (int i = 0; i < 4; ++i) {
        auto r = client.send(get(tls_terminator().url("good", "/ok", "localhost")));
        REQUIRE(r.has_value());
        const std::string id(find_header(r->headers, "X-Conn-Id").value_or(""));
        if (i == 0) first_id = id;
        CHECK(id == first_id);
        CHECK(r->reused_connection == (i > 0));
    }
    CHECK(client.stats().connections_opened == 1);
}

TEST_CASE("a certificate for another host name fails: hostname mismatch") {
    HttpClient client(tls_options());
    auto by_name = client.send(get(tls_terminator().url("wronghost", "/ok", "localhost")));
    const auto& e = expect_verify_failure(by_name, "hostname mismatch");
    CHECK(e.tls_verify_result == X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(e.message.find("localhost") != std::string::npos);

    auto by_ip = client.send(get(tls_terminator().url("wronghost", "/ok", "127.0.0.1")));
    const auto& e2 = expect_verify_failure(by_ip, "hostname mismatch");
    CHECK(e2.tls_verify_result == X509_V_ERR_IP_ADDRESS_MISMATCH);
}

TEST_CASE("a certificate from an unknown CA fails: unknown CA") {
    HttpClient client(tls_options());
    auto r = client.send(get(tls_terminator().url("unknownca", "/ok")));
    const auto& e = expect_verify_failure(r, "unknown CA");
    CHECK((e.tls_verify_result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
           e.tls_verify_result == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN));
}

TEST_CASE("an expired certificate fails: expired") {
    HttpClient client(tls_options());
    auto r = client.send(get(tls_terminator().url("expired", "/ok", "localhost")));
    const auto& e = expect_verify_failure(r, "expired");
    CHECK(e.tls_verify_result == X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST_CASE("by default only the system store is trusted: the test CA is unknown") {
    HttpOptions options;
    options.connect_timeout = 2s;
    HttpClient client(options);
    auto r = client.send(get(tls_terminator().url("good", "/ok", "localhost")));
    expect_verify_failure(r, "unknown CA");
}

TEST_CASE("an unreadable CA file fails every https request with tls_config_failed") {
    HttpOptions options;
    options.ca_file = (tls_terminator().dir() / "missing.pem").string();
    HttpClient client(options);
    auto r = client.send(get(tls_terminator().url("good", "/ok")));
    REQUIRE(r.has_error());
    CHECK(r.error().code == http_errc::tls_config_failed);
    CHECK(r.error().message.find("missing.pem") != std::string::npos);
    CHECK(client.stats().connections_opened == 0);
}

TEST_CASE("TLS 1.1 is below the floor") {
    HttpClient client(tls_options());
    auto r = client.send(get(tls_terminator().url("tls11", "/ok", "localhost")));
    REQUIRE(r.has_error());
    INFO("message: " << r.error().message);
    CHECK(r.error().code == http_errc::tls_handshake_failed);
    CHECK(r.error().phase == Phase::tls_handshake);
    CHECK(r.error().tls_verify_result == 0);
    CHECK(!r.error().may_have_reached_server);
}

TEST_CASE("a peer that never answers the handshake: timeout in the TLS phase") {
    auto options = tls_options();
    options.tls_handshake_timeout = 300ms;
    HttpClient client(options);
    // The fault server speaks plain HTTP and waits for a request line forever.
    auto r = client.send(get("https://127.0.0.1:" + std::to_string(mw_test::fault_server().port()) + "/ok"));
    REQUIRE(r.has_error());
    INFO("message: " << r.error().message);
    CHECK(r.error().code == http_errc::timeout);
    CHECK(r.error().phase == Phase::tls_handshake);
    CHECK(r.error().message.find("300 ms") != std::string::npos);
    CHECK(!r.error().may_have_reached_server);
}

TEST_CASE("through TLS, an idle connection closed by the server is replaced transparently") {
    HttpClient client(tls_options());
    auto first = client.send(get(tls_terminator().url("good", "/ok?close_idle_ms=100", "localhost")));
    REQUIRE(first.has_value());
    // The server closes after 100 ms idle and stunnel passes that on: wait
    // until the client's connection has stunnel's close_notify (or FIN).
    REQUIRE(test_support::eventually([] { return test_support::ended_by_server(tls_terminator().port("good")); }));
    Request post;
    post.method = "POST";
    post.url = tls_terminator().url("good", "/ok", "localhost");
    post.body = "{}";
    auto second = client.send(post);
    REQUIRE(second.has_value());
    CHECK(second->status == 200);
    CHECK(!second->reused_connection);
    CHECK(second->attempts == 1);
    CHECK(client.stats().stale_discarded == 1);
    CHECK(client.stats().connections_opened == 2);
}

TEST_CASE("through TLS, a reset mid-response may have reached the server") {
    HttpClient client(tls_options());
    auto r = client.send(get(tls_terminator().url("good", "/reset-mid-response", "localhost")));
    REQUIRE(r.has_error());
    INFO("message: " << r.error().message);
    // stunnel passes the backend's reset on as a TCP close or a reset.
    CHECK((r.error().code == http_errc::connection_closed || r.error().code == http_errc::connection_reset));
    CHECK(r.error().phase == Phase::read_body);
    CHECK(r.error().may_have_reached_server);
}
