/*
 * mailwarden/dkim.h — DKIM signing of outgoing mail (RFC 6376, RFC 8463
 * ed25519-sha256) and the keys to sign with: a private key and the TXT
 * record to publish at <selector>._domainkey.<domain>. See
 * docs/message-auth.md ("Signing").
 */
#ifndef MAILWARDEN_DKIM_H
#define MAILWARDEN_DKIM_H

#include <mailwarden/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Header and body canonicalization (RFC 6376 3.4). */
typedef enum mw_dkim_canonicalization {
    MW_DKIM_SIMPLE = 0,
    MW_DKIM_RELAXED = 1 /* the default for both */
} mw_dkim_canonicalization;

/* The kind of key mw_dkim_keygen makes. */
typedef enum mw_dkim_key_type {
    MW_DKIM_KEY_RSA = 0,    /* rsa-sha256 */
    MW_DKIM_KEY_ED25519 = 1 /* ed25519-sha256 (RFC 8463) */
} mw_dkim_key_type;

/* Options for mw_dkim_signer_new. Created with mw_dkim_sign_options_new
 * (the defaults: relaxed/relaxed, the default header list — From, To, Cc,
 * Subject, Date, Message-ID, Reply-To, Content-Type, MIME-Version,
 * List-Unsubscribe, List-Unsubscribe-Post, List-Id —, no x=, the system
 * clock for t=), destroyed with mw_dkim_sign_options_free (accepts NULL).
 * Not thread-safe while being modified; a signer copies what it needs, so
 * the options may be freed right after mw_dkim_signer_new. Setters fail
 * with MW_EINVAL on NULL options. */
typedef struct mw_dkim_sign_options mw_dkim_sign_options;

/* *out is freed with mw_dkim_sign_options_free. Errors: MW_EINVAL (NULL
 * out), MW_ENOMEM. */
MW_API int mw_dkim_sign_options_new(mw_dkim_sign_options **out, mw_error **err);
MW_API void mw_dkim_sign_options_free(mw_dkim_sign_options *options);
/* mw_dkim_canonicalization values for the header and the body. Errors:
 * also another number. */
MW_API int mw_dkim_sign_options_set_canonicalization(mw_dkim_sign_options *options, int header, int body,
                                                     mw_error **err);
/* Adds a header field name to sign; the first call replaces the default
 * list. Each name is over-signed (h= names it once more than the message
 * has it); From is always signed. Errors: also a NULL or empty name. */
MW_API int mw_dkim_sign_options_add_header(mw_dkim_sign_options *options, const char *name, mw_error **err);
/* Writes x= this many seconds after t=; 0: no x= (the default). Errors:
 * also a negative value. */
MW_API int mw_dkim_sign_options_set_lifetime(mw_dkim_sign_options *options, int64_t seconds, mw_error **err);
/* Signs as at this Unix time (t=), for reproducible signatures; a negative
 * value: the system clock. */
MW_API int mw_dkim_sign_options_set_now(mw_dkim_sign_options *options, int64_t unix_seconds, mw_error **err);

/* Signs messages for one domain and selector with one key: rsa-sha256 for
 * an RSA key of 1024 bits or more, ed25519-sha256 for an Ed25519 key; never
 * l=. Immutable once made: one signer may sign on any number of threads at
 * once. Destroyed with mw_dkim_signer_free (accepts NULL; freeing twice is a
 * no-op). It is reference-counted like the service handles: a free while
 * other threads sign with it lets those calls finish, and a signing call
 * on a freed signer fails with MW_EINVAL. Accessors on NULL return "" or 0;
 * their strings are borrowed until the signer is freed. */
typedef struct mw_dkim_signer mw_dkim_signer;

/* A signer from pem_length bytes of an unencrypted private key in PEM
 * (PKCS#8 or traditional; no passphrase is ever asked for), the signing
 * domain (d=) and the selector (s=). options may be NULL (the defaults).
 * *out is freed with mw_dkim_signer_free. Errors: MW_EINVAL (NULL out, pem,
 * domain or selector; no key in the PEM, another key type, RSA under 1024
 * bits, a domain or selector DKIM cannot carry — the message says which),
 * MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_dkim_signer_new(mw_dkim_signer **out, const char *pem, size_t pem_length, const char *domain,
                              const char *selector, const mw_dkim_sign_options *options, mw_error **err);
MW_API void mw_dkim_signer_free(mw_dkim_signer *signer);

/* The DKIM-Signature field for message_length bytes of message (RFC 5322,
 * CRLF or LF), folded at 78 columns and ending in a line end like the
 * message's, ready to put on top of it. *out is freed with mw_string_free.
 * Errors: MW_EINVAL (NULL out or signer, NULL message with a non-zero
 * length, a freed signer, a message without From), MW_ENOMEM. Thread
 * safety: any thread. */
MW_API int mw_dkim_signer_sign(char **out, const mw_dkim_signer *signer, const char *message,
                               size_t message_length, mw_error **err);
/* The message with the field of mw_dkim_signer_sign on top. *out is freed
 * with mw_string_free; *out_length (out_length may be NULL) receives its
 * length, as the message may hold NUL bytes. Errors: as
 * mw_dkim_signer_sign. */
MW_API int mw_dkim_signer_sign_message(char **out, size_t *out_length, const mw_dkim_signer *signer,
                                       const char *message, size_t message_length, mw_error **err);

/* "rsa-sha256" or "ed25519-sha256"; borrowed from the signer. */
MW_API const char *mw_dkim_signer_algorithm(const mw_dkim_signer *signer);
/* The RSA modulus size; 256 for Ed25519. */
MW_API unsigned mw_dkim_signer_key_bits(const mw_dkim_signer *signer);
/* d= (A-labels) and s=, borrowed from the signer. */
MW_API const char *mw_dkim_signer_domain(const mw_dkim_signer *signer);
MW_API const char *mw_dkim_signer_selector(const mw_dkim_signer *signer);
/* The TXT record that publishes the signer's key: "v=DKIM1; k=rsa; p=...",
 * borrowed from the signer. */
MW_API const char *mw_dkim_signer_txt_record(const mw_dkim_signer *signer);

/* The message with one signature per signer on top, the first signer's
 * topmost (an RSA and an Ed25519 signature, RFC 8463 3); each signs the
 * message as given, not the others' signatures. signers holds count
 * signers. *out is freed with mw_string_free; *out_length (out_length may
 * be NULL) receives its length. Errors: MW_EINVAL (NULL out, NULL signers,
 * a count of 0, a NULL or freed signer in the array, NULL message with a non-zero
 * length, a message without From), MW_ENOMEM. Thread safety: any thread. */
MW_API int mw_dkim_sign_message(char **out, size_t *out_length, const char *message, size_t message_length,
                                const mw_dkim_signer *const *signers, size_t count, mw_error **err);

/* A key made by mw_dkim_keygen: the private key (PKCS#8 PEM, unencrypted),
 * the TXT record to publish, and that record as character-strings of at
 * most 255 bytes (a TXT record cannot hold a longer string; resolvers join
 * them). Immutable; any thread. Destroyed with mw_dkim_key_free (accepts
 * NULL); strings are borrowed until then. Accessors on NULL return "" or
 * 0; index >= count returns "". */
typedef struct mw_dkim_key mw_dkim_key;

/* A new key of an mw_dkim_key_type. bits is the RSA modulus size, 1024 to
 * 8192 (0: 2048, what mailbox providers expect); Ed25519 ignores it. *out is
 * freed with mw_dkim_key_free. Errors: MW_EINVAL (NULL out, another type,
 * bits out of range), MW_EINTERNAL (OpenSSL failed), MW_ENOMEM. Thread
 * safety: any thread. */
MW_API int mw_dkim_keygen(mw_dkim_key **out, int type, unsigned bits, mw_error **err);
MW_API void mw_dkim_key_free(mw_dkim_key *key);
MW_API const char *mw_dkim_key_private_pem(const mw_dkim_key *key);
/* "v=DKIM1; k=rsa; p=..." or "v=DKIM1; k=ed25519; p=...". */
MW_API const char *mw_dkim_key_txt_record(const mw_dkim_key *key);
MW_API size_t mw_dkim_key_txt_string_count(const mw_dkim_key *key);
MW_API const char *mw_dkim_key_txt_string(const mw_dkim_key *key, size_t index);

/* The zone-file line that publishes count strings (a key's character-
 * strings) at <selector>._domainkey.<domain>:
 * s._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; p=MIIB..." "...".
 * *out is freed with mw_string_free. Errors: MW_EINVAL (NULL out, domain or
 * selector; NULL strings with a non-zero count, a NULL string), MW_ENOMEM.
 * Thread safety: any thread. */
MW_API int mw_dkim_zone_line(char **out, const char *domain, const char *selector, const char *const *strings,
                             size_t count, mw_error **err);

#ifdef __cplusplus
}
#endif

#endif /* MAILWARDEN_DKIM_H */
