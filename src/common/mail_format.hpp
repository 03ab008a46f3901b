// Pieces of RFC 5322 messages shared by the transports: address headers with
// display names, RFC 2047 encoded words, dates.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailwarden::common {

/// True when the text holds CR or LF (header injection).
bool has_line_break(std::string_view text) noexcept;

/// Extra header fields (List-Unsubscribe ...) a message may carry: each
/// name RFC 5322 field-name characters (printable ASCII but ':'), not one
/// the transports write themselves (From, To, Subject, Date, Message-ID,
/// MIME-Version, Content-*), each value free of line breaks and not longer
/// than 998 octets. Errors: invalid_argument naming the field.
Result<Done, Error> check_extra_headers(const std::vector<std::pair<std::string, std::string>>& headers);

/// The text as is when it is printable ASCII, else one RFC 2047 encoded word
/// ("=?UTF-8?B?...?=").
std::string encode_header_text(std::string_view text);

/// `"Display Name" <addr>` (quoted, or RFC 2047-encoded when not ASCII), or
/// the bare address without a display name. Errors: invalid_argument on a
/// line break in either part.
Result<std::string, Error> format_address(std::string_view display_name, std::string_view address);

/// "Thu, 26 Nov 2026 06:19:52 +0000".
std::string rfc5322_date(TimePoint t);

/// The domain of an address: what follows its last '@'; empty without one.
std::string_view domain_of(std::string_view address) noexcept;

}  // namespace mailwarden::common
