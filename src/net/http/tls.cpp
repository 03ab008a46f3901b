#include "tls.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace mailwarden::http {

namespace {

std::string openssl_errors() {
    std::string text;
    while (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!text.empty()) text += "; ";
        text += buf;
    }
    return text.empty() ? "unknown OpenSSL error" : text;
}

}  // namespace

std::unique_ptr<boost::asio::ssl::context> make_tls_context(const HttpOptions& options, std::string& message) {
    namespace ssl = boost::asio::ssl;
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
    SSL_CTX* native = ctx->native_handle();
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression);
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
        message = "cannot set TLS 1.2 as minimum: " + openssl_errors();
        return nullptr;
    }
    SSL_CTX_set_verify(native, SSL_VERIFY_PEER, nullptr);

    ERR_clear_error();
    if (options.ca_file.empty() && options.ca_dir.empty()) {
        if (SSL_CTX_set_default_verify_paths(native) != 1) {
            message = "cannot load the system certificate store: " + openssl_errors();
            return nullptr;
        }
        return ctx;
    }
    const char* file = options.ca_file.empty() ? nullptr : options.ca_file.c_str();
    const char* dir = options.ca_dir.empty() ? nullptr : options.ca_dir.c_str();
    if (SSL_CTX_load_verify_locations(native, file, dir) != 1) {
        message = "cannot load trusted certificates from '" + (file ? options.ca_file : options.ca_dir) +
                  "': " + openssl_errors();
        return nullptr;
    }
    return ctx;
}

bool prepare_tls_connection(SSL* ssl, const std::string& host, bool host_is_ip, std::string& message) {
    ERR_clear_error();
    if (host_is_ip) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) != 1) {
            message = "cannot check the certificate against " + host + ": " + openssl_errors();
            return false;
        }
        return true;
    }
    // SSL_set_tlsext_host_name() without its C cast.
    if (SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str())) != 1) {
        message = "cannot set SNI to " + host + ": " + openssl_errors();
        return false;
    }
    // No partial wildcards ("f*.example.com"): what browsers accept.
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (SSL_set1_host(ssl, host.c_str()) != 1) {
        message = "cannot check the certificate against " + host + ": " + openssl_errors();
        return false;
    }
    return true;
}

std::string describe_verify_failure(long verify_result, const std::string& host) {
    const char* what = nullptr;
    switch (verify_result) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: what = "hostname mismatch"; break;
    case X509_V_ERR_CERT_HAS_EXPIRED: what = "expired"; break;
    case X509_V_ERR_CERT_NOT_YET_VALID: what = "not yet valid"; break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: what = "unknown CA"; break;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: what = "self-signed"; break;
    case X509_V_ERR_CERT_REVOKED: what = "revoked"; break;
    default: break;
    }
    std::string text = "certificate verify failed for " + host + ": ";
    if (what) {
        text += what;
        text += " (";
        text += X509_verify_cert_error_string(verify_result);
        text += ")";
    } else {
        text += X509_verify_cert_error_string(verify_result);
    }
    return text;
}

}  // namespace mailwarden::http
