#include "aws_errors.hpp"

#include <boost/json.hpp>

#include <initializer_list>

namespace mailwarden::aws {

namespace {

std::string string_field(const boost::json::object& o, std::initializer_list<std::string_view> keys) {
    for (const std::string_view k : keys) {
        if (const auto* v = o.if_contains(k); v != nullptr && v->is_string()) return std::string(v->get_string());
    }
    return {};
}

}  // namespace

std::string_view normalise_error_type(std::string_view raw) noexcept {
    if (const auto colon = raw.find(':'); colon != std::string_view::npos) raw = raw.substr(0, colon);
    if (const auto hash = raw.rfind('#'); hash != std::string_view::npos) raw = raw.substr(hash + 1);
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
    return raw;
}

ErrorDocument read_error_document(std::string_view type_header, std::string_view body) {
    ErrorDocument out;
    out.type = std::string(normalise_error_type(type_header));
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(body, ec);
    if (!ec && parsed.is_object()) {
        const auto& o = parsed.get_object();
        if (out.type.empty()) out.type = std::string(normalise_error_type(string_field(o, {"__type", "code", "Code"})));
        out.message = string_field(o, {"message", "Message", "errorMessage"});
    } else if (!body.empty() && body.size() < 512) {
        out.message = std::string(body);  // some proxies answer in plain text
    }
    return out;
}

Failure classify(const http::Error& error) noexcept {
    using http::http_errc;
    if (error.code.category() != http::http_category()) return Failure::transport;
    switch (static_cast<http_errc>(error.code.value())) {
    case http_errc::timeout: return Failure::timeout;
    case http_errc::certificate_verify_failed:
    case http_errc::tls_handshake_failed:
    case http_errc::tls_config_failed: return Failure::tls;
    case http_errc::invalid_url:
    case http_errc::insecure_scheme_refused:
    case http_errc::invalid_request: return Failure::configuration;
    case http_errc::malformed_response:
    case http_errc::header_too_large:
    case http_errc::body_too_large: return Failure::malformed;
    case http_errc::cancelled: return Failure::cancelled;
    default: return Failure::transport;
    }
}

}  // namespace mailwarden::aws
