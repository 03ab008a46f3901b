// The few pages the server writes itself (sign-in needed, verification
// outcome): every text in them HTML-escaped.
#pragma once

#include "http_types.hpp"

#include <string>
#include <string_view>

namespace console {

std::string html_escape(std::string_view text);

/// A small page: `title` and `message` are escaped here.
Response html_page(int status, std::string_view title, std::string_view message);

}  // namespace console
