// SNS over the network: the signing certificate fetched over verified TLS
// (HttpCertificateSource, a CertificateSource for sns::Verifier) and a
// subscription confirmed by visiting its SubscribeURL. Both go only to URLs
// that pass the SNS host policy (check_signing_cert_url, check_sns_url),
// through the project's HTTP client. This header is network-side: the
// domain header sns.hpp does not include it.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/net/http.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sns.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

namespace mailwarden::sns {

/// Why a fetch or a confirmation failed besides the rejections of the URL
/// policy (Rejection::bad_cert_url) and the HTTP client's own failures,
/// which keep their "mailwarden.http" codes (timeouts, TLS, connections).
/// Category "mailwarden.sns_http"; the kind is in brackets.
enum class FetchError : int {
    http_status = 1,     ///< the server answered with a status other than 200 (Error::http_status) [transport]
    too_large,           ///< the body is over the limit [out_of_range]
    not_a_certificate,   ///< not exactly one PEM certificate that OpenSSL reads [parse]
    not_a_confirmation,  ///< a 200 answer that is no ConfirmSubscriptionResponse with a SubscriptionArn [parse]
};

/// The "mailwarden.sns_http" category.
MAILWARDEN_EXPORT const std::error_category& fetch_error_category() noexcept;
inline std::error_code make_error_code(FetchError e) noexcept { return {static_cast<int>(e), fetch_error_category()}; }

struct HttpCertificateOptions {
    /// TLS roots (ca_file, ca_dir; empty: the system's), timeouts, and
    /// connect_to for private routes and tests. http:// is never used: the
    /// URL policy admits https only.
    http::HttpOptions http;
    /// A certificate body larger than this is refused (too_large).
    std::size_t max_certificate_bytes = 16 * 1024;
    /// Certificates kept, by URL; the least recently used goes first. At least 1.
    std::size_t cache_capacity = 32;
};

/// Counters since the source was made.
struct CertificateSourceStats {
    std::uint64_t fetches = 0;    ///< GET requests made
    std::uint64_t cache_hits = 0; ///< answered from the cache
    std::uint64_t coalesced = 0;  ///< waited for another thread's fetch of the same URL
};

/// Fetches signing certificates with GET over https, TLS verified, and keeps
/// them by URL. Only URLs that pass check_signing_cert_url are fetched:
/// anything else is Rejection::bad_cert_url before any connection is made.
/// The answer must be 200 with exactly one PEM certificate that parses.
/// Failures are not cached. Thread-safe: concurrent calls for one URL make
/// one request, the others wait for it. Runs one I/O thread of its own;
/// certificate_pem() blocks the calling thread.
class MAILWARDEN_EXPORT HttpCertificateSource final : public CertificateSource {
public:
    /// Starts the source's HTTP client (its own I/O thread). A bad ca_file
    /// shows at the first fetch (http_errc::tls_config_failed).
    explicit HttpCertificateSource(HttpCertificateOptions options = {});
    /// Not while a certificate_pem() call runs on another thread.
    ~HttpCertificateSource() override;
    HttpCertificateSource(const HttpCertificateSource&) = delete;
    HttpCertificateSource& operator=(const HttpCertificateSource&) = delete;

    /// The certificate's PEM text. Errors: Rejection::bad_cert_url, a
    /// FetchError, or the HTTP client's code (http_errc: timeout,
    /// certificate_verify_failed, connect_failed ...).
    Result<std::string, Error> certificate_pem(std::string_view url) override;

    /// The counters so far (thread-safe).
    CertificateSourceStats stats() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

struct ConfirmOptions {
    http::HttpOptions http;                  ///< as for HttpCertificateOptions
    std::size_t max_response_bytes = 64 * 1024;
};

/// What SNS answered to a confirmation.
struct Confirmation {
    std::string subscription_arn;  ///< arn:aws:sns:<region>:<account>:<topic>:<id>
    std::string request_id;        ///< ResponseMetadata/RequestId; empty when absent
};

/// Confirms a subscription: check_sns_url(subscribe_url), then one GET of
/// it (TLS verified), then the answer must be 200 with a
/// ConfirmSubscriptionResponse naming a SubscriptionArn. Errors:
/// Rejection::bad_cert_url for a URL the policy refuses (nothing is sent),
/// FetchError::http_status (an SNS error answer: an expired or used token
/// ...), too_large, not_a_confirmation, or the HTTP client's code. Blocks;
/// thread-safe (each call has its own connection).
MAILWARDEN_EXPORT Result<Confirmation, Error> confirm_subscription(std::string_view subscribe_url,
                                                                   const ConfirmOptions& options = {});

}  // namespace mailwarden::sns

template <>
struct std::is_error_code_enum<mailwarden::sns::FetchError> : std::true_type {};
