/*
 * mailwarden/address.h — address validation: RFC 5321/5322 syntax, IDNA2008,
 * special-use domains, role and no-reply flags. Rules and reason ids are in
 * docs/address-validation.md.
 */
#ifndef MAILWARDEN_ADDRESS_H
#define MAILWARDEN_ADDRESS_H

#include <mailwarden/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Verdict of an address check. */
typedef enum mw_address_verdict {
    MW_ADDRESS_VALID = 0,  /* acceptable, nothing to warn about */
    MW_ADDRESS_RISKY = 1,  /* acceptable, but flagged (role, no-reply, special-use) */
    MW_ADDRESS_INVALID = 2 /* not acceptable; mw_address_result_reason says why */
} mw_address_verdict;

/* Flags of an address (bit mask, see mw_address_result_flags). */
typedef enum mw_address_flag {
    MW_ADDRESS_FLAG_ROLE = 0x01,            /* role account: postmaster@, support@ ... */
    MW_ADDRESS_FLAG_NOREPLY = 0x02,         /* no-reply form: noreply@, do-not-reply@ ... */
    MW_ADDRESS_FLAG_SPECIAL_USE = 0x04,     /* RFC 2606/6761 domain: .test, example.com ... */
    MW_ADDRESS_FLAG_QUOTED_LOCAL = 0x08,    /* the local part is a quoted string */
    MW_ADDRESS_FLAG_ADDRESS_LITERAL = 0x10, /* the domain is [IPv4] or [IPv6:...] */
    MW_ADDRESS_FLAG_IDN = 0x20              /* the domain was converted from Unicode */
} mw_address_flag;

/* Reason codes. Stable numbers; the stable text id of each is given by
 * mw_address_reason_name() and listed in docs/address-validation.md. */
typedef enum mw_address_reason {
    MW_REASON_OK = 0,
    MW_REASON_EMPTY = 1,
    MW_REASON_CONTROL_CHARACTER = 2,
    MW_REASON_MISSING_AT = 3,
    MW_REASON_NO_LOCAL_PART = 4,
    MW_REASON_NO_DOMAIN = 5,
    MW_REASON_INVALID_LOCAL_CHARACTER = 6,
    MW_REASON_NON_ASCII_LOCAL_PART = 7,
    MW_REASON_LEADING_DOT = 8,
    MW_REASON_TRAILING_DOT = 9,
    MW_REASON_CONSECUTIVE_DOTS = 10,
    MW_REASON_QUOTED_LOCAL_PART = 11,
    MW_REASON_OBSOLETE_LOCAL_PART = 12,
    MW_REASON_COMMENT = 13,
    MW_REASON_WHITESPACE = 14,
    MW_REASON_UNTERMINATED = 15,
    MW_REASON_LOCAL_PART_TOO_LONG = 16,
    MW_REASON_INVALID_DOMAIN_CHARACTER = 17,
    MW_REASON_LABEL_TOO_LONG = 18,
    MW_REASON_LABEL_HYPHEN = 19,
    MW_REASON_NUMERIC_TLD = 20,
    MW_REASON_DOTLESS_DOMAIN = 21,
    MW_REASON_DOMAIN_TOO_LONG = 22,
    MW_REASON_ADDRESS_TOO_LONG = 23,
    MW_REASON_INVALID_IDNA = 24,
    MW_REASON_ADDRESS_LITERAL = 25,
    MW_REASON_INVALID_ADDRESS_LITERAL = 26,
    MW_REASON_SPECIAL_USE_DOMAIN = 27,
    MW_REASON_ROLE_ACCOUNT = 28,
    MW_REASON_NOREPLY_ADDRESS = 29
} mw_address_reason;

/* The stable text id of a reason ("consecutive_dots"), or NULL for a number
 * that is not a reason code. Static storage. Thread safety: any thread. */
MW_API const char *mw_address_reason_name(int reason);

/* Policy for address checks. Created with mw_address_options_new, destroyed
 * with mw_address_options_free. Not thread-safe while being modified; once
 * set up it may be shared by concurrent checks (they only read it). */
typedef struct mw_address_options mw_address_options;

/* Creates options holding the defaults: quoted local parts, address literals
 * and special-use domains rejected; role and no-reply addresses accepted but
 * flagged. Errors: MW_EINVAL (out is NULL), MW_ENOMEM. */
MW_API int mw_address_options_new(mw_address_options **out, mw_error **err);

/* Frees options. Accepts NULL. */
MW_API void mw_address_options_free(mw_address_options *options);

/* Each setter takes a boolean (0 = no, anything else = yes).
 * Errors: MW_EINVAL when options is NULL. */

/* Accept "quoted string"@ local parts (RFC 5321 allows them; few systems do). */
MW_API int mw_address_options_set_allow_quoted_local(mw_address_options *options, int allow, mw_error **err);
/* Accept [192.0.2.1] and [IPv6:...] address literals as the domain. */
MW_API int mw_address_options_set_allow_address_literal(mw_address_options *options, int allow, mw_error **err);
/* Accept RFC 2606/6761 special-use domains (.test, .example, example.com ...);
 * they stay flagged and make the verdict RISKY. */
MW_API int mw_address_options_set_allow_special_use(mw_address_options *options, int allow, mw_error **err);
/* Reject role accounts (postmaster@, abuse@ ...) instead of only flagging them. */
MW_API int mw_address_options_set_reject_role(mw_address_options *options, int reject, mw_error **err);
/* Reject no-reply forms (noreply@, do-not-reply@ ...) instead of only flagging them. */
MW_API int mw_address_options_set_reject_noreply(mw_address_options *options, int reject, mw_error **err);

/* The result of checking one address. Immutable: may be read from several
 * threads at once. Destroyed with mw_address_result_free (unless borrowed
 * from a batch, see mw_address_batch_get). */
typedef struct mw_address_result mw_address_result;

/* Checks one address of len bytes (it need not be NUL-terminated and may
 * contain NUL bytes, which are reported as control characters). options may
 * be NULL for the defaults. An invalid address is a successful call whose
 * result has verdict MW_ADDRESS_INVALID.
 * Errors: MW_EINVAL (out NULL, or address NULL with len > 0), MW_ENOMEM.
 * Thread safety: safe from any thread. */
MW_API int mw_address_check(mw_address_result **out, const char *address, size_t len,
                            const mw_address_options *options, mw_error **err);

/* Frees a result from mw_address_check. Accepts NULL. Must not be called on a
 * result borrowed from a batch. */
MW_API void mw_address_result_free(mw_address_result *result);

/* Accessors. Strings are borrowed from result and NUL-terminated. On a NULL
 * result they return the neutral value: MW_ADDRESS_INVALID, MW_REASON_EMPTY,
 * flags 0, and "" for strings. */

/* The input exactly as given (NUL bytes, if any, end the C string early). */
MW_API const char *mw_address_result_input(const mw_address_result *result);
/* The normalised address: local part as given, domain lower-cased ASCII
 * (Punycode for internationalised domains). "" when the syntax is invalid;
 * kept when only the policy rejects the address (role, special-use ...). */
MW_API const char *mw_address_result_normalized(const mw_address_result *result);
/* The local part as given; "" when the syntax is invalid. */
MW_API const char *mw_address_result_local_part(const mw_address_result *result);
/* The normalised domain; "" when the syntax is invalid. */
MW_API const char *mw_address_result_domain(const mw_address_result *result);
/* MW_ADDRESS_VALID, MW_ADDRESS_RISKY or MW_ADDRESS_INVALID. */
MW_API int mw_address_result_verdict(const mw_address_result *result);
/* 1 when the verdict is VALID or RISKY, else 0. */
MW_API int mw_address_result_is_valid(const mw_address_result *result);
/* One MW_REASON_* code: MW_REASON_OK unless the verdict is INVALID. */
MW_API int mw_address_result_reason(const mw_address_result *result);
/* A human-readable sentence for the reason (static storage). */
MW_API const char *mw_address_result_message(const mw_address_result *result);
/* MW_ADDRESS_FLAG_* bits; set for invalid results too where known. */
MW_API unsigned mw_address_result_flags(const mw_address_result *result);

/* The result as one JSON object (UTF-8, one line) with the keys address,
 * normalized, valid, verdict, reason, message, local_part, domain, role,
 * noreply, special_use, quoted_local, address_literal, idn. *out is freed
 * with mw_string_free. Errors: MW_EINVAL (NULL out or result), MW_ENOMEM. */
MW_API int mw_address_result_to_json(char **out, const mw_address_result *result, mw_error **err);

/* The results of checking many addresses. Immutable; readable from any
 * thread. Destroyed with mw_address_batch_free. */
typedef struct mw_address_batch mw_address_batch;

/* Checks count addresses. lens may be NULL, in which case every address is a
 * NUL-terminated string; otherwise lens[i] is the byte length of addresses[i].
 * options may be NULL for the defaults.
 * Errors: MW_EINVAL (out NULL; addresses NULL with count > 0; an element
 * NULL with a non-zero length), MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_address_check_batch(mw_address_batch **out, const char *const *addresses,
                                  const size_t *lens, size_t count,
                                  const mw_address_options *options, mw_error **err);

/* Number of results in batch (0 for NULL). */
MW_API size_t mw_address_batch_count(const mw_address_batch *batch);

/* Number of results whose verdict is VALID or RISKY (0 for NULL). */
MW_API size_t mw_address_batch_valid_count(const mw_address_batch *batch);

/* The index-th result, borrowed from batch (do not free it), in input
 * order; NULL when batch is NULL or index >= count. */
MW_API const mw_address_result *mw_address_batch_get(const mw_address_batch *batch, size_t index);

/* Frees batch and every result borrowed from it. Accepts NULL. */
MW_API void mw_address_batch_free(mw_address_batch *batch);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_ADDRESS_H */
