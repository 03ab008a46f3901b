// AWS Signature Version 4: header signing and query-string presigning of an
// HTTP request, for any service (Amazon SES v2: service "ses", host
// email.<region>.amazonaws.com). Pure code over OpenSSL 3: no I/O.
//
//   mailwarden::sigv4::Signer signer;           // holds the signing-key cache
//   mailwarden::sigv4::Header headers[] = {{"Content-Type", "application/json"}};
//   mailwarden::sigv4::Request req;
//   req.method = "POST";
//   req.host = "email.us-east-1.amazonaws.com";
//   req.path = "/v2/email/outbound-emails";
//   req.headers = headers;
//   req.body = json;
//   mailwarden::sigv4::SignedRequest out;       // reuse it: no allocation once grown
//   auto ec = signer.sign(req, credentials, {"us-east-1", "ses", now}, out);
//   for (const auto& h : out.headers_to_add()) http_request.set(h.name, h.value);
#pragma once

#include <mailwarden/net/credentials.hpp>
#include <mailwarden/export.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

namespace mailwarden::sigv4 {

/// One header field as it goes on the wire. Duplicate names are allowed
/// (their values are joined with ',' in the canonical request).
struct Header {
    std::string_view name;
    std::string_view value;
};

/// A request to sign. Every field is a view: the caller keeps the storage
/// alive during the call.
struct Request {
    std::string_view method = "GET";
    /// The host header value (host, or host:port for a non-default port);
    /// used when `headers` has no Host field.
    std::string_view host;
    /// The path in wire form (percent-encoded as sent), without the query.
    std::string_view path = "/";
    /// The query in wire form, without the '?'; empty for none.
    std::string_view query;
    std::span<const Header> headers;
    std::string_view body;
};

/// Splits an absolute http(s) URL (parsed with Boost.URL) into `out.host`
/// (with the port unless it is the scheme's default), `out.path` ("/" when
/// empty) and `out.query`: views into `url`. Errors: errc::invalid_argument
/// for anything but an absolute http or https URL with a host.
MAILWARDEN_EXPORT std::error_code split_url(std::string_view url, Request& out);

/// What to sign for, when, and how.
struct SigningConfig {
    std::string_view region;   ///< "us-east-1"
    std::string_view service;  ///< signing name: "ses", "s3", "sts" ...
    std::chrono::system_clock::time_point time;  ///< whole seconds are used

    /// Remove dot segments and merge slashes in the path (false for S3).
    bool normalize_path = true;
    /// URI-encode the wire path once more, '%' included (false for S3,
    /// whose canonical path is the wire path as sent).
    bool double_encode_path = true;
    /// Payload hash "UNSIGNED-PAYLOAD" instead of the SHA-256 of the body.
    bool unsigned_payload = false;
    /// Add and sign X-Amz-Content-Sha256 carrying the payload hash (S3).
    bool content_sha256_header = false;
    /// Leave the session token out of the signature and add it afterwards
    /// (the services that want it so). False: the token is signed.
    bool omit_session_token = false;
    /// Hex SHA-256 of the body computed by the caller (or UNSIGNED-PAYLOAD);
    /// when set the body is not hashed.
    std::string_view payload_hash;
    /// Presigning only: X-Amz-Expires, 1 s to 7 days.
    std::chrono::seconds expires{3600};
};

/// The outcome of signing, with the intermediate artefacts. Reuse one object
/// across calls: its buffers keep their capacity, so steady-state signing
/// allocates nothing. Not thread-safe (one per thread or per request).
class MAILWARDEN_EXPORT SignedRequest {
public:
    SignedRequest();
    SignedRequest(const SignedRequest&);
    SignedRequest(SignedRequest&&) noexcept;
    SignedRequest& operator=(const SignedRequest&);
    SignedRequest& operator=(SignedRequest&&) noexcept;
    ~SignedRequest();

    /// "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ses/aws4_request,
    /// SignedHeaders=host;x-amz-date, Signature=..."; empty after presign().
    std::string_view authorization() const noexcept;
    std::string_view amz_date() const noexcept;        ///< "20150830T123600Z"
    std::string_view credential_scope() const noexcept;  ///< "20150830/us-east-1/ses/aws4_request"
    std::string_view signed_headers() const noexcept;  ///< "content-type;host;x-amz-date"
    std::string_view payload_hash() const noexcept;    ///< hex SHA-256 or "UNSIGNED-PAYLOAD"
    std::string_view signature() const noexcept;       ///< 64 hex digits
    std::string_view canonical_request() const noexcept;
    std::string_view string_to_sign() const noexcept;
    /// The X-Amz-Content-Sha256 value added, empty when none was.
    std::string_view content_sha256() const noexcept;
    /// The X-Amz-Security-Token value added (signed or not), empty when none.
    std::string_view security_token() const noexcept;
    /// presign(): the query to send, the request's own parameters as given
    /// followed by X-Amz-Algorithm, -Credential, -Date, -SignedHeaders,
    /// -Expires, [-Security-Token] and -Signature, encoded. Empty after sign().
    std::string_view presigned_query() const noexcept;

    /// The headers a header-signed request must gain, in this order:
    /// X-Amz-Date, X-Amz-Content-Sha256 (when used), X-Amz-Security-Token
    /// (when the credentials carry one), Authorization. Views into *this;
    /// after presign(): the security token is in the query, so none.
    struct HeaderList {
        std::array<Header, 4> items{};
        std::size_t count = 0;
        const Header* begin() const noexcept { return items.data(); }
        const Header* end() const noexcept { return items.data() + count; }
        std::size_t size() const noexcept { return count; }
    };
    HeaderList headers_to_add() const noexcept;

private:
    friend class Signer;
    struct Buffers;
    std::unique_ptr<Buffers> b_;
};

/// Signs requests. Holds a bounded cache of derived signing keys keyed by
/// (secret, date, region, service), so the four-HMAC derivation runs once a
/// day per key and scope. All methods may be called from any number of
/// threads at once.
class MAILWARDEN_EXPORT Signer {
public:
    /// `key_cache_capacity` signing keys at most (least recently used go first).
    explicit Signer(std::size_t key_cache_capacity = 64);
    ~Signer();
    Signer(const Signer&) = delete;
    Signer& operator=(const Signer&) = delete;

    /// Header signing (Authorization). Errors, `out` then unspecified:
    /// errc::invalid_argument for an empty method, region or service, empty
    /// credentials, a header name that is not an HTTP token, no host (no
    /// Host header and no Request::host), a time outside years 1970-9999, a
    /// payload_hash that is neither 64 hex digits nor UNSIGNED-PAYLOAD.
    std::error_code sign(const Request& request, const aws::Credentials& credentials, const SigningConfig& config,
                         SignedRequest& out) const;

    /// Query-string presigning (X-Amz-Signature in the URL). Same errors,
    /// plus invalid_argument for `expires` outside 1 s .. 7 days.
    std::error_code presign(const Request& request, const aws::Credentials& credentials, const SigningConfig& config,
                            SignedRequest& out) const;

    /// Signing keys held now, and how many derivations ran since construction.
    std::size_t cached_keys() const;
    std::size_t key_derivations() const;
    void clear_cache();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The signer shared by the free functions below (a process-wide Signer).
MAILWARDEN_EXPORT Signer& default_signer();

/// Signs with default_signer(); throws nothing. On error the optional is empty
/// and `ec` says why.
MAILWARDEN_EXPORT std::optional<SignedRequest> sign(const Request& request, const aws::Credentials& credentials,
                                                    const SigningConfig& config, std::error_code& ec);

/// "20150830T123600Z" for a time point (whole seconds, UTC); empty outside years 1970-9999.
MAILWARDEN_EXPORT std::string format_amz_date(std::chrono::system_clock::time_point time);
/// Parses "YYYYMMDDTHHMMSSZ" (also "YYYY-MM-DDTHH:MM:SSZ"); nullopt when
/// malformed or outside 1970-2261 (system_clock's nanoseconds end in 2262).
MAILWARDEN_EXPORT std::optional<std::chrono::system_clock::time_point> parse_amz_date(std::string_view text);

/// One JSON object (single line): "headers" (headers_to_add(), name to
/// value), "presigned_query" (after presign), "signature", "signed_headers",
/// "credential_scope", "payload_hash", "canonical_request", "string_to_sign".
MAILWARDEN_EXPORT std::string to_json(const SignedRequest& signed_request);

/// Lower-case hex SHA-256 of `data` (the payload hash of a body).
MAILWARDEN_EXPORT std::string sha256_hex(std::string_view data);

}  // namespace mailwarden::sigv4
