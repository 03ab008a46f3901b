// From an SQS answer or a local failure to a typed Error. SQS speaks the
// awsJson1_0 protocol with the awsQueryCompatible trait: the type is in
// X-Amzn-ErrorType or the body's __type ("com.amazonaws.sqs#QueueDoesNotExist"),
// and x-amzn-query-error carries the older query code and the fault
// ("AWS.SimpleQueueService.NonExistentQueue;Sender"), which wins when present.
#pragma once

#include "net/aws/aws_errors.hpp"
#include "net/aws/service_caller.hpp"
#include "net/http/http_client.hpp"

#include <mailwarden/sqs/error.hpp>

#include <string>
#include <string_view>

namespace mailwarden::sqs {

/// The errc for an error code or type; the HTTP status decides for unknown ones.
errc code_for_type(std::string_view type, int http_status) noexcept;

/// The code of "Code;Sender" (x-amzn-query-error); empty when the value
/// is not of that form.
std::string_view query_error_code(std::string_view header) noexcept;

Error error_from_response(int http_status, std::string_view error_type_header, std::string_view query_error_header,
                          std::string_view request_id, std::string_view body);

/// An Error raised on this side (no answer).
Error local_error(errc code, std::string message);

/// Throttling, 5xx, transport failures and timeouts.
bool is_retryable(const Error& error) noexcept;

/// The service caller's profile of SQS (signing name "sqs").
const aws::ServiceProfile& sqs_profile();

}  // namespace mailwarden::sqs
