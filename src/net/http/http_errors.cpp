// The "mailwarden.http" error category, phase names and header lookup.
#include "http_client.hpp"

#include <mailwarden/error.hpp>

#include <string>

namespace mailwarden::http {

namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden.http"; }

    std::string message(int code) const override {
        switch (static_cast<http_errc>(code)) {
        case http_errc::invalid_url: return "invalid URL";
        case http_errc::insecure_scheme_refused: return "plaintext http:// refused";
        case http_errc::invalid_request: return "invalid request";
        case http_errc::resolve_failed: return "host name resolution failed";
        case http_errc::connect_failed: return "connection failed";
        case http_errc::tls_handshake_failed: return "TLS handshake failed";
        case http_errc::certificate_verify_failed: return "certificate verification failed";
        case http_errc::timeout: return "timed out";
        case http_errc::connection_reset: return "connection reset by peer";
        case http_errc::connection_closed: return "connection closed before the response was complete";
        case http_errc::malformed_response: return "malformed HTTP response";
        case http_errc::header_too_large: return "response header too large";
        case http_errc::body_too_large: return "response body too large";
        case http_errc::tls_config_failed: return "TLS configuration failed";
        case http_errc::io_error: return "input/output error";
        case http_errc::cancelled: return "cancelled";
        }
        return "unknown http error " + std::to_string(code);
    }

    // The one mapping of HTTP failures to the library's stable kinds.
    std::error_condition default_error_condition(int code) const noexcept override {
        using k = mailwarden::errc;
        switch (static_cast<http_errc>(code)) {
        case http_errc::invalid_url:
        case http_errc::insecure_scheme_refused:
        case http_errc::invalid_request:
        case http_errc::tls_config_failed: return make_error_condition(k::invalid_argument);
        case http_errc::timeout: return make_error_condition(k::timed_out);
        case http_errc::malformed_response:
        case http_errc::header_too_large:
        case http_errc::body_too_large: return make_error_condition(k::parse);
        case http_errc::cancelled: return make_error_condition(k::cancelled);
        default: return make_error_condition(k::transport);
        }
    }
};

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace

const std::error_category& http_category() noexcept {
    static const Category category;
    return category;
}

std::string_view to_string(Phase phase) noexcept {
    switch (phase) {
    case Phase::prepare: return "prepare";
    case Phase::queued: return "queued";
    case Phase::resolve: return "resolve";
    case Phase::connect: return "connect";
    case Phase::tls_handshake: return "tls handshake";
    case Phase::write: return "write";
    case Phase::read_header: return "read header";
    case Phase::read_body: return "read body";
    }
    return "unknown";
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) noexcept {
    for (const auto& h : headers)
        if (iequals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

}  // namespace mailwarden::http
