/*
 * mailwarden/ses.h — the Amazon SES v2 client: identities and their MAIL FROM,
 * sending, the account's suppression list, custom verification emails; and
 * the registry and domain report over SES. See docs/ses.md.
 */
#ifndef MAILWARDEN_SES_H
#define MAILWARDEN_SES_H

#include <mailwarden/common.h>
#include <mailwarden/dns.h>
#include <mailwarden/domain_auth.h>
#include <mailwarden/sender.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Calls to Amazon SES v2 (or a compatible local server), signed with SigV4,
 * over keep-alive HTTPS, retried on throttling and transient failures with
 * capped exponential backoff. A failed call's mw_error tells what SES said:
 * mw_error_service_code ("MessageRejected", "Throttling" ...),
 * mw_error_http_status, mw_error_request_id, mw_error_attempts, whether to
 * try again later (mw_error_retryable) and whether a send may have gone out
 * (mw_error_outcome_unknown). The status codes, one mapping for every part
 * of the library (docs/c-api.md has the table):
 *   not found                          MW_ENOTFOUND
 *   already exists                     MW_EEXIST
 *   bad request, message rejected,
 *   invalid configuration              MW_EINVAL
 *   MAIL FROM domain not verified      MW_ENOTVERIFIED
 *   account suspended, sending paused  MW_ESUSPENDED
 *   no complete answer in time         MW_ETIMEDOUT
 *   an answer that cannot be parsed    MW_EPARSE
 *   access denied, signature refused,
 *   no credentials                     MW_EAUTH
 *   cancelled before it was sent       MW_ECANCELLED
 *   anything else (throttled after the
 *   last attempt, a quota, connection
 *   or TLS failure, 5xx ...)           MW_ETRANSPORT
 * The message is one line naming the service's error type, the HTTP status,
 * the service's message and the request id; it never contains credentials. */

/* Suppression reasons. */
typedef enum mw_ses_suppression_reason {
    MW_SES_SUPPRESSION_BOUNCE = 0,
    MW_SES_SUPPRESSION_COMPLAINT = 1
} mw_ses_suppression_reason;

/* What SES does with a message when the MX record of the custom MAIL FROM
 * domain is missing (BehaviorOnMxFailure). */
typedef enum mw_ses_mx_failure {
    MW_SES_MX_FAILURE_USE_DEFAULT_VALUE = 0, /* send with SES's own MAIL FROM (amazonses.com) */
    MW_SES_MX_FAILURE_REJECT_MESSAGE = 1     /* refuse the message (MailFromDomainNotVerified) */
} mw_ses_mx_failure;

/* Page sizes of the list functions: 0 lets SES choose, at most this many. */
#define MW_SES_MAX_PAGE_SIZE 1000

/* Options for opening a client. Created with mw_ses_options_new, destroyed
 * with mw_ses_options_free. Not thread-safe while being modified; the client
 * keeps its own copy, so options may be freed right after mw_ses_client_open.
 * Defaults: region from AWS_REGION, AWS_DEFAULT_REGION or the profile;
 * endpoint https://email.<region>.amazonaws.com; credentials from the default
 * chain (environment, then ~/.aws files); 3 attempts; SendEmail not retried
 * after a failure that may have reached SES; sends paced at the account's
 * MaxSendRate. Errors of mw_ses_options_new: MW_EINVAL (out NULL), MW_ENOMEM. */
typedef struct mw_ses_options mw_ses_options;

/* Creates options holding the defaults above. Errors: MW_EINVAL (out NULL),
 * MW_ENOMEM. */
MW_API int mw_ses_options_new(mw_ses_options **out, mw_error **err);
/* Frees options (wiping a secret set on them). Accepts NULL. */
MW_API void mw_ses_options_free(mw_ses_options *options);

/* Setters. Errors: MW_EINVAL when options is NULL or a value is invalid. */

/* "eu-west-1". NULL or "" restores the default (environment, profile). */
MW_API int mw_ses_options_set_region(mw_ses_options *options, const char *region, mw_error **err);
/* The service URL, e.g. "http://127.0.0.1:8005" for a local server. NULL or
 * "" restores the default. http:// needs mw_ses_options_set_allow_plaintext. */
MW_API int mw_ses_options_set_endpoint(mw_ses_options *options, const char *url, mw_error **err);
/* Allow http:// endpoints (boolean; off by default): local test servers only. */
MW_API int mw_ses_options_set_allow_plaintext(mw_ses_options *options, int allow, mw_error **err);
/* Trusted roots as a PEM file; NULL or "" for the system store. */
MW_API int mw_ses_options_set_ca_file(mw_ses_options *options, const char *path, mw_error **err);
/* Explicit credentials instead of the default chain. session_token may be
 * NULL. The values are copied; the secret and the token are never written
 * to an error message. MW_EINVAL when access_key_id or secret_access_key is
 * NULL or empty. */
MW_API int mw_ses_options_set_credentials(mw_ses_options *options, const char *access_key_id,
                                          const char *secret_access_key, const char *session_token,
                                          mw_error **err);
/* Attempts per call including the first, 1..10 (default 3). */
MW_API int mw_ses_options_set_max_attempts(mw_ses_options *options, int attempts, mw_error **err);
/* Also retry SendEmail after a failure where the request may have reached
 * SES (boolean; off by default): the message may then go out twice. */
MW_API int mw_ses_options_set_retry_non_idempotent(mw_ses_options *options, int retry, mw_error **err);
/* Pace mw_ses_send_email at the account's MaxSendRate (boolean; on by
 * default). The first send asks GetAccount (sends meanwhile wait for it);
 * if that fails, sends go at 1 per second and GetAccount is asked again at
 * most every 30 s. */
MW_API int mw_ses_options_set_rate_limit(mw_ses_options *options, int on, mw_error **err);
/* Messages per second to pace at instead of asking GetAccount; 0 asks.
 * MW_EINVAL when negative or not finite. */
MW_API int mw_ses_options_set_max_send_rate(mw_ses_options *options, double per_second, mw_error **err);

/* A client. Thread-safe: every call below may be made from any thread at the
 * same time; calls block until SES answers (retries included).
 * Reference-counted: mw_ses_client_free may be called while calls run on
 * other threads; the client closes when the last of them returns and no
 * registry opened over it remains. */
typedef struct mw_ses_client mw_ses_client;

/* Opens a client; options may be NULL for the defaults. No request is sent:
 * credentials are looked up by each call, and an unusable CA file fails the
 * calls over https; both with MW_ETRANSPORT.
 * Errors: MW_EINVAL (out NULL, bad endpoint URL, http:// not allowed, no
 * region), MW_ENOMEM. */
MW_API int mw_ses_client_open(mw_ses_client **out, const mw_ses_options *options, mw_error **err);
/* Releases the caller's reference. Accepts NULL. Calls running on other
 * threads finish; registries opened over the client
 * (mw_registry_options_set_ses_client) keep using it; its connections close
 * when the last of them is gone too. */
MW_API void mw_ses_client_free(mw_ses_client *client);

/* Makes registries opened with these options verify and send through Amazon
 * SES over client instead of the local transport: CreateEmailIdentity sends
 * AWS's verification mail (or SendCustomVerificationEmail with the template
 * named by verification_template, when not NULL), refresh reads
 * GetEmailIdentity, sends use SendEmail (in configuration_set when not NULL).
 * The options, and registries opened with them, hold their own reference to
 * the client: the handle may be freed after this call. No outbox is needed;
 * mw_registry_confirm and mw_registry_last_link fail with MW_EINVAL (the
 * links are SES's). Errors: MW_EINVAL (NULL options or client, empty name). */
MW_API int mw_registry_options_set_ses_client(mw_registry_options *options, const mw_ses_client *client,
                                              const char *verification_template, const char *configuration_set,
                                              mw_error **err);

/* An email identity (address or domain) as SES reports it. Immutable;
 * readable from any thread. Destroyed with mw_ses_identity_free. */
typedef struct mw_ses_identity mw_ses_identity;

/* Accessors: strings are borrowed from identity. NULL identity: "" / 0. */
MW_API const char *mw_ses_identity_name(const mw_ses_identity *identity);
/* "EMAIL_ADDRESS", "DOMAIN" or "MANAGED_DOMAIN". */
MW_API const char *mw_ses_identity_type(const mw_ses_identity *identity);
/* "PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED" or
 * "UNKNOWN" (absent, or a value this version does not know). */
MW_API const char *mw_ses_identity_verification_status(const mw_ses_identity *identity);
/* 1 when SES lets the identity send, else 0. */
MW_API int mw_ses_identity_verified_for_sending(const mw_ses_identity *identity);
/* Number of Easy DKIM tokens of a domain (publish
 * <token>._domainkey.<domain> CNAMEs). */
MW_API size_t mw_ses_identity_dkim_token_count(const mw_ses_identity *identity);
/* The index-th token, borrowed; "" when index >= count. */
MW_API const char *mw_ses_identity_dkim_token_get(const mw_ses_identity *identity, size_t index);
/* The custom MAIL FROM domain; "" when the identity uses SES's own. */
MW_API const char *mw_ses_identity_mail_from_domain(const mw_ses_identity *identity);
/* The MAIL FROM domain's status: "PENDING", "SUCCESS", "FAILED",
 * "TEMPORARY_FAILURE" or "UNKNOWN" (also when there is no custom domain). */
MW_API const char *mw_ses_identity_mail_from_status(const mw_ses_identity *identity);
/* "USE_DEFAULT_VALUE" or "REJECT_MESSAGE" as SES reports it; "" when absent. */
MW_API const char *mw_ses_identity_mail_from_behavior(const mw_ses_identity *identity);
/* The identity as one JSON object with the keys name, type,
 * verification_status, verified_for_sending, dkim (signing_enabled, status,
 * tokens), mail_from (domain, status, behavior_on_mx_failure) and
 * configuration_set. *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or identity), MW_ENOMEM. */
MW_API int mw_ses_identity_to_json(char **out, const mw_ses_identity *identity, mw_error **err);
/* Frees identity. Accepts NULL. Must not be called on an identity borrowed
 * from a page. */
MW_API void mw_ses_identity_free(mw_ses_identity *identity);

/* CreateEmailIdentity: an address gets a verification mail, a domain its
 * DKIM tokens. out may be NULL when the identity is not wanted.
 * Errors: MW_EINVAL (NULL client or identity, refused by SES), MW_EEXIST,
 * MW_ETRANSPORT ... (see the table above). */
MW_API int mw_ses_create_identity(mw_ses_identity **out, mw_ses_client *client, const char *identity,
                                  mw_error **err);
/* GetEmailIdentity. Errors: MW_EINVAL, MW_ENOTFOUND, MW_ETRANSPORT ... */
MW_API int mw_ses_get_identity(mw_ses_identity **out, mw_ses_client *client, const char *identity,
                               mw_error **err);
/* DeleteEmailIdentity. Errors: MW_EINVAL, MW_ENOTFOUND, MW_ETRANSPORT ... */
MW_API int mw_ses_delete_identity(mw_ses_client *client, const char *identity, mw_error **err);

/* One page of ListEmailIdentities: the identities of the account (without
 * their DKIM or MAIL FROM details; ask mw_ses_get_identity for those) and
 * the token of the next page. Immutable; readable from any thread.
 * Destroyed with mw_ses_identity_page_free. */
typedef struct mw_ses_identity_page mw_ses_identity_page;

/* ListEmailIdentities, one page. page_size is 1..MW_SES_MAX_PAGE_SIZE, or 0
 * to let SES choose; next_token is NULL or "" for the first page, else the
 * token of the page before (mw_ses_identity_page_next_token). *out is freed
 * with mw_ses_identity_page_free.
 * Errors: MW_EINVAL (NULL out or client, page_size out of range, a token SES
 * refuses), MW_ETRANSPORT ... (see the table above). */
MW_API int mw_ses_list_identities(mw_ses_identity_page **out, mw_ses_client *client, int page_size,
                                  const char *next_token, mw_error **err);
/* Number of identities on the page (0 for NULL). */
MW_API size_t mw_ses_identity_page_count(const mw_ses_identity_page *page);
/* The index-th identity, borrowed from page (read it with the
 * mw_ses_identity_* accessors; it has no DKIM or MAIL FROM details); NULL
 * when index >= count. */
MW_API const mw_ses_identity *mw_ses_identity_page_get(const mw_ses_identity_page *page, size_t index);
/* The token to pass for the next page, borrowed; "" on the last page. */
MW_API const char *mw_ses_identity_page_next_token(const mw_ses_identity_page *page);
/* The page as one JSON object: identities (name, type, sending_enabled,
 * verification_status) and next_token ("" on the last page). *out is freed
 * with mw_string_free. Errors: MW_EINVAL (NULL out or page), MW_ENOMEM. */
MW_API int mw_ses_identity_page_to_json(char **out, const mw_ses_identity_page *page, mw_error **err);
/* Frees page. Accepts NULL. */
MW_API void mw_ses_identity_page_free(mw_ses_identity_page *page);

/* PutEmailIdentityMailFromAttributes: send the identity's mail with
 * mail_from_domain (a subdomain of a verified domain, e.g.
 * "bounce.iana.org") as the MAIL FROM; NULL or "" goes back to SES's own.
 * behavior_on_mx_failure is MW_SES_MX_FAILURE_USE_DEFAULT_VALUE or
 * MW_SES_MX_FAILURE_REJECT_MESSAGE. Publish the records the domain report
 * lists (mail_from_mx, mail_from_spf); mw_ses_get_identity tells the status.
 * Errors: MW_EINVAL (NULL client, NULL or empty identity, another behaviour,
 * refused by SES), MW_ENOTFOUND (no such identity), MW_ETRANSPORT ... */
MW_API int mw_ses_put_identity_mail_from(mw_ses_client *client, const char *identity, const char *mail_from_domain,
                                         int behavior_on_mx_failure, mw_error **err);

/* SendEmail. Either raw is a complete RFC 5322 message (then subject, text
 * and html must be NULL, and from, display_name and to may be NULL: the
 * message's own headers count), or from, at least one address in to, a
 * subject and text and/or html are given. display_name may be NULL; it is
 * quoted and encoded as needed. Paced by the rate limit. *message_id (the SES
 * message id) is freed with mw_string_free.
 * Errors: MW_EINVAL (missing or conflicting arguments, message rejected),
 * MW_ETIMEDOUT, MW_ETRANSPORT ... When the failure may have reached SES,
 * mw_error_outcome_unknown is 1: the mail may or may not have gone out. */
MW_API int mw_ses_send_email(char **message_id, mw_ses_client *client, const char *from,
                             const char *display_name, const char *const *to, size_t to_count,
                             const char *subject, const char *text, const char *html, const char *raw,
                             mw_error **err);

/* GetAccount. Each output may be NULL when not wanted; sending_enabled is a
 * boolean. Errors: MW_EINVAL (NULL client), MW_ETRANSPORT ... */
MW_API int mw_ses_get_account(double *max_send_rate, double *max_24_hour_send, double *sent_last_24_hours,
                              int *sending_enabled, mw_ses_client *client, mw_error **err);

/* PutSuppressedDestination: reason is MW_SES_SUPPRESSION_BOUNCE or
 * MW_SES_SUPPRESSION_COMPLAINT. Errors: MW_EINVAL (NULL, bad reason), ... */
MW_API int mw_ses_put_suppressed_destination(mw_ses_client *client, const char *address, int reason,
                                             mw_error **err);
/* An address on the account's suppression list. Immutable; readable from
 * any thread. Destroyed with mw_ses_suppressed_destination_free, unless
 * borrowed from a page. Accessors on NULL give "", -1 and 0. */
typedef struct mw_ses_suppressed_destination mw_ses_suppressed_destination;

/* The suppressed address, borrowed. */
MW_API const char *mw_ses_suppressed_destination_address(const mw_ses_suppressed_destination *destination);
/* MW_SES_SUPPRESSION_BOUNCE or MW_SES_SUPPRESSION_COMPLAINT. */
MW_API int mw_ses_suppressed_destination_reason(const mw_ses_suppressed_destination *destination);
/* When SES last changed the entry, in seconds since the Unix epoch. */
MW_API int64_t mw_ses_suppressed_destination_last_update_time(const mw_ses_suppressed_destination *destination);
/* Frees destination. Accepts NULL. Must not be called on one borrowed from a
 * page. */
MW_API void mw_ses_suppressed_destination_free(mw_ses_suppressed_destination *destination);

/* GetSuppressedDestination. *out is freed with
 * mw_ses_suppressed_destination_free.
 * Errors: MW_EINVAL, MW_ENOTFOUND, MW_ETRANSPORT ... */
MW_API int mw_ses_get_suppressed_destination(mw_ses_suppressed_destination **out, mw_ses_client *client,
                                             const char *address, mw_error **err);
/* DeleteSuppressedDestination. Errors: MW_EINVAL, MW_ENOTFOUND, ... */
MW_API int mw_ses_delete_suppressed_destination(mw_ses_client *client, const char *address, mw_error **err);

/* One page of ListSuppressedDestinations: addresses on the account's
 * suppression list and the token of the next page. Immutable; readable from
 * any thread. Destroyed with mw_ses_suppression_page_free. */
typedef struct mw_ses_suppression_page mw_ses_suppression_page;

/* ListSuppressedDestinations, one page. page_size is 1..MW_SES_MAX_PAGE_SIZE,
 * or 0 to let SES choose; next_token is NULL or "" for the first page, else
 * the token of the page before. *out is freed with
 * mw_ses_suppression_page_free.
 * Errors: MW_EINVAL (NULL out or client, page_size out of range, a token SES
 * refuses), MW_ETRANSPORT ... */
MW_API int mw_ses_list_suppressed_destinations(mw_ses_suppression_page **out, mw_ses_client *client, int page_size,
                                               const char *next_token, mw_error **err);
/* Number of addresses on the page (0 for NULL). */
MW_API size_t mw_ses_suppression_page_count(const mw_ses_suppression_page *page);
/* The index-th entry, borrowed from page; NULL when index >= count. */
MW_API const mw_ses_suppressed_destination *mw_ses_suppression_page_get(const mw_ses_suppression_page *page,
                                                                        size_t index);
/* The token to pass for the next page, borrowed; "" on the last page. */
MW_API const char *mw_ses_suppression_page_next_token(const mw_ses_suppression_page *page);
/* The page as one JSON object: destinations (address, reason "BOUNCE" or
 * "COMPLAINT", last_update_time in RFC 3339 UTC) and next_token. *out is
 * freed with mw_string_free. Errors: MW_EINVAL (NULL out or page), MW_ENOMEM. */
MW_API int mw_ses_suppression_page_to_json(char **out, const mw_ses_suppression_page *page, mw_error **err);
/* Frees page. Accepts NULL. */
MW_API void mw_ses_suppression_page_free(mw_ses_suppression_page *page);

/* CreateCustomVerificationEmailTemplate: the mail SES sends instead of its
 * own when mw_ses_send_custom_verification_email names the template. name
 * identifies it; from is a verified address to send it from; subject and
 * html (the HTML body; SES puts the verification link in it) make the
 * message; success_url and failure_url are where the recipient lands after
 * clicking the link. Every argument is required.
 * Errors: MW_EINVAL (NULL or empty argument, refused by SES), MW_EEXIST (a
 * template of that name exists), MW_ETRANSPORT ... */
MW_API int mw_ses_create_custom_verification_email_template(mw_ses_client *client, const char *name,
                                                            const char *from, const char *subject,
                                                            const char *html, const char *success_url,
                                                            const char *failure_url, mw_error **err);

/* SendCustomVerificationEmail: adds address as an identity (if it is not
 * one) and sends it the verification mail of template_name.
 * configuration_set may be NULL or "". *message_id (the SES message id) is
 * freed with mw_string_free. Like mw_ses_send_email it is not retried after
 * a failure that may have reached SES (mw_error_outcome_unknown) unless mw_ses_options_set_retry_non_idempotent.
 * Errors: MW_EINVAL (NULL or empty argument, refused by SES), MW_ENOTFOUND
 * (no such template), MW_ETIMEDOUT, MW_ETRANSPORT ... */
MW_API int mw_ses_send_custom_verification_email(char **message_id, mw_ses_client *client, const char *address,
                                                 const char *template_name, const char *configuration_set,
                                                 mw_error **err);

/* The domain report (see "Domain authentication report" above) for a domain
 * identity known to SES: its Easy DKIM tokens and custom MAIL FROM domain
 * come from GetEmailIdentity, the region from the client. domain may also be
 * a sender address: its domain is used. Blocks for SES and the DNS queries;
 * DNS trouble shows in the report, as with mw_domain_check. *out is freed
 * with mw_domain_report_free.
 * Errors: MW_EINVAL (NULL out, resolver or client; NULL or empty domain),
 * MW_ENOTFOUND (SES does not know the domain as an identity), the other SES
 * statuses of mw_ses_get_identity, MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_domain_check_ses(mw_domain_report **out, mw_resolver *resolver, mw_ses_client *client,
                               const char *domain, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_SES_H */
