#include "content/html/url_policy.hpp"

namespace mailwarden::content_detail {

namespace {

bool c0_or_space(char c) noexcept { return static_cast<unsigned char>(c) <= 0x20; }

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view s, std::string_view prefix) noexcept {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[i]) != prefix[i]) return false;
    return true;
}

}  // namespace

std::string browser_url(std::string_view value) {
    std::size_t begin = 0;
    std::size_t end = value.size();
    while (begin < end && c0_or_space(value[begin])) ++begin;
    while (end > begin && c0_or_space(value[end - 1])) --end;
    std::string out;
    out.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        if (value[i] != '\t' && value[i] != '\n' && value[i] != '\r') out += value[i];
    return out;
}

std::string url_scheme(std::string_view url) {
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos) return {};
    const std::size_t stop = url.find_first_of("/?#");
    if (stop != std::string_view::npos && stop < colon) return {};
    if (colon == 0) return "?";
    std::string scheme;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = lower(url[i]);
        const bool alpha = c >= 'a' && c <= 'z';
        const bool ok = alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok) return "?";
        scheme += c;
    }
    return scheme;
}

bool url_allowed(std::string_view value, UrlUse use) {
    const std::string url = browser_url(value);
    const std::string scheme = url_scheme(url);
    if (scheme.empty()) return true;
    if (scheme == "http" || scheme == "https") return true;
    if (use == UrlUse::link) return scheme == "mailto" || scheme == "tel";
    if (scheme == "cid") return true;
    if (scheme != "data") return false;
    const std::string_view rest = std::string_view(url).substr(5);
    for (const std::string_view type : {"image/png", "image/gif", "image/jpeg", "image/webp"}) {
        if (!starts_with_nocase(rest, type)) continue;
        const char next = rest.size() > type.size() ? rest[type.size()] : '\0';
        if (next == ';' || next == ',') return true;
    }
    return false;
}

}  // namespace mailwarden::content_detail
