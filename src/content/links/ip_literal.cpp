#include "ip_literal.hpp"

#include <mailwarden/dns.hpp>

#include <cstdint>
#include <vector>

namespace mailwarden::content_detail {

namespace {

// One part of an inet_aton() style address: decimal, 0x hex or 0 octal.
std::optional<std::uint64_t> parse_part(std::string_view part, bool& unusual) {
    if (part.empty() || part.size() > 34) return std::nullopt;
    unsigned base = 10;
    if (part.size() > 1 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
        base = 16;
        part.remove_prefix(2);
        unusual = true;
        if (part.empty()) return std::uint64_t{0};
    } else if (part.size() > 1 && part[0] == '0') {
        base = 8;
        part.remove_prefix(1);
        unusual = true;
    }
    std::uint64_t value = 0;
    for (const char c : part) {
        unsigned digit = 0;
        if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
        else return std::nullopt;
        if (digit >= base) return std::nullopt;
        value = value * base + digit;
        if (value > 0xFFFFFFFFull) return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<IpHost> parse_ip_host(std::string_view host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        const auto ip = dns::IpAddress::parse(host.substr(1, host.size() - 2));
        if (!ip || !ip->v6) return std::nullopt;
        return IpHost{ip->to_string(), false};
    }
    if (host.empty() || host.size() > 64) return std::nullopt;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = host.find('.', start);
        parts.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (parts.size() > 1 && parts.back().empty()) parts.pop_back();  // a trailing dot
    if (parts.size() > 4) return std::nullopt;
    bool unusual = parts.size() != 4;
    std::vector<std::uint64_t> values;
    for (const auto part : parts) {
        const auto v = parse_part(part, unusual);
        if (!v) return std::nullopt;
        values.push_back(*v);
    }
    // a.b.c.d: bytes; fewer parts: the last fills the remaining bytes.
    std::uint64_t address = 0;
    for (std::size_t i = 0; i + 1 < values.size(); ++i) {
        if (values[i] > 255) return std::nullopt;
        address |= values[i] << (8 * (3 - i));
    }
    const std::size_t rest_bytes = 4 - (values.size() - 1);
    if (rest_bytes < 4 && values.back() >= (std::uint64_t{1} << (8 * rest_bytes))) return std::nullopt;
    address |= values.back();
    std::string text;
    for (int shift = 24; shift >= 0; shift -= 8) {
        if (!text.empty()) text.push_back('.');
        text += std::to_string((address >> shift) & 0xFF);
    }
    return IpHost{text, unusual};
}

}  // namespace mailwarden::content_detail
