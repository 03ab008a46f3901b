/*
 * mailwarden/dns.h — the DNS resolver (c-ares) that the domain checks use. See docs/dns.md.
 */
#ifndef MAILWARDEN_DNS_H
#define MAILWARDEN_DNS_H

#include <mailwarden/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Options for mw_resolver_open. Created with mw_resolver_options_new,
 * destroyed with mw_resolver_options_free. Not thread-safe while being
 * modified; only read by mw_resolver_open. */
typedef struct mw_resolver_options mw_resolver_options;

/* Creates options holding the defaults: the system's servers
 * (/etc/resolv.conf), 2000 ms per try, 3 tries, cache on (TTLs honoured,
 * negative answers cached too). Errors: MW_EINVAL (out is NULL), MW_ENOMEM. */
MW_API int mw_resolver_options_new(mw_resolver_options **out, mw_error **err);

/* Frees options. Accepts NULL. */
MW_API void mw_resolver_options_free(mw_resolver_options *options);

/* Adds a server to ask ("127.0.0.1:5353", "[::1]:53", "192.0.2.53"); once any
 * is added, the system's are not used. The text is checked by
 * mw_resolver_open. Errors: MW_EINVAL (NULL options or server). */
MW_API int mw_resolver_options_add_server(mw_resolver_options *options, const char *server, mw_error **err);
/* The time to wait for an answer, per try. Errors: MW_EINVAL (NULL, or < 1). */
MW_API int mw_resolver_options_set_timeout_ms(mw_resolver_options *options, int64_t timeout_ms, mw_error **err);
/* How often a query is sent before it times out. Errors: MW_EINVAL (NULL, or < 1). */
MW_API int mw_resolver_options_set_tries(mw_resolver_options *options, int tries, mw_error **err);
/* Cache answers for their TTL (non-zero, the default) or ask every time (0).
 * Errors: MW_EINVAL (NULL options). */
MW_API int mw_resolver_options_set_cache(mw_resolver_options *options, int enable, mw_error **err);

/* A DNS resolver (c-ares, on a library thread of its own). Thread-safe: may
 * be used by any number of concurrent checks. Reference-counted: destroyed
 * when mw_resolver_free has been called and no check on it still runs. */
typedef struct mw_resolver mw_resolver;

/* Opens a resolver. options may be NULL for the defaults.
 * Errors: MW_EINVAL (out NULL, a malformed server address), MW_EINTERNAL
 * (c-ares cannot start), MW_ENOMEM. */
MW_API int mw_resolver_open(mw_resolver **out, const mw_resolver_options *options, mw_error **err);

/* Releases the caller's reference. Accepts NULL. Safe while checks run on
 * other threads: the resolver stops (cancelling what is still pending) when
 * the last of them returns. */
MW_API void mw_resolver_free(mw_resolver *resolver);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_DNS_H */
