// A mail as a tree of MIME entities: headers, content type, the raw body,
// and the parts of a multipart or the message inside a message/rfc822 (or
// text/rfc822-headers) part. Bounded: nesting deeper than max_depth or more
// than max_entities parts are left unparsed, so no input can make the reader
// recurse or allocate without end.
#pragma once

#include "bounce/mime/content_type.hpp"
#include "bounce/mime/header_block.hpp"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::bounce_detail {

inline constexpr int max_mime_depth = 16;
inline constexpr std::size_t max_mime_entities = 512;

struct Entity {
    HeaderBlock headers;
    ContentType content_type;
    std::string_view body;         ///< as transferred: still base64 / quoted-printable
    std::vector<Entity> children;  ///< multipart parts; or the one message inside a message part

    bool is_multipart() const noexcept { return content_type.type == "multipart"; }
    /// True for message/rfc822, message/global and the header-only kinds.
    bool holds_message() const noexcept;
    /// The body with its transfer encoding undone.
    std::string decoded_body() const;
    /// The body as UTF-8 text (transfer encoding and charset undone).
    std::string text() const;
    /// A header value with RFC 2047 words decoded.
    std::string header_text(std::string_view name) const;
};

/// A parsed mail. It owns the text the entities' views point into: the
/// input with LF line ends, and inner messages it had to decode. A deque,
/// because moving one moves no element: the views stay valid.
class Mail {
public:
    Entity root;
    std::deque<std::string> buffers;  ///< [0]: the input with LF line ends
    bool truncated = false;           ///< a limit stopped the reader

    std::string_view source() const noexcept { return buffers.empty() ? std::string_view{} : buffers.front(); }
};

/// Reads a mail; never fails (anything is a mail of some sort).
Mail parse_mail(std::string_view raw);

/// Depth-first, pre-order: the first entity for which `pred` holds.
template <class Pred>
const Entity* find_entity(const Entity& e, Pred&& pred) {
    if (pred(e)) return &e;
    for (const Entity& c : e.children)
        if (const Entity* found = find_entity(c, pred)) return found;
    return nullptr;
}

}  // namespace mailwarden::bounce_detail
