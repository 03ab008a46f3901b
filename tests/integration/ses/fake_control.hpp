// The SES fake's control endpoints (not SES, so not signed): flip an
// identity's verification status, as a click on SES's link would, and read
// what the fake has seen.
#pragma once

#include "ses_test_support.hpp"

#include "net/http/http_client.hpp"

#include <boost/json.hpp>

#include <string>

namespace ses_test {

inline void set_status_on_fake(const std::string& endpoint, const std::string& identity, const std::string& status) {
    mailwarden::http::HttpClient control(plaintext_http());
    const auto r = control.send({"POST", endpoint + "/_fake/identities/" + identity + "/status", {},
                                 "{\"VerificationStatus\":\"" + status + "\"}", {}});
    REQUIRE(r.has_value());
    REQUIRE(r->status == 200);
}

/// How many messages the fake has accepted for sending (SendEmail).
inline std::int64_t sent_by_fake(const std::string& endpoint) {
    mailwarden::http::HttpClient control(plaintext_http());
    const auto r = control.send({"GET", endpoint + "/_fake/stats", {}, "", {}});
    REQUIRE(r.has_value());
    REQUIRE(r->status == 200);
    return boost::json::parse(r->body).at("sent").as_int64();
}

}  // namespace ses_test
