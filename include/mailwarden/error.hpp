// Expected failures are values: std::error_code in the mailwarden category.
// The numbers are those of the C ABI (MW_E* in capi/mailwarden.h).
#pragma once

#include <mailwarden/export.hpp>

#include <string>
#include <system_error>

namespace mailwarden {

enum class errc : int {
    invalid_argument = -1,
    out_of_memory = -2,
    internal = -3,
    not_found = -4,
    already_exists = -5,
    io = -6,
    timed_out = -7,
    parse = -8,
    out_of_range = -9,
    not_verified = -10,  ///< the sender is not verified (Success) for sending
    transport = -11,     ///< the transport (SES, local outbox) failed
    expired = -12,       ///< a verification link or token has expired
    suspended = -13,     ///< sending is suspended (bounce or complaint rate)
    policy = -14,        ///< refused by policy (role or no-reply sender, ...)
};

/// The category of every mailwarden error code; name() is "mailwarden".
MAILWARDEN_EXPORT const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// A failure with its code and a message for people. Messages never contain
/// secrets.
struct MAILWARDEN_EXPORT Error {
    std::error_code code;
    std::string message;

    Error() = default;
    Error(std::error_code c, std::string m) : code(c), message(std::move(m)) {}
    Error(errc c, std::string m) : code(make_error_code(c)), message(std::move(m)) {}
};

}  // namespace mailwarden

template <>
struct std::is_error_code_enum<mailwarden::errc> : std::true_type {};
