// Version, status names, errors and strings of the C ABI.
#include "capi_internal.hpp"

#include <mailwarden/version.hpp>

#include <cstdlib>
#include <cstring>

namespace mailwarden::capi {

int fail(mw_error** err, int code, std::string_view message) noexcept {
    if (err != nullptr) {
        *err = nullptr;
        try {
            *err = new mw_error{code, std::string(message)};
        } catch (...) {
            // Out of memory while reporting: the status code still tells.
        }
    }
    return code;
}

int fail(mw_error** err, std::error_code ec, std::string_view context) noexcept {
    const int code = ec.category() == error_category() ? ec.value() : MW_EINTERNAL;
    try {
        std::string message(context);
        if (!message.empty()) message += ": ";
        message += ec.message();
        return fail(err, code, message);
    } catch (...) {
        return fail(err, code, "error");
    }
}

int fail_null(mw_error** err, const char* parameter) noexcept {
    try {
        return fail(err, MW_EINVAL, std::string(parameter) + " must not be NULL");
    } catch (...) {
        return fail(err, MW_EINVAL, "a required argument is NULL");
    }
}

char* copy_string(std::string_view s) noexcept {
    auto* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out == nullptr) return nullptr;
    std::memcpy(out, s.data(), s.size());
    out[s.size()] = '\0';
    return out;
}

}  // namespace mailwarden::capi

extern "C" {

const char* mw_version(void) { return mailwarden::version(); }

int mw_version_number(void) {
    return MAILWARDEN_VERSION_MAJOR * 10000 + MAILWARDEN_VERSION_MINOR * 100 + MAILWARDEN_VERSION_PATCH;
}

const char* mw_status_name(int status) {
    switch (status) {
    case MW_OK: return "MW_OK";
    case MW_EINVAL: return "MW_EINVAL";
    case MW_ENOMEM: return "MW_ENOMEM";
    case MW_EINTERNAL: return "MW_EINTERNAL";
    case MW_ENOTFOUND: return "MW_ENOTFOUND";
    case MW_EEXIST: return "MW_EEXIST";
    case MW_EIO: return "MW_EIO";
    case MW_ETIMEDOUT: return "MW_ETIMEDOUT";
    case MW_EPARSE: return "MW_EPARSE";
    case MW_ERANGE: return "MW_ERANGE";
    case MW_ENOTVERIFIED: return "MW_ENOTVERIFIED";
    case MW_ETRANSPORT: return "MW_ETRANSPORT";
    case MW_EEXPIRED: return "MW_EEXPIRED";
    case MW_ESUSPENDED: return "MW_ESUSPENDED";
    case MW_EPOLICY: return "MW_EPOLICY";
    default: return "MW_EUNKNOWN";
    }
}

int mw_error_code(const mw_error* err) { return err != nullptr ? err->code : MW_EINVAL; }

const char* mw_error_message(const mw_error* err) {
    return err != nullptr ? err->message.c_str() : "no error object (NULL)";
}

void mw_error_free(mw_error* err) { delete err; }

void mw_string_free(char* str) { std::free(str); }

}  // extern "C"
