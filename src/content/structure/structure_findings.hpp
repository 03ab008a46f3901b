// Structural red flags of a message before it is sent, and the text the
// other checks read (links, the HTML sanitizer), from one pass of the MIME
// reader (src/bounce/mime/):
//   message.oversized      block   over ContentCheckOptions::max_message_bytes
//   html.only              review  an HTML body without a text/plain alternative
//   attachment.executable  block   a part that is a program by content (payload_kind.hpp)
//   attachment.macro       review  an Office document that may carry macros
//   header.injection       block   forged header lines (header_injection.hpp)
//   from.confusable, from.impersonation  review  (from_checks.hpp)
#pragma once

#include <mailwarden/content_check.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// What the message says, decoded to UTF-8.
struct MessageBodies {
    std::string text;                 ///< the inline text/plain parts, joined by blank lines
    std::optional<std::string> html;  ///< the first inline text/html part
};

/// Adds the findings above; returns the bodies for the other checks.
MessageBodies check_structure(std::string_view raw, const ContentCheckOptions& options,
                              std::vector<ContentFinding>& findings);

/// check_structure() without the bodies.
void structure_findings(std::string_view raw, const ContentCheckOptions& options,
                        std::vector<ContentFinding>& findings);

/// The bodies alone.
MessageBodies message_bodies(std::string_view raw);

}  // namespace mailwarden::content_detail
