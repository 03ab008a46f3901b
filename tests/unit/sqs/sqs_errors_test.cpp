// SQS error answers and local failures as typed Errors.
#include "net/sqs/sqs_error_mapping.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::sqs;
namespace aws = mailwarden::aws;
namespace http = mailwarden::http;
using mailwarden::Error;

TEST_CASE("the query code of x-amzn-query-error wins over the type") {
    const Error e = error_from_response(400, "com.amazonaws.sqs#QueueDoesNotExist",
                                        "AWS.SimpleQueueService.NonExistentQueue;Sender", "req-1",
                                        R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."})");
    CHECK(e.code == errc::queue_does_not_exist);
    CHECK(e.kind() == mailwarden::errc::not_found);
    CHECK(e.service_code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(e.message == "The specified queue does not exist.");
    CHECK(e.request_id == "req-1");
    CHECK(e.http_status == 400);
    CHECK_FALSE(e.retryable);
    CHECK(e.origin() == "sqs");
}

TEST_CASE("the type from the body, and the status when nothing is known") {
    CHECK(error_from_response(400, "", "", "", R"({"__type":"com.amazonaws.sqs#OverLimit","message":"m"})").code ==
          errc::over_limit);
    // A query code this version does not know: the type decides.
    CHECK(error_from_response(400, "", "Brand.New.Code;Sender", "", R"({"__type":"com.amazonaws.sqs#ReceiptHandleIsInvalid"})")
              .code == errc::receipt_handle_invalid);
    CHECK(error_from_response(400, "", "Brand.New.Code;Sender", "", "{}").service_code == "Brand.New.Code");
    CHECK(error_from_response(400, "", "no-semicolon", "", R"({"__type":"x#QueueNameExists"})").code ==
          errc::queue_already_exists);
    CHECK(error_from_response(403, "", "", "", "not json").code == errc::access_denied);
    CHECK(error_from_response(429, "", "", "", "").code == errc::throttled);
    CHECK(error_from_response(503, "", "", "", "<html>").code == errc::internal_failure);
    CHECK(error_from_response(400, "", "", "", "{}").code == errc::bad_request);
    CHECK(error_from_response(302, "", "", "", "").code == errc::unknown_error);
    CHECK(query_error_code("AWS.SimpleQueueService.NonExistentQueue;Sender") == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(query_error_code(";Sender").empty());
    CHECK(query_error_code("a;b;c").empty());
}

TEST_CASE("signature and credential refusals are auth; throttling and 5xx are retryable") {
    for (const char* type : {"SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature",
                             "UnrecognizedClientException", "InvalidClientTokenId", "AccessDenied", "InvalidSecurity"}) {
        CAPTURE(type);
        const Error e = error_from_response(403, "", std::string(type) + ";Sender", "", "{}");
        CHECK(e.code == errc::access_denied);
        CHECK(e.kind() == mailwarden::errc::auth);
        CHECK_FALSE(e.retryable);
    }
    CHECK(error_from_response(400, "", "RequestThrottled;Sender", "", "{}").retryable);
    CHECK(error_from_response(400, "", "", "", R"({"__type":"KmsThrottled"})").code == errc::throttled);
    CHECK(error_from_response(500, "", "", "", "").retryable);
    CHECK(error_from_response(400, "", "", "", R"({"__type":"KmsDisabled"})").code == errc::kms_failure);
    CHECK(local_error(errc::timeout, "t").retryable);
    CHECK(local_error(errc::timeout, "t").kind() == mailwarden::errc::timed_out);
    CHECK(local_error(errc::transport_failure, "t").retryable);
    CHECK_FALSE(local_error(errc::malformed_response, "m").retryable);
    CHECK(local_error(errc::malformed_response, "m").kind() == mailwarden::errc::parse);
    CHECK(local_error(errc::interrupted, "i").kind() == mailwarden::errc::cancelled);
    CHECK(local_error(errc::no_credentials, "n").kind() == mailwarden::errc::auth);
    CHECK(local_error(errc::invalid_configuration, "c").kind() == mailwarden::errc::invalid_argument);
}

TEST_CASE("failures without an answer become SQS codes through the service profile") {
    const auto& profile = sqs_profile();
    CHECK(profile.signing_name == "sqs");
    CHECK(profile.endpoint_prefix == "sqs");
    CHECK(profile.local(aws::Failure::timeout, "t").code == errc::timeout);
    CHECK(profile.local(aws::Failure::tls, "t").code == errc::tls_failure);
    CHECK(profile.local(aws::Failure::malformed, "t").code == errc::malformed_response);
    CHECK(profile.local(aws::Failure::cancelled, "t").code == errc::interrupted);
    CHECK(profile.local(aws::Failure::no_credentials, "t").code == errc::no_credentials);
    CHECK(profile.throttled(error_from_response(429, "", "", "", "")));
    CHECK_FALSE(profile.throttled(error_from_response(500, "", "", "", "")));
}
