// The message a bounce returns: its Message-ID, From and To, from a
// message/rfc822 (or text/rfc822-headers) part, or from the headers quoted
// after a plain-text bounce's marker line.
#pragma once

#include "bounce/mime/entity.hpp"

#include <string>

namespace mailwarden::bounce_detail {

struct OriginalMessage {
    bool found = false;
    std::string message_id;  ///< without angle brackets
    std::string from;        ///< the address
    std::vector<std::string> to;  ///< addresses of To and Cc
};

OriginalMessage find_original_message(const Mail& mail);

/// The addresses of an address-list header value ("A <a@b>, c@d").
std::vector<std::string> addresses_in(std::string_view header_value);

}  // namespace mailwarden::bounce_detail
