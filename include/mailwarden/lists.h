/*
 * mailwarden/lists.h — list hygiene: cleaning an address list (a CSV file
 * or one address a line) with a verdict per row, streamed with progress;
 * and mailing lists kept clean: intake checks, double opt-in, the consent
 * log, list mail headers, one-click unsubscribe (RFC 8058) and purges.
 * See docs/list-hygiene.md and docs/c-api.md.
 */
#ifndef MAILWARDEN_LISTS_H
#define MAILWARDEN_LISTS_H

#include <mailwarden/address.h>
#include <mailwarden/bounce.h>
#include <mailwarden/common.h>
#include <mailwarden/dns.h>
#include <mailwarden/sender.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Cleaning a list                                                          */
/* ------------------------------------------------------------------------ */

/* What a domain's DNS says about receiving mail (RFC 5321 5.1, RFC 7505). */
typedef enum mw_mail_domain_status {
    MW_MAIL_DOMAIN_NOT_CHECKED = 0,  /* no lookup (no resolver, or the address is invalid) */
    MW_MAIL_DOMAIN_ACCEPTS_MAIL = 1, /* at least one MX that is not a null MX */
    MW_MAIL_DOMAIN_IMPLICIT_MX = 2,  /* no MX, but an A or AAAA record */
    MW_MAIL_DOMAIN_NULL_MX = 3,      /* MX 0 "." : the domain accepts no mail */
    MW_MAIL_DOMAIN_NO_MAIL = 4,      /* NXDOMAIN, or neither MX nor A/AAAA */
    MW_MAIL_DOMAIN_UNKNOWN = 5       /* a temporary failure after the resolver's retries */
} mw_mail_domain_status;

/* "not_checked", "accepts_mail", "implicit_mx", "null_mx", "no_mail_domain",
 * "unknown"; NULL for a number that is none. Static storage. Any thread. */
MW_API const char *mw_mail_domain_status_name(int status);

/* How the cleaner reads its input. */
typedef enum mw_clean_input {
    MW_CLEAN_INPUT_AUTO = 0, /* CSV when the first line holds the delimiter or a quote */
    MW_CLEAN_INPUT_CSV = 1,  /* RFC 4180: quotes, a BOM, CRLF or LF */
    MW_CLEAN_INPUT_LINES = 2 /* one address a line, taken whole */
} mw_clean_input;

/* One row's verdict. Borrowed inside the verdict callback (valid until it
 * returns), from an mw_subscribe_outcome and from an mw_import_row;
 * accessors on NULL return "", 0, MW_ADDRESS_INVALID or
 * MW_MAIL_DOMAIN_NOT_CHECKED. */
typedef struct mw_clean_verdict mw_clean_verdict;

/* The data row, from 1 (a CSV header is not counted). */
MW_API size_t mw_clean_verdict_row(const mw_clean_verdict *verdict);
/* The input line the row starts on, from 1. */
MW_API size_t mw_clean_verdict_line(const mw_clean_verdict *verdict);
/* The address field as read. */
MW_API const char *mw_clean_verdict_input(const mw_clean_verdict *verdict);
/* The normalized address (domain in A-labels, lower case); "" when unreadable. */
MW_API const char *mw_clean_verdict_address(const mw_clean_verdict *verdict);
/* MW_ADDRESS_VALID, MW_ADDRESS_RISKY or MW_ADDRESS_INVALID. */
MW_API int mw_clean_verdict_verdict(const mw_clean_verdict *verdict);
/* The reason ids, in the order found: the address check's names
 * (mw_address_reason_name) for syntax, "role", "noreply", "special_use",
 * "disposable", "free_provider", "no_mail_domain", "null_mx", "implicit_mx",
 * "dns_unknown", "suppressed", "duplicate", "typo_suggestion",
 * "malformed_row". */
MW_API size_t mw_clean_verdict_reason_count(const mw_clean_verdict *verdict);
/* The index-th reason id, borrowed; "" when index >= count. */
MW_API const char *mw_clean_verdict_reason(const mw_clean_verdict *verdict, size_t index);
/* The row of the first occurrence of the same address; 0 when the row is
 * not a duplicate. */
MW_API size_t mw_clean_verdict_duplicate_of(const mw_clean_verdict *verdict);
/* With "typo_suggestion": the address perhaps meant (never applied); else "". */
MW_API const char *mw_clean_verdict_suggestion(const mw_clean_verdict *verdict);
/* An mw_mail_domain_status value. Addresses at special-use domains (.test,
 * example.com ... ) and address literals are never looked up: their status
 * is MW_MAIL_DOMAIN_NOT_CHECKED even when the policy accepts them. */
MW_API int mw_clean_verdict_domain_status(const mw_clean_verdict *verdict);
/* One JSON object on one line, as mwctl list clean --json writes it: input,
 * address, verdict, reasons, duplicate_of (null when none), suggestion
 * (null when none), row, domain. *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or verdict), MW_ENOMEM. */
MW_API int mw_clean_verdict_to_json(char **out, const mw_clean_verdict *verdict, mw_error **err);

/* Counts of a cleaning run so far. Returned by mw_cleaner_stats and
 * mw_cleaner_finish (freed with mw_clean_stats_free) and borrowed inside the
 * progress callback. Accessors on NULL return 0. */
typedef struct mw_clean_stats mw_clean_stats;

MW_API uint64_t mw_clean_stats_rows(const mw_clean_stats *stats);
MW_API uint64_t mw_clean_stats_valid(const mw_clean_stats *stats);
MW_API uint64_t mw_clean_stats_risky(const mw_clean_stats *stats);
MW_API uint64_t mw_clean_stats_invalid(const mw_clean_stats *stats);
MW_API uint64_t mw_clean_stats_duplicates(const mw_clean_stats *stats);
/* Distinct domains seen, and of them those DNS has answered so far. */
MW_API uint64_t mw_clean_stats_domains(const mw_clean_stats *stats);
MW_API uint64_t mw_clean_stats_domains_resolved(const mw_clean_stats *stats);
/* Frees stats. Accepts NULL. */
MW_API void mw_clean_stats_free(mw_clean_stats *stats);

/* Called with each verdict, in input order, on the thread that calls
 * mw_cleaner_feed or mw_cleaner_finish. The verdict is borrowed. The
 * callback may call mw_cleaner_stats and mw_cleaner_free (the cleaner then
 * goes once the delivering call returns), not mw_cleaner_feed/finish. */
typedef void (*mw_clean_verdict_fn)(const mw_clean_verdict *verdict, void *user_data);

/* Called on the same thread, after every `every_rows` verdicts and once
 * more when mw_cleaner_finish has delivered the last one, with the counts
 * (borrowed). The same rules as for mw_clean_verdict_fn. */
typedef void (*mw_clean_progress_fn)(const mw_clean_stats *stats, void *user_data);

/* Options for mw_cleaner_new. Created with mw_clean_options_new (the
 * defaults: the address check's defaults, no DNS checks, disposable domains
 * and typos checked, only case folded for duplicates, input detected, ','
 * as the delimiter, 65536 rows kept waiting for DNS), destroyed with
 * mw_clean_options_free. Not thread-safe while being modified; only read by
 * mw_cleaner_new, which copies what it needs. Setters fail with MW_EINVAL on
 * a NULL options. */
typedef struct mw_clean_options mw_clean_options;

MW_API int mw_clean_options_new(mw_clean_options **out, mw_error **err);
MW_API void mw_clean_options_free(mw_clean_options *options);
/* The address check's policy (copied); role and no-reply forms are risky
 * unless it rejects them. Errors: MW_EINVAL (NULL address options). */
MW_API int mw_clean_options_set_address_options(mw_clean_options *options, const mw_address_options *address,
                                                mw_error **err);
/* Where domains are looked up (the cleaner keeps its own reference); NULL:
 * no DNS checks. Errors: MW_EINVAL (a resolver already freed). */
MW_API int mw_clean_options_set_resolver(mw_clean_options *options, mw_resolver *resolver, mw_error **err);
/* Marks rows whose address the tracker suppresses for account (NULL: the
 * tracker's default account) as "suppressed"; NULL tracker: not checked.
 * Errors: MW_EINVAL (a tracker already freed). */
MW_API int mw_clean_options_set_tracker(mw_clean_options *options, mw_tracker *tracker, const char *account,
                                        mw_error **err);
MW_API int mw_clean_options_set_check_disposable(mw_clean_options *options, int check, mw_error **err);
/* A domain never called disposable (lower-case ASCII or Unicode). Errors:
 * MW_EINVAL (NULL or empty domain). */
MW_API int mw_clean_options_add_disposable_allow(mw_clean_options *options, const char *domain, mw_error **err);
MW_API int mw_clean_options_set_suggest_typos(mw_clean_options *options, int suggest, mw_error **err);
/* Fold Gmail's dots and +tags when looking for duplicates (off by default). */
MW_API int mw_clean_options_set_fold_provider_aliases(mw_clean_options *options, int fold, mw_error **err);
/* An mw_clean_input value. Errors: MW_EINVAL (another number). */
MW_API int mw_clean_options_set_input(mw_clean_options *options, int input, mw_error **err);
/* The CSV delimiter. Errors: MW_EINVAL (a quote, CR, LF or NUL). */
MW_API int mw_clean_options_set_delimiter(mw_clean_options *options, char delimiter, mw_error **err);
/* The address column by header name (case-insensitive). Without this or an
 * index: the "email", "e-mail", "email_address", "emailaddress", "mail" or
 * "address" column, else the first column holding an "@" in the first row.
 * Errors: MW_EINVAL (NULL name). */
MW_API int mw_clean_options_set_column_name(mw_clean_options *options, const char *name, mw_error **err);
/* The address column by 0-based index (wins over a name). */
MW_API int mw_clean_options_set_column_index(mw_clean_options *options, size_t index, mw_error **err);
/* Rows kept waiting for their domain's answer before mw_cleaner_feed
 * blocks. Errors: MW_EINVAL (0). */
MW_API int mw_clean_options_set_max_pending_rows(mw_clean_options *options, size_t rows, mw_error **err);
/* Progress reports (see mw_clean_progress_fn); fn NULL: none.
 * Errors: MW_EINVAL (every_rows 0 with a non-NULL fn). */
MW_API int mw_clean_options_set_progress(mw_clean_options *options, mw_clean_progress_fn fn, size_t every_rows,
                                         void *user_data, mw_error **err);

/* One cleaning run: input goes in by mw_cleaner_feed in chunks of any size
 * (a row may span chunks), verdicts come out through the callback in input
 * order; each distinct domain is looked up once, concurrently; memory grows
 * with distinct domains, not rows. feed and finish are called from one
 * thread at a time; mw_cleaner_stats from any. Reference-counted:
 * mw_cleaner_free may run while mw_cleaner_stats runs elsewhere, or from a
 * callback. */
typedef struct mw_cleaner mw_cleaner;

/* Starts a run. on_verdict is required. *out is freed with mw_cleaner_free.
 * Errors: MW_EINVAL (NULL out, options or on_verdict), MW_ENOMEM. */
MW_API int mw_cleaner_new(mw_cleaner **out, const mw_clean_options *options, mw_clean_verdict_fn on_verdict,
                          void *user_data, mw_error **err);
/* Reads length more bytes (NUL bytes included); verdicts that are complete
 * are delivered. Blocks while max_pending_rows rows wait for DNS.
 * Errors: MW_EINVAL (NULL or closed cleaner, NULL bytes with a non-zero
 * length, a call after finish, the input cannot be read as asked: a column
 * name not in the header — the message says so, and no verdict is given),
 * MW_ENOMEM. */
MW_API int mw_cleaner_feed(mw_cleaner *cleaner, const char *bytes, size_t length, mw_error **err);
/* The input has ended: waits for every lookup and delivers the rest. out
 * may be NULL; else *out receives the final counts (mw_clean_stats_free).
 * Errors: as mw_cleaner_feed. */
MW_API int mw_cleaner_finish(mw_clean_stats **out, mw_cleaner *cleaner, mw_error **err);
/* The counts so far, from any thread. *out is freed with mw_clean_stats_free.
 * Errors: MW_EINVAL (NULL out, NULL or closed cleaner), MW_ENOMEM. */
MW_API int mw_cleaner_stats(mw_clean_stats **out, mw_cleaner *cleaner, mw_error **err);
/* The CSV header row, once read: its number of fields (0 for one address a
 * line, or before the first row) and the index-th, borrowed until the next
 * feed/finish ("" when index >= count). Call from the feeding thread. */
MW_API size_t mw_cleaner_header_count(mw_cleaner *cleaner);
MW_API const char *mw_cleaner_header_get(mw_cleaner *cleaner, size_t index);
/* Releases the caller's reference. Accepts NULL. */
MW_API void mw_cleaner_free(mw_cleaner *cleaner);

/* ------------------------------------------------------------------------ */
/* Mailing lists: values                                                    */
/* ------------------------------------------------------------------------ */

/* Where a subscriber stands. The numbers are stable. */
typedef enum mw_subscription_state {
    MW_SUBSCRIBER_PENDING = 0,      /* asked to join, confirmation outstanding */
    MW_SUBSCRIBER_CONFIRMED = 1,    /* may be mailed */
    MW_SUBSCRIBER_UNSUBSCRIBED = 2, /* left (a hashed tombstone keeps it from silent re-import) */
    MW_SUBSCRIBER_BOUNCED = 3,      /* hard-bounced */
    MW_SUBSCRIBER_COMPLAINED = 4,   /* marked a list mail as spam */
    MW_SUBSCRIBER_PURGED = 5        /* removed by a purge */
} mw_subscription_state;

/* "pending", "confirmed", "unsubscribed", "bounced", "complained", "purged";
 * NULL for a number that is none. Static storage. Any thread. */
MW_API const char *mw_subscriber_state_name(int state);

/* Times below are Unix seconds; 0 means "not set". */

/* A mailing list. Immutable; any thread. Owned ones are freed with
 * mw_mailing_list_free; borrowed ones live as long as their owner.
 * Accessors on NULL return "" or 0. */
typedef struct mw_mailing_list mw_mailing_list;

MW_API int64_t mw_mailing_list_id(const mw_mailing_list *list);
MW_API const char *mw_mailing_list_account(const mw_mailing_list *list);
MW_API const char *mw_mailing_list_name(const mw_mailing_list *list);
/* The verified sender its mails come from. */
MW_API const char *mw_mailing_list_from(const mw_mailing_list *list);
MW_API int64_t mw_mailing_list_created_at(const mw_mailing_list *list);
MW_API void mw_mailing_list_free(mw_mailing_list *list);

/* An account's lists, by name. Freed with mw_mailing_list_set_free. */
typedef struct mw_mailing_list_set mw_mailing_list_set;
MW_API size_t mw_mailing_list_set_count(const mw_mailing_list_set *set);
/* Borrowed; NULL when index >= count. */
MW_API const mw_mailing_list *mw_mailing_list_set_get(const mw_mailing_list_set *set, size_t index);
MW_API void mw_mailing_list_set_free(mw_mailing_list_set *set);

/* A subscriber as it was when returned. Immutable; any thread. Owned ones
 * are freed with mw_subscriber_free. Accessors on NULL return "", 0 or -1. */
typedef struct mw_subscriber mw_subscriber;

MW_API int64_t mw_subscriber_id(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_list_id(const mw_subscriber *subscriber);
/* Normalized: the domain in A-labels, the local part as given. */
MW_API const char *mw_subscriber_address(const mw_subscriber *subscriber);
MW_API const char *mw_subscriber_name(const mw_subscriber *subscriber);
/* An mw_subscription_state value. */
MW_API int mw_subscriber_state(const mw_subscriber *subscriber);
/* Intake findings kept: "free_provider", "implicit_mx", "dns_unknown", "role" ... */
MW_API size_t mw_subscriber_flag_count(const mw_subscriber *subscriber);
MW_API const char *mw_subscriber_flag(const mw_subscriber *subscriber, size_t index);
MW_API int64_t mw_subscriber_created_at(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_updated_at(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_confirmed_at(const mw_subscriber *subscriber);
/* List mails sent, and counting opens and clicks. */
MW_API int64_t mw_subscriber_sends(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_opens(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_clicks(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_last_sent_at(const mw_subscriber *subscriber);
MW_API int64_t mw_subscriber_last_engaged_at(const mw_subscriber *subscriber);
/* One JSON object, as mwctl list show --json writes it. *out is freed with
 * mw_string_free. Errors: MW_EINVAL (NULL out or subscriber), MW_ENOMEM. */
MW_API int mw_subscriber_to_json(char **out, const mw_subscriber *subscriber, mw_error **err);
MW_API void mw_subscriber_free(mw_subscriber *subscriber);

/* Subscribers, by id. Freed with mw_subscriber_set_free. */
typedef struct mw_subscriber_set mw_subscriber_set;
MW_API size_t mw_subscriber_set_count(const mw_subscriber_set *set);
/* Borrowed; NULL when index >= count. */
MW_API const mw_subscriber *mw_subscriber_set_get(const mw_subscriber_set *set, size_t index);
MW_API void mw_subscriber_set_free(mw_subscriber_set *set);

/* A subscriber's consent log, oldest first: the proof of how and when
 * consent was given and withdrawn. Freed with mw_consent_log_free. */
typedef struct mw_consent_log mw_consent_log;
/* One entry, borrowed from its log. Accessors on NULL return "" or 0. */
typedef struct mw_consent_entry mw_consent_entry;

MW_API size_t mw_consent_log_count(const mw_consent_log *log);
MW_API const mw_consent_entry *mw_consent_log_get(const mw_consent_log *log, size_t index);
/* The log as a JSON array, one object per entry as mwctl list consent
 * --json writes them. *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or log), MW_ENOMEM. */
MW_API int mw_consent_log_to_json(char **out, const mw_consent_log *log, mw_error **err);
MW_API void mw_consent_log_free(mw_consent_log *log);
MW_API int64_t mw_consent_entry_at(const mw_consent_entry *entry);
/* "subscribe", "import", "confirm", "unsubscribe", "bounced", "complained",
 * "resubscribe", "suppressed" (left out of a list mail by the tracker). */
MW_API const char *mw_consent_entry_action(const mw_consent_entry *entry);
MW_API const char *mw_consent_entry_source(const mw_consent_entry *entry);
MW_API const char *mw_consent_entry_ip(const mw_consent_entry *entry);
MW_API const char *mw_consent_entry_user_agent(const mw_consent_entry *entry);
MW_API const char *mw_consent_entry_notice_text(const mw_consent_entry *entry);
MW_API const char *mw_consent_entry_notice_version(const mw_consent_entry *entry);
/* E.g. how an unsubscribe arrived: "one-click", "mailto", "link", "api". */
MW_API const char *mw_consent_entry_detail(const mw_consent_entry *entry);

/* The facts a consent log entry records about a request: where it came
 * from, the client's IP and user agent, the notice shown and its version.
 * Created with mw_consent_facts_new (all empty), destroyed with
 * mw_consent_facts_free; only read by the calls it is passed to, each of
 * which records what applies to it: subscribe all of them, import the
 * source and notice, confirm and unsubscribe the IP and user agent.
 * Setters: MW_EINVAL for NULL facts or value. A control character in a
 * value makes subscribe refuse the request ("invalid_field") and the other
 * calls fail with MW_EINVAL. */
typedef struct mw_consent_facts mw_consent_facts;

MW_API int mw_consent_facts_new(mw_consent_facts **out, mw_error **err);
MW_API void mw_consent_facts_free(mw_consent_facts *facts);
MW_API int mw_consent_facts_set_source(mw_consent_facts *facts, const char *source, mw_error **err);
MW_API int mw_consent_facts_set_ip(mw_consent_facts *facts, const char *ip, mw_error **err);
MW_API int mw_consent_facts_set_user_agent(mw_consent_facts *facts, const char *user_agent, mw_error **err);
MW_API int mw_consent_facts_set_notice(mw_consent_facts *facts, const char *text, const char *version,
                                       mw_error **err);

/* What mw_lists_subscribe did. Freed with mw_subscribe_outcome_free;
 * accessors on NULL return "", 0 or NULL. */
typedef struct mw_subscribe_outcome mw_subscribe_outcome;

MW_API int mw_subscribe_outcome_accepted(const mw_subscribe_outcome *outcome);
/* Why it was refused: an intake reason id ("disposable", "suppressed",
 * "null_mx", "role", a syntax id ...), "tombstoned" (left before; only
 * double opt-in brings it back) or "invalid_field"; "" when accepted. */
MW_API const char *mw_subscribe_outcome_refused_because(const mw_subscribe_outcome *outcome);
/* What intake found, borrowed. */
MW_API const mw_clean_verdict *mw_subscribe_outcome_check(const mw_subscribe_outcome *outcome);
/* The subscriber, borrowed; NULL when refused. */
MW_API const mw_subscriber *mw_subscribe_outcome_subscriber(const mw_subscribe_outcome *outcome);
/* The confirmation link that was mailed; "" when none went out. */
MW_API const char *mw_subscribe_outcome_confirm_link(const mw_subscribe_outcome *outcome);
/* accepted, refused_because, reasons, confirm_link and subscriber (or
 * null) as one JSON object, as mwctl list subscribe --json writes it.
 * Errors: MW_EINVAL (NULL out or outcome), MW_ENOMEM. */
MW_API int mw_subscribe_outcome_to_json(char **out, const mw_subscribe_outcome *outcome, mw_error **err);
MW_API void mw_subscribe_outcome_free(mw_subscribe_outcome *outcome);

/* What a confirmation link is, looked at without using it. Freed with
 * mw_token_preview_free. */
typedef struct mw_token_preview mw_token_preview;
/* Borrowed from the preview. */
MW_API const mw_mailing_list *mw_token_preview_list(const mw_token_preview *preview);
MW_API const mw_subscriber *mw_token_preview_subscriber(const mw_token_preview *preview);
MW_API int64_t mw_token_preview_expires_at(const mw_token_preview *preview);
MW_API void mw_token_preview_free(mw_token_preview *preview);

/* The headers one subscriber's list mail carries. Freed with
 * mw_list_headers_free; borrowed strings. */
typedef struct mw_list_headers mw_list_headers;
/* "<https://...?token=...>, <mailto:...>" */
MW_API const char *mw_list_headers_unsubscribe(const mw_list_headers *headers);
/* "List-Unsubscribe=One-Click" */
MW_API const char *mw_list_headers_unsubscribe_post(const mw_list_headers *headers);
/* "<name.account.domain>" */
MW_API const char *mw_list_headers_list_id(const mw_list_headers *headers);
MW_API void mw_list_headers_free(mw_list_headers *headers);

/* What mw_lists_send did. Freed with mw_list_send_report_free. */
typedef struct mw_list_send_report mw_list_send_report;
MW_API int64_t mw_list_send_report_sent(const mw_list_send_report *report);
/* Left out because the bounce tracker suppresses them. */
MW_API int64_t mw_list_send_report_suppressed(const mw_list_send_report *report);
MW_API int64_t mw_list_send_report_failed(const mw_list_send_report *report);
/* The first failure's message; "" when none failed. */
MW_API const char *mw_list_send_report_first_error(const mw_list_send_report *report);
MW_API void mw_list_send_report_free(mw_list_send_report *report);

/* One imported row, borrowed inside the import callback. */
typedef struct mw_import_row mw_import_row;
MW_API const mw_clean_verdict *mw_import_row_check(const mw_import_row *row);
MW_API int mw_import_row_added(const mw_import_row *row);
/* As mw_subscribe_outcome_refused_because, plus "duplicate" (within the
 * input) and "already_subscribed". */
MW_API const char *mw_import_row_refused_because(const mw_import_row *row);

/* Called for each row of mw_lists_import, in input order, on the calling
 * thread. A call into the same mw_lists from it fails with MW_EINVAL. */
typedef void (*mw_import_row_fn)(const mw_import_row *row, void *user_data);

/* What an import did. Freed with mw_import_summary_free. */
typedef struct mw_import_summary mw_import_summary;
MW_API int64_t mw_import_summary_rows(const mw_import_summary *summary);
MW_API int64_t mw_import_summary_added(const mw_import_summary *summary);
MW_API int64_t mw_import_summary_refused(const mw_import_summary *summary);
/* The refusal reasons, most frequent first, and how often each occurred. */
MW_API size_t mw_import_summary_reason_count(const mw_import_summary *summary);
MW_API const char *mw_import_summary_reason(const mw_import_summary *summary, size_t index);
MW_API int64_t mw_import_summary_reason_rows(const mw_import_summary *summary, size_t index);
MW_API void mw_import_summary_free(mw_import_summary *summary);

/* What a purge removed (or would, on a dry run). Freed with
 * mw_purge_report_free. */
typedef struct mw_purge_report mw_purge_report;
MW_API int mw_purge_report_dry_run(const mw_purge_report *report);
MW_API size_t mw_purge_report_count(const mw_purge_report *report);
/* The index-th subscriber (borrowed): in state MW_SUBSCRIBER_PURGED after a
 * purge, as it is on a dry run; NULL when index >= count. */
MW_API const mw_subscriber *mw_purge_report_subscriber(const mw_purge_report *report, size_t index);
/* Why: "unconfirmed", "inactive", "bounced", "complained", "suppressed". */
MW_API const char *mw_purge_report_reason(const mw_purge_report *report, size_t index);
MW_API void mw_purge_report_free(mw_purge_report *report);

/* A purge policy. Created with mw_purge_policy_new (the defaults: pending
 * for more than 30 days, bounced / complained / suppressed subscribers; no
 * inactivity rule; not a dry run), destroyed with mw_purge_policy_free. */
typedef struct mw_purge_policy mw_purge_policy;
MW_API int mw_purge_policy_new(mw_purge_policy **out, mw_error **err);
MW_API void mw_purge_policy_free(mw_purge_policy *policy);
/* Pending for more than days; days < 0: unconfirmed ones are kept.
 * Errors: MW_EINVAL (NULL policy). */
MW_API int mw_purge_policy_set_unconfirmed_days(mw_purge_policy *policy, int days, mw_error **err);
/* Confirmed, at least min_sends list mails, and no counting open or click
 * for days; days < 0: no inactivity rule. Errors: MW_EINVAL (NULL policy,
 * min_sends < 0). */
MW_API int mw_purge_policy_set_inactive(mw_purge_policy *policy, int days, int min_sends, mw_error **err);
MW_API int mw_purge_policy_set_bounced_and_complained(mw_purge_policy *policy, int purge, mw_error **err);
MW_API int mw_purge_policy_set_dry_run(mw_purge_policy *policy, int dry_run, mw_error **err);

/* ------------------------------------------------------------------------ */
/* Mailing lists: the service                                               */
/* ------------------------------------------------------------------------ */

/* Options for mw_registry_lists. Created with mw_lists_options_new (the
 * defaults: role addresses refused, disposable domains refused, no MX
 * checks, 48-hour confirmation links under
 * https://lists.mailwarden.local/), destroyed with mw_lists_options_free.
 * Only read by mw_registry_lists, which copies them. Setters: MW_EINVAL
 * for NULL options or a NULL string. */
typedef struct mw_lists_options mw_lists_options;

MW_API int mw_lists_options_new(mw_lists_options **out, mw_error **err);
MW_API void mw_lists_options_free(mw_lists_options *options);
/* The address check intake applies (copied). Role forms are refused only
 * when these options reject them (mw_address_options_set_reject_role). */
MW_API int mw_lists_options_set_address_options(mw_lists_options *options, const mw_address_options *address,
                                                mw_error **err);
MW_API int mw_lists_options_set_refuse_disposable(mw_lists_options *options, int refuse, mw_error **err);
MW_API int mw_lists_options_add_disposable_allow(mw_lists_options *options, const char *domain, mw_error **err);
MW_API int mw_lists_options_set_fold_provider_aliases(mw_lists_options *options, int fold, mw_error **err);
/* MX checks at intake; NULL: none. Errors: also a resolver already freed. */
MW_API int mw_lists_options_set_resolver(mw_lists_options *options, mw_resolver *resolver, mw_error **err);
/* Errors: also seconds < 1. */
MW_API int mw_lists_options_set_confirm_lifetime(mw_lists_options *options, int64_t seconds, mw_error **err);
/* Where links point: <base>?token=...; the host serves them (GET shows, POST acts). */
MW_API int mw_lists_options_set_confirm_link_base(mw_lists_options *options, const char *url, mw_error **err);
MW_API int mw_lists_options_set_unsubscribe_link_base(mw_lists_options *options, const char *url, mw_error **err);
/* The domain of List-Id and of the mailto unsubscribe address; "": no
 * mailto, and List-Id under "localhost". */
MW_API int mw_lists_options_set_list_id_domain(mw_lists_options *options, const char *domain, mw_error **err);

/* The mailing lists of a registry's store. Thread-safe. Reference-counted:
 * mw_lists_free may be called while other calls on it run. It keeps the
 * registry's store, transport, tracker and clock alive after
 * mw_registry_free. Strings taking an account accept NULL for the
 * registry's default account. */
typedef struct mw_lists mw_lists;

/* The lists of registry: on the registry's store file (a registry on
 * ":memory:" gets lists in memory of their own), mailing through the
 * registry (so sends are gated by its tracker, whose suppressions intake
 * also refuses), on the registry's clock. options may be NULL. *out is
 * freed with mw_lists_free. Errors: MW_EINVAL (NULL out, NULL or closed
 * registry), MW_EIO, MW_ENOMEM. */
MW_API int mw_registry_lists(mw_lists **out, mw_registry *registry, const mw_lists_options *options, mw_error **err);
/* Releases the caller's reference. Accepts NULL. */
MW_API void mw_lists_free(mw_lists *lists);

/* Creates a list whose mails come from the verified sender `from`.
 * Errors: MW_EINVAL (NULL or empty name, control characters, `from` not an
 * address), MW_EEXIST, MW_EIO. */
MW_API int mw_lists_create(mw_mailing_list **out, mw_lists *lists, const char *account, const char *name,
                           const char *from, mw_error **err);
/* Errors: MW_ENOTFOUND, MW_EIO. */
MW_API int mw_lists_find(mw_mailing_list **out, mw_lists *lists, const char *account, const char *name,
                         mw_error **err);
MW_API int mw_lists_all(mw_mailing_list_set **out, mw_lists *lists, const char *account, mw_error **err);

/* Checks the address (syntax, role, disposable, suppressed, the domain's
 * MX) and, when accepted, adds it pending and mails the confirmation link
 * from the list's sender — or confirms at once when double_opt_in is 0,
 * which is refused for an address that left before. A refusal is an
 * outcome, not an error. name and facts may be NULL. Errors: MW_EINVAL
 * (NULL out, lists, list or address), MW_ENOTFOUND (list), MW_EIO, and the
 * registry's send errors (the subscriber stays pending: resend later). */
MW_API int mw_lists_subscribe(mw_subscribe_outcome **out, mw_lists *lists, const char *account, const char *list,
                              const char *address, const char *name, const mw_consent_facts *facts,
                              int double_opt_in, mw_error **err);
/* A new confirmation link (the old one stops working), mailed again; *link
 * is freed with mw_string_free. Errors: MW_ENOTFOUND, MW_EINVAL (not
 * pending), send errors. */
MW_API int mw_lists_resend_confirmation(char **link, mw_lists *lists, const char *account, const char *list,
                                        const char *address, mw_error **err);
/* What a confirmation link or token is, with no side effect: answer a GET
 * with this (link scanners prefetch every GET). Errors: MW_EINVAL
 * (malformed, unknown or tampered), MW_EEXPIRED, MW_EEXIST (already used). */
MW_API int mw_lists_inspect(mw_token_preview **out, mw_lists *lists, const char *link_or_token, mw_error **err);
/* Uses it (a POST): the subscriber becomes confirmed. facts (ip, user
 * agent) may be NULL. Errors as mw_lists_inspect. */
MW_API int mw_lists_confirm(mw_subscriber **out, mw_lists *lists, const char *link_or_token,
                            const mw_consent_facts *facts, mw_error **err);
/* One subscriber of a list, by address (folded as intake folds it).
 * Errors: MW_EINVAL (NULL out, lists, list or address), MW_ENOTFOUND (no
 * such list or subscriber), MW_EIO. */
MW_API int mw_lists_find_subscriber(mw_subscriber **out, mw_lists *lists, const char *account, const char *list,
                                    const char *address, mw_error **err);
/* The list headers of one subscriber's mail (its own unsubscribe token),
 * for a host that sends list mail itself. Errors: as
 * mw_lists_find_subscriber. */
MW_API int mw_lists_headers(mw_list_headers **out, mw_lists *lists, const char *account, const char *list,
                            const char *address, mw_error **err);
/* Whom an unsubscribe link or token names, with no side effect (a GET).
 * Errors: MW_EINVAL (malformed or forged), MW_ENOTFOUND (purged). */
MW_API int mw_lists_inspect_unsubscribe(mw_subscriber **out, mw_lists *lists, const char *link_or_token,
                                        mw_error **err);
/* Unsubscribes at once; twice is not an error. how: "one-click", "link",
 * "mailto", "api". facts may be NULL. Errors as mw_lists_inspect_unsubscribe. */
MW_API int mw_lists_unsubscribe(mw_subscriber **out, mw_lists *lists, const char *link_or_token, const char *how,
                                const mw_consent_facts *facts, mw_error **err);
/* The RFC 8058 endpoint: unsubscribes ("one-click") only when the POST body
 * of body_length bytes says List-Unsubscribe=One-Click as
 * application/x-www-form-urlencoded or multipart/form-data. Answer with a
 * plain 200, no redirect, no cookie. Errors: MW_EPARSE (a body that does
 * not say one-click: nothing changes), and those of mw_lists_unsubscribe. */
MW_API int mw_lists_unsubscribe_post(mw_subscriber **out, mw_lists *lists, const char *link_or_token,
                                     const char *content_type, const char *body, size_t body_length,
                                     const mw_consent_facts *facts, mw_error **err);
/* Unsubscribes by address (an operator, or an API call); how may be NULL
 * ("api"). Errors: MW_ENOTFOUND, MW_EIO. */
MW_API int mw_lists_unsubscribe_address(mw_subscriber **out, mw_lists *lists, const char *account,
                                        const char *list, const char *address, const char *how, mw_error **err);
/* A list's subscribers; only those in `state` (an mw_subscription_state), or
 * all for -1. Errors: MW_EINVAL (a state that is none), MW_ENOTFOUND, MW_EIO. */
MW_API int mw_lists_subscribers(mw_subscriber_set **out, mw_lists *lists, const char *account, const char *list,
                                int state, mw_error **err);
/* Errors: MW_ENOTFOUND (list or subscriber), MW_EIO. */
MW_API int mw_lists_consent_log(mw_consent_log **out, mw_lists *lists, const char *account, const char *list,
                                const char *address, mw_error **err);
/* Mails every confirmed subscriber one message each, with its own list
 * headers; the tracker leaves out suppressed ones. text or html (or both)
 * is required. Errors: MW_EINVAL, MW_ENOTFOUND, and the registry's refusal
 * of the whole send (MW_ESUSPENDED, a sender not verified ...). */
MW_API int mw_lists_send(mw_list_send_report **out, mw_lists *lists, const char *account, const char *list,
                         const char *subject, const char *text, const char *html, mw_error **err);
/* Counts an open (clicked 0) or click (clicked 1); a machine one (proxy
 * open, scanner click; machine 1) is not counted. Errors: MW_ENOTFOUND, MW_EIO. */
MW_API int mw_lists_record_engagement(mw_lists *lists, const char *account, const char *list, const char *address,
                                      int clicked, int machine, mw_error **err);
/* Imports input_length bytes (a CSV file or one address a line) through
 * subscribe's checks, as confirmed subscribers: the importer vouches for
 * consent it holds, named by facts' source and notice. Addresses that left
 * are refused. The address column: column_index (0-based) when >= 0, else
 * the header named column_name, else found as the cleaner finds it
 * (column_name may be NULL). on_row may be NULL; it must not call this
 * mw_lists (such a call fails with MW_EINVAL). Errors: MW_ENOTFOUND (list),
 * MW_EINVAL (a column that is not there), MW_EIO. */
MW_API int mw_lists_import(mw_import_summary **out, mw_lists *lists, const char *account, const char *list,
                           const char *input, size_t input_length, const char *column_name, int column_index,
                           const mw_consent_facts *facts, mw_import_row_fn on_row, void *user_data,
                           mw_error **err);
/* Purges by policy (NULL: the defaults). Errors: MW_ENOTFOUND, MW_EIO. */
MW_API int mw_lists_purge(mw_purge_report **out, mw_lists *lists, const char *account, const char *list,
                          const mw_purge_policy *policy, mw_error **err);

/* 1 when an RFC 8058 POST body says List-Unsubscribe=One-Click
 * (urlencoded or multipart/form-data), else 0. body may hold NUL bytes.
 * Any thread. */
MW_API int mw_is_one_click_post(const char *content_type, const char *body, size_t body_length);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_LISTS_H */
