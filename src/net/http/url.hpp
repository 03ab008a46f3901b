// The parts of an absolute http(s) URL the client needs: where to connect,
// what to put on the request line and in Host, and which pool it belongs to.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace mailwarden::http {

struct Target {
    bool tls = true;
    std::string host;         ///< lower-case name or IP literal (IPv6 without brackets)
    bool host_is_ip = false;  ///< no SNI, certificate checked against the IP
    std::uint16_t port = 443;
    std::string path;         ///< request target: "/path?query" ("/" when empty)
    std::string host_header;  ///< "host", "host:port", "[v6]:port"
    std::string pool_key;     ///< "https://host:port"
};

/// Splits `url`. Errors: http_errc::invalid_url (not absolute, other scheme,
/// no host, user info, bad port), http_errc::insecure_scheme_refused (http://
/// while `allow_plaintext` is false). `message` says what is wrong.
std::error_code parse_target(std::string_view url, bool allow_plaintext, Target& out, std::string& message);

}  // namespace mailwarden::http
