// Expected failures are values: std::error_code in the mailwarden category.
// The numbers are those of the C ABI (MW_E* in capi/mailwarden.h).
#pragma once

#include <mailwarden/export.hpp>

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
};

/// The category of every mailwarden error code; name() is "mailwarden".
MAILWARDEN_EXPORT const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

}  // namespace mailwarden

template <>
struct std::is_error_code_enum<mailwarden::errc> : std::true_type {};
