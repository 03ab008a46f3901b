// The SES fake's control endpoint (not SES, so not signed): flips an
// identity's verification status, as a click on SES's link would.
#pragma once

#include "ses_test_support.hpp"

#include "net/http/http_client.hpp"

#include <string>

namespace ses_test {

inline void set_status_on_fake(const std::string& endpoint, const std::string& identity, const std::string& status) {
    mailwarden::http::HttpClient control(plaintext_http());
    const auto r = control.send({"POST", endpoint + "/_fake/identities/" + identity + "/status", {},
                                 "{\"VerificationStatus\":\"" + status + "\"}", {}});
    REQUIRE(r.has_value());
    REQUIRE(r->status == 200);
}

}  // namespace ses_test
