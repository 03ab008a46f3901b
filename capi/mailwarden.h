/*
 * mailwarden.h — the stable C ABI of mailwarden.
 *
 * Conventions (stated once, in full, in docs/c-api.md):
 *  - Every function is mw_<noun>_<verb>; every handle is its own opaque type.
 *  - Functions that can fail return int: MW_OK (0) or a negative MW_E* code.
 *    Outputs come first, as T **out; *out is set only on success.
 *  - The last parameter of a fallible function is mw_error **err. When it is
 *    non-NULL and the call fails, *err receives an error object (code + message)
 *    that the caller frees with mw_error_free(). Passing NULL is allowed.
 *  - What the library returns is freed with the matching mw_*_free function;
 *    pointers documented as "borrowed" live as long as the object they came
 *    from. Every destroyer accepts NULL.
 *  - No C++ exception crosses this boundary; a NULL where a handle or an output
 *    is required yields MW_EINVAL, never a crash.
 *  - Thread safety is written on each handle type.
 */
#ifndef MAILWARDEN_H
#define MAILWARDEN_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(MW_BUILDING_LIBRARY)
#    define MW_API __declspec(dllexport)
#  elif defined(MW_STATIC)
#    define MW_API
#  else
#    define MW_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define MW_API __attribute__((visibility("default")))
#else
#  define MW_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Status codes. The numbers are stable: they never change meaning.         */
/* ------------------------------------------------------------------------ */

#define MW_OK          0   /* success */
#define MW_EINVAL     -1   /* invalid argument: NULL handle, bad option value */
#define MW_ENOMEM     -2   /* allocation failed */
#define MW_EINTERNAL  -3   /* unexpected internal failure (a bug: please report) */
#define MW_ENOTFOUND  -4   /* the named object does not exist */
#define MW_EEXIST     -5   /* the object already exists */
#define MW_EIO        -6   /* reading or writing a file or database failed */
#define MW_ETIMEDOUT  -7   /* an operation ran out of time */
#define MW_EPARSE     -8   /* malformed input (JSON, record, message) */
#define MW_ERANGE     -9   /* an index or size is out of range */
#define MW_ENOTVERIFIED -10 /* the sender is not verified (Success) for sending */
#define MW_ETRANSPORT -11  /* the transport (Amazon SES, local outbox) failed */
#define MW_EEXPIRED   -12  /* a verification link or token has expired */
#define MW_ESUSPENDED -13  /* sending is suspended (bounce or complaint rate) */
#define MW_EPOLICY    -14  /* refused by policy (role or no-reply sender ...) */

/* ------------------------------------------------------------------------ */
/* Library version                                                          */
/* ------------------------------------------------------------------------ */

/* The library version as "MAJOR.MINOR.PATCH". Static storage: do not free.
 * Thread safety: safe from any thread. */
MW_API const char *mw_version(void);

/* The library version as MAJOR*10000 + MINOR*100 + PATCH, for comparisons.
 * Thread safety: safe from any thread. */
MW_API int mw_version_number(void);

/* The stable symbolic name of a status code ("MW_EINVAL"), or "MW_EUNKNOWN"
 * for a number that is not a status code. Static storage: do not free.
 * Thread safety: safe from any thread. */
MW_API const char *mw_status_name(int status);

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/* An error: a status code and a human-readable message.
 * Created by the library on failure through an mw_error **err out-parameter;
 * destroyed with mw_error_free(). Immutable once returned: may be read from
 * any thread, freed from one. */
typedef struct mw_error mw_error;

/* The status code of err (a negative MW_E* value); MW_EINVAL when err is NULL. */
MW_API int mw_error_code(const mw_error *err);

/* The message of err, borrowed: valid until mw_error_free(err). Never NULL:
 * a NULL err gives a static message. Never contains a secret. */
MW_API const char *mw_error_message(const mw_error *err);

/* Frees err. Accepts NULL. */
MW_API void mw_error_free(mw_error *err);

/* Frees a string returned by the library (for example by mw_*_to_json).
 * Accepts NULL. Never use free() on library strings. */
MW_API void mw_string_free(char *str);

/* ------------------------------------------------------------------------ */
/* Address validation                                                       */
/* ------------------------------------------------------------------------ */

/* Verdict of an address check. */
#define MW_ADDRESS_VALID    0 /* acceptable, nothing to warn about */
#define MW_ADDRESS_RISKY    1 /* acceptable, but flagged (role, no-reply, special-use) */
#define MW_ADDRESS_INVALID  2 /* not acceptable; mw_address_result_reason says why */

/* Flags of an address (bit mask, see mw_address_result_flags). */
#define MW_ADDRESS_FLAG_ROLE             0x01u /* role account: postmaster@, support@ ... */
#define MW_ADDRESS_FLAG_NOREPLY          0x02u /* no-reply form: noreply@, do-not-reply@ ... */
#define MW_ADDRESS_FLAG_SPECIAL_USE      0x04u /* RFC 2606/6761 domain: .test, example.com ... */
#define MW_ADDRESS_FLAG_QUOTED_LOCAL     0x08u /* the local part is a quoted string */
#define MW_ADDRESS_FLAG_ADDRESS_LITERAL  0x10u /* the domain is [IPv4] or [IPv6:...] */
#define MW_ADDRESS_FLAG_IDN              0x20u /* the domain was converted from Unicode */

/* Reason codes. Stable numbers; the stable text id of each is given by
 * mw_address_reason_name() and listed in docs/address-validation.md. */
#define MW_REASON_OK                       0
#define MW_REASON_EMPTY                    1
#define MW_REASON_CONTROL_CHARACTER        2
#define MW_REASON_MISSING_AT               3
#define MW_REASON_NO_LOCAL_PART            4
#define MW_REASON_NO_DOMAIN                5
#define MW_REASON_INVALID_LOCAL_CHARACTER  6
#define MW_REASON_NON_ASCII_LOCAL_PART     7
#define MW_REASON_LEADING_DOT              8
#define MW_REASON_TRAILING_DOT             9
#define MW_REASON_CONSECUTIVE_DOTS        10
#define MW_REASON_QUOTED_LOCAL_PART       11
#define MW_REASON_OBSOLETE_LOCAL_PART     12
#define MW_REASON_COMMENT                 13
#define MW_REASON_WHITESPACE              14
#define MW_REASON_UNTERMINATED            15
#define MW_REASON_LOCAL_PART_TOO_LONG     16
#define MW_REASON_INVALID_DOMAIN_CHARACTER 17
#define MW_REASON_LABEL_TOO_LONG          18
#define MW_REASON_LABEL_HYPHEN            19
#define MW_REASON_NUMERIC_TLD             20
#define MW_REASON_DOTLESS_DOMAIN          21
#define MW_REASON_DOMAIN_TOO_LONG         22
#define MW_REASON_ADDRESS_TOO_LONG        23
#define MW_REASON_INVALID_IDNA            24
#define MW_REASON_ADDRESS_LITERAL         25
#define MW_REASON_INVALID_ADDRESS_LITERAL 26
#define MW_REASON_SPECIAL_USE_DOMAIN      27
#define MW_REASON_ROLE_ACCOUNT            28
#define MW_REASON_NOREPLY_ADDRESS         29

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
MW_API size_t mw_address_batch_size(const mw_address_batch *batch);

/* Number of results whose verdict is VALID or RISKY (0 for NULL). */
MW_API size_t mw_address_batch_valid_count(const mw_address_batch *batch);

/* The index-th result, borrowed from batch (do not free it); in input order.
 * Errors: MW_EINVAL (NULL out or batch), MW_ERANGE (index >= size). */
MW_API int mw_address_batch_get(const mw_address_result **out, const mw_address_batch *batch,
                                size_t index, mw_error **err);

/* Frees batch and every result borrowed from it. Accepts NULL. */
MW_API void mw_address_batch_free(mw_address_batch *batch);


/* ------------------------------------------------------------------------ */
/* Sender channels                                                          */
/* ------------------------------------------------------------------------ */

/* Verification states of a sender. */
#define MW_SENDER_PENDING 0 /* the verification mail is out, waiting for the click */
#define MW_SENDER_SUCCESS 1 /* verified: may send */
#define MW_SENDER_FAILED  2 /* link expired, or refused/revoked at the transport */

/* A snapshot of one sender. Immutable; readable from any thread. Destroyed
 * with mw_sender_free (unless borrowed from a list). Times are seconds since
 * the Unix epoch, UTC. */
typedef struct mw_sender mw_sender;

/* Accessors: strings are borrowed from the sender. NULL sender: "" / 0 / -1. */
MW_API const char *mw_sender_id(const mw_sender *sender);
MW_API const char *mw_sender_account(const mw_sender *sender);
MW_API const char *mw_sender_type(const mw_sender *sender);      /* "Email" */
MW_API const char *mw_sender_address(const mw_sender *sender);
MW_API const char *mw_sender_alias(const mw_sender *sender);
/* MW_SENDER_PENDING, MW_SENDER_SUCCESS or MW_SENDER_FAILED; -1 for NULL. */
MW_API int mw_sender_state(const mw_sender *sender);
/* "Pending", "Success", "Failed" for a state number; NULL otherwise. Static. */
MW_API const char *mw_sender_state_name(int state);
MW_API int64_t mw_sender_created_at(const mw_sender *sender);
MW_API int64_t mw_sender_requested_at(const mw_sender *sender);
MW_API int64_t mw_sender_expires_at(const mw_sender *sender);
/* 0 when the sender was never verified / never failed. */
MW_API int64_t mw_sender_verified_at(const mw_sender *sender);
MW_API int64_t mw_sender_failed_at(const mw_sender *sender);
/* Why it failed; "" unless Failed. */
MW_API const char *mw_sender_failure_reason(const mw_sender *sender);
/* From-address advice (no-reply, role account); index < count. */
MW_API size_t mw_sender_warning_count(const mw_sender *sender);
MW_API const char *mw_sender_warning(const mw_sender *sender, size_t index);
/* The sender as JSON (address, alias, status, requested_at, expires_at,
 * verified_at, failed_at ... in RFC 3339 UTC; with_history adds the state
 * changes). *out is freed with mw_string_free. Errors: MW_EINVAL, MW_ENOMEM. */
MW_API int mw_sender_to_json(char **out, const mw_sender *sender, int with_history, mw_error **err);
MW_API void mw_sender_free(mw_sender *sender);

/* Several senders. Immutable. */
typedef struct mw_sender_list mw_sender_list;
MW_API size_t mw_sender_list_size(const mw_sender_list *list);
/* The index-th sender, borrowed from the list; NULL when out of range. */
MW_API const mw_sender *mw_sender_list_get(const mw_sender_list *list, size_t index);
MW_API void mw_sender_list_free(mw_sender_list *list);

/* Options for opening a registry. Not thread-safe while modified. */
typedef struct mw_registry_options mw_registry_options;

/* Defaults: store "$MAILWARDEN_HOME/senders.db"-style paths are NOT assumed:
 * set the store path (":memory:" for a private in-memory store) and the
 * outbox folder of the local transport. Errors: MW_EINVAL, MW_ENOMEM. */
MW_API int mw_registry_options_new(mw_registry_options **out, mw_error **err);
MW_API void mw_registry_options_free(mw_registry_options *options);
/* The SQLite file (created and migrated as needed) or ":memory:". */
MW_API int mw_registry_options_set_store_path(mw_registry_options *options, const char *path, mw_error **err);
/* The local transport's outbox folder (Maildir). */
MW_API int mw_registry_options_set_outbox(mw_registry_options *options, const char *dir, mw_error **err);
/* How long verification links stay valid (default 86400). MW_EINVAL if <= 0. */
MW_API int mw_registry_options_set_link_lifetime(mw_registry_options *options, int64_t seconds, mw_error **err);
/* The account used when a call passes NULL (default "default"). */
MW_API int mw_registry_options_set_default_account(mw_registry_options *options, const char *account, mw_error **err);
/* Turn the no-reply / role-account warnings into MW_EPOLICY errors. */
MW_API int mw_registry_options_set_reject_noreply(mw_registry_options *options, int reject, mw_error **err);
MW_API int mw_registry_options_set_reject_role(mw_registry_options *options, int reject, mw_error **err);
/* Accept special-use domains (.test, example.com) as senders (demos, tests). */
MW_API int mw_registry_options_set_allow_special_use(mw_registry_options *options, int allow, mw_error **err);
/* Use a manual clock starting at unix_seconds instead of the system clock;
 * it moves only with mw_registry_advance_clock (tests, demos). */
MW_API int mw_registry_options_set_manual_clock(mw_registry_options *options, int64_t unix_seconds, mw_error **err);

/* A sender registry over a store and a transport. Thread-safe: any function
 * may be called from any thread. */
typedef struct mw_registry mw_registry;

/* Opens the store and the transport: SES when the options name an SES
 * client, else the local transport in the outbox folder. Errors: MW_EINVAL
 * (NULL, no store path, no outbox for the local transport), MW_EIO (store or
 * outbox unusable). */
MW_API int mw_registry_open(mw_registry **out, const mw_registry_options *options, mw_error **err);
/* Stops the background refresher (waiting for a running refresh) and frees.
 * Accepts NULL. */
MW_API void mw_registry_free(mw_registry *registry);

/* `account` may be NULL everywhere below: the default account. */

/* Adds a sender (Pending) and sends the verification mail. *out is the new
 * sender (free with mw_sender_free). Errors: MW_EINVAL (bad address, CR/LF
 * in alias), MW_EEXIST, MW_EPOLICY, MW_ETRANSPORT, MW_EIO. */
MW_API int mw_registry_add(mw_sender **out, mw_registry *registry, const char *address, const char *alias,
                           const char *account, mw_error **err);
/* One sender, expiry applied. Errors: MW_EINVAL, MW_ENOTFOUND, MW_EIO. */
MW_API int mw_registry_get(mw_sender **out, mw_registry *registry, const char *address, const char *account,
                           mw_error **err);
/* Senders of the account in creation order; state -1 for all, else only that
 * state. Errors: MW_EINVAL, MW_EIO. */
MW_API int mw_registry_list(mw_sender_list **out, mw_registry *registry, int state, const char *account,
                            mw_error **err);
/* A new verification mail and window. Errors: MW_ENOTFOUND, MW_EINVAL
 * (already verified), MW_ETRANSPORT. */
MW_API int mw_registry_resend(mw_sender **out, mw_registry *registry, const char *address, const char *account,
                              mw_error **err);
/* Removes a sender; delete_identity non-zero also removes it at the transport.
 * Errors: MW_ENOTFOUND, MW_ETRANSPORT, MW_EIO. */
MW_API int mw_registry_remove(mw_registry *registry, const char *address, int delete_identity, const char *account,
                              mw_error **err);
/* Polls the transport and applies expiry. checked/changed may be NULL.
 * Errors: MW_EINVAL, MW_EIO (transport errors are counted, not returned). */
MW_API int mw_registry_refresh(mw_registry *registry, int *checked, int *changed, mw_error **err);
/* Local transport: "clicks" a verification link; *message (mw_string_free)
 * is the confirmation text. The senders of the link's address (in every
 * account) are checked at once, so their new state shows immediately. Errors: MW_EINVAL (not a valid link, or the
 * registry uses SES), MW_EEXPIRED, MW_ENOTFOUND. */
MW_API int mw_registry_confirm(char **message, mw_registry *registry, const char *link, mw_error **err);
/* Local transport: the latest verification link sent to address. Errors:
 * MW_EINVAL (the registry uses SES), MW_ENOTFOUND. */
MW_API int mw_registry_last_link(char **link, mw_registry *registry, const char *address, mw_error **err);
/* Sends from a verified sender. to has to_count addresses; text or html may
 * be NULL (not both). *message_id is freed with mw_string_free. Errors:
 * MW_EINVAL, MW_ENOTFOUND, MW_ENOTVERIFIED, MW_ETRANSPORT. */
MW_API int mw_registry_send(char **message_id, mw_registry *registry, const char *from, const char *const *to,
                            size_t to_count, const char *subject, const char *text, const char *html,
                            const char *account, mw_error **err);
/* Manual clock only (see mw_registry_options_set_manual_clock): moves it.
 * Errors: MW_EINVAL when the registry uses the system clock. */
MW_API int mw_registry_advance_clock(mw_registry *registry, int64_t seconds, mw_error **err);

/* Called once per state change of a sender, after it is stored, on the
 * thread that made the change: the caller of add/get/list/refresh/resend
 * (expiry is applied lazily there) or the background refresher's thread.
 * `sender` is borrowed for the duration of the call. from_state is -1 when
 * the sender was just created. Must not call mw_registry_unsubscribe or
 * mw_registry_free on the same registry. */
typedef void (*mw_state_change_fn)(const mw_sender *sender, int from_state, int to_state, void *user_data);

/* Registers fn; *id identifies it for mw_registry_unsubscribe. */
MW_API int mw_registry_subscribe(int *id, mw_registry *registry, mw_state_change_fn fn, void *user_data,
                                 mw_error **err);
MW_API int mw_registry_unsubscribe(mw_registry *registry, int id, mw_error **err);

/* Runs refresh every interval_ms on a library thread until
 * mw_registry_stop_refresher or mw_registry_free. Errors: MW_EINVAL. */
MW_API int mw_registry_start_refresher(mw_registry *registry, int64_t interval_ms, mw_error **err);
MW_API void mw_registry_stop_refresher(mw_registry *registry);

/* ------------------------------------------------------------------------ */
/* DNS resolver                                                             */
/* ------------------------------------------------------------------------ */

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
 * be used by any number of concurrent checks. Destroyed with
 * mw_resolver_free, which cancels what is still pending. */
typedef struct mw_resolver mw_resolver;

/* Opens a resolver. options may be NULL for the defaults.
 * Errors: MW_EINVAL (out NULL, a malformed server address), MW_EINTERNAL
 * (c-ares cannot start), MW_ENOMEM. */
MW_API int mw_resolver_open(mw_resolver **out, const mw_resolver_options *options, mw_error **err);

/* Frees resolver. Accepts NULL. No check may be running on it. */
MW_API void mw_resolver_free(mw_resolver *resolver);

/* ------------------------------------------------------------------------ */
/* Domain authentication report                                             */
/* ------------------------------------------------------------------------ */

/* Verdict of a report: the worst severity among its findings. */
#define MW_VERDICT_PASS 0 /* nothing worse than info */
#define MW_VERDICT_WARN 1 /* at least one warning */
#define MW_VERDICT_FAIL 2 /* at least one error */

/* Severity of a finding. */
#define MW_SEVERITY_INFO    0
#define MW_SEVERITY_WARNING 1
#define MW_SEVERITY_ERROR   2

/* What is live for a record to publish. */
#define MW_RECORD_OK       0 /* published as it should be */
#define MW_RECORD_MISSING  1 /* nothing there */
#define MW_RECORD_MISMATCH 2 /* something else is there */
#define MW_RECORD_UNKNOWN  3 /* DNS failed temporarily: nothing can be said */

/* "pass", "warn", "fail" for a verdict; NULL otherwise. Static storage. */
MW_API const char *mw_verdict_name(int verdict);
/* "info", "warning", "error" for a severity; NULL otherwise. Static storage. */
MW_API const char *mw_severity_name(int severity);
/* "ok", "missing", "mismatch", "unknown" for a record status; NULL otherwise. */
MW_API const char *mw_record_status_name(int status);

/* Which DNS records a domain must publish to send through Amazon SES (SPF,
 * Easy DKIM CNAMEs, DMARC, custom MAIL FROM MX), what is live, and the
 * findings, each with a stable id (listed in docs/domain-auth.md).
 * Immutable: readable from any thread. Destroyed with mw_domain_report_free. */
typedef struct mw_domain_report mw_domain_report;

/* Checks domain through resolver. region is the SES region (NULL:
 * "us-east-1"); dkim_tokens holds token_count Easy DKIM tokens from
 * GetEmailIdentity (may be NULL when token_count is 0); mail_from is the
 * custom MAIL FROM domain, NULL or "" for SES's own. DNS trouble is not an
 * error: it shows as MW_RECORD_UNKNOWN records and dns.temporary_failure
 * findings. Blocks for the queries. *out is freed with mw_domain_report_free.
 * Errors: MW_EINVAL (out, resolver or domain NULL, domain empty, a token
 * NULL), MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_domain_check(mw_domain_report **out, mw_resolver *resolver, const char *domain, const char *region,
                           const char *const *dkim_tokens, size_t token_count, const char *mail_from,
                           mw_error **err);

/* Frees report. Accepts NULL. */
MW_API void mw_domain_report_free(mw_domain_report *report);

/* Accessors. Strings are borrowed from report and NUL-terminated. A NULL
 * report or an index out of range gives "" for strings, 0 for counts and -1
 * for numbers. */

/* The domain checked, lower case, without a trailing dot. */
MW_API const char *mw_domain_report_domain(const mw_domain_report *report);
/* The SES region the records are for. */
MW_API const char *mw_domain_report_region(const mw_domain_report *report);
/* MW_VERDICT_PASS, MW_VERDICT_WARN or MW_VERDICT_FAIL. */
MW_API int mw_domain_report_verdict(const mw_domain_report *report);

/* Records to publish, in order: SPF, the DKIM CNAMEs, DMARC, MAIL FROM MX. */
MW_API size_t mw_domain_report_record_count(const mw_domain_report *report);
/* "spf", "dkim", "dmarc", "mail_from_spf" or "mail_from_mx". */
MW_API const char *mw_domain_report_record_purpose(const mw_domain_report *report, size_t index);
/* The owner name to publish at, without a trailing dot. */
MW_API const char *mw_domain_report_record_name(const mw_domain_report *report, size_t index);
/* "TXT", "CNAME" or "MX". */
MW_API const char *mw_domain_report_record_type(const mw_domain_report *report, size_t index);
/* The exact value to publish (MX: "10 host"). */
MW_API const char *mw_domain_report_record_value(const mw_domain_report *report, size_t index);
/* MW_RECORD_OK, MW_RECORD_MISSING, MW_RECORD_MISMATCH or MW_RECORD_UNKNOWN. */
MW_API int mw_domain_report_record_status(const mw_domain_report *report, size_t index);
/* What is live at that name and type: found_count values. */
MW_API size_t mw_domain_report_record_found_count(const mw_domain_report *report, size_t index);
MW_API const char *mw_domain_report_record_found(const mw_domain_report *report, size_t index, size_t found_index);

/* Findings, in the order the checks ran (SPF, DKIM, DMARC, MX). */
MW_API size_t mw_domain_report_finding_count(const mw_domain_report *report);
/* The stable id: "spf.too_many_lookups", "dkim.key_weak", ... */
MW_API const char *mw_domain_report_finding_id(const mw_domain_report *report, size_t index);
/* MW_SEVERITY_INFO, MW_SEVERITY_WARNING or MW_SEVERITY_ERROR. */
MW_API int mw_domain_report_finding_severity(const mw_domain_report *report, size_t index);
/* A human-readable sentence naming the record concerned. */
MW_API const char *mw_domain_report_finding_message(const mw_domain_report *report, size_t index);

/* The report as one JSON object (UTF-8, one line) with the keys domain,
 * region, verdict, records (purpose, name, type, value, status, found) and
 * findings (id, severity, message). *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or report), MW_ENOMEM. */
MW_API int mw_domain_report_to_json(char **out, const mw_domain_report *report, mw_error **err);

/* ------------------------------------------------------------------------ */
/* SPF (RFC 7208)                                                           */
/* ------------------------------------------------------------------------ */

/* check_host() results. */
#define MW_SPF_NONE      0 /* no SPF record, or not a usable domain */
#define MW_SPF_NEUTRAL   1 /* the record states nothing about this client */
#define MW_SPF_PASS      2 /* the client is authorised */
#define MW_SPF_FAIL      3 /* the client is not authorised */
#define MW_SPF_SOFTFAIL  4 /* probably not authorised */
#define MW_SPF_TEMPERROR 5 /* a transient DNS failure */
#define MW_SPF_PERMERROR 6 /* the published records cannot be interpreted */

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

/* ------------------------------------------------------------------------ */
/* Amazon SES client                                                        */
/* ------------------------------------------------------------------------ */

/* Calls to Amazon SES v2 (or a compatible local server), signed with SigV4,
 * over keep-alive HTTPS, retried on throttling and transient failures with
 * capped exponential backoff. Errors of these calls map to status codes:
 *   not found                          MW_ENOTFOUND
 *   already exists                     MW_EEXIST
 *   bad request, message rejected,
 *   invalid configuration              MW_EINVAL
 *   no complete answer in time         MW_ETIMEDOUT
 *   an answer that cannot be parsed    MW_EPARSE
 *   anything else (throttled after the
 *   last attempt, access denied, no
 *   credentials, connection or TLS
 *   failure, 5xx ...)                  MW_ETRANSPORT
 * The mw_error message is one line naming the service's error type, the HTTP
 * status, the service's message and the request id; it never contains
 * credentials. */

/* Suppression reasons. */
#define MW_SES_SUPPRESSION_BOUNCE    0
#define MW_SES_SUPPRESSION_COMPLAINT 1

/* What SES does with a message when the MX record of the custom MAIL FROM
 * domain is missing (BehaviorOnMxFailure). */
#define MW_SES_MX_FAILURE_USE_DEFAULT_VALUE 0 /* send with SES's own MAIL FROM (amazonses.com) */
#define MW_SES_MX_FAILURE_REJECT_MESSAGE    1 /* refuse the message (MailFromDomainNotVerified) */

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
 * same time; calls block until SES answers (retries included). */
typedef struct mw_ses_client mw_ses_client;

/* Opens a client; options may be NULL for the defaults. No request is sent:
 * credentials are looked up by each call, and an unusable CA file fails the
 * calls over https; both with MW_ETRANSPORT.
 * Errors: MW_EINVAL (out NULL, bad endpoint URL, http:// not allowed, no
 * region), MW_ENOMEM. */
MW_API int mw_ses_client_open(mw_ses_client **out, const mw_ses_options *options, mw_error **err);
/* Frees the handle. Accepts NULL. No call may be running on it. Registries
 * opened over the client (mw_registry_options_set_ses_client) keep using it;
 * its connections close when the last of them is freed too. */
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
/* Easy DKIM tokens of a domain (publish <token>._domainkey.<domain> CNAMEs). */
MW_API size_t mw_ses_identity_dkim_token_count(const mw_ses_identity *identity);
/* The index-th token, borrowed; "" when index >= count. */
MW_API const char *mw_ses_identity_dkim_token(const mw_ses_identity *identity, size_t index);
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
/* Frees identity. Accepts NULL. */
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
/* Accessors of the index-th identity; strings borrowed from page. A NULL page
 * or an index >= count gives "" and 0. */
MW_API const char *mw_ses_identity_page_name(const mw_ses_identity_page *page, size_t index);
/* "EMAIL_ADDRESS", "DOMAIN" or "MANAGED_DOMAIN". */
MW_API const char *mw_ses_identity_page_type(const mw_ses_identity_page *page, size_t index);
/* 1 when SES lets the identity send (SendingEnabled), else 0. */
MW_API int mw_ses_identity_page_sending_enabled(const mw_ses_identity_page *page, size_t index);
/* As mw_ses_identity_verification_status. */
MW_API const char *mw_ses_identity_page_verification_status(const mw_ses_identity_page *page, size_t index);
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
 * MW_ETIMEDOUT, MW_ETRANSPORT ... When the failure may have reached SES the
 * message says "outcome unknown": the mail may or may not have gone out. */
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
/* GetSuppressedDestination. reason receives an MW_SES_SUPPRESSION_* value and
 * last_update_time seconds since the Unix epoch; either may be NULL.
 * Errors: MW_EINVAL, MW_ENOTFOUND, MW_ETRANSPORT ... */
MW_API int mw_ses_get_suppressed_destination(int *reason, int64_t *last_update_time, mw_ses_client *client,
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
/* Accessors of the index-th entry; strings borrowed from page. A NULL page or
 * an index >= count gives "", -1 and 0. */
MW_API const char *mw_ses_suppression_page_address(const mw_ses_suppression_page *page, size_t index);
/* MW_SES_SUPPRESSION_BOUNCE or MW_SES_SUPPRESSION_COMPLAINT. */
MW_API int mw_ses_suppression_page_reason(const mw_ses_suppression_page *page, size_t index);
/* When SES last changed the entry, in seconds since the Unix epoch. */
MW_API int64_t mw_ses_suppression_page_last_update_time(const mw_ses_suppression_page *page, size_t index);
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
 * a failure that may have reached SES (the message then says "outcome
 * unknown") unless mw_ses_options_set_retry_non_idempotent.
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

#endif /* MAILWARDEN_H */
