// Errors of the Amazon SES client: a code in the "mailwarden.ses" category to
// branch on, carried by the library's one Error type with what the service said.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>

#include <string>
#include <system_error>

namespace mailwarden::ses {

enum class errc : int {
    not_found = 1,                  ///< NotFoundException (404)
    already_exists,                 ///< AlreadyExistsException
    bad_request,                    ///< BadRequestException, validation errors (400)
    message_rejected,               ///< MessageRejected: the message was refused
    mail_from_domain_not_verified,  ///< MailFromDomainNotVerifiedException
    account_suspended,              ///< AccountSuspendedException: sending is off for the account
    sending_paused,                 ///< SendingPausedException: for the configuration set
    limit_exceeded,                 ///< LimitExceededException: a quota, not a rate
    too_many_requests,              ///< TooManyRequestsException, ThrottlingException (429)
    concurrent_modification,        ///< ConcurrentModificationException
    access_denied,                  ///< AccessDenied, signature or credential problems (403)
    internal_failure,               ///< 5xx from the service
    transport_failure,              ///< connection, TLS or DNS failure before a response
    timeout,                        ///< no complete response in time
    malformed_response,             ///< the response could not be understood
    no_credentials,                 ///< no AWS credentials could be found
    tls_failure,                    ///< the certificate or the TLS handshake was refused
    invalid_configuration,          ///< a bad endpoint URL, http:// without allowing it ...
    unknown_error,                  ///< an error type this version does not know
    cancelled,                      ///< a send ended by SendCancellation before it was written
};

/// The "mailwarden.ses" category.
MAILWARDEN_EXPORT const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

/// A failed SES call is a mailwarden::Error: service_code holds the
/// service's error type ("MessageRejected"), http_status, request_id,
/// attempts, retryable and outcome_unknown what the call learned. Never
/// contains credentials.
using Error = mailwarden::Error;

}  // namespace mailwarden::ses

template <>
struct std::is_error_code_enum<mailwarden::ses::errc> : std::true_type {};
