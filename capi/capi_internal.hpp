// Shared plumbing of the C ABI: the error object, exception firewall and
// library-owned strings. Nothing here is visible to C callers.
#pragma once

#include "mailwarden.h"

#include <mailwarden/error.hpp>

#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

struct mw_error {
    mailwarden::Error error;
    std::string message;  // error.describe(), made once
    std::string origin;
};

namespace mailwarden::capi {

/// Stores e in *err (when err is non-NULL) and returns its status: the one
/// mapping from a library error to a C status (kind_of).
int fail(mw_error** err, const Error& e) noexcept;

/// Same, for a failure found by the C layer itself (a bad argument ...).
int fail(mw_error** err, int code, std::string_view message) noexcept;

/// MW_EINVAL naming the NULL parameter.
int fail_null(mw_error** err, const char* parameter) noexcept;

/// A malloc'ed NUL-terminated copy for the caller, released by mw_string_free.
/// nullptr when out of memory.
char* copy_string(std::string_view s) noexcept;

/// Copies value into *out for the caller; MW_ENOMEM when that fails.
int return_string(char** out, std::string_view value, mw_error** err) noexcept;

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

/// mw_*_options_new: a default-constructed T in *out.
template <class T>
int new_options(T** out, mw_error** err) noexcept {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&]() -> int {
        *out = new T{};
        return MW_OK;
    });
}

/// A setter of an object the caller fills in (options, facts, an input):
/// MW_EINVAL naming `what` when target is NULL, else apply(*target) — or
/// apply(target->value) when apply takes the wrapped C++ value —, which
/// returns a status or nothing (MW_OK). Exceptions become statuses.
template <class T, class Apply>
int set_field(T* target, const char* what, mw_error** err, Apply&& apply) noexcept {
    if (target == nullptr) return fail_null(err, what);
    return guarded(err, [&]() -> int {
        auto&& object = [&]() -> decltype(auto) {
            if constexpr (std::is_invocable_v<Apply&, T&>)
                return (*target);
            else
                return (target->value);
        }();
        if constexpr (std::is_void_v<decltype(apply(object))>) {
            apply(object);
            return MW_OK;
        } else {
            return apply(object);
        }
    });
}

/// set_field for options objects (NULL is "options").
template <class T, class Apply>
int set_option(T* options, mw_error** err, Apply&& apply) noexcept {
    return set_field(options, "options", err, std::forward<Apply>(apply));
}

/// The C pointer of a borrowed string: "" for none.
inline const char* c_str_or_empty(const std::string* s) noexcept { return s != nullptr ? s->c_str() : ""; }

/// The element at index of a list held in a handle, or nullptr.
template <class List>
auto element_at(const List* list, std::size_t index) noexcept -> decltype(&(*list)[0]) {
    return list != nullptr && index < list->size() ? &(*list)[index] : nullptr;
}

}  // namespace mailwarden::capi
