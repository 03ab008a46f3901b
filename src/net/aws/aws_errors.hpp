// What the AWS JSON protocols (SES v2's restJson1, SQS's awsJson1_0) share
// about failures: reading an error answer's type and message, and sorting a
// failure without an answer (the HTTP client's) into the few kinds every
// AWS client names. Each service maps these to its own category.
#pragma once

#include "net/http/http_client.hpp"

#include <string>
#include <string_view>

namespace mailwarden::aws {

/// "NotFoundException:http://internal.amazon.com/..." -> "NotFoundException";
/// "aws.sesv2#MessageRejected" -> "MessageRejected". A slice of `raw`.
std::string_view normalise_error_type(std::string_view raw) noexcept;

/// The type and the message of an error answer.
struct ErrorDocument {
    std::string type;     ///< normalised; empty when the answer names none
    std::string message;  ///< the service's text, or a short plain-text body
};

/// The type from `type_header` (X-Amzn-ErrorType), else from the body's
/// `__type`, `code` or `Code`; the message from `message`, `Message` or
/// `errorMessage`. A body that is not JSON (a proxy's text) is the message
/// when it is short. Never fails.
ErrorDocument read_error_document(std::string_view type_header, std::string_view body);

/// A failure on this side of the wire, before or instead of an answer.
enum class Failure {
    transport,      ///< connection, DNS, reset, the client shutting down
    timeout,        ///< a phase took too long
    tls,            ///< the certificate or the handshake was refused
    configuration,  ///< a bad URL, http:// not allowed, a request the client refuses
    malformed,      ///< an answer that could not be read
    no_credentials, ///< no credentials could be found
    cancelled,      ///< the call was interrupted, or the client shut down under it
};

/// The kind of an HTTP client failure.
Failure classify(const http::Error& error) noexcept;

}  // namespace mailwarden::aws
