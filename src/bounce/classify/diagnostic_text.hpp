// A Diagnostic-Code (RFC 3464 2.3.6) is "diagnostic-type; text"; SES copies
// it as is. The text is what a person wants to read, on one line.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// The text after a leading "smtp;" / "X-Postfix;" / "x-unix;" type.
std::string_view strip_diagnostic_type(std::string_view diagnostic) noexcept;

/// Trimmed, blanks and line ends collapsed to one space, at most `max` bytes
/// (cut at a UTF-8 character boundary).
std::string one_line(std::string_view text, std::size_t max = 1000);

}  // namespace mailwarden::bounce_detail
