/*
 * mailwarden/common.h — what every part of the C ABI shares: the export
 * macro, the library version, errors and library-owned strings.
 *
 * Conventions (stated once, in full, in docs/c-api.md):
 *  - Every function is mw_<noun>_<verb>; every handle is its own opaque type.
 *  - Functions that can fail return int: MW_OK (0) or a negative mw_status
 *    code. Outputs come first, as T **out; *out is set only on success.
 *  - The last parameter of a fallible function is mw_error **err. When it is
 *    non-NULL and the call fails, *err receives an error object that the
 *    caller frees with mw_error_free(). Passing NULL is allowed.
 *  - What the library returns is freed with the matching mw_*_free function;
 *    pointers documented as "borrowed" live as long as the object they came
 *    from. Every destroyer accepts NULL.
 *  - Lists are read one way: mw_<list>_count() and mw_<list>_get(list, index),
 *    which returns a borrowed element (NULL or "" when index >= count).
 *  - Handles are reference-counted inside the library: freeing one while
 *    calls on it run on other threads, or from inside one of its callbacks,
 *    is safe; the object goes when the last running call returns.
 *  - No C++ exception crosses this boundary; a NULL where a handle or an output
 *    is required yields MW_EINVAL, never a crash.
 *  - Thread safety is written on each handle type.
 */
#ifndef MAILWARDEN_COMMON_H
#define MAILWARDEN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <mailwarden/status.h>
#include <mailwarden/version.h>

#if defined(_WIN32)
#  if defined(MW_BUILDING_LIBRARY)
#    define MW_API __declspec(dllexport)
#  elif defined(MW_STATIC)
#    define MW_API
#  else
#    define MW_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define MW_API __attribute__((visibility("default")))
#else
#  define MW_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Library version                                                          */
/* ------------------------------------------------------------------------ */

/* The version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 * Static storage: do not free. Thread safety: safe from any thread. */
MW_API const char *mw_version(void);

/* The loaded library's version as MAJOR*10000 + MINOR*100 + PATCH, to compare
 * with MW_VERSION_NUMBER. Thread safety: safe from any thread. */
MW_API int mw_version_number(void);

/* 1 when the loaded library can serve a program built against headers of
 * version major.minor (pass MW_VERSION_MAJOR, MW_VERSION_MINOR): the same
 * major version and at least that minor version (for 0.x, the same minor
 * version, since 0.x minors may change the ABI); else 0.
 * Thread safety: safe from any thread. */
MW_API int mw_version_compatible(int major, int minor);

/* The stable symbolic name of a status code ("MW_EINVAL"), or "MW_EUNKNOWN"
 * for a number that is not a status code. Static storage: do not free.
 * Thread safety: safe from any thread. */
MW_API const char *mw_status_name(int status);

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/* An error: a status code, a message, and what the failing part learned
 * (the service's error code, the HTTP status, whether to retry, whether the
 * outcome is unknown). Created by the library on failure through an
 * mw_error **err out-parameter; destroyed with mw_error_free(). Immutable
 * once returned: may be read from any thread, freed from one. */
typedef struct mw_error mw_error;

/* The status code of err (a negative mw_status value); MW_EINVAL when err is
 * NULL. */
MW_API int mw_error_code(const mw_error *err);

/* The message of err, borrowed: valid until mw_error_free(err). One line
 * naming the service's error type, the HTTP status, the message and the
 * request id where there are any. Never NULL (a NULL err gives a static
 * message). Never contains a secret. */
MW_API const char *mw_error_message(const mw_error *err);

/* Which part failed, borrowed: "mailwarden" (the library itself: arguments,
 * store, local transport), "ses" (Amazon SES or the way to it), "http" ...
 * "" for a NULL err. */
MW_API const char *mw_error_origin(const mw_error *err);

/* The remote service's error code ("MessageRejected", "Throttling",
 * "NotFoundException"), borrowed; "" when the failure is not the service's
 * answer (or err is NULL). */
MW_API const char *mw_error_service_code(const mw_error *err);

/* The HTTP status of the service's answer (400, 429, 503 ...); 0 when no
 * answer arrived or no HTTP was involved. */
MW_API int mw_error_http_status(const mw_error *err);

/* The service's request id, borrowed, for support cases; "" when none. */
MW_API const char *mw_error_request_id(const mw_error *err);

/* The DNS response code of a failed lookup (2 SERVFAIL, 3 NXDOMAIN ...); -1
 * when the failure is not a DNS answer. */
MW_API int mw_error_dns_rcode(const mw_error *err);

/* How many times the request was sent (retries included); 0 when no remote
 * call was made. */
MW_API int mw_error_attempts(const mw_error *err);

/* 1 when the same call may succeed later (throttled, a 5xx, a timeout, the
 * network), else 0. Check mw_error_outcome_unknown first: retrying a call
 * whose outcome is unknown may do it twice. */
MW_API int mw_error_retryable(const mw_error *err);

/* 1 when the request may have reached the service although no answer came
 * back (a SendEmail that may or may not have gone out), else 0. */
MW_API int mw_error_outcome_unknown(const mw_error *err);

/* Frees err. Accepts NULL. */
MW_API void mw_error_free(mw_error *err);

/* Frees a string returned by the library (for example by mw_*_to_json).
 * Accepts NULL. Never use free() on library strings. */
MW_API void mw_string_free(char *str);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_COMMON_H */
