// UTF-8 decoding with U+FFFD for what is not UTF-8, and encoding.
#include "common/utf8.hpp"

#include <cstdint>

namespace mailwarden::common {

char32_t next_code_point(std::string_view text, std::size_t& at) noexcept {
    const auto b = static_cast<unsigned char>(text[at]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
        len = 1;
        cp = b;
    } else if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        cp = b & 0x0Fu;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        cp = b & 0x07u;
    }
    bool ok = len > 0 && at + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
        const auto cb = static_cast<unsigned char>(text[at + k]);
        ok = (cb & 0xC0) == 0x80;
        cp = (cp << 6) | (cb & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are malformed.
    if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
               (cp >= 0xD800 && cp <= 0xDFFF)))
        ok = false;
    if (!ok) {
        ++at;
        return U'\uFFFD';
    }
    at += len;
    return static_cast<char32_t>(cp);
}

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) out.push_back(next_code_point(text, i));
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    const auto c = static_cast<std::uint32_t>(cp);
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    // A well-formed sequence is copied as it is; re-encoding its code point
    // would give the same bytes.
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = next_code_point(text, i);
        if (cp == U'\uFFFD' && i == start + 1) out.append("\xEF\xBF\xBD");
        else out.append(text.substr(start, i - start));
    }
    return out;
}

}  // namespace mailwarden::common
