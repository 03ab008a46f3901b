// URL attributes judged as a browser would read them: entities are already
// decoded by the parser; tabs and newlines anywhere and C0 controls and
// spaces at either end are ignored, then the scheme is read.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::content_detail {

/// The value as a browser's URL parser sees it (tabs, CR, LF removed;
/// leading and trailing C0 controls and spaces stripped).
std::string browser_url(std::string_view value);

/// The scheme, lower-case, or "" for a relative URL. A ':' before any
/// '/', '?' or '#' that does not follow a valid scheme gives "?" (refused).
std::string url_scheme(std::string_view normalized);

enum class UrlUse { link, image };

/// http, https, mailto and tel for links; http, https, cid and
/// data:image/(png|gif|jpeg|webp) for images; relative URLs for both.
bool url_allowed(std::string_view value, UrlUse use);

}  // namespace mailwarden::content_detail
