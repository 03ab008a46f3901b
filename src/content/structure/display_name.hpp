// The From field split for the checks that look at who a message claims to
// be from: the display name (RFC 2047 words decoded, quotes and escapes
// undone) and the address in angle brackets.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::content_detail {

struct FromParts {
    std::string display_name;  ///< UTF-8; empty without one
    std::string address;       ///< as written between < >, or the whole value without a name
};

/// `value`: the From field's value as in the header (unfolded, encoded words
/// still encoded). Lenient: a broken value gives what could be read.
FromParts split_from(std::string_view value);

/// The first thing that looks like an email address (local@domain.tld) in
/// `text`, lower case; empty when none.
std::string address_in(std::string_view text);

}  // namespace mailwarden::content_detail
