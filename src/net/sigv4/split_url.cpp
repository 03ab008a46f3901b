// URL to Request: Boost.URL does the parsing; only the host header value
// (port dropped when it is the scheme's default) is decided here.
#include <mailwarden/error.hpp>
#include <mailwarden/net/sigv4.hpp>

#include <boost/url/parse.hpp>

namespace mailwarden::sigv4 {

std::error_code split_url(std::string_view url, Request& out) {
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return make_error_code(errc::invalid_argument);
    const boost::urls::url_view& u = *parsed;
    const auto scheme = u.scheme_id();
    if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) return make_error_code(errc::invalid_argument);
    if (!u.has_authority() || u.encoded_host().empty()) return make_error_code(errc::invalid_argument);
    const std::string_view port = u.port();
    const bool default_port = port.empty() || (scheme == boost::urls::scheme::https && port == "443") ||
                              (scheme == boost::urls::scheme::http && port == "80");
    out.host = default_port ? std::string_view(u.encoded_host()) : std::string_view(u.encoded_host_and_port());
    out.path = u.encoded_path().empty() ? std::string_view("/") : std::string_view(u.encoded_path());
    out.query = u.encoded_query();
    return {};
}

}  // namespace mailwarden::sigv4
