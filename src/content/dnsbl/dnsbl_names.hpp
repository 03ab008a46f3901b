// The names a DNS blocklist is asked for (RFC 5782): <domain>.<zone> for a
// domain list, the address reversed (IPv4 octets, IPv6 nibbles) before an
// IP list's zone.
#pragma once

#include <mailwarden/dns.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::content_detail {

/// "4.3.2.1" for 1.2.3.4; 32 dot-separated nibbles, lowest first, for IPv6.
std::string reversed_ip(const dns::IpAddress& ip);

/// `prefix` + "." + `zone`; nullopt when the name would be over 253 bytes
/// or the zone is empty.
std::optional<std::string> list_query_name(std::string_view prefix, std::string_view zone);

}  // namespace mailwarden::content_detail
