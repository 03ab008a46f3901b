// Byte classes for the address grammar, one table lookup per byte.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace mailwarden::address_detail {

enum CharClass : std::uint8_t {
    cc_atext = 0x01,    // RFC 5322 atext (ASCII letters, digits, !#$%&'*+-/=?^_`{|}~)
    cc_ldh = 0x02,      // letter, digit, hyphen: hostname label characters
    cc_control = 0x04,  // C0 controls and DEL: never acceptable anywhere
    cc_high = 0x08,     // bytes >= 0x80 (UTF-8 sequences)
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
    std::array<std::uint8_t, 256> t{};
    auto set_range = [&t](std::size_t first, std::size_t last, std::uint8_t cls) {
        for (std::size_t c = first; c <= last; ++c) t[c] = cls;
    };
    set_range(0x00, 0x1f, cc_control);
    set_range(0x7f, 0x7f, cc_control);
    set_range(0x80, 0xff, cc_high);
    set_range('a', 'z', cc_atext | cc_ldh);
    set_range('A', 'Z', cc_atext | cc_ldh);
    set_range('0', '9', cc_atext | cc_ldh);
    for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~'})
        t[static_cast<unsigned char>(c)] = cc_atext;
    t['-'] = cc_atext | cc_ldh;
    return t;
}

inline constexpr std::array<std::uint8_t, 256> char_classes = make_char_classes();

constexpr bool has_class(unsigned char c, CharClass cls) { return (char_classes[c] & cls) != 0; }

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace mailwarden::address_detail
