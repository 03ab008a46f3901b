#include "url_normalize.hpp"

#include "url_host.hpp"

#include <array>

namespace mailwarden::content_detail {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[i]) != prefix[i]) return false;
    return true;
}

// Leading and trailing C0 controls and spaces go, tabs and newlines inside
// too (as browsers parse URLs).
std::string clean(std::string_view written) {
    while (!written.empty() && static_cast<unsigned char>(written.front()) <= 0x20) written.remove_prefix(1);
    while (!written.empty() && static_cast<unsigned char>(written.back()) <= 0x20) written.remove_suffix(1);
    std::string out;
    out.reserve(written.size());
    for (const char c : written)
        if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
    return out;
}

struct Scheme {
    std::string_view name;     ///< normalized
    std::size_t length = 0;    ///< of what was written, through the "//"
    bool defanged = false;
};

std::optional<Scheme> read_scheme(std::string_view url, bool allow_scheme_relative) {
    struct Form {
        std::string_view written;
        std::string_view name;
        bool defanged;
    };
    static constexpr std::array<Form, 6> names{{{"https", "https", false},
                                                {"http", "http", false},
                                                {"hxxps", "https", true},
                                                {"hxxp", "http", true},
                                                {"ftp", "ftp", false},
                                                {"fxp", "ftp", true}}};
    static constexpr std::array<std::string_view, 4> separators{"://", "[:]//", "[://]", "(:)//"};
    for (const auto& form : names) {
        if (!starts_with_nocase(url, form.written)) continue;
        const std::string_view rest = url.substr(form.written.size());
        for (const auto sep : separators) {
            if (!starts_with_nocase(rest, sep)) continue;
            return Scheme{form.name, form.written.size() + sep.size(), form.defanged || sep != "://"};
        }
    }
    if (starts_with_nocase(url, "www.") || starts_with_nocase(url, "www[.]") || starts_with_nocase(url, "www(.)"))
        return Scheme{"http", 0, false};
    if (allow_scheme_relative && url.size() > 2 && url[0] == '/' && url[1] == '/') return Scheme{"http", 2, false};
    return std::nullopt;
}

std::string_view default_port(std::string_view scheme) noexcept {
    if (scheme == "http") return "80";
    if (scheme == "https") return "443";
    return "21";
}

}  // namespace

std::optional<NormalUrl> normalize_url(std::string_view written, bool allow_scheme_relative) {
    // A longer link is cut, not dropped: its host still gets looked up.
    constexpr std::size_t max_written = 64 * 1024;
    if (written.size() > max_written) written = written.substr(0, max_written);
    const std::string url = clean(written);
    const auto scheme = read_scheme(url, allow_scheme_relative);
    if (!scheme) return std::nullopt;
    const std::string_view after = std::string_view(url).substr(scheme->length);

    // The authority ends at the first '/', '?', '#' or '\' (browsers read a
    // backslash as a slash); obfuscated dots inside it do not end it.
    std::size_t end = after.find_first_of("/?#\\");
    if (end == std::string_view::npos) end = after.size();
    std::string authority(after.substr(0, end));
    std::string_view rest = after.substr(end);

    NormalUrl out;
    if (scheme->defanged) out.obfuscation = "hxxp";
    if (const std::size_t at = authority.rfind('@'); at != std::string::npos) {
        authority.erase(0, at + 1);
        if (out.obfuscation.empty()) out.obfuscation = "user-info before the host";
    }
    std::string dotted = authority;
    if (undo_obfuscated_dots(dotted)) {
        authority = dotted;
        if (out.obfuscation.empty()) out.obfuscation = "[.]";
    }
    std::string_view host = authority;
    std::string_view port;
    const std::size_t bracket = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
        host = std::string_view(authority).substr(0, colon);
        port = std::string_view(authority).substr(colon + 1);
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
        if (!port.empty() && std::stoul(std::string(port)) > 65535) return std::nullopt;
        while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
    }
    const auto normal = normalize_host(host);
    if (!normal) return std::nullopt;
    if (out.obfuscation.empty()) out.obfuscation = normal->obfuscation;
    out.domain = normal->domain;
    out.ip = normal->ip;

    out.url.append(scheme->name).append("://");
    if (!out.ip.empty() && out.ip.find(':') != std::string::npos) out.url.append("[").append(out.ip).append("]");
    else out.url.append(out.ip.empty() ? out.domain : out.ip);
    if (!port.empty() && port != default_port(scheme->name)) out.url.append(":").append(port);
    if (!rest.empty() && rest.front() == '\\') rest.remove_prefix(1);  // read as the path's '/'
    if (rest.empty() || rest.front() != '/') out.url.push_back('/');
    out.url.append(rest);
    return out;
}

}  // namespace mailwarden::content_detail
