/*
 * mailwarden/bounce.h — what comes back about the mail that was sent:
 * feedback classification (SES notifications and events, SNS envelopes,
 * DSNs, plain-text bounces, ARF complaints, auto-replies), SNS signature
 * checks, and the bounce tracker (suppressions, bounce and complaint rates,
 * suspension with an audited resume) that gates the registry's sends.
 * See docs/bounces.md and docs/c-api.md.
 */
#ifndef MAILWARDEN_BOUNCE_H
#define MAILWARDEN_BOUNCE_H

#include <mailwarden/common.h>
#include <mailwarden/sender.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Feedback classification                                                  */
/* ------------------------------------------------------------------------ */

/* Whether a recipient's address should still be mailed. */
typedef enum mw_bounce_class {
    MW_BOUNCE_NONE = 0, /* not a failure: delivery, delay, complaint, auto-reply */
    MW_BOUNCE_SOFT = 1, /* a failure whose cause lies with the sender or the moment */
    MW_BOUNCE_HARD = 2  /* the address itself cannot receive mail */
} mw_bounce_class;

/* What a feedback document reports. */
typedef enum mw_feedback_event_kind {
    MW_FEEDBACK_BOUNCE = 0,
    MW_FEEDBACK_COMPLAINT = 1,
    MW_FEEDBACK_DELIVERY = 2,
    MW_FEEDBACK_DELAY = 3,
    MW_FEEDBACK_SEND = 4,
    MW_FEEDBACK_REJECT = 5,
    MW_FEEDBACK_AUTO_REPLY = 6,
    MW_FEEDBACK_OTHER = 7
} mw_feedback_event_kind;

/* What a feedback document was read as. */
typedef enum mw_feedback_input_format {
    MW_FEEDBACK_FORMAT_DSN = 0,              /* multipart/report; report-type=delivery-status */
    MW_FEEDBACK_FORMAT_PLAIN_BOUNCE = 1,     /* a bounce mail without a DSN part */
    MW_FEEDBACK_FORMAT_ARF = 2,              /* multipart/report; report-type=feedback-report */
    MW_FEEDBACK_FORMAT_AUTO_REPLY = 3,       /* an RFC 3834 or vendor auto-reply */
    MW_FEEDBACK_FORMAT_SES_NOTIFICATION = 4, /* SES feedback notification (notificationType) */
    MW_FEEDBACK_FORMAT_SES_EVENT = 5,        /* SES event publishing (eventType) */
    MW_FEEDBACK_FORMAT_SNS_ENVELOPE = 6,     /* SES JSON inside an SNS envelope */
    MW_FEEDBACK_FORMAT_MAIL = 7              /* a mail that is none of the above */
} mw_feedback_input_format;

/* The stable names of the values above ("hard", "bounce", "dsn" ...), as the
 * JSON forms and mwctl write them; NULL for a number that is none. Static
 * storage. Thread safety: any thread. */
MW_API const char *mw_bounce_class_name(int bounce_class);
MW_API const char *mw_feedback_kind_name(int kind);
MW_API const char *mw_feedback_format_name(int format);

/* One classified document (one notification, event or mail) with an outcome
 * per recipient. Immutable; readable from any thread. Destroyed with
 * mw_feedback_free. Accessors return borrowed strings, valid until the
 * feedback is freed; on a NULL feedback they return "", -1 or 0. */
typedef struct mw_feedback mw_feedback;

/* Classifies one document of document_length bytes (NUL bytes included; the
 * bytes need no terminating NUL): SES JSON, an SNS envelope around SES JSON
 * (NOT verified: use mw_sns_verify for that), or a mail. A mail that is no
 * bounce is not an error: its format is MW_FEEDBACK_FORMAT_MAIL and its kind
 * MW_FEEDBACK_OTHER. *out is freed with mw_feedback_free.
 * Errors: MW_EINVAL (NULL out; NULL document with a non-zero length),
 * MW_EPARSE (an empty document, JSON that is not SES's), MW_ERANGE (over
 * 16 MiB), MW_ENOMEM.
 * Thread safety: any thread. */
MW_API int mw_feedback_parse(mw_feedback **out, const char *document, size_t document_length, mw_error **err);
/* An mw_feedback_input_format value. */
MW_API int mw_feedback_format(const mw_feedback *feedback);
/* An mw_feedback_event_kind value. */
MW_API int mw_feedback_kind(const mw_feedback *feedback);
/* SES notificationType / eventType as sent ("Bounce", "Rendering Failure"). */
MW_API const char *mw_feedback_event_type(const mw_feedback *feedback);
/* The message concerned: SES mail.messageId, or the bounced mail's Message-ID. */
MW_API const char *mw_feedback_message_id(const mw_feedback *feedback);
/* SES feedbackId. */
MW_API const char *mw_feedback_feedback_id(const mw_feedback *feedback);
/* When it happened, as written (ISO 8601 for SES, a Date header for mail). */
MW_API const char *mw_feedback_timestamp(const mw_feedback *feedback);
/* The original message's sender (SES mail.source), when known. */
MW_API const char *mw_feedback_sender(const mw_feedback *feedback);
/* SES bounceType: "Permanent", "Transient", "Undetermined"; "" otherwise. */
MW_API const char *mw_feedback_ses_bounce_type(const mw_feedback *feedback);
/* SES bounceSubType: "General", "NoEmail", "Suppressed" ...; "" otherwise. */
MW_API const char *mw_feedback_ses_bounce_subtype(const mw_feedback *feedback);
/* Complaints: "abuse", "fraud", "not-spam", "virus", "other" ... (ARF / SES). */
MW_API const char *mw_feedback_feedback_type(const mw_feedback *feedback);
/* The reporting MTA, when given. */
MW_API const char *mw_feedback_reporting_mta(const mw_feedback *feedback);
/* The SNS MessageId and TopicArn when the document came in an SNS envelope. */
MW_API const char *mw_feedback_sns_message_id(const mw_feedback *feedback);
MW_API const char *mw_feedback_topic_arn(const mw_feedback *feedback);
/* The document's own key, stable across re-deliveries of the same report. */
MW_API const char *mw_feedback_idempotency_key(const mw_feedback *feedback);
/* The document as one JSON object on one line, as mwctl bounces classify
 * --json prints it: source (the given text; NULL for ""), format, kind,
 * recipients [{address, class, status, smtp_code, reason, diagnostic}].
 * *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or feedback), MW_ENOMEM. */
MW_API int mw_feedback_to_json(char **out, const mw_feedback *feedback, const char *source, mw_error **err);
/* Frees feedback and every recipient borrowed from it. Accepts NULL. */
MW_API void mw_feedback_free(mw_feedback *feedback);

/* One recipient's outcome, borrowed from its mw_feedback (never freed on
 * its own). Accessors on NULL return "", -1 or 0. */
typedef struct mw_feedback_recipient mw_feedback_recipient;

/* Number of recipients (0 for NULL). */
MW_API size_t mw_feedback_recipient_count(const mw_feedback *feedback);
/* The index-th recipient, borrowed from feedback; NULL when index >= count. */
MW_API const mw_feedback_recipient *mw_feedback_recipient_get(const mw_feedback *feedback, size_t index);
/* The recipient (DSN Final-Recipient, SES emailAddress ...). */
MW_API const char *mw_feedback_recipient_address(const mw_feedback_recipient *recipient);
/* DSN Original-Recipient, when given. */
MW_API const char *mw_feedback_recipient_original(const mw_feedback_recipient *recipient);
/* An mw_bounce_class value. */
MW_API int mw_feedback_recipient_class(const mw_feedback_recipient *recipient);
/* Why, as a stable name: "user_unknown", "mailbox_full", "delivered",
 * "feedback", "undefined" ... (docs/bounces.md lists them). */
MW_API const char *mw_feedback_recipient_reason(const mw_feedback_recipient *recipient);
/* RFC 3463 enhanced status code ("5.1.1"); "" when unknown. */
MW_API const char *mw_feedback_recipient_status(const mw_feedback_recipient *recipient);
/* SMTP reply code (550); 0 when unknown. */
MW_API int mw_feedback_recipient_smtp_code(const mw_feedback_recipient *recipient);
/* The remote server's text, on one line. */
MW_API const char *mw_feedback_recipient_diagnostic(const mw_feedback_recipient *recipient);
/* The host that gave it, when known. */
MW_API const char *mw_feedback_recipient_remote_mta(const mw_feedback_recipient *recipient);
/* DSN Action: "failed", "delayed", "delivered" ...; "" when none. */
MW_API const char *mw_feedback_recipient_action(const mw_feedback_recipient *recipient);

/* ------------------------------------------------------------------------ */
/* SNS deliveries                                                           */
/* ------------------------------------------------------------------------ */

/* Options of a verifier. Created with mw_sns_options_new, destroyed with
 * mw_sns_options_free. Not thread-safe while being modified; the verifier
 * keeps its own copy, so options may be freed right after
 * mw_sns_verifier_open. Defaults: every topic accepted, no raw deliveries,
 * no certificates. */
typedef struct mw_sns_options mw_sns_options;

/* Errors: MW_EINVAL (out NULL), MW_ENOMEM. */
MW_API int mw_sns_options_new(mw_sns_options **out, mw_error **err);
/* Frees options. Accepts NULL. */
MW_API void mw_sns_options_free(mw_sns_options *options);
/* Adds a TopicArn to the allow-list (compared exactly); once one is added,
 * deliveries from other topics are refused (topic_not_allowed).
 * Errors: MW_EINVAL (NULL options, NULL or empty arn), MW_ENOMEM. */
MW_API int mw_sns_options_add_topic_arn(mw_sns_options *options, const char *topic_arn, mw_error **err);
/* Accepts a body that is not an envelope as a raw message delivery
 * (boolean; off by default). Only for channels the host trusts (an
 * authenticated SQS queue): nothing in a raw delivery is signed.
 * Errors: MW_EINVAL (NULL options). */
MW_API int mw_sns_options_set_trusted_raw(mw_sns_options *options, int trusted, mw_error **err);
/* Supplies the PEM certificate SNS serves at url (SigningCertURL); the
 * library fetches none itself. Errors: MW_EINVAL (NULL options, NULL or
 * empty url or pem), MW_ENOMEM. */
MW_API int mw_sns_options_add_certificate(mw_sns_options *options, const char *url, const char *pem,
                                          mw_error **err);

/* Checks SNS deliveries: the envelope, SignatureVersion 1 or 2, the
 * SigningCertURL policy, the topic, then the signature with the certificate
 * supplied for its URL. Thread-safe: mw_sns_verify and
 * mw_sns_verifier_add_certificate may be called from any number of threads
 * at once. Reference-counted like the other service handles. */
typedef struct mw_sns_verifier mw_sns_verifier;

/* Opens a verifier; options may be NULL for the defaults.
 * Errors: MW_EINVAL (out NULL), MW_ENOMEM. */
MW_API int mw_sns_verifier_open(mw_sns_verifier **out, const mw_sns_options *options, mw_error **err);
/* Releases the caller's reference. Accepts NULL. Calls running on other
 * threads finish first. */
MW_API void mw_sns_verifier_free(mw_sns_verifier *verifier);
/* Adds a certificate to an open verifier (as mw_sns_options_add_certificate).
 * Errors: MW_EINVAL (NULL or closed verifier, NULL or empty url or pem). */
MW_API int mw_sns_verifier_add_certificate(mw_sns_verifier *verifier, const char *url, const char *pem,
                                           mw_error **err);

/* A verified delivery. Immutable; readable from any thread. Destroyed with
 * mw_sns_envelope_free. Accessors return borrowed strings ("" when absent
 * or for NULL). */
typedef struct mw_sns_envelope mw_sns_envelope;

/* Verifies a delivery of body_length bytes. On success *out is the envelope
 * (free with mw_sns_envelope_free); its message is the payload to classify
 * with mw_feedback_parse or ingest with mw_tracker_ingest. A refused
 * delivery fails with MW_EAUTH (bad_signature, bad_cert_url,
 * topic_not_allowed) or MW_EPARSE (unsupported_version, missing_field,
 * not_an_envelope); mw_sns_rejection_name(err) names the rejection. A
 * certificate that was not supplied: MW_ENOTFOUND.
 * Errors also: MW_EINVAL (NULL out, a NULL or closed verifier, NULL body
 * with a non-zero length), MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_sns_verify(mw_sns_envelope **out, mw_sns_verifier *verifier, const char *body, size_t body_length,
                         mw_error **err);
/* Why a delivery was refused: "bad_signature", "unsupported_version",
 * "bad_cert_url", "topic_not_allowed", "missing_field" or "not_an_envelope";
 * "" when err is NULL or another failure. Borrowed: static storage. */
MW_API const char *mw_sns_rejection_name(const mw_error *err);
/* "Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation" or
 * "raw" (a trusted raw delivery: only the message is set). */
MW_API const char *mw_sns_envelope_type(const mw_sns_envelope *envelope);
/* SNS MessageId: the idempotency key of the delivery. */
MW_API const char *mw_sns_envelope_message_id(const mw_sns_envelope *envelope);
MW_API const char *mw_sns_envelope_topic_arn(const mw_sns_envelope *envelope);
MW_API const char *mw_sns_envelope_subject(const mw_sns_envelope *envelope);
/* The payload (for SES: its JSON document). */
MW_API const char *mw_sns_envelope_message(const mw_sns_envelope *envelope);
MW_API const char *mw_sns_envelope_timestamp(const mw_sns_envelope *envelope);
/* Confirmations only: the URL to visit to confirm, and the token. */
MW_API const char *mw_sns_envelope_subscribe_url(const mw_sns_envelope *envelope);
MW_API const char *mw_sns_envelope_token(const mw_sns_envelope *envelope);
/* Notifications: the URL that unsubscribes the endpoint. */
MW_API const char *mw_sns_envelope_unsubscribe_url(const mw_sns_envelope *envelope);
/* Frees envelope. Accepts NULL. */
MW_API void mw_sns_envelope_free(mw_sns_envelope *envelope);

/* ------------------------------------------------------------------------ */
/* Tracker values                                                           */
/* ------------------------------------------------------------------------ */

/* An account's sending standing. */
typedef enum mw_account_status {
    MW_ACCOUNT_ACTIVE = 0,
    MW_ACCOUNT_WARNING = 1,  /* a rate crossed its warning line; sending goes on */
    MW_ACCOUNT_SUSPENDED = 2 /* every send is refused until an explicit resume */
} mw_account_status;

/* Why an address is suppressed. */
typedef enum mw_tracker_suppression_reason {
    MW_SUPPRESSION_BOUNCE = 0,    /* a hard bounce, or too many soft bounces */
    MW_SUPPRESSION_COMPLAINT = 1, /* the recipient reported the mail as spam */
    MW_SUPPRESSION_MANUAL = 2     /* added by the platform or an operator */
} mw_tracker_suppression_reason;

/* "active", "warning", "suspended"; "bounce", "complaint", "manual". NULL for
 * a number that is none. Static storage. Thread safety: any thread. */
MW_API const char *mw_account_status_name(int status);
MW_API const char *mw_suppression_reason_name(int reason);

/* Times below are seconds since the Unix epoch, UTC. */

/* A suppressed address, in one account or (account "*") in all. Immutable;
 * readable from any thread. Destroyed with mw_suppression_free unless
 * borrowed (from a page or a report). Accessors on NULL give "", -1, 0. */
typedef struct mw_suppression mw_suppression;

/* The account, or "*" for a global suppression. */
MW_API const char *mw_suppression_account(const mw_suppression *suppression);
/* The address, normalised (lower-case domain). */
MW_API const char *mw_suppression_address(const mw_suppression *suppression);
/* An mw_tracker_suppression_reason value. */
MW_API int mw_suppression_reason(const mw_suppression *suppression);
/* When it was suppressed. */
MW_API int64_t mw_suppression_at(const mw_suppression *suppression);
/* The idempotency key of the feedback that caused it; "" for manual ones. */
MW_API const char *mw_suppression_evidence_key(const mw_suppression *suppression);
/* That feedback's enhanced status code and the remote server's text. */
MW_API const char *mw_suppression_status(const mw_suppression *suppression);
MW_API const char *mw_suppression_diagnostic(const mw_suppression *suppression);
/* The note given with a manual suppression. */
MW_API const char *mw_suppression_note(const mw_suppression *suppression);
/* One JSON object: account, address, reason, at (RFC 3339), evidence_key,
 * status, diagnostic, note (null where empty). *out is freed with
 * mw_string_free. Errors: MW_EINVAL (NULL out or suppression), MW_ENOMEM. */
MW_API int mw_suppression_to_json(char **out, const mw_suppression *suppression, mw_error **err);
/* Frees suppression. Accepts NULL. Not for one borrowed from a page or report. */
MW_API void mw_suppression_free(mw_suppression *suppression);

/* Suppressions of one account in address order. Immutable; readable from
 * any thread. Destroyed with mw_suppression_page_free. */
typedef struct mw_suppression_page mw_suppression_page;

/* Number of suppressions (0 for NULL). */
MW_API size_t mw_suppression_page_count(const mw_suppression_page *page);
/* The index-th suppression, borrowed from page; NULL when index >= count. */
MW_API const mw_suppression *mw_suppression_page_get(const mw_suppression_page *page, size_t index);
/* The `after` to pass for the next page: the last address when the page is
 * full, "" when it is the last page (or NULL). */
MW_API const char *mw_suppression_page_next_after(const mw_suppression_page *page);
/* Frees page and every suppression borrowed from it. Accepts NULL. */
MW_API void mw_suppression_page_free(mw_suppression_page *page);

/* One status change of an account. Immutable; readable from any thread.
 * Borrowed from a list, a report or a callback (never freed on its own).
 * Accessors on NULL give "", -1, 0. */
typedef struct mw_status_change mw_status_change;

MW_API const char *mw_status_change_account(const mw_status_change *change);
/* When it changed. */
MW_API int64_t mw_status_change_at(const mw_status_change *change);
/* mw_account_status values. */
MW_API int mw_status_change_from(const mw_status_change *change);
MW_API int mw_status_change_to(const mw_status_change *change);
/* "mailwarden" for automatic changes; who resumed otherwise. */
MW_API const char *mw_status_change_actor(const mw_status_change *change);
/* Why ("bounce rate 5.20 % ..." or the reason given to a resume). */
MW_API const char *mw_status_change_reason(const mw_status_change *change);
/* One JSON object: account, at, from, to, actor, reason. *out is freed with
 * mw_string_free. Errors: MW_EINVAL (NULL out or change), MW_ENOMEM. */
MW_API int mw_status_change_to_json(char **out, const mw_status_change *change, mw_error **err);

/* An account's audit log, oldest first. Immutable; readable from any
 * thread. Destroyed with mw_status_change_list_free. */
typedef struct mw_status_change_list mw_status_change_list;

MW_API size_t mw_status_change_list_count(const mw_status_change_list *list);
/* Borrowed from list; NULL when index >= count. */
MW_API const mw_status_change *mw_status_change_list_get(const mw_status_change_list *list, size_t index);
/* Frees list and every change borrowed from it. Accepts NULL. */
MW_API void mw_status_change_list_free(mw_status_change_list *list);

/* One account's figures. sends, hard_bounces, soft_bounces and complaints
 * count within the window the rates use; the totals count everything.
 * Immutable; readable from any thread. Destroyed with
 * mw_account_stats_free. Accessors on NULL give "", -1, 0. */
typedef struct mw_account_stats mw_account_stats;

MW_API const char *mw_account_stats_account(const mw_account_stats *stats);
/* An mw_account_status value. */
MW_API int mw_account_stats_status(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_sends(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_hard_bounces(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_soft_bounces(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_complaints(const mw_account_stats *stats);
/* Fractions (0.05 = 5 %); 0 without sends. */
MW_API double mw_account_stats_bounce_rate(const mw_account_stats *stats);
MW_API double mw_account_stats_complaint_rate(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_total_sends(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_total_hard_bounces(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_total_soft_bounces(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_total_complaints(const mw_account_stats *stats);
MW_API int64_t mw_account_stats_total_deliveries(const mw_account_stats *stats);
/* The last status change; 0 when the status never changed. */
MW_API int64_t mw_account_stats_status_since(const mw_account_stats *stats);
/* Why the account has its status; "" when active from the start. */
MW_API const char *mw_account_stats_status_reason(const mw_account_stats *stats);
/* One JSON object: account, sends, hard_bounces, soft_bounces, complaints,
 * bounce_rate, complaint_rate, status, status_since, status_reason, totals.
 * *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or stats), MW_ENOMEM. */
MW_API int mw_account_stats_to_json(char **out, const mw_account_stats *stats, mw_error **err);
/* Frees stats. Accepts NULL. */
MW_API void mw_account_stats_free(mw_account_stats *stats);

/* What one ingest or recorded send did. Outcomes seen before (same
 * idempotency key) count as duplicates and change nothing. Immutable;
 * readable from any thread. Destroyed with mw_ingest_report_free. Counts on
 * NULL are 0. */
typedef struct mw_ingest_report mw_ingest_report;

/* Documents read. */
MW_API int64_t mw_ingest_report_events(const mw_ingest_report *report);
/* Recipient outcomes (or whole documents) seen before. */
MW_API int64_t mw_ingest_report_duplicates(const mw_ingest_report *report);
/* New sends counted. */
MW_API int64_t mw_ingest_report_sends(const mw_ingest_report *report);
MW_API int64_t mw_ingest_report_deliveries(const mw_ingest_report *report);
MW_API int64_t mw_ingest_report_hard_bounces(const mw_ingest_report *report);
MW_API int64_t mw_ingest_report_soft_bounces(const mw_ingest_report *report);
MW_API int64_t mw_ingest_report_complaints(const mw_ingest_report *report);
/* Outcomes that count for nothing (delays, opens, auto-replies ...). */
MW_API int64_t mw_ingest_report_ignored(const mw_ingest_report *report);
/* The addresses newly suppressed: count and the index-th (borrowed; NULL
 * when index >= count). */
MW_API size_t mw_ingest_report_suppressed_count(const mw_ingest_report *report);
MW_API const mw_suppression *mw_ingest_report_suppressed_get(const mw_ingest_report *report, size_t index);
/* The status changes it caused: count and the index-th (borrowed). */
MW_API size_t mw_ingest_report_status_change_count(const mw_ingest_report *report);
MW_API const mw_status_change *mw_ingest_report_status_change_get(const mw_ingest_report *report, size_t index);
/* One JSON object with the counts, the new suppressions and the status
 * changes. *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or report), MW_ENOMEM. */
MW_API int mw_ingest_report_to_json(char **out, const mw_ingest_report *report, mw_error **err);
/* Frees report and everything borrowed from it. Accepts NULL. */
MW_API void mw_ingest_report_free(mw_ingest_report *report);

/* ------------------------------------------------------------------------ */
/* Tracker options                                                          */
/* ------------------------------------------------------------------------ */

/* The tracker's lines and counts. Created with mw_tracker_options_new
 * (holding the defaults below), destroyed with mw_tracker_options_free. Not
 * thread-safe while being modified; only read by mw_tracker_open and
 * mw_registry_options_set_tracker_options, which copy it.
 * Each setter: Errors: MW_EINVAL (NULL options or a value out of range). */
typedef struct mw_tracker_options mw_tracker_options;

/* Errors: MW_EINVAL (out NULL), MW_ENOMEM. */
MW_API int mw_tracker_options_new(mw_tracker_options **out, mw_error **err);
/* Frees options. Accepts NULL. */
MW_API void mw_tracker_options_free(mw_tracker_options *options);
/* The rate lines, as fractions in (0, 1]: an account whose rate reaches a
 * suspend line is suspended, a warning line puts it in warning. Defaults:
 * bounce_suspend 0.05, complaint_warning 0.001, complaint_suspend 0.005.
 * bounce_warning has no default: 0 (the default) means none. */
MW_API int mw_tracker_options_set_bounce_suspend(mw_tracker_options *options, double rate, mw_error **err);
MW_API int mw_tracker_options_set_bounce_warning(mw_tracker_options *options, double rate, mw_error **err);
MW_API int mw_tracker_options_set_complaint_warning(mw_tracker_options *options, double rate, mw_error **err);
MW_API int mw_tracker_options_set_complaint_suspend(mw_tracker_options *options, double rate, mw_error **err);
/* Rates are taken over this many of the account's latest sends (>= 1;
 * default 10000). */
MW_API int mw_tracker_options_set_window_sends(mw_tracker_options *options, int64_t sends, mw_error **err);
/* No status change while the window holds fewer sends (>= 0; default 500). */
MW_API int mw_tracker_options_set_minimum_sends(mw_tracker_options *options, int64_t sends, mw_error **err);
/* This many soft bounces of one address within period_seconds, with no
 * delivery in between, suppress it (limit >= 0, 0: never; period >= 1;
 * defaults 3 and 7 days). */
MW_API int mw_tracker_options_set_soft_bounce_limit(mw_tracker_options *options, int limit, int64_t period_seconds,
                                                    mw_error **err);
/* Automatic suppressions apply to every account (boolean; off by default). */
MW_API int mw_tracker_options_set_suppress_globally(mw_tracker_options *options, int on, mw_error **err);
/* Count sends to, and feedback from, the SES mailbox simulator (boolean;
 * off by default, as SES does; demos turn it on). */
MW_API int mw_tracker_options_set_count_simulator(mw_tracker_options *options, int on, mw_error **err);
/* The account used when a call passes NULL, and of feedback that names none
 * and matches no recorded send (default "default"; not empty). A registry's
 * tracker uses the registry's default account instead. */
MW_API int mw_tracker_options_set_default_account(mw_tracker_options *options, const char *account,
                                                  mw_error **err);

/* ------------------------------------------------------------------------ */
/* The tracker                                                              */
/* ------------------------------------------------------------------------ */

/* The bounce and complaint tracker of every account in one SQLite store.
 * Thread-safe: any function may be called from any thread, also from inside
 * a status callback; several processes may share one store. Reference-
 * counted: mw_tracker_free may be called while other calls on it run, or
 * from a callback; the tracker closes when the last running call returns.
 * `account` may be NULL everywhere below: the default account. */
typedef struct mw_tracker mw_tracker;

/* Opens (creating and migrating as needed) the tracker's tables in the
 * SQLite file at path — a registry's file may hold them too, and then its
 * sends are gated by what this tracker records — ":memory:" for a private
 * store, or in the PostgreSQL database a "postgresql://" URL names (libpq's
 * connection URI; TLS and timeout parameters pass through), shared by every
 * instance that opens the same URL. options may be NULL for the defaults. *out is freed with
 * mw_tracker_free. Errors: MW_EINVAL (NULL out, NULL or empty path),
 * MW_EIO (the store is unusable), MW_EPARSE (a store of a newer schema),
 * MW_ENOMEM. */
MW_API int mw_tracker_open(mw_tracker **out, const char *path, const mw_tracker_options *options, mw_error **err);
/* The tracker that gates registry's sends (same store, same clock, the
 * registry's default account), as a handle of its own: either handle may be
 * freed first. *out is freed with mw_tracker_free.
 * Errors: MW_EINVAL (NULL out, NULL or closed registry), MW_ENOMEM. */
MW_API int mw_registry_tracker(mw_tracker **out, mw_registry *registry, mw_error **err);
/* Releases the caller's reference. Accepts NULL. Safe while calls run on
 * other threads and from inside a callback. The callbacks subscribed through
 * this handle end with it: none starts after the handle has closed, and
 * when mw_tracker_free returns outside a callback with no call running on
 * the handle, none is running any more. */
MW_API void mw_tracker_free(mw_tracker *tracker);

/* Classifies one document (as mw_feedback_parse) and applies it: counts,
 * suppressions, status changes, in one transaction. account names the
 * account it belongs to; NULL: the account of the recorded send each
 * recipient matches (by message id), else the default account. Feeding the
 * same document twice changes nothing (duplicates). out may be NULL when the
 * report is not wanted; else *out is freed with mw_ingest_report_free.
 * Errors: MW_EINVAL (NULL or closed tracker, NULL document with a non-zero
 * length), MW_EPARSE, MW_ERANGE (as mw_feedback_parse), MW_EIO (nothing was
 * applied), MW_ENOMEM. */
MW_API int mw_tracker_ingest(mw_ingest_report **out, mw_tracker *tracker, const char *document,
                             size_t document_length, const char *account, mw_error **err);
/* Applies count documents (documents[i] of lengths[i] bytes) atomically:
 * all of them or, on any error (one that does not parse included), none.
 * Errors: as mw_tracker_ingest; MW_EINVAL also for NULL documents or lengths
 * with count > 0, or a NULL document of non-zero length. */
MW_API int mw_tracker_ingest_batch(mw_ingest_report **out, mw_tracker *tracker, const char *const *documents,
                                   const size_t *lengths, size_t count, const char *account, mw_error **err);
/* Records a send made outside the tracker's sight: one send per recipient,
 * keyed on (message id, recipient), so recording it twice counts it once.
 * out may be NULL. Errors: MW_EINVAL (NULL or closed tracker, NULL or empty
 * message id, NULL recipients with count > 0, a NULL recipient), MW_EIO,
 * MW_ENOMEM. */
MW_API int mw_tracker_record_send(mw_ingest_report **out, mw_tracker *tracker, const char *account,
                                  const char *message_id, const char *const *recipients, size_t recipient_count,
                                  mw_error **err);
/* The account's figures (zeros for an account never seen). *out is freed
 * with mw_account_stats_free. Errors: MW_EINVAL (NULL out, NULL or closed
 * tracker), MW_EIO, MW_ENOMEM. */
MW_API int mw_tracker_stats(mw_account_stats **out, mw_tracker *tracker, const char *account, mw_error **err);
/* Lifts a suspension (or clears a warning): the account becomes active, the
 * change is logged with actor and reason, and the rate window starts afresh.
 * out (may be NULL) receives the figures after it (mw_account_stats_free).
 * Errors: MW_EINVAL (NULL or closed tracker, NULL or empty actor or reason),
 * MW_EIO, MW_ENOMEM. */
MW_API int mw_tracker_resume(mw_account_stats **out, mw_tracker *tracker, const char *account, const char *actor,
                             const char *reason, mw_error **err);
/* The account's status changes, oldest first. *out is freed with
 * mw_status_change_list_free. Errors: MW_EINVAL, MW_EIO, MW_ENOMEM. */
MW_API int mw_tracker_audit_log(mw_status_change_list **out, mw_tracker *tracker, const char *account,
                                mw_error **err);

/* The suppression that applies to address in account (its own or a global
 * one). *out is freed with mw_suppression_free. Errors: MW_ENOTFOUND (none),
 * MW_EINVAL (NULL out, NULL or closed tracker, NULL address), MW_EIO. */
MW_API int mw_tracker_find_suppression(mw_suppression **out, mw_tracker *tracker, const char *address,
                                       const char *account, mw_error **err);
/* One page of the account's suppressions ("*": the global ones), in address
 * order, after the address `after` (NULL or "" for the first page), at most
 * limit (1..1000) of them. *out is freed with mw_suppression_page_free.
 * Errors: MW_EINVAL (NULL out, NULL or closed tracker, limit out of range),
 * MW_EIO, MW_ENOMEM. */
MW_API int mw_tracker_list_suppressions(mw_suppression_page **out, mw_tracker *tracker, const char *account,
                                        size_t limit, const char *after, mw_error **err);
/* Suppresses address by hand in account ("*": globally), replacing what was
 * there; note (may be NULL) is kept with it. out may be NULL; else *out is
 * freed with mw_suppression_free. Errors: MW_EINVAL (NULL or closed tracker,
 * NULL address or not an address), MW_EIO, MW_ENOMEM. */
MW_API int mw_tracker_suppress(mw_suppression **out, mw_tracker *tracker, const char *address, const char *account,
                               const char *note, mw_error **err);
/* Lifts the account's ("*": the global) suppression of address, and its
 * soft-bounce count. Errors: MW_ENOTFOUND (there was none), MW_EINVAL (NULL
 * or closed tracker, NULL address), MW_EIO. */
MW_API int mw_tracker_unsuppress(mw_tracker *tracker, const char *address, const char *account, mw_error **err);

/* Called once per status change of an account, after it is committed, on
 * the thread that made it: the caller of mw_tracker_ingest,
 * mw_tracker_ingest_batch, mw_tracker_record_send or mw_tracker_resume, or of
 * mw_registry_send / mw_registry_send_receipt for a registry's tracker.
 * change is borrowed for the duration of the call. The callback may call any
 * tracker function, mw_tracker_unsubscribe and mw_tracker_free included. */
typedef void (*mw_tracker_status_fn)(const mw_status_change *change, void *user_data);

/* Registers fn; *id identifies it for mw_tracker_unsubscribe.
 * Errors: MW_EINVAL (NULL id or fn, NULL or closed tracker), MW_ENOMEM. */
MW_API int mw_tracker_subscribe(int *id, mw_tracker *tracker, mw_tracker_status_fn fn, void *user_data,
                                mw_error **err);
/* Stops deliveries to the callback of id (subscribed through this handle).
 * From any thread, also from inside a callback (that delivery finishes; none
 * starts after). When it returns outside a callback, no delivery to id is
 * running any more, so user_data may be freed.
 * Errors: MW_EINVAL (NULL or closed tracker), MW_ENOTFOUND (no such id). */
MW_API int mw_tracker_unsubscribe(mw_tracker *tracker, int id, mw_error **err);

/* ------------------------------------------------------------------------ */
/* The SNS endpoint                                                         */
/* ------------------------------------------------------------------------ */

/* What a feedback endpoint does besides what its mw_sns_options say (topic
 * allow-list, raw deliveries, certificates supplied). Created with
 * mw_endpoint_options_new, destroyed with mw_endpoint_options_free. Not
 * thread-safe while being modified; mw_feedback_endpoint_open copies it.
 * Each setter: Errors: MW_EINVAL (NULL options or a bad value). */
typedef struct mw_endpoint_options mw_endpoint_options;

/* Errors: MW_EINVAL (out NULL), MW_ENOMEM. */
MW_API int mw_endpoint_options_new(mw_endpoint_options **out, mw_error **err);
/* Frees options. Accepts NULL. */
MW_API void mw_endpoint_options_free(mw_endpoint_options *options);
/* The account the feedback is booked to; NULL or "" (the default): as
 * mw_tracker_ingest with a NULL account. */
MW_API int mw_endpoint_options_set_account(mw_endpoint_options *options, const char *account, mw_error **err);
/* Fetch a signing certificate that was not supplied from its
 * SigningCertURL (https, an SNS host, TLS verified), keeping it by URL
 * (boolean; on by default). Off: only the supplied certificates are used,
 * and a delivery signed with another is answered 503. */
MW_API int mw_endpoint_options_set_fetch_certificates(mw_endpoint_options *options, int on, mw_error **err);
/* Confirm SubscriptionConfirmation deliveries of allow-listed topics by
 * visiting their SubscribeURL (boolean; off by default; needs a topic
 * allow-list). Off: the outcome's envelope carries the SubscribeURL and the
 * host decides. */
MW_API int mw_endpoint_options_set_auto_confirm(mw_endpoint_options *options, int on, mw_error **err);
/* TLS roots (a PEM file) for certificate fetches and confirmations; NULL
 * or "" (the default): the system's. */
MW_API int mw_endpoint_options_set_ca_file(mw_endpoint_options *options, const char *path, mw_error **err);

/* What one delivery came to. Immutable; readable from any thread.
 * Destroyed with mw_feedback_outcome_free. Accessors on NULL give 0, "" or
 * NULL. */
typedef struct mw_feedback_outcome mw_feedback_outcome;

/* The HTTP status to answer SNS with: 200 taken (or taken before, or a
 * (un)subscription), 400 a body this endpoint cannot read, 403 one not to
 * be trusted (bad signature, certificate URL or topic), 500 or 503 a
 * failure on this side (the store, a certificate that could not be had):
 * SNS delivers again later. */
MW_API int mw_feedback_outcome_http_status(const mw_feedback_outcome *outcome);
/* One line for logs and the answer's body. */
MW_API const char *mw_feedback_outcome_message(const mw_feedback_outcome *outcome);
/* 1 when a subscription was confirmed. */
MW_API int mw_feedback_outcome_confirmed(const mw_feedback_outcome *outcome);
/* The verified envelope (borrowed), NULL when the delivery was refused. */
MW_API const mw_sns_envelope *mw_feedback_outcome_envelope(const mw_feedback_outcome *outcome);
/* What the notification did to the tracker (borrowed), NULL unless one was
 * committed. */
MW_API const mw_ingest_report *mw_feedback_outcome_report(const mw_feedback_outcome *outcome);
/* Why the status is not 200 (borrowed; mw_error_code, mw_error_message and
 * mw_sns_rejection_name read it), NULL at 200. */
MW_API const mw_error *mw_feedback_outcome_error(const mw_feedback_outcome *outcome);
/* Frees outcome and everything borrowed from it. Accepts NULL. */
MW_API void mw_feedback_outcome_free(mw_feedback_outcome *outcome);

/* The handler a host plugs into the HTTP route SNS POSTs to: the body goes
 * in; it is verified (envelope, certificate URL, topic, signature), an SES
 * notification in it is classified and committed to the tracker, and the
 * outcome says what to answer. The host owns the server and its threads.
 * Thread-safe: mw_feedback_endpoint_handle may run on any number of
 * threads. Reference-counted: mw_feedback_endpoint_free may be called while
 * calls run; the endpoint closes when the last one returns. It keeps the
 * tracker open itself, so the tracker handle may be freed first. */
typedef struct mw_feedback_endpoint mw_feedback_endpoint;

/* sns_options and options may be NULL for the defaults (every topic, no raw
 * deliveries, certificates fetched). *out is freed with
 * mw_feedback_endpoint_free. Errors: MW_EINVAL (NULL out, NULL or closed
 * tracker, auto-confirm without a topic allow-list), MW_ENOMEM. */
MW_API int mw_feedback_endpoint_open(mw_feedback_endpoint **out, mw_tracker *tracker,
                                     const mw_sns_options *sns_options, const mw_endpoint_options *options,
                                     mw_error **err);
/* Handles one POST body. Every outcome of the delivery itself, refusals
 * and store failures included, is MW_OK with *out telling it (free it with
 * mw_feedback_outcome_free). Blocks while a certificate is fetched or a
 * subscription confirmed. Errors: MW_EINVAL (NULL out, NULL or closed
 * endpoint, NULL body with a non-zero length), MW_ENOMEM. */
MW_API int mw_feedback_endpoint_handle(mw_feedback_outcome **out, mw_feedback_endpoint *endpoint, const char *body,
                                       size_t body_length, mw_error **err);
/* Releases the caller's reference. Accepts NULL. Safe while calls run on
 * other threads. */
MW_API void mw_feedback_endpoint_free(mw_feedback_endpoint *endpoint);

/* ------------------------------------------------------------------------ */
/* The registry's tracker and sends                                          */
/* ------------------------------------------------------------------------ */

/* The lines and counts of the tracker that registries opened with these
 * options keep in their store (copied; its default account is the
 * registry's). Errors: MW_EINVAL (NULL options or tracker_options). */
MW_API int mw_registry_options_set_tracker_options(mw_registry_options *options,
                                                   const mw_tracker_options *tracker_options, mw_error **err);

/* What a send through the registry did. Immutable; readable from any
 * thread. Destroyed with mw_send_receipt_free. Accessors on NULL give "" or
 * 0. */
typedef struct mw_send_receipt mw_send_receipt;

/* As mw_registry_send (same arguments, same errors: MW_ESUSPENDED when the
 * account is suspended, MW_ESUPPRESSED when every recipient is suppressed),
 * and on success *out tells which recipients were left out. *out is freed
 * with mw_send_receipt_free. */
MW_API int mw_registry_send_receipt(mw_send_receipt **out, mw_registry *registry, const char *from,
                                    const char *const *to, size_t to_count, const char *subject, const char *text,
                                    const char *html, const char *account, mw_error **err);
/* The transport's id of the message sent, borrowed. */
MW_API const char *mw_send_receipt_message_id(const mw_send_receipt *receipt);
/* The recipients left out because they are suppressed, as given: count and
 * the index-th (borrowed; "" when index >= count). */
MW_API size_t mw_send_receipt_suppressed_count(const mw_send_receipt *receipt);
MW_API const char *mw_send_receipt_suppressed_get(const mw_send_receipt *receipt, size_t index);
/* Set when the mail went out but the tracker could not record the send (its
 * store failed): the send is then missing from the rates. "" otherwise. */
MW_API const char *mw_send_receipt_record_error(const mw_send_receipt *receipt);
/* Frees receipt. Accepts NULL. */
MW_API void mw_send_receipt_free(mw_send_receipt *receipt);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_BOUNCE_H */
