/* DKIM signing, key generation and the bulk-sender readiness report through
 * the C ABI, from plain C99. Run without MW_TEST_DNS, it makes an RSA and
 * an Ed25519 key with mw_dkim_keygen, writes a zone publishing them (with
 * SPF, DMARC and a PTR zone) and runs itself again under
 * run-with-unbound.sh serving it; then it signs with those keys and checks
 * the result with mw_message_check, and judges the readiness report's
 * rules, against that unbound. Bad PEMs, bad options and NULL arguments get
 * typed errors.
 *
 * Usage: capi_dkim_test RUN_WITH_UNBOUND          (makes the keys and the zone)
 *        capi_dkim_test RUN_WITH_UNBOUND WORK_DIR (with MW_TEST_DNS set) */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "expect.h"
#include "read_file.h"

/* s begins with the string literal lit. */
#define STARTS(s, lit) (strncmp((s), (lit), sizeof(lit) - 1) == 0)

#define DOMAIN "mail-fixtures.net"
/* 2026-12-03T12:00:00Z: t= of every signature and the checks' "now". */
#define NOW 1796299200
#define PLAIN                                                                                            \
    "From: News <news@" DOMAIN ">\r\nTo: ann@example.org\r\nSubject: Issue 1\r\n"                      \
    "Date: Thu, 03 Dec 2026 11:59:00 +0000\r\nMessage-ID: <1@" DOMAIN ">\r\n"                           \
    "List-Unsubscribe: <https://" DOMAIN "/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" \
    "\r\nHello Ann,\r\nthe news.\r\n"

static int write_file(const char *dir, const char *name, const char *text) {
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL) return 0;
    fputs(text, f);
    return fclose(f) == 0;
}

/* ---- without DNS ---- */

static void test_null_arguments(void) {
    mw_dkim_sign_options *o = NULL;
    mw_dkim_signer *s = NULL;
    mw_dkim_key *k = NULL;
    mw_readiness_input *in = NULL;
    mw_readiness_report *r = NULL;
    char *out = NULL;
    const mw_dkim_signer *none[1] = {NULL};
    const char *strings[1] = {NULL};
    mw_error *err = NULL;
    EXPECT(mw_dkim_sign_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_set_now(NULL, NOW, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_set_canonicalization(NULL, MW_DKIM_SIMPLE, MW_DKIM_SIMPLE, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_add_header(NULL, "From", NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_set_lifetime(NULL, 60, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_signer_new(NULL, "x", 1, DOMAIN, "s", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_signer_new(&s, NULL, 0, DOMAIN, "s", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_signer_new(&s, "x", 1, NULL, "s", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_signer_new(&s, "x", 1, DOMAIN, NULL, NULL, &err) == MW_EINVAL);
    EXPECT(mw_error_code(err) == MW_EINVAL && strstr(mw_error_message(err), "selector") != NULL);
    mw_error_free(err);
    EXPECT(s == NULL);
    EXPECT(mw_dkim_signer_sign(&out, NULL, "x", 1, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_signer_sign(NULL, NULL, "x", 1, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_signer_sign_message(&out, NULL, NULL, "x", 1, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_message(&out, NULL, "x", 1, NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_message(&out, NULL, "x", 1, none, 0, NULL) == MW_EINVAL);
    err = NULL;
    EXPECT(mw_dkim_sign_message(&out, NULL, "x", 1, none, 1, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "signer 0") != NULL);
    mw_error_free(err);
    EXPECT(out == NULL);
    EXPECT(mw_dkim_keygen(NULL, MW_DKIM_KEY_RSA, 0, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_zone_line(&out, DOMAIN, "s", NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_zone_line(&out, DOMAIN, "s", strings, 1, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_zone_line(&out, NULL, "s", strings, 0, NULL) == MW_EINVAL);
    EXPECT(strcmp(mw_dkim_signer_algorithm(NULL), "") == 0 && mw_dkim_signer_key_bits(NULL) == 0);
    EXPECT(strcmp(mw_dkim_signer_txt_record(NULL), "") == 0 && strcmp(mw_dkim_signer_domain(NULL), "") == 0);
    EXPECT(strcmp(mw_dkim_key_private_pem(NULL), "") == 0 && mw_dkim_key_txt_string_count(NULL) == 0);
    EXPECT(strcmp(mw_dkim_key_txt_string(NULL, 0), "") == 0);
    mw_dkim_sign_options_free(NULL);
    mw_dkim_signer_free(NULL);
    mw_dkim_key_free(NULL);
    EXPECT(k == NULL && o == NULL);

    EXPECT(mw_readiness_input_new(&in, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_new(&in, "", NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_new(NULL, DOMAIN, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_sample(NULL, "x", 1, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_connection(NULL, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_stats(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_figures(NULL, "a", 1, 0, 0, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_now(NULL, NOW, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_new(&in, DOMAIN, NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_sample(in, NULL, 3, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_figures(in, NULL, 1, 0, 0, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_input_set_figures(in, "acme", -1, 0, 0, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_check(NULL, in, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_readiness_check(&r, NULL, NULL, NULL) == MW_EINVAL);
    err = NULL;
    EXPECT(mw_readiness_check(&r, in, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "resolver") != NULL);
    mw_error_free(err);
    EXPECT(r == NULL);
    mw_readiness_input_free(in);
    mw_readiness_input_free(NULL);
    mw_readiness_report_free(NULL);
    EXPECT(mw_readiness_report_ready(NULL) == 0 && mw_readiness_report_rule_count(NULL) == 0);
    EXPECT(mw_readiness_report_rule_get(NULL, 0) == NULL && mw_readiness_report_rule_find(NULL, "spf") == NULL);
    EXPECT(mw_readiness_rule_status(NULL) == MW_RULE_UNKNOWN && strcmp(mw_readiness_rule_id(NULL), "") == 0);
    EXPECT(strcmp(mw_readiness_rule_provider(NULL, 0), "") == 0 && mw_readiness_rule_required(NULL) == 0);
    EXPECT(mw_readiness_report_to_json(&out, NULL, NULL) == MW_EINVAL);
    EXPECT(strcmp(mw_rule_status_name(MW_RULE_FAIL), "fail") == 0 && strcmp(mw_rule_status_name(9), "") == 0);
}

static void test_bad_keys_and_options(void) {
    static const char not_a_key[] = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
    mw_dkim_signer *s = NULL;
    mw_dkim_key *k = NULL;
    mw_dkim_sign_options *o = NULL;
    mw_error *err = NULL;
    EXPECT(mw_dkim_signer_new(&s, not_a_key, sizeof not_a_key - 1, DOMAIN, "s1", NULL, &err) == MW_EINVAL);
    EXPECT(s == NULL && mw_error_code(err) == MW_EINVAL && strlen(mw_error_message(err)) > 0);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_dkim_signer_new(&s, "", 0, DOMAIN, "s1", NULL, &err) == MW_EINVAL);
    EXPECT(strlen(mw_error_message(err)) > 0);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_dkim_keygen(&k, MW_DKIM_KEY_RSA, 512, &err) == MW_EINVAL);
    EXPECT(k == NULL && strlen(mw_error_message(err)) > 0);
    mw_error_free(err);
    EXPECT(mw_dkim_keygen(&k, 7, 0, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_dkim_sign_options_set_canonicalization(o, 2, MW_DKIM_SIMPLE, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_add_header(o, "", NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_add_header(o, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_dkim_sign_options_set_lifetime(o, -1, NULL) == MW_EINVAL);
    mw_dkim_sign_options_free(o);
}

/* ---- the keys and their zone ---- */

static int write_key(const char *dir, const char *name, const mw_dkim_key *key) {
    char file[64];
    snprintf(file, sizeof file, "%s.pem", name);
    return write_file(dir, file, mw_dkim_key_private_pem(key));
}

/* The zone line of key at selector, through mw_dkim_zone_line. */
static char *zone_line(const mw_dkim_key *key, const char *selector) {
    const char *strings[8];
    size_t i, n = mw_dkim_key_txt_string_count(key);
    char *line = NULL;
    if (n > 8) return NULL;
    for (i = 0; i < n; ++i) strings[i] = mw_dkim_key_txt_string(key, i);
    if (mw_dkim_zone_line(&line, DOMAIN, selector, strings, n, NULL) != MW_OK) return NULL;
    return line;
}

static void test_keygen(const mw_dkim_key *rsa, const mw_dkim_key *ed) {
    char joined[2048] = "";
    size_t i;
    EXPECT(STARTS(mw_dkim_key_private_pem(rsa), "-----BEGIN PRIVATE KEY-----"));
    EXPECT(STARTS(mw_dkim_key_txt_record(rsa), "v=DKIM1; k=rsa; p="));
    /* An RSA-2048 record (about 410 bytes) takes two strings of at most 255. */
    EXPECT(mw_dkim_key_txt_string_count(rsa) == 2);
    for (i = 0; i < mw_dkim_key_txt_string_count(rsa); ++i) {
        EXPECT(strlen(mw_dkim_key_txt_string(rsa, i)) <= 255);
        strncat(joined, mw_dkim_key_txt_string(rsa, i), sizeof joined - strlen(joined) - 1);
    }
    EXPECT(strcmp(joined, mw_dkim_key_txt_record(rsa)) == 0);
    EXPECT(strcmp(mw_dkim_key_txt_string(rsa, 2), "") == 0);
    EXPECT(STARTS(mw_dkim_key_txt_record(ed), "v=DKIM1; k=ed25519; p="));
    EXPECT(mw_dkim_key_txt_string_count(ed) == 1);
    EXPECT(strcmp(mw_dkim_key_txt_string(ed, 0), mw_dkim_key_txt_record(ed)) == 0);
}

static int make_zone(const char *dir) {
    mw_dkim_key *rsa = NULL, *ed = NULL;
    char *rsa_line, *ed_line, *zone;
    size_t size;
    int ok;
    if (mw_dkim_keygen(&rsa, MW_DKIM_KEY_RSA, 0, NULL) != MW_OK || mw_dkim_keygen(&ed, MW_DKIM_KEY_ED25519, 0, NULL) != MW_OK)
        return 0;
    test_keygen(rsa, ed);
    rsa_line = zone_line(rsa, "s2026");
    ed_line = zone_line(ed, "ed2026");
    EXPECT(rsa_line != NULL && STARTS(rsa_line, "s2026._domainkey." DOMAIN ". IN TXT \"v=DKIM1; k=rsa; p="));
    EXPECT(ed_line != NULL && STARTS(ed_line, "ed2026._domainkey." DOMAIN ". IN TXT \"v=DKIM1; k=ed25519;"));
    size = 1024 + (rsa_line ? strlen(rsa_line) : 0) + (ed_line ? strlen(ed_line) : 0);
    zone = malloc(size);
    snprintf(zone, size,
             "$ORIGIN " DOMAIN ".\n$TTL 300\n"
             "@ 300 IN SOA ns." DOMAIN ". hostmaster." DOMAIN ". 2026120301 3600 600 86400 60\n"
             "@ 300 IN NS ns." DOMAIN ".\nns 300 IN A 127.0.0.1\nmta 300 IN A 192.0.2.10\n"
             "@ 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n_dmarc 300 IN TXT \"v=DMARC1; p=reject\"\n%s\n%s\n",
             rsa_line ? rsa_line : "", ed_line ? ed_line : "");
    ok = rsa_line != NULL && ed_line != NULL && write_file(dir, DOMAIN ".zone", zone) &&
         write_file(dir, "2.0.192.in-addr.arpa.zone",
                    "$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 300\n"
                    "@ 300 IN SOA ns." DOMAIN ". hostmaster." DOMAIN ". 2026120301 3600 600 86400 60\n"
                    "@ 300 IN NS ns." DOMAIN ".\n10 300 IN PTR mta." DOMAIN ".\n11 300 IN PTR elsewhere." DOMAIN ".\n") &&
         write_key(dir, "rsa", rsa) && write_key(dir, "ed", ed);
    free(zone);
    mw_string_free(rsa_line);
    mw_string_free(ed_line);
    mw_dkim_key_free(rsa);
    mw_dkim_key_free(ed);
    return ok;
}

/* ---- with DNS ---- */

static mw_resolver *open_resolver(const char *dns) {
    mw_resolver_options *ro = NULL;
    mw_resolver *resolver = NULL;
    EXPECT(mw_resolver_options_new(&ro, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(ro, dns, NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, ro, NULL) == MW_OK);
    mw_resolver_options_free(ro);
    return resolver;
}

static mw_dkim_signer *signer_from(const char *dir, const char *name, const char *selector,
                                   const mw_dkim_sign_options *o) {
    char path[512];
    size_t length = 0;
    char *pem;
    mw_dkim_signer *s = NULL;
    mw_error *err = NULL;
    snprintf(path, sizeof path, "%s/%s.pem", dir, name);
    pem = read_file(path, &length);
    EXPECT(pem != NULL);
    if (pem == NULL) return NULL;
    if (mw_dkim_signer_new(&s, pem, length, DOMAIN, selector, o, &err) != MW_OK) {
        fprintf(stderr, "signer %s: %s\n", name, mw_error_message(err));
        mw_error_free(err);
    }
    free(pem);
    return s;
}

static mw_message_report *check(mw_resolver *resolver, const char *message, size_t length, int64_t now) {
    mw_message_check_options *o = NULL;
    mw_message_report *r = NULL;
    mw_error *err = NULL;
    EXPECT(mw_message_check_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_resolver(o, resolver, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_now(o, now, NULL) == MW_OK);
    if (mw_message_check(&r, message, length, NULL, NULL, NULL, o, &err) != MW_OK) {
        fprintf(stderr, "check: %s\n", mw_error_message(err));
        mw_error_free(err);
    }
    mw_message_check_options_free(o);
    return r;
}

static void test_sign_and_verify(mw_resolver *resolver, const mw_dkim_signer *rsa, const mw_dkim_signer *ed) {
    char *field = NULL, *signed_message = NULL, *tampered;
    size_t length = 0;
    mw_message_report *r;
    const mw_dkim_check *c;
    EXPECT(strcmp(mw_dkim_signer_algorithm(rsa), "rsa-sha256") == 0 && mw_dkim_signer_key_bits(rsa) == 2048);
    EXPECT(strcmp(mw_dkim_signer_algorithm(ed), "ed25519-sha256") == 0 && mw_dkim_signer_key_bits(ed) == 256);
    EXPECT(strcmp(mw_dkim_signer_domain(rsa), DOMAIN) == 0 && strcmp(mw_dkim_signer_selector(rsa), "s2026") == 0);
    EXPECT(STARTS(mw_dkim_signer_txt_record(rsa), "v=DKIM1; k=rsa; p="));

    EXPECT(mw_dkim_signer_sign(&field, rsa, PLAIN, strlen(PLAIN), NULL) == MW_OK);
    EXPECT(field != NULL && STARTS(field, "DKIM-Signature: v=1; a=rsa-sha256;"));
    EXPECT(field != NULL && strstr(field, " t=1796299200;") != NULL && strstr(field, "x=") == NULL);
    EXPECT(mw_dkim_signer_sign_message(&signed_message, &length, rsa, PLAIN, strlen(PLAIN), NULL) == MW_OK);
    EXPECT(signed_message != NULL && length == strlen(field) + strlen(PLAIN));
    EXPECT(signed_message != NULL && strncmp(signed_message, field, strlen(field)) == 0);
    r = check(resolver, signed_message, length, NOW);
    c = mw_message_report_dkim_get(r, 0);
    EXPECT(mw_message_report_dkim_count(r) == 1);
    EXPECT(strcmp(mw_dkim_check_result(c), "pass") == 0 && mw_dkim_check_key_bits(c) == 2048);
    EXPECT(strcmp(mw_dkim_check_selector(c), "s2026") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_result(r), "pass") == 0 && mw_message_report_dkim_aligned(r) == 1);
    mw_message_report_free(r);

    /* A changed body fails. */
    tampered = malloc(length + 1);
    memcpy(tampered, signed_message, length + 1);
    memcpy(strstr(tampered, "the news."), "the NEWS.", 9);
    r = check(resolver, tampered, length, NOW);
    c = mw_message_report_dkim_get(r, 0);
    EXPECT(strcmp(mw_dkim_check_result(c), "fail") == 0 && strcmp(mw_dkim_check_reason(c), "body_hash_mismatch") == 0);
    mw_message_report_free(r);
    free(tampered);
    mw_string_free(signed_message);
    mw_string_free(field);
}

static void test_both_signers(mw_resolver *resolver, const mw_dkim_signer *rsa, const mw_dkim_signer *ed) {
    const mw_dkim_signer *both[2];
    char *signed_message = NULL;
    size_t length = 0;
    mw_message_report *r;
    mw_error *err = NULL;
    both[0] = rsa;
    both[1] = ed;
    EXPECT(mw_dkim_sign_message(&signed_message, &length, PLAIN, strlen(PLAIN), both, 2, NULL) == MW_OK);
    r = check(resolver, signed_message, length, NOW);
    EXPECT(mw_message_report_dkim_count(r) == 2);
    EXPECT(strcmp(mw_dkim_check_algorithm(mw_message_report_dkim_get(r, 0)), "rsa-sha256") == 0);
    EXPECT(strcmp(mw_dkim_check_algorithm(mw_message_report_dkim_get(r, 1)), "ed25519-sha256") == 0);
    EXPECT(strcmp(mw_dkim_check_result(mw_message_report_dkim_get(r, 0)), "pass") == 0);
    EXPECT(strcmp(mw_dkim_check_result(mw_message_report_dkim_get(r, 1)), "pass") == 0);
    EXPECT(strcmp(mw_dkim_check_selector(mw_message_report_dkim_get(r, 1)), "ed2026") == 0);
    mw_message_report_free(r);
    mw_string_free(signed_message);

    /* A message without From is refused, with a message. */
    signed_message = NULL;
    EXPECT(mw_dkim_sign_message(&signed_message, NULL, "To: a@b.example\r\n\r\nx\r\n", 22, both, 2, &err) == MW_EINVAL);
    EXPECT(signed_message == NULL && strstr(mw_error_message(err), "From") != NULL);
    mw_error_free(err);
}

static void test_options(mw_resolver *resolver, const char *dir) {
    mw_dkim_sign_options *o = NULL;
    mw_dkim_signer *s;
    char *signed_message = NULL;
    size_t length = 0, i, n;
    mw_message_report *r;
    const mw_dkim_check *c;
    int subject = 0;
    EXPECT(mw_dkim_sign_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_dkim_sign_options_set_now(o, NOW, NULL) == MW_OK);
    EXPECT(mw_dkim_sign_options_set_canonicalization(o, MW_DKIM_SIMPLE, MW_DKIM_RELAXED, NULL) == MW_OK);
    EXPECT(mw_dkim_sign_options_add_header(o, "Subject", NULL) == MW_OK);
    EXPECT(mw_dkim_sign_options_set_lifetime(o, 3600, NULL) == MW_OK);
    s = signer_from(dir, "ed", "ed2026", o);
    mw_dkim_sign_options_free(o); /* the signer keeps what it needs */
    EXPECT(s != NULL);
    EXPECT(mw_dkim_signer_sign_message(&signed_message, &length, s, PLAIN, strlen(PLAIN), NULL) == MW_OK);
    EXPECT(signed_message != NULL && strstr(signed_message, "x=1796302800;") != NULL);
    r = check(resolver, signed_message, length, NOW + 60);
    c = mw_message_report_dkim_get(r, 0);
    EXPECT(strcmp(mw_dkim_check_result(c), "pass") == 0);
    EXPECT(strcmp(mw_dkim_check_canonicalization(c), "simple/relaxed") == 0);
    n = mw_dkim_check_signed_header_count(c);
    for (i = 0; i < n; ++i) {
        const char *h = mw_dkim_check_signed_header(c, i);
        EXPECT(strcmp(h, "From") == 0 || strcmp(h, "Subject") == 0 || strcmp(h, "from") == 0 || strcmp(h, "subject") == 0);
        subject += strcmp(h, "Subject") == 0 || strcmp(h, "subject") == 0;
    }
    EXPECT(n >= 2 && subject >= 1);
    mw_message_report_free(r);
    /* Two hours later, past x=. */
    r = check(resolver, signed_message, length, NOW + 7200);
    c = mw_message_report_dkim_get(r, 0);
    EXPECT(strcmp(mw_dkim_check_result(c), "permerror") == 0 && strcmp(mw_dkim_check_reason(c), "signature_expired") == 0);
    mw_message_report_free(r);
    mw_string_free(signed_message);
    mw_dkim_signer_free(s);
    /* A freed signer is closed: MW_EINVAL, not a use after free; a second free is a no-op. */
    signed_message = NULL;
    EXPECT(mw_dkim_signer_sign_message(&signed_message, NULL, s, PLAIN, strlen(PLAIN), NULL) == MW_EINVAL);
    EXPECT(signed_message == NULL);
    mw_dkim_signer_free(s);
}

static mw_readiness_report *readiness(mw_resolver *resolver, const mw_readiness_input *in) {
    mw_readiness_report *r = NULL;
    mw_error *err = NULL;
    if (mw_readiness_check(&r, in, resolver, &err) != MW_OK) {
        fprintf(stderr, "readiness: %s\n", mw_error_message(err));
        mw_error_free(err);
    }
    EXPECT(r != NULL);
    return r;
}

static int rule_status(const mw_readiness_report *r, const char *id) {
    return mw_readiness_rule_status(mw_readiness_report_rule_find(r, id));
}

static void test_readiness(mw_resolver *resolver, const mw_dkim_signer *rsa, const char *dir) {
    static const char *passing[] = {"spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe", "from_not_provider"};
    mw_readiness_input *in = NULL;
    mw_readiness_report *r;
    const mw_readiness_rule *rule;
    char *signed_message = NULL, *json = NULL, path[512];
    size_t length = 0, i;
    mw_tracker *tracker = NULL;
    mw_account_stats *stats = NULL;
    mw_error *err = NULL;
    EXPECT(mw_dkim_signer_sign_message(&signed_message, &length, rsa, PLAIN, strlen(PLAIN), NULL) == MW_OK);
    EXPECT(mw_readiness_input_new(&in, DOMAIN, NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_sample(in, signed_message, length, NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_connection(in, "192.0.2.10", NULL, "bounces@" DOMAIN, NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_now(in, NOW, NULL) == MW_OK);
    mw_string_free(signed_message);

    r = readiness(resolver, in);
    EXPECT(mw_readiness_report_ready(r) == 1 && strcmp(mw_readiness_report_domain(r), DOMAIN) == 0);
    EXPECT(mw_readiness_report_rule_count(r) == 9);
    for (i = 0; i < sizeof passing / sizeof passing[0]; ++i) EXPECT(rule_status(r, passing[i]) == MW_RULE_PASS);
    EXPECT(rule_status(r, "tls") == MW_RULE_UNKNOWN && rule_status(r, "complaint_rate") == MW_RULE_UNKNOWN);
    rule = mw_readiness_report_rule_find(r, "reverse_dns");
    EXPECT(strcmp(mw_readiness_rule_evidence(rule), "192.0.2.10 -> PTR mta." DOMAIN " -> A 192.0.2.10") == 0);
    EXPECT(mw_readiness_rule_required(rule) == 1 && mw_readiness_rule_provider_count(rule) == 2);
    EXPECT(strcmp(mw_readiness_rule_provider(rule, 0), "gmail") == 0 && strcmp(mw_readiness_rule_provider(rule, 2), "") == 0);
    EXPECT(strlen(mw_readiness_rule_title(rule)) > 0);
    EXPECT(strstr(mw_readiness_rule_evidence(mw_readiness_report_rule_find(r, "dkim")), "2048-bit key: pass") != NULL);
    EXPECT(strcmp(mw_readiness_rule_id(mw_readiness_report_rule_get(r, 0)), "spf") == 0);
    EXPECT(mw_readiness_report_rule_get(r, 9) == NULL && mw_readiness_report_rule_find(r, "nope") == NULL);
    EXPECT(mw_readiness_report_to_json(&json, r, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"ready\":true") != NULL && strstr(json, "\"id\":\"reverse_dns\"") != NULL);
    mw_string_free(json);
    mw_readiness_report_free(r);

    /* 5 complaints in 1000 sends: over Gmail's 0.3 %, not ready. */
    EXPECT(mw_readiness_input_set_figures(in, "acme", 1000, 3, 5, NULL) == MW_OK);
    r = readiness(resolver, in);
    EXPECT(rule_status(r, "complaint_rate") == MW_RULE_FAIL && mw_readiness_report_ready(r) == 0);
    EXPECT(strstr(mw_readiness_rule_evidence(mw_readiness_report_rule_find(r, "complaint_rate")), "account acme") != NULL);
    mw_readiness_report_free(r);
    /* 2 in 1000: under the limit, over the recommendation, which does not count. */
    EXPECT(mw_readiness_input_set_figures(in, "acme", 1000, 3, 2, NULL) == MW_OK);
    r = readiness(resolver, in);
    EXPECT(rule_status(r, "complaint_rate") == MW_RULE_PASS && rule_status(r, "complaint_rate_recommended") == MW_RULE_FAIL);
    EXPECT(mw_readiness_rule_required(mw_readiness_report_rule_find(r, "complaint_rate_recommended")) == 0);
    EXPECT(mw_readiness_report_ready(r) == 1);
    mw_readiness_report_free(r);

    /* The tracker's figures: an account without sends is unknown. */
    snprintf(path, sizeof path, "%s/tracker.db", dir);
    EXPECT(mw_tracker_open(&tracker, path, NULL, NULL) == MW_OK);
    EXPECT(mw_tracker_stats(&stats, tracker, "acme", NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_stats(in, stats, NULL) == MW_OK);
    mw_account_stats_free(stats);
    mw_tracker_free(tracker);
    r = readiness(resolver, in);
    rule = mw_readiness_report_rule_find(r, "complaint_rate");
    EXPECT(mw_readiness_rule_status(rule) == MW_RULE_UNKNOWN && strstr(mw_readiness_rule_evidence(rule), "acme") != NULL);
    mw_readiness_report_free(r);
    EXPECT(mw_readiness_input_set_stats(in, NULL, NULL) == MW_OK);

    /* A PTR whose name does not come back to the IP. */
    EXPECT(mw_readiness_input_set_connection(in, "192.0.2.11", NULL, NULL, NULL) == MW_OK);
    r = readiness(resolver, in);
    EXPECT(rule_status(r, "reverse_dns") == MW_RULE_FAIL && mw_readiness_report_ready(r) == 0);
    mw_readiness_report_free(r);

    /* DNS alone: what needs a sample or an IP is unknown. */
    EXPECT(mw_readiness_input_set_sample(in, NULL, 0, NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_connection(in, NULL, NULL, NULL, NULL) == MW_OK);
    r = readiness(resolver, in);
    EXPECT(rule_status(r, "spf") == MW_RULE_PASS && rule_status(r, "dkim") == MW_RULE_UNKNOWN);
    EXPECT(rule_status(r, "reverse_dns") == MW_RULE_UNKNOWN && mw_readiness_report_ready(r) == 1);
    mw_readiness_report_free(r);

    /* Bad input: typed errors from the check. */
    EXPECT(mw_readiness_input_set_connection(in, "300.1.1.1", NULL, NULL, NULL) == MW_OK);
    r = NULL;
    EXPECT(mw_readiness_check(&r, in, resolver, &err) == MW_EINVAL && r == NULL);
    EXPECT(strstr(mw_error_message(err), "300.1.1.1") != NULL);
    mw_error_free(err);
    EXPECT(mw_readiness_input_set_connection(in, NULL, NULL, NULL, NULL) == MW_OK);
    EXPECT(mw_readiness_input_set_sample(in, "", 0, NULL) == MW_OK);
    EXPECT(mw_readiness_check(&r, in, resolver, NULL) == MW_EINVAL && r == NULL);
    mw_readiness_input_free(in);
}

static void run_with_dns(const char *dns, const char *dir) {
    mw_resolver *resolver = open_resolver(dns);
    mw_dkim_sign_options *o = NULL;
    mw_dkim_signer *rsa, *ed;
    EXPECT(mw_dkim_sign_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_dkim_sign_options_set_now(o, NOW, NULL) == MW_OK);
    rsa = signer_from(dir, "rsa", "s2026", o);
    ed = signer_from(dir, "ed", "ed2026", o);
    mw_dkim_sign_options_free(o);
    EXPECT(rsa != NULL && ed != NULL);
    if (rsa != NULL && ed != NULL) {
        test_sign_and_verify(resolver, rsa, ed);
        test_both_signers(resolver, rsa, ed);
        test_options(resolver, dir);
        test_readiness(resolver, rsa, dir);
    }
    mw_dkim_signer_free(rsa);
    mw_dkim_signer_free(ed);
    mw_resolver_free(resolver);
}

/* Makes the keys and the zones in a new folder and runs this program again
 * under run-with-unbound.sh serving them; returns its exit status. */
static int run_under_unbound(const char *self, const char *run_with_unbound) {
    char dir[] = "/tmp/mw-capi-dkim.XXXXXX";
    char command[1024];
    int status = 1;
    pid_t pid;
    if (mkdtemp(dir) == NULL) return 1;
    if (make_zone(dir) && failures == 0) {
        pid = fork();
        if (pid == 0) {
            execl(run_with_unbound, run_with_unbound, dir, "--", self, run_with_unbound, dir, (char *)NULL);
            _exit(127);
        }
        if (pid > 0 && waitpid(pid, &status, 0) == pid)
            status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    } else {
        fprintf(stderr, "could not make the keys and zones in %s\n", dir);
    }
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    if (system(command) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return status;
}

int main(int argc, char **argv) {
    const char *dns = getenv("MW_TEST_DNS");
    if (argc < 2) {
        fprintf(stderr, "usage: %s RUN_WITH_UNBOUND [WORK_DIR]\n", argv[0]);
        return 2;
    }
    if (argc == 2) {
        int status;
        test_null_arguments();
        test_bad_keys_and_options();
        status = run_under_unbound(argv[0], argv[1]);
        printf("%d passed, %d failed (before unbound)\n", checks - failures, failures);
        return failures == 0 ? status : 1;
    }
    EXPECT(dns != NULL && *dns != '\0');
    if (dns != NULL && *dns != '\0') run_with_dns(dns, argv[2]);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
