// Every SES peer checks signatures the way SES does (the fake itself, moto
// and aws-ses-v2-local through tests/peers/verifying_proxy.py, all with
// botocore): a request signed with the wrong secret is refused with 403
// SignatureDoesNotMatch, reaches nothing behind the check, and the client
// reports it as access denied after one attempt (not worth repeating).
#include "ses_test_support.hpp"

using namespace mailwarden;
using namespace mailwarden::ses;
using ses_test::client_for;
using ses_test::endpoint_from_env;

namespace {

void wrong_secret(ClientOptions& o) {
    o.credentials = aws::make_static_provider(aws::Credentials("AKIDEXAMPLE", "not-the-secret-of-AKIDEXAMPLE"));
}

void unknown_key(ClientOptions& o) {
    o.credentials = aws::make_static_provider(aws::Credentials("AKIDNOBODYKNOWS", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
}

template <class T>
void check_refused(const SesResult<T>& r, const char* type) {
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ses::errc::access_denied);
    CHECK(r.error().kind() == mailwarden::errc::auth);
    CHECK(r.error().http_status == 403);
    CHECK(r.error().service_code == type);
    CHECK(r.error().attempts == 1);
    CHECK_FALSE(r.error().retryable);
    CHECK_FALSE(r.error().outcome_unknown);
}

}  // namespace

TEST_CASE("a wrong secret is refused by every SES peer as access denied, after one attempt") {
    for (const char* peer : {"MW_TEST_SES_FAKE_ENDPOINT", "MW_TEST_MOTO_ENDPOINT", "MW_TEST_SES_LOCAL_ENDPOINT"}) {
        CAPTURE(peer);
        auto client = client_for(endpoint_from_env(peer), wrong_secret);
        check_refused(client->get_account(), "SignatureDoesNotMatch");
        CHECK(client->stats().attempts == 1);
    }
}

TEST_CASE("a refused request never reaches the peer: the identity is not created") {
    const std::string endpoint = endpoint_from_env("MW_TEST_MOTO_ENDPOINT");
    auto forged = client_for(endpoint, wrong_secret);
    check_refused(forged->create_email_identity("forged@iana.org"), "SignatureDoesNotMatch");
    // Signed with the right secret, the same client code is accepted.
    auto honest = client_for(endpoint);
    const auto got = honest->get_email_identity("forged@iana.org");
    REQUIRE_FALSE(got.has_value());
    CHECK(got.error().code == ses::errc::not_found);
}

TEST_CASE("a send signed wrongly is refused, not sent, and not repeated even when the caller allows it") {
    auto client = client_for(endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"), [](ClientOptions& o) {
        wrong_secret(o);
        o.rate_limit = false;
        o.retry.retry_non_idempotent = true;
    });
    check_refused(client->send_email(ses_test::small_message()), "SignatureDoesNotMatch");
    CHECK(client->stats().attempts == 1);
}

TEST_CASE("an access key id SES does not know is refused as access denied") {
    auto client = client_for(endpoint_from_env("MW_TEST_SES_FAKE_ENDPOINT"), unknown_key);
    check_refused(client->get_email_identity("anyone@iana.org"), "UnrecognizedClientException");
}
