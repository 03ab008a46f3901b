// HTTP transport settings and failures, as the parts that talk to remote
// services (the Amazon SES client) expose them: timeouts per phase, size
// limits, the connection pool's bounds, where trusted certificates come from,
// whether plain http:// is allowed. The client itself is internal.
#pragma once

#include <mailwarden/export.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <system_error>

namespace mailwarden::http {

/// Why an HTTP exchange failed. Numbers are stable. An HTTP status (429,
/// 503 ...) is a response, never one of these.
enum class http_errc : int {
    invalid_url = 1,                ///< not an absolute http(s) URL with a host
    insecure_scheme_refused = 2,    ///< http:// while HttpOptions::allow_plaintext is off
    invalid_request = 3,            ///< bad method token, CR/LF in a header ...
    resolve_failed = 4,             ///< the host name did not resolve
    connect_failed = 5,             ///< every address refused or was unreachable
    tls_handshake_failed = 6,       ///< TLS failed for another reason than the certificate
    certificate_verify_failed = 7,  ///< untrusted chain, expired, wrong host name ...
    timeout = 8,                    ///< a phase took longer than its timeout (see Error::phase)
    connection_reset = 9,           ///< the peer reset the connection (RST, broken pipe)
    connection_closed = 10,         ///< the peer closed before the response was complete
    malformed_response = 11,        ///< not HTTP/1.x, or a response Beast refuses to parse
    header_too_large = 12,          ///< the response header exceeds HttpOptions::max_header_bytes
    body_too_large = 13,            ///< the response body exceeds HttpOptions::max_body_bytes
    tls_config_failed = 14,         ///< the CA file or directory could not be loaded
    io_error = 15,                  ///< any other socket or TLS failure
    cancelled = 16,                 ///< the client shut down while the request was in flight
};

/// The category of http_errc; name() is "mailwarden.http".
MAILWARDEN_EXPORT const std::error_category& http_category() noexcept;

inline std::error_code make_error_code(http_errc e) noexcept {
    return {static_cast<int>(e), http_category()};
}

/// Settings of one HTTP client. Defaults suit an AWS endpoint over the
/// Internet; tests and local peers shorten the timeouts and allow http://.
struct HttpOptions {
    // Each phase has its own limit; a phase that overruns ends the request
    // with http_errc::timeout and Error::phase naming the phase.
    std::chrono::milliseconds resolve_timeout{5'000};
    std::chrono::milliseconds connect_timeout{5'000};        ///< all addresses together
    std::chrono::milliseconds tls_handshake_timeout{10'000};
    std::chrono::milliseconds write_timeout{30'000};         ///< the whole request
    std::chrono::milliseconds read_timeout{30'000};          ///< the whole response

    std::size_t max_header_bytes = 64 * 1024;         ///< response status line + fields
    std::size_t max_body_bytes = 10 * 1024 * 1024;    ///< response body, after de-chunking

    /// Connections per (scheme, host, port): in use and idle together. A
    /// request finding all of them busy waits for one.
    std::size_t max_connections_per_endpoint = 16;
    /// Idle keep-alive connections kept per endpoint; 0 turns keep-alive off.
    std::size_t max_idle_per_endpoint = 4;
    /// An idle connection older than this is closed instead of reused.
    std::chrono::milliseconds idle_timeout{30'000};

    /// Trusted roots: a PEM file and/or an OpenSSL hashed directory. Both
    /// empty: the system store (OpenSSL's default paths).
    std::string ca_file;
    std::string ca_dir;

    /// Connect somewhere else than a URL's host name says, changing nothing
    /// that is sent or checked: the Host header, the TLS server name (SNI)
    /// and the name the certificate must carry stay the URL's. Keys are
    /// "host:port" (the host in lower case, the port as the URL gives it or
    /// the scheme's default), values "ip:port" (IPv4, or IPv6 in brackets).
    /// For endpoints reached by a private route, and for tests that serve a
    /// real name on 127.0.0.1. A value that is not "ip:port" fails the
    /// request (invalid_url) before anything is sent.
    std::map<std::string, std::string> connect_to;

    /// Allow http:// URLs. Off by default: only local peers (a test SES
    /// server on 127.0.0.1) have a reason to use plaintext.
    bool allow_plaintext = false;

    /// Sent when the request has no User-Agent of its own; empty: none.
    std::string user_agent = "mailwarden";
};

}  // namespace mailwarden::http

template <>
struct std::is_error_code_enum<mailwarden::http::http_errc> : std::true_type {};
