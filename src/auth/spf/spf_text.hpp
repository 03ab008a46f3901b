// Character classes and small text helpers shared by the SPF parser, the
// macro expander and the evaluator. ASCII only: SPF records are 7-bit.
#pragma once

#include <string_view>

namespace mailwarden::spf_detail {

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
/// VCHAR: printable ASCII without the space.
constexpr bool is_visible(char c) noexcept { return c >= 0x21 && c <= 0x7e; }
constexpr char to_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

/// `name` is `domain` or a subdomain of it, ignoring case.
constexpr bool is_same_or_subdomain(std::string_view name, std::string_view domain) noexcept {
    if (domain.empty() || name.size() < domain.size()) return false;
    if (!iequals(name.substr(name.size() - domain.size()), domain)) return false;
    return name.size() == domain.size() || name[name.size() - domain.size() - 1] == '.';
}

/// A name a DNS query can be composed from: 1 to 253 octets, labels of 1 to
/// 63 octets (RFC 1035). No final dot.
constexpr bool is_queryable_name(std::string_view name) noexcept {
    if (name.empty() || name.size() > 253) return false;
    std::size_t label = 0;
    for (const char c : name) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
        } else if (++label > 63) {
            return false;
        }
    }
    return label != 0;
}

}  // namespace mailwarden::spf_detail
