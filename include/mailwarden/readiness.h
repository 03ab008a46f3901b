/*
 * mailwarden/readiness.h — the bulk-sender readiness report of a sending
 * domain: each rule of Gmail's and Yahoo's 2024 sender requirements and
 * Outlook.com's May 2025 rules as pass / fail / unknown with its evidence,
 * from DNS and, when given, one sample message with its connection and the
 * account's figures. See docs/message-auth.md ("Bulk-sender readiness").
 */
#ifndef MAILWARDEN_READINESS_H
#define MAILWARDEN_READINESS_H

#include <mailwarden/bounce.h>
#include <mailwarden/common.h>
#include <mailwarden/dns.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A rule's outcome. */
typedef enum mw_rule_status {
    MW_RULE_PASS = 0,
    MW_RULE_FAIL = 1,
    MW_RULE_UNKNOWN = 2 /* not enough to judge: no sample, no IP, a DNS failure */
} mw_rule_status;

/* "pass", "fail", "unknown"; "" for another number. Static. */
MW_API const char *mw_rule_status_name(int status);

/* What the report judges: the domain, and optionally a sample message, the
 * connection it goes out over, the account's figures and a fixed "now".
 * Created with mw_readiness_input_new, destroyed with
 * mw_readiness_input_free (accepts NULL). Not thread-safe while being
 * modified; only read by mw_readiness_check, so one input may serve
 * concurrent checks. Setters fail with MW_EINVAL on NULL input. */
typedef struct mw_readiness_input mw_readiness_input;

/* An input for the sending (From) domain. *out is freed with
 * mw_readiness_input_free. Errors: MW_EINVAL (NULL out, NULL or empty
 * domain), MW_ENOMEM. */
MW_API int mw_readiness_input_new(mw_readiness_input **out, const char *domain, mw_error **err);
MW_API void mw_readiness_input_free(mw_readiness_input *input);
/* One message as sent (RFC 5322, DKIM-signed), length bytes (NUL bytes
 * allowed), copied; NULL with length 0 removes it. Errors: also NULL with
 * a non-zero length. An empty or over-large sample is refused by
 * mw_readiness_check. */
MW_API int mw_readiness_input_set_sample(mw_readiness_input *input, const char *message, size_t length,
                                         mw_error **err);
/* The sending IP (SPF, reverse DNS), the HELO name and MAIL FROM (without
 * angle brackets); each may be NULL or "". A client_ip that is not an
 * address is refused by mw_readiness_check. */
MW_API int mw_readiness_input_set_connection(mw_readiness_input *input, const char *client_ip, const char *helo,
                                             const char *mail_from, mw_error **err);
/* The bounce tracker's figures for the account, copied (from
 * mw_tracker_stats); NULL removes them. */
MW_API int mw_readiness_input_set_stats(mw_readiness_input *input, const mw_account_stats *stats, mw_error **err);
/* The account's figures given directly: sends, hard bounces and
 * complaints within the window the rates are judged over; the rates are
 * derived (0 without sends). Replaces mw_readiness_input_set_stats.
 * Errors: also a NULL account or a negative count. */
MW_API int mw_readiness_input_set_figures(mw_readiness_input *input, const char *account, int64_t sends,
                                          int64_t hard_bounces, int64_t complaints, mw_error **err);
/* Checks the sample's DKIM t= and x= as at this Unix time; a negative
 * value: the system clock. */
MW_API int mw_readiness_input_set_now(mw_readiness_input *input, int64_t unix_seconds, mw_error **err);

/* One rule of a report, borrowed from it. Accessors on NULL return "", 0
 * or MW_RULE_UNKNOWN; index >= count returns "". */
typedef struct mw_readiness_rule mw_readiness_rule;
/* Stable: "spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe",
 * "complaint_rate", "complaint_rate_recommended", "from_not_provider",
 * "tls". */
MW_API const char *mw_readiness_rule_id(const mw_readiness_rule *rule);
/* One line for people. */
MW_API const char *mw_readiness_rule_title(const mw_readiness_rule *rule);
/* Who asks for it: "gmail", "yahoo", "outlook". */
MW_API size_t mw_readiness_rule_provider_count(const mw_readiness_rule *rule);
MW_API const char *mw_readiness_rule_provider(const mw_readiness_rule *rule, size_t index);
/* 1 when required, 0 when recommended only. */
MW_API int mw_readiness_rule_required(const mw_readiness_rule *rule);
/* An mw_rule_status value. */
MW_API int mw_readiness_rule_status(const mw_readiness_rule *rule);
/* What was seen, in one or two sentences. */
MW_API const char *mw_readiness_rule_evidence(const mw_readiness_rule *rule);

/* The report. Immutable; any thread. Destroyed with
 * mw_readiness_report_free (accepts NULL); strings and rules are borrowed
 * until then. Accessors on NULL return "", 0 or NULL. */
typedef struct mw_readiness_report mw_readiness_report;

/* Builds the report, asking resolver for the SPF and DMARC records, DKIM
 * keys, PTR and A/AAAA records. DNS failures make a rule unknown, not an
 * error. *out is freed with mw_readiness_report_free. Errors: MW_EINVAL
 * (NULL out or input, NULL or closed resolver, a domain that normalizes to
 * nothing, an empty sample, a client IP that is not an address), MW_ERANGE
 * (a sample over 64 MiB), MW_ENOMEM. Thread safety: any thread; checks may
 * share the input and the resolver. */
MW_API int mw_readiness_check(mw_readiness_report **out, const mw_readiness_input *input, mw_resolver *resolver,
                              mw_error **err);
MW_API void mw_readiness_report_free(mw_readiness_report *report);

/* The domain judged (lower case, A-labels). */
MW_API const char *mw_readiness_report_domain(const mw_readiness_report *report);
/* 1 when no required rule fails (unknown ones do not count against it). */
MW_API int mw_readiness_report_ready(const mw_readiness_report *report);
/* The rules in a fixed order (docs/message-auth.md). */
MW_API size_t mw_readiness_report_rule_count(const mw_readiness_report *report);
MW_API const mw_readiness_rule *mw_readiness_report_rule_get(const mw_readiness_report *report, size_t index);
/* The rule of that id; NULL when there is none (or id is NULL). */
MW_API const mw_readiness_rule *mw_readiness_report_rule_find(const mw_readiness_report *report, const char *id);
/* One JSON object, as mwctl domain readiness --json prints it: domain,
 * ready, rules [{id, title, providers, required, status, evidence}]. *out
 * is freed with mw_string_free. Errors: MW_EINVAL (NULL out or report),
 * MW_ENOMEM. */
MW_API int mw_readiness_report_to_json(char **out, const mw_readiness_report *report, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_READINESS_H */
