// IpAddress: text forms through the C library's inet_pton / inet_ntop (RFC
// 4291 parsing, RFC 5952 output), prefix comparison on the raw bytes.
#include <mailwarden/dns.hpp>

#include <arpa/inet.h>

#include <string>

namespace mailwarden::dns {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    // inet_pton wants a NUL-terminated string; no address form is longer than 45.
    char buffer[64];
    if (text.empty() || text.size() >= sizeof buffer) return std::nullopt;
    text.copy(buffer, text.size());
    buffer[text.size()] = '\0';
    IpAddress address;
    if (text.find(':') == std::string_view::npos) {
        if (inet_pton(AF_INET, buffer, address.bytes.data()) != 1) return std::nullopt;
    } else {
        if (inet_pton(AF_INET6, buffer, address.bytes.data()) != 1) return std::nullopt;
        address.v6 = true;
    }
    return address;
}

std::string IpAddress::to_string() const {
    char buffer[INET6_ADDRSTRLEN];
    if (inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer) == nullptr) return {};
    return buffer;
}

bool IpAddress::in_network(const IpAddress& network, unsigned prefix) const noexcept {
    if (v6 != network.v6) return false;
    const unsigned bits = static_cast<unsigned>(size()) * 8;
    if (prefix > bits) prefix = bits;
    const unsigned whole = prefix / 8;
    for (unsigned i = 0; i < whole; ++i)
        if (bytes[i] != network.bytes[i]) return false;
    const unsigned rest = prefix % 8;
    if (rest == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
    return (bytes[whole] & mask) == (network.bytes[whole] & mask);
}

}  // namespace mailwarden::dns
