// Content-Type (RFC 2045) with its parameters, quoted strings and RFC 2231
// continuations; what the MIME reader needs to pick a part apart.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailwarden::bounce_detail {

struct ContentType {
    std::string type = "text";     ///< lower case
    std::string subtype = "plain"; ///< lower case
    std::vector<std::pair<std::string, std::string>> params;  ///< names lower case, values unquoted

    /// A parameter's value; empty when absent.
    std::string_view param(std::string_view name) const noexcept;
    bool is(std::string_view t, std::string_view s) const noexcept { return type == t && subtype == s; }
};

/// Parses a Content-Type value. An empty or broken value is text/plain
/// (RFC 2045's default); `default_type` overrides it (message/rfc822 in a
/// multipart/digest).
ContentType parse_content_type(std::string_view value, std::string_view default_type = "text/plain");

}  // namespace mailwarden::bounce_detail
