// From an SES error response to a typed Error (rules of the restJson1
// protocol: the type comes from X-Amzn-ErrorType, else from __type or code in
// the body; anything after ':' and before '#' is dropped).
#pragma once

#include "net/aws/aws_errors.hpp"

#include <mailwarden/ses/error.hpp>

#include <string_view>

namespace mailwarden::ses {

/// "NotFoundException:http://internal.amazon.com/..." -> "NotFoundException";
/// "aws.sesv2#MessageRejected" -> "MessageRejected".
using aws::normalise_error_type;

/// The errc for an error type; the HTTP status decides for unknown types.
errc code_for_type(std::string_view type, int http_status) noexcept;

Error error_from_response(int http_status, std::string_view error_type_header, std::string_view request_id,
                          std::string_view body);

/// The SES code of a failure without an answer.
errc code_for_failure(aws::Failure failure) noexcept;

/// An Error raised on this side (no response).
Error local_error(errc code, std::string message);

}  // namespace mailwarden::ses
