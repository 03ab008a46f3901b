// One error model for the whole library. An Error keeps the precise cause
// (a std::error_code in the category of the part that failed: the library's
// own, SES, HTTP) and the detail a caller acts on; kind() is the stable
// status the C ABI returns, from one mapping (each category's
// default_error_condition).
#pragma once

#include <mailwarden/export.hpp>
#include <mailwarden/status.h>

#include <string>
#include <string_view>
#include <system_error>

namespace mailwarden {

/// The stable kinds of failure. The numbers are the C status codes of
/// mailwarden/status.h, defined there once.
enum class errc : int {
    invalid_argument = MW_EINVAL,
    out_of_memory = MW_ENOMEM,
    internal = MW_EINTERNAL,
    not_found = MW_ENOTFOUND,
    already_exists = MW_EEXIST,
    io = MW_EIO,
    timed_out = MW_ETIMEDOUT,
    parse = MW_EPARSE,
    out_of_range = MW_ERANGE,
    not_verified = MW_ENOTVERIFIED,  ///< the sender is not verified (Success) for sending
    transport = MW_ETRANSPORT,       ///< the transport (SES, the network, the outbox) failed
    expired = MW_EEXPIRED,           ///< a verification link or token has expired
    suspended = MW_ESUSPENDED,       ///< sending is suspended (bounce or complaint rate)
    policy = MW_EPOLICY,             ///< refused by policy (role or no-reply sender, ...)
    cancelled = MW_ECANCELLED,       ///< cancelled before it took effect
    auth = MW_EAUTH,                 ///< credentials missing, or refused by the service
    suppressed = MW_ESUPPRESSED,     ///< every recipient is suppressed
};

/// The category of every mailwarden error code; name() is "mailwarden".
MAILWARDEN_EXPORT const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }
inline std::error_condition make_error_condition(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// The stable kind of any error code: errc itself, or what the code's
/// category maps it to; errc::internal for a code no part of the library
/// maps. The C status of a failure is static_cast<int>(kind_of(code)).
MAILWARDEN_EXPORT errc kind_of(const std::error_code& code) noexcept;

/// The stable name of a kind: "MW_EINVAL" ...; "MW_EUNKNOWN" for another number.
MAILWARDEN_EXPORT const char* status_name(int status) noexcept;

/// A failure: the code, a message for people, and what the caller needs to
/// decide what to do next. Messages never contain secrets.
struct MAILWARDEN_EXPORT Error {
    std::error_code code;      ///< the precise cause, in the failing part's category
    std::string message;       ///< what went wrong (for SES: the service's message)
    std::string service_code;  ///< the service's error type ("MessageRejected", "Throttling"); empty if none
    int http_status = 0;       ///< the HTTP status of the answer; 0 when none arrived
    std::string request_id;    ///< the service's request id, for support cases
    int dns_rcode = -1;        ///< the DNS response code (3 = NXDOMAIN ...); -1 when not a DNS failure
    int attempts = 0;          ///< how often the request was sent; 0 when not a remote call
    /// The same call may succeed later (throttled, a 5xx, a timeout, the
    /// network). Check outcome_unknown first: retrying such a call may do it twice.
    bool retryable = false;
    /// The request may have reached the service although no answer came back:
    /// a SendEmail may or may not have gone out.
    bool outcome_unknown = false;

    Error() = default;
    Error(std::error_code c, std::string m) : code(c), message(std::move(m)) {}
    Error(errc c, std::string m) : code(make_error_code(c)), message(std::move(m)) {}

    /// The stable kind (the C status): kind_of(code).
    errc kind() const noexcept { return kind_of(code); }
    /// Which part failed: "mailwarden" (the library itself), "ses", "http" ...
    /// (the code's category name without the "mailwarden." prefix).
    std::string_view origin() const noexcept;
    /// One line for logs: "MessageRejected (400): Email address is not
    /// verified. [request 1234]".
    std::string describe() const;
};

}  // namespace mailwarden

template <>
struct std::is_error_code_enum<mailwarden::errc> : std::true_type {};
