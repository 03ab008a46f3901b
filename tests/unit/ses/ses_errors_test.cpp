// Error responses of SES v2 (restJson1) to typed errors.
#include "transport/ses/ses_error_mapping.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::ses;

TEST_CASE("the error type comes from X-Amzn-ErrorType, stripped after ':' and before '#'") {
    CHECK(normalise_error_type("NotFoundException:http://internal.amazon.com/coral/com.amazon.bacon/") ==
          "NotFoundException");
    CHECK(normalise_error_type("aws.sesv2#MessageRejected") == "MessageRejected");
    CHECK(normalise_error_type("com.amazonaws.sesv2#TooManyRequestsException:http://x/") ==
          "TooManyRequestsException");
    CHECK(normalise_error_type(" AccountSuspendedException ") == "AccountSuspendedException");

    const Error e = error_from_response(404, "NotFoundException:http://internal.amazon.com/",
                                        "req-1", R"({"message":"Email identity a@b.org does not exist."})");
    CHECK(e.code == errc::not_found);
    CHECK(e.service_code == "NotFoundException");
    CHECK(e.message == "Email identity a@b.org does not exist.");
    CHECK(e.http_status == 404);
    CHECK(e.request_id == "req-1");
    CHECK(e.describe() == "NotFoundException (404): Email identity a@b.org does not exist. [request req-1]");
}

TEST_CASE("without the header, __type or code in the body decide") {
    CHECK(error_from_response(400, "", "", R"({"__type":"aws.sesv2#MessageRejected","message":"bad"})").code ==
          errc::message_rejected);
    CHECK(error_from_response(400, "", "", R"({"code":"MailFromDomainNotVerifiedException","Message":"m"})").code ==
          errc::mail_from_domain_not_verified);
    const Error e = error_from_response(400, "", "", R"({"code":"AccountSuspendedException","Message":"off"})");
    CHECK(e.code == errc::account_suspended);
    CHECK(e.message == "off");
}

TEST_CASE("every modelled type maps to its code") {
    const std::pair<const char*, errc> cases[] = {
        {"AlreadyExistsException", errc::already_exists},
        {"BadRequestException", errc::bad_request},
        {"SendingPausedException", errc::sending_paused},
        {"LimitExceededException", errc::limit_exceeded},
        {"TooManyRequestsException", errc::too_many_requests},
        {"ThrottlingException", errc::too_many_requests},
        {"ConcurrentModificationException", errc::concurrent_modification},
        {"AccessDeniedException", errc::access_denied},
        {"InvalidSignatureException", errc::access_denied},
    };
    for (const auto& c : cases) {
        INFO(c.first);
        CHECK(error_from_response(400, c.first, "", "{}").code == c.second);
    }
}

TEST_CASE("unknown types and bodies fall back on the HTTP status") {
    CHECK(error_from_response(429, "", "", "").code == errc::too_many_requests);
    CHECK(error_from_response(503, "", "", "<html>Service Unavailable</html>").code == errc::internal_failure);
    CHECK(error_from_response(503, "", "", "<html>Service Unavailable</html>").message ==
          "<html>Service Unavailable</html>");
    CHECK(error_from_response(403, "", "", "not json").code == errc::access_denied);
    CHECK(error_from_response(400, "SomethingNewException", "", "{}").code == errc::bad_request);
    CHECK(error_from_response(400, "SomethingNewException", "", "{}").service_code == "SomethingNewException");
}

TEST_CASE("the category names every code") {
    CHECK(std::string(error_category().name()) == "mailwarden.ses");
    for (int i = 1; i <= static_cast<int>(errc::unknown_error); ++i)
        CHECK(error_category().message(i).find("unknown SES error") == std::string::npos);
    Error local = local_error(errc::transport_failure, "connection refused");
    local.outcome_unknown = true;
    CHECK(local.describe() ==
          "could not reach the service: connection refused [outcome unknown: the request may have reached the service]");
    const Error no_credentials =
        local_error(errc::no_credentials, "no AWS credentials: environment: AWS_ACCESS_KEY_ID is not set");
    CHECK(no_credentials.describe() == "no AWS credentials: environment: AWS_ACCESS_KEY_ID is not set");
}
