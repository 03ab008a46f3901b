// Mail arrives with CRLF (SMTP, Windows), LF (Unix mailboxes) or bare CR
// (old Mac tools) line ends, sometimes mixed. The readers work on LF only:
// one copy at the start, so no other code has to care.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// `text` with every CRLF and every lone CR turned into LF.
std::string to_lf(std::string_view text);

}  // namespace mailwarden::bounce_detail
