/*
 * mailwarden/sender.h — sender channels: a registry of sender addresses that
 * are verified (Pending -> Success, or Failed when the 24-hour link expires)
 * through the local transport or Amazon SES, and sends from verified ones.
 * See docs/senders.md.
 */
#ifndef MAILWARDEN_SENDER_H
#define MAILWARDEN_SENDER_H

#include <mailwarden/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Sender snapshots                                                         */
/* ------------------------------------------------------------------------ */

/* Verification states of a sender. */
typedef enum mw_verification_state {
    MW_SENDER_PENDING = 0, /* the verification mail is out, waiting for the click */
    MW_SENDER_SUCCESS = 1, /* verified: may send */
    MW_SENDER_FAILED = 2   /* link expired, or refused/revoked at the transport */
} mw_verification_state;

/* A snapshot of one sender. Immutable; readable from any thread. Destroyed
 * with mw_sender_free (unless borrowed from a list). Times are seconds since
 * the Unix epoch, UTC. Accessors return borrowed strings, valid until the
 * sender is freed; on a NULL sender they return "", 0 or -1. */
typedef struct mw_sender mw_sender;

/* The sender's stable id. */
MW_API const char *mw_sender_id(const mw_sender *sender);
/* The account the sender belongs to. */
MW_API const char *mw_sender_account(const mw_sender *sender);
/* The channel type: "Email". */
MW_API const char *mw_sender_type(const mw_sender *sender);
/* The address as stored (domain in its ASCII form). */
MW_API const char *mw_sender_address(const mw_sender *sender);
/* The display name shown to recipients. */
MW_API const char *mw_sender_alias(const mw_sender *sender);
/* MW_SENDER_PENDING, MW_SENDER_SUCCESS or MW_SENDER_FAILED; -1 for NULL. */
MW_API int mw_sender_state(const mw_sender *sender);
/* "Pending", "Success", "Failed" for a state number; NULL otherwise. Static
 * storage. Thread safety: any thread. */
MW_API const char *mw_sender_state_name(int state);
/* When the sender was added. */
MW_API int64_t mw_sender_created_at(const mw_sender *sender);
/* When the latest verification mail was requested. */
MW_API int64_t mw_sender_requested_at(const mw_sender *sender);
/* When the latest verification link expires. */
MW_API int64_t mw_sender_expires_at(const mw_sender *sender);
/* When the sender was verified; 0 if never. */
MW_API int64_t mw_sender_verified_at(const mw_sender *sender);
/* When the sender failed; 0 if never. */
MW_API int64_t mw_sender_failed_at(const mw_sender *sender);
/* Why it failed; "" unless Failed. */
MW_API const char *mw_sender_failure_reason(const mw_sender *sender);
/* Number of From-address advice lines (no-reply, role account). */
MW_API size_t mw_sender_warning_count(const mw_sender *sender);
/* The index-th advice line, borrowed; "" when index >= count. */
MW_API const char *mw_sender_warning_get(const mw_sender *sender, size_t index);
/* The sender as JSON (address, alias, status, requested_at, expires_at,
 * verified_at, failed_at ... in RFC 3339 UTC; with_history non-zero adds the
 * state changes). *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or sender), MW_ENOMEM. */
MW_API int mw_sender_to_json(char **out, const mw_sender *sender, int with_history, mw_error **err);
/* Frees sender. Accepts NULL. Must not be called on a sender borrowed from a
 * list. */
MW_API void mw_sender_free(mw_sender *sender);

/* Several senders. Immutable; readable from any thread. Destroyed with
 * mw_sender_list_free. */
typedef struct mw_sender_list mw_sender_list;
/* Number of senders (0 for NULL). */
MW_API size_t mw_sender_list_count(const mw_sender_list *list);
/* The index-th sender, borrowed from the list; NULL when index >= count. */
MW_API const mw_sender *mw_sender_list_get(const mw_sender_list *list, size_t index);
/* Frees list and every sender borrowed from it. Accepts NULL. */
MW_API void mw_sender_list_free(mw_sender_list *list);

/* ------------------------------------------------------------------------ */
/* Registry options                                                         */
/* ------------------------------------------------------------------------ */

/* Options for opening a registry. Created with mw_registry_options_new,
 * destroyed with mw_registry_options_free. Not thread-safe while being
 * modified; only read by mw_registry_open. The rules between options
 * (exactly one transport, SES-only settings) are checked by mw_registry_open. */
typedef struct mw_registry_options mw_registry_options;

/* Creates options with no store and no transport chosen: set the store path
 * and either the outbox folder (local transport) or an SES client (see
 * mw_registry_options_set_ses_client in mailwarden/ses.h).
 * Errors: MW_EINVAL (out NULL), MW_ENOMEM. */
MW_API int mw_registry_options_new(mw_registry_options **out, mw_error **err);
/* Frees options. Accepts NULL. */
MW_API void mw_registry_options_free(mw_registry_options *options);

/* Each setter: Errors: MW_EINVAL (NULL options or a value out of range). */

/* Where senders, the bounce tracker and the mailing lists keep their state:
 * the SQLite file (created and migrated as needed), ":memory:" for a
 * private in-memory store, or a PostgreSQL URL ("postgresql://user@host/db
 * ?sslmode=verify-full" — libpq's connection URI, TLS and timeout parameters
 * passed through) that several service instances share. Opening fails with
 * MW_EIO when the server cannot be reached (err's retryable flag set) or
 * holds a newer schema than this library's. */
MW_API int mw_registry_options_set_store_path(mw_registry_options *options, const char *path, mw_error **err);
/* The local transport's outbox folder (Maildir); chooses the local transport. */
MW_API int mw_registry_options_set_outbox(mw_registry_options *options, const char *dir, mw_error **err);
/* How long verification links stay valid (default 86400); MW_EINVAL if <= 0. */
MW_API int mw_registry_options_set_link_lifetime(mw_registry_options *options, int64_t seconds, mw_error **err);
/* The account used when a call passes NULL (default "default"); not empty. */
MW_API int mw_registry_options_set_default_account(mw_registry_options *options, const char *account, mw_error **err);
/* Turn the no-reply warning into an MW_EPOLICY error (boolean). */
MW_API int mw_registry_options_set_reject_noreply(mw_registry_options *options, int reject, mw_error **err);
/* Turn the role-account warning into an MW_EPOLICY error (boolean). */
MW_API int mw_registry_options_set_reject_role(mw_registry_options *options, int reject, mw_error **err);
/* Accept special-use domains (.test, example.com) as senders (boolean;
 * demos, tests). */
MW_API int mw_registry_options_set_allow_special_use(mw_registry_options *options, int allow, mw_error **err);
/* The local transport signs sent mail with the DKIM keys in this folder,
 * laid out as <folder>/<domain>/<selector>.pem (what `mwctl dkim keygen`
 * writes): each message gets a signature from every key of its From domain
 * or a parent of it. Read by mw_registry_open, which fails with MW_EINVAL
 * naming a file that is not a usable key, or when an SES client is the
 * transport (SES signs with Easy DKIM). NULL or "": no signing. */
MW_API int mw_registry_options_set_dkim_keys(mw_registry_options *options, const char *folder, mw_error **err);
/* Use a manual clock starting at unix_seconds instead of the system clock;
 * it moves only with mw_registry_advance_clock (tests, demos). */
MW_API int mw_registry_options_set_manual_clock(mw_registry_options *options, int64_t unix_seconds, mw_error **err);

/* ------------------------------------------------------------------------ */
/* Registry                                                                 */
/* ------------------------------------------------------------------------ */

/* A sender registry over a store and a transport. Thread-safe: any function
 * may be called from any thread, also from inside a state-change callback.
 * Reference-counted: mw_registry_free may be called while other calls on it
 * are running, or from a callback; the registry stops its refresher and
 * closes when the last running call returns. */
typedef struct mw_registry mw_registry;

/* Opens the store and the transport: SES when the options name an SES client,
 * else the local transport in the outbox folder.
 * Errors: MW_EINVAL (NULL out or options; no store path; neither or both of
 * an outbox and an SES client), MW_EIO (store or outbox unusable), MW_ENOMEM. */
MW_API int mw_registry_open(mw_registry **out, const mw_registry_options *options, mw_error **err);
/* Releases the caller's reference. Accepts NULL. Safe while calls run on
 * other threads and from inside a callback: the registry is closed when the
 * last of them returns (the refresher stops first). No callback starts
 * after mw_registry_free has returned on the thread that called it, except
 * those of calls still running. */
MW_API void mw_registry_free(mw_registry *registry);

/* `account` may be NULL everywhere below: the default account. */

/* Adds a sender (Pending) and sends the verification mail. The sender is
 * stored before the mail goes out, so two processes adding one address at
 * once give one sender and one mail. *out is the new sender (free with
 * mw_sender_free). Errors: MW_EINVAL (bad address, CR/LF in alias), MW_EEXIST,
 * MW_EPOLICY, the transport's errors (MW_ETRANSPORT, MW_ETIMEDOUT, MW_EAUTH
 * ...), MW_EIO. */
MW_API int mw_registry_add(mw_sender **out, mw_registry *registry, const char *address, const char *alias,
                           const char *account, mw_error **err);
/* One sender, expiry applied. Errors: MW_EINVAL, MW_ENOTFOUND, MW_EIO. */
MW_API int mw_registry_get(mw_sender **out, mw_registry *registry, const char *address, const char *account,
                           mw_error **err);
/* Senders of the account in creation order; state -1 for all, else only that
 * mw_verification_state. *out is freed with mw_sender_list_free.
 * Errors: MW_EINVAL, MW_EIO. */
MW_API int mw_registry_list(mw_sender_list **out, mw_registry *registry, int state, const char *account,
                            mw_error **err);
/* A new verification mail and window. *out is freed with mw_sender_free.
 * Errors: MW_ENOTFOUND, MW_EINVAL (already verified), the transport's errors. */
MW_API int mw_registry_resend(mw_sender **out, mw_registry *registry, const char *address, const char *account,
                              mw_error **err);
/* Removes a sender; delete_identity non-zero also removes it at the
 * transport. Errors: MW_EINVAL, MW_ENOTFOUND, the transport's errors, MW_EIO. */
MW_API int mw_registry_remove(mw_registry *registry, const char *address, int delete_identity, const char *account,
                              mw_error **err);
/* Polls the transport for every Pending sender and applies expiry. checked
 * and changed (either may be NULL) receive how many senders were checked and
 * how many changed state. Transport errors are counted, not returned.
 * Errors: MW_EINVAL (NULL registry), MW_EIO. */
MW_API int mw_registry_refresh(int *checked, int *changed, mw_registry *registry, mw_error **err);
/* Local transport: "clicks" a verification link; *message (mw_string_free)
 * is the confirmation text. The senders of the link's address (in every
 * account) are checked at once, so their new state shows immediately.
 * Errors: MW_EINVAL (not a valid link, or the registry uses SES),
 * MW_EEXPIRED, MW_ENOTFOUND. */
MW_API int mw_registry_confirm(char **message, mw_registry *registry, const char *link, mw_error **err);
/* Local transport: the latest verification link sent to address
 * (mw_string_free). Errors: MW_EINVAL (the registry uses SES), MW_ENOTFOUND. */
MW_API int mw_registry_last_link(char **link, mw_registry *registry, const char *address, mw_error **err);
/* Sends from a verified sender. to has to_count addresses; text or html may
 * be NULL (not both). *message_id is freed with mw_string_free.
 * Errors: MW_EINVAL, MW_ENOTFOUND, MW_ENOTVERIFIED, the transport's errors
 * (mw_error_outcome_unknown tells a send that may have gone out). */
MW_API int mw_registry_send(char **message_id, mw_registry *registry, const char *from, const char *const *to,
                            size_t to_count, const char *subject, const char *text, const char *html,
                            const char *account, mw_error **err);
/* Manual clock only (see mw_registry_options_set_manual_clock): moves it by
 * seconds (>= 0). Errors: MW_EINVAL (NULL registry, the system clock,
 * negative seconds). */
MW_API int mw_registry_advance_clock(mw_registry *registry, int64_t seconds, mw_error **err);

/* Called once per state change of a sender, after it is stored, on the
 * thread that made the change: the caller of add/get/list/refresh/resend
 * (expiry is applied lazily there), a library worker of refresh/confirm, or
 * the background refresher's thread. `sender` is borrowed for the duration
 * of the call. from_state is -1 when the sender was just created. The
 * callback may call any registry function, mw_registry_unsubscribe and
 * mw_registry_free included. */
typedef void (*mw_state_change_fn)(const mw_sender *sender, int from_state, int to_state, void *user_data);

/* Registers fn; *id identifies it for mw_registry_unsubscribe.
 * Errors: MW_EINVAL (NULL id, registry or fn), MW_ENOMEM. */
MW_API int mw_registry_subscribe(int *id, mw_registry *registry, mw_state_change_fn fn, void *user_data,
                                 mw_error **err);
/* Stops deliveries to the callback of id. From any thread, also from inside
 * a callback (that delivery finishes; none starts after). When it returns
 * outside a callback, no delivery to id is running any more.
 * Errors: MW_EINVAL (NULL registry), MW_ENOTFOUND (no such id). */
MW_API int mw_registry_unsubscribe(mw_registry *registry, int id, mw_error **err);

/* Runs refresh every interval_ms on a library thread until
 * mw_registry_stop_refresher or the registry closes. Errors: MW_EINVAL (NULL
 * registry, interval_ms < 1, called from inside a state-change callback).
 * Thread safety: any thread. */
MW_API int mw_registry_start_refresher(mw_registry *registry, int64_t interval_ms, mw_error **err);
/* Stops the refresher, waiting for a running round; from inside a
 * state-change callback it asks the refresher to stop without waiting (the
 * round ends by itself). Accepts NULL. */
MW_API void mw_registry_stop_refresher(mw_registry *registry);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_SENDER_H */
