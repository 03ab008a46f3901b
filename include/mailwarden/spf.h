/*
 * mailwarden/spf.h — SPF (RFC 7208) check_host() for a client address. See docs/spf.md.
 */
#ifndef MAILWARDEN_SPF_H
#define MAILWARDEN_SPF_H

#include <mailwarden/common.h>
#include <mailwarden/dns.h>

#ifdef __cplusplus
extern "C" {
#endif

/* check_host() results. */
typedef enum mw_spf_result {
    MW_SPF_NONE = 0,      /* no SPF record, or not a usable domain */
    MW_SPF_NEUTRAL = 1,   /* the record states nothing about this client */
    MW_SPF_PASS = 2,      /* the client is authorised */
    MW_SPF_FAIL = 3,      /* the client is not authorised */
    MW_SPF_SOFTFAIL = 4,  /* probably not authorised */
    MW_SPF_TEMPERROR = 5, /* a transient DNS failure */
    MW_SPF_PERMERROR = 6  /* the published records cannot be interpreted */
} mw_spf_result;

/* "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror";
 * NULL for another number. Static storage. */
MW_API const char *mw_spf_result_name(int result);

/* The outcome of one SPF check. Immutable: readable from any thread.
 * Destroyed with mw_spf_outcome_free. */
typedef struct mw_spf_outcome mw_spf_outcome;

/* RFC 7208 check_host() for a client address (ip: dotted quad or IPv6 text)
 * sending as sender (the MAIL FROM address; NULL or "" for the null sender,
 * when the HELO name is checked) after saying helo (may be NULL). Every DNS
 * or record problem is a result (temperror, permerror), not an error.
 * Blocks for the queries. *out is freed with mw_spf_outcome_free.
 * Errors: MW_EINVAL (out, resolver or ip NULL; ip not an address), MW_ENOMEM.
 * Thread safety: any thread. */
MW_API int mw_spf_check(mw_spf_outcome **out, mw_resolver *resolver, const char *ip, const char *sender,
                        const char *helo, mw_error **err);

/* Frees outcome. Accepts NULL. */
MW_API void mw_spf_outcome_free(mw_spf_outcome *outcome);

/* Accessors; strings borrowed from outcome. NULL outcome: -1, "" and 0. */

/* One MW_SPF_* result. */
MW_API int mw_spf_outcome_result(const mw_spf_outcome *outcome);
/* The domain checked (the sender's, or the HELO name). */
MW_API const char *mw_spf_outcome_domain(const mw_spf_outcome *outcome);
/* On fail: the domain's exp= text, or the default explanation; else "". */
MW_API const char *mw_spf_outcome_explanation(const mw_spf_outcome *outcome);
/* The mechanism that decided, as written ("-all", "include:example.net");
 * "" when none did. */
MW_API const char *mw_spf_outcome_matched(const mw_spf_outcome *outcome);
/* For none, temperror and permerror: why, in words; else "". */
MW_API const char *mw_spf_outcome_problem(const mw_spf_outcome *outcome);
/* Terms counted against the limit of ten DNS lookups. */
MW_API unsigned mw_spf_outcome_lookups(const mw_spf_outcome *outcome);
/* Terms whose query found nothing (limit: two). */
MW_API unsigned mw_spf_outcome_void_lookups(const mw_spf_outcome *outcome);

/* The outcome as one JSON object with the keys result, domain, explanation,
 * matched, matched_domain, problem, lookups, void_lookups. *out is freed with
 * mw_string_free. Errors: MW_EINVAL (NULL out or outcome), MW_ENOMEM. */
MW_API int mw_spf_outcome_to_json(char **out, const mw_spf_outcome *outcome, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_SPF_H */
