/*
 * mailwarden/status.h — the status codes of the C ABI.
 *
 * This enum is the one definition of every status number: the C++ errc
 * (mailwarden/error.hpp), the Python exception classes and the Go sentinel
 * errors are derived from it, and a test fails when one of them misses a code.
 * The numbers are stable: a code never changes meaning.
 */
#ifndef MAILWARDEN_STATUS_H
#define MAILWARDEN_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/* What a fallible function returns: MW_OK or one negative MW_E* code. The
 * functions themselves return int so that a code added later never changes
 * the ABI. */
typedef enum mw_status {
    MW_OK = 0,             /* success */
    MW_EINVAL = -1,        /* invalid argument: NULL handle, bad option value, refused request */
    MW_ENOMEM = -2,        /* allocation failed */
    MW_EINTERNAL = -3,     /* unexpected internal failure (a bug: please report) */
    MW_ENOTFOUND = -4,     /* the named object does not exist */
    MW_EEXIST = -5,        /* the object already exists */
    MW_EIO = -6,           /* reading or writing a file or database failed */
    MW_ETIMEDOUT = -7,     /* an operation ran out of time */
    MW_EPARSE = -8,        /* malformed input or answer (JSON, record, message) */
    MW_ERANGE = -9,        /* an index or size is out of range */
    MW_ENOTVERIFIED = -10, /* the sender (or MAIL FROM domain) is not verified for sending */
    MW_ETRANSPORT = -11,   /* the transport (Amazon SES, the network, the outbox) failed */
    MW_EEXPIRED = -12,     /* a verification link or token has expired */
    MW_ESUSPENDED = -13,   /* sending is suspended (bounce or complaint rate, SES pause) */
    MW_EPOLICY = -14,      /* refused by policy (role or no-reply sender ...) */
    MW_ECANCELLED = -15,   /* cancelled before it took effect */
    MW_EAUTH = -16,        /* credentials missing, or refused by the service */
    MW_ESUPPRESSED = -17   /* every recipient is on a suppression list (bounced, complained, removed) */
} mw_status;

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_STATUS_H */
