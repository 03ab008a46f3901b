// IpAddress: text forms through inet_pton/inet_ntop, prefix matching for
// SPF ip4:/ip6: mechanisms and CIDR lengths.
#include <mailwarden/dns.hpp>

#include <arpa/inet.h>

#include <cstring>

namespace mailwarden::dns {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    // inet_pton needs a terminated string; the longest valid form
    // ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255") has 45 characters.
    char buffer[INET6_ADDRSTRLEN + 1];
    if (text.empty() || text.size() >= sizeof buffer) return std::nullopt;
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    IpAddress ip;
    // A colon decides the family, so "1.2.3.4" is never read as IPv6.
    ip.v6 = text.find(':') != std::string_view::npos;
    if (inet_pton(ip.v6 ? AF_INET6 : AF_INET, buffer, ip.bytes.data()) != 1) return std::nullopt;
    return ip;
}

std::string IpAddress::to_string() const {
    char buffer[INET6_ADDRSTRLEN];
    if (inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer) == nullptr) return {};
    return buffer;
}

bool IpAddress::in_network(const IpAddress& network, unsigned prefix) const noexcept {
    if (v6 != network.v6 || prefix > size() * 8) return false;
    const std::size_t whole = prefix / 8;
    if (std::memcmp(bytes.data(), network.bytes.data(), whole) != 0) return false;
    const unsigned rest = prefix % 8;
    if (rest == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xffu << (8 - rest));
    return (bytes[whole] & mask) == (network.bytes[whole] & mask);
}

}  // namespace mailwarden::dns
