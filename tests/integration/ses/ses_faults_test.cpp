// The SES client's retry, idempotency and TLS rules against servers that
// misbehave on purpose (tests/unit/http/fault_server.py, stunnel with a test CA).
#include "peers.hpp"
#include "ses_test_support.hpp"

#include <atomic>
#include <chrono>

using namespace mailwarden::ses;
using ses_test::client_for;

namespace {

SendRequest message() { return ses_test::small_message(); }
using ses_test::no_pacing;

}  // namespace

TEST_CASE("429 then 200: throttling is retried, even for SendEmail") {
    auto client = client_for(mw_test::fault_server().url("/429-then-200/k-send"), no_pacing);
    const auto id = client->send_email(message());
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().describe()));
    CHECK(*id == "m-1");
    CHECK(client->stats().retries == 1);
    CHECK(client->stats().throttled == 1);
}

TEST_CASE("a 503 storm gives up after the configured attempts, with the last error") {
    auto client = client_for(mw_test::fault_server().url("/503"));
    const auto r = client->get_account();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::internal_failure);
    CHECK(r.error().http_status == 503);
    CHECK(r.error().attempts == 3);
    CHECK(client->stats().attempts == 3);
}

TEST_CASE("SendEmail is not repeated after a 5xx (outcome unknown) unless the caller opts in") {
    auto strict = client_for(mw_test::fault_server().url("/503"), no_pacing);
    const auto once = strict->send_email(message());
    REQUIRE_FALSE(once.has_value());
    CHECK(once.error().outcome_unknown);
    CHECK(once.error().attempts == 1);
    CHECK(once.error().describe().find("outcome unknown") != std::string::npos);

    auto brave = client_for(mw_test::fault_server().url("/503"), [](ClientOptions& o) {
        o.rate_limit = false;
        o.retry.retry_non_idempotent = true;
    });
    const auto thrice = brave->send_email(message());
    REQUIRE_FALSE(thrice.has_value());
    CHECK(thrice.error().attempts == 3);
}

TEST_CASE("a reset mid-response: GetAccount retried, SendEmail reported as unknown") {
    auto client = client_for(mw_test::fault_server().url("/reset-mid-response"), no_pacing);
    const auto account = client->get_account();
    REQUIRE_FALSE(account.has_value());
    CHECK(account.error().code == errc::transport_failure);
    CHECK(account.error().attempts == 3);
    const auto send = client->send_email(message());
    REQUIRE_FALSE(send.has_value());
    CHECK(send.error().outcome_unknown);
    CHECK(send.error().attempts == 1);
}

TEST_CASE("a slow server times out; garbage and oversized bodies are malformed, not retried") {
    auto slow = client_for(mw_test::fault_server().url("/slow"), [](ClientOptions& o) {
        o.http.read_timeout = std::chrono::milliseconds(200);
        o.retry.max_attempts = 2;
    });
    const auto s = slow->get_account();  // the server waits 1 s
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == errc::timeout);
    CHECK(s.error().attempts == 2);  // GET is safe to repeat

    auto garbage = client_for(mw_test::fault_server().url("/garbage"));
    const auto g = garbage->get_account();
    REQUIRE_FALSE(g.has_value());
    CHECK(g.error().code == errc::malformed_response);
    CHECK(g.error().attempts == 1);

    auto big = client_for(mw_test::fault_server().url("/big"), [](ClientOptions& o) { o.http.max_body_bytes = 1024; });
    const auto b = big->get_account();
    REQUIRE_FALSE(b.has_value());
    CHECK(b.error().code == errc::malformed_response);
}

TEST_CASE("TLS: a good certificate works; a wrong host name fails at once with a TLS error") {
    static mw_test::TlsTerminator tls;
    auto good = client_for(tls.url("good", "/429-then-200/k-tls"), [](ClientOptions& o) {
        o.http.ca_file = tls.ca_file();
        o.rate_limit = false;
    });
    CHECK(good->send_email(message()).has_value());

    auto wrong = client_for(tls.url("wronghost", "/ok"), [](ClientOptions& o) { o.http.ca_file = tls.ca_file(); });
    const auto r = wrong->get_account();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::tls_failure);
    CHECK(r.error().attempts == 1);
    CHECK(r.error().message.find("hostname") != std::string::npos);
}

TEST_CASE("configuration errors are refused up front") {
    auto o = ses_test::options_for("http://127.0.0.1:1");
    o.http.allow_plaintext = false;
    CHECK(Client::create(o).error().code == errc::invalid_configuration);
    o.endpoint = "ftp://example.invalid";
    CHECK(Client::create(o).error().code == errc::invalid_configuration);
}
