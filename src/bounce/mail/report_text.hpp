// The part of a bounce a person reads: the text parts before the returned
// message, cut where a plain-text bounce starts quoting the original
// ("--- Below this line is a copy of the message.", "----- Original
// message -----" ...). HTML-only reports are reduced to their text.
#pragma once

#include "bounce/mime/entity.hpp"

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// The human-readable report of `mail` as UTF-8 with LF line ends.
std::string report_text(const Mail& mail);

/// Where the quoted original message starts in a plain-text report (the
/// marker line's offset); npos when there is no marker.
std::size_t original_message_marker(std::string_view text) noexcept;

/// The text of an HTML part without tags, comments, scripts and styles;
/// <br> and block ends become line ends, a few entities are decoded.
std::string html_to_text(std::string_view html);

}  // namespace mailwarden::bounce_detail
