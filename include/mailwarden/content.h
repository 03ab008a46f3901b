/*
 * mailwarden/content.h — a user-generated message checked before it goes
 * out: its links against DNS blocklists, its HTML made safe, SpamAssassin's
 * score when a spamd is configured, and structural red flags, with a
 * verdict (pass, review, block) and every finding's evidence. See
 * docs/content-checks.md.
 */
#ifndef MAILWARDEN_CONTENT_H
#define MAILWARDEN_CONTENT_H

#include <mailwarden/common.h>
#include <mailwarden/dns.h>
#include <mailwarden/sender.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A report's verdict: its worst finding's severity. */
typedef enum mw_content_verdict {
    MW_CONTENT_PASS = 0,
    MW_CONTENT_REVIEW = 1,
    MW_CONTENT_BLOCK = 2
} mw_content_verdict;

/* What one finding asks for. */
typedef enum mw_content_severity {
    MW_CONTENT_SEVERITY_INFO = 0,   /* nothing: worth knowing */
    MW_CONTENT_SEVERITY_REVIEW = 1, /* a person's look */
    MW_CONTENT_SEVERITY_BLOCK = 2   /* a refusal */
} mw_content_severity;

/* How a blocklist is queried. */
typedef enum mw_blocklist_kind {
    MW_BLOCKLIST_DOMAIN = 0, /* <domain>.<zone> */
    MW_BLOCKLIST_IP = 1      /* <reversed address>.<zone> */
} mw_blocklist_kind;

/* "pass", "review", "block"; NULL for another number. */
MW_API const char *mw_content_verdict_name(int verdict);
/* "info", "review", "block"; NULL for another number. */
MW_API const char *mw_content_severity_name(int severity);

/* Options for mw_content_check. Created with mw_content_options_new (the
 * defaults: no resolver — links are found and judged, not looked up —, no
 * blocklist, no spamd, 16 lookups at once, 10 MiB, 500 links, the default
 * shorteners), destroyed with mw_content_options_free. Not thread-safe
 * while being modified; only read by mw_content_check, so one options
 * object may serve concurrent checks. Setters fail with MW_EINVAL on NULL
 * options. */
typedef struct mw_content_options mw_content_options;

MW_API int mw_content_options_new(mw_content_options **out, mw_error **err);
MW_API void mw_content_options_free(mw_content_options *options);
/* Where blocklists are queried (the options keep a reference); NULL: none.
 * Errors: also a resolver already freed. */
MW_API int mw_content_options_set_resolver(mw_content_options *options, mw_resolver *resolver, mw_error **err);
/* Adds a DNS blocklist named name (how findings name it) at zone, an
 * mw_blocklist_kind, whose listing has severity (an mw_content_severity).
 * Errors: also a NULL or empty name or zone, a name already added, another
 * kind or severity number. */
MW_API int mw_content_options_add_blocklist(mw_content_options *options, const char *name, const char *zone, int kind,
                                            int severity, mw_error **err);
/* What the answer address (e.g. "127.0.1.2") means on the list called
 * list_name. Errors: also an unknown list, an address outside 127.0.0.0/8. */
MW_API int mw_content_options_add_blocklist_code(mw_content_options *options, const char *list_name,
                                                 const char *address, const char *reason, mw_error **err);
/* An answer address that means "refused / over limit" on that list: the
 * link's status there is unknown, never listed (besides 127.255.255.0/24,
 * always). Errors: as mw_content_options_add_blocklist_code. */
MW_API int mw_content_options_add_blocklist_refusal(mw_content_options *options, const char *list_name,
                                                    const char *address, mw_error **err);
/* Asks the spamd at host:port (timeout_ms per connect, read and write); a
 * score at or above review_at needs review, at or above block_at is
 * blocked. Errors: also a NULL or empty host, port 0, timeout_ms 0,
 * block_at below review_at. */
MW_API int mw_content_options_set_spamd(mw_content_options *options, const char *host, uint16_t port,
                                        uint32_t timeout_ms, double review_at, double block_at, mw_error **err);
/* Adds a URL shortener's domain; the first call replaces the defaults.
 * Errors: also NULL or empty. */
MW_API int mw_content_options_add_shortener(mw_content_options *options, const char *domain, mw_error **err);
/* Larger messages get message.oversized (block). Errors: also 0. */
MW_API int mw_content_options_set_max_message_bytes(mw_content_options *options, size_t bytes, mw_error **err);
/* Links looked up per message; the rest are counted. Errors: also 0. */
MW_API int mw_content_options_set_max_links(mw_content_options *options, size_t count, mw_error **err);
/* Blocklist queries in flight at once. Errors: also 0. */
MW_API int mw_content_options_set_max_concurrent_lookups(mw_content_options *options, size_t count, mw_error **err);

/* One link of a report, borrowed from it. Accessors on NULL return "", 0. */
typedef struct mw_content_link mw_content_link;
MW_API const char *mw_content_link_url(const mw_content_link *link);
MW_API const char *mw_content_link_domain(const mw_content_link *link); /* "" for an IP literal */
MW_API const char *mw_content_link_ip(const mw_content_link *link);     /* the literal IP, or "" */
/* "href", "src", "action" or "text". */
MW_API const char *mw_content_link_source(const mw_content_link *link);
MW_API int mw_content_link_obfuscated(const mw_content_link *link);
MW_API int mw_content_link_shortener(const mw_content_link *link);
/* The lists that list it, as "name: reason". */
MW_API size_t mw_content_link_listed_count(const mw_content_link *link);
MW_API const char *mw_content_link_listed_get(const mw_content_link *link, size_t index);
/* The lists that refused or failed: nothing can be said there. */
MW_API size_t mw_content_link_unknown_count(const mw_content_link *link);
MW_API const char *mw_content_link_unknown_get(const mw_content_link *link, size_t index);

/* A content check's outcome. Immutable; any thread. Destroyed with
 * mw_content_report_free. Strings are borrowed until then; accessors on
 * NULL or an index out of range return "", 0 or NULL. */
typedef struct mw_content_report mw_content_report;

/* Checks message_length bytes of a message (RFC 5322, CRLF or LF; NUL bytes
 * allowed). options may be NULL (the defaults). Blocks for the DNS lookups
 * and spamd; their failures are findings (dnsbl.unknown,
 * spamd.unavailable), not errors. *out is freed with
 * mw_content_report_free. Errors: MW_EINVAL (NULL out, NULL message with a
 * non-zero length, an empty message), MW_ENOMEM. Thread safety: any
 * thread. */
MW_API int mw_content_check(mw_content_report **out, const char *message, size_t message_length,
                            const mw_content_options *options, mw_error **err);
MW_API void mw_content_report_free(mw_content_report *report);

/* An mw_content_verdict value; -1 for NULL. */
MW_API int mw_content_report_verdict(const mw_content_report *report);
MW_API size_t mw_content_report_finding_count(const mw_content_report *report);
/* The stable id: "link.listed", "html.only", "attachment.executable" ... */
MW_API const char *mw_content_report_finding_id(const mw_content_report *report, size_t index);
/* An mw_content_severity value; -1 out of range. */
MW_API int mw_content_report_finding_severity(const mw_content_report *report, size_t index);
MW_API const char *mw_content_report_finding_evidence(const mw_content_report *report, size_t index);
/* 1 when a finding of that id is there. */
MW_API int mw_content_report_has_finding(const mw_content_report *report, const char *id);
MW_API size_t mw_content_report_link_count(const mw_content_report *report);
MW_API const mw_content_link *mw_content_report_link_get(const mw_content_report *report, size_t index);
/* 1 when spamd was asked and answered; then its score, its own required
 * score and the rules that hit. */
MW_API int mw_content_report_has_spam_score(const mw_content_report *report);
MW_API double mw_content_report_spam_score(const mw_content_report *report);
MW_API double mw_content_report_spam_threshold(const mw_content_report *report);
MW_API size_t mw_content_report_spam_rule_count(const mw_content_report *report);
MW_API const char *mw_content_report_spam_rule(const mw_content_report *report, size_t index);
/* The first HTML part made safe, and the plain text made from it; NULL
 * when the message has no HTML. Never sent in place of the original. */
MW_API const char *mw_content_report_sanitized_html(const mw_content_report *report);
MW_API const char *mw_content_report_text_alternative(const mw_content_report *report);
/* The report as one JSON object (UTF-8): verdict, findings, links,
 * spam_score, spam. *out is freed with mw_string_free. Errors: MW_EINVAL (NULL
 * out or report), MW_ENOMEM. */
MW_API int mw_content_report_to_json(char **out, const mw_content_report *report, mw_error **err);

/* What a registry's sends do with a message the content checks judge. */
typedef enum mw_content_action {
    MW_CONTENT_SEND = 0,  /* send it anyway */
    MW_CONTENT_REFUSE = 1 /* refuse the send with MW_EPOLICY, naming the findings */
} mw_content_action;

/* Makes the registry opened with options check every message of account
 * (NULL or "*": every account without a policy of its own) with the
 * content checks of content (copied: it may be freed after), and do
 * on_review with a message that needs review and on_block with a blocked
 * one (mw_content_action values). A refused send fails with MW_EPOLICY, its
 * message naming the verdict and the findings. Verification mails are not
 * checked. Setting an account again replaces its policy. Errors:
 * MW_EINVAL (NULL options or content, an action that is no
 * mw_content_action). */
MW_API int mw_registry_options_set_content_policy(mw_registry_options *options, const char *account,
                                                  const mw_content_options *content, int on_review, int on_block,
                                                  mw_error **err);

/* The HTML sanitizer on its own: html_length bytes of HTML (any document or
 * fragment) made safe — an allow-list of elements and attributes; scripts,
 * event handlers, javascript: URLs, forms and remote fonts removed — into
 * *safe_html, and its plain-text alternative into *text (NULL: not
 * wanted). Both are freed with mw_string_free. Errors: MW_EINVAL (NULL
 * safe_html, NULL html with a non-zero length), MW_ERANGE (over 16 MiB),
 * MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_sanitize_html(char **safe_html, char **text, const char *html, size_t html_length, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_CONTENT_H */
