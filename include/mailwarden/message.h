/*
 * mailwarden/message.h — a received message's authentication, as a mailbox
 * provider's "Show original" shows it: every DKIM signature, SPF for the
 * connection, DMARC for the From domain, the Authentication-Results fields
 * already on the message, and our own. See docs/message-auth.md.
 */
#ifndef MAILWARDEN_MESSAGE_H
#define MAILWARDEN_MESSAGE_H

#include <mailwarden/common.h>
#include <mailwarden/dns.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How DMARC finds the policy and the organizational domain. */
typedef enum mw_dmarc_mode {
    MW_DMARC_RFC9989 = 0, /* the DNS tree walk (the default) */
    MW_DMARC_RFC7489 = 1  /* the public suffix list */
} mw_dmarc_mode;

/* Options for mw_message_check. Created with mw_message_check_options_new
 * (the defaults: no resolver — nothing is looked up, so DKIM and DMARC give
 * temperror and SPF is not checked —, the system clock, 10 signatures, 64
 * MiB of body hashed, rsa-sha1 as "policy", MW_DMARC_RFC9989, authserv-id
 * "mailwarden"), destroyed with mw_message_check_options_free. Not
 * thread-safe while being modified; only read by mw_message_check. Setters
 * fail with MW_EINVAL on NULL options. */
typedef struct mw_message_check_options mw_message_check_options;

MW_API int mw_message_check_options_new(mw_message_check_options **out, mw_error **err);
MW_API void mw_message_check_options_free(mw_message_check_options *options);
/* Where keys and records are looked up (the options keep a reference);
 * NULL: none. Errors: also a resolver already freed. */
MW_API int mw_message_check_options_set_resolver(mw_message_check_options *options, mw_resolver *resolver,
                                                 mw_error **err);
/* Checks as at this Unix time (DKIM's t= and x=), to replay an old message;
 * a negative value: the system clock. */
MW_API int mw_message_check_options_set_now(mw_message_check_options *options, int64_t unix_seconds,
                                            mw_error **err);
/* An mw_dmarc_mode value. Errors: also another number. */
MW_API int mw_message_check_options_set_dmarc_mode(mw_message_check_options *options, int mode, mw_error **err);
/* rsa-sha1 signatures that verify pass instead of "policy" (RFC 8301). */
MW_API int mw_message_check_options_set_allow_sha1(mw_message_check_options *options, int allow, mw_error **err);
/* DKIM signatures verified per message; those beyond get "neutral".
 * Errors: also 0. */
MW_API int mw_message_check_options_set_max_signatures(mw_message_check_options *options, size_t count,
                                                       mw_error **err);
/* Canonical body bytes hashed per signature. Errors: also 0. */
MW_API int mw_message_check_options_set_max_body_bytes(mw_message_check_options *options, uint64_t bytes,
                                                       mw_error **err);
/* The authserv-id of our Authentication-Results field. Errors: also NULL
 * or empty. */
MW_API int mw_message_check_options_set_authserv_id(mw_message_check_options *options, const char *authserv_id,
                                                    mw_error **err);

/* One DKIM-Signature field's outcome, borrowed from its report. Accessors
 * on NULL return "" or 0. */
typedef struct mw_dkim_check mw_dkim_check;
/* "pass", "fail", "neutral", "policy", "permerror", "temperror". */
MW_API const char *mw_dkim_check_result(const mw_dkim_check *check);
/* A stable id: "none", "body_hash_mismatch", "key_revoked" ... (docs/message-auth.md). */
MW_API const char *mw_dkim_check_reason(const mw_dkim_check *check);
/* One sentence for people; "" on a plain pass. */
MW_API const char *mw_dkim_check_detail(const mw_dkim_check *check);
MW_API const char *mw_dkim_check_domain(const mw_dkim_check *check);           /* d= */
MW_API const char *mw_dkim_check_selector(const mw_dkim_check *check);         /* s= */
MW_API const char *mw_dkim_check_algorithm(const mw_dkim_check *check);        /* a= */
MW_API const char *mw_dkim_check_canonicalization(const mw_dkim_check *check); /* c= */
MW_API const char *mw_dkim_check_identity(const mw_dkim_check *check);         /* i=, or "@" d= */
MW_API size_t mw_dkim_check_signed_header_count(const mw_dkim_check *check);
MW_API const char *mw_dkim_check_signed_header(const mw_dkim_check *check, size_t index); /* h= */
/* 0 when no key was read. */
MW_API unsigned mw_dkim_check_key_bits(const mw_dkim_check *check);
/* 1 when the key record says t=y. */
MW_API int mw_dkim_check_key_testing(const mw_dkim_check *check);
/* bh=, and the body hash computed ("" when the body was not hashed). */
MW_API const char *mw_dkim_check_body_hash_expected(const mw_dkim_check *check);
MW_API const char *mw_dkim_check_body_hash_computed(const mw_dkim_check *check);

/* One Authentication-Results field found on the message, borrowed from its
 * report: the authserv-id and one entry per method. Accessors on NULL
 * return "" or 0; index >= count returns "". */
typedef struct mw_auth_results mw_auth_results;
/* "" when the field left it out. */
MW_API const char *mw_auth_results_authserv_id(const mw_auth_results *field);
MW_API size_t mw_auth_results_count(const mw_auth_results *field);
/* The index-th entry's method ("spf", "dkim", "dmarc" ...), result (lower
 * case) and reason ("" when none). */
MW_API const char *mw_auth_results_method(const mw_auth_results *field, size_t index);
MW_API const char *mw_auth_results_result(const mw_auth_results *field, size_t index);
MW_API const char *mw_auth_results_reason(const mw_auth_results *field, size_t index);
/* Its properties: "smtp.mailfrom" = "example.org", "header.d" = ... */
MW_API size_t mw_auth_results_property_count(const mw_auth_results *field, size_t index);
MW_API const char *mw_auth_results_property_name(const mw_auth_results *field, size_t index, size_t property);
MW_API const char *mw_auth_results_property_value(const mw_auth_results *field, size_t index, size_t property);
/* What could not be read, kept as written; "" when all was read. */
MW_API const char *mw_auth_results_unparsed(const mw_auth_results *field);

/* A message's authentication. Immutable; any thread. Destroyed with
 * mw_message_report_free. Strings are borrowed until then; accessors on
 * NULL return "", 0 or NULL. */
typedef struct mw_message_report mw_message_report;

/* Checks message_length bytes of a received message (RFC 5322, CRLF or LF;
 * NUL bytes allowed) for the connection facts given: client_ip (NULL or "":
 * SPF is not checked), helo and mail_from (the reverse-path without angle
 * brackets; NULL or "" for the null sender). options may be NULL. DNS
 * failures are results, not errors. *out is freed with
 * mw_message_report_free. Errors: MW_EINVAL (NULL out, NULL message with a
 * non-zero length, an empty message, a client_ip that is not an address),
 * MW_ERANGE (over 64 MiB), MW_ENOMEM. Thread safety: any thread; one options
 * object may serve concurrent calls. */
MW_API int mw_message_check(mw_message_report **out, const char *message, size_t message_length,
                            const char *client_ip, const char *helo, const char *mail_from,
                            const mw_message_check_options *options, mw_error **err);
MW_API void mw_message_report_free(mw_message_report *report);

/* The From domain (A-labels); "" when it cannot be read. */
MW_API const char *mw_message_report_from_domain(const mw_message_report *report);
/* "SPF: PASS with IP 192.0.2.1 (example.org); DKIM: PASS with domain
 * example.org; DMARC: PASS (p=reject)". */
MW_API const char *mw_message_report_summary(const mw_message_report *report);
/* Our result as one Authentication-Results field value (folded). */
MW_API const char *mw_message_report_our_auth_results(const mw_message_report *report);

/* Every DKIM signature, top first. */
MW_API size_t mw_message_report_dkim_count(const mw_message_report *report);
MW_API const mw_dkim_check *mw_message_report_dkim_get(const mw_message_report *report, size_t index);

/* 1 when SPF was checked (a client IP and a resolver were given). */
MW_API int mw_message_report_spf_checked(const mw_message_report *report);
/* "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror". */
MW_API const char *mw_message_report_spf_result(const mw_message_report *report);
/* The domain checked, and "mailfrom" or "helo". */
MW_API const char *mw_message_report_spf_domain(const mw_message_report *report);
MW_API const char *mw_message_report_spf_scope(const mw_message_report *report);
MW_API const char *mw_message_report_spf_explanation(const mw_message_report *report);

/* "pass", "fail", "none", "temperror", "permerror". */
MW_API const char *mw_message_report_dmarc_result(const mw_message_report *report);
/* Why, in one sentence. */
MW_API const char *mw_message_report_dmarc_reason(const mw_message_report *report);
/* "no_from", "multiple_from", "multiple_addresses", "unparseable_from";
 * "" when the From domain was read. */
MW_API const char *mw_message_report_from_problem(const mw_message_report *report);
/* The published policy ("none", "quarantine", "reject"; "" when no record
 * applies) and what it asks for this message ("none" unless DMARC fails). */
MW_API const char *mw_message_report_dmarc_policy(const mw_message_report *report);
MW_API const char *mw_message_report_dmarc_disposition(const mw_message_report *report);
/* Where the record was found, and the organizational domain. */
MW_API const char *mw_message_report_dmarc_record_domain(const mw_message_report *report);
MW_API const char *mw_message_report_organizational_domain(const mw_message_report *report);
MW_API int mw_message_report_spf_aligned(const mw_message_report *report);
MW_API int mw_message_report_dkim_aligned(const mw_message_report *report);

/* The ARC chain (RFC 8617): its validation status ("none", "pass",
 * "fail"), why ("none" on pass, "no_arc", "structure_instance",
 * "instance_gap", "ams_fail", "as_fail" ... see docs/message-auth.md), the
 * ARC sets on the message, and the oldest instance whose message signature
 * still verifies (0 when all do, or when the chain does not pass). */
MW_API const char *mw_message_report_arc_result(const mw_message_report *report);
MW_API const char *mw_message_report_arc_reason(const mw_message_report *report);
MW_API int mw_message_report_arc_hops(const mw_message_report *report);
MW_API int mw_message_report_arc_oldest_pass(const mw_message_report *report);

/* The Authentication-Results fields already on the message, top first. */
MW_API size_t mw_message_report_auth_results_count(const mw_message_report *report);
MW_API const mw_auth_results *mw_message_report_auth_results_get(const mw_message_report *report, size_t index);

/* The report as one JSON object, as mwctl message check --json prints it.
 * *out is freed with mw_string_free. Errors: MW_EINVAL (NULL out or
 * report), MW_ENOMEM. */
MW_API int mw_message_report_to_json(char **out, const mw_message_report *report, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_MESSAGE_H */
