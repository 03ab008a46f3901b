// Splits "address[:port]" / "[v6]:port" and leaves the address to IpAddress::parse.
#include "net/dns/server_address.hpp"

#include <charconv>

namespace mailwarden::dns::detail {

namespace {

std::optional<std::uint16_t> parse_port(std::string_view text) {
    if (text.empty() || text.size() > 5 || text.front() == '+') return std::nullopt;
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

}  // namespace

std::optional<ServerAddress> parse_server_address(std::string_view text) {
    ServerAddress out;
    std::string_view host = text;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = text.substr(1, close - 1);
        const auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            const auto port = parse_port(rest.substr(1));
            if (!port) return std::nullopt;
            out.port = *port;
        }
        const auto ip = IpAddress::parse(host);
        if (!ip || !ip->v6) return std::nullopt;
        out.ip = *ip;
        return out;
    }
    const auto colon = text.find(':');
    // Exactly one colon: IPv4 with a port. More: a bare IPv6 address.
    if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
        host = text.substr(0, colon);
        const auto port = parse_port(text.substr(colon + 1));
        if (!port) return std::nullopt;
        out.port = *port;
    }
    const auto ip = IpAddress::parse(host);
    if (!ip) return std::nullopt;
    out.ip = *ip;
    return out;
}

}  // namespace mailwarden::dns::detail
