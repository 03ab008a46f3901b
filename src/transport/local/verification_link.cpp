#include "transport/local/verification_link.hpp"

#include "common/digest.hpp"
#include "common/hex.hpp"

#include <boost/url.hpp>

namespace mailwarden::local {

namespace {

std::string signature(std::string_view key, const LinkClaims& c) {
    const std::string message = c.address + '\n' + std::to_string(c.expires) + '\n' + c.nonce;
    return common::hex_lower(common::hmac_sha256(key, message));
}

}  // namespace

std::string make_link(std::string_view link_base, std::string_view key, const LinkClaims& claims) {
    boost::urls::url url(link_base);
    auto params = url.params();
    params.append({"address", claims.address});
    params.append({"expires", std::to_string(claims.expires)});
    params.append({"nonce", claims.nonce});
    params.append({"token", signature(key, claims)});
    return std::string(url.buffer());
}

Result<LinkClaims, Error> verify_link(std::string_view link, std::string_view key) {
    const auto incomplete = unexpected(Error(errc::invalid_argument, "the verification link is incomplete"));
    auto parsed = boost::urls::parse_uri(link);
    if (!parsed) return unexpected(Error(errc::invalid_argument, "not a verification link: " + parsed.error().message()));
    // The query is parsed on its own: Boost.URL 1.81 reads past the end when
    // looking up parameters of a URL whose empty query is followed by a
    // fragment ("s:?#x"), which links copied from mail can look like (both
    // found by fuzz_verification_link).
    const auto query = parsed->encoded_query();
    if (query.empty()) return incomplete;
    // A NUL-terminated copy: 1.81's parse_query reads its argument with
    // strlen, past the end of a view into the link.
    const std::string query_text(query.data(), query.size());
    auto encoded = boost::urls::parse_query(query_text);
    if (!encoded) return incomplete;
    const boost::urls::params_view params(*encoded);
    auto get = [&params](std::string_view name) -> std::string {
        const auto it = params.find(name);
        return it == params.end() ? std::string() : std::string((*it).value);
    };
    LinkClaims claims;
    claims.address = get("address");
    claims.nonce = get("nonce");
    const std::string expires = get("expires");
    const std::string token = get("token");
    if (claims.address.empty() || expires.empty() || token.empty() || claims.nonce.empty()) return incomplete;
    try {
        std::size_t used = 0;
        claims.expires = std::stoll(expires, &used);
        if (used != expires.size()) throw std::invalid_argument("trailing characters");
    } catch (const std::exception&) {
        return unexpected(Error(errc::invalid_argument, "the verification link has a malformed expiry"));
    }
    const std::string expected = signature(key, claims);
    if (!common::equal_in_constant_time(token, expected))
        return unexpected(Error(errc::invalid_argument, "the verification link's signature does not match"));
    return claims;
}

}  // namespace mailwarden::local
