// A URL host that is an IP address: dotted quad, the integer forms browsers
// still accept (http://3232235777/, http://0xC0A80101/, 0300.0250.1.1) and
// bracketed IPv6.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::content_detail {

struct IpHost {
    std::string ip;           ///< dotted quad or RFC 5952 text
    bool unusual_form = false; ///< integer, hex, octal or fewer than four parts
};

/// `host` without brackets for IPv4 forms, with them for IPv6 ("[::1]").
/// nullopt when it is not an IP literal.
std::optional<IpHost> parse_ip_host(std::string_view host);

}  // namespace mailwarden::content_detail
