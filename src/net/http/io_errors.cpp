#include "io_errors.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace mailwarden::http {

http_errc classify_io_error(const boost::system::error_code& ec, Phase phase) noexcept {
    namespace aerr = boost::asio::error;
    namespace herr = boost::beast::http;
    if (ec == boost::beast::error::timeout || ec == aerr::timed_out) return http_errc::timeout;
    if (ec == aerr::operation_aborted) return http_errc::cancelled;
    switch (phase) {
    case Phase::prepare: return http_errc::invalid_request;
    case Phase::resolve: return http_errc::resolve_failed;
    case Phase::connect: return http_errc::connect_failed;
    case Phase::tls_handshake: return http_errc::tls_handshake_failed;
    default: break;
    }
    if (ec == aerr::connection_reset || ec == aerr::broken_pipe || ec == aerr::connection_aborted)
        return http_errc::connection_reset;
    // EOF with nothing parsed, EOF inside a message, or TCP closed under TLS
    // without close_notify: the peer went away before the response was whole.
    if (ec == aerr::eof || ec == herr::error::end_of_stream || ec == herr::error::partial_message ||
        ec == boost::asio::ssl::error::stream_truncated)
        return http_errc::connection_closed;
    if (ec == herr::error::header_limit) return http_errc::header_too_large;
    if (ec == herr::error::body_limit) return http_errc::body_too_large;
    if (ec.category() == herr::make_error_code(herr::error::bad_version).category())
        return http_errc::malformed_response;
    return http_errc::io_error;
}

}  // namespace mailwarden::http
