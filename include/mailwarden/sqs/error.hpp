// Errors of the Amazon SQS client and consumer: a code in the
// "mailwarden.sqs" category to branch on, carried by the library's one Error
// type with what the service said.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>

#include <system_error>

namespace mailwarden::sqs {

/// The kind of each (Error::kind(), the C status) is named in brackets.
enum class errc : int {
    queue_does_not_exist = 1,  ///< QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue) [not_found]
    queue_already_exists,      ///< QueueNameExists, QueueDeletedRecently [already_exists]
    receipt_handle_invalid,    ///< ReceiptHandleIsInvalid, MessageNotInflight [invalid_argument]
    bad_request,               ///< validation, batch shape, attribute and parameter errors (4xx) [invalid_argument]
    over_limit,                ///< OverLimit: too many messages in flight [transport]
    throttled,                 ///< RequestThrottled, ThrottlingException, KmsThrottled, 429 [transport]
    access_denied,             ///< signature, credential and permission refusals (401, 403) [auth]
    kms_failure,               ///< the queue's KMS key is disabled, missing or unusable [transport]
    internal_failure,          ///< 5xx from the service [transport]
    transport_failure,         ///< connection or DNS failure before an answer [transport]
    timeout,                   ///< no complete answer in time [timed_out]
    malformed_response,        ///< an answer that could not be understood [parse]
    no_credentials,            ///< no AWS credentials could be found [auth]
    tls_failure,               ///< the certificate or the TLS handshake was refused [transport]
    invalid_configuration,     ///< a bad endpoint, queue URL, wait time, batch size ... [invalid_argument]
    unknown_error,             ///< an answer this version cannot place [transport]
    interrupted,               ///< ended by SqsConsumer::stop() or the client's shutdown [cancelled]
};

/// The "mailwarden.sqs" category.
MAILWARDEN_EXPORT const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

/// A failed SQS call is a mailwarden::Error: service_code holds the
/// service's error code (the x-amzn-query-error code when the answer has
/// one, "AWS.SimpleQueueService.NonExistentQueue", else the type
/// "QueueDoesNotExist"), http_status, request_id, attempts, retryable
/// (throttling, 5xx, transport failures, timeouts) and outcome_unknown.
/// Never contains credentials.
using Error = mailwarden::Error;

}  // namespace mailwarden::sqs

template <>
struct std::is_error_code_enum<mailwarden::sqs::errc> : std::true_type {};
