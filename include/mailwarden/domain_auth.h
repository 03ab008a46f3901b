/*
 * mailwarden/domain_auth.h — the domain authentication report: which DNS
 * records a domain must publish to send through Amazon SES (SPF, Easy DKIM
 * CNAMEs, DMARC, custom MAIL FROM MX), what is live, and the findings. See
 * docs/domain-auth.md.
 */
#ifndef MAILWARDEN_DOMAIN_AUTH_H
#define MAILWARDEN_DOMAIN_AUTH_H

#include <mailwarden/common.h>
#include <mailwarden/dns.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Verdict of a report: the worst severity among its findings. */
typedef enum mw_verdict {
    MW_VERDICT_PASS = 0, /* nothing worse than info */
    MW_VERDICT_WARN = 1, /* at least one warning */
    MW_VERDICT_FAIL = 2  /* at least one error */
} mw_verdict;

/* Severity of a finding. */
typedef enum mw_severity {
    MW_SEVERITY_INFO = 0,
    MW_SEVERITY_WARNING = 1,
    MW_SEVERITY_ERROR = 2
} mw_severity;

/* What is live for a record to publish. */
typedef enum mw_record_status {
    MW_RECORD_OK = 0,       /* published as it should be */
    MW_RECORD_MISSING = 1,  /* nothing there */
    MW_RECORD_MISMATCH = 2, /* something else is there */
    MW_RECORD_UNKNOWN = 3   /* DNS failed temporarily: nothing can be said */
} mw_record_status;

/* "pass", "warn", "fail" for a verdict; NULL otherwise. Static storage.
 * Thread safety: any thread. */
MW_API const char *mw_verdict_name(int verdict);
/* "info", "warning", "error" for a severity; NULL otherwise. Static storage. */
MW_API const char *mw_severity_name(int severity);
/* "ok", "missing", "mismatch", "unknown" for a record status; NULL otherwise. */
MW_API const char *mw_record_status_name(int status);

/* The report of one domain. Immutable: readable from any thread. Destroyed
 * with mw_domain_report_free; its records and findings are borrowed from it. */
typedef struct mw_domain_report mw_domain_report;
/* One record to publish, borrowed from its report. */
typedef struct mw_domain_record mw_domain_record;
/* One finding, borrowed from its report. */
typedef struct mw_domain_finding mw_domain_finding;

/* Checks domain through resolver. region is the SES region (NULL:
 * "us-east-1"); dkim_tokens holds token_count Easy DKIM tokens from
 * GetEmailIdentity (may be NULL when token_count is 0); mail_from is the
 * custom MAIL FROM domain, NULL or "" for SES's own. DNS trouble is not an
 * error: it shows as MW_RECORD_UNKNOWN records and dns.temporary_failure
 * findings. Blocks for the queries. *out is freed with mw_domain_report_free.
 * Errors: MW_EINVAL (out, resolver or domain NULL, domain empty, a token
 * NULL, the resolver freed), MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_domain_check(mw_domain_report **out, mw_resolver *resolver, const char *domain, const char *region,
                           const char *const *dkim_tokens, size_t token_count, const char *mail_from,
                           mw_error **err);

/* mw_domain_check for mail signed with our own DKIM keys too (the local
 * transport's, see mw_registry_options_set_dkim_keys): every key
 * key_folder/<domain>/<selector>.pem of this domain adds its TXT record at
 * <selector>._domainkey.<domain> to the records to publish, checked live —
 * MW_RECORD_MISSING (finding dkim.key_missing) when absent,
 * MW_RECORD_MISMATCH (dkim.key_mismatch) when another key is there.
 * key_folder NULL, "" or not there: no own keys, as mw_domain_check.
 * Errors: as mw_domain_check, and MW_EINVAL naming a file in the folder that
 * is not a usable key, MW_EIO for a folder that cannot be read. */
MW_API int mw_domain_check_with_keys(mw_domain_report **out, mw_resolver *resolver, const char *domain,
                                     const char *region, const char *const *dkim_tokens, size_t token_count,
                                     const char *mail_from, const char *key_folder, mw_error **err);

/* Frees report with its records and findings. Accepts NULL. */
MW_API void mw_domain_report_free(mw_domain_report *report);

/* Accessors. Strings are borrowed from the report and NUL-terminated. A NULL
 * report, record or finding gives "" for strings, 0 for counts and -1 for
 * numbers. */

/* The domain checked, lower case, without a trailing dot. */
MW_API const char *mw_domain_report_domain(const mw_domain_report *report);
/* The SES region the records are for. */
MW_API const char *mw_domain_report_region(const mw_domain_report *report);
/* MW_VERDICT_PASS, MW_VERDICT_WARN or MW_VERDICT_FAIL. */
MW_API int mw_domain_report_verdict(const mw_domain_report *report);

/* Number of records to publish, in order: SPF, the DKIM CNAMEs, DMARC, MAIL
 * FROM MX. */
MW_API size_t mw_domain_report_record_count(const mw_domain_report *report);
/* The index-th record, borrowed; NULL when index >= count. */
MW_API const mw_domain_record *mw_domain_report_record_get(const mw_domain_report *report, size_t index);
/* "spf", "dkim", "dmarc", "mail_from_spf" or "mail_from_mx". */
MW_API const char *mw_domain_record_purpose(const mw_domain_record *record);
/* The owner name to publish at, without a trailing dot. */
MW_API const char *mw_domain_record_name(const mw_domain_record *record);
/* "TXT", "CNAME" or "MX". */
MW_API const char *mw_domain_record_type(const mw_domain_record *record);
/* The exact value to publish (MX: "10 host"). */
MW_API const char *mw_domain_record_value(const mw_domain_record *record);
/* MW_RECORD_OK, MW_RECORD_MISSING, MW_RECORD_MISMATCH or MW_RECORD_UNKNOWN. */
MW_API int mw_domain_record_status(const mw_domain_record *record);
/* Number of values live at that name and type. */
MW_API size_t mw_domain_record_found_count(const mw_domain_record *record);
/* The index-th live value, borrowed; "" when index >= count. */
MW_API const char *mw_domain_record_found_get(const mw_domain_record *record, size_t index);

/* Number of findings, in the order the checks ran (SPF, DKIM, DMARC, MX). */
MW_API size_t mw_domain_report_finding_count(const mw_domain_report *report);
/* The index-th finding, borrowed; NULL when index >= count. */
MW_API const mw_domain_finding *mw_domain_report_finding_get(const mw_domain_report *report, size_t index);
/* The stable id: "spf.too_many_lookups", "dkim.key_weak", ... */
MW_API const char *mw_domain_finding_id(const mw_domain_finding *finding);
/* MW_SEVERITY_INFO, MW_SEVERITY_WARNING or MW_SEVERITY_ERROR. */
MW_API int mw_domain_finding_severity(const mw_domain_finding *finding);
/* A human-readable sentence naming the record concerned. */
MW_API const char *mw_domain_finding_message(const mw_domain_finding *finding);

/* The report as one JSON object (UTF-8, one line) with the keys domain,
 * region, verdict, records (purpose, name, type, value, status, found) and
 * findings (id, severity, message). *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or report), MW_ENOMEM. */
MW_API int mw_domain_report_to_json(char **out, const mw_domain_report *report, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_DOMAIN_AUTH_H */
