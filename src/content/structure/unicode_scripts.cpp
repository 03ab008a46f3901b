#include "content/structure/unicode_scripts.hpp"

#include "common/utf8.hpp"

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
    common::append_utf8(out, cp);
    out += '\'';
    return out;
}

}  // namespace mailwarden::content_detail
