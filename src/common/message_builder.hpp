// Composes RFC 5322 messages — what the local transport writes and what
// the content checks read: plain text, HTML, or both as
// multipart/alternative.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailwarden::common {

struct MessageParts {
    std::string from_header;  ///< already formatted (display name and address)
    std::vector<std::string> to;
    std::string subject;
    std::string text;
    std::string html;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra fields, after the transport's
    std::string message_id;   ///< without angle brackets
    TimePoint date;
};

/// Errors: invalid_argument for a line break in a header field.
Result<std::string, Error> build_message(const MessageParts& parts);

/// The message `message`'s subject, text, HTML and extra headers make, From
/// written with `display_name`. Errors: as build_message().
Result<std::string, Error> compose_message(const OutgoingMessage& message, std::string_view display_name,
                                           std::string message_id, TimePoint date);

}  // namespace mailwarden::common
