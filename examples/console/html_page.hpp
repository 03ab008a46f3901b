// The few pages the server writes itself (sign-in needed, verification
// outcome, a subscriber's confirm and unsubscribe pages): every text in
// them HTML-escaped.
#pragma once

#include "http_types.hpp"

#include <string>
#include <string_view>

namespace console {

std::string html_escape(std::string_view text);

/// A small page: `title` and `message` are escaped here.
Response html_page(int status, std::string_view title, std::string_view message);

/// A small page with one button that POSTs `token` to `action`: what a link
/// in a mail opens, so that following it (as link scanners do) acts on nothing.
Response html_action_page(std::string_view title, std::string_view message, std::string_view action,
                          std::string_view token, std::string_view button);

}  // namespace console
