// Shared plumbing of the C ABI: the error object, exception firewall and
// library-owned strings. Nothing here is visible to C callers.
#pragma once

#include "mailwarden.h"

#include <mailwarden/error.hpp>

#include <new>
#include <string>
#include <string_view>
#include <system_error>

struct mw_error {
    int code;
    std::string message;
};

namespace mailwarden::capi {

/// Stores an error in *err (when err is non-NULL) and returns code.
int fail(mw_error** err, int code, std::string_view message) noexcept;

/// Same, from a std::error_code in the mailwarden category (or any other,
/// mapped to MW_EINTERNAL).
int fail(mw_error** err, std::error_code ec, std::string_view context = {}) noexcept;

/// MW_EINVAL naming the NULL parameter.
int fail_null(mw_error** err, const char* parameter) noexcept;

/// A malloc'ed NUL-terminated copy for the caller, released by mw_string_free.
/// nullptr when out of memory.
char* copy_string(std::string_view s) noexcept;

/// Runs body() and converts any exception into a status: no exception
/// crosses the C boundary.
template <class Body>
int guarded(mw_error** err, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fail(err, MW_ENOMEM, "out of memory");
    } catch (const std::exception& e) {
        return fail(err, MW_EINTERNAL, e.what());
    } catch (...) {
        return fail(err, MW_EINTERNAL, "unknown internal error");
    }
}

}  // namespace mailwarden::capi
