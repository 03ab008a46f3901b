// Clients for the SES peers started by run-with-ses-peers.sh.
#pragma once

#include <mailwarden/ses/client.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace ses_test {

inline std::string endpoint_from_env(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') FAIL("run this test through tests/peers/run-with-ses-peers.sh (" << name << " unset)");
    return v;
}

inline mailwarden::http::HttpOptions plaintext_http() {
    mailwarden::http::HttpOptions o;
    o.allow_plaintext = true;
    return o;
}

inline mailwarden::ses::ClientOptions options_for(const std::string& endpoint) {
    mailwarden::ses::ClientOptions o;
    o.region = "us-east-1";
    o.endpoint = endpoint;
    o.http.allow_plaintext = true;
    o.credentials = mailwarden::aws::make_static_provider(
        mailwarden::aws::Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    o.retry.base = std::chrono::milliseconds(10);
    o.retry.cap = std::chrono::milliseconds(100);
    return o;
}

inline std::shared_ptr<mailwarden::ses::Client> client_for(const std::string& endpoint,
                                                           void (*tweak)(mailwarden::ses::ClientOptions&) = nullptr) {
    auto o = options_for(endpoint);
    if (tweak != nullptr) tweak(o);
    auto c = mailwarden::ses::Client::create(o);
    REQUIRE_MESSAGE(c.has_value(), (c.has_value() ? "" : c.error().describe()));
    return *c;
}

/// A small text mail from news@iana.org to reader@iana.org.
inline mailwarden::ses::SendRequest small_message() {
    mailwarden::ses::SendRequest m;
    m.from = "news@iana.org";
    m.to = {"reader@iana.org"};
    m.subject = "s";
    m.text = "t";
    return m;
}

/// A client_for() tweak: no send pacing (and so no GetAccount).
inline void no_pacing(mailwarden::ses::ClientOptions& o) { o.rate_limit = false; }

}  // namespace ses_test
