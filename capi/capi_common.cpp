// Version, status names, errors and strings of the C ABI.
#include "capi_internal.hpp"

#include <mailwarden/version.hpp>

#include <cstdlib>
#include <cstring>

namespace mailwarden::capi {

namespace {

mw_error* make_error(const Error& e) {
    auto* out = new mw_error{e, e.describe(), std::string(e.origin())};
    return out;
}

}  // namespace

int fail(mw_error** err, const Error& e) noexcept {
    const int code = static_cast<int>(e.kind());
    if (err != nullptr) {
        *err = nullptr;
        try {
            *err = make_error(e);
        } catch (...) {
            // Out of memory while reporting: the status code still tells.
        }
    }
    return code;
}

int fail(mw_error** err, int code, std::string_view message) noexcept {
    try {
        return fail(err, Error(static_cast<errc>(code), std::string(message)));
    } catch (...) {
        if (err != nullptr) *err = nullptr;
        return code;
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

int return_string(char** out, std::string_view value, mw_error** err) noexcept {
    char* copy = copy_string(value);
    if (copy == nullptr) return fail(err, MW_ENOMEM, "out of memory");
    *out = copy;
    return MW_OK;
}

}  // namespace mailwarden::capi

extern "C" {

const char* mw_version(void) { return mailwarden::version(); }

int mw_version_number(void) { return MW_VERSION_NUMBER; }

int mw_version_compatible(int major, int minor) {
    if (major != MW_VERSION_MAJOR) return 0;
    // Before 1.0 a minor version may change the ABI.
    return MW_VERSION_MAJOR == 0 ? (minor == MW_VERSION_MINOR ? 1 : 0) : (minor <= MW_VERSION_MINOR ? 1 : 0);
}

const char* mw_status_name(int status) { return mailwarden::status_name(status); }

int mw_error_code(const mw_error* err) { return err != nullptr ? static_cast<int>(err->error.kind()) : MW_EINVAL; }

const char* mw_error_message(const mw_error* err) {
    return err != nullptr ? err->message.c_str() : "no error object (NULL)";
}

const char* mw_error_origin(const mw_error* err) { return err != nullptr ? err->origin.c_str() : ""; }

const char* mw_error_service_code(const mw_error* err) {
    return err != nullptr ? err->error.service_code.c_str() : "";
}

int mw_error_http_status(const mw_error* err) { return err != nullptr ? err->error.http_status : 0; }

const char* mw_error_request_id(const mw_error* err) { return err != nullptr ? err->error.request_id.c_str() : ""; }

int mw_error_dns_rcode(const mw_error* err) { return err != nullptr ? err->error.dns_rcode : -1; }

int mw_error_attempts(const mw_error* err) { return err != nullptr ? err->error.attempts : 0; }

int mw_error_retryable(const mw_error* err) { return err != nullptr && err->error.retryable ? 1 : 0; }

int mw_error_outcome_unknown(const mw_error* err) { return err != nullptr && err->error.outcome_unknown ? 1 : 0; }

void mw_error_free(mw_error* err) { delete err; }

void mw_string_free(char* str) { std::free(str); }

}  // extern "C"
