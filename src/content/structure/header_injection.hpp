// header.injection (block): signs that a header field was forged by what a
// user typed into a value. Looked for in the raw header block (before the
// MIME reader turns every line end into LF):
//   - a NUL byte;
//   - a CR not followed by LF, or (in a CRLF message) an LF without its CR:
//     a line break that is not a line end;
//   - an RFC 2047 encoded word that decodes to CR, LF or NUL (a hidden
//     line break, "Bcc:" lines named in the evidence);
//   - a second From, Sender, Reply-To, To, Cc, Bcc, Subject, Date or
//     Message-ID field (RFC 5322 3.6 allows one).
#pragma once

#include <mailwarden/content_check.hpp>

#include "bounce/mime/header_block.hpp"

#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// `raw`: the message as given; `headers`: its top-level fields as the MIME
/// reader found them.
void header_injection_findings(std::string_view raw, const bounce_detail::HeaderBlock& headers,
                               std::vector<ContentFinding>& findings);

}  // namespace mailwarden::content_detail
