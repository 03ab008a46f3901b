// URL splitting through Boost.URL; only the checks specific to a client
// (scheme, host kinds, no credentials in URLs) are ours.
#include "url.hpp"

#include "http_client.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <charconv>

namespace mailwarden::http {

namespace {

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::error_code parse_target(std::string_view url, bool allow_plaintext, Target& out, std::string& message) {
    auto fail = [&](http_errc e, std::string text) {
        message = std::move(text);
        return make_error_code(e);
    };
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return fail(http_errc::invalid_url, "not an absolute URL: " + parsed.error().message());
    const boost::urls::url_view& u = *parsed;

    if (u.scheme_id() == boost::urls::scheme::https) {
        out.tls = true;
    } else if (u.scheme_id() == boost::urls::scheme::http) {
        if (!allow_plaintext)
            return fail(http_errc::insecure_scheme_refused,
                        "plain http:// refused (HttpOptions::allow_plaintext is off); use https://");
        out.tls = false;
    } else {
        return fail(http_errc::invalid_url, "scheme must be http or https, not '" + std::string(u.scheme()) + "'");
    }
    if (!u.has_authority()) return fail(http_errc::invalid_url, "URL has no host");
    if (u.has_userinfo()) return fail(http_errc::invalid_url, "credentials in the URL are not supported");

    const std::uint16_t default_port = out.tls ? 443 : 80;
    out.port = default_port;
    if (u.has_port()) {
        // Boost.URL accepts any digits here; a port is 1..65535.
        const std::string_view text = u.port();
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535)
            return fail(http_errc::invalid_url, "bad port '" + std::string(text) + "'");
        out.port = static_cast<std::uint16_t>(value);
    }

    std::string bracketed;
    switch (u.host_type()) {
    case boost::urls::host_type::name: {
        std::string_view h = u.encoded_host();
        if (h.empty()) return fail(http_errc::invalid_url, "URL has no host");
        if (h.find('%') != std::string_view::npos)
            return fail(http_errc::invalid_url, "percent-encoded host names are not supported");
        out.host.resize(h.size());
        std::transform(h.begin(), h.end(), out.host.begin(), lower);
        if (out.host.back() == '.') out.host.pop_back();  // "example.com." names the same host
        if (out.host.empty()) return fail(http_errc::invalid_url, "URL has no host");
        out.host_is_ip = false;
        bracketed = out.host;
        break;
    }
    case boost::urls::host_type::ipv4:
        out.host = u.host_ipv4_address().to_string();
        out.host_is_ip = true;
        bracketed = out.host;
        break;
    case boost::urls::host_type::ipv6:
        out.host = u.host_ipv6_address().to_string();
        out.host_is_ip = true;
        bracketed = "[" + out.host + "]";
        break;
    default:
        return fail(http_errc::invalid_url, "unsupported host form");
    }

    out.path = std::string(u.encoded_path());
    if (out.path.empty()) out.path = "/";
    if (u.has_query()) {
        out.path += '?';
        out.path += u.encoded_query();
    }
    out.host_header = out.port == default_port ? bracketed : bracketed + ":" + std::to_string(out.port);
    out.pool_key = std::string(out.tls ? "https://" : "http://") + bracketed + ":" + std::to_string(out.port);
    return {};
}

std::string host_header(std::string_view url) {
    Target t;
    std::string message;
    if (parse_target(url, true, t, message)) return {};
    return t.host_header;
}

}  // namespace mailwarden::http
