// HttpCertificateSource against a local TLS stand-in for the SNS host: the
// real AWS-signed messages of tests/data/sns verify with the certificate
// fetched over verified TLS; the URL policy refuses before connecting;
// answers that are no certificate are typed errors; one fetch per URL.
#include "sns_peer.hpp"

#include "../../support/eventually.hpp"
#include "../../unit/bounce/test_files.hpp"

#include <fcntl.h>

#include <future>
#include <thread>

using namespace mailwarden;
using sns_test::peer;

namespace {

const std::string real_cert_path = "/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";

std::string sample(const char* name) { return bounce_test::read_data(std::string("sns/") + name); }

std::shared_ptr<sns::HttpCertificateSource> source(std::size_t capacity = 32) {
    sns::HttpCertificateOptions o;
    o.http = peer().http();
    o.cache_capacity = capacity;
    return std::make_shared<sns::HttpCertificateSource>(o);
}

// A listener nobody accepts from: a connection made to it would wait in its queue.
class Listener {
public:
    Listener() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = mw_test::loopback(0);
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(listen(fd_, 16) == 0);
        socklen_t len = sizeof a;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        fcntl(fd_, F_SETFL, O_NONBLOCK);
    }
    ~Listener() { close(fd_); }
    std::uint16_t port() const { return port_; }
    /// Whether a connection came (it is accepted and closed here).
    bool connected() {
        const int c = accept(fd_, nullptr, nullptr);
        if (c < 0) return false;
        close(c);
        return true;
    }

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace

TEST_CASE("the real AWS-signed notifications verify with the certificate fetched over verified TLS") {
    auto certificates = source();
    const sns::Verifier verifier(certificates, {});
    const int before = peer().count(real_cert_path);
    for (const char* name : {"notification-sigv1.json", "notification-sigv2.json", "notification-sigv1-lambda.json"}) {
        CAPTURE(name);
        const auto envelope = verifier.verify(sample(name));
        REQUIRE_MESSAGE(envelope.has_value(), (envelope ? "" : envelope.error().describe()));
        CHECK(envelope->message == "Hello world");
    }
    // One fetch for the three: the same SigningCertURL.
    CHECK(certificates->stats().fetches == 1);
    CHECK(peer().count(real_cert_path) - before == 1);
    bool seen = false;
    for (const auto& r : peer().requests()) {
        if (r.at("path").as_string() != real_cert_path) continue;
        seen = true;
        // The real name went out as SNI and Host, though the peer is 127.0.0.1.
        CHECK(r.at("sni").as_string() == "sns.us-east-2.amazonaws.com");
        CHECK(r.at("host").as_string() == "sns.us-east-2.amazonaws.com");
    }
    CHECK(seen);

    // A forgery still fails, with the certificate at hand.
    std::string forged = sample("notification-sigv2.json");
    forged.replace(forged.find("Hello world"), 11, "Hello worle");
    const auto refused = verifier.verify(forged);
    REQUIRE_FALSE(refused.has_value());
    CHECK(sns::rejection_of(refused.error()) == sns::Rejection::bad_signature);
}

TEST_CASE("a certificate URL the policy refuses is never fetched, nor connected to") {
    Listener trap;
    sns::HttpCertificateOptions o;
    const std::string to = "127.0.0.1:" + std::to_string(trap.port());
    for (const char* host : {"evil.example.com:443", "sns.us-east-1.amazonaws.com.evil.example:443",
                             "sns.us-east-1.amazonaws.com:8443", "sns.us-east-1.amazonaws.com:80",
                             "sns.us-east-1.amazonaws.com:443"})
        o.http.connect_to[host] = to;
    o.http.allow_plaintext = true;
    sns::HttpCertificateSource certificates(o);
    for (const char* url : {"https://evil.example.com/SimpleNotificationService-1.pem",
                            "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem",
                            "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-1.pem",
                            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
                            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.txt",
                            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem?x=1",
                            "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem"}) {
        CAPTURE(url);
        const auto r = certificates.certificate_pem(url);
        REQUIRE_FALSE(r.has_value());
        CHECK(sns::rejection_of(r.error()) == sns::Rejection::bad_cert_url);
        CHECK(r.error().kind() == errc::auth);
    }
    CHECK(certificates.stats().fetches == 0);
    CHECK_FALSE(trap.connected());
}

TEST_CASE("answers that are not one certificate are typed errors, and not cached") {
    auto certificates = source();
    const auto fetch = [&](const char* name) {
        return certificates->certificate_pem(std::string("https://sns.us-east-1.amazonaws.com/") + name);
    };
    const auto big = fetch("SimpleNotificationService-big.pem");
    REQUIRE_FALSE(big.has_value());
    CHECK(big.error().code == sns::FetchError::too_large);
    CHECK(big.error().kind() == errc::out_of_range);

    for (const char* name : {"SimpleNotificationService-two.pem", "SimpleNotificationService-garbage.pem"}) {
        CAPTURE(name);
        const auto r = fetch(name);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == sns::FetchError::not_a_certificate);
        CHECK(r.error().kind() == errc::parse);
    }
    const auto missing = fetch("SimpleNotificationService-missing.pem");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == sns::FetchError::http_status);
    CHECK(missing.error().http_status == 404);
    CHECK(missing.error().kind() == errc::transport);

    const auto fetches = certificates->stats().fetches;
    CHECK_FALSE(fetch("SimpleNotificationService-missing.pem").has_value());
    CHECK(certificates->stats().fetches == fetches + 1);
}

TEST_CASE("the peer's certificate is checked against the real host name and the trusted roots") {
    sns::HttpCertificateOptions wrong_name;
    wrong_name.http = peer().http({"sns.eu-west-1.amazonaws.com"});  // the peer's certificate lacks this name
    const auto r = sns::HttpCertificateSource(wrong_name)
                       .certificate_pem("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == http::http_errc::certificate_verify_failed);
    CHECK(r.error().kind() == errc::transport);

    sns::HttpCertificateOptions system_roots;
    system_roots.http = peer().http();
    system_roots.http.ca_file.clear();  // the test CA is not among the system's roots
    const auto untrusted = sns::HttpCertificateSource(system_roots)
                               .certificate_pem("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem");
    REQUIRE_FALSE(untrusted.has_value());
    CHECK(untrusted.error().code == http::http_errc::certificate_verify_failed);
}

TEST_CASE("concurrent fetches of one URL make one request") {
    auto certificates = source();
    const std::string url = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-held.pem";
    std::vector<std::future<Result<std::string, Error>>> calls;
    for (int i = 0; i < 6; ++i)
        calls.push_back(std::async(std::launch::async, [&] { return certificates->certificate_pem(url); }));
    // Every caller is in: one fetching (held by the peer), five waiting for it.
    REQUIRE(test_support::eventually([&] {
        const auto s = certificates->stats();
        return s.fetches + s.coalesced == 6;
    }));
    peer().open_gate();
    for (auto& c : calls) {
        const auto pem = c.get();
        REQUIRE_MESSAGE(pem.has_value(), (pem ? "" : pem.error().describe()));
        CHECK(pem->rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
    }
    CHECK(certificates->stats().fetches == 1);
    CHECK(peer().count("/SimpleNotificationService-held.pem") == 1);
}

TEST_CASE("the cache keeps the most recently used certificates, up to its capacity") {
    auto certificates = source(2);
    const auto fetch = [&](const char* n) {
        const auto r = certificates->certificate_pem(std::string("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-") + n + ".pem");
        REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().describe()));
    };
    fetch("a");
    fetch("b");
    fetch("a");  // cached, and now the most recent
    fetch("c");  // evicts b
    fetch("a");  // still cached
    fetch("b");  // fetched again
    const auto s = certificates->stats();
    CHECK(s.fetches == 4);
    CHECK(s.cache_hits == 2);
}
