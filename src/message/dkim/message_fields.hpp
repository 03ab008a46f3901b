// A received message split for DKIM: each header field exactly as written
// (folding kept, for the simple canonicalization) and the body. CRLF and
// bare LF line ends are both accepted; nothing is copied.
#pragma once

#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

struct RawField {
    std::string_view name;  ///< before the colon, as written
    std::string_view text;  ///< the whole field up to, not including, its last line end
};

struct RawMessage {
    std::vector<RawField> fields;  ///< top first
    std::string_view body;         ///< after the empty line; empty when there is none
};

/// Splits `message`. The header ends at the first empty line, or at the
/// first line that is neither a field nor a continuation (which then starts
/// the body). A leading mbox "From " line is skipped.
RawMessage split_message(std::string_view message);

}  // namespace mailwarden::message_detail
