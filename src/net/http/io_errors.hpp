// Which http_errc an Asio, Beast or OpenSSL error becomes, given the phase it
// happened in. Pure mapping, tested on its own.
#pragma once

#include "http_client.hpp"

#include <boost/system/error_code.hpp>

namespace mailwarden::http {

/// The http_errc for `ec` met during `phase`. Timeouts are timeout in every
/// phase; in the resolve, connect and TLS phases anything else is
/// resolve_failed, connect_failed or tls_handshake_failed (certificate
/// failures are recognised by the caller, which has the SSL object).
http_errc classify_io_error(const boost::system::error_code& ec, Phase phase) noexcept;

}  // namespace mailwarden::http
