#include "url_host.hpp"

#include "address/domain_part.hpp"
#include "ip_literal.hpp"

#include <array>
#include <cstdint>

namespace mailwarden::content_detail {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool percent_decode(std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size()) return false;
        const int hi = hex_value(text[i + 1]);
        const int lo = hex_value(text[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    text = std::move(out);
    return true;
}

// Script of one code point, for the mixed-script test: 0 none (digits,
// hyphen, marks, other scripts), 1 Latin, 2 Greek, 3 Cyrillic, 4 Armenian.
int script_of(std::uint32_t cp) noexcept {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return 1;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return 1;
    if (cp >= 0x370 && cp <= 0x3FF) return 2;
    if (cp >= 0x400 && cp <= 0x52F) return 3;
    if (cp >= 0x530 && cp <= 0x58F) return 4;
    return 0;
}

}  // namespace

bool undo_obfuscated_dots(std::string& text) {
    static constexpr std::array<std::string_view, 6> forms{"[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}"};
    bool found = false;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        bool matched = false;
        for (const auto form : forms) {
            if (text.size() - i < form.size()) continue;
            bool same = true;
            for (std::size_t k = 0; k < form.size() && same; ++k) same = lower(text[i + k]) == form[k];
            if (same) {
                out.push_back('.');
                i += form.size();
                matched = found = true;
                break;
            }
        }
        if (!matched) out.push_back(text[i++]);
    }
    text = std::move(out);
    return found;
}

bool mixed_script(std::string_view host) {
    int seen = 0;
    for (std::size_t i = 0; i < host.size();) {
        const auto c = static_cast<unsigned char>(host[i]);
        std::uint32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0) { cp = c & 0x07u; len = 4; }
        else if (c >= 0xE0) { cp = c & 0x0Fu; len = 3; }
        else if (c >= 0xC0) { cp = c & 0x1Fu; len = 2; }
        for (std::size_t k = 1; k < len && i + k < host.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(host[i + k]) & 0x3Fu);
        i += len;
        if (cp == '.') {
            seen = 0;
            continue;
        }
        const int script = script_of(cp);
        if (script == 0) continue;
        if (seen != 0 && seen != script) return true;
        seen = script;
    }
    return false;
}

std::optional<NormalHost> normalize_host(std::string_view raw) {
    NormalHost out;
    std::string host(raw);
    if (host.size() > 1024) return std::nullopt;
    if (undo_obfuscated_dots(host)) out.obfuscation = "[.]";
    if (host.find('%') != std::string::npos) {
        if (!percent_decode(host)) return std::nullopt;
        if (out.obfuscation.empty()) out.obfuscation = "percent-encoded host";
        if (undo_obfuscated_dots(host) && out.obfuscation.empty()) out.obfuscation = "[.]";
    }
    while (!host.empty() && host.back() == '.') host.pop_back();
    if (host.empty()) return std::nullopt;
    if (const auto ip = parse_ip_host(host)) {
        out.ip = ip->ip;
        if (ip->unusual_form && out.obfuscation.empty()) out.obfuscation = "integer IP";
        return out;
    }
    bool ascii = true;
    for (const char c : host) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) ascii = false;
        else if (u <= 0x20 || c == '[' || c == ']' || c == '/' || c == '\\' || c == '@') return std::nullopt;
    }
    if (host.find('.') == std::string::npos) return std::nullopt;
    if (!ascii && mixed_script(host) && out.obfuscation.empty()) out.obfuscation = "mixed-script host";
    std::string converted;
    const auto scan = address_detail::scan_domain(host, converted);
    if (scan.reason == AddressReason::ok) {
        out.domain = std::move(converted);
        return out;
    }
    if (!ascii) return std::nullopt;  // an invalid IDN: no name to look up
    // Names DNS allows though hosts should not (underscores): lower-cased as written.
    for (const char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return std::nullopt;
        out.domain.push_back(lower(c));
    }
    if (out.domain.find("..") != std::string::npos || out.domain.front() == '.' || out.domain.size() > 253)
        return std::nullopt;
    return out;
}

}  // namespace mailwarden::content_detail
