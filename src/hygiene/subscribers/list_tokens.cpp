#include "hygiene/subscribers/list_tokens.hpp"

#include "common/base64.hpp"
#include "common/digest.hpp"
#include "common/hex.hpp"
#include "common/random_bytes.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

#include <charconv>

namespace mailwarden::hygiene {

namespace {

constexpr std::size_t confirmation_chars = 43;  // 32 bytes
constexpr std::size_t mac_bytes = 16;
constexpr std::size_t mac_chars = 22;
constexpr std::size_t longest_token = 64;

bool base64url_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool token_char(char c) { return base64url_char(c) || c == '.'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::string mac_of(std::string_view key, std::int64_t subscriber_id) {
    const std::string mac = common::hmac_sha256(key, "unsubscribe\n" + std::to_string(subscriber_id));
    return common::base64url_encode(std::string_view(mac).substr(0, mac_bytes));
}

Error malformed(std::string_view what) { return Error(errc::invalid_argument, std::string(what)); }

}  // namespace

std::string new_confirmation_token() { return "c1." + common::base64url_encode(common::random_bytes(32)); }

std::string token_hash(std::string_view token) { return common::hex_lower(common::sha256(token)); }

std::string unsubscribe_token(std::string_view key, std::int64_t subscriber_id) {
    return "u1." + std::to_string(subscriber_id) + "." + mac_of(key, subscriber_id);
}

Result<std::string, Error> token_of(std::string_view link_or_token, std::string_view prefix) {
    std::string_view text = trim(link_or_token);
    std::string from_link;
    if (const auto mark = text.find('?'); mark != std::string_view::npos) {
        // A NUL-terminated copy of the query (up to a fragment): Boost.URL
        // 1.81's parse_query reads with strlen (see verification_link.cpp).
        const auto rest = text.substr(mark + 1);
        const std::string query(rest.substr(0, rest.find('#')));
        auto params = boost::urls::parse_query(query);
        if (!params) return unexpected(malformed("the link's query cannot be read"));
        for (const auto& p : *params) {
            if (p.key != "token") continue;
            from_link = std::string(p.value);  // decoded
            break;
        }
        if (from_link.empty()) return unexpected(malformed("the link has no token"));
        text = from_link;
    }
    if (text.size() > longest_token || text.substr(0, prefix.size()) != prefix)
        return unexpected(malformed("not a list token"));
    for (const char c : text)
        if (!token_char(c)) return unexpected(malformed("not a list token"));
    if (prefix == "c1." && text.size() != prefix.size() + confirmation_chars)
        return unexpected(malformed("not a list token"));
    return std::string(text);
}

Result<std::int64_t, Error> verify_unsubscribe_token(std::string_view token, std::string_view key) {
    if (token.substr(0, 3) != "u1.") return unexpected(malformed("not an unsubscribe token"));
    token.remove_prefix(3);
    const auto dot = token.find('.');
    if (dot == std::string_view::npos || dot == 0) return unexpected(malformed("not an unsubscribe token"));
    std::int64_t id = 0;
    const auto digits = token.substr(0, dot);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0 || digits.front() == '0')
        return unexpected(malformed("not an unsubscribe token"));
    const auto mac = token.substr(dot + 1);
    if (mac.size() != mac_chars) return unexpected(malformed("not an unsubscribe token"));
    if (!common::equal_in_constant_time(mac, mac_of(key, id)))
        return unexpected(malformed("the unsubscribe token's signature does not match"));
    return id;
}

}  // namespace mailwarden::hygiene
