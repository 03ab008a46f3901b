#include "address_literal.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace mailwarden::address_detail {

namespace {

bool parses_as(int family, std::string_view text) noexcept {
    std::array<char, 64> buf{};
    if (text.empty() || text.size() >= buf.size()) return false;
    std::memcpy(buf.data(), text.data(), text.size());
    unsigned char addr[16];
    return inet_pton(family, buf.data(), addr) == 1;
}

bool starts_with_ipv6_tag(std::string_view s) noexcept {
    constexpr std::string_view tag = "ipv6:";
    if (s.size() < tag.size()) return false;
    for (std::size_t i = 0; i < tag.size(); ++i)
        if ((s[i] | 0x20) != tag[i]) return false;
    return true;
}

// Index of the ']' closing the literal, skipping RFC 5322 quoted pairs; npos if none.
std::size_t find_close(std::string_view domain) noexcept {
    for (std::size_t i = 1; i < domain.size(); ++i) {
        if (domain[i] == '\\') ++i;
        else if (domain[i] == ']') return i;
    }
    return std::string_view::npos;
}

}  // namespace

AddressReason check_address_literal(std::string_view domain) noexcept {
    const std::size_t close = find_close(domain);
    if (close == std::string_view::npos) return AddressReason::unterminated;
    if (close + 1 != domain.size()) {
        const char next = domain[close + 1];
        return next == ' ' ? AddressReason::whitespace
             : next == '(' ? AddressReason::comment
                           : AddressReason::invalid_domain_character;
    }
    const std::string_view body = domain.substr(1, close - 1);
    const bool ok = starts_with_ipv6_tag(body) ? parses_as(AF_INET6, body.substr(5)) : parses_as(AF_INET, body);
    return ok ? AddressReason::address_literal : AddressReason::invalid_address_literal;
}

}  // namespace mailwarden::address_detail
