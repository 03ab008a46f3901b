// Composes RFC 5322 messages — what the local transport writes and what
// the content checks read: plain text, HTML, or both as
// multipart/alternative.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <string>
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

}  // namespace mailwarden::common
