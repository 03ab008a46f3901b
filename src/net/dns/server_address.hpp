// Name server addresses as ResolverOptions::servers spells them.
#pragma once

#include <mailwarden/dns.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace mailwarden::dns::detail {

struct ServerAddress {
    IpAddress ip;
    std::uint16_t port = 53;
    friend bool operator==(const ServerAddress&, const ServerAddress&) = default;
};

/// "192.0.2.53", "127.0.0.1:5353", "2001:db8::53", "[::1]:53" (a port after
/// an IPv6 address needs the brackets). Ports are 1..65535 in decimal.
/// nullopt for anything else, host names included.
std::optional<ServerAddress> parse_server_address(std::string_view text);

}  // namespace mailwarden::dns::detail
