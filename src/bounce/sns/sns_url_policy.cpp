// Which URLs an SNS message may point at, decided before anything is
// fetched: a certificate served from anywhere else would let anyone sign.
// The URL is parsed by Boost.URL (not by string search), so userinfo
// ("https://sns.us-east-1.amazonaws.com@evil.example/"), ports, percent-
// encoded hosts and look-alike suffixes are seen for what they are.
#include "bounce/sns/rejection.hpp"

#include <boost/url.hpp>

namespace mailwarden::sns {

namespace {

using sns_detail::reject;

bool lower_alpha(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s)
        if (c < 'a' || c > 'z') return false;
    return true;
}

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// An AWS region name: two letters, one or more words, a number
// ("us-east-1", "us-gov-west-1", "ap-southeast-4", "cn-northwest-1").
bool region_name(std::string_view r) {
    std::size_t parts = 0;
    std::string_view last;
    while (!r.empty()) {
        const std::size_t dash = r.find('-');
        const std::string_view part = r.substr(0, dash);
        if (parts == 0 && (part.size() != 2 || !lower_alpha(part))) return false;
        if (parts > 0 && dash != std::string_view::npos && !lower_alpha(part)) return false;
        last = part;
        ++parts;
        r = dash == std::string_view::npos ? std::string_view{} : r.substr(dash + 1);
        if (dash != std::string_view::npos && r.empty()) return false;  // trailing dash
    }
    return parts >= 3 && digits(last);
}

// sns.<region>.amazonaws.com, or .amazonaws.com.cn for the China regions
// (and only for them). Exact: lower case, no trailing dot, nothing around.
bool sns_host(std::string_view host) {
    constexpr std::string_view prefix = "sns.";
    constexpr std::string_view global = ".amazonaws.com";
    constexpr std::string_view china = ".amazonaws.com.cn";
    if (!host.starts_with(prefix)) return false;
    host.remove_prefix(prefix.size());
    if (host.ends_with(china)) {
        host.remove_suffix(china.size());
        return host.starts_with("cn-") && region_name(host);
    }
    if (!host.ends_with(global)) return false;
    host.remove_suffix(global.size());
    return !host.starts_with("cn-") && region_name(host);
}

bool pem_path(std::string_view path) {
    if (path.size() <= 5 || path[0] != '/' || !path.ends_with(".pem")) return false;
    for (const char c : path) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == '/';
        if (!ok) return false;
    }
    return path.find("/..") == std::string_view::npos;
}

// The parts both URL kinds share: https, no userinfo, no port, an SNS host.
Result<Done, Error> check_origin(const boost::urls::url_view& u, std::string_view what) {
    if (u.scheme_id() != boost::urls::scheme::https)
        return unexpected(reject(Rejection::bad_cert_url, std::string(what) + " is not https"));
    if (u.has_userinfo())
        return unexpected(reject(Rejection::bad_cert_url, std::string(what) + " carries userinfo"));
    if (u.has_port()) return unexpected(reject(Rejection::bad_cert_url, std::string(what) + " names a port"));
    if (u.host_type() != boost::urls::host_type::name || !sns_host(u.encoded_host()))
        return unexpected(reject(Rejection::bad_cert_url,
                                 std::string(what) + " host is not sns.<region>.amazonaws.com[.cn]"));
    return Done{};
}

Result<boost::urls::url, Error> parse(std::string_view text, std::string_view what) {
    // A NUL-terminated copy: Boost.URL 1.81 reads some parts with strlen.
    const std::string copy(text);
    auto parsed = boost::urls::parse_uri(copy);
    if (!parsed) return unexpected(reject(Rejection::bad_cert_url, std::string(what) + " is not a URL"));
    return boost::urls::url(*parsed);
}

}  // namespace

Result<Done, Error> check_signing_cert_url(std::string_view text) {
    auto u = parse(text, "SigningCertURL");
    if (!u) return unexpected(std::move(u).error());
    if (auto origin = check_origin(*u, "SigningCertURL"); !origin) return origin;
    if (u->has_query() || u->has_fragment() || !pem_path(u->encoded_path()))
        return unexpected(reject(Rejection::bad_cert_url, "SigningCertURL does not name a .pem file"));
    return Done{};
}

Result<Done, Error> check_sns_url(std::string_view text) {
    auto u = parse(text, "the URL");
    if (!u) return unexpected(std::move(u).error());
    if (auto origin = check_origin(*u, "the URL"); !origin) return origin;
    if (u->has_fragment()) return unexpected(reject(Rejection::bad_cert_url, "the URL carries a fragment"));
    return Done{};
}

}  // namespace mailwarden::sns
