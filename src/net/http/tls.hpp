// TLS client settings: trusted roots, TLS 1.2 as the floor, peer and host
// name verification, SNI; and words for OpenSSL's verification failures.
#pragma once

#include <mailwarden/net/http.hpp>

#include <boost/asio/ssl/context.hpp>
#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace mailwarden::http {

/// A client context verifying peers against options.ca_file / ca_dir, or the
/// system store when both are empty. Null with `message` set when the roots
/// cannot be loaded.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const HttpOptions& options, std::string& message);

/// Per connection: SNI (names only, RFC 6066 forbids IP literals) and the
/// name or IP address the certificate must carry. False with `message` when
/// OpenSSL refuses them.
bool prepare_tls_connection(SSL* ssl, const std::string& host, bool host_is_ip, std::string& message);

/// "hostname mismatch", "unknown CA", "expired", "not yet valid",
/// "self-signed" ... followed by OpenSSL's own text, for an X509_V_ERR_* value.
std::string describe_verify_failure(long verify_result, const std::string& host);

}  // namespace mailwarden::http
