// The mailboxes of an address-list header field such as From (RFC 5322
// 3.4): display names as atoms, quoted strings or encoded words, comments
// and folding anywhere between tokens, angle addresses and groups.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

struct Mailbox {
    std::string local_part;  ///< as written, quotes kept, comments and folding removed
    std::string domain;      ///< as written ("[192.0.2.1]" for a literal)
};

/// The mailboxes of `value` (the field body after the colon), those inside
/// groups included; nullopt when it does not follow the grammar. Empty list
/// elements (", ,", obsolete syntax) are skipped; obs-route is not accepted.
std::optional<std::vector<Mailbox>> parse_address_list(std::string_view value);

}  // namespace mailwarden::message_detail
