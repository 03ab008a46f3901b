// One mapping from every error code of the library to its stable kind (the
// C status), and the detail an Error keeps.
#include <mailwarden/error.hpp>
#include <mailwarden/net/http.hpp>
#include <mailwarden/ses/error.hpp>

#include "transport/ses/ses_error_mapping.hpp"

#include <doctest/doctest.h>

using mailwarden::errc;
using mailwarden::kind_of;
namespace ses = mailwarden::ses;
namespace http = mailwarden::http;

TEST_CASE("the library's own codes are their own kind, and the C numbers") {
    CHECK(kind_of(make_error_code(errc::not_found)) == errc::not_found);
    CHECK(static_cast<int>(errc::not_found) == MW_ENOTFOUND);
    CHECK(static_cast<int>(errc::auth) == MW_EAUTH);
    CHECK(std::string(mailwarden::status_name(MW_ECANCELLED)) == "MW_ECANCELLED");
    CHECK(std::string(mailwarden::status_name(1)) == "MW_EUNKNOWN");
}

TEST_CASE("SES failures map to kinds, the same wherever they surface") {
    CHECK(kind_of(ses::errc::timeout) == errc::timed_out);
    CHECK(kind_of(ses::errc::not_found) == errc::not_found);
    CHECK(kind_of(ses::errc::already_exists) == errc::already_exists);
    CHECK(kind_of(ses::errc::message_rejected) == errc::invalid_argument);
    CHECK(kind_of(ses::errc::mail_from_domain_not_verified) == errc::not_verified);
    CHECK(kind_of(ses::errc::account_suspended) == errc::suspended);
    CHECK(kind_of(ses::errc::sending_paused) == errc::suspended);
    CHECK(kind_of(ses::errc::access_denied) == errc::auth);
    CHECK(kind_of(ses::errc::no_credentials) == errc::auth);
    CHECK(kind_of(ses::errc::cancelled) == errc::cancelled);
    CHECK(kind_of(ses::errc::malformed_response) == errc::parse);
    CHECK(kind_of(ses::errc::too_many_requests) == errc::transport);
    CHECK(kind_of(ses::errc::internal_failure) == errc::transport);
}

TEST_CASE("HTTP failures map to kinds") {
    CHECK(kind_of(http::http_errc::timeout) == errc::timed_out);
    CHECK(kind_of(http::http_errc::connect_failed) == errc::transport);
    CHECK(kind_of(http::http_errc::invalid_url) == errc::invalid_argument);
    CHECK(kind_of(http::http_errc::body_too_large) == errc::parse);
    CHECK(kind_of(http::http_errc::cancelled) == errc::cancelled);
}

TEST_CASE("codes of other categories") {
    CHECK(kind_of(std::make_error_code(std::errc::timed_out)) == errc::timed_out);
    CHECK(kind_of(std::make_error_code(std::errc::no_such_file_or_directory)) == errc::not_found);
    CHECK(kind_of(std::error_code{}) == errc::internal);
}

TEST_CASE("an SES answer keeps what SES said, and whether to retry") {
    const auto throttled = ses::error_from_response(429, "ThrottlingException", "req-1", R"({"message":"slow down"})");
    CHECK(throttled.kind() == errc::transport);
    CHECK(throttled.service_code == "ThrottlingException");
    CHECK(throttled.http_status == 429);
    CHECK(throttled.request_id == "req-1");
    CHECK(throttled.retryable);
    CHECK(throttled.origin() == "ses");
    CHECK_FALSE(throttled.outcome_unknown);

    const auto rejected = ses::error_from_response(400, "MessageRejected", "req-2", R"({"message":"no"})");
    CHECK(rejected.kind() == errc::invalid_argument);
    CHECK_FALSE(rejected.retryable);

    const auto local = ses::local_error(ses::errc::transport_failure, "connection refused");
    CHECK(local.retryable);
    CHECK(local.http_status == 0);
    CHECK(local.service_code.empty());
}

TEST_CASE("a library error describes itself by its message") {
    const mailwarden::Error e(errc::not_found, "no sender a@b.c");
    CHECK(e.describe() == "no sender a@b.c");
    CHECK(e.origin() == "mailwarden");
    CHECK(e.kind() == errc::not_found);
    CHECK(e.dns_rcode == -1);
}
