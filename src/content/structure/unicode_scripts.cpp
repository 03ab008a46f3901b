#include "content/structure/unicode_scripts.hpp"

#include <algorithm>
#include <cstdio>

namespace mailwarden::content_detail {

namespace {

struct ScriptRange {
    std::uint32_t first;
    std::uint32_t last;
    std::uint8_t script;
};

struct LatinConfusable {
    std::uint32_t cp;
    char latin;
};

#include "content/structure/unicode_tables.inc"

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

}  // namespace

std::string_view script_of(char32_t cp) noexcept {
    const auto c = static_cast<std::uint32_t>(cp);
    const auto* end = std::end(script_ranges);
    const auto* it = std::upper_bound(std::begin(script_ranges), end, c,
                                      [](std::uint32_t v, const ScriptRange& r) { return v < r.first; });
    if (it == std::begin(script_ranges)) return {};
    --it;
    return c <= it->last ? script_names[it->script] : std::string_view{};
}

char latin_lookalike(char32_t cp) noexcept {
    const auto c = static_cast<std::uint32_t>(cp);
    const auto* end = std::end(latin_confusables);
    const auto* it = std::lower_bound(std::begin(latin_confusables), end, c,
                                      [](const LatinConfusable& e, std::uint32_t v) { return e.cp < v; });
    return it != end && it->cp == c ? it->latin : '\0';
}

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
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
        bool ok = len > 0 && i + len <= text.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto cb = static_cast<unsigned char>(text[i + k]);
            ok = (cb & 0xC0) == 0x80;
            cp = (cp << 6) | (cb & 0x3Fu);
        }
        // Overlong forms, surrogates and values past U+10FFFF are malformed.
        if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                   (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = false;
        if (!ok) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(static_cast<char32_t>(cp));
        i += len;
    }
    return out;
}

std::string cut_utf8(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n)) + "...";
}

std::string describe_code_point(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X '", static_cast<unsigned>(cp));
    std::string out = buf;
    append_utf8(out, cp);
    out += '\'';
    return out;
}

}  // namespace mailwarden::content_detail
