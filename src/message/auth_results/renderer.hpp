// Writes an Authentication-Results value (RFC 8601) from our own results:
// on one line when it fits, else one resinfo a line, folded at 78 columns.
#pragma once

#include "message/auth_results/auth_results.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// The length of "Authentication-Results: ", where the value starts.
inline constexpr std::size_t auth_results_name_length = 24;

/// The field value, folded with CRLF and a tab; `start_column` is how much
/// of the first line the field name takes. Names are written lower case,
/// values quoted when they are neither a token nor an address, comments
/// after the result and after each property. `deviations` and `problems`
/// are not written. Errors (invalid_argument): an empty authserv-id, a
/// method, result, property type or name that is not a Keyword, a property
/// without a type, a control character in a value or comment.
Result<std::string, Error> render_auth_results(const AuthResults& results,
                                               std::size_t start_column = auth_results_name_length);

}  // namespace mailwarden::message_detail
